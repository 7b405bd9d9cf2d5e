"""Reading a division before it is judged: the rule it falls under on its day, its counts as the ints they
are, the candidates' votes read as yes and no, the counts checked against the chamber, and the yes votes that
count where votes cast against a party's direction do not (Pakistan's Art. 63A).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace

from whipcount.errors import RulesError
from whipcount.model.arguments import check_count
from whipcount.rules.core import Constitution, LegalSource, MotionRule, Threshold
from whipcount.rules.division_words import Counts
from whipcount.rules.needed import chamber_seats, check_vacancies
from whipcount.rules.registry import get_constitution

__all__ = ["Division", "given_counts", "read_division"]


def given_counts(yes: int, no: int | None, abstain: int | None, absent: int | None,
                  present_not_voting: int | None, invalid: int | None) -> Counts:
    """The counts as given, each as the int it is (174.0 votes are 174), or an ArgumentError naming it."""
    yes = check_count(yes, "yes")
    no, abstain, absent, present_not_voting, invalid = (
        None if v is None else check_count(v, k) for k, v in (("no", no), ("abstain", abstain), ("absent", absent),
                                                             ("present_not_voting", present_not_voting),
                                                             ("invalid", invalid)))
    return Counts(yes, no, abstain, absent, present_not_voting, None, invalid)


@dataclass(slots=True)
class Division:
    """A division being judged: the constitution, the motion's rule and the poll's threshold and source, the
    chamber's seats, the counts once candidates are read, the yes votes that count and the notes so far."""

    c: Constitution
    rule: MotionRule
    kind: str
    round: int
    th: Threshold
    src: LegalSource
    seats: int
    vacancies: int
    counts: Counts
    counted_yes: int
    among: int
    casting_vote: str | None
    notes: list[str]


def read_division(rules_id: str | Constitution, kind: str, on: dt.date | None, seats: int | None, vacancies: int,
              casting_vote: str | None, round: int, given: Counts, candidates: Mapping[str, int] | None,
              defectors: int) -> Division:
    """The rule the division falls under and its counts read and checked: candidates' votes as yes and no,
    the counts against the chamber, the yes votes that count; a basis that needs the noes and lacks them raises."""
    c, rule, n_seats, (th, src) = _rule_for(rules_id, kind, on, seats, vacancies, casting_vote, round)
    notes, among = _poll_notes(rule, round)
    if casting_vote is not None and th.tie != "casting-vote":  # said, not dropped without a word
        notes.append(f"casting vote not counted: under {th.describe()} the chair has none, and a tie fails")
    yes, no, leader = _read_candidates(given.yes, given.no, candidates, round, notes, among, th.basis == "plurality")
    counts = replace(given, yes=yes, no=no, leader=leader)
    _check_counts(counts, defectors, n_seats, vacancies)
    counted_yes = _counted_yes(rule, on, yes, defectors, notes)
    if (th.depends_on_turnout or th.negative) and no is None:
        raise RulesError(f"{c.named} {kind}: {th.describe()} needs the number of noes (--no N); only yes was given")
    return Division(c, rule, kind, round, th, src, n_seats, vacancies, counts, counted_yes, among, casting_vote,
                     notes)


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
    ``if_tied`` is added by :func:`~whipcount.rules.judge.judge` after a tie), and
    among how many candidates the poll is held (two but in a run-off that says otherwise)."""
    notes: list[str] = [] if rule.verified else [f"this rule is not verified: {rule.note or 'see the profile'}"]
    if round == 2 and rule.runoff is not None and rule.runoff.note:
        notes.append(rule.runoff.note)
    return notes, rule.runoff.among if round == 2 and rule.runoff is not None else 2


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
