"""Counting coalitions by weight (and by size): the dynamic programmes behind the indices.

The generating function of a weighted game is ``C(z) = prod_i (1 + z**w_i)``: the coefficient of
``z**y`` counts the coalitions of weight ``y``. With a size variable, ``C(t, z) = prod_i (1 + t z**w_i)``
counts them by size and weight (Shapley–Shubik needs the size). Only coefficients below the quota are
ever needed, so every table is truncated at ``cap = quota`` columns; each player costs one vectorised
``T[..., w:] += T[..., :cap-w]``.

**One table for all players.** Removing player ``i`` divides by ``1 + t z**w``, i.e.
``C_{-i}[k][y] = sum_j (-1)**j C[k-j][y - j*w]``. Summed over the swing window ``[q-w, q)`` this
telescopes into signed *prefix sums* ``P[k][x] = sum_{y<x} C[k][y]`` of the one full table, read at
``x = q - j*w``: the swings of a player of weight ``w`` cost ``O(q/w)`` look-ups (``O(min(q/w, K) * K)``
by size) instead of a table of their own, and they are computed once per **distinct** weight.

**The exactness ladder** (:func:`choose_arithmetic`), chosen from bounds, never by overflow:

1. ``int64``: a count of coalitions of ``n`` players is at most ``2**n``; for ``n <= 62`` every entry
   and prefix sum fits in an ``int64``. Signed sums of prefix sums may wrap in intermediate steps,
   but two's-complement addition is exact modulo ``2**64`` and the final value is known to lie in
   ``[-2**62, 2**62]``, so it comes out exact.
2. ``limbs`` (``method="tables"``; by default larger games are counted modulo primes, see
   :mod:`whipcount.power.modular`): beyond that, each count is split into ``B``-bit limbs held in ``uint64`` lanes,
   ``count = sum_l T[l] * 2**(B*l)``. Adding tables limb by limb needs no carry until a limb could
   exceed ``2**63``: each player at most doubles a limb, so carries are propagated once every
   ``63 - B`` players, and only the limbs that can be non-zero yet (``j // B + 2`` after ``j``
   players) are touched. ``B`` is chosen so that prefix sums of normalised limbs cannot overflow
   (``rows * cap * 2**B < 2**62``). The limbs of each final count are joined as Python ``int`` s.
3. ``float64`` (only with ``exact=False``): the table holds ``count / 2**n`` (rescaled by the exact
   power ``2**-960`` every 960 players, :data:`FLOAT_RESCALE`, so no overflow for any ``n``). Entries
   are sums of positive terms rounded once per player: relative error at most ``n * 2**-53``. A swing probability is a
   signed sum of at most ``q + 1`` prefix sums, each at most 1, so its **absolute error is at most
   ``(n + 2*q + 2) * 2**-53``** (e.g. ``3e-11`` for ``q = 125000``); an index that divides by a sum of
   such terms inherits that bound relative to the sum.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from whipcount.errors import TooLarge
from whipcount.power import halves, sizes
from whipcount.power.modular import LIMIT

__all__ = [
    "Arithmetic",
    "choose_arithmetic",
    "size_weight_table",
    "swings_by_size",
    "swings_total",
    "weight_table",
]

Kind = Literal["int64", "limbs", "float64"]
Table = npt.NDArray[Any]


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """How a counting table is stored (see the module docstring for the ladder)."""

    kind: Kind
    limb_bits: int = 0  # equivalent mutants "0 -> 1", "0 -> -1": read only for limbs, which always set it
    limbs: int = 1

    @property
    def exact(self) -> bool:
        """True unless float64."""
        return self.kind != "float64"

    @property
    def dtype(self) -> type[np.generic]:
        """numpy dtype of the tables."""
        return {"int64": np.int64, "limbs": np.uint64, "float64": np.float64}[self.kind]


FLOAT_RESCALE = 960  # equivalent mutants "960 -> 961", "960 -> 959": any interval far below 1024 holds the cells
"""A float table is multiplied by ``2**-960`` once every 960 players (and by the rest at the end): its
cells, at most ``2**960`` times the last scale, stay far below float64's ``2**1024``. Rescaling a
table of 0.3 GB every 64 players had cost a sixth of a float Shapley–Shubik index at ``n = 500``."""

MAX_TABLE_BYTES = 2 * 1024**3
"""Largest counting table built (2 GiB); beyond it a PowerError suggests ``exact=False``."""


def _check_size(shape: tuple[int, ...], arith: Arithmetic, what: str) -> None:
    size = 8
    for dim in shape:
        size *= dim
    if size > MAX_TABLE_BYTES:
        raise TooLarge(
            f"{what}: the exact table would take {size / 1024**3:.1f} GiB "
            f"({' x '.join(map(str, shape))} {arith.kind} cells; limit {MAX_TABLE_BYTES / 1024**3:.0f} GiB); "
            "use exact=False (--float), whose error bound is documented"
        )


def choose_arithmetic(
    n: int, cap: int, *,
    rows: int = 1,  # equivalent mutants "1 -> 2", "1 -> 0": a limb a bit narrower (same counts), or max(rows, 1)
    exact: bool = True,
) -> Arithmetic:
    """The cheapest arithmetic for tables of ``rows x cap`` counts of coalitions of ``n`` players.

    Counts are at most ``2**n``; exact unless ``exact=False``.
    """
    if not exact:
        return Arithmetic("float64")
    if n <= 62:
        return Arithmetic("int64")
    # cap and rows are 1 or more wherever this is called: max(..., 0) would read the same;
    # max(cap, 2) narrows the limb by a bit when cap is 1: the same counts
    cap_bits = max(cap, 1).bit_length()  # equivalent mutants "1 -> 0", "1 -> 2": above
    row_bits = max(rows, 1).bit_length()  # equivalent mutant "1 -> 0": above
    bits = 62 - cap_bits - row_bits
    # bits < 8 needs cap and rows of 54 bits together: a table _check_size refuses long before
    limb_bits = max(8, min(48, bits))  # equivalent mutants "8 -> 7", "8 -> 9": see above
    # counts up to 2**n need n + 1 bits; (n - 1) // B + 2, n // B + 2 or (n + 2) // B + 2 limbs hold them all
    # (the spare limb covers it), and so does one limb fewer, (n + 1) // B + 1: the second spare is slack
    count_bits = n + 1  # equivalent mutants "+ -> -", "1 -> 0", "1 -> 2": above
    limbs = count_bits // limb_bits + 2  # equivalent mutants "2 -> 3", "2 -> 1": above
    return Arithmetic("limbs", limb_bits, limbs)


class _Accumulator:
    """Bookkeeping for one table: float rescaling, or lazy carries between limbs."""

    def __init__(self, table: Table, arith: Arithmetic, lane_axis: int) -> None:
        self.table, self.arith, self.axis = table, arith, lane_axis
        self.players = 0  # equivalent mutants "0 -> 1", "0 -> -1": a lane ahead is zero; behind, (p-1)//B + 2 > p//B
        self.pending = 0  # float: players since the last rescale; limbs: adds since the last carry
        self.buffer: Table | None = None

    @property
    def active(self) -> int:
        """Lanes that may hold non-zero values now (limbs above this are still zero)."""
        if self.arith.kind != "limbs":
            return 1  # equivalent mutant "1 -> 2": a one-lane table, slice(0, 2) of it is all of it
        # limbs past the highest that can be non-zero are zero: touching one more changes nothing; and one
        # fewer is still enough: lanes are never negative and sum to a count of at most 2**p after p players,
        # so lane p // B holds at most 2**(p % B) and the lanes above it nothing
        awake = self.players // self.arith.limb_bits + 2  # equivalent mutants "2 -> 3", "2 -> 1": above
        return min(self.arith.limbs, awake)

    def live(self) -> Table:
        """The table restricted to its active lanes (a view)."""
        index: list[slice] = [slice(None)] * self.table.ndim
        index[self.axis] = slice(0, self.active)
        return self.table[tuple(index)]

    def step(self) -> None:
        """Call once after each player."""
        self.players += 1  # equivalent mutant "1 -> 2": more lanes awake, the extra ones zero
        self.pending += 1
        if self.arith.kind == "float64" and self.pending == FLOAT_RESCALE:
            self.table *= 2.0**-FLOAT_RESCALE
            self.pending = 0
        # normalising a step early only carries sooner: the counts are the same; one add late still fits
        # (see carry); "or" would also carry other tables once 63 players pass: carry() does nothing but for limbs
        elif (self.arith.kind == "limbs"  # equivalent mutant "and -> or": above
              and self.arith.limb_bits + self.pending  # equivalent mutant ">= -> >": above
              >= 63):  # equivalent mutants "63 -> 62", "63 -> 64": above
            self.carry()

    def carry(self) -> None:
        """Normalise limbs to ``B`` bits each (limbs: no-op otherwise)."""
        if self.arith.kind != "limbs":
            return
        bits = np.uint64(self.arith.limb_bits)
        mask = np.uint64((1 << self.arith.limb_bits) - 1)
        t = np.moveaxis(self.table, self.axis, 0)
        if self.buffer is None:
            self.buffer = np.empty(t.shape[1:], dtype=np.uint64)  # reused: no allocation per carry
        # carrying one lane fewer is still enough: lane p // B and those above hold at most 2**(p % B) (see active)
        for lane in range(self.active - 1):  # equivalent mutant "1 -> 2": above
            np.right_shift(t[lane], bits, out=self.buffer)
            t[lane + 1] += self.buffer
            t[lane] &= mask
        # starting the count at -1 carries one add later: normalised lanes are below 2**B, 64 - B adds leave them
        # at most 2**64 - 2**(64 - B), and adding the carry from below (under 2**(64 - B)) still fits in uint64
        self.pending = 0  # equivalent mutants "0 -> 1", "0 -> -1": a carry one add early, or one late (above)

    def finish(self) -> None:
        """Bring the table to its documented state: counts / 2**n (float) or normalised limbs."""
        if self.arith.kind == "float64" and self.pending:
            self.table *= 2.0**-self.pending
        self.carry()
        self.pending = 0  # equivalent mutants "0 -> 1", "0 -> -1": the table is finished, never stepped again


def weight_table(weights: Sequence[int], cap: int, arith: Arithmetic) -> Table:
    """``T[l, y]``: coalitions of ``weights`` with total weight ``y`` (``0 <= y < cap``), lane ``l``.

    Lanes are the limbs of the count (``limbs``) or the count itself (``int64``, one lane);
    float64 holds ``count / 2**len(weights)``.
    """
    cap = max(cap, 1)  # equivalent mutants "1 -> 0", "1 -> 2": a quota, >= 1; cells >= it unread
    _check_size((arith.limbs, cap), arith, "weight table")
    if arith.kind != "limbs":
        return _one_lane_weight_table(weights, cap, arith)[None, :]
    table = np.zeros((arith.limbs, cap), dtype=arith.dtype)
    table[0, 0] = 1
    acc = _Accumulator(table, arith, lane_axis=0)
    for w in sorted(weights):
        live = acc.live()
        if w < cap:  # equivalent mutant "< -> <=": w = cap adds an empty slice; w > cap: a factor of 1
            live[:, w:] += live[:, : cap - w]  # 0/1 knapsack step; numpy copies overlapping input (w = 0 doubles)
        acc.step()
    acc.finish()
    return table


def _one_lane_weight_table(weights: Sequence[int], cap: int, arith: Arithmetic) -> Table:
    """:func:`weight_table` in ``int64`` or ``float64``: players in ascending weight, each step out of
    place between two buffers and only over the cells that can be non-zero so far, up to half the weight
    so far (:func:`whipcount.power.halves.step`; the loop of :mod:`whipcount.power.modular`). Float cells
    are rescaled by ``2**-64`` every 64 players."""
    scale = arith.kind == "float64"
    a = np.zeros(cap, dtype=arith.dtype)
    b = np.zeros(cap, dtype=arith.dtype)
    a[0] = 1
    # a top of 2: cell 1 holds its count (0) as well, and the next top comes from the total
    top, total, pending = 1, 0, 0  # equivalent mutant "1 -> 2": above
    for w in sorted(weights):
        # a player weighing the cap or more changes no cell below it
        if w < cap:  # equivalent mutant "< -> <=": at w = cap the step only mirrors, about the larger total
            top = halves.step(a, b, w, total, top, cap)
            a, b = b, a
            total += w
        pending += 1
        if scale and pending == 64:
            a[:top] *= 2.0**-64
            pending = 0
    if scale and pending:
        a[:top] *= 2.0**-pending
    halves.unfold(a, total, top, cap)
    return a


def size_weight_table(weights: Sequence[int], cap: int, max_size: int, arith: Arithmetic) -> Table:
    """``T[k, l, y]``: coalitions of size ``k <= max_size`` and weight ``y < cap``, lane ``l``.

    The row updates are planned once, as for the exact path (:func:`whipcount.power.sizes.plan_updates`):
    players in descending weight, row ``k`` updated only between the least and the greatest weight a
    ``k``-coalition can have so far (and below ``cap``), so rows whose least weight reaches ``cap`` are
    skipped (a third to a half of the cells of the whole table, player by player, on random games).
    """
    cap = max(cap, 1)  # equivalent mutants "1 -> 0", "1 -> 2": as in weight_table
    _check_size((max_size + 1, arith.limbs, cap), arith, "size x weight table (Shapley–Shubik)")
    table = np.zeros((max_size + 1, arith.limbs, cap), dtype=arith.dtype)
    table[0, 0, 0] = 1
    acc = _Accumulator(table, arith, lane_axis=1)
    if arith.kind != "limbs":  # one lane (int64, float64): the cache-friendly order of the exact path
        # the one lane is lane 0 and lane -1 alike
        sizes.run_in_wavefront(acc.table[:, 0, :], weights, max_size, acc.step)  # equivalent mutant "0 -> -1": above
    else:  # player by player: the limbs carry between players, and only the live ones are touched
        for _, updates in sizes.plan_updates(weights, cap, max_size, LIMIT)[: len(weights)]:
            live = acc.active
            for k, a, b, w in updates:
                table[k, :live, a:b] += table[k - 1, :live, a - w : b - w]
            acc.step()
    acc.finish()
    return table


def _prefix(table: Table) -> Table:
    """Inclusive prefix sums along the last axis, **in place** (no copy of a large table):
    ``C[..., x] = sum_{y<=x} T[..., y]``, so ``P[x] = C[x-1]`` (see :func:`_at`).

    Exact tables are read as int64 (normalised limbs are below ``2**B``, so non-negative).
    """
    cum = table.view(np.int64) if table.dtype == np.uint64 else table
    np.cumsum(cum, axis=-1, out=cum)
    return cum


def _at(cum: Table, x: npt.NDArray[np.int64]) -> Table:
    """``P[..., x] = sum_{y<x} T[..., y]`` from inclusive sums: zero where ``x == 0``."""
    got = cum[..., np.maximum(x - 1, 0)]  # equivalent mutant "0 -> -1": masked by the where below
    return np.where(x > 0, got, 0)


def _join(lane_values: Table, arith: Arithmetic) -> list[int] | list[float]:
    """Lane values (lanes on axis 0) → one Python number per remaining position."""
    flat = lane_values.reshape(lane_values.shape[0], -1)  # equivalent mutant "1 -> 2": numpy reads -2 as -1
    if arith.kind == "float64":
        return [float(v) for v in flat[0]]  # equivalent mutant "0 -> -1": a float table has one lane
    if arith.kind == "int64":
        return [int(v) for v in flat[0]]  # equivalent mutant "0 -> -1": an int64 table has one lane
    out = []
    for col in range(flat.shape[1]):
        out.append(sum(int(flat[lane, col]) << (arith.limb_bits * lane) for lane in range(flat.shape[0])))
    return out


def swings_total(table: Table, quota: int, weights: Iterable[int], arith: Arithmetic) -> dict[int, int | float]:
    """For each distinct weight ``w``: coalitions ``S`` of the *other* players with
    ``q - w <= w(S) < q`` (the swings of a player of weight ``w``), and under key ``-1`` the
    coalitions of all players that lose (weight ``< q``).

    ``table`` is :func:`weight_table` of all players with ``cap = quota``. Uses
    ``swings = P[q] + 2 * sum_{j>=1} (-1)**j P[q - j*w]`` (see the module docstring).
    """
    prefix = _prefix(table)  # inclusive sums, (lanes, q)
    distinct = sorted({w for w in weights if w > 0})
    losing = _join(prefix[:, quota - 1 : quota], arith)
    result: dict[int, int | float] = {-1: losing[0]}  # equivalent mutant "0 -> -1": one value
    # batch sizes never change a count: lanes read along another axis only cut other batches
    for batch in gather_batches(distinct, quota, prefix.shape[0]):  # equivalent mutants "0 -> 1", "0 -> -1": above
        result.update(zip(batch, _join(_signed_lookups(prefix, quota, batch), arith), strict=True))
    if 0 in set(weights):
        result[0] = 0 if arith.exact else 0.0
    return result


def gather_batches(
    distinct: list[int], quota: int, lanes: int,
    cells: int = 4_000_000,  # equivalent mutants "4000000 -> 4000001", "4000000 -> 3999999": batch sizes only
) -> Iterator[list[int]]:
    """``distinct`` cut, in order, into runs whose gathers (``ceil(q / w)`` lookups a weight, ``lanes`` cells
    each) take at most ``cells`` cells together; a weight that alone needs more is a run of its own.
    Greedy: a run ends only where the next weight would not fit."""
    run: list[int] = []
    size = 0
    for w in distinct:
        need = -(-quota // w) * lanes
        if run and size + need > cells:
            yield run
            run, size = [], 0
        run.append(w)
        size += need
    if run:
        yield run


def _signed_lookups(prefix: Table, quota: int, distinct: list[int]) -> Table:
    """``P[q] + 2 * sum_{j>=1} (-1)**j P[q - j*w]`` for each ``w`` in ``distinct``, in one gather:
    shape ``(lanes, len(distinct))``. ``prefix`` holds inclusive sums, so ``P[x] = prefix[x - 1]``."""
    ws = np.array(distinct, dtype=np.int64)
    counts = -(-quota // ws)  # j = 0 .. ceil(q/w) - 1 keeps q - j*w >= 1
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    j = np.arange(int(counts.sum())) - np.repeat(starts, counts)
    idx = quota - np.repeat(ws, counts) * j
    signs = np.where(j % 2 == 0, 2, -2).astype(prefix.dtype)
    signs[j == 0] = 1
    return np.add.reduceat(prefix[:, idx - 1] * signs, starts, axis=1)


def swings_by_size(
    table: Table, quota: int, weights: Iterable[int], arith: Arithmetic, n_players: int
) -> dict[int, list[int] | list[float]]:
    """For each distinct weight ``w``: the list over ``k = 0 .. n-1`` of coalitions ``S`` of the
    other players with ``|S| = k`` and ``q - w <= w(S) < q``.

    ``table`` is :func:`size_weight_table` of all players with ``cap = quota`` and rows ``0..K``
    (``K``: the largest size that can weigh less than ``q``; larger coalitions never swing).
    ``swing[k] = sum_j (-1)**j (P[k-j][q - j w] - P[k-j][q - (j+1) w])``.
    """
    rows = table.shape[0]
    prefix = _prefix(table)  # inclusive sums, (rows, lanes, q)
    zero: int | float = 0 if arith.exact else 0.0
    out: dict[int, list[int] | list[float]] = {}
    kk = np.arange(rows)
    for w in sorted(set(weights)):
        if w == 0:
            out[w] = [zero] * n_players
            continue
        jmax = min(-(-quota // w), rows)  # terms with q - j*w > 0 and k - j >= 0
        jj = np.arange(jmax)
        upper = quota - w * jj
        lower = np.maximum(upper - w, 0)  # equivalent mutant "0 -> -1": _at reads x <= 0 as 0
        d = _at(prefix, upper) - _at(prefix, lower)  # (rows, lanes, jmax)
        d *= np.where(jj % 2 == 0, 1, -1).astype(d.dtype)
        src = kk[:, None] - jj[None, :]  # target row k reads row k - j in column j
        valid = src >= 0
        # (rows, jmax, lanes); where src < 0 any row in range will do (j > k needs two rows): zeroed next
        g = d[np.where(valid, src, 0), :, jj[None, :]]  # equivalent mutants "0 -> 1", "0 -> -1": above
        g[~valid] = 0
        per_lane = g.sum(axis=1).T  # (lanes, rows)
        padding = [zero] * (n_players - rows)  # equivalent mutant "- -> +": cut to n_players below (none if negative)
        values: list[Any] = list(_join(per_lane, arith)) + padding
        out[w] = values[:n_players]
    return out
