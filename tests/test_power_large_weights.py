"""Games whose weights are large against the table they are counted in: a player weighing more than the
counted quota (``10**20`` beside a quota whose dual is small) had overflowed the tables' int64 with a
traceback, and a game whose own quota is huge but whose dual's is small (a unanimity game weighted by
population) had been refused as too large for Shapley–Shubik. Held against an enumeration over every
coalition and every joining order written here, and against the unanimity game's values by hand
(every player is pivotal in the orders where it comes last: ``1/n`` each, Banzhaf ``1/n`` too).
"""

from __future__ import annotations

import json
import math
from fractions import Fraction
from itertools import combinations, permutations

import pytest

from whipcount.cli.main import main
from whipcount.power import WeightedGame, banzhaf, compiled, minimum_winning_coalitions, penrose, shapley_shubik
from whipcount.power.indices import clear_caches
from whipcount.power.weighted import weighted_swings, weighted_swings_by_size

METHODS = ["tables", "modular", *(["compiled"] if compiled.available() else [])]
BIG = 10**20  # above int64's 9.2e18


def brute_swings(weights: list[int], quota: int) -> list[int]:
    """Coalitions of the others each player turns from losing to winning, over every coalition."""
    n = len(weights)
    out = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        out.append(sum(1 for k in range(n) for s in combinations(others, k)
                       if sum(weights[j] for j in s) < quota <= sum(weights[j] for j in s) + weights[i]))
    return out


def brute_shapley_shubik(weights: list[int], quota: int) -> list[Fraction]:
    """The share of the ``n!`` joining orders in which each player brings the coalition to the quota."""
    pivots = [0] * len(weights)
    for order in permutations(range(len(weights))):
        total = 0
        for i in order:
            total += weights[i]
            if total >= quota:
                pivots[i] += 1
                break
    return [Fraction(p, math.factorial(len(weights))) for p in pivots]


GAMES = [
    ([BIG, BIG, BIG, 1, 1], 3 * BIG + 2),  # unanimity of the giants and the two ones: the dual's quota is 1
    ([BIG, 5, 3, 2, 1, 1], BIG + 8),  # the giant and 8 of the 12 others; the dual's quota is 5
    ([2**63, 2**63, 7, 1], 2**64 + 6),
]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("weights", "quota"), GAMES)
def test_a_weight_above_int64_is_counted_as_brute_force(weights: list[int], quota: int, method: str) -> None:
    clear_caches()
    game = WeightedGame(weights, quota)
    assert list(weighted_swings(game, True, method).swings) == brute_swings(weights, quota)  # type: ignore[arg-type]
    by_size = weighted_swings_by_size(game, True, method)  # type: ignore[arg-type]
    assert [sum(row) for row in by_size] == brute_swings(weights, quota)


@pytest.mark.parametrize(("weights", "quota"), GAMES)
def test_indices_of_a_game_with_weights_above_int64(weights: list[int], quota: int) -> None:
    clear_caches()
    game = WeightedGame(weights, quota)
    swings = brute_swings(weights, quota)
    assert list(banzhaf(game)) == [Fraction(s, sum(swings)) for s in swings]
    assert list(penrose(game)) == [Fraction(s, 2 ** (len(weights) - 1)) for s in swings]
    assert list(shapley_shubik(game)) == brute_shapley_shubik(weights, quota)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("weights", "quota"), [([3, 1, 1, 2, 5, 4, 1], 16), ([6, 0, 2, 2, 9], 18), ([4, 4, 4, 2, 2, 1], 12)])
def test_pivots_by_size_read_from_the_dual_are_the_games(weights: list[int], quota: int, method: str) -> None:
    """Near unanimity the dual's table is the smaller: every size's pivots still match the orders."""
    clear_caches()
    game = WeightedGame(weights, quota)
    n = len(weights)
    by_size = weighted_swings_by_size(game, True, method)  # type: ignore[arg-type]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        expected = [sum(1 for s in combinations(others, k)
                        if sum(weights[j] for j in s) < quota <= sum(weights[j] for j in s) + weights[i])
                    for k in range(n)]
        assert list(by_size[i]) == expected, (i, method)


def test_a_unanimity_game_weighted_by_population_gives_one_in_n() -> None:
    """27 members weighted by population (Eurostat, 1 January 2023), every one needed: the dual's table
    has one cell where the game's own would have 26 rows of 448 million cells."""
    population = [84358845, 68070697, 58850717, 48059777, 36753736, 19051562, 17811291, 11754004, 10827529,
                  10521556, 10467366, 10394055, 9597085, 9104772, 6447710, 5932654, 5563970, 5428792, 5194336,
                  3850894, 2857279, 2116792, 1883008, 1365884, 920701, 660809, 542051]
    game = WeightedGame(population, sum(population))
    assert list(shapley_shubik(game)) == [Fraction(1, 27)] * 27
    assert list(banzhaf(game)) == [Fraction(1, 27)] * 27


def test_the_command_line_weighs_a_player_above_int64(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["power", "--quota", str(BIG), str(BIG), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["indices"]["banzhaf"] == [{"exact": "1", "value": 1.0}]  # a dictator holds all the power
    assert data["swings"] == [1]


def brute_minimum(weights: list[int], quota: int) -> list[tuple[int, ...]]:
    """Riker's minimum winning coalitions by enumeration: the winning coalitions of the least weight
    (players of weight 0 left out: with them a coalition is not minimal)."""
    n = len(weights)
    winning = [s for k in range(n + 1) for s in combinations(range(n), k)
               if sum(weights[i] for i in s) >= quota and all(weights[i] for i in s)]
    least = min(sum(weights[i] for i in s) for s in winning)
    return sorted(s for s in winning if sum(weights[i] for i in s) == least)


@pytest.mark.parametrize(("weights", "quota"), [
    ([3 * BIG, 2 * BIG, 2 * BIG], 5 * BIG),  # three players: a table of 7e20 columns had been refused
    ([BIG, 5, 3, 2, 1, 1, 0], BIG + 8),
    ([84358845, 68070697, 58850717, 48059777, 36753736, 19051562, 17811291, 11754004], 227_000_000),
    ([4, 4, 4, 2, 2, 1], 12),  # EEC 1958: the table's route, as before
])
def test_minimum_winning_coalitions_of_few_players_of_large_weights(weights: list[int], quota: int) -> None:
    game = WeightedGame(weights, quota)
    assert sorted(minimum_winning_coalitions(game)) == brute_minimum(weights, quota)


def test_the_command_line_lists_minimum_coalitions_of_large_weights(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["coalitions", "--quota", str(5 * BIG), str(3 * BIG), str(2 * BIG), str(2 * BIG),
                 "--names", "A,B,C", "--kind", "minimum", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [c["members"] for c in json.loads(out)["coalitions"]] == [["A", "B"], ["A", "C"]]


@pytest.mark.parametrize("kind", ["winning", "minimal"])  # minimum's reach table is its own, bounded, cost
def test_the_first_coalitions_of_many_players_take_memory_in_their_number(kind: str) -> None:
    """5,000 members of one seat each at a majority of 2,501: a search had copied the members chosen so far
    at every step, so its stack held some 3 million player numbers (25 MB; 100,000 players took 12 GB and
    74 s for the first two coalitions). Each coalition listed is a majority of distinct members."""
    import tracemalloc

    from whipcount.power import coalitions

    game = WeightedGame([1] * 5000, 2501)
    tracemalloc.start()
    try:
        first = list(coalitions(game, kind, limit=2))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(first) == 2 and all(len(set(c)) == len(c) >= 2501 for c in first)
    if kind == "minimal":
        assert all(len(c) == 2501 for c in first)  # exactly a majority
    assert peak < 8 * 2**20, peak


def test_a_unanimity_game_weighted_by_population_in_floats_too() -> None:
    """The same game with --float: its own table was refused as too large in floats too ('use fewer
    players'); its dual's has one cell."""
    population = [84358845, 68070697, 58850717, 48059777, 36753736, 19051562, 17811291, 11754004, 10827529,
                  10521556, 10467366, 10394055, 9597085, 9104772, 6447710, 5932654, 5563970, 5428792, 5194336,
                  3850894, 2857279, 2116792, 1883008, 1365884, 920701, 660809, 542051]
    game = WeightedGame(population, sum(population))
    assert shapley_shubik(game, exact=False) == pytest.approx([1 / 27] * 27, rel=1e-12)
