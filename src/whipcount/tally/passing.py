"""When a motion passes, given how many vote yes and how many vote no: the check every forecast runs.

:class:`PassRule` is a small, swappable adapter between the rules engine and the tally. A forecast
never asks the rules engine one division at a time; it asks a :class:`PassRule` about whole arrays of
(yes, no) counts at once. Two families cover every basis the rules know:

* the bar does not depend on turnout (total membership, sitting members): only ``yes`` matters, and the
  bar is the magic number from :func:`whipcount.rules.needed`;
* the bar is a fraction of the votes cast (or of those present): the check is done on (yes, no).

:func:`pass_rule` builds one from the rules engine; tests and callers may build their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.rules import needed

__all__ = ["FIXED_BASES", "TURNOUT_BASES", "PassRule", "pass_rule"]

FIXED_BASES: frozenset[str] = frozenset({"total", "total-membership", "sitting", "sitting-members", "fixed"})
"""Bases whose bar is a fixed count of yes votes, whoever turns up."""

TURNOUT_BASES: frozenset[str] = frozenset({"votes-cast", "present-and-voting", "present"})
"""Bases whose bar is a fraction of those who vote (or are present): the check needs both yes and no."""

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PassRule:
    """What it takes to pass.

    ``count`` is the yes votes needed when the basis is fixed (the magic number). On a turnout basis
    the motion passes when ``yes`` is more than (``strict``) or at least ``fraction`` of ``yes + no``;
    ``negative`` turns the test around (the motion stands unless the *noes* reach the bar).
    ``tie_passes``: a tie on a turnout basis passes (a casting vote given for the motion by convention).
    """

    basis: str
    count: int | None = None
    fraction: Fraction = Fraction(1, 2)
    strict: bool = True
    negative: bool = False
    tie_passes: bool = False
    explanation: str = ""

    def __post_init__(self) -> None:
        if self.basis not in FIXED_BASES | TURNOUT_BASES:
            known = ", ".join(sorted(FIXED_BASES | TURNOUT_BASES))
            raise ForecastError(f"pass rule: unknown basis {self.basis!r} (expected one of: {known})")
        if self.basis in FIXED_BASES and (self.count is None or self.count < 0):
            raise ForecastError(f"pass rule: a {self.basis} basis needs a count >= 0, got {self.count!r}")
        if not (0 < self.fraction < 1):
            raise ForecastError(f"pass rule: fraction must lie strictly between 0 and 1, got {self.fraction}")

    @property
    def depends_on_turnout(self) -> bool:
        """True when the bar is a share of the votes cast, so noes and absences matter."""
        return self.basis in TURNOUT_BASES

    @property
    def counts_noes(self) -> bool:
        """True when noes matter (a turnout basis, or a negative majority), so absences do too."""
        return self.depends_on_turnout or self.negative

    def bar(self, cast: int) -> int:
        """Votes needed when ``cast`` members vote (the fixed count on a fixed basis)."""
        if not self.depends_on_turnout:
            assert self.count is not None
            return self.count
        exact = self.fraction * cast
        return int(exact) + 1 if self.strict else -(-exact.numerator // exact.denominator)

    def passes(self, yes: Any, no: Any) -> BoolArray:
        """Element-wise: does the motion pass with these yes and no counts? (numpy arrays or ints)."""
        y = np.asarray(yes, dtype=np.int64)
        n = np.asarray(no, dtype=np.int64)
        if not self.depends_on_turnout:
            assert self.count is not None
            if self.negative:
                return np.asarray(n < self.count)
            return np.asarray(y >= self.count)
        cast = y + n
        f = self.fraction
        # yes > f*cast  <=>  yes*den > num*cast (exact integer arithmetic, no float threshold)
        lhs = (n if self.negative else y) * f.denominator
        rhs = cast * f.numerator
        reached = (lhs > rhs) if self.strict else (lhs >= rhs)
        reached = reached & (cast > 0)
        out = ~reached if self.negative else reached
        if self.tie_passes:
            out = out | ((y == n) & (cast > 0))
        return np.asarray(out)

    def describe(self) -> str:
        """The rule in words (the rules engine's explanation when there is one)."""
        if self.explanation:
            return self.explanation
        if not self.depends_on_turnout:
            return f"{self.count} yes votes ({self.basis.replace('-', ' ')})"
        head = "a majority" if (self.fraction == Fraction(1, 2) and self.strict) else f"{self.fraction}"
        return f"{head} of the {self.basis.replace('-', ' ')}"


def pass_rule(rules_id: str, kind: str, *, seats: int, vacancies: int = 0, on: dt.date | None = None) -> PassRule:
    """The :class:`PassRule` for motion ``kind`` under profile ``rules_id``.

    Uses :func:`whipcount.rules.needed`: its magic number on a fixed basis (or the noes that reject, for a
    negative majority), and its threshold's exact fraction, strictness and tie rule on a turnout basis.
    """
    need = needed(rules_id, kind, seats=seats, vacancies=vacancies, on=on)
    basis = need.basis
    if basis in FIXED_BASES or basis not in TURNOUT_BASES:
        reject_at = need.reject_at
        if need.count is None and reject_at is not None:
            # a negative majority on a fixed basis: the motion stands unless the noes reach reject_at
            return PassRule("fixed" if basis not in FIXED_BASES else basis, count=int(reject_at), negative=True,
                            explanation=need.explanation)
        if need.count is None:
            raise ForecastError(
                f"rules {rules_id!r}, {kind}: the rules give no fixed count on basis {basis!r}, "
                "and whipcount cannot forecast it"
            )
        return PassRule("fixed" if basis not in FIXED_BASES else basis, count=need.count,
                        explanation=need.explanation)
    th = need.threshold
    if th is None:  # a profile that names no threshold: a simple majority of those voting
        return PassRule(basis, None, Fraction(1, 2), True, False, False, need.explanation)
    tie_passes = th.tie == "casting-vote" and th.tie_convention == "yes"
    return PassRule(basis, None, th.fraction, th.strict, th.negative, tie_passes, need.explanation)
