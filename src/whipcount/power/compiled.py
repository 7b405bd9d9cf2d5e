"""Exact counts of large games in compiled loops (numba, the ``fast`` extra): the same tables and the
same readings as :mod:`whipcount.power.modular` (Banzhaf) and :mod:`whipcount.power.sizes`
(Shapley–Shubik), with every cell a residue reduced at each addition (:mod:`whipcount.power.kernels`).

Why it is faster: the numpy tables are memory-bound and keep residues below ``2**62`` by lazy
reduction, so their primes have ``61 - bits(cap)`` bits (44 for the 500-player benchmark game); reduced
at once, a prime can have 63 bits, and a count of ``B`` bits needs ``1 + ceil((B - 64) / 63)`` tables
instead of ``1 + ceil((B - 64) / 44)``: 8 instead of 11 for Shapley–Shubik at ``n = 500``, 16 instead
of 23 for Banzhaf at ``n = 1000``. The compiled loops also run the row updates without numpy's cost per
call and fuse the prefix sums with the reading.

Used when numba is installed and a game is large enough to repay compiling (:func:`worth_it`); the
answers are the same integers either way (the Chinese remainder theorem, :func:`modular.crt`).
"""

from __future__ import annotations

import functools
import importlib.util
import math
from collections.abc import Sequence
from types import ModuleType

import numpy as np
import numpy.typing as npt

from whipcount.errors import PowerError
from whipcount.power.modular import (
    WORD,
    Int64Array,
    _is_prime,
    crt,
    run,
    workers_for,
)

__all__ = [
    "MIN_SIZE_WORK",
    "MIN_WEIGHT_WORK",
    "available",
    "why_not",
    "primes_63",
    "swings_by_size_compiled",
    "swings_total_compiled",
    "worth_it",
]

MIN_SIZE_WORK = 1_500_000_000  # equivalent mutants: a threshold of speed (either arithmetic counts alike)
"""Players x cells of a size x weight table (Shapley–Shubik) from which ``method="auto"`` counts in
compiled loops: there the numpy tables take about 0.8 s (random games of 200 players, weights up to
1,000), twice what importing numba and loading the compiled loops costs (0.4 s)."""

MIN_WEIGHT_WORK = 120_000_000  # equivalent mutants: a threshold of speed (either arithmetic counts alike)
"""Players x cells of a weight table (Banzhaf) from which ``method="auto"`` counts in compiled loops: about
where they overtake numpy's half tables in a process's first count (700 players with weights up to 1,000:
0.41 s against 0.49 s, numba's import and loading included; 500 players: 0.35 against 0.20 s)."""

GROUP = 16
"""Players that go down the rows of the Shapley–Shubik table together (:func:`kernels.add_rows`)."""

BAND = 4
"""Positions of a group worked on side by side, column chunk by column chunk (:func:`kernels.add_rows`)."""

CHUNK = 1024
"""Columns of a chunk (at least the largest weight). Group, band and chunk were the fastest of 4 to 64
players, 2 to 16 positions and 1,024 to 4,096 columns on the benchmark game (0.87 s a modulus against
0.95 s for 8, 8 and 2,048, and 1.04 s for whole rows)."""


TILE_GROUP = 4
"""Players that go down the Banzhaf weight table together, chunk by chunk of :data:`CHUNK` columns
(:func:`kernels.weight_table`): four chunks and the one below them (40 KB) fit the nearest cache. On the
benchmark game a modulus took 0.022 s in groups of 3 or 4, 0.024 s in groups of 2 or 6, 0.026 s in groups
of 8, 0.029 s player by player and 0.028 s in groups of 4 over chunks of 2,048 columns; with half tables
(:mod:`whipcount.power.halves`), 0.014 s in groups of 4, 0.014–0.016 s in groups of 2 or 3, 0.015 s in
groups of 6, 0.016 s in groups of 8 and 0.016 s over chunks of 2,048."""


def available() -> bool:
    """Whether the compiled loops can be used: numba installed (``pip install 'whipcount[fast]'``) and
    loading (see :func:`why_not`). Only asked of games large enough for them: it imports numba."""
    return why_not() is None


def why_not() -> str | None:
    """Why the compiled loops cannot be used, or None when they can."""
    if importlib.util.find_spec("numba") is None:
        return "numba is not installed: pip install 'whipcount[fast]'"
    loaded = _load()
    return loaded if isinstance(loaded, str) else None


def worth_it(work: int, threshold: int) -> bool:
    """Whether a count of ``work`` (players x table cells) is done here: ``work`` at least ``threshold`` and
    the compiled loops available (else the numpy tables count it, the same integers)."""
    return work >= threshold and available()


@functools.cache
def _load() -> ModuleType | str:
    """The compiled loops (numba compiles them on first use, cached on disk afterwards), or why they cannot
    be loaded: a numba that does not import with this numpy or platform raises ImportError or RuntimeError,
    which is not a reason to fail a count the numpy tables can make."""
    try:
        from whipcount.power import kernels
    except (ImportError, RuntimeError) as exc:
        return f"numba is installed but does not load: {type(exc).__name__}: {exc}"
    return kernels


def _kernels() -> ModuleType:
    loaded = _load()
    if isinstance(loaded, str):
        raise PowerError(loaded)
    return loaded


@functools.cache
def primes_63(count: int) -> tuple[int, ...]:
    """The ``count`` largest primes below ``2**63`` (descending)."""
    out: list[int] = []
    m = (1 << 63) - 1
    while len(out) < count:
        if _is_prime(m):
            out.append(m)
        m -= 2
    return tuple(out)


def moduli_63(bound: int) -> list[int]:
    """:data:`~whipcount.power.modular.WORD` and enough 63-bit primes that the product of all exceeds
    ``bound``."""
    count = 0
    while WORD * math.prod(primes_63(count)) <= bound:
        count += 1
    return [WORD, *primes_63(count)]


def _p(modulus: int) -> np.uint64:
    return np.uint64(0 if modulus == WORD else modulus)


def swings_total_compiled(weights: Sequence[int], quota: int, *, workers: int | None = None) -> dict[int, int]:
    """Same result as :func:`whipcount.power.modular.swings_total_modular`."""
    kernels = _kernels()
    n, cap = len(weights), max(quota, 1)
    distinct = sorted({w for w in weights if w > 0})
    moduli = moduli_63(1 << n)  # equivalent mutant "1 -> 2": a larger bound only asks for a spare modulus
    ws = np.array(distinct, dtype=np.int64)
    ordered = np.array(sorted(weights), dtype=np.int64)
    chunk = max(CHUNK, max(weights, default=0))

    def per_modulus(m: int) -> list[int]:
        table = kernels.weight_table(ordered, cap, _p(m), TILE_GROUP, chunk)
        out = np.zeros(len(distinct) + 1, dtype=np.uint64)
        kernels.swings(table, _p(m), quota, ws, out)
        return [int(v) for v in out]

    residues = run(per_modulus, moduli, workers_for(workers, 8 * cap, "weight table"))
    values = crt(residues, moduli)
    result: dict[int, int] = {-1: values[0]}
    result.update(zip(distinct, values[1:], strict=True))
    if 0 in set(weights):
        result[0] = 0
    return result


def schedule(weights: Sequence[int], cap: int, max_size: int, group: int = GROUP) -> Int64Array:
    """The row updates of the size x weight table (those of :func:`sizes.plan_updates`) as
    :func:`kernels.add_rows` takes them: ``[group, g - k + rows - 1, g] = (a, b, w)`` for player ``g`` of a
    group adding row ``k - 1``'s ``[a - w, b - w)`` to row ``k``'s ``[a, b)``.

    With the players in descending weight, ``S`` the prefix sums of their weights, the lightest ``k - 1``
    of the first ``j - 1`` players weigh ``S[j-1] - S[j-k]`` and the heaviest ``S[k-1]``: player ``j`` (its
    weight ``w``) updates row ``k`` over ``[S[j-1] - S[j-k] + w, min(cap, S[k-1] + w + 1))``, for every ``k``
    up to ``min(j, max_size)`` at once."""
    rows = max_size + 1
    heavy_first = np.sort(np.array(weights, dtype=np.int64))[::-1]
    n = heavy_first.size
    total = np.concatenate(([0], np.cumsum(heavy_first)))
    j, k = np.meshgrid(np.arange(1, n + 1), np.arange(1, rows), indexing="ij")
    keep = k <= j
    j, k = j[keep], k[keep]
    w = heavy_first[j - 1]
    a = total[j - 1] - total[j - k] + w
    b = np.minimum(cap, total[k - 1] + w + 1)
    live = a < b
    j, k, a, b, w = j[live], k[live], a[live], b[live], w[live]
    number, g = np.divmod(j - 1, group)
    # positions run to group + rows - 3 (player group - 1 on row 1): one to spare
    out = np.zeros((-(-n // group), group + rows - 1, group, 3), dtype=np.int64)  # equivalent mutant "1 -> 2": above
    out[number, g - k + rows - 1, g] = np.stack((a, b, w), axis=1)
    return out


def ragged(weights: Sequence[int], cap: int, rows: int) -> tuple[Int64Array, Int64Array, int]:
    """The ragged size x weight table's layout: row ``k`` keeps columns ``lo[k]`` (the least weight of ``k``
    players, below which its cells stay zero) to ``cap - 1``, cell ``y`` at ``base[k] + y``; ``cells`` in all
    (246 million instead of 364 million bytes for the 500-player benchmark game)."""
    ascending = np.sort(np.array(weights, dtype=np.int64))
    least = np.concatenate(([0], np.cumsum(ascending)))[:rows]
    lo = np.concatenate((np.minimum(least, cap), np.full(rows - least.size, cap, dtype=np.int64)))
    ends = np.cumsum(cap - lo)
    base = ends - cap  # row k starts where row k - 1 ends: ends[k - 1] = base[k] + lo[k]
    return lo, base, int(ends[-1])


def swings_by_size_compiled(
    weights: Sequence[int], quota: int, max_size: int, n_players: int, *, workers: int | None = None
) -> dict[int, list[int]]:
    """Same result as :func:`whipcount.power.sizes.swings_by_size_modular`."""
    kernels = _kernels()
    # a quota is 1 or more, and a game has a player: the max's floor and default never decide
    cap = max(quota, 1)  # equivalent mutant "1 -> 0": above
    rows = max_size + 1
    distinct = sorted({w for w in weights if w > 0})
    bound = max((math.comb(n_players - 1, k) for k in range(min(rows, n_players))),
                default=1)  # equivalent mutant "1 -> 0": above
    moduli = moduli_63(bound)
    updates = schedule(weights, cap, max_size)
    chunk = max(CHUNK, max(weights, default=0))
    lo, base, cells = ragged(weights, cap, rows)
    ws = np.array(distinct, dtype=np.int64)
    # threads change no count
    count = workers_for(workers, 8 * cells, "size x weight residue table (Shapley–Shubik)")  # equivalent mutants
    spare: list[npt.NDArray[np.uint64]] = []

    def per_modulus(m: int) -> list[int]:
        try:
            table = spare.pop()  # left zero by kernels.pivots
        except IndexError:
            table = np.zeros(cells, dtype=np.uint64)
        table[0] = 1  # row 0, column 0: the empty coalition
        kernels.add_rows(updates, table, base, cap, _p(m), chunk, BAND)
        out = np.zeros((len(distinct), rows), dtype=np.uint64)
        kernels.pivots(table, base, lo, cap, _p(m), quota, ws, out)
        spare.append(table)
        return out.ravel().tolist()

    residues = run(per_modulus, moduli, count)
    spare.clear()
    flat = crt(residues, moduli)
    result: dict[int, list[int]] = {}
    for i, w in enumerate(distinct):
        values = flat[i * rows : (i + 1) * rows] + [0] * (n_players - rows)
        result[w] = values[:n_players]
    if 0 in set(weights):
        result[0] = [0] * n_players
    return result
