"""Walker's alias method: a distribution over ``w`` cells as ``w`` columns, each kept with some probability
and otherwise giving way to one other column, so that a draw is one uniform and one look-up.

Two builders, one result: :func:`alias_table` for one distribution, in linear time (Vose's construction,
a loop in Python: for the Monte Carlo's collapsed units, up to a few thousand cells), and
:func:`alias_rows` for many short distributions at once, vectorised across rows (the binomial tables,
``G`` rows of up to 64 columns for each size). Both keep each column's probability to rounding (about
1e-15 of a column's share).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["alias_rows", "alias_table"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def alias_table(pmf: FloatArray) -> tuple[FloatArray, IntArray]:
    """Walker's alias table of ``pmf`` (Vose's construction, linear time): cell ``x`` is kept with probability
    ``keep[x]`` and otherwise gives way to ``alias[x]``, ``x`` uniform over the cells."""
    w = len(pmf)
    scaled = (pmf * w).tolist()
    keep = [1.0] * w
    alias = list(range(w))
    small = [x for x in range(w) if scaled[x] < 1.0]
    large = [x for x in range(w) if scaled[x] >= 1.0]
    while small and large:
        x, big = small.pop(), large[-1]
        keep[x], alias[x] = scaled[x], big
        scaled[big] = (scaled[big] + scaled[x]) - 1.0
        if scaled[big] < 1.0:
            small.append(large.pop())
    # what is left holds 1 to rounding: kept whole
    return np.array(keep, dtype=np.float64), np.array(alias, dtype=np.int64)


def alias_rows(pmf: FloatArray) -> tuple[FloatArray, IntArray]:
    """Walker's alias tables, one per row of ``pmf``, all rows at once (a pass of numpy a column: for many
    short rows, the binomial tables'): column ``x`` is kept with probability ``keep[x]`` and replaced by
    ``alias[x]`` otherwise, ``x`` uniform over the columns."""
    rows, w = pmf.shape
    s = pmf * w
    keep = np.ones((rows, w))
    alias = np.tile(np.arange(w, dtype=np.int64), (rows, 1))
    done = np.zeros((rows, w), dtype=np.bool_)
    r = np.arange(rows)
    # a w-th round finds at most one column left, its s within rounding of 1: it would change no probability
    for _ in range(w - 1):  # equivalent mutants "1 -> 0", "- -> +": see above; more rounds find nothing to do
        # a column at exactly 1 is kept whole whether it is taken as small (keep 1) or left to the end
        small = np.where(done | (s >= 1.0), np.inf, s).argmin(axis=1)  # equivalent mutant ">= -> >": above
        ok = ~done[r, small] & (s[r, small] < 1.0)
        if not ok.any():
            break
        big = np.where(done, -np.inf, s)
        big[r, small] = -np.inf
        large = big.argmax(axis=1)
        i, j, k = r[ok], small[ok], large[ok]
        keep[i, j] = s[i, j]
        alias[i, j] = k
        done[i, j] = True
        s[i, k] -= 1.0 - s[i, j]
    return keep, alias
