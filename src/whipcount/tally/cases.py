"""Cases side by side: the figures a comparative study needs from each scenario's main motion.

``case_summary(scenario)`` gives one :class:`CaseSummary`: the chamber on the day of the vote, the bar and
its basis (or, under a negative majority, the noes that reject the motion), the recorded yes votes and the
margin over the bar, how long the motion took from filing to
vote, how many seats changed side in between, and the outcome judged under the chamber's rules (the
same :func:`whipcount.rules.judge` every other command asks). ``judge_recorded`` judges any motion of a
scenario on its recorded division.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.model import Motion, Scenario
from whipcount.model.replayer import seat_tallies
from whipcount.rules import Constitution, Judged, Outcome, get_constitution, judge_recorded_division
from whipcount.rules.in_force import check_rule_on
from whipcount.rules.needed import check_members_in, scenario_needed, seats_note

__all__ = ["CaseSummary", "case_summary", "judge_recorded", "seats_changed_side"]


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One scenario's main motion, reduced to comparable figures (None where the record is silent); ``notes``:
    where the scenario's chamber is not the size its rules profile fixes on the day, the note saying so."""

    id: str
    title: str
    country: str
    chamber: str
    rules: str
    motion: str | None
    target: str | None
    successor: str | None
    filed: dt.date | None
    vote: dt.date | None
    seats: int
    vacancies: int
    basis: str | None
    needed: int | None
    reject_at: int | None
    yes: int | None
    no: int | None
    abstain: int | None
    margin: int | None
    days: int | None
    changed_side: int | None
    passed: bool | None
    outcome: str
    verified: bool
    adjudicated: str | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (dates as ISO text)."""
        out = dataclasses.asdict(self)
        out["notes"] = list(self.notes)
        for key in ("filed", "vote"):
            day = out[key]
            out[key] = day.isoformat() if day is not None else None
        return out


def judge_recorded(scenario: Scenario, motion: Motion) -> Outcome | None:
    """``motion``'s recorded division judged under its rules on the day of the vote, as finally counted (after
    any later decision that changed the count; None: no division)."""
    judged = judge_division_of(scenario, motion)
    return judged.final if judged is not None else None


def vote_day(scenario: Scenario, motion: Motion) -> dt.date:
    """The day ``motion`` is voted on: its ``vote``, else its division's date, else the scenario's date."""
    return motion.vote or scenario.default_date  # a dated division sets the vote (Motion)


def judge_division_of(scenario: Scenario, motion: Motion, *, rules: str | Constitution | None = None,
                      as_of: dt.date | None = None) -> Judged | None:
    """``motion``'s recorded division (None: none recorded) judged as the chamber stood on the day of the
    vote, its seats and vacancies then, under ``rules`` (default: the motion's own), as adjudicated by the
    decisions made by ``as_of`` (all of them when None). Every command that judges a recorded division
    asks here, so that a later date given to see a later decision never re-counts the chamber: seats left
    vacant after the vote do not lower the bar it was held to."""
    div = motion.division
    if div is None:
        return None
    on = vote_day(scenario, motion)
    state = scenario.state(max(on, scenario.chamber.as_of))
    profile = rules if rules is not None else scenario.rules_for(motion)
    check_rule_on(scenario, on, motion, rules=profile)
    judged = judge_recorded_division(profile, motion.kind, div, seats=state.seats, vacancies=state.vacancies, on=on,
                                     as_of=as_of, successor=motion.successor)
    said = seats_note(profile, on, state.seats)
    return judged.with_notes(said) if said else judged



def seats_changed_side(scenario: Scenario, start: dt.date, end: dt.date) -> int:
    """Seats moved from one side to another by the events after ``start`` up to the end of ``end``.

    Each event is compared with the state just before it, party by party: the seats a party gained on
    some side, less the seats it gained in all, so a filled vacancy, a resignation or a split into a new
    party is not a change of side. A change of government is left out: it relabels the sides rather than
    moving members. A seat that moves and moves back counts twice (moves are counted, not net change).
    The log is read once, as seats by party and side (:func:`~whipcount.model.replayer.seat_tallies`), never a
    copy of the chamber per event.
    """
    moved = 0
    before: dict[str, dict[str, int]] | None = None
    for step in seat_tallies(scenario.chamber, scenario.parties, scenario.events, members=scenario.members):
        event, after = step.event, step.holdings
        if event is not None and before is not None and start < event.date <= end \
                and event.kind != "government-change":
            moved += _moves(before, after)
        before = after
    return moved


def _moves(before: dict[str, dict[str, int]], after: dict[str, dict[str, int]]) -> int:
    moved = 0
    for party, sides in after.items():
        was = before.get(party, {})
        gained = sum(max(0, n - was.get(side, 0)) for side, n in sides.items())
        grown = max(0, sum(sides.values()) - sum(was.values()))
        moved += gained - grown
    return moved


def _outcome_text(judged: Judged | None, successor: str | None) -> str:
    if judged is None:
        return "no recorded division"
    return judged.final.verdict(successor)


def _adjudicated(judged: Judged | None, successor: str | None) -> str | None:
    """Where a later decision changed the count: what was declared on the day, and who decided otherwise."""
    if judged is None or judged.adjudicated is None or judged.decision is None:
        return None
    was, now, d = judged.declared, judged.adjudicated, judged.decision

    def votes(o: Outcome) -> str:  # an election's leader's votes, named where the leader is not the successor
        return f"{o.counted_yes}" + (f" for {o.elected}" if o.elected not in (None, successor) else "")

    return (f"declared {was.verdict(successor)} with {votes(was)} on the day; "
            f"{votes(now)} counted as adjudicated by {d.by} on {d.date.isoformat()}")


def case_summary(scenario: Scenario) -> CaseSummary:
    """The comparable figures of ``scenario``'s main motion (see :class:`CaseSummary`)."""
    c = scenario.chamber
    motion = scenario.motion
    constitution = get_constitution(scenario.rules_for(motion))
    vote = motion.vote if motion is not None else None
    on = max(vote or scenario.default_date, c.as_of)
    state = scenario.state(on)
    judged = judge_division_of(scenario, motion) if motion is not None else None
    outcome = judged.final if judged is not None else None
    bar = outcome.needed if outcome is not None else None
    reject_at = outcome.reject_at if outcome is not None else None
    basis = outcome.basis if outcome is not None else None
    if outcome is None and motion is not None:
        check_members_in(scenario, state)
        check_rule_on(scenario, on, motion)
        need = scenario_needed(scenario.rules_for(motion), motion.kind, seats=state.seats, vacancies=state.vacancies,
                               on=on, round=motion.round)
        bar, reject_at, basis = need.count, need.reject_at, need.basis
    said = seats_note(constitution, on, state.seats, "counted" if outcome is None else "judged") if motion else None
    div = motion.division if motion is not None else None
    filed = motion.filed if motion is not None else None
    start = max(filed, c.as_of) if filed is not None else None
    return CaseSummary(
        id=scenario.id,
        title=scenario.title,
        country=constitution.country,
        chamber=c.name,
        rules=constitution.id,
        motion=motion.kind if motion is not None else None,
        target=motion.target if motion is not None else None,
        successor=motion.successor if motion is not None else None,
        filed=filed,
        vote=vote,
        seats=state.seats,
        vacancies=state.vacancies,
        basis=basis,
        needed=bar,
        reject_at=reject_at,
        yes=outcome.yes if outcome is not None else None,
        no=outcome.no if outcome is not None else None,
        abstain=div.abstain if div is not None else None,
        margin=outcome.counted_yes - bar if outcome is not None and bar is not None else None,
        days=(vote - filed).days if vote is not None and filed is not None else None,
        changed_side=seats_changed_side(scenario, start, on) if start is not None else None,
        passed=outcome.passed if outcome is not None else None,
        outcome=_outcome_text(judged, motion.successor if motion is not None else None),
        adjudicated=_adjudicated(judged, motion.successor if motion is not None else None),
        verified=div.verified if div is not None else False,
        notes=(said,) if said else (),
    )
