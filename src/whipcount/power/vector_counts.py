"""Exact counting of vector games (several weighted clauses, with AND and OR): swings by size and losing
coalitions, by meet in the middle (:mod:`~whipcount.power.vector`) where the game has that shape, else over
all ``2**n`` coalitions with numpy.
"""

from __future__ import annotations

import functools
from typing import Literal

import numpy as np
import numpy.typing as npt

from whipcount.errors import PowerError
from whipcount.power import vector
from whipcount.power.game import VectorGame, WeightedGame

__all__ = ["DEFAULT_MAX_BRUTE_PLAYERS", "brute_swings_by_size", "brute_win", "vector_counts", "vector_method"]

DEFAULT_MAX_BRUTE_PLAYERS = 22
"""Vector games outside the meet-in-the-middle shape (:mod:`~whipcount.power.vector`) are counted over
all ``2**n`` coalitions: up to this many players."""


@functools.lru_cache(maxsize=4)  # equivalent mutants "4 -> 5", "4 -> 3": a cache's size
def brute_win(game: VectorGame, max_players: int) -> npt.NDArray[np.bool_]:
    """``win[m]``: does the coalition with bitmask ``m`` win every component? (``2**n`` booleans)"""
    n = game.n
    if n > max_players:
        raise PowerError(
            f"vector game: {n} players is above the brute-force limit of {max_players} "
            f"({2**n:,} coalitions); raise max_players if you have the memory"
        )
    size = 1 << n

    def wins(g: WeightedGame) -> npt.NDArray[np.bool_]:
        # any subset's sum is at most the total, so int64 is exact up to 2**63 - 1: the bound only picks
        # when the slower Python integers are used
        large = g.total >= 2**62  # equivalent mutants "62 -> 61", "62 -> 63", ">= -> >": see above
        sums = np.zeros(size, dtype=object if large else np.int64)
        for i, w in enumerate(g.weights):
            sums[1 << i : 2 << i] = sums[: 1 << i] + w
        return np.asarray(sums >= g.quota, dtype=bool)

    win = np.ones(size, dtype=bool)
    for g in game.games:
        win &= wins(g)
    for g in game.or_games:
        win |= wins(g)
    return win


@functools.lru_cache(maxsize=16)  # equivalent mutants "16 -> 17", "16 -> 15": a cache's size
def brute_swings_by_size(game: VectorGame, max_players: int) -> tuple[tuple[int, ...], ...]:
    """Swings by coalition size for each player, counted over all ``2**n`` coalitions (numpy)."""
    n = game.n
    win = brute_win(game, max_players)
    card = np.zeros(1 << n, dtype=np.int16)
    for i in range(n):
        card[1 << i : 2 << i] = card[: 1 << i] + 1
    out = []
    for i in range(n):
        block = 1 << i  # coalitions come in runs of 2**i without player i, then the same runs with i
        shape = (-1, 2, block)  # equivalent mutant "1 -> 2": numpy reads any negative length as "the rest"
        w3 = win.reshape(shape)
        swing = w3[:, 1, :] & ~w3[:, 0, :]
        sizes = card.reshape(shape)[:, 0, :][swing]
        out.append(tuple(int(x) for x in np.bincount(sizes, minlength=n)[:n]))
    return tuple(out)


@functools.lru_cache(maxsize=16)  # equivalent mutants "16 -> 17", "16 -> 15": a cache's size
def vector_counts(game: VectorGame) -> tuple[tuple[tuple[int, ...], ...], int]:
    """Exact swings by size and the number of losing coalitions of a vector game.

    Meet in the middle (:mod:`~whipcount.power.vector`) when the game is a member count plus one weight
    (with or without a count clause in ``or_games``) and has at most ``MITM_MAX_PLAYERS`` players;
    otherwise all ``2**n`` coalitions (at most ``DEFAULT_MAX_BRUTE_PLAYERS`` players)."""
    plan = vector.size_thresholds(game)
    if plan is not None and vector_method(game) == "meet-in-the-middle":
        counts = vector.count_meet_in_the_middle(plan)
        return counts.swings_by_size(), counts.losing
    by_size = brute_swings_by_size(game, DEFAULT_MAX_BRUTE_PLAYERS)
    losing = int((1 << game.n) - np.count_nonzero(brute_win(game, DEFAULT_MAX_BRUTE_PLAYERS)))
    return by_size, losing


def vector_method(game: VectorGame) -> Literal["meet-in-the-middle", "brute-force"]:
    """How :func:`~whipcount.power.indices.swings_by_size` counts ``game`` (chosen from its shape and size,
    as :func:`vector_counts` does)."""
    plan = vector.size_thresholds(game)
    # past 2**61 brute force would count the same: the bound only has to keep sums inside int64
    fits = (plan is not None and game.n <= vector.MITM_MAX_PLAYERS
            and sum(plan.weights) < 2**62)  # equivalent mutant "62 -> 61": see above
    return "meet-in-the-middle" if fits else "brute-force"
