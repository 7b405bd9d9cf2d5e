"""Exact counting modulo ``2**64`` and primes: the dynamic programmes of :mod:`whipcount.power.dp` in ``int64``.

Every number the indices need is an integer below a bound known in advance: a swing count of ``n``
players is below ``2**(n-1)``, a pivot count of size ``k`` at most ``C(n-1, k)``. Instead of carrying
those big numbers through the table (limbs, :mod:`whipcount.power.dp`), the table is run once per
modulus with every cell a residue, and each wanted number is rebuilt from its residues by the Chinese
remainder theorem once the product of the moduli exceeds its bound (:func:`moduli_for`).

- **2**64 for free** (:data:`WORD`): ``int64`` additions, prefix sums and signed sums wrap around, which
  is exact arithmetic modulo ``2**64``; that table needs no reduction at all.
- **primes** ``p = 2**b - c`` just below ``2**b`` with ``b = 61 - bits(max(cap, rows + 1))``, so that
  prefix sums along a row (``cap`` residues below ``2p``) and signed sums of up to ``rows`` or ``cap``
  residues stay below ``2**62``. Only additions, and a residue is reduced only when its row's bound could
  reach ``2**62`` (lazy reduction, :class:`Reducer`).
- **memory**: one table of ``int64`` residues per modulus, dropped before the next one unless two fit
  in :data:`PARALLEL_BYTES` (then two worker threads; numpy releases the GIL).

Banzhaf (:func:`swings_total_modular`) is here; pivots by size (Shapley–Shubik) are in
:mod:`whipcount.power.sizes`. Both read the swings of each **distinct** weight from the one table of all
players with the telescoping prefix-sum identity of :mod:`whipcount.power.dp`.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import numpy.typing as npt

from whipcount.errors import PowerError, TooLarge
from whipcount.power import halves

__all__ = [
    "LIMIT",
    "MAX_MODULAR_BYTES",
    "PARALLEL_BYTES",
    "WORD",
    "Reducer",
    "crt",
    "moduli_for",
    "prime_bits",
    "primes_below",
    "residues_of",
    "run",
    "swings_total_modular",
    "workers_for",
]

Int64Array = npt.NDArray[np.int64]

MAX_MODULAR_BYTES = 1536 * 1024**2
"""Largest single residue table (1.5 GiB); above it a PowerError advises ``exact=False``."""

PARALLEL_BYTES = 256 * 1024**2
"""Tables of all worker threads together: more than one worker only while they fit (256 MiB), so that a
large game keeps one table in memory at a time (threads save wall time, never CPU time)."""

LIMIT = 1 << 62  # equivalent mutant "62 -> 61": a lower limit only reduces sooner
"""Cells, prefix sums and signed sums of residues are kept below ``2**62`` (int64 holds ``2**63 - 1``)."""

WORD = 1 << 64
"""The free modulus: ``int64`` additions wrap around, exact arithmetic modulo ``2**64`` with no reduction."""


def _is_prime(m: int) -> bool:
    """Deterministic Miller–Rabin for ``m < 3.3 * 10**24`` (the first 13 primes as bases)."""
    if m < 2:
        return False
    # The bases 2..37 alone are exact below 318665857834031151167461 > 2**64, past any prime asked for here,
    # so 41 is spare; a base moved to a neighbour leaves a set that no known strong pseudoprime below 2**64
    # passes (the tests check the primes against trial division and psi_10, psi_12 against the bases).
    small = (2,  # the one even base: it is also what finds every even m
             3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)  # equivalent mutants: see above
    for b in small:
        if m % b == 0:
            return m == b
    # s one too high adds a last squaring, a**(m-1) = -1 (mod m): no prime meets it (Fermat) and no odd
    # composite can (each prime p of m would need 2**(s+1) | p - 1, so m = 1 mod 2**(s+1), against s)
    d, s = m - 1, 0  # equivalent mutant "0 -> 1": see above
    while d % 2 == 0:
        d //= 2
        s += 1  # equivalent mutant "1 -> 2": more squarings past a**(m-1), as "0 -> 1" above
    for a in small:
        x = pow(a, d, m)
        if x in (1, m - 1):
            continue
        for _ in range(s - 1):  # equivalent mutant "1 -> 0": a last squaring, a**(m-1): see above
            x = x * x % m
            if x == m - 1:
                break
        else:
            return False
    return True


def primes_below(bits: int, count: int) -> list[int]:
    """The ``count`` largest primes below ``2**bits`` (descending).

    Each is ``2**bits - c`` with ``c * 2**(63 - bits) < 2**bits``, which :class:`Reducer` needs.
    """
    if not 33 <= bits <= 61:
        raise PowerError(f"modular counting: primes must have 33 to 61 bits, got {bits}")
    out: list[int] = []
    # 2**bits + 1 is never prime for 33 to 61 bits (only Fermat numbers, bits a power of two, can be)
    m = (1 << bits) - 1  # equivalent mutant "- -> +": see above
    while len(out) < count:
        # at equality m is even (not prime) and the next m is past the bound: ">" raises one step later, alike
        if ((1 << bits) - m) << (63 - bits) >= 1 << bits:  # equivalent mutant ">= -> >": see above
            raise PowerError(f"modular counting: fewer than {count} primes just below 2**{bits}")
        if _is_prime(m):
            out.append(m)
        m -= 2 if m % 2 else 1  # equivalent mutant "2 -> 1": stepping by one also visits the odd numbers
    return out


def prime_bits(cap: int, rows: int = 1) -> int:
    """Bits ``b`` of the primes for tables of ``rows x cap`` residues: with ``L`` the bit length of
    ``max(cap, rows + 1)``, ``b = 61 - L`` (at most 56), so that ``cap`` residues below ``2p`` sum to less
    than ``2**(L + b + 1) = 2**62``, and so do ``2 * cap`` or ``rows`` residues below ``p``."""
    # The bounds above hold for any b <= 61 - L; the cap of 56 only keeps the primes small for tiny tables.
    widest = max(cap, rows + 1, 2)  # equivalent mutant "2 -> 3": 2 and 3 have the same bit length
    return min(61 - widest.bit_length(), 56)


def moduli_for(bound: int, bits: int) -> list[int]:
    """:data:`WORD` and enough primes of ``bits`` bits that the product of all exceeds ``bound`` (the largest
    value to rebuild: counts are never negative, and :func:`crt` returns the value in ``[0, product)``).
    Just ``[WORD]`` when ``2**64`` is enough."""
    need = bound // WORD + 1  # WORD * need > bound
    if need <= 1:
        return [WORD]
    count = -(-need.bit_length() // bits)
    while True:
        primes = primes_below(bits, count)
        if math.prod(primes) >= need:
            return [WORD, *primes]
        count += 1


def residues_of(values: Int64Array, modulus: int) -> npt.NDArray[np.generic]:
    """Values (int64, wrapping for :data:`WORD`; below ``2**62`` in absolute value for a prime) as
    residues in ``[0, modulus)``: ``uint64`` for ``2**64``."""
    if modulus == WORD:
        return values.view(np.uint64)
    out: Int64Array = np.remainder(values, modulus)
    return out


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
    count = len(residues[0])  # equivalent mutant "0 -> -1": one row per modulus, all of one length
    total = np.zeros(count, dtype=object)  # Python integers, added element-wise without a Python loop
    for c, row in zip(coefficients, residues, strict=True):
        total += np.array([int(r) for r in row], dtype=object) * c
    return [int(v) % modulus for v in total]


def workers_for(requested: int | None, table_bytes: int, what: str) -> int:
    """Worker threads for tables of ``table_bytes`` each (see :data:`PARALLEL_BYTES`); a PowerError when
    one table is above :data:`MAX_MODULAR_BYTES`. ``requested`` overrides the parallel budget."""
    if table_bytes > MAX_MODULAR_BYTES:
        raise TooLarge(
            f"{what}: one residue table would take {table_bytes / 1024**3:.2f} GiB, above the "
            f"{MAX_MODULAR_BYTES / 1024**3:.2f} GiB limit (whipcount.power.modular.MAX_MODULAR_BYTES); "
            "use exact=False (--float), whose error bound is documented"
        )
    if requested is not None:
        # a table is never empty and never above the limit here: the guards cannot bind differently
        return max(1, min(requested, MAX_MODULAR_BYTES // max(table_bytes, 1)))  # equivalent mutant "1 -> 0": above
    # how many threads share the work changes no count (each prime's table is its own)
    budget = PARALLEL_BYTES // max(table_bytes, 1)  # equivalent mutants "1 -> 2", "1 -> 0": a table is never empty
    cores = os.cpu_count() or 1  # equivalent mutants "1 -> 2", "1 -> 0", "or -> and": threads change no count
    return max(1, min(2, cores, budget))  # equivalent mutants "2 -> 3", "2 -> 1": threads change no count


def run(per_prime: Callable[[int], Any], primes: Sequence[int], workers: int) -> list[Any]:
    if workers <= 1 or len(primes) <= 1:  # equivalent mutants "1 -> 0", "1 -> 2", "<= -> <": a pool of one is a loop
        return [per_prime(p) for p in primes]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(per_prime, primes))


# -- Banzhaf: coalitions by weight ----------------------------------------------------------------


class Reducer:
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


def _weight_residues(weights: Sequence[int], cap: int, modulus: int) -> Int64Array:
    """``T[y]`` = coalitions of weight ``y < cap``, modulo ``modulus``: wrapping ``int64`` for
    :data:`WORD`, every cell below ``2 * p`` for a prime ``p``.

    One 0/1 knapsack step per player, out of place between two buffers (no temporary copy), over
    the cells that can be non-zero so far, up to half the weight so far (:mod:`whipcount.power.halves`:
    the rest are mirror images, unfolded at the end below the cap); for a prime, a cell bound is tracked
    and the table partially reduced (:class:`Reducer`) only when the next doubling could pass ``2**62``.
    """
    prime = modulus != WORD
    reduce = Reducer(modulus, cap) if prime else None
    a = np.zeros(cap, dtype=np.int64)
    b = np.zeros(cap, dtype=np.int64)
    a[0] = 1
    # cells [0, top) kept, up to half the players' weight (halves.step); a top of 2 keeps cell 1's count (0)
    # too, and a top of 0 has the first step copy cell 0 as its own mirror image
    top, total = 1, 0  # equivalent mutants "1 -> 2", "1 -> 0": above
    bound = 1  # equivalent mutant "1 -> 2": every cell is at most bound (primes), a looser one reduces sooner
    for w in sorted(weights):
        if w >= cap:  # equivalent mutant ">= -> >": at w = cap the step only mirrors, about the larger total
            continue  # the player is in no losing coalition: the truncated factor is 1
        # cells stay below bound; a bound of 2**62 itself is still inside int64 and the reducer's range
        if reduce is not None and 2 * bound >= LIMIT:  # equivalent mutants "2 -> 1", "2 -> 3", ">= -> >": above
            reduce(a[:top])
            # a reduced cell is below 2**b + (2**62 >> b) * c, barely above p: a bound of p is short by that
            # sliver, which one doubling keeps far below 2**62, and a second one meets the final reduction
            bound = 2 * modulus  # equivalent mutant "2 -> 1": above
        top = halves.step(a, b, w, total, top, cap)  # 0/1 step out of place (w = 0 doubles)
        a, b = b, a
        total += w
        bound *= 2  # equivalent mutant "2 -> 3": a looser bound only reduces sooner
    # reducing cells already below 2p again leaves each with the same residue
    if reduce is not None and bound > 2 * modulus:  # equivalent mutant "2 -> 1": above
        reduce(a[:top])
    halves.unfold(a, total, top, cap)
    return a


def swings_total_modular(weights: Sequence[int], quota: int, *, workers: int | None = None) -> dict[int, int]:
    """Same result as :func:`whipcount.power.dp.swings_total` (exact), by counting modulo ``2**64`` and primes.

    For each distinct weight ``w``: coalitions ``S`` of the other players with ``q - w <= w(S) < q``;
    under key ``-1``: the coalitions of all players that lose.
    """
    # a game's quota is 1 or more; a cap of 2 at quota 1 adds a cell that is never read
    n, cap = len(weights), max(quota, 1)  # equivalent mutants "1 -> 0", "1 -> 2": above
    distinct = sorted({w for w in weights if w > 0})
    moduli = moduli_for(1 << n, prime_bits(cap))
    count = workers_for(workers, 2 * 8 * cap, "weight table")
    ws = np.array(distinct, dtype=np.int64)
    counts = -(-quota // ws) if distinct else np.zeros(0, dtype=np.int64)  # equivalent mutant "0 -> -1": never empty
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)
    j = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(starts, counts)
    idx = quota - np.repeat(ws, counts) * j  # 1 .. q: prefix sums read at q - j*w
    signs = np.where(j % 2 == 0, 2, -2).astype(np.int64)
    signs[j == 0] = 1

    def per_modulus(m: int) -> npt.NDArray[np.generic]:
        table = _weight_residues(weights, cap, m)
        np.cumsum(table, out=table)  # inclusive prefix sums, each below cap * 2p < 2**62 (or wrapping)
        if m != WORD:
            np.remainder(table, m, out=table)
        out = np.empty(len(distinct) + 1, dtype=np.int64)
        out[0] = table[quota - 1]
        if distinct:  # |sum| <= 2 * cap * p < 2**62 (or wrapping)
            out[1:] = np.add.reduceat(table[idx - 1] * signs, starts)
        return residues_of(out, m)

    residues = run(per_modulus, moduli, count)
    values = crt([r.tolist() for r in residues], moduli)
    result: dict[int, int] = {-1: values[0]}
    result.update(zip(distinct, values[1:], strict=True))
    if 0 in set(weights):
        result[0] = 0
    return result
