"""Exact counting modulo primes: the same dynamic programmes as :mod:`whipcount.power.dp`, in ``int64``.

Every number the indices need is an integer below a bound known in advance: a swing count of ``n``
players is below ``2**(n-1)``, a pivot count of size ``k`` at most ``C(n-1, k)``. Instead of carrying
those big numbers through the table (limbs, :mod:`whipcount.power.dp`), the table is run once per
prime ``p`` with every cell a residue modulo ``p``, and each wanted number is rebuilt from its residues
by the Chinese remainder theorem once the product of the primes exceeds its bound.

Why it pays:

- **memory**: one table of ``int64`` residues per prime (plus one per worker thread), instead of one
  table with a limb per 40-odd bits of the largest count. Shapley–Shubik for ``n = 500`` players with
  weights up to 1000 takes ``354 x 128,429`` cells, 0.36 GB, where the limbs need 4.9 GiB;
- **parallel**: the primes are independent, so worker threads (numpy releases the GIL) run them side by side;
- **no carries**: only additions, and a residue is reduced (``%= p``) only when its row's bound could
  reach ``2**62`` (lazy reduction: the bound of a row is tracked as a multiple of ``p``).

The primes are the largest below ``2**b`` with ``b = 61 - bits(max(cap, rows + 1))``, so that prefix
sums along a row (``cap`` residues) and signed sums of up to ``rows`` or ``cap`` residues stay below
``2**62`` without a reduction in between. Pivot sums use the telescoping prefix-sum identity of
:mod:`whipcount.power.dp`: removing a player of weight ``w`` from the table of all players,
``pivots[k] = sum_j (-1)**j (P[k-j][q - j w] - P[k-j][q - (j+1) w])``, read for each **distinct** weight.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from whipcount.errors import PowerError

__all__ = [
    "MAX_MODULAR_BYTES",
    "crt",
    "prime_bits",
    "primes_below",
    "swings_by_size_modular",
    "swings_total_modular",
]

Int64Array = npt.NDArray[np.int64]

MAX_MODULAR_BYTES = 1536 * 1024**2
"""Memory for the residue tables of all worker threads together (1.5 GiB). One table above it is a
PowerError; otherwise as many workers run at once as fit (at most ``workers``)."""

_LIMIT = 1 << 62
"""Cells, prefix sums and signed sums of residues are kept below ``2**62`` (int64 holds ``2**63 - 1``)."""


def _is_prime(m: int) -> bool:
    """Deterministic Miller–Rabin for ``m < 3.3 * 10**24`` (the first 13 primes as bases)."""
    if m < 2:
        return False
    small = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)
    for b in small:
        if m % b == 0:
            return m == b
    d, s = m - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, m)
        if x in (1, m - 1):
            continue
        for _ in range(s - 1):
            x = x * x % m
            if x == m - 1:
                break
        else:
            return False
    return True


def primes_below(bits: int, count: int) -> list[int]:
    """The ``count`` largest primes below ``2**bits`` (descending).

    Each is ``2**bits - c`` with ``c * 2**(63 - bits) < 2**bits``, which :class:`_Reducer` needs.
    """
    if not 33 <= bits <= 61:
        raise PowerError(f"modular counting: primes must have 33 to 61 bits, got {bits}")
    out: list[int] = []
    m = (1 << bits) - 1
    while len(out) < count:
        if ((1 << bits) - m) << (63 - bits) >= 1 << bits:
            raise PowerError(f"modular counting: fewer than {count} primes just below 2**{bits}")
        if _is_prime(m):
            out.append(m)
        m -= 2 if m % 2 else 1
    return out


def prime_bits(cap: int, rows: int = 1) -> int:
    """Bits of the primes for tables of ``rows x cap`` residues (see the module docstring)."""
    return min(60 - max(cap, rows + 1, 2).bit_length(), 56)


def _primes_for(bound: int, bits: int) -> list[int]:
    """Enough primes of ``bits`` bits that their product exceeds ``bound`` (a bound on |value|, doubled)."""
    need = 2 * bound + 1
    count = 1
    while True:
        primes = primes_below(bits, count)
        if math.prod(primes) > need:
            return primes
        count = max(count + 1, -(-need.bit_length() // (bits - 1)))


def crt(residues: Sequence[Sequence[int]], primes: Sequence[int]) -> list[int]:
    """Values from residues: ``residues[i][v]`` is value ``v`` modulo ``primes[i]``.

    Each value is the unique integer in ``[0, prod(primes))`` with those residues (Chinese remainder
    theorem); callers choose enough primes that the true value lies in that range.
    """
    modulus = math.prod(primes)
    coefficients = []
    for p in primes:
        rest = modulus // p
        coefficients.append(rest * pow(rest % p, -1, p))
    count = len(residues[0]) if residues else 0
    columns = [[int(r) for r in row] for row in residues]
    return [sum(c * col[v] for c, col in zip(coefficients, columns, strict=True)) % modulus for v in range(count)]


def _workers(requested: int | None, table_bytes: int, what: str) -> int:
    if table_bytes > MAX_MODULAR_BYTES:
        raise PowerError(
            f"{what}: one residue table would take {table_bytes / 1024**3:.2f} GiB, above the "
            f"{MAX_MODULAR_BYTES / 1024**3:.2f} GiB limit (whipcount.power.modular.MAX_MODULAR_BYTES); "
            "use exact=False (--float), whose error bound is documented"
        )
    wanted = requested if requested is not None else min(2, os.cpu_count() or 1)
    return max(1, min(wanted, MAX_MODULAR_BYTES // max(table_bytes, 1)))


def _run(per_prime: Callable[[int], Any], primes: Sequence[int], workers: int) -> list[Any]:
    if workers <= 1 or len(primes) <= 1:
        return [per_prime(p) for p in primes]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(per_prime, primes))


# -- Banzhaf: coalitions by weight ----------------------------------------------------------------


class _Reducer:
    """Partial reduction modulo a prime ``p = 2**b - c`` with small ``c`` (a pseudo-Mersenne prime):
    ``x = h * 2**b + l`` is congruent to ``h * c + l``, which is below ``2 * p`` for any ``x < 2**62``.
    Four cheap in-place passes (shift, mask, multiply, add) instead of an integer division."""

    def __init__(self, p: int, cap: int) -> None:
        self.p = p
        self.bits = p.bit_length()
        self.c = np.int64((1 << self.bits) - p)
        self.mask = np.int64((1 << self.bits) - 1)
        self.shift = np.int64(self.bits)
        self.tmp = np.empty(cap, dtype=np.int64)

    def __call__(self, x: Int64Array) -> None:
        """Bring every cell of the 1-d view ``x`` (cells below ``2**62``) below ``2 * p``, in place."""
        tmp = self.tmp[: x.shape[0]]
        np.right_shift(x, self.shift, out=tmp)
        np.bitwise_and(x, self.mask, out=x)
        np.multiply(tmp, self.c, out=tmp)
        np.add(x, tmp, out=x)


def _weight_residues(weights: Sequence[int], cap: int, p: int) -> Int64Array:
    """``T[y]`` = coalitions of weight ``y < cap``, modulo ``p``: every cell below ``2 * p``.

    One 0/1 knapsack step per player, out of place between two buffers (no temporary copy), over
    the cells that can be non-zero so far; a cell bound is tracked and the table partially reduced
    (:class:`_Reducer`) only when the next doubling could pass ``2**62``.
    """
    reduce = _Reducer(p, cap)
    a = np.zeros(cap, dtype=np.int64)
    b = np.zeros(cap, dtype=np.int64)
    a[0] = 1
    top = 1  # cells [top, cap) are zero
    bound = 1  # every cell is at most bound
    for w in sorted(weights):
        if w >= cap:
            continue  # the player is in no losing coalition: the truncated factor is 1
        if 2 * bound >= _LIMIT:
            reduce(a[:top])
            bound = 2 * p
        if w == 0:
            a[:top] *= 2
        else:
            new_top = min(cap, top + w)  # w < new_top since top >= 1
            np.add(a[w:new_top], a[: new_top - w], out=b[w:new_top])  # 0/1 step, out of place
            b[:w] = a[:w]  # b is zero beyond new_top: it last held an earlier, shorter table
            a, b = b, a
            top = new_top
        bound *= 2
    if bound > 2 * p:
        reduce(a[:top])
    return a


def swings_total_modular(weights: Sequence[int], quota: int, *, workers: int | None = None) -> dict[int, int]:
    """Same result as :func:`whipcount.power.dp.swings_total` (exact), by counting modulo primes.

    For each distinct weight ``w``: coalitions ``S`` of the other players with ``q - w <= w(S) < q``;
    under key ``-1``: the coalitions of all players that lose.
    """
    n, cap = len(weights), max(quota, 1)
    distinct = sorted({w for w in weights if w > 0})
    bits = prime_bits(cap)
    primes = _primes_for(1 << n, bits)
    count = _workers(workers, 2 * 8 * cap, "weight table")
    ws = np.array(distinct, dtype=np.int64)
    counts = -(-quota // ws) if distinct else np.zeros(0, dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    j = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)
    idx = quota - np.repeat(ws, counts) * j  # 1 .. q: prefix sums read at q - j*w
    signs = np.where(j % 2 == 0, 2, -2).astype(np.int64)
    signs[j == 0] = 1

    def per_prime(p: int) -> Int64Array:
        table = _weight_residues(weights, cap, p)
        np.cumsum(table, out=table)  # inclusive prefix sums, each below cap * 2p < 2**61
        np.remainder(table, p, out=table)
        out = np.empty(len(distinct) + 1, dtype=np.int64)
        out[0] = table[quota - 1]
        if distinct:  # |sum| <= 2 * cap * p < 2**62
            out[1:] = np.remainder(np.add.reduceat(table[idx - 1] * signs, starts), p)
        return out

    residues = _run(per_prime, primes, count)
    values = crt([r.tolist() for r in residues], primes)
    result: dict[int, int] = {-1: values[0]}
    result.update(zip(distinct, values[1:], strict=True))
    if 0 in set(weights):
        result[0] = 0
    return result


# -- Shapley–Shubik: coalitions by size and weight ----------------------------------------------


def _size_weight_residues(weights: Sequence[int], cap: int, max_size: int, p: int) -> Int64Array:
    """``T[k, y]``: coalitions of size ``k <= max_size`` and weight ``y < cap``, modulo ``p``: every
    cell below ``2 * p``.

    The update of :func:`whipcount.power.dp.size_weight_table` (ascending weights, each row only
    between the least and greatest weight a ``k``-coalition can have, rows top-down), with lazy
    reduction: ``bound[k]`` bounds row ``k`` (the true count ``C(j, k)`` until the first reduction).
    Before a player whose additions could take a row past ``2**62``, every row above ``2**57`` is
    partially reduced (:class:`_Reducer`) to below ``2 * p``; the large rows then grow in step and are
    reduced together, about once every ``60 - b`` players.
    """
    rows = max_size + 1
    reducer = _Reducer(p, cap)
    table = np.zeros((rows, cap), dtype=np.int64)
    table[0, 0] = 1
    lo = [0] * rows  # least weight of a k-coalition so far
    hi = [0] * rows  # greatest weight of a k-coalition so far
    bound = [1] + [0] * max_size  # every cell of row k is at most bound[k]
    twice = 2 * p

    def reduce(k: int) -> None:
        reducer(table[k, lo[k] : min(cap, hi[k] + 1)])
        bound[k] = twice

    for j, w in enumerate(sorted(weights), start=1):
        top = min(j, max_size)
        if max((bound[k] + bound[k - 1] for k in range(1, top + 1)), default=0) >= _LIMIT:
            # reduce every large row at once: rows then double in step and meet the limit together
            for k in range(top + 1):
                if bound[k] > _LIMIT >> 5:
                    reduce(k)
        for k in range(top, 0, -1):
            a, b = lo[k - 1] + w, min(cap, hi[k - 1] + w + 1)
            if a < b:
                row = table[k, a:b]
                np.add(row, table[k - 1, a - w : b - w], out=row)
                bound[k] += bound[k - 1]
        for k in range(top, 0, -1):
            lo[k] = lo[k - 1] + w if k == j else min(lo[k], lo[k - 1] + w)
            hi[k] = max(hi[k], hi[k - 1] + w)
    for k in range(rows):
        if bound[k] > twice:
            reduce(k)
    return table


def swings_by_size_modular(
    weights: Sequence[int], quota: int, max_size: int, n_players: int, *, workers: int | None = None
) -> dict[int, list[int]]:
    """Same result as :func:`whipcount.power.dp.swings_by_size` (exact), by counting modulo primes.

    For each distinct weight ``w``: the list over ``k = 0 .. n-1`` of coalitions ``S`` of the other
    players with ``|S| = k`` and ``q - w <= w(S) < q``. ``max_size``: the largest size of a losing
    coalition (larger ones never swing).
    """
    cap, rows = max(quota, 1), max_size + 1
    distinct = sorted({w for w in weights if w > 0})
    bits = prime_bits(cap, rows)
    bound = max((math.comb(n_players - 1, k) for k in range(min(rows, n_players))), default=1)
    primes = _primes_for(bound, bits)
    count = _workers(workers, 8 * rows * cap, "size x weight residue table (Shapley–Shubik)")
    kk = np.arange(rows)
    plans = []
    for w in distinct:
        jmax = min(-(-quota // w), rows)  # terms with q - j*w > 0 and k - j >= 0
        jj = np.arange(jmax)
        upper = quota - w * jj
        lower = np.maximum(upper - w, 0)
        src = kk[:, None] - jj[None, :]  # target row k reads row k - j in column j
        valid = src >= 0
        sign = np.where(jj % 2 == 0, 1, -1).astype(np.int64)
        plans.append((upper, lower, np.where(valid, src, 0), jj, valid, sign))

    def at(prefix: Int64Array, x: npt.NDArray[np.int64]) -> Int64Array:
        got: Int64Array = prefix[:, np.maximum(x - 1, 0)]
        got[:, x == 0] = 0
        return got

    def per_prime(p: int) -> Int64Array:
        table = _size_weight_residues(weights, cap, max_size, p)
        np.cumsum(table, axis=1, out=table)  # inclusive prefix sums, each below cap * 2p < 2**61
        out = np.zeros((len(distinct), rows), dtype=np.int64)
        for i, (upper, lower, src, jj, valid, sign) in enumerate(plans):
            d = np.remainder(at(table, upper) - at(table, lower), p) * sign  # (rows, jmax), |d| < p
            g = d[src, jj[None, :]]
            g[~valid] = 0
            out[i] = np.remainder(g.sum(axis=1), p)  # |sum| < rows * p < 2**61
        del table
        return out

    residues = _run(per_prime, primes, count)
    flat = crt([r.ravel().tolist() for r in residues], primes)
    result: dict[int, list[int]] = {}
    for i, w in enumerate(distinct):
        values = flat[i * rows : (i + 1) * rows] + [0] * max(0, n_players - rows)
        result[w] = values[:n_players]
    if 0 in set(weights):
        result[0] = [0] * n_players
    return result
