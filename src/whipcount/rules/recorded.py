"""A recorded division judged under its rules: the one place the outcome, the report and the case table ask.

A division is judged as declared on the day and, where a later decision changed how it is counted (a court
holding some votes not countable, or restoring votes the chair excluded), as adjudicated: both are kept, and
the final result is the adjudicated one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from whipcount.model import Adjudication, Division
from whipcount.model.arguments import check_instance
from whipcount.model.division import sat_words
from whipcount.rules.core import Constitution
from whipcount.rules.judge import Outcome, judge
from whipcount.rules.needed import seats_note

__all__ = ["Judged", "changed_words", "judge_division", "judge_recorded_division", "noted", "roll_notes", "seats_note"]


def judge_division(rules: str | Constitution, kind: str, division: Division, *, seats: int, vacancies: int,
                   on: dt.date | None) -> Outcome:
    """``division`` (every count it records: abstentions, present not voting, invalid ballots, candidates, the
    round) judged under ``rules`` for a motion of ``kind`` on ``on``, as declared; where its roll names more
    members voting one way than it counts that way, or more whom no count given holds than the members who sat
    less those counted, a note says so (the counts are what is judged). The members who sat are ``seats`` less
    ``vacancies`` for a dated division (``on``, else the division's ``date``: the vacancies are that day's), as
    a loader holds a dated one; an undated one is held to the ``seats``, as a loader holds it."""
    check_instance(division, Division, "division", "Division(yes=..., no=...) makes one")
    outcome = judge(rules, kind, yes=division.yes, no=division.no, abstain=division.abstain,
                    absent=division.absent, present_not_voting=division.present_not_voting, invalid=division.invalid,
                    seats=seats, vacancies=vacancies, on=on, candidates=dict(division.candidates) or None,
                    round=division.round, defectors=division.defectors or 0)
    day = on or division.date
    if day is None:
        return noted(replace(outcome, defectors=division.defectors), *roll_notes(division, seats))
    sat = sat_words(seats, vacancies, day)
    return noted(replace(outcome, defectors=division.defectors), *roll_notes(division, seats - vacancies, sat))


def noted(outcome: Outcome, *said: str) -> Outcome:
    """``outcome`` with the notes ``said`` added, in its ``notes`` and at the end of its explanation."""
    if not said:
        return outcome
    return replace(outcome, notes=(*outcome.notes, *said), explanation=f"{outcome.explanation} ({'; '.join(said)})")


def _members(n: int) -> str:
    """``1 member``, ``3 members``."""
    return f"{n} member" if n == 1 else f"{n} members"


def roll_notes(division: Division, sitting: int | None = None, seated: str | None = None) -> tuple[str, ...]:
    """Where the roll of ``division`` names more members than the count that holds them
    (:meth:`Division.overnamed`: a record at odds with itself, a teller or a pair listed as voting, a count
    misprinted): one note each; and, with the ``sitting`` members (or the seats; in words ``seated``, by
    default "N seats") known, where it names more whom no count given holds than the counts left out can hold
    (:meth:`Division.unseated`). A scenario file or a bundle holding one is refused where it is read; a
    division made in Python, or stored in a database before the check, is judged on its counts, with the note.
    A roll that names fewer is a partial roll, as most are, and says nothing."""
    notes = [f"the roll names {_members(o.named)} voting {' or '.join(o.options)} where the division counts "
             f"{o.counted}: the count is judged" for o in division.overnamed()]
    u = None if sitting is None else division.unseated(sitting)
    if u is not None:
        made = division.counted_words()
        notes.append(f"the roll names {_members(len(u.named))} whom no count given holds where the counts left out "
                     f"hold at most {u.room} ({seated or f'{u.sitting} seats'} less the {u.counted} counted"
                     f"{': ' + made if made else ''}): the counts are judged")
    return tuple(notes)


@dataclass(frozen=True, slots=True)
class Judged:
    """A division judged as declared and, where decided later, as adjudicated (``decision`` says by whom)."""

    declared: Outcome
    adjudicated: Outcome | None = None
    decision: Adjudication | None = None

    def with_notes(self, *said: str) -> Judged:
        """Both judgements with the notes ``said`` added (:func:`noted`)."""
        adj = noted(self.adjudicated, *said) if self.adjudicated is not None else None
        return replace(self, declared=noted(self.declared, *said), adjudicated=adj)

    @property
    def final(self) -> Outcome:
        """The result that stands: the adjudicated one where there is one."""
        return self.adjudicated if self.adjudicated is not None else self.declared

    def to_dict(self) -> dict[str, Any]:
        d, adj = self.decision, self.adjudicated
        return {
            "declared": self.declared.to_dict(),
            # adjudicated and decision are set together, or neither (so "or" and "and" read the same here)
            "adjudicated": None if adj is None or d is None else {  # equivalent mutant "or -> and": see above
                **adj.to_dict(),
                "decision": {"date": d.date.isoformat(), "by": d.by, "summary": d.summary, "excluded": d.excluded,
                             "sources": [s.url for s in d.sources], "note": d.note},
            },
        }


def judge_recorded_division(rules: str | Constitution, kind: str, division: Division, *, seats: int,
                            vacancies: int, on: dt.date | None, as_of: dt.date | None = None,
                            successor: str | None = None) -> Judged:
    """``division`` judged as declared on ``on`` and as adjudicated by the decisions made by ``as_of``
    (all of them when None); both under the rule in force on the day of the vote. ``successor``: the motion's
    candidate, off whose votes an election's excluded votes come (:meth:`Division.as_adjudicated`)."""
    declared = judge_division(rules, kind, division, seats=seats, vacancies=vacancies, on=on)
    later = division.as_adjudicated(as_of, successor)
    if later is None:
        return Judged(declared)
    adjudicated = judge_division(rules, kind, later, seats=seats, vacancies=vacancies, on=on)
    decisions = division.decisions(as_of)
    changed = changed_words(division, later, decisions)
    if changed:
        adjudicated = replace(adjudicated, explanation=f"{adjudicated.explanation} ({changed})")
    return Judged(declared, adjudicated, decisions[-1])


def changed_words(declared: Division, later: Division, decisions: tuple[Adjudication, ...]) -> str:
    """What ``decisions`` changed in the count of ``declared`` (``later``: the division as they left it), in
    words: the votes excluded, the invalid votes counted or added, and every count that moved ('the decision of
    2022-06-30 changed the count: 25 votes excluded; Hamza Shehbaz 197 as declared, 172 as adjudicated');
    empty where they changed nothing."""
    parts = []
    excluded = sum(a.excluded for a in decisions)
    parts += [f"{excluded} vote{'' if excluded == 1 else 's'} excluded"] if excluded else []
    parts += [_invalid_change(declared.invalid or 0, later.invalid or 0)]
    was = dict(declared.candidates) or {"yes": declared.yes}
    now = dict(later.candidates) or {"yes": later.yes}
    moved = [(name, was.get(name, 0), count) for name, count in now.items() if was.get(name, 0) != count]
    if not declared.candidates and declared.no != later.no:
        moved.append(("no", declared.no or 0, later.no or 0))
    parts += [f"{name} {old} as declared, {new} as adjudicated" for name, old, new in moved]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    days = " and ".join(a.date.isoformat() for a in decisions)
    return f"the decision{'s' if len(decisions) > 1 else ''} of {days} changed the count: {'; '.join(parts)}"


def _invalid_change(was: int, now: int) -> str:
    if now == was:
        return ""
    if now < was:
        counted = was - now
        whole = "the" if now == 0 else f"{counted} of the"
        return f"{whole} {was} vote{'' if was == 1 else 's'} declared invalid are counted"
    return f"{now - was} more vote{'' if now - was == 1 else 's'} held invalid ({now} in all)"

