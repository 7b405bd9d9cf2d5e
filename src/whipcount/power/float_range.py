"""Float indices of games whose counts leave float64's range, told apart and counted exactly instead.

A float count is ``count / 2**n``: beyond 1,022 players one coalition is below float64's least normal number
(``2**-1022``), and the few coalitions at the ends of the sizes (a unanimity game's one winning coalition,
a player who swings only beside one giant) lose their digits or vanish. Penrose's values lose no more than
that share; but Shapley–Shubik weighs a swing among ``k`` others by ``2**n / (n C(n-1, k))``, up to
``2**n / n``, and the Banzhaf and Coleman indices divide by a sum of such counts. At 1,100 players a
unanimity game's Shapley–Shubik index came out 0 for everyone, and a giant's of 1,099 seats beside 1,099 of
one seat 0.9944 where it is 0.9991, without a word; its Banzhaf index was refused as having 'no swings'.

Where that can happen, the float values are checked: Shapley–Shubik's must add up to 1 within the float
bound (:func:`shapley_shubik_lost`), and a sum divided by must be ``2**53`` above the least normal number
(:func:`divisor_lost`). A game that fails is counted exactly and its values given as floats; where the
exact count is too large as well, :class:`~whipcount.errors.TooLarge` says both.

Every float index is a share, between 0 and 1, and is given within those bounds (:func:`unit`); a rounding
that left them (a dictator's Shapley–Shubik index summed to 1.0000000000000306 at 52 players, 276 units of
``2**-53`` past 1) is brought back to the bound, which is nearer the truth. Only rounding is: a value may
leave ``[0, 1]``, or its exact value, by at most :func:`rounding_bound` (``(4 n**2 + 2 q + 2) 2**-53`` for
``n`` players and a quota ``q``: the float count's own bound, and a few units of ``2**-53`` for each of the
``n`` terms of a sum or a share). A value further out,
NaN or infinite is no rounding but a fault in the count, and raises an ``AssertionError`` naming the index
and the player. The normalised indices are divided by their sum (:func:`normalised`), so that they add up
to 1 within rounding.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from whipcount.errors import TooLarge

__all__ = [
    "NORMAL_PLAYERS",
    "divisor_lost",
    "exact_as_floats",
    "normalised",
    "rounding_bound",
    "shapley_shubik_lost",
    "unit",
]

NORMAL_PLAYERS = 1022
"""Up to this many players one coalition's share ``2**-n`` is a normal float64: nothing underflows."""

_PRECISE = 2.0**-969
"""A float sum of counts at least this (``2**53`` times the least normal float) has every digit a double
holds, whatever the counts below the normal range added to it."""


def shapley_shubik_lost(n: int, values: Iterable[float]) -> bool:
    """Whether float Shapley–Shubik values of ``n`` players miss their sum, 1, by more than their error bound
    (``4 n**3 2**-53``, above the documented ``4 rows**2 n 2**-53``): counts lost below float64's range."""
    return n > NORMAL_PLAYERS and abs(math.fsum(values) - 1.0) > 4.0 * n**3 * 2.0**-53


def divisor_lost(n: int, divisor: float) -> bool:
    """Whether a float sum of counts (over ``2**n``) that an index divides by has lost digits below float64's
    normal range."""
    return n > NORMAL_PLAYERS and divisor < _PRECISE


def exact_as_floats(count: Callable[[], Sequence[Fraction]], index: str, n: int) -> tuple[float, ...]:
    """The exact values ``count()`` gives, as floats; where the exact count is too large, a TooLarge saying
    that the float count cannot hold this game either."""
    try:
        return tuple(float(v) for v in count())
    except TooLarge as exc:
        raise TooLarge(f"{index} in float arithmetic: with {n:,} players some coalitions are fewer than "
                       f"2**-1022 of all, below what a float64 holds, so the float values would be wrong; "
                       f"and counted exactly: {exc}") from None


def rounding_bound(n: int, quota: int = 0) -> float:
    """How far rounding alone may carry a float index of ``n`` players, counted up to ``quota`` (the quotas'
    sum for a vector game), from its exact value or past 0 or 1: ``(4 n**2 + 2 quota + 2) 2**-53``. A swing
    probability's absolute error is at most ``(n + 2 quota + 2) 2**-53`` (docs/power.md); ``4 n**2`` covers
    the few units of ``2**-53`` that each of ``n`` terms of a sum or a share (each itself of up to ``n``) adds."""
    return (4.0 * max(n, 1) ** 2 + 2.0 * min(quota, 2**60) + 2.0) * 2.0**-53  # a larger quota: beyond 1 anyway


def unit(values: Iterable[float], index: str, bound: float) -> tuple[float, ...]:
    """Each value of the float ``index`` brought within ``[0, 1]``: its exact value is a share (a count of some
    coalitions over a count of which they are a part), so a float outside by no more than ``bound`` (the
    game's :func:`rounding_bound`) comes from rounding alone. One further out, NaN or infinite is a fault in
    the count, not rounding, and raises an ``AssertionError`` naming the index and the player."""
    out = []
    for player, value in enumerate(values):
        if not -bound <= value <= 1.0 + bound:  # NaN too
            raise AssertionError(f"{index}: player {player}'s float value {value!r} is outside [0, 1] by more "
                                 f"than rounding ({bound:.3g}): a fault in the float count")
        out.append(min(1.0, max(0.0, value)))
    return tuple(out)


def normalised(values: Iterable[float], index: str, bound: float) -> tuple[float, ...]:
    """Shares of one whole (Banzhaf's, Shapley–Shubik's): each value of the float ``index``, brought within
    ``[0, 1]`` as :func:`unit` does, over their sum, so that they add up to 1 within rounding and none is
    above 1 (values that are all 0 are given as they are)."""
    shares = unit(values, index, bound)
    total = math.fsum(shares)
    return unit((v / total for v in shares), index, bound) if total > 0.0 else shares
