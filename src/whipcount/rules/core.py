"""The value types a constitution is written in: thresholds, procedure and time-scoped rules.

Everything here is data: a :class:`Constitution` lists the :class:`MotionRule` s of one chamber, each with
its :class:`Threshold` (an exact :class:`~fractions.Fraction` of a basis), its legal source and the
procedure around it (who may move it, the window for the vote, bars, a runoff, how votes cast against
the party's direction count on a given date). No I/O and no clock: every date is passed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil, floor

from whipcount.errors import NotFound, RulesError
from whipcount.rules.wording import basis_noun, fraction_words, percent, span

__all__ = [
    "BASES",
    "MOTION_KINDS",
    "TIE_RULES",
    "Bar",
    "Constitution",
    "DefectionPeriod",
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

MOTION_KINDS: tuple[str, ...] = (
    "no-confidence",
    "constructive-no-confidence",
    "confidence",
    "investiture",
    "pm-election",
)
"""Every motion kind whipcount knows (lower case, hyphenated)."""

BASES: dict[str, str] = {
    "votes-cast": "the votes cast (yes + no)",
    "present-and-voting": "the members present and voting (yes + no)",
    "present": "the members present (yes + no + abstentions: an abstention counts against)",
    "sitting": "the sitting members (total membership less vacancies)",
    "total": "the total membership (vacancies included)",
}
"""The bases a threshold can be a fraction of, with what each counts."""

TURNOUT_BASES: frozenset[str] = frozenset({"votes-cast", "present-and-voting", "present"})
"""Bases whose size depends on who turns up: the count needed is known only once the vote is held."""

TIE_RULES: tuple[str, ...] = ("fails", "casting-vote")
"""What a tie does: no casting vote (``"fails"``: the threshold decides, so "a majority" fails on a tie and
"at least one half" carries), or the presiding officer's casting vote decides."""


def bar_for(fraction: Fraction, strict: bool, n: int) -> int:
    """The smallest whole number of votes that clears ``fraction`` of ``n``.

    ``strict``: more than the fraction (a majority of 342 is more than 171, so 172); otherwise at least
    the fraction (two thirds of 630 is at least 420).
    """
    exact = fraction * n
    return floor(exact) + 1 if strict else ceil(exact)


@dataclass(frozen=True, slots=True)
class LegalSource:
    """Where a rule is written: an article (or standing order) and a URL to its text."""

    article: str
    url: str
    document: str = ""
    quote: str | None = None

    def cite(self) -> str:
        """``"Art. 95(4), Constitution of Pakistan"`` (the article alone when no document is named)."""
        return f"{self.article}, {self.document}" if self.document else self.article


@dataclass(frozen=True, slots=True)
class Quorum:
    """The minimum attendance for a valid vote: a fraction of the total membership, or a fixed count.

    ``strict``: more than the fraction ("a majority of its members": 76 of 150) rather than at least it
    ("at least one third": 155 of 465). Members present but not voting count toward it.
    """

    fraction: Fraction | None = None
    count: int | None = None
    source: LegalSource | None = None
    strict: bool = False

    def required(self, seats: int) -> int:
        """Members who must be present in a chamber of ``seats``."""
        if self.count is not None:
            return self.count
        if self.fraction is None:
            return 0
        return bar_for(self.fraction, self.strict, seats)

    def describe(self, seats: int | None) -> str:
        """``"a quorum of 171 (one third of 512)"``, ``"a quorum of 76 (more than half of 150)"``; without
        the chamber's size, the share alone (``"a quorum of more than one half of the members"``)."""
        if self.count is not None:
            return f"a quorum of {self.count}"
        assert self.fraction is not None
        share = fraction_words(self.fraction)
        share = f"more than {share}" if self.strict else f"at least {share}"
        if seats is None:
            return f"a quorum of {share} of the members"
        return f"a quorum of {self.required(seats)} ({share} of {seats})"


@dataclass(frozen=True, slots=True)
class Threshold:
    """What a motion needs: ``fraction`` of ``basis``, strictly more or at least.

    ``negative``: the motion stands unless the *noes* reach the bar (Sweden's investiture: a candidate is
    rejected only if more than half of all members vote against). ``tie``: what a tie does on a
    turnout basis; ``tie_convention`` is how a casting vote is given by convention (``"no"`` for the UK
    Speaker's rule of voting against a final motion), ``tie_note`` why. ``basis_source``/``basis_note``:
    for a membership basis, the text or practice that says whether vacant seats count (``total``) or not
    (``sitting``).
    """

    basis: str
    fraction: Fraction = Fraction(1, 2)
    strict: bool = True
    negative: bool = False
    tie: str = "fails"
    tie_convention: str | None = None
    tie_source: LegalSource | None = None
    quorum: Quorum | None = None
    basis_source: LegalSource | None = None
    basis_note: str | None = None
    tie_note: str | None = None

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise RulesError(f"threshold basis: expected one of {', '.join(BASES)}, got {self.basis!r}")
        if not (0 < self.fraction < 1):
            raise RulesError("threshold fraction: expected a fraction above 0 and below 1 (neither 0 nor all of the "
                             f"basis), got {self.fraction}")
        if self.tie not in TIE_RULES:
            raise RulesError(f"threshold tie: expected one of {', '.join(TIE_RULES)}, got {self.tie!r}")
        if self.tie_convention not in (None, "yes", "no"):
            raise RulesError(f"threshold tie_convention: expected yes or no, got {self.tie_convention!r}")

    @property
    def depends_on_turnout(self) -> bool:
        """True when the count needed is known only once the votes are cast."""
        return self.basis in TURNOUT_BASES

    def bar(self, n: int) -> int:
        """Votes needed (yes, or no for a negative majority) when the basis counts ``n``."""
        return bar_for(self.fraction, self.strict, n)

    def describe(self) -> str:
        """``"a majority of the total membership"``, ``"at least two thirds of the votes cast"``."""
        what = basis_noun(self.basis)
        if self.fraction == Fraction(1, 2) and self.strict:
            head = "a majority of"
        else:
            head = ("more than " if self.strict else "at least ") + fraction_words(self.fraction) + " of"
        if self.negative:
            return f"rejected only if {head} {what} vote against"
        return f"{head} {what}"


@dataclass(frozen=True, slots=True)
class Movers:
    """Who may move the motion: a share of the total membership, or a fixed number of members."""

    fraction: Fraction | None = None
    count: int | None = None
    source: LegalSource | None = None
    note: str | None = None

    def required(self, seats: int) -> int:
        """Members whose signatures the motion needs in a chamber of ``seats``."""
        if self.count is not None:
            return self.count
        assert self.fraction is not None
        return bar_for(self.fraction, False, seats)

    def describe(self, seats: int | None) -> str:
        """``"at least 69 members (20 % of the total membership of 342)"``: 68.4 rounds up."""
        if self.count is not None:
            return f"at least {self.count} members"
        assert self.fraction is not None
        share = f"{percent(self.fraction)} of the total membership"
        if seats is None:
            return f"at least {share}"
        return f"at least {self.required(seats)} members ({share} of {seats})"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


@dataclass(frozen=True, slots=True)
class Window:
    """When the vote may be held: from ``min_days`` to ``max_days`` after ``after`` (an event kind)."""

    min_days: int | None = None
    max_days: int | None = None
    after: str = "motion-moved"
    source: LegalSource | None = None
    note: str | None = None

    def opens(self, start: dt.date) -> dt.date | None:
        """The first day the vote may be held (``min_days`` whole days after ``start``)."""
        return start + dt.timedelta(days=self.min_days) if self.min_days is not None else None

    def closes(self, start: dt.date) -> dt.date | None:
        """The last day the vote may be held."""
        return start + dt.timedelta(days=self.max_days) if self.max_days is not None else None

    def describe(self) -> str:
        """``"not before 3 days nor later than 7 days after the motion is moved"``."""
        what = self.after.replace("motion-", "the motion is ").replace("-", " ")
        low, high = self.min_days, self.max_days
        if low == 0:  # the same day may do: no wait, so the words name the day itself
            return (f"on the day {what} or later" if high is None
                    else f"on the day {what}, or not later than {_days(high)} after it")
        if low is not None and high is not None:
            return f"not before {_days(low)}, nor later than {_days(high)}, after {what}"
        if low is not None:
            return f"not before {_days(low)} after {what}"
        if high is not None:
            return f"not later than {_days(high)} after {what}"
        return ""


@dataclass(frozen=True, slots=True)
class Bar:
    """Something the motion's pendency forbids or requires, e.g. no dissolution while a notice is pending."""

    text: str
    while_: str = "pending"
    source: LegalSource | None = None


@dataclass(frozen=True, slots=True)
class Runoff:
    """A further poll when no one clears the first: among the top ``among`` candidates, under ``threshold``."""

    threshold: Threshold
    among: int = 2
    source: LegalSource | None = None
    note: str | None = None
    effect_fail: str | None = None


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


@dataclass(frozen=True, slots=True)
class MotionRule:
    """One motion under one constitution: what it needs, what follows, and the procedure around it.

    ``start``/``end`` bound the period the rule is in force (``end`` exclusive), so a constitution can
    hold several versions of a motion. ``successor``: the motion names a successor who is elected by
    the same vote (constructive). ``defection``: periods in which votes cast against the party's
    direction are, or are not, counted.
    """

    kind: str
    threshold: Threshold
    source: LegalSource
    effect: str = "the motion is carried"
    effect_fail: str = "the motion is lost"
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

    def __post_init__(self) -> None:
        if self.kind not in MOTION_KINDS:
            raise RulesError(f"motion kind: expected one of {', '.join(MOTION_KINDS)}, got {self.kind!r}")

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
    """The confidence rules of one chamber: its motions and its size over time."""

    id: str
    name: str
    country: str
    motions: tuple[MotionRule, ...]
    seats: tuple[SeatPeriod, ...] = ()
    note: str | None = None
    sources: tuple[LegalSource, ...] = ()
    origin: str = "built-in"
    extras: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.motions:
            raise RulesError(f"{self.id}: a constitution needs at least one motion")
        # seat periods in date order, and never two sizes on one day
        ordered = tuple(sorted(self.seats, key=lambda p: p.start or dt.date.min))
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a.end is None or (b.start is not None and b.start < a.end):
                raise RulesError(
                    f"{self.id}: seat periods overlap: {a.seats} from {a.start} until {a.end} and "
                    f"{b.seats} from {b.start}"
                )
        object.__setattr__(self, "seats", ordered)

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
        if kind not in MOTION_KINDS:
            raise RulesError(f"unknown motion kind {kind!r} (expected one of: {', '.join(MOTION_KINDS)})")
        versions = [m for m in self.motions if m.kind == kind]
        if not versions:
            raise RulesError(
                f"{self.id}: no {kind} motion in this profile (it has: {', '.join(self.kinds)})"
            )
        for m in versions:
            if m.in_force(on):
                return m
        when = on.isoformat() if on else "today"
        spans = ", ".join(span(m.start, m.end) for m in versions)
        raise RulesError(f"{self.id}: no {kind} rule in force on {when} (known for {spans})")

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
    return NotFound(f"unknown rules profile {rules_id!r} (known: {', '.join(sorted(known))})")
