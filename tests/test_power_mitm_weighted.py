"""A weighted game of up to 40 players whose table is large (populations as weights) is counted by meet
in the middle (whipcount.power.weighted.by_enumeration) where that is less work: the same integers as the
tables, which never take that route (method='tables' and 'modular')."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from whipcount.power import WeightedGame, banzhaf_swings, get_index, swings_by_size
from whipcount.power.weighted import by_enumeration, counted_quota, max_losing_size


def _game(rng: random.Random, n: int, top: int) -> WeightedGame:
    weights = [rng.randint(0, top) for _ in range(n)]
    weights[0] = max(weights[0], 1)
    total = sum(weights)
    quota = rng.choice((total // 2 + 1, total * 3 // 5, total * 65 // 100 + 1, total * 2 // 5))
    return WeightedGame(weights, quota, proper=False)


@pytest.mark.parametrize("seed", range(4))
def test_swings_as_the_tables_count_them(seed: int) -> None:
    rng = random.Random(seed)
    game = _game(rng, 24, 2 * 10**6)
    assert by_enumeration(game, counted_quota(game)[0], "auto")
    assert banzhaf_swings(game) == banzhaf_swings(game, method="modular")


@pytest.mark.parametrize("seed", range(2))
def test_swings_by_size_as_the_tables_count_them(seed: int) -> None:
    rng = random.Random(100 + seed)
    game = _game(rng, 24, 2 * 10**5)
    rows = max_losing_size(game.weights, game.quota) + 1
    assert by_enumeration(game, rows * game.quota, "auto")
    assert swings_by_size(game) == swings_by_size(game, method="tables")


def test_weights_above_the_quota_and_past_int64() -> None:
    """A weight of 10**20 counts as the quota (the same game), so the sums fit int64."""
    rng = random.Random(5)
    weights = [rng.randint(1, 2 * 10**6) for _ in range(23)] + [10**20]
    game = WeightedGame(weights, 2 * 10**7, proper=False)
    assert by_enumeration(game, counted_quota(game)[0], "auto")
    same = WeightedGame([min(w, game.quota) for w in weights], game.quota, proper=False)
    assert banzhaf_swings(game) == banzhaf_swings(same, method="modular")


# The EU-27 populations (whipcount/data/eu_council/population_2024.csv) at the population quota alone,
# and the Banzhaf swings the tables counted (at commit 61b0590, 9 to 16 s and 2.5 GB)
EU_POPULATION = [84358845, 68070697, 58850717, 48059777, 36753736, 19051562, 17811291, 11754004, 10827529,
                 10521556, 10467366, 10394055, 9597085, 9104772, 6447710, 5932654, 5563970, 5428792, 5194336,
                 3850894, 2857279, 2116792, 1883008, 1365884, 920701, 660809, 542051]
EU_SWINGS_BY_THE_TABLES = (20953314, 17240012, 14680400, 12078794, 9760562, 4632814, 4334800, 2867212, 2641754,
                           2567250, 2553970, 2536350, 2341940, 2222070, 1574054, 1448436, 1358470, 1325638, 1268498,
                           939920, 697662, 516910, 459744, 333490, 224746, 161368, 132138)


def test_the_eu_population_game() -> None:
    game = WeightedGame(EU_POPULATION, 291452117)
    assert banzhaf_swings(game) == EU_SWINGS_BY_THE_TABLES
    total = sum(EU_SWINGS_BY_THE_TABLES)
    assert get_index("banzhaf")(game) == tuple(Fraction(s, total) for s in EU_SWINGS_BY_THE_TABLES)
    by_size = swings_by_size(game)
    assert tuple(sum(row) for row in by_size) == EU_SWINGS_BY_THE_TABLES
    assert sum(get_index("shapley-shubik")(game)) == 1
