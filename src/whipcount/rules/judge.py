"""Judging a vote: whether a division carried the motion under the rules of its day, and why.

The verdict itself comes from :class:`whipcount.rules.decide.PassRule`, the same object every forecast
asks; this module checks the counts, works out which votes count (candidates, run-offs, Art. 63A-style
defections), and writes the reason in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from whipcount.model.arguments import check_count, check_counts
from whipcount.rules.core import MOTION_LOST, Constitution, LegalSource, MotionRule, Threshold
from whipcount.rules.decide import PassRule, pass_rule_for
from whipcount.rules.division import Division, given_counts, read_division
from whipcount.rules.division_words import Counts, left_out, tally_words
from whipcount.rules.needed import floor_clause, head_of, of_basis
from whipcount.rules.wording import named_effect, not_recorded_note, poll_label, vacancies_verified_for, vacancy_keys

__all__ = ["Outcome", "judge", "verdict"]


def verdict(passed: bool, elected: str | None, successor: str | None) -> str:
    """How a judged motion's result reads beside its name: "passed" or "failed"; or, where an election named
    for one candidate (``successor``) elected another, who was elected ("Red Leader elected, not Blue
    Leader"), never "passed", which would read as the named candidate's election."""
    if passed and elected is not None and successor is not None and elected != successor:
        return f"{elected} elected, not {successor}"
    return "passed" if passed else "failed"


@dataclass(frozen=True, slots=True)
class Outcome:
    """A division judged under a constitution: passed or not, the bar, its basis, and the reason.

    ``vacancies_verified`` is as :meth:`to_dict` gives it: None where vacant seats have no part in the bar."""

    passed: bool
    needed: int | None
    basis: str
    motion: str
    rules: str
    explanation: str
    yes: int
    no: int | None
    abstain: int | None
    absent: int | None
    seats: int
    vacancies: int
    on: dt.date | None
    counted_yes: int
    reject_at: int | None = None
    tie: bool = False
    quorum: int | None = None
    quorum_met: bool | None = None
    round: int = 1
    next_step: str | None = None
    effect: str = ""
    source: LegalSource | None = None
    notes: tuple[str, ...] = field(default=())
    present_not_voting: int | None = None
    elected: str | None = None
    invalid: int | None = None
    vacancies_verified: bool | None = True  # the threshold's: False where no source settles how vacant seats count
    votes_recorded: str = "all"  # the rule's: "yes-only" where only the votes for the motion are recorded
    floor_basis: str | None = None  # the threshold's floor's membership basis, None without a floor
    defectors: int | None = None  # yes votes cast against the party's direction, None where none are given

    def __post_init__(self) -> None:
        # vacancies_verified as to_dict() gives it: None where vacant seats have no part in the bar
        object.__setattr__(self, "vacancies_verified",
                           vacancies_verified_for(self.basis, self.vacancies_verified, self.floor_basis))

    def verdict(self, successor: str | None = None) -> str:
        """The result in words beside a motion named for ``successor`` (see :func:`verdict`)."""
        return verdict(self.passed, self.elected, successor)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the keys the command line's ``--json`` prints)."""
        return {
            "passed": self.passed,
            "needed": self.needed,
            "basis": self.basis,
            **vacancy_keys(self.basis, self.vacancies_verified, self.floor_basis),
            "votes_recorded": self.votes_recorded,
            "motion": self.motion,
            "rules": self.rules,
            "explanation": self.explanation,
            "elected": self.elected,
            "yes": self.yes,
            "no": self.no,
            "abstain": self.abstain,
            "absent": self.absent,
            "counted_yes": self.counted_yes,
            "seats": self.seats,
            "vacancies": self.vacancies,
            "on": self.on.isoformat() if self.on else None,
            "reject_at": self.reject_at,
            "tie": self.tie,
            "quorum": self.quorum,
            "quorum_met": self.quorum_met,
            "round": self.round,
            "next_step": self.next_step,
            "effect": self.effect,
            "source": {"article": self.source.cite(), "url": self.source.url} if self.source else None,
            "notes": list(self.notes),
            "present_not_voting": self.present_not_voting,
            "invalid": self.invalid,
            "defectors": self.defectors,
        }


def _basis_size(th: Threshold, yes: int, no: int, abstain: int, seats: int, vacancies: int) -> int:
    if th.basis in ("votes-cast", "present-and-voting", "plurality"):
        return yes + no
    if th.basis == "present":
        return yes + no + abstain
    return seats - vacancies if th.basis == "sitting" else seats


def _reason(th: Threshold, decision: PassRule, tally: str, n: int, of: str, article: str, *,
            yes: int, against: int, casting_vote: str | None) -> tuple[str, bool]:
    """Why the division went as it did, in words, and whether it was a tie."""
    bar = decision.bar(n)
    if th.negative:
        return f"{tally}; rejected only if {bar} vote against: {head_of(th)} {of}, {article}", False
    # n is yes + against on every turnout basis, so a tie has n = 2 * yes: n > 0 and n > 1 say the same of it
    tie = (th.depends_on_turnout and n > 0  # equivalent mutant "0 -> 1": see above
           and yes == against and th.fraction == Fraction(1, 2))
    if not tie:
        if th.depends_on_turnout and n == 0:
            return f"{tally}: no votes cast, nothing carried; {head_of(th)} {of}, {article}", False
        return f"{tally}; {bar} needed{decision.tie_words(n)}: {head_of(th)} {of}, {article}", False
    chair = f" ({th.tie_source.article})" if th.tie_source else ""
    if th.tie != "casting-vote":
        if not th.strict:  # "at least one half": a tie is exactly the bar, so it carries
            return f"{tally}: a tie, which reaches the bar; {bar} needed: {head_of(th)} {of}, {article}", True
        return f"{tally}: a tie, and a tie fails; {bar} needed: {head_of(th)} {of}, {article}", True
    cast = casting_vote or th.tie_convention
    if cast is None:
        return (f"{tally}: a tie; the presiding officer decides{chair}, and no casting vote was given, so it is "
                f"not counted as carried; {head_of(th)} {of} otherwise, {article}"), True
    how = "as given" if casting_vote else "by convention" + (f": {th.tie_note}" if th.tie_note else "")
    direction = "for the motion" if decision.tie_passes else "against the motion"
    return (f"{tally}: a tie; the presiding officer's casting vote{chair} goes {cast} ({how}, {direction}); "
            f"{head_of(th)} {of} otherwise, {article}"), True


def _effect(rule: MotionRule, kind: str, round: int, passed: bool, bar: int) -> tuple[str, str | None]:
    """What follows the vote; and, after a first poll that elected nobody (or a first vote that failed where
    the rule has a second), the poll or vote that comes next."""
    if passed:
        return rule.effect, None
    if round == 2:
        if rule.runoff is not None and rule.runoff.effect_fail:
            return rule.runoff.effect_fail, None
        return ("no one is elected in the run-off" if kind == "pm-election" else "the motion fails in the second "
                "vote"), None
    if round == 1 and rule.runoff is not None:
        run = rule.runoff
        what = f"a second poll between the top {run.among}" if run.among >= 2 else "a further vote"
        election = kind == "pm-election"
        head = f"no candidate reached {bar} in the first poll" if election else "not carried in the first vote"
        follows = (f"{what} follows, decided by {run.threshold.describe()}"
                   + (f" ({run.source.article})" if run.source else ""))
        if election:
            return f"{head}: {follows}", f"{head}: {follows}"
        # a first vote that fails is not the end of the motion: the default "the motion is lost" would say it is
        lost = head if rule.effect_fail == MOTION_LOST else rule.effect_fail
        return f"{lost}: {follows}", f"{head}: {follows}"
    return rule.effect_fail, None


def judge(
    rules_id: str | Constitution, kind: str, *, yes: int, no: int | None = None, abstain: int | None = None,
    absent: int | None = None, seats: int | None = None, vacancies: int = 0, on: dt.date | None = None,
    candidates: Mapping[str, int] | None = None, round: int = 1, defectors: int = 0,
    casting_vote: str | None = None, present_not_voting: int | None = None, invalid: int | None = None,
) -> Outcome:
    """Judge a division on ``kind`` under ``rules_id`` as the rules stood on ``on``.

    ``no`` is None when the noes were not recorded (Pakistan records only a no-confidence resolution's
    supporters); a basis that needs them then raises RulesError. ``candidates`` (an election) replaces
    ``yes`` by the leading candidate's votes, and in a runoff (``round=2``) ``no`` by the runner-up's.
    ``defectors``: how many of the yes votes were cast against the party's direction (Pakistan's Art. 63A).
    ``casting_vote``: ``"yes"``/``"no"`` for the presiding officer's vote in a tie (default: the
    convention the profile records). ``present_not_voting``: members who declared themselves present
    without voting (they count toward a quorum, not toward the votes cast); ``invalid``: ballots declared
    invalid, counted the same way.
    """
    # every count as the int it is (174.0 votes are 174), or an ArgumentError naming it
    yes, defectors, vacancies = check_count(yes, "yes"), check_count(defectors, "defectors"), \
        check_count(vacancies, "vacancies")
    candidates = None if candidates is None else check_counts(candidates, "candidates")
    given = given_counts(yes, no, abstain, absent, present_not_voting, invalid)
    d = read_division(rules_id, kind, on, seats, vacancies, casting_vote, round, given, candidates, defectors)
    decision = pass_rule_for(d.th, seats=d.seats, vacancies=vacancies, casting_vote=casting_vote)
    no_n, abst = d.counts.no or 0, d.counts.abstain or 0
    # members whose votes are not counted were still present: they count toward the quorum
    uncounted = d.counts.no_valid_vote + (d.counts.yes - d.counted_yes)
    passed = bool(decision.passes_one(d.counted_yes, no_n, abst, uncounted,
                                      check_quorum=d.counts.no is not None))  # a bool, not numpy's, for numpy counts
    n = _basis_size(d.th, d.counted_yes, no_n, abst, d.seats, vacancies)
    reason, tie, quorum_met = _reasoned(d, decision, n)
    bar = decision.bar(n)  # a tie's casting vote included
    effect, next_step, elected = _effect_of(d.rule, kind, round, passed, bar, d.counts.leader, quorum_met)
    if tie and not passed and round == 2 and d.rule.runoff is not None and d.rule.runoff.if_tied:
        d.notes.append(d.rule.runoff.if_tied)  # what follows a tied run-off: said after one, never after a win
    explanation = "; ".join(filter(None, (reason, effect))) + (" (" + "; ".join(d.notes) + ")" if d.notes else "")
    th, c = d.th, d.counts
    return Outcome(
        passed=passed, needed=None if th.negative else bar, basis=th.basis, motion=kind, rules=d.c.id,
        explanation=explanation, yes=c.yes, no=c.no, abstain=c.abstain, absent=c.absent, seats=d.seats,
        vacancies=vacancies, on=on, counted_yes=d.counted_yes, reject_at=bar if th.negative else None,
        tie=tie, quorum=decision.quorum or None, quorum_met=quorum_met, round=round, next_step=next_step,
        effect=effect, source=d.src, notes=tuple(d.notes), present_not_voting=c.present_not_voting,
        elected=elected, invalid=c.invalid, vacancies_verified=th.vacancies_verified,
        votes_recorded=d.rule.votes_recorded, floor_basis=th.floor.basis if th.floor is not None else None,
        defectors=defectors or None,
    )


def _reasoned(d: Division, decision: PassRule, n: int) -> tuple[str, bool, bool | None]:
    """Why the division went as it did, in words (the tally, the bar, its basis and article, the quorum);
    whether it was a tie; and whether the quorum was met (None: no quorum, or the noes not recorded)."""
    th, counts, yes, abst = d.th, d.counts, d.counted_yes, d.counts.abstain or 0
    # where only the votes for are recorded, noes and abstentions given are not in the tally but in a note
    said = replace(counts, no=None, abstain=None) if d.rule.votes_recorded == "yes-only" else counts
    d.notes += filter(None, [not_recorded_note(d.rule.votes_recorded, counts.no, counts.abstain, d.src.article)])
    tally = poll_label(d.kind, d.round, d.rule.runoff is not None) + tally_words(said, yes, d.round, d.among,
                                                                                 th.basis == "plurality")
    against = (counts.no or 0) + (abst if th.basis == "present" else 0)
    add, decides = floor_clause(th, yes, decision.share_bar(n), decision.floor, d.seats, d.vacancies)
    of = left_out(th, of_basis(th.basis, n, d.seats, d.vacancies, th.vacancies_verified), counts, abst) + add
    reason, tie = _reason(th, decision, tally, n, of, d.src.article, yes=yes, against=against,
                          casting_vote=d.casting_vote)
    quorum_met, presence = _quorum_met(th, decision.quorum or None, counts, d.seats)
    return reason + (f"; {decides}" if decides and n else "") + presence, tie, quorum_met


def _effect_of(rule: MotionRule, kind: str, round: int, passed: bool, bar: int, leader: str | None,
               quorum_met: bool | None) -> tuple[str, str | None, str | None]:
    """What follows the vote (naming whom it elects), the poll or vote that comes next, and who is elected:
    the leading candidate of a poll that passed. Without a quorum nothing is decided: no effect of failing,
    no run-off (a candidate who cleared the bar did not fail to reach it)."""
    if quorum_met is False:  # the reason says so: "no valid decision"
        return "", None, None
    effect, next_step = _effect(rule, kind, round, passed, bar)
    elected = leader if passed and leader is not None else None
    if elected is not None:
        effect = named_effect(effect, elected)
    return effect, next_step, elected


def _quorum_met(th: Threshold, quorum: int | None, counts: Counts, seats: int) -> tuple[bool | None, str]:
    """Whether the members present reached the quorum (None: no quorum, or the noes were not recorded), and
    the words a division short of it adds to the reason."""
    if quorum is None or counts.no is None:
        return None, ""
    present = counts.yes + counts.no + (counts.abstain or 0) + counts.no_valid_vote
    if present >= quorum:
        return True, ""
    assert th.quorum is not None
    them = [f"the {counts.present_not_voting} present but not voting"] if counts.present_not_voting else []
    them += [f"the {counts.invalid} who cast an invalid vote"] if counts.invalid else []
    among = f" ({' and '.join(them)} among them)" if them else ""
    return False, f"; only {present} present{among}, short of {th.quorum.describe(seats)}: no valid decision"
