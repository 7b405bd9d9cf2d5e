"""Equivalent smaller games: the same winning coalitions over smaller weights, and without dummies.

A game's indices depend only on which coalitions win, so a game whose weights are far larger than needed
(three members of ``10**10`` votes beside 30 of one vote) can be counted over a table of a few cells
instead of ``10**10``. :func:`reduced` finds such a game where that is cheap, by three rules applied until
none changes anything; each keeps the winning coalitions exactly (proofs below).

**1. A weight above the quota counts as the quota**, and a player of weight 0 is a dummy (a player is a
*dummy* when adding him to a coalition never turns it from losing to winning).

**2. Large weights with a common factor larger than the small ones together.** Split the players into
*small* ones, weighing ``s`` together, and *large* ones whose weights are all multiples of ``g > s + 1``.
Write ``q = m g + r`` with ``0 <= r < g`` and ``G = s + 1``. Then the game is the same with each large
weight ``w`` replaced by ``(w / g) G`` and the quota by ``q' = m G + min(r, G)``. *Proof.* A coalition's
large members weigh ``j g`` for some integer ``j``, its small ones ``b`` with ``0 <= b <= s < g``. At
the old weights: ``j > m`` wins (``j g >= (m + 1) g > q``); ``j < m`` loses (``j g + b <= (m - 1) g + s
< m g <= q``); ``j = m`` wins iff ``b >= r``. At the new ones (``min(r, G) <= G``) the same three cases give
the same three answers: ``j > m`` wins (``j G >= (m + 1) G >= q'``), ``j < m`` loses (``(m - 1) G + s <
m G <= q'``), and ``j = m`` wins iff ``b >= min(r, G)``, which is ``b >= r`` (for ``r > s`` neither holds,
as ``b <= s < G``). With no small player (``s = 0``, ``G = 1``) this is dividing by the weights' greatest
common divisor with the quota rounded up: ``w(S) >= q`` iff ``w(S) / g >= ceil(q / g)``.

**3. Small players that together cannot change an outcome are dummies.** Let the small players weigh
``s`` together. If no coalition of the large players weighs from ``q - s`` to ``q - 1``, every small player
is a dummy and the game is that of the large players at the same quota. *Proof.* A coalition is ``A + B``,
``A`` its large members, ``B`` its small ones, ``0 <= w(B) <= s``. If ``w(A) >= q`` it wins, as ``A`` does;
otherwise ``w(A) < q - s`` (nothing lies between), so ``w(A) + w(B) < q``: it loses, as ``A`` does. So a
coalition wins iff its large members do. The sums the large players reach are enumerated (the heaviest
players first, at most :data:`MAX_SUMS` distinct sums), so the rule is tried only where they are few.

**What the indices of the smaller game say of the game.** Rules 1 and 2 keep every player and every
winning coalition: every index is the same. Rule 3 leaves out ``d`` dummies. Each coalition ``T`` of the
others (kept players) stands for ``2**d`` coalitions ``T + B`` (``B`` any set of dummies), all winning or
all losing as ``T`` does, with the same critical members (a dummy is never critical). So a kept player's
swings, and the winning and losing coalitions, are ``2**d`` times the smaller game's (:func:`lift_swings`:
Banzhaf, Penrose and both of Coleman's indices are unchanged, their numerators and denominators both
scaled), his swings with ``k`` others are ``sum_j C(d, j) x`` his smaller game's with ``k - j``
(:func:`lift_by_size`; Shapley–Shubik comes out unchanged, as the null-player property says), and a dummy's
are 0. A minimal winning coalition never holds a dummy (without him it still wins), so the minimal winning
coalitions are the smaller game's (Holler–Packel, Deegan–Packel); the winning coalitions with a critical
member are the smaller game's ``T`` with any dummies added, ``2**d`` each with ``T``'s critical members
(Johnston: both its sums scaled alike). The tests hold every index against brute force over every coalition
(and every order) on thousands of random games.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from whipcount.power.game import WeightedGame

__all__ = ["MAX_LARGE", "MAX_SUMS", "Reduction", "lift_by_size", "lift_swings", "reduced"]

MAX_SUMS = 1 << 16
"""Most distinct sums of the large players rule 3 enumerates."""

MAX_LARGE = 24
"""Most large players rule 3 tries (with :data:`MAX_SUMS`, a few milliseconds at most)."""

_INT64_SUMS = 2**62  # sums are kept below the quota, so int64 holds them below this


@dataclass(frozen=True, slots=True)
class Reduction:
    """``game`` has the same winning coalitions as the original over the players ``kept`` (indices into the
    original's ``n`` players, in order); the others are dummies."""

    game: WeightedGame
    kept: tuple[int, ...]
    n: int

    @property
    def dummies(self) -> int:
        """Players left out (each a dummy)."""
        return self.n - len(self.kept)

    def scale(self, exact: bool) -> int:
        """Coalitions of the original each coalition of ``game`` stands for (``2**d``), or 1 for floats, which
        count coalitions as shares of all of them."""
        return (1 << self.dummies) if exact else 1

    def lift(self, values: Sequence[Fraction]) -> tuple[Fraction, ...]:
        """Values of the smaller game's players as the original's, 0 for each dummy."""
        out = [Fraction(0)] * self.n
        for i, v in zip(self.kept, values, strict=True):
            out[i] = v
        return tuple(out)


def _compress(weights: list[int], quota: int) -> tuple[list[int], int] | None:
    """Rule 2 at the first split of the players by weight where it applies, else ``None``."""
    order = sorted(range(len(weights)), key=weights.__getitem__)
    suffix_gcd = [0] * (len(order) + 1)
    for k in range(len(order) - 1, -1, -1):
        suffix_gcd[k] = math.gcd(suffix_gcd[k + 1], weights[order[k]])
    small = 0
    for k, i in enumerate(order):
        g = suffix_gcd[k]
        if g > small + 1:
            big, m, r = small + 1, quota // g, quota % g
            out = list(weights)
            for j in order[k:]:
                out[j] = weights[j] // g * big
            return out, m * big + min(r, big)
        small += weights[i]
    return None


def _small_dummies(weights: list[int], quota: int) -> list[int] | None:
    """Rule 3: the players of the least weights that are dummies together (the most found), else ``None``."""
    if quota >= _INT64_SUMS:
        return None
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    sums = np.zeros(1, dtype=np.int64)
    small = sum(weights)
    for m, i in enumerate(order[: min(len(order) - 1, MAX_LARGE)], start=1):
        # sums at or above the quota are kept as the quota: only those below it are read
        sums = np.unique(np.minimum(np.concatenate((sums, sums + weights[i])), quota))
        if sums.size > MAX_SUMS:
            return None
        small -= weights[i]
        low, high = np.searchsorted(sums, [quota - small, quota])
        if low == high:
            return order[m:]
    return None


@functools.lru_cache(maxsize=64)  # a cache's size: any size gives the same games
def reduced(game: WeightedGame) -> Reduction | None:
    """A game with the same winning coalitions and smaller weights or fewer players (see the module's
    docstring), or ``None`` where the rules change nothing."""
    quota = game.quota
    kept = list(range(game.n))
    weights = list(game.weights)
    while True:
        weights = [min(w, quota) for w in weights]
        dummies = [j for j, w in enumerate(weights) if w == 0] or _small_dummies(weights, quota)
        if dummies:
            drop = set(dummies)
            kept = [p for j, p in enumerate(kept) if j not in drop]
            weights = [w for j, w in enumerate(weights) if j not in drop]
            continue
        smaller = _compress(weights, quota)
        if smaller is None:
            break
        weights, quota = smaller
    if tuple(weights) == game.weights and quota == game.quota:
        return None
    names = [game.names[p] for p in kept]
    return Reduction(WeightedGame(weights, quota, names=names, proper=False), tuple(kept), game.n)


def lift_swings(swings: Sequence[int | float], red: Reduction, exact: bool) -> tuple[int | float, ...]:
    """The original's swings from the smaller game's (0 for a dummy): exact counts times ``2**d``; floats
    (counts over ``2**n``) as they are."""
    scale = red.scale(exact)
    out: list[int | float] = [0 if exact else 0.0] * red.n
    for i, x in zip(red.kept, swings, strict=True):
        out[i] = x * scale
    return tuple(out)


def lift_by_size(
    rows: Sequence[Sequence[int | float]], red: Reduction, exact: bool
) -> tuple[tuple[int | float, ...], ...]:
    """The original's swings by size from the smaller game's: ``sum_j C(d, j) x row[k - j]`` (floats over
    ``2**n``: ``C(d, j) / 2**d`` each), zeros for a dummy."""
    d, n = red.dummies, red.n
    factors: list[int | float] = [math.comb(d, j) if exact else float(Fraction(math.comb(d, j), 1 << d))
                                  for j in range(d + 1)]
    zero = 0 if exact else 0.0
    out: list[tuple[int | float, ...]] = [(zero,) * n] * n
    made: dict[tuple[int | float, ...], tuple[int | float, ...]] = {}  # players of one weight share a row
    for i, row in zip(red.kept, map(tuple, rows), strict=True):
        if row not in made:
            full = [zero] * n
            for k, x in enumerate(row):
                if x:
                    for j, f in enumerate(factors):
                        full[k + j] += f * x
            made[row] = tuple(full)
        out[i] = made[row]
    return tuple(out)
