"""Exact power at the int64 boundary: the exact path switches from int64 tables to multi-modular counts
above 62 players, where swing counts pass 2**63. Games of one large player and many of weight one have
closed forms (binomial sums), computed here with Python's unbounded integers, independently of the code."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest

from whipcount.power import WeightedGame, get_index
from whipcount.power.indices import banzhaf_swings


def _game(n: int) -> tuple[WeightedGame, int, int]:
    """[q; 40, 1 x (n - 1)] with q a bare majority of the total."""
    big = 40
    q = (big + n - 1) // 2 + 1
    return WeightedGame([big] + [1] * (n - 1), q), big, q


def _swings(n: int, big: int, q: int) -> tuple[int, int]:
    """(the big player's swings, one small player's): coalitions of the others it turns from losing to winning."""
    ones = n - 1
    s_big = sum(comb(ones, k) for k in range(max(0, q - big), min(q, ones + 1)))
    s_small = (comb(ones - 1, q - 1 - big) if q - 1 - big >= 0 else 0) + comb(ones - 1, q - 1)
    return s_big, s_small


@pytest.mark.parametrize("n", [61, 62, 63, 64, 65])
def test_banzhaf_swings_and_index_across_the_switch(n: int) -> None:
    game, big, q = _game(n)
    s_big, s_small = _swings(n, big, q)
    assert s_big > 2**40  # large counts: near or past what an int64 holds at n = 64
    swings = banzhaf_swings(game)
    assert swings[0] == s_big and all(s == s_small for s in swings[1:])
    total = s_big + (n - 1) * s_small
    values = get_index("banzhaf")(game, exact=True)
    assert values[0] == Fraction(s_big, total) and values[1] == Fraction(s_small, total)


@pytest.mark.parametrize("n", [62, 63, 64])
def test_shapley_shubik_across_the_switch(n: int) -> None:
    game, big, q = _game(n)
    # in a random order the big player is pivotal when the ones before it number q - big .. q - 1
    pivotal_positions = sum(1 for k in range(n) if q - big <= k <= q - 1)
    ss_big = Fraction(pivotal_positions, n)
    values = get_index("shapley-shubik")(game, exact=True)
    assert values[0] == ss_big and values[1] == (1 - ss_big) / (n - 1)


def test_a_dictator_at_64_players_has_2_to_the_63_swings() -> None:
    """[64; 64, 1 x 63]: the big player alone wins and the others together cannot, so it swings in every one
    of the 2**63 coalitions of the others, one more than an int64 holds."""
    swings = banzhaf_swings(WeightedGame([64] + [1] * 63, 64))
    assert swings[0] == 2**63 and set(swings[1:]) == {0}
