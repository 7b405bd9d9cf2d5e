"""The terms a constitution's rules are made of: the motion kinds and bases whipcount knows, a legal source, a
threshold (an exact :class:`~fractions.Fraction` of a basis), a quorum, the movers a motion needs and the window
for its vote. :mod:`whipcount.rules.core` builds motion rules and constitutions from them. No I/O, no clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from math import ceil, floor

from whipcount.errors import RulesError
from whipcount.rules.wording import (
    VOTES_RECORDED,
    basis_noun,
    fraction_words,
    percent,
    vacancies_verified_for,
    vacancy_keys,
)

__all__ = [
    "BASES",
    "FLOOR_BASES",
    "MOTION_KINDS",
    "TIE_RULES",
    "TURNOUT_BASES",
    "Floor",
    "LegalSource",
    "Movers",
    "Quorum",
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
    "plurality": "the most votes: more than the runner-up (yes is the leader's votes, no the runner-up's)",
}
"""The bases a threshold can be a fraction of, with what each counts."""

TURNOUT_BASES: frozenset[str] = frozenset({"votes-cast", "present-and-voting", "present", "plurality"})
"""Bases whose size depends on who turns up: the count needed is known only once the vote is held."""


def plurality_problem(given: str) -> str:
    """The words for a plurality threshold given a share, strictness or negative majority (``given``, as
    written: ``fraction '2/3'``), which it has none of."""
    return (f"basis plurality: the most votes is more than the runner-up's, with no share, strictness or "
            f"negative majority of its own, got {given}; leave it out")


def shape_problem(basis: str, fraction: Fraction, strict: bool, negative: bool, tie: str,
                  written: object = None) -> str | None:
    """What a threshold of this shape cannot be, in the words of an error (a file's and the library's), or
    None: a plurality has no share, strictness or negative majority of its own; a casting vote decides a tie,
    so it can count only on one half of a turnout (on a fixed basis a tie is short of the bar whoever the
    chair favours, and past one half it is short as well). ``written``: the fraction as a file gave it."""
    given = ("negative: true" if negative else "strict: false" if not strict
             else f"fraction {written if written is not None else fraction!s}" if fraction != Fraction(1, 2) else None)
    if basis == "plurality" and given is not None:
        return plurality_problem(given)
    if tie == "casting-vote" and (basis not in TURNOUT_BASES or given not in (None, "strict: false")):
        shape = f"of {basis_noun(basis)}, a number fixed before the vote" if basis not in TURNOUT_BASES else given
        return (f"tie casting-vote: a casting vote decides a tie, so only a threshold of one half of the votes "
                f"(votes-cast, present-and-voting, present or plurality) can have one, and this one is {shape}; "
                "leave tie out (a tie then fails)")
    return None

def floor_problem(basis: str, negative: bool) -> str | None:
    """What a floor cannot be put on, in the words of an error (a file's and the library's), or None: a floor
    is the fewest yes votes a share of a turnout carries with, so it belongs to a threshold of a turnout that
    counts the yes votes (on a membership basis the bar is one number already: give the larger share)."""
    if basis not in TURNOUT_BASES:
        return (f"floor: a floor is the fewest yes votes a share of the turnout carries with, but this threshold is "
                f"of {basis_noun(basis)}, a number fixed before the vote; give the larger of the two shares as its "
                "fraction and leave floor out")
    if negative:
        return ("floor: a floor counts yes votes, but under negative: true the noes decide; leave floor out (or "
                "negative)")
    return None


def recorded_problem(recorded: str, basis: str, negative: bool = False) -> str | None:
    """Why only the votes for a motion cannot be recorded under a threshold of ``basis``, in the words of an
    error (a file's and the library's), or None: with the noes and abstentions unrecorded there is no turnout
    to take a share of, so the bar must be a number of the members (``sitting`` or ``total``)."""
    if recorded not in VOTES_RECORDED:
        return f"votes_recorded: expected one of {', '.join(VOTES_RECORDED)}, got {recorded!r}"
    if recorded == "yes-only" and basis in TURNOUT_BASES:
        return (f"votes_recorded: yes-only records no vote but the votes for, so the bar must be a number of the "
                f"members (basis sitting or total), but this motion's threshold is of {basis_noun(basis)}, which "
                "needs the votes against or the turnout; give a membership basis, or leave votes_recorded out")
    if recorded == "yes-only" and negative:
        return ("votes_recorded: yes-only records no vote but the votes for, but under negative: true the noes "
                "decide; leave votes_recorded out (or negative)")
    return None


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


FLOOR_BASES: tuple[str, ...] = ("total", "sitting")
"""The bases a floor can be a share of: the membership, fixed before the vote."""


@dataclass(frozen=True, slots=True)
class Floor:
    """The fewest yes votes a motion on a turnout basis carries with: ``fraction`` of the membership (``basis``:
    the seats, ``total``, or the members in office, ``sitting``), at least it or (``strict``) more than it.

    It makes a bar of two conditions at once: a share of those who vote, which however may not be fewer than
    a share of the members (so 4 of 5 present would carry a majority of those present, but in a chamber of 10
    with a floor of two fifths, 3 yes of 5 present do not).
    """

    fraction: Fraction
    basis: str = "total"
    strict: bool = False
    source: LegalSource | None = None

    def __post_init__(self) -> None:
        if self.basis not in FLOOR_BASES:
            raise RulesError(f"threshold floor basis: expected one of {', '.join(FLOOR_BASES)} (a share of the "
                             f"membership), got {self.basis!r}")
        if not isinstance(self.fraction, Fraction) or not (0 < self.fraction < 1):
            raise RulesError("threshold floor fraction: expected a fraction above 0 and below 1 of the membership, "
                             f"got {self.fraction!r}")

    def required(self, seats: int, vacancies: int = 0) -> int:
        """Yes votes the floor asks for in a chamber of ``seats`` with ``vacancies``."""
        return bar_for(self.fraction, self.strict, seats if self.basis == "total" else seats - vacancies)

    def share(self) -> str:
        """``"two fifths of the total membership"``, ``"more than one quarter of the sitting members"``."""
        return ("more than " if self.strict else "") + f"{fraction_words(self.fraction)} of {basis_noun(self.basis)}"

    def describe(self) -> str:
        """``"not fewer than two fifths of the total membership"``."""
        return ("more than " if self.strict else "not fewer than ") + \
            f"{fraction_words(self.fraction)} of {basis_noun(self.basis)}"


def _one_of_share_or_count(what: str, fraction: Fraction | None, count: int | None) -> None:
    """A quorum or the movers are a share of the members or a number of them: one, never both."""
    if fraction is not None and count is not None:
        raise RulesError(f"{what}: give fraction or count, not both (got fraction {fraction}, count {count})")
    if fraction is None and count is None:
        raise RulesError(f"{what}: give fraction or count")


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

    def __post_init__(self) -> None:
        _one_of_share_or_count("quorum", self.fraction, self.count)

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
    (``sitting``); ``vacancies_verified`` False where no source settles it, which the bar's words then say,
    and None where vacant seats have no part in the bar (a turnout basis without a floor of the membership),
    as ``vacancies_verified`` in every ``--json`` (:meth:`vacancy_keys`); given there, it is read as None.
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
    floor: Floor | None = None
    vacancies_verified: bool | None = True

    def __post_init__(self) -> None:
        if self.basis not in BASES:
            raise RulesError(f"threshold basis: expected one of {', '.join(BASES)}, got {self.basis!r}")
        if not (0 < self.fraction < 1):
            raise RulesError("threshold fraction: expected a fraction above 0 and below 1 (neither 0 nor all of the "
                             f"basis), got {self.fraction}")
        problem = shape_problem(self.basis, self.fraction, self.strict, self.negative, self.tie)
        if problem is not None:
            raise RulesError(f"threshold {problem}")
        if self.floor is not None and (problem := floor_problem(self.basis, self.negative)) is not None:
            raise RulesError(f"threshold {problem}")
        if self.tie not in TIE_RULES:
            raise RulesError(f"threshold tie: expected one of {', '.join(TIE_RULES)}, got {self.tie!r}")
        if self.tie_convention not in (None, "yes", "no"):
            raise RulesError(f"threshold tie_convention: expected yes or no, got {self.tie_convention!r}")
        given = next((name for name in ("tie_convention", "tie_note", "tie_source")
                      if getattr(self, name) is not None), None)
        if self.tie != "casting-vote" and given is not None:
            raise RulesError(f"threshold {given}: is about the chair's casting vote, but this threshold has "
                             f"none (tie: {self.tie}); give tie: casting-vote, or leave {given} out")
        object.__setattr__(self, "vacancies_verified", vacancies_verified_for(
            self.basis, self.vacancies_verified, self.floor.basis if self.floor is not None else None))

    @property
    def depends_on_turnout(self) -> bool:
        """True when the count needed is known only once the votes are cast."""
        return self.basis in TURNOUT_BASES

    def vacancy_keys(self) -> dict[str, bool | None]:
        """``vacancies_counted`` and ``vacancies_verified`` of this bar (:func:`~whipcount.rules.wording.vacancy_keys`):
        of its membership basis, or of its floor's on a turnout basis; both None where vacant seats have no part."""
        return vacancy_keys(self.basis, self.vacancies_verified, self.floor.basis if self.floor is not None else None)

    def bar(self, n: int) -> int:
        """Votes needed (yes, or no for a negative majority) when the basis counts ``n``."""
        return bar_for(self.fraction, self.strict, n)

    def describe(self) -> str:
        """``"a majority of the total membership"``, ``"at least two thirds of the votes cast"``; with a floor,
        ``"a majority of the votes cast, not fewer than two fifths of the total membership"``."""
        return self.share() + (f", {self.floor.describe()}" if self.floor is not None else "")

    def share(self) -> str:
        """The threshold's share of its basis in words, without its floor."""
        what = basis_noun(self.basis)
        if self.basis == "plurality":
            return what
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

    def __post_init__(self) -> None:
        _one_of_share_or_count("movers", self.fraction, self.count)

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


def _after(start: dt.date, days: int) -> dt.date | None:
    """``days`` days after ``start``, or None when that is past the calendar's last day (31 December 9999)."""
    if days > (dt.date.max - start).days:
        return None
    return start + dt.timedelta(days=days)


@dataclass(frozen=True, slots=True)
class Window:
    """When the vote may be held: from ``min_days`` to ``max_days`` after ``after`` (an event kind)."""

    min_days: int | None = None
    max_days: int | None = None
    after: str = "motion-moved"
    source: LegalSource | None = None
    note: str | None = None

    def opens(self, start: dt.date) -> dt.date | None:
        """The first day the vote may be held (``min_days`` whole days after ``start``); past the calendar's
        last day, that last day (no vote is held after it)."""
        if self.min_days is None:
            return None
        return _after(start, self.min_days) or dt.date.max

    def closes(self, start: dt.date) -> dt.date | None:
        """The last day the vote may be held (None: no limit, or none within the calendar)."""
        return _after(start, self.max_days) if self.max_days is not None else None

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
