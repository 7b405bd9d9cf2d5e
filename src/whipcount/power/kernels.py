"""Compiled loops (numba) of the modular counting in :mod:`whipcount.power.compiled`.

Every cell is a residue in ``[0, m)`` held in ``uint64``: for a prime ``p < 2**63`` a sum of two residues
is below ``2**64`` and ``min(x, x - p)`` (unsigned: ``x - p`` wraps past ``x`` when ``x < p``) brings it back
below ``p`` with no branch; for the modulus ``2**64`` (``p == 0`` here) the additions simply wrap. So
each addition is reduced at once, and a modulus carries 63 bits instead of the 44 of the numpy tables,
which must leave room for lazy reduction. The loops are memory-bound, so the two extra operations a cell
cost nothing measurable (``docs/power.md``, "Compiled loops").

Imported only by :mod:`whipcount.power.compiled`, and only when a game is large enough to pay for it:
numba compiles these loops on their first use (cached on disk afterwards).
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["add_rows", "pivots", "weight_table", "swings"]


class _BestEffortCache:
    """numba's on-disk cache of one function, whose saving may fail without failing the count: a cache
    folder on a full disk (or one that went read-only, or over quota) raised OSError out of the first call,
    a traceback from ``whipcount power``; the loops compiled all the same, so they are used, and compiled
    again by the next process. numba removes the temporary file of a failed save itself."""

    def __init__(self, cache):
        self._cache = cache

    def save_overload(self, sig, data):
        try:
            self._cache.save_overload(sig, data)
        except OSError:
            pass

    def __getattr__(self, name):
        return getattr(self._cache, name)


def _jit(func):
    """Compiled with numba, kept on disk beside the package or in the user's cache folder; where neither
    can be written (a read-only install and no writable home, as in a locked-down container), numba
    refuses to cache, and the loops are compiled afresh in each process instead (about 2 s). A save that
    fails on the way (a full disk) is let go (:class:`_BestEffortCache`)."""
    try:
        compiled = numba.njit(cache=True, nogil=True, boundscheck=False)(func)
    except RuntimeError:  # numba: "cannot cache function ...: no locator available for file ..."
        return numba.njit(cache=False, nogil=True, boundscheck=False)(func)
    if hasattr(compiled, "_cache"):  # numba's dispatcher keeps its cache there (0.60 to 0.68 at least)
        compiled._cache = _BestEffortCache(compiled._cache)
    return compiled


@_jit
def _addmod(x, y, p):
    s = x + y
    if p == 0:  # equivalent mutant "0 -> -1": for p = 0, min(s, s - p) is s as well
        return s
    return min(s, s - p)


@_jit
def _submod(x, y, p):
    d = x - y  # wraps: right for 2**64, and x - y + 2**64 for a prime when x < y ...
    if p == 0 or x >= y:  # equivalent mutant "0 -> -1": for p = 0, d + p is d as well
        return d
    return d + p  # ... where adding p wraps back to x - y + p


@_jit
def _add_span(dst, src, p):
    """``dst += src`` modulo ``p``, ``0`` meaning ``2**64``: there ``s - p`` is ``s``, so one loop serves
    both (a separate loop for ``2**64`` was 20 % slower on the Banzhaf table: one more branch kept the
    loop from being vectorised as well)."""
    for y in range(len(dst)):  # slices indexed from range(len): no wraparound test, so it vectorises
        s = dst[y] + src[y]
        dst[y] = min(s, s - p)


@_jit
def add_rows(updates, table, base, cap, p, chunk, band):
    """The row updates of the size x weight table modulo ``p`` (``0``: ``2**64``) in cache-sized tiles.

    The table is ragged: row ``k``'s cell ``y`` is ``table[base[k] + y]`` (rows keep only the columns
    from the least weight of ``k`` players on, every other cell of theirs being zero). ``updates[group,
    t, g] = (a, b, w)``: player ``g`` of a group adds row ``k - 1``'s ``[a - w, b - w)`` to row ``k``'s
    ``[a, b)`` at position ``t = g - k + rows - 1`` (``a >= b``: nothing). Positions go in bands of
    ``band``; within a band the columns go in chunks of ``chunk >= max w`` cells, position ``t`` working
    on chunk ``s - (t - t0)`` at step ``s``, its players in order. Every cell is then read and written in
    the order of the player-by-player table (docs/power.md, "Compiled loops"), while a band's rows stay
    in cache from one step to the next.
    """
    rows = len(base)
    chunks = -(-cap // chunk)
    groups, positions, size = updates.shape[:3]
    for group in range(groups):
        # bands may start anywhere: position -1 is the last, a spare left empty, and any bands keep the order
        for first in range(0, positions, band):  # equivalent mutant "0 -> -1": above
            last = min(positions, first + band)
            # a step more, or a position at chunk index `chunks` (past the table), works on empty spans
            for step in range(chunks + last - first - 1):  # equivalent mutant "- -> +": above
                for t in range(max(first, first + step - chunks + 1),  # equivalent mutant "1 -> 0": above
                               min(last, first + step + 1)):
                    lo = (step - (t - first)) * chunk
                    hi = min(cap, lo + chunk)
                    for g in range(size):
                        a = max(updates[group, t, g, 0], lo)
                        b = min(updates[group, t, g, 1], hi)
                        if a < b:  # equivalent mutant "< -> <=": an empty span adds nothing
                            k = g - t + rows - 1
                            to, source = base[k], base[k - 1] - updates[group, t, g, 2]
                            _add_span(table[to + a : to + b], table[source + a : source + b], p)


LANES = 8
"""Independent running sums in one prefix-sum pass: a single running sum waits on each reduction."""


@_jit
def _prefix(row, p):
    """``row`` becomes its inclusive prefix sums modulo ``p``: :data:`LANES` segments are summed side by
    side, then each segment gets the total of those before it."""
    n = len(row)
    seg = (n + LANES - 1) // LANES
    acc = np.zeros(LANES, dtype=np.uint64)
    for y in range(seg):
        for lane in range(LANES):
            i = lane * seg + y
            if i < n:
                acc[lane] = _addmod(acc[lane], row[i], p)
                row[i] = acc[lane]
    for lane in range(1, LANES):
        start = lane * seg
        if start >= n:
            break
        offset = row[start - 1]
        part = row[start : min(n, start + seg)]
        for y in range(len(part)):
            part[y] = _addmod(part[y], offset, p)


@_jit
def pivots(table, base, lo, cap, p, quota, distinct, out):
    """The pivots of :class:`whipcount.power.sizes.PivotReader` modulo ``p``, read from the ragged
    ``table`` of :func:`add_rows` (row ``r`` holds columns ``lo[r]`` to ``cap - 1``):
    ``out[i, k] = sum_j (-1)**j D[k - j, j]`` for the ``i``-th distinct weight ``w``, ``D[r, j]`` the sum
    of row ``r`` over ``[q - (j+1) w, q - j w)``.

    Each row becomes its prefix sums, and only the windows that can count are read (``r + j`` a size of
    ``out``, the window not wholly below ``lo[r]``); then the row is zeroed while in cache, so the table is
    ready for the next modulus.
    """
    sizes = out.shape[1]
    nothing = np.uint64(0)  # a plain 0 would make numba unify uint64 and int64 as float64
    for r in range(len(base)):
        low = lo[r]
        if low >= cap:  # equivalent mutant ">= -> >": at low = cap the row is empty and reads no window
            continue
        row = table[base[r] + low : base[r] + cap]  # row[y - low] is cell y
        _prefix(row, p)
        for i in range(len(distinct)):
            w = distinct[i]
            windows = min(sizes - r, (quota - low + w - 1) // w)
            before = row[quota - 1 - low]
            for j in range(windows):
                x = quota - (j + 1) * w  # the window's low end: P[x] = prefix[x - 1], 0 below lo
                after = row[x - 1 - low] if x - 1 >= low else nothing
                window = _submod(before, after, p)
                before = after
                if j % 2:
                    out[i, r + j] = _submod(out[i, r + j], window, p)
                else:
                    out[i, r + j] = _addmod(out[i, r + j], window, p)
        row[:] = 0


NARROW = 3  # equivalent mutants "3 -> 2", "3 -> 4": a speed; either loop makes the same sums
"""Players lighter than this are added cell by cell, down the table (2,000 players of weight 1: 1.1 ms a
modulus against 3.4 ms in blocks; weight 2: 2.1 against 3.8; weight 4: 4.2 against 3.5)."""


@_jit
def _knapsack_step(table, lo, hi, w, p, total, top):
    """One player of weight ``w > 0`` on cells ``[lo, hi)`` of the half table (players weighing ``total``,
    cells below ``top`` kept: :mod:`whipcount.power.halves`). New cells (``top`` and above) start from their
    mirror images ``T[total - y]`` (zero past ``total``), which lie below ``top`` and at or above ``y - w``,
    so in the cells this player reads: they are read first, then the kept cells get ``T[y] += T[y - w]``
    from the top down in blocks no wider than ``w`` (a block reads only cells below it, which this player
    has not yet changed: those below ``lo`` are left for a later call)."""
    nothing = np.uint64(0)  # a plain 0 would make numba unify uint64 and int64 as float64
    edge = max(lo, top)
    for y in range(hi - 1, edge - 1, -1):  # at most w / 2 + 1 new cells a player, in all
        s = table[total - y] if y <= total else nothing
        table[y] = _addmod(s, table[y - w], p) if y >= w else s
    hi = min(hi, top)
    start = max(lo, w)
    # a block per cell or two costs a call each: one loop down the cells instead
    if w < NARROW:  # equivalent mutant "< -> <=": above
        for y in range(hi - 1, start - 1, -1):
            s = table[y] + table[y - w]
            table[y] = min(s, s - p)
        return
    while hi > start:
        below = max(start, hi - w)
        _add_span(table[below:hi], table[below - w :], p)  # the source: as many cells from below - w
        hi = below


@_jit
def weight_table(weights, cap, p, group, chunk):
    """``T[y]`` = coalitions of weight ``y < cap`` modulo ``p`` (``0``: ``2**64``), ``weights`` ascending:
    one 0/1 knapsack step per player on the cells up to half the weight so far (the rest are mirror
    images, :mod:`whipcount.power.halves`, unfolded at the end), run in cache-sized tiles.

    A player of weight 0 doubles every count, so the table starts at ``2**zeros`` (doubled in place). The
    others go in groups of ``group``; their columns in chunks of ``chunk >= max w`` cells, from the top
    down, player ``g`` of a group working on chunk ``top - (step - g)`` at ``step``. It reads that chunk and
    the one below, which player ``g - 1`` has finished (earlier in the same step) and it has not touched,
    so every cell ends as in the player-by-player pass, while the group's chunks stay in the nearest cache
    (docs/power.md, "Compiled loops")."""
    table = np.zeros(cap, dtype=np.uint64)
    table[0] = 1
    # a player weighing the cap or more changes no cell below it
    live = weights[(weights > 0) & (weights < cap)]  # equivalent mutant "< -> <=": above
    for w in weights:
        if w == 0:
            table[0] = _addmod(table[0], table[0], p)
    # totals[i]: the weight of the players before player i; cells [ends[i], cap) are not kept before it
    totals = np.zeros(len(live) + 1, dtype=np.int64)  # equivalent mutant "1 -> 2": a cell past the last, unread
    ends = np.ones(len(live) + 1, dtype=np.int64)  # equivalent mutant "1 -> 2": a cell past the last, unread
    for i in range(len(live)):
        totals[i + 1] = totals[i] + live[i]
        # cells up to the whole total (// 1) would be the whole table: the same counts, more additions
        ends[i + 1] = min(cap, totals[i + 1] // 2 + 1)  # equivalent mutant "2 -> 1": above
    # the first player changes no kept cell (cell 0, and mirrors of nothing below w // 2 + 1)
    for first in range(0, len(live), group):  # equivalent mutant "0 -> 1": above
        last = min(len(live), first + group)
        # the highest chunk the group reaches; a chunk past it, a step more, or a player working on a chunk
        # past the table at a step (a wider range of players) works on empty spans
        top = (ends[last] - 1) // chunk  # equivalent mutants "- -> +", "1 -> 0": above
        for step in range(top + last - first):  # equivalent mutant "- -> +": above
            low = max(first, first + step - top)  # equivalent mutant "+ -> -": above
            high = min(last, first + step + 1)  # equivalent mutant "1 -> 2": above
            for g in range(low, high):
                c = top - step + g - first
                _knapsack_step(table, c * chunk, min((c + 1) * chunk, ends[g + 1]), live[g], p,
                               totals[g], ends[g])
    whole = totals[len(live)]
    # the mirror images below the cap; past the total, a cell and its mirror T[-1] (the last cell) are zero
    for y in range(ends[len(live)], min(cap, whole + 1)):  # equivalent mutant "1 -> 2": above
        table[y] = table[whole - y]
    return table


@_jit
def swings(table, p, quota, distinct, out):
    """Banzhaf's reading of :func:`whipcount.power.modular.swings_total_modular` modulo ``p``: ``table``
    becomes its prefix sums ``P`` (``P[x]`` the coalitions below ``x``, at ``table[x - 1]``); ``out[0]`` the
    coalitions below the quota; ``out[1 + i]`` the swings of the ``i``-th distinct weight ``w``,
    ``P[q] + 2 * sum_{j>=1} (-1)**j P[q - j w]`` over ``q - j w >= 1``: the odd and the even terms summed
    side by side (two independent running sums, each reduced at every addition)."""
    _prefix(table, p)
    whole = table[quota - 1]
    out[0] = whole
    # np.uint64: a plain 0 would make numba unify uint64 and int64 as float64
    nothing = np.uint64(0)  # equivalent mutant "0 -> 1": both sums start there, only their difference counts
    for i in range(len(distinct)):
        w = distinct[i]
        odd, even = nothing, nothing
        x = quota - w  # q - j w at j = 1, 3, 5, ...
        while x >= 1:
            odd = _addmod(odd, table[x - 1], p)
            if x - w >= 1:
                even = _addmod(even, table[x - w - 1], p)
            x -= 2 * w
        twice = _submod(even, odd, p)
        out[1 + i] = _addmod(whole, _addmod(twice, twice, p), p)
