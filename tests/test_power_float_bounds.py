"""Every float index lies within its mathematical bounds and near the exact fraction, over seeded random
games: sizes 2 to 60, weights 1 to 1,000 (some shared by many players, some a giant beside players of one
seat), quotas from 1 to the total. A float is a share, between 0 and 1; the normalised ones (Banzhaf,
Shapley–Shubik) add up to 1 within rounding. A dictator's float Shapley–Shubik index had come out above 1
(1.0000000000000306 beside 51 players of one seat), which a check ``0 <= x <= 1`` trips on."""

from __future__ import annotations

import math
import random

import pytest

from whipcount.power import (
    VectorGame,
    WeightedGame,
    banzhaf,
    coleman_initiate,
    coleman_prevent,
    penrose,
    shapley_shubik,
)
from whipcount.power.indices import clear_caches
from whipcount.power.parlgov import sweep

INDICES = (banzhaf, penrose, shapley_shubik, coleman_prevent, coleman_initiate)
NORMALISED = (banzhaf, shapley_shubik)
GAMES = 300


def _weights(rng: random.Random, n: int) -> list[int]:
    shape = rng.random()
    if shape < 0.25:  # a few weights, each shared by many players
        kinds = [rng.randint(1, 1000) for _ in range(rng.randint(1, 3))]
        return [rng.choice(kinds) for _ in range(n)]
    if shape < 0.5:  # a giant beside players of one seat: often a dictator
        return [rng.randint(n, 3000)] + [1] * (n - 1)
    return [rng.randint(1, 1000) for _ in range(n)]


def _game(seed: int) -> WeightedGame:
    rng = random.Random(seed)
    weights = _weights(rng, rng.randint(2, 60 if seed % 4 else 20))
    total = sum(weights)
    quota = rng.choice([total, total // 2 + 1, rng.randint(total // 2 + 1, total), rng.randint(1, total)])
    return WeightedGame(weights, quota, proper=False)


def _check(game: WeightedGame | VectorGame, label: object) -> None:
    for index in INDICES:
        floats = index(game, exact=False)
        exact = index(game)
        for player, (f, e) in enumerate(zip(floats, exact, strict=True)):
            assert 0.0 <= f <= 1.0, (label, index.name, player, f)
            assert math.isclose(f, float(e), rel_tol=1e-9, abs_tol=1e-12), (label, index.name, player, f, e)
        if index in NORMALISED:
            assert abs(math.fsum(floats) - 1.0) <= 4 * game.n * 2.0**-53, (label, index.name, math.fsum(floats))


@pytest.mark.parametrize("block", range(6))
def test_float_indices_keep_their_bounds_and_the_exact_values(block: int) -> None:
    for seed in range(block * GAMES // 6, (block + 1) * GAMES // 6):
        _check(_game(seed), seed)
        clear_caches()


@pytest.mark.parametrize("n", [5, 17, 52])
def test_a_dictator_holds_all_the_power_and_no_more(n: int) -> None:
    # by hand: a player whose seats reach the quota alone, the others together short of it, is pivotal in
    # every order and swings in every coalition of the others; the others never
    game = WeightedGame([3 * n] + [1] * (n - 1), 2 * n, proper=False)
    for index in INDICES:
        assert index(game, exact=False) == (1.0,) + (0.0,) * (n - 1), index.name


def test_vector_games_keep_their_bounds() -> None:
    for seed in range(40):
        rng = random.Random(1000 + seed)
        n = rng.randint(2, 10)
        weights = [rng.randint(1, 1000) if rng.random() < 0.8 else rng.choice([1, 5000]) for _ in range(n)]
        count = WeightedGame([1] * n, rng.randint(1, n), proper=False)
        _check(VectorGame([WeightedGame(weights, rng.randint(1, sum(weights)), proper=False), count]), seed)


@pytest.mark.parametrize("country", ["PRT", "TUR", "NZL"])
def test_the_parlgov_sweep_in_floats_keeps_the_bounds(country: str) -> None:
    # a party holding a majority of its chamber alone is a dictator: its float Shapley–Shubik index had
    # come out 1.0000000000000018 (Portugal's PS, 2022); a row of several players sums a share of one whole
    names = ("banzhaf", "shapley-shubik", "penrose", "coleman-prevent", "coleman-initiate")
    rows = list(sweep(names, country=country, exact=False))
    assert rows
    for row in rows:
        for name, value in row.values.items():
            if value is not None and (row.players == 1 or name in ("banzhaf", "shapley-shubik")):
                assert 0.0 <= value <= 1.0, (row.election_date, row.party_short, name, value)
