"""Float indices of more than 1,022 players, where one coalition's share ``2**-n`` is below float64's least
normal number: a unanimity game of 1,100 players had a float Shapley–Shubik index of 0 for every player and
a Banzhaf index refused as 'no swings at all'. The values are held to ones worked by hand from the
definitions, which float arithmetic cannot reach at this size."""

from __future__ import annotations

from fractions import Fraction

import pytest

from whipcount.errors import TooLarge
from whipcount.power import WeightedGame, banzhaf, coleman_initiate, coleman_prevent, float_range, shapley_shubik
from whipcount.power.indices import clear_caches

N = 1100


def _close(values: tuple[float, ...], expected: list[Fraction]) -> None:
    assert len(values) == len(expected)
    assert all(abs(v - float(e)) <= 1e-12 * float(e) for v, e in zip(values, expected, strict=True)), values[:3]


def test_a_unanimity_game_of_1100_players_has_one_share_each_in_floats() -> None:
    # every player is a veto player and the players are symmetric: 1/1100 each (Banzhaf: one swing each, in the
    # coalition of all the others; Shapley–Shubik: efficiency and symmetry); Coleman: one winning coalition,
    # which each player can block (1), and 2**1100 - 1 losing ones, of which each turns one into a winner
    clear_caches()
    game = WeightedGame([1] * N, N)
    _close(shapley_shubik(game, exact=False), [Fraction(1, N)] * N)
    _close(banzhaf(game, exact=False), [Fraction(1, N)] * N)
    _close(coleman_prevent(game, exact=False), [Fraction(1)] * N)
    assert all(0.0 <= v < 1e-300 for v in coleman_initiate(game, exact=False))


@pytest.mark.parametrize("quota", [2, N])
def test_a_player_of_two_seats_among_1099_of_one(quota: int) -> None:
    # [2; 2, 1 x 1099] (improper) and its dual [1100; 2, 1 x 1099] have one Shapley–Shubik index: the giant is
    # pivotal when it comes first or second in the order of joining (2 orders of n positions), the 1,099 others
    # share the rest. Banzhaf (the same swings in both): the giant turns the empty coalition and each single
    # small player into winners (1,100 swings); a small player turns each other single small player (1,098).
    clear_caches()
    game = WeightedGame([2] + [1] * (N - 1), quota, proper=False)
    small = (1 - Fraction(2, N)) / (N - 1)
    _close(shapley_shubik(game, exact=False), [Fraction(2, N)] + [small] * (N - 1))
    total = 1100 + (N - 1) * 1098
    _close(banzhaf(game, exact=False), [Fraction(1100, total)] + [Fraction(1098, total)] * (N - 1))


def test_where_the_exact_count_is_too_large_too_both_are_said() -> None:
    def too_large() -> tuple[Fraction, ...]:
        raise TooLarge("counting exactly would take about 2e+12 additions")

    with pytest.raises(TooLarge, match="below what a float64 holds.*2e\\+12 additions"):
        float_range.exact_as_floats(too_large, "Shapley–Shubik", 5000)
