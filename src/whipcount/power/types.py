"""Coalitions of a game of types: players grouped by equal weight, coalitions counted by how many of each.

Players of one weight are interchangeable: a coalition wins, is minimal or is minimum whatever the members
of each weight it takes, only by how many. So the coalitions of a game of few distinct weights are described
by their *type*, the number of players of each weight, and counted without being listed: a type taking
``c_t`` of the ``m_t`` players of weight ``w_t`` stands for ``prod_t C(m_t, c_t)`` coalitions. 30,000 players
of one seat at quota 15,001 have one minimum winning type, 15,001 players, standing for ``C(30000, 15001)``
coalitions.

- A type wins when ``sum_t c_t w_t >= q``.
- It is minimal winning when it wins and loses without one of its lightest members (each member of a
  heavier weight weighs at least as much): ``sum_t c_t w_t - w_min < q``.
- It is minimum winning when its weight is the least winning weight any coalition reaches, ``w*``, found
  from a table of the sums the players of each weight and the lighter ones can make
  (:func:`type_reach`: a row per distinct weight, where a row per player had been refused for 30,000
  players as too large).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

import numpy as np
import numpy.typing as npt

from whipcount.errors import PowerError
from whipcount.power.game import WeightedGame

__all__ = ["CoalitionType", "WeightTypes", "coalition_types", "count_types", "reach_row", "type_reach", "weight_types",
           "within"]

#: The most cells (distinct weights x total weight) of the reachability table of the minimum winning coalitions.
MAX_REACH_CELLS = 200_000_000  # equivalent mutants: a memory budget, at whose exact edge no test can build a game
#: The most sums kept as sets instead, where the kinds of coalition are fewer than the total weight.
MAX_REACH_SUMS = 1 << 20
TYPE_KINDS = ("winning", "minimal", "minimum")
"""The kinds of coalition a type decides; a connected one depends on the players' order, not their weights."""


@dataclass(frozen=True)
class WeightTypes:
    """The distinct weights, heaviest first, and the players of each (by index, ascending)."""

    weights: tuple[int, ...]
    players: tuple[tuple[int, ...], ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        """How many players have each weight."""
        return tuple(len(p) for p in self.players)


def weight_types(game: WeightedGame, *, skip_zero: bool = False) -> WeightTypes:
    """``game``'s players grouped by weight, heaviest first (those of weight 0 left out with ``skip_zero``)."""
    groups: dict[int, list[int]] = {}
    for i, w in enumerate(game.weights):
        if not (skip_zero and w == 0):
            groups.setdefault(w, []).append(i)
    weights = tuple(sorted(groups, reverse=True))
    return WeightTypes(weights, tuple(tuple(groups[w]) for w in weights))


@dataclass(frozen=True)
class CoalitionType:
    """Coalitions taking ``counts[t]`` of the players of the ``t``-th weight: ``number`` of them, each
    weighing ``weight``."""

    counts: tuple[int, ...]
    weight: int
    number: int

    @property
    def members(self) -> int:
        """How many members each of these coalitions has."""
        return sum(self.counts)


def reach_row(lighter: npt.NDArray[np.bool_], w: int, m: int) -> npt.NDArray[np.bool_]:
    """The sums that up to ``m`` players of weight ``w`` and the lighter players (``lighter``) make: a sum
    ``s`` is made when one of ``s, s - w, ..., s - m w`` is in ``lighter``, a window along its residue
    class modulo ``w``."""
    if w == 0 or m == 0:
        return lighter.copy()
    top = lighter.size
    grid = np.zeros(-(-top // w) * w, dtype=np.int64)
    grid[:top] = lighter
    counts = np.cumsum(grid.reshape(-1, w), axis=0)  # row j, column r: the sums r, r + w, ..., j w + r
    before = np.zeros_like(counts)
    before[m + 1:] = counts[: max(counts.shape[0] - m - 1, 0)]
    return np.asarray((counts - before).reshape(-1)[:top] > 0)


def type_reach(types: WeightTypes, total: int, what: str) -> list[npt.NDArray[np.bool_]]:
    """``rows[t][s]``: whether the players of the ``t``-th weight and the lighter ones make the sum ``s``
    (``rows[len]`` has only 0); a PowerError naming ``what`` where the table is too large."""
    k = len(types.weights)
    if k * (total + 1) > MAX_REACH_CELLS:
        raise PowerError(f"{what}: {k} distinct weights x total weight {total} is too large for the "
                         f"reachability table (limit {MAX_REACH_CELLS:,} cells)")
    rows = [np.zeros(total + 1, dtype=bool)]
    rows[0][0] = True
    for w, m in zip(reversed(types.weights), reversed(types.sizes), strict=True):
        rows.append(reach_row(rows[-1], w, m))
    rows.reverse()
    return rows


def within(row: npt.NDArray[np.bool_], need: int, w: int, copies: int) -> bool:
    """Whether ``need`` is made by up to ``copies`` players of weight ``w`` added to a sum ``row`` marks."""
    if need < 0 or need >= row.size + copies * w:
        return False
    if w == 0:
        return bool(row[need])
    lo = need - min(copies, need // w) * w
    hi = min(need, (row.size - 1) - (row.size - 1 - lo) % w)
    return hi >= lo and bool(row[lo: hi + 1: w].any())


class _Marked:
    """A row of the reachability table as the set of the sums it marks (``s in row``)."""

    def __init__(self, row: npt.NDArray[np.bool_]) -> None:
        self.row = row

    def __contains__(self, s: object) -> bool:
        return isinstance(s, int) and 0 <= s < self.row.size and bool(self.row[s])

    def __iter__(self) -> Iterator[int]:
        return (int(s) for s in np.flatnonzero(self.row))

    def __len__(self) -> int:
        return int(np.count_nonzero(self.row))


def _type_sums(types: WeightTypes) -> list[set[int]]:
    """``sums[t]``: the sums the players of the ``t``-th weight and the lighter ones make, as sets (for few
    players of large weights, whose table of a column per total weight would be too large)."""
    sums = [{0}]
    for w, m in zip(reversed(types.weights), reversed(types.sizes), strict=True):
        sums.append({s + c * w for s in sums[-1] for c in range(m + 1)})
    sums.reverse()
    return sums


def _minimum(game: WeightedGame, types: WeightTypes) -> Iterator[tuple[int, ...]]:
    """Minimum winning types: those weighing the least winning weight, heaviest weights first."""
    reach: Sequence[Collection[int]]
    if math.prod(m + 1 for m in types.sizes) <= min(game.total, MAX_REACH_SUMS):
        reach = _type_sums(types)
        target = min(s for s in reach[0] if s >= game.quota)
    else:
        rows = type_reach(types, game.total, "minimum winning coalitions")
        reach = [_Marked(row) for row in rows]
        target = int(np.flatnonzero(rows[0][game.quota:])[0]) + game.quota  # the grand coalition wins
    stack: list[tuple[int, int, tuple[int, ...]]] = [(0, target, ())]
    while stack:
        t, need, counts = stack.pop()
        if t == len(types.weights):
            if need == 0:
                yield counts
            continue
        w, m = types.weights[t], types.sizes[t]
        for c in range(min(m, need // w), -1, -1):
            if need - c * w in reach[t + 1]:
                stack.append((t + 1, need - c * w, (*counts, c)))


def _minimal(game: WeightedGame, types: WeightTypes, *, every: bool) -> Iterator[tuple[int, ...]]:
    """Minimal winning types or (``every``) winning ones, heaviest weights first."""
    k, q = len(types.weights), game.quota
    rest = [sum(w * m for w, m in zip(types.weights[t:], types.sizes[t:], strict=True)) for t in range(k + 1)]
    stack: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())]
    while stack:
        t, cur, counts = stack.pop()
        if t == k:
            if cur >= q:
                yield counts
            continue
        w, m = types.weights[t], types.sizes[t]
        # a minimal type takes no more of a weight than reach the quota (weight 0 only in a winning one)
        for c in range(m if every else min(m, -(-(q - cur) // w)), -1, -1):
            new = cur + c * w
            if new + rest[t + 1] < q:
                break
            if every or new < q:
                stack.append((t + 1, new, (*counts, c)))
            elif new - w < q and c > 0:  # reached the quota with this weight's last member: minimal
                stack.append((k, new, (*counts, c) + (0,) * (k - t - 1)))


def coalition_types(game: WeightedGame, kind: str, *, limit: int | None = None) -> Iterator[CoalitionType]:
    """The types of ``game``'s coalitions of ``kind`` (winning, minimal, minimum), each with the number of
    coalitions it stands for; the counts are by :func:`weight_types` (weight 0 left out but for winning)."""
    if kind not in TYPE_KINDS:
        raise PowerError(f"coalitions by weight: kind must be one of {', '.join(TYPE_KINDS)}, got {kind!r}")
    types = weight_types(game, skip_zero=kind != "winning")
    found = _minimum(game, types) if kind == "minimum" else _minimal(game, types, every=kind == "winning")
    binomials = [_Binomial(m) for m in types.sizes]
    made = (CoalitionType(c, sum(w * x for w, x in zip(types.weights, c, strict=True)),
                          math.prod(b.of(x) for b, x in zip(binomials, c, strict=True))) for c in found)
    return made if limit is None else islice(made, limit)


class _Binomial:
    """``C(m, c)`` for the ``c`` asked in turn, stepped from the last one asked (a multiplication and a
    division by small numbers a step) where that is near: kinds listed one after another differ by a few
    players of a weight, and ``math.comb(30000, c)`` afresh for each of 15,000 kinds had taken 100 s."""

    NEAR = 64

    def __init__(self, m: int) -> None:
        self.m, self.c, self.value = m, 0, 1

    def of(self, c: int) -> int:
        if abs(c - self.c) > self.NEAR:
            self.c, self.value = c, math.comb(self.m, c)
        while self.c < c:
            self.value = self.value * (self.m - self.c) // (self.c + 1)
            self.c += 1
        while self.c > c:
            self.value = self.value * self.c // (self.m - self.c + 1)
            self.c -= 1
        return self.value


def count_types(game: WeightedGame, kind: str, cap: int) -> tuple[int, int] | None:
    """How many types of ``kind`` and how many coalitions they stand for, or None past ``cap`` types."""
    types = coalitions = 0
    for found in coalition_types(game, kind, limit=cap + 1):
        types += 1
        coalitions += found.number
    return None if types > cap else (types, coalitions)
