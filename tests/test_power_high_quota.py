"""Swings at a quota above half the total are counted at the dual game's quota ``W - q + 1`` (the
coalitions of the others that a player turns into winners are the complements of those it turns into
losers at the dual's quota). Checked here against brute force at every quota of small games, on every
route, and, where floats had gone wrong, float against exact: counted at a 95 % quota the float path had
put a player's Banzhaf index at 0.81 instead of 0.004, Coleman's power to prevent at -20 instead of 1,
and divided by zero in a unanimity game of 55 players.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction
from itertools import combinations

import pytest

from whipcount.power import (
    WeightedGame,
    banzhaf,
    coleman_initiate,
    coleman_prevent,
    compiled,
    penrose,
    registered,
    shapley_shubik,
)
from whipcount.power.indices import clear_caches
from whipcount.power.weighted import by_enumeration, counted_quota, weighted_swings

METHODS = ["tables", "modular", *(["compiled"] if compiled.available() else [])]


def brute_counts(weights: list[int], quota: int) -> tuple[list[int], int, int]:
    """Swings of each player, losing and winning coalitions, over every coalition."""
    n = len(weights)
    weight = {frozenset(c): sum(weights[i] for i in c) for k in range(n + 1) for c in combinations(range(n), k)}
    winning = sum(1 for w in weight.values() if w >= quota)
    swings = [sum(1 for s, w in weight.items() if i not in s and quota - weights[i] <= w < quota) for i in range(n)]
    return swings, len(weight) - winning, winning


GAMES = [[3, 1, 1, 2, 5, 4, 1], [6, 0, 2, 2, 9], [1, 1, 1, 1, 1, 1, 1, 1], [10, 3, 3, 2, 1, 1, 7, 4]]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("weights", GAMES, ids=lambda w: "-".join(map(str, w)))
def test_every_quota_counts_as_brute_force(weights: list[int], method: str) -> None:
    for quota in range(1, sum(weights) + 1):
        game = WeightedGame(weights, quota, proper=False)
        s = weighted_swings(game, True, method)  # type: ignore[arg-type]
        assert (list(s.swings), s.losing, s.winning) == brute_counts(weights, quota), (quota, method)


def test_the_dual_quota_is_taken_only_above_half_the_total() -> None:
    assert counted_quota(WeightedGame([1, 2, 3, 4], 6)) == (5, True)  # W = 10
    assert counted_quota(WeightedGame([1, 2, 3, 4], 5, proper=False)) == (5, False)  # its dual is 6
    assert counted_quota(WeightedGame([1, 2, 3, 4], 7)) == (4, True)
    assert counted_quota(WeightedGame([1, 2, 3, 4], 10)) == (1, True)  # unanimity: only the empty coalition


def _unanimity(n: int) -> WeightedGame:
    return WeightedGame([1] * n, n)


@pytest.mark.parametrize("n", [54, 55, 60, 63, 70, 100])
def test_unanimity_in_floats_has_its_closed_form(n: int) -> None:
    """Every player swings only in the grand coalition: Penrose 2**-(n-1), Coleman's power to prevent 1,
    to initiate 1 / (2**n - 1), Banzhaf 1/n."""
    clear_caches()
    game = _unanimity(n)
    assert penrose(game, exact=False) == pytest.approx([2.0 ** -(n - 1)] * n, rel=1e-12)
    assert coleman_prevent(game, exact=False) == pytest.approx([1.0] * n, rel=1e-12)
    assert coleman_initiate(game, exact=False) == pytest.approx([1 / (2**n - 1)] * n, rel=1e-12)
    assert banzhaf(game, exact=False) == pytest.approx([1 / n] * n, rel=1e-12)


def _relative_errors(game: WeightedGame) -> list[float]:
    errors = []
    for index in (banzhaf, penrose, coleman_prevent, coleman_initiate):
        exact = index(game, exact=True)
        approx = index(game, exact=False)
        errors += [abs(a - float(e)) / float(e) for a, e in zip(approx, exact, strict=True) if e != 0]
    return errors


@pytest.mark.parametrize("seed", range(3))
def test_floats_hold_up_to_the_unanimity_quota(seed: int) -> None:
    """80 players (weights 1 to 10, eight times, where a 95 % quota had gone wrong), then random ones: at quotas from a
    bare majority to unanimity, every float index within 1e-9 of the exact one, relatively."""
    rng = random.Random(seed)
    weights = [w for _ in range(8) for w in range(1, 11)] if seed == 0 else [rng.randint(1, 10) for _ in range(80)]
    total = sum(weights)
    for quota in sorted({total // 2 + 1, math.ceil(0.75 * total), math.ceil(0.9 * total), 397, 420,
                         math.ceil(0.99 * total), total - 1, total}):
        if not total // 2 < quota <= total:
            continue
        clear_caches()
        worst = max(_relative_errors(WeightedGame(weights, quota)))
        assert worst < 1e-9, (seed, quota, worst)


def test_too_few_winning_coalitions_for_a_float_are_counted_exactly_not_divided_by_zero() -> None:
    """Unanimity of 1,100 players: the one winning coalition is 2**-1100 of all, below the least float; each
    player blocks it, so Coleman's power to prevent is 1 (it had been an error, and before that a division by
    zero)."""
    clear_caches()
    assert coleman_prevent(_unanimity(1100), exact=False) == (1.0,) * 1100
    assert coleman_prevent(_unanimity(1100), exact=True)[0] == Fraction(1)


HEAVY = [([4, 4, 4, 2, 2, 1], 12), ([3, 3, 3, 1], 6), ([5, 2, 2, 1, 1], 7)]


@pytest.mark.parametrize(("weights", "quota"), HEAVY)
@pytest.mark.parametrize("scale", [10**9, 10**12, 10**30])
def test_a_few_players_of_huge_weights_are_counted_over_every_coalition(weights: list[int], quota: int,
                                                                       scale: int) -> None:
    """Weights of 10**12 had asked for a table of 10**12 cells, refused as too large, though the game has
    2**n coalitions: counted over them instead, every index is that of the game scaled down, which the
    tables count."""
    clear_caches()
    small = WeightedGame(weights, quota)
    big = WeightedGame([w * scale for w in weights], quota * scale)
    assert by_enumeration(big, big.quota, "auto") and not by_enumeration(big, big.quota, "tables")
    assert not by_enumeration(small, small.quota, "auto")  # 2**n coalitions are more than its cells
    for index in registered():
        assert index(big, exact=True) == index(small, exact=True), index.name
        assert index(big, exact=False) == pytest.approx(index(small, exact=False), abs=1e-12), index.name


def test_the_council_of_1958_in_huge_weights_has_its_published_values() -> None:
    """EEC Council of Ministers, 1958: weights 4, 4, 4, 2, 2, 1, quota 12 (Banzhaf 5/21 for each large
    member, 1/7 for each middle one, 0 for Luxembourg; Shapley–Shubik 7/30, 3/20, 0)."""
    clear_caches()
    big = WeightedGame([w * 10**15 for w in (4, 4, 4, 2, 2, 1)], 12 * 10**15)
    assert list(banzhaf(big)) == [Fraction(5, 21)] * 3 + [Fraction(1, 7)] * 2 + [Fraction(0)]
    assert list(shapley_shubik(big)) == [Fraction(7, 30)] * 3 + [Fraction(3, 20)] * 2 + [Fraction(0)]


def test_a_vector_game_s_float_indices_are_its_exact_ones_rounded() -> None:
    """A vector game's float counts are its exact counts divided by 2**n, winning coalitions included: a
    majority of five members that also holds 60 of the 100 population units."""
    from whipcount.power import VectorGame

    clear_caches()
    game = VectorGame([WeightedGame([1] * 5, 3), WeightedGame([40, 25, 15, 12, 8], 60)])
    for index in (banzhaf, penrose, coleman_prevent, coleman_initiate):
        exact = index(game, exact=True)
        assert index(game, exact=False) == pytest.approx([float(v) for v in exact], rel=1e-12), index
        assert all(0 <= v <= 1 for v in exact)
