"""Which (yes, absent) pairs an exact forecast's model can give at all: its support, exactly.

The exact forecast's 2-D table is inverted from a Fourier transform, so every cell carries rounding of
about 1e-17, the cells no outcome reaches included. Where a bloc acts as one (all yes, all no or all away)
most cells between its extremes are unreachable, and the bounds of :func:`whipcount.tally.exact.ranges`
(each count's least and most) do not clear them: a rule with a quorum can pass in such a cell and in no
reachable one. A motion that could not pass showed a chance of 4e-15, and one at even odds 0.4999999999999972.

The support is worked out in whole numbers, on a table of booleans as large as the forecast's. The pairs a
chamber reaches are the sums of one pair from each unit (a Minkowski sum), built unit by unit:

- a bloc whose members vote on their own (cohesion below 1) reaches a whole shape: any split of its seats
  when yes, no and away can all happen (a triangle), or every split of the outcomes that can (a column of
  absentees without yes votes, a line of yes or away without noes, a range of yes votes when nobody stays
  away); a cohesion between 0 and 1 adds its corners, which lie in that shape. A shape grows the table by
  a running maximum along its rows and columns (a line, by shifts of 1, 2, 4, ... seats), and shapes of
  one kind add up (a triangle of 3 seats and one of 4 reach what one of 7 does), so the independent blocs
  cost a few passes over the table;
- a bloc acting as one reaches its corners (all yes, all no, all away): the table shifted by each, merged;
- a group reaches its blocs' sums apart (when it may act apart) and its as-one outcomes, the table grown
  by each and merged (a sum distributes over a union).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt

from whipcount.tally.model import Bloc

__all__ = ["Support"]

BoolArray = npt.NDArray[np.bool_]
NONE = -(10**9)  # "no reachable cell before this one" in the running maxima below


class Support:
    """A set of (yes, uncertain absentees) pairs on a table that holds every sum to be formed."""

    def __init__(self, cells: BoolArray) -> None:
        self.cells = cells

    @classmethod
    def origin(cls, shape: tuple[int, int]) -> Support:
        """Nothing counted yet: the pair (0, 0)."""
        cells = np.zeros(shape, dtype=np.bool_)
        cells[0, 0] = True
        return cls(cells)

    def __or__(self, other: Support) -> Support:
        return Support(self.cells | other.cells)

    def plus_points(self, points: list[tuple[int, int]]) -> Support:
        """Every pair plus one of ``points`` (the outcomes of a bloc or a group acting as one)."""
        out = np.zeros_like(self.cells)
        rows, cols = out.shape
        for dy, da in set(points):
            out[dy:, da:] |= self.cells[: rows - dy, : cols - da]
        return Support(out)

    def plus_blocs(self, blocs: list[Bloc]) -> Support:
        """Every pair plus one pair of each bloc (its own votes, the bloc acting as one or not)."""
        shapes: Counter[str] = Counter()
        out = self
        for b in blocs:
            kind, corners = _kind(b)
            if kind:
                shapes[kind] += b.seats
            else:
                out = out.plus_points(corners)
        return out._grow(shapes["triangle"], shapes["column"], shapes["line"], shapes["yes-range"])

    def _grow(self, triangle: int, column: int, line: int, yes_range: int) -> Support:
        cells = self.cells
        if yes_range:
            cells = _along(cells, yes_range, axis=0)
        if column:
            cells = _along(cells, column, axis=1)
        if line:
            cells = _line(cells, line)
        if triangle:
            cells = _triangle(cells, triangle)
        return Support(cells)


def _kind(b: Bloc) -> tuple[str, list[tuple[int, int]]]:
    """A bloc's shape: a kind that adds up over blocs (its seats the size), or its corners alone."""
    n, yes, no = b.seats, b.p_yes > 0.0, b.p_no > 0.0
    if b.p_absent >= 1.0 or n == 0:
        return "", [(0, 0)]  # counted apart as certain absentees, or no seat: nothing moves
    uncertain = b.p_absent > 0.0
    if b.cohesion >= 1.0:
        corners = [(n, 0)] if yes else []
        corners += [(0, 0)] if no else []
        return "", corners + ([(0, n)] if uncertain else [])
    if not uncertain:  # yes or no, nobody away: a range of yes votes, or a point when only one can happen
        return ("yes-range", []) if yes and no else ("", [(n, 0)] if yes else [(0, 0)])
    return ("triangle" if yes and no else "line" if yes else "column"), []


def _shifted(cells: BoolArray, dy: int, da: int) -> BoolArray:
    out = np.zeros_like(cells)
    rows, cols = cells.shape
    out[dy:, da:] = cells[: rows - dy, : cols - da]
    return out


def _along(cells: BoolArray, n: int, axis: int) -> BoolArray:
    """Every pair plus 0..n on ``axis``: a cell is reached when a reached cell lies at most n before it."""
    index = np.indices(cells.shape)[axis]
    last = np.maximum.accumulate(np.where(cells, index, NONE), axis=axis)
    out: BoolArray = index - last <= n
    return out


def _triangle(cells: BoolArray, n: int) -> BoolArray:
    """Every pair plus (y, a) with y + a <= n: (y, a) is reached when some reached (y', a') <= (y, a) has
    y' + a' >= y + a - n (the largest such sum, a running maximum down the rows and along the columns)."""
    y, a = np.indices(cells.shape)
    best = np.maximum.accumulate(np.where(cells, y + a, NONE), axis=0)
    best = np.maximum.accumulate(best, axis=1)
    out: BoolArray = y + a - best <= n
    return out


def _line(cells: BoolArray, n: int) -> BoolArray:
    """Every pair plus (t, n - t), t = 0..n: absentees moved up by n, then up to n of them traded for yes
    votes, in trades of 1, 2, 4, ... (each sum of these reaches every count from 0 to n, one after the
    other: the table is shifted and merged a dozen times for a thousand seats, never widened)."""
    out = _shifted(cells, 0, n)
    rows, cols = out.shape
    step, left = 1, n
    while left > 0:
        k = min(step, left)
        out[k:, : cols - k] |= out[: rows - k, k:].copy()  # (y, a) -> (y + k, a - k)
        left -= k
        step *= 2
    return out
