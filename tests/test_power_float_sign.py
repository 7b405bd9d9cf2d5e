"""No float index is below 0. A share of coalitions read in floats as the difference of two sums near 1 can
come out a few units of ``2**-53`` below 0: a player of one seat beside one of ``n - 1`` at quota ``n``
swings only with the giant alone, in ``2**-(n-1)`` of the coalitions of the others (by hand), and its
Banzhaf, Penrose and Coleman indices came out near -5.6e-15 at 200 players. No count is negative, so 0 is
nearer the truth, and within the documented absolute bound of it."""

from __future__ import annotations

from fractions import Fraction

import pytest

from whipcount.power import (
    WeightedGame,
    banzhaf,
    coleman_initiate,
    coleman_prevent,
    penrose,
    shapley_shubik,
    swings_by_size,
)

INDICES = (banzhaf, penrose, coleman_prevent, coleman_initiate, shapley_shubik)


@pytest.mark.parametrize("n", [200, 600])
@pytest.mark.parametrize("shape", ["giant", "smaller giant", "quota above"])
def test_float_indices_are_never_below_zero(n: int, shape: str) -> None:
    giant, quota = {"giant": (n - 1, n), "smaller giant": (n - 2, n), "quota above": (n - 1, n + 1)}[shape]
    game = WeightedGame([giant] + [1] * (n - 1), quota, proper=False)
    bound = (n + 2 * quota + 2) * 2.0**-53  # Penrose's absolute error bound (docs/power.md, Exactness 3)
    for index in INDICES:
        floats = index(game, exact=False)
        assert min(floats) >= 0.0, (index.name, min(floats))
        if index is penrose:
            assert all(abs(f - float(e)) <= bound for f, e in zip(floats, index(game), strict=True))
    assert min(min(row) for row in swings_by_size(game, exact=False)) >= 0.0


def test_the_one_seat_player_s_swing_by_hand() -> None:
    # [200; 199, 1 x 199]: a player of one seat turns only the giant alone into a winner
    game = WeightedGame([199] + [1] * 199, 200)
    assert penrose(game)[1] == Fraction(1, 2**199)
    assert 0.0 <= penrose(game, exact=False)[1] <= 1e-12
