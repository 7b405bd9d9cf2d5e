"""Leave-one-out products by halving: the product of every part but one, for each part, in ``O(n log n)``
combinations instead of ``O(n**2)``.

The product outside a half is the product outside the whole times the other half, so a walk down the
halves from the top reaches each part with the product of all the others. Used for the exact switches of
:mod:`whipcount.tally.switches` (distributions of yes votes, combined by convolution) and
:mod:`whipcount.tally.switches_joint` (functions on a grid, combined by multiplying cells).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

__all__ = ["Halves"]

T = TypeVar("T")


class Halves(Generic[T]):
    """The products of the halves of ``n`` parts (``part(i)`` gives the i-th, ``combine`` multiplies two).
    Halves of ``keep_from`` parts or more are kept once built; shorter ones are combined again when the walk
    needs them, which bounds memory (about ``2 n / keep_from`` products kept) at some repeated work."""

    def __init__(self, n: int, part: Callable[[int], T], combine: Callable[[T, T], T], keep_from: int = 2) -> None:
        self.n, self.part, self.combine, self.keep_from = n, part, combine, keep_from
        self.kept: dict[tuple[int, int], T] = {}

    def product(self, lo: int, hi: int) -> T:
        """The product of parts ``lo..hi-1``."""
        if (lo, hi) in self.kept:
            return self.kept[(lo, hi)]
        if hi - lo == 1:
            return self.part(lo)
        mid = (lo + hi) // 2
        out = self.combine(self.product(lo, mid), self.product(mid, hi))
        if hi - lo >= self.keep_from:  # equivalent mutants: which halves are kept, so memory, not products
            self.kept[(lo, hi)] = out
        return out

    def outside(self, one: T) -> Iterator[tuple[int, T]]:
        """Each part's index with the product of every other part (``one``: the product of none)."""
        if self.n:
            self.product(0, self.n)  # equivalent mutant "0 -> -1": the halves near the top, kept now or later
            yield from self._walk(0, self.n, one)

    def _walk(self, lo: int, hi: int, outside: T) -> Iterator[tuple[int, T]]:
        if hi - lo == 1:
            yield lo, outside
            return
        mid = (lo + hi) // 2
        yield from self._walk(lo, mid, self.combine(outside, self.product(mid, hi)))
        yield from self._walk(mid, hi, self.combine(outside, self.product(lo, mid)))
