"""Exact pivots by coalition size (Shapley–Shubik) by counting modulo ``2**64`` and primes.

The table is that of :func:`whipcount.power.dp.size_weight_table`: ``T[k, y]`` counts the coalitions of
all players with ``k`` members and weight ``y < q``. Each modulus gets its own ``int64`` table, built,
read and dropped before the next one, so only one table is ever in memory (``354 x 128,429`` cells,
0.36 GB, for 500 players with weights up to 1000).

**What does not depend on the modulus is planned once.** Row ``k`` is updated only between the least
and the greatest weight a ``k``-coalition can have so far (the range bookkeeping of
:mod:`whipcount.power.dp`), and players are added in **descending** weight: then the least weight of a
``k``-coalition stays high for long and rows whose least weight reaches the quota are never touched
(2.9 rather than 4.1 billion cell additions for the 500-player benchmark game). The row updates
``(k, a, b, w)`` and, for the primes, the points where rows must be partially reduced
(:class:`whipcount.power.modular.Reducer`) are the same for every modulus: they are listed once, and
each modulus runs a plain loop of numpy additions.

**A wavefront of players** (:func:`wavefront`). A table of 0.36 GB does not stay in cache, and a
player's updates touch 46 MB of it on average: one player at a time, every addition waits on memory
(about 1 ns an addition here). Sixteen players go down the rows together instead, each a row behind
the one before, so that a row is loaded once and updated by all of them while it is in cache: the
same additions in another order (every read sees what the player-by-player order would show it),
about twice as fast.

**Moduli.** ``2**64`` comes free: ``int64`` additions wrap around, which is exact arithmetic modulo
``2**64``, so that table needs no reduction at all. The rest are primes of ``b`` bits (see
:func:`whipcount.power.modular.prime_bits`), as many as make the product of all moduli exceed the
largest pivot count, ``max_k C(n-1, k)`` over the sizes ``k`` that can pivot.

**Reading the pivots.** Removing a player of weight ``w`` from the table of all players and summing
over its swing window telescopes (:mod:`whipcount.power.dp`) into
``pivots[k] = sum_j (-1)**j D[k - j, j]`` with ``D[r, j]`` the sum of row ``r`` over the window
``[q - (j+1) w, q - j w)``, gathered row by row for all distinct weights at once (:class:`PivotReader`):
a row of prefix sums (1 MB for the benchmark game) stays in cache while it is read.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from whipcount.power.modular import (
    LIMIT,
    WORD,
    Int64Array,
    Reducer,
    crt,
    moduli_for,
    prime_bits,
    residues_of,
    run,
    workers_for,
)

__all__ = ["swings_by_size_modular"]

Update = tuple[int, int, int, int]  # row k, columns [a, b), weight w: T[k, a:b] += T[k-1, a-w:b-w]
Span = tuple[int, int, int]  # row k, columns [a, b): reduce T[k, a:b] (prime tables only)
Step = tuple[list[Span], list[Update]]  # before a player: rows to reduce, then the player's row updates
Op = tuple[int, int, int, int]  # an Update, or with w = REDUCE a Span to reduce

REDUCE = -1
"""The weight of an :data:`Op` that reduces its span (a player's weight is never negative)."""

WAVE = 16
"""Players applied in one sweep down the rows (:func:`wavefront`): a row is brought from memory once
for every 16 players rather than once for each, and stays in cache while they pass over it."""


def plan_updates(weights: Sequence[int], cap: int, max_size: int, prime_bound: int) -> list[Step]:
    """The row updates of the size x weight table, player by player, and before each player the rows
    that a prime table must reduce so that no cell can pass ``2**62``.

    ``bound[k]`` bounds every cell of row ``k`` (the true ``C(j, k)`` until its first reduction, then
    ``prime_bound``, at least twice any prime used). Before a player whose additions could take a row
    past :data:`~whipcount.power.modular.LIMIT`, every row above ``2**50`` (and above ``prime_bound``)
    is reduced, so the large rows grow in step and are reduced together about once every ``61 - b``
    players (for the 500-player benchmark game 29 times, 0.21 billion cells, against 0.28 billion with
    a threshold of ``2**57``).
    """
    rows = max_size + 1
    lo = [0] * rows  # least weight of a k-coalition so far
    # greatest weight of a k-coalition so far
    hi = [0] * rows  # equivalent mutant "0 -> 1": a higher hi only adds zero cells
    bound = [1] + [0] * max_size  # equivalent mutants "1 -> 2", "0 -> 1": a looser bound reduces sooner
    steps: list[Step] = []
    # numbering from 2 would fill one row more from an empty one and lower a lo: zero cells only
    for j, w in enumerate(sorted(weights, reverse=True), start=1):  # equivalent mutant "1 -> 2": see above
        top = min(j, max_size)
        reduce = _reductions(top, lo, hi, bound, cap, prime_bound)
        updates = _row_updates(top, w, lo, hi, bound, cap)
        _widen(j, top, w, lo, hi)
        steps.append((reduce, updates))
    # reducing a row already at prime_bound again leaves each cell below 2p with the same residue
    # a wider span reduces zero cells; one cell short leaves a single cell below 2**62 unreduced, and that
    # plus cap - 1 cells below 2p (under 2**62 together) still sums below 2**63, which the reducer takes
    steps.append(([(k, lo[k], min(cap, hi[k] + 1)) for k in range(rows)  # equivalent mutants "1 -> 2", "1 -> 0": above
                   if bound[k] > prime_bound], []))  # equivalent mutant "> -> >=": above
    return steps


def _reductions(top: int, lo: list[int], hi: list[int], bound: list[int], cap: int, prime_bound: int) -> list[Span]:
    """The rows to reduce before a player who fills rows 1..``top``: none while no pair of adjacent rows
    can add up to :data:`~whipcount.power.modular.LIMIT`, else every row above ``2**50`` (and above
    ``prime_bound``), whose ``bound`` drops to ``prime_bound``."""
    reduce: list[Span] = []
    # a pair at exactly LIMIT = 2**62 may still add: the row stays inside int64 and the reducer's range
    pair = max((bound[k] + bound[k - 1] for k in range(1, top + 1)),
               default=0)  # equivalent mutant "0 -> -1": no rows yet, below LIMIT either way
    if pair >= LIMIT:  # equivalent mutant ">= -> >": above
        for k in range(top + 1):
            # any threshold under 2**61 is safe (a pair at LIMIT holds a row above 2**61): it sets how often
            if bound[k] > max(1 << 50, prime_bound):  # equivalent mutant: see above
                reduce.append((k, lo[k], min(cap, hi[k] + 1)))  # equivalent mutant "1 -> 2": a wider span
                bound[k] = prime_bound
    return reduce


def _row_updates(top: int, w: int, lo: list[int], hi: list[int], bound: list[int], cap: int) -> list[Update]:
    """A player's updates of rows ``top`` down to 1, each over the columns its row below can reach plus
    ``w`` (under ``cap``); each updated row's ``bound`` grows by that of the row below."""
    updates: list[Update] = []
    # row 0 would read row -1 = row max_size from lo[max_size] + w on: with lo exact (weights descending), that
    # is the least weight of max_size + 1 players, at least q = cap (or 0 + w while row max_size is still empty)
    for k in range(top, 0, -1):  # equivalent mutant "0 -> -1": above
        a, b = lo[k - 1] + w, min(cap, hi[k - 1] + w + 1)
        if a < b:  # equivalent mutant "< -> <=": an empty span adds nothing (and only loosens a bound)
            updates.append((k, a, b, w))
            bound[k] += bound[k - 1]
    return updates


def _widen(j: int, top: int, w: int, lo: list[int], hi: list[int]) -> None:
    """The least and greatest weight of a k-coalition once the ``j``-th player (weight ``w``) is in."""
    for k in range(top, 0, -1):  # equivalent mutant "0 -> -1": row 0 keeps lo 0; a higher hi[0] adds zeros
        # lo and hi bound the cells a row can hold: a lower lo (or a higher hi) only adds zero cells
        # (a row's first fill reading lo[k], still 0, for lo[k - 1] only sets a lower lo)
        lo[k] = (lo[k - 1] + w if k == j  # equivalent mutants "1 -> 2", "1 -> 0", "== -> !=": above
                 else min(lo[k], lo[k - 1] + w))
        hi[k] = max(hi[k], hi[k - 1] + w)


def wavefront(steps: list[Step], group: int = WAVE) -> list[Op]:
    """The steps' operations in the order a table runs them (:func:`wavefront_order` without the players)."""
    return [op for _, op in wavefront_order(steps, group)]


def wavefront_order(steps: list[Step], group: int = WAVE) -> list[tuple[int, Op]]:
    """``(player, operation)`` in the order a table runs them: the players in groups of ``group``, each
    group in one sweep down the rows in which every player works a row behind the one before.

    Player ``g`` of a group updates row ``k`` at sweep position ``k - g``: after player ``g - 1`` wrote row
    ``k - 1`` (at the same position, just before) and before player ``g + 1`` writes it (at the next
    position), so every read sees the row as the player-by-player order leaves it. A reduction of row ``k``
    planned before player ``g`` comes after player ``g - 1`` wrote the row and before player ``g`` reads it.
    """
    order: list[tuple[int, Op]] = []
    for first in range(0, len(steps), group):
        keyed: list[tuple[int, int, int, Op]] = []
        for g, (reduce, updates) in enumerate(steps[first : first + group]):
            # "+ 2" would tie with player g + 1's reduction of row k, which the stable sort keeps after it
            keyed.extend((g - k, 2 * g + 1, first + g, (k, a, b, w))  # equivalent mutant "1 -> 2": above
                         for k, a, b, w in updates)
            keyed.extend((g - k - 1, 2 * g, first + g, (k, a, b, REDUCE)) for k, a, b in reduce)
        keyed.sort(key=lambda item: (item[0], item[1]))  # a player has one operation of each kind a row
        order.extend((player, op) for _, _, player, op in keyed)
    return order


def run_in_wavefront(
    table: npt.NDArray[Any], weights: Sequence[int], max_size: int, step: Callable[[], None]
) -> None:
    """Fill the zeroed ``table`` (rows ``0..max_size``, its width the cap; ``table[0, 0] = 1``) with the
    row updates of every player in the :func:`wavefront` order, in the table's own arithmetic (int64 or
    float64: no reductions). ``step()`` is called once for each player once every update of theirs
    has run (a float table is rescaled there: scaling every cell alike commutes with the additions)."""
    # no reduction is run: the bound passed only decides which ones the plan lists
    steps = plan_updates(weights, table.shape[1], max_size, LIMIT)[: len(weights)]
    done = 0  # players whose every update has run (step() called for each)
    for player, (k, a, b, w) in wavefront_order(steps):
        first = player - player % WAVE  # the first player of this one's group: all before it are done
        for _ in range(first - done):
            step()
        done = max(done, first)
        if w != REDUCE:
            row = table[k, a:b]
            np.add(row, table[k - 1, a - w : b - w], out=row)
    for _ in range(len(weights) - done):
        step()


def size_weight_residues(
    ops: list[Op], rows: int, cap: int, modulus: int, *, reuse: Int64Array | None = None
) -> Int64Array:
    """``T[k, y]`` modulo ``modulus`` (``2**64``: wrapping ``int64``; a prime: every cell below ``2p``),
    running the operations of :func:`wavefront` (reductions only for a prime). ``reuse``: a table of
    the same shape to overwrite (clearing it costs less than the page faults of a new one)."""
    if reuse is None:
        table = np.zeros((rows, cap), dtype=np.int64)
    else:
        table = reuse
        table.fill(0)
    table[0, 0] = 1
    add = np.add
    reducer = None if modulus == WORD else Reducer(modulus, cap)
    for k, a, b, w in ops:
        row = table[k, a:b]
        if w != REDUCE:
            add(row, table[k - 1, a - w : b - w], out=row)
        elif reducer is not None:
            reducer(row)
    return table


class PivotReader:
    """Reads the pivots of every distinct weight from the prefix sums of the table, one row at a time.

    For row ``r`` and a weight ``w``, window ``j`` (``[q - (j+1) w, q - j w)``) adds ``(-1)**j`` times the
    row's sum over it to ``pivots_w[r + j]``. The prefix sums at ``q - j w``, ``j = 0 .. jmax``, of all
    distinct weights one after the other (about ``sum_w min(q/w, rows)`` cells) are gathered from the
    row in one ``take``; neighbours' differences are the window sums (the difference across two weights
    is sent to a spare cell), signed and added into ``out`` at ``target + r`` (no two windows of one row
    land on the same cell).
    """

    def __init__(self, quota: int, distinct: Sequence[int], rows: int) -> None:
        jmax = np.array([min(-(-quota // w), rows) for w in distinct], dtype=np.int64)  # q - j w > 0, j < rows
        points = jmax + 1
        firsts = np.cumsum(points) - points
        j = np.arange(int(points.sum()), dtype=np.int64) - np.repeat(firsts, points)
        x = quota - np.repeat(np.array(distinct, dtype=np.int64), points) * j
        self.rows, self.count = rows, len(distinct)
        self.width = rows + int(jmax.max(initial=0))  # equivalent mutants "0 -> 1", "0 -> -1": every jmax is >= 1
        self.columns = np.maximum(x - 1, 0)  # P[x] = prefix[x - 1] ...  # equivalent mutant "0 -> -1": zeroed next
        self.zero = np.flatnonzero(x <= 0)  # ... and P[x] = 0 for x <= 0 (only at some j = jmax)
        self.sign = np.where(j[:-1] % 2 == 0, 1, -1).astype(np.int64)
        owner = np.repeat(np.arange(len(distinct), dtype=np.int64), points)[:-1]
        self.target = owner * self.width + j[:-1]
        self.spare = self.count * self.width + rows  # beyond every pivot, for any r
        self.target[(firsts + jmax)[:-1]] = self.spare  # differences across two weights

    def __call__(self, table: Int64Array, prefix: Callable[[Int64Array], None]) -> Int64Array:
        """``out[i, k]``: pivots of size ``k`` of the ``i``-th distinct weight, as signed sums of residues
        (below ``2 * rows * p < 2**62`` in absolute value when the prefix sums are below ``2p``; wrapping for
        2**64). ``prefix`` turns a row of ``table`` into its prefix sums in place, just before it is read
        (while the row is in cache)."""
        # the last cell written is spare + rows - 1 (target spare, shifted by r < rows): the + 1 is a cell to spare
        out = np.zeros(self.spare + 1 + self.rows, dtype=np.int64)  # equivalent mutants "1 -> 2", "1 -> 0": above
        windows = np.empty(self.columns.size - 1, dtype=np.int64)  # two or more points: a weight is never 0
        for r in range(self.rows):
            prefix(table[r])
            at = table[r].take(self.columns)
            at[self.zero] = 0
            np.subtract(at[:-1], at[1:], out=windows)
            windows *= self.sign
            shifted = out[r:]
            shifted[self.target] += windows
        return out[: self.count * self.width].reshape(self.count, self.width)[:, : self.rows]


def swings_by_size_modular(
    weights: Sequence[int], quota: int, max_size: int, n_players: int, *, workers: int | None = None
) -> dict[int, list[int]]:
    """Same result as :func:`whipcount.power.dp.swings_by_size` (exact), by counting modulo ``2**64``
    and primes.

    For each distinct weight ``w``: the list over ``k = 0 .. n-1`` of coalitions ``S`` of the other
    players with ``|S| = k`` and ``q - w <= w(S) < q``. ``max_size``: the largest size of a losing
    coalition (larger ones never swing).
    """
    # A wider table or an extra row only adds cells that are never read or read as zero: no coalition of
    # max_size + 1 others is losing.
    cap = max(quota, 1)  # equivalent mutants "1 -> 2", "1 -> 0": see above (a quota is 1 or more)
    rows = max_size + 1  # equivalent mutant "1 -> 2": see above
    distinct = sorted({w for w in weights if w > 0})
    moduli, bits = _moduli(cap, rows, n_players)
    count = workers_for(workers, 8 * rows * cap,  # equivalent mutants "8 -> 9", "8 -> 7": threads, not counts
                         "size x weight residue table (Shapley–Shubik)")
    # prime_bound only has to be at least twice any prime (a larger one reduces rows sooner); 2**bits, below
    # 2p, would let a cell reach twice its bound: under 2**63 after an add, and cap cells under 2**(bits + 1)
    # still sum below 2**62 (prime_bits), so even that reads the same
    ops = wavefront(plan_updates(weights, cap, max_size, 2 << bits))  # equivalent mutants "2 -> 3", "2 -> 1": above
    per_modulus = _PerModulus(ops, rows, cap, PivotReader(quota, distinct, rows))
    residues = run(per_modulus, moduli, count)
    per_modulus.spare.clear()  # the tables go before the Chinese remainder step builds its big integers
    flat = crt([r.ravel().tolist() for r in residues], moduli)
    result: dict[int, list[int]] = {}
    for i, w in enumerate(distinct):
        # sizes past max_size: none; the list is cut to n_players just below
        values = flat[i * rows : (i + 1) * rows] + [0] * (n_players - rows)  # equivalent mutant "- -> +": above
        result[w] = values[:n_players]
    if 0 in set(weights):
        result[0] = [0] * n_players
    return result


def _moduli(cap: int, rows: int, n_players: int) -> tuple[list[int], int]:
    """The moduli whose product exceeds every pivot count that can be read, and the primes' bits."""
    bits = prime_bits(cap, rows)
    # a larger bound (C(n, k), or 0 for no row) only asks for a spare modulus or none
    sizes_read = range(min(rows, n_players))
    bound = max((math.comb(n_players - 1, k) for k in sizes_read), default=1)  # equivalent mutant "1 -> 0": above
    return moduli_for(bound, bits), bits


class _PerModulus:
    """The pivots of every distinct weight modulo one modulus (its table built, read and given up); a
    worker takes a finished modulus's table to overwrite if one is there."""

    def __init__(self, ops: list[Op], rows: int, cap: int, read: PivotReader) -> None:
        self.ops, self.rows, self.cap, self.read = ops, rows, cap, read
        self.spare: list[Int64Array] = []  # tables of finished moduli (list.append and .pop are atomic)

    def _reuse(self) -> Int64Array | None:
        try:  # another worker may take the last one between a check and a pop: no check
            return self.spare.pop()
        except IndexError:
            return None

    def __call__(self, m: int) -> npt.NDArray[np.generic]:
        table = size_weight_residues(self.ops, self.rows, self.cap, m, reuse=self._reuse())
        reduce = None if m == WORD else Reducer(m, self.cap)

        def prefix(row: Int64Array) -> None:
            np.cumsum(row, out=row)  # cells below 2p: prefix sums below cap * 2p < 2**62
            if reduce is not None:  # partial reduction: every prefix sum below 2p (no integer division)
                reduce(row)

        out = self.read(table, prefix)
        self.spare.append(table)
        return residues_of(np.ascontiguousarray(out), m)
