"""The enumerating indices count their coalitions first (a table of the quota's size) and refuse a game past
``max_coalitions`` before listing any; a game within the limit is listed as before."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings

from limited import GIB, run_limited
from strategies_power import weighted_games
from whipcount.power import WeightedGame
from whipcount.power.coalitions import count_minimal_winning, count_vulnerable
from whipcount.power.indices import TooManyCoalitions, deegan_packel, holler_packel, johnston


def _brute(game: WeightedGame) -> tuple[int, int]:
    """Minimal winning and vulnerable coalitions of ``game``, counted over every subset."""
    minimal = vulnerable = 0
    for k in range(1, game.n + 1):
        for s in combinations(range(game.n), k):
            w = sum(game.weights[i] for i in s)
            if w < game.quota:
                continue
            minimal += all(w - game.weights[i] < game.quota for i in s)
            vulnerable += any(w - game.weights[i] < game.quota for i in s)
    return minimal, vulnerable


@settings(max_examples=150, deadline=None)
@given(weighted_games(max_players=9))
def test_the_counts_are_those_of_every_subset(game):
    minimal, vulnerable = _brute(game)
    assert count_minimal_winning(game, 10**9) == minimal
    assert count_vulnerable(game, 10**9) == vulnerable
    assert count_minimal_winning(game, 3) == min(minimal, 3)


def test_a_game_just_within_the_limit_is_listed_and_one_past_it_refused():
    game = WeightedGame([1] * 12, 7)  # C(12, 7) = 792 minimal winning coalitions, each of 7 members
    assert holler_packel(game, max_coalitions=792) == tuple([holler_packel(game)[0]] * 12)
    assert deegan_packel(game, max_coalitions=792)[0] == pytest.approx(1 / 12)
    with pytest.raises(TooManyCoalitions, match="more than max_coalitions=791"):
        holler_packel(game, max_coalitions=791)
    vulnerable = sum(1 for k in (7,) for _ in combinations(range(12), k))  # only the 7s lose a member's worth
    assert johnston(game, max_coalitions=vulnerable)[0] == pytest.approx(1 / 12)
    with pytest.raises(TooManyCoalitions, match="vulnerable coalitions"):
        johnston(game, max_coalitions=vulnerable - 1)


@pytest.mark.parametrize("index", ["hp", "dp", "jn"])
def test_a_game_of_2_to_the_1000_coalitions_is_refused_from_the_count(index):
    res = run_limited("power", "--index", index, "--quota", "501", *["1"] * 1000, limit=GIB, timeout=300)
    assert res.returncode == 1 and "Traceback" not in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "more than max_coalitions=1,000,000" in res.stderr
