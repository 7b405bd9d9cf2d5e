"""The value types a constitution is written in: thresholds, procedure and time-scoped rules.

Everything here is data: a :class:`Constitution` lists the :class:`MotionRule` s of one chamber, each with
its :class:`Threshold` (an exact :class:`~fractions.Fraction` of a basis), its legal source and the
procedure around it (who may move it, the window for the vote, bars, a runoff, how votes cast against
the party's direction count on a given date). No I/O and no clock: every date is passed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from whipcount.errors import NotFound, RulesError
from whipcount.model.arguments import check_date
from whipcount.model.frozen import read_only
from whipcount.model.ids import did_you_mean
from whipcount.rules.terms import (
    BASES,
    MOTION_KINDS,
    TIE_RULES,
    TURNOUT_BASES,
    Floor,
    LegalSource,
    Movers,
    Quorum,
    Threshold,
    Window,
    bar_for,
    recorded_problem,
)
from whipcount.rules.wording import span

__all__ = [
    "BASES",
    "MOTION_KINDS",
    "TIE_RULES",
    "TURNOUT_BASES",
    "Bar",
    "Constitution",
    "DefectionPeriod",
    "Floor",
    "LegalSource",
    "MotionRule",
    "Movers",
    "Quorum",
    "Runoff",
    "SeatPeriod",
    "Threshold",
    "Window",
    "bar_for",
]

@dataclass(frozen=True, slots=True)
class Bar:
    """Something the motion's pendency forbids or requires, e.g. no dissolution while a notice is pending."""

    text: str
    while_: str = "pending"
    source: LegalSource | None = None


@dataclass(frozen=True, slots=True)
class Runoff:
    """A further poll when no one clears the first: among the top ``among`` candidates, under ``threshold``.

    ``note`` is said with every judgement of the run-off; ``if_tied`` only with one that ends in a tie (what
    the rules do then: further polls, a lot), never beside a run-off won outright."""

    threshold: Threshold
    among: int = 2
    source: LegalSource | None = None
    note: str | None = None
    effect_fail: str | None = None
    if_tied: str | None = None


@dataclass(frozen=True, slots=True)
class DefectionPeriod:
    """From ``start`` up to the day before ``end``: are votes cast against the party's direction counted?"""

    start: dt.date | None
    end: dt.date | None
    counted: bool
    source: LegalSource
    note: str = ""

    def covers(self, on: dt.date) -> bool:
        """True when ``on`` falls in this period."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(frozen=True, slots=True)
class SeatPeriod:
    """The chamber's total membership fixed by law from ``start`` up to the day before ``end``."""

    seats: int
    start: dt.date | None = None
    end: dt.date | None = None
    source: str | None = None
    verified: bool = True
    note: str | None = None

    def covers(self, on: dt.date) -> bool:
        """True when ``on`` falls in this period."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def words(self) -> str:
        """The seats and the days they hold in words: ``101 from 2020-01-01 until 2024-01-01``, ``101 from
        2020-01-01 on``, ``101 until 2024-01-01``, ``101 at all times``."""
        if self.start is None:
            return f"{self.seats} until {self.end}" if self.end is not None else f"{self.seats} at all times"
        return f"{self.seats} from {self.start} " + (f"until {self.end}" if self.end is not None else "on")


MOTION_LOST = "the motion is lost"
"""What follows a motion that fails, where its rule says nothing more (a constitution file's default)."""


@dataclass(frozen=True, slots=True)
class MotionRule:
    """One motion under one constitution: what it needs, what follows, and the procedure around it.

    ``start``/``end`` bound the period the rule is in force (``end`` exclusive), so a constitution can
    hold several versions of a motion. ``successor``: the motion names a successor who is elected by
    the same vote (constructive). ``defection``: periods in which votes cast against the party's
    direction are, or are not, counted. ``votes_recorded``: which votes a division records (``all``, or
    ``yes-only`` where only the votes for the motion are: :data:`~whipcount.rules.wording.VOTES_RECORDED`).
    """

    kind: str
    threshold: Threshold
    source: LegalSource
    effect: str = "the motion is carried"
    effect_fail: str = MOTION_LOST
    title: str = ""
    movers: Movers | None = None
    window: Window | None = None
    bars: tuple[Bar, ...] = ()
    runoff: Runoff | None = None
    successor: bool = False
    defection: tuple[DefectionPeriod, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    verified: bool = True
    note: str | None = None
    sources: tuple[LegalSource, ...] = ()
    votes_recorded: str = "all"

    def __post_init__(self) -> None:
        if self.kind not in MOTION_KINDS:
            raise RulesError(f"motion kind: expected one of {', '.join(MOTION_KINDS)}, got {self.kind!r}")
        for th in (self.threshold, self.runoff.threshold if self.runoff else None):
            if th is not None and (problem := recorded_problem(self.votes_recorded, th.basis, th.negative)) is not None:
                raise RulesError(f"{self.kind}: {problem}")

    def in_force(self, on: dt.date | None) -> bool:
        """True when the rule applies on ``on`` (None: today's rule, the one with no end)."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)

    def poll(self, round: int) -> tuple[Threshold, LegalSource]:
        """The threshold and source of a poll: the rule's own (``round`` 1), or its run-off's (2)."""
        if round not in (1, 2):
            raise RulesError(f"round: expected 1 (first poll) or 2 (run-off), got {round}")
        if round == 1:
            return self.threshold, self.source
        if self.runoff is None:
            raise RulesError(f"the {self.kind} rule has no run-off (second poll)")
        return self.runoff.threshold, self.runoff.source or self.source

    def defection_on(self, on: dt.date | None) -> DefectionPeriod | None:
        """The defection rule in force on ``on`` (the latest one when ``on`` is None)."""
        if not self.defection:
            return None
        if on is None:
            return self.defection[-1]
        for period in self.defection:
            if period.covers(on):
                return period
        return None


@dataclass(frozen=True, slots=True)
class Constitution:
    """The confidence rules of one chamber: its motions and its size over time. ``extras``: what a profile
    holds beyond the model, read-only like the rest (:func:`~whipcount.model.frozen.read_only`)."""

    id: str
    name: str
    country: str
    motions: tuple[MotionRule, ...]
    seats: tuple[SeatPeriod, ...] = ()
    note: str | None = None
    sources: tuple[LegalSource, ...] = ()
    origin: str = "built-in"
    extras: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extras", read_only(self.extras))
        if not self.motions:
            raise RulesError(f"{self.named}: a constitution needs at least one motion")
        # seat periods in date order, and never two sizes on one day
        ordered = tuple(sorted(self.seats, key=lambda p: p.start or dt.date.min))
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a.end is None or (b.start is not None and b.start < a.end):
                raise RulesError(
                    f"{self.named}: seat periods overlap: {a.words()} and {b.words()}; expected each period to "
                    "end on or before the day the next starts"
                )
        object.__setattr__(self, "seats", ordered)

    def __repr__(self) -> str:
        # one line for a notebook (the whole profile, every rule quoted, runs to thousands of characters)
        return (f"Constitution(id={self.id!r}, name={self.name!r}, country={self.country!r}, "
                f"motions={self.kinds!r}, seat_periods={len(self.seats)}, origin={self.origin!r})")

    @property
    def named(self) -> str:
        """The constitution as an error names it: its id, and for one not built in the file (or scenario) it was
        read from, ``nepal-hor-2024 (read from nepal-own.yaml)``, so that a user's own is told from a
        profile of the same id and the file to mend is named."""
        return self.id if self.origin == "built-in" else f"{self.id} (read from {self.origin})"

    @property
    def kinds(self) -> tuple[str, ...]:
        """The motion kinds this constitution provides, in order, each once."""
        return tuple(dict.fromkeys(m.kind for m in self.motions))

    def main_kind(self, on: dt.date | None = None) -> str:
        """The motion a scenario without one is counted for on ``on``: of the motions in force then (all of
        them when none is), the plain no-confidence motion, else its constructive form, else the first."""
        kinds = [m.kind for m in self.motions if m.in_force(on)] or list(self.kinds)
        for kind in ("no-confidence", "constructive-no-confidence"):
            if kind in kinds:
                return kind
        return kinds[0]

    def motion(self, kind: str, on: dt.date | None = None) -> MotionRule:
        """The rule for ``kind`` in force on ``on``; NotFound / RulesError naming what exists."""
        if on is not None:
            check_date(on, "on")
        if kind not in MOTION_KINDS:
            raise RulesError(f"unknown motion kind {kind!r} (expected one of: {', '.join(MOTION_KINDS)})")
        versions = [m for m in self.motions if m.kind == kind]
        if not versions:
            raise RulesError(
                f"{self.named}: no {kind} motion in this profile (it has: {', '.join(self.kinds)})"
            )
        for m in versions:
            if m.in_force(on):
                return m
        when = on.isoformat() if on else "today"
        spans = ", ".join(span(m.start, m.end) for m in versions)
        raise RulesError(f"{self.named}: no {kind} rule in force on {when} (known for {spans})")

    def seats_on(self, on: dt.date | None = None) -> SeatPeriod | None:
        """The total membership in force on ``on`` (the latest period when ``on`` is None)."""
        if not self.seats:
            return None
        if on is None:
            return max(self.seats, key=lambda p: p.start or dt.date.min)
        for period in self.seats:
            if period.covers(on):
                return period
        return None


def not_found(rules_id: str, known: list[str]) -> NotFound:
    """The error for an unknown profile, listing the known ones."""
    return NotFound(f"unknown rules profile {rules_id!r} (known: {', '.join(sorted(known))})"
                    f"{did_you_mean(rules_id, known)}")
