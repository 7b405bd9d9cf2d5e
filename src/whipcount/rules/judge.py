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

from whipcount.errors import RulesError
from whipcount.model.arguments import check_count, check_counts
from whipcount.rules.core import MOTION_LOST, Constitution, LegalSource, MotionRule, Threshold
from whipcount.rules.decide import PassRule, pass_rule_for
from whipcount.rules.division_words import Counts, left_out, tally_words
from whipcount.rules.needed import chamber_seats, check_vacancies, floor_clause, head_of, of_basis
from whipcount.rules.registry import get_constitution
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


def _read_candidates(yes: int, no: int | None, candidates: Mapping[str, int] | None, round: int,
                     notes: list[str], among: int = 2, plurality: bool = False) -> tuple[int, int | None, str | None]:
    """An election: the leader's votes stand for yes; all others' for no, in a run-off between the top
    ``among`` (two or more) those of the others it is held among (votes for anyone else are not run-off
    votes); a further vote that is not between the top few (``among`` below two) counts every candidate.
    On a ``plurality`` (the most votes elect) no is the runner-up's votes alone, in any poll."""
    if not candidates:
        return yes, no, None
    for name, votes in candidates.items():
        if votes < 0:
            raise RulesError(f"candidates: {name!r} has {votes} votes; expected a count >= 0")
    ranked = sorted(candidates.items(), key=lambda kv: -kv[1])
    leader, lead = ranked[0]
    top = round == 2 and among >= 2
    others = ranked[1:among] if top else ranked[1:]
    if plurality:  # the most votes: the leader against the runner-up, whoever else stood
        top, others = False, ranked[1:2]
    if top and ranked[among:]:
        left = ", ".join(f"{name} {votes}" for name, votes in ranked[among:])
        notes.append(f"not counted: votes for others than the top {among} of the run-off ({left})")
    if len(ranked) > 1 or no is None:  # the others' votes are read from the candidates, not from a yes/no split
        no = sum(v for _, v in others)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        notes.append(f"{ranked[0][0]} and {ranked[1][0]} tie on {lead} votes")
    return lead, no, leader


def _check_counts(counts: Counts, defectors: int, seats: int, vacancies: int) -> None:
    labelled = (("yes", counts.yes), ("no", counts.no), ("abstain", counts.abstain), ("absent", counts.absent),
                ("present not voting", counts.present_not_voting), ("invalid", counts.invalid))
    check_count(counts.yes, "yes")  # the one count that is never None
    for label, value in (*labelled, ("defectors", defectors)):
        if value is not None and check_count(value, label.replace(" ", "_")) < 0:
            raise RulesError(f"{label}: expected a count >= 0, got {value}")
    sitting = seats - vacancies
    counted = sum(v or 0 for _, v in labelled)
    if counted > sitting:
        parts = " + ".join(f"{v} {k}" for k, v in labelled if v)
        raise RulesError(
            f"the counts add up to {counted} ({parts}) but the chamber has only {sitting} sitting members"
            + (f" ({seats} seats less {vacancies} vacant)" if vacancies else "")
        )
    if defectors > counts.yes:
        raise RulesError(f"defectors: {defectors} votes against the party's direction, but only {counts.yes} yes votes")


def _counted_yes(rule: MotionRule, on: dt.date | None, yes: int, defectors: int, notes: list[str]) -> int:
    """Yes votes that count: without those cast against the party's direction where the law says so."""
    period = rule.defection_on(on)
    if not defectors or period is None:
        return yes
    where = period.source.article
    if period.counted:
        notes.append(f"{defectors} vote(s) cast against the party's direction counted ({where})")
        return yes
    notes.append(f"{defectors} vote(s) cast against the party's direction not counted "
                 f"({where}{': ' + period.note if period.note else ''})")
    return yes - defectors


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
    no, abstain, absent, present_not_voting, invalid = (
        None if v is None else check_count(v, k) for k, v in (("no", no), ("abstain", abstain), ("absent", absent),
                                                             ("present_not_voting", present_not_voting),
                                                             ("invalid", invalid)))
    c, rule, n_seats, (th, src) = _rule_for(rules_id, kind, on, seats, vacancies, casting_vote, round)
    notes, among = _poll_notes(rule, round)
    if casting_vote is not None and th.tie != "casting-vote":  # said, not dropped without a word
        notes.append(f"casting vote not counted: under {th.describe()} the chair has none, and a tie fails")
    yes, no, leader = _read_candidates(yes, no, candidates, round, notes, among, th.basis == "plurality")
    counts = Counts(yes, no, abstain, absent, present_not_voting, leader, invalid)
    _check_counts(counts, defectors, n_seats, vacancies)
    counted_yes = _counted_yes(rule, on, yes, defectors, notes)
    if (th.depends_on_turnout or th.negative) and no is None:
        raise RulesError(f"{c.named} {kind}: {th.describe()} needs the number of noes (--no N); only yes was given")
    no_n, abst, pnv = no or 0, abstain or 0, counts.no_valid_vote

    decision = pass_rule_for(th, seats=n_seats, vacancies=vacancies, casting_vote=casting_vote)
    # members whose votes are not counted were still present: they count toward the quorum
    passed = bool(decision.passes_one(counted_yes, no_n, abst, pnv + (yes - counted_yes),
                                      check_quorum=no is not None))  # a bool, not numpy's, for counts of numpy's
    n = _basis_size(th, counted_yes, no_n, abst, n_seats, vacancies)
    # where only the votes for are recorded, noes and abstentions given are not in the tally but in a note
    said = replace(counts, no=None, abstain=None) if rule.votes_recorded == "yes-only" else counts
    notes += filter(None, [not_recorded_note(rule.votes_recorded, no, abstain, src.article)])
    tally = poll_label(kind, round, rule.runoff is not None) + tally_words(said, counted_yes, round, among,
                                                                         th.basis == "plurality")
    against = no_n + (abst if th.basis == "present" else 0)
    add, decides = floor_clause(th, counted_yes, decision.share_bar(n), decision.floor, n_seats, vacancies)
    of = left_out(th, of_basis(th.basis, n, n_seats, vacancies, th.vacancies_verified), counts, abst) + add
    reason, tie = _reason(th, decision, tally, n, of, src.article, yes=counted_yes, against=against,
                          casting_vote=casting_vote)
    quorum_met, presence = _quorum_met(th, decision.quorum or None, counts, n_seats)
    reason += (f"; {decides}" if decides and n else "") + presence
    bar = decision.bar(n)  # a tie's casting vote included
    effect, next_step, elected = _effect_of(rule, kind, round, passed, bar, leader, quorum_met)
    if tie and not passed and round == 2 and rule.runoff is not None and rule.runoff.if_tied:
        notes.append(rule.runoff.if_tied)  # what follows a tied run-off: said after one, never after a win
    explanation = "; ".join(filter(None, (reason, effect))) + (" (" + "; ".join(notes) + ")" if notes else "")
    return Outcome(
        passed=passed, needed=None if th.negative else bar, basis=th.basis, motion=kind, rules=c.id,
        explanation=explanation, yes=yes, no=no, abstain=abstain, absent=absent, seats=n_seats,
        vacancies=vacancies, on=on, counted_yes=counted_yes, reject_at=bar if th.negative else None,
        tie=tie, quorum=decision.quorum or None, quorum_met=quorum_met, round=round, next_step=next_step,
        effect=effect, source=src, notes=tuple(notes), present_not_voting=present_not_voting, elected=elected,
        invalid=invalid, vacancies_verified=th.vacancies_verified, votes_recorded=rule.votes_recorded,
        floor_basis=th.floor.basis if th.floor is not None else None, defectors=defectors or None,
    )


def _rule_for(rules_id: str | Constitution, kind: str, on: dt.date | None, seats: int | None, vacancies: int,
              casting_vote: str | None, round: int
              ) -> tuple[Constitution, MotionRule, int, tuple[Threshold, LegalSource]]:
    """The constitution, the motion's rule on ``on``, the chamber's seats and the poll's threshold and source;
    a casting vote other than yes or no, vacancies the chamber cannot have or a poll the rule lacks raise."""
    c = get_constitution(rules_id)
    rule = c.motion(kind, on)
    n_seats = chamber_seats(c, seats, on)
    check_vacancies(n_seats, vacancies)
    if casting_vote not in (None, "yes", "no"):
        raise RulesError(f"casting vote: expected yes or no, got {casting_vote!r}")
    try:
        return c, rule, n_seats, rule.poll(round)
    except RulesError as e:
        raise RulesError(f"{c.named}: {e}") from None


def _poll_notes(rule: MotionRule, round: int) -> tuple[list[str], int]:
    """The notes every judgement under ``rule`` starts with (an unverified rule, the run-off's own note; its
    ``if_tied`` is added by :func:`judge` after a tie), and
    among how many candidates the poll is held (two but in a run-off that says otherwise)."""
    notes: list[str] = [] if rule.verified else [f"this rule is not verified: {rule.note or 'see the profile'}"]
    if round == 2 and rule.runoff is not None and rule.runoff.note:
        notes.append(rule.runoff.note)
    return notes, rule.runoff.among if round == 2 and rule.runoff is not None else 2


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
