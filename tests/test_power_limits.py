"""The power tables' limits and arithmetic: how large a table may grow before it is refused by name (and
with what advice), which arithmetic a table gets for the rows it has, and limits on the coalitions listed."""

from __future__ import annotations

import importlib

import pytest

from whipcount.errors import PowerError
from whipcount.power import (
    WeightedGame,
    dp,
    get_index,
    minimum_winning_coalitions,
    shapley_shubik,
    swings_by_size,
)


def test_enumeration_limit_is_a_clear_error() -> None:
    game = WeightedGame([1] * 16, 9)  # C(16, 9) = 11440 minimal winning coalitions
    with pytest.raises(PowerError, match="max_coalitions=1,000"):
        get_index("holler-packel")(game, max_coalitions=1000)


def test_the_reachability_table_s_limit_counts_weights_times_total_plus_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """The table has a row per distinct weight and a column per total from 0 to the whole weight: with a limit
    of 102 cells, 2 weights summing to 50 (2 x 51 cells) are counted and 2 summing to 51 (2 x 52) are refused
    by name; 3 players of 2 weights (a row each) fit where 3 rows would not."""
    module = importlib.import_module("whipcount.power.coalitions")  # the package's name is the function's
    monkeypatch.setattr(importlib.import_module("whipcount.power.types"), "MAX_REACH_CELLS", 102)
    monkeypatch.setattr(module, "MAX_REACH_SUMS", 0)  # the table, not the sets of sums of few players
    assert list(minimum_winning_coalitions(WeightedGame([30, 20], 26))) == [(0,)]
    with pytest.raises(PowerError, match="2 distinct weights x total weight 51 is too large .*limit 102 cells"):
        minimum_winning_coalitions(WeightedGame([30, 21], 26))
    assert sorted(minimum_winning_coalitions(WeightedGame([20, 20, 10], 26))) == [(0, 2), (1, 2)]  # 30 by hand


def test_oversized_exact_table_is_refused_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dp, "MAX_TABLE_BYTES", 1024)
    game = WeightedGame(list(range(1, 40)), 391)
    with pytest.raises(PowerError, match=r"GiB .*use exact=False \(--float\)"):
        shapley_shubik(game)
    monkeypatch.setattr(dp, "MAX_TABLE_BYTES", 2 * 1024**3)
    assert sum(shapley_shubik(game)) == 1


def test_a_dictator_alone_swings_on_the_empty_coalition() -> None:
    """One player holding the quota: the only coalition of others is the empty one, which it turns into a
    winner (a table of a single row)."""
    for method in ("tables", "modular"):
        assert swings_by_size(WeightedGame([5], 5), method=method) == ((1,),)


def test_the_size_table_limit_counts_its_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """[3; 2, 1, 1, 1] (its own dual, so its own table is read): the largest losing coalition has 2
    members, so the table has 3 rows of 3 weights: 72 bytes of int64 cells, built at a limit of 72 and
    refused at 71."""
    from whipcount.power import dp
    from whipcount.power.indices import clear_caches

    game = WeightedGame([2, 1, 1, 1], 3)
    for limit, ok in ((72, True), (71, False)):
        clear_caches()
        monkeypatch.setattr(dp, "MAX_TABLE_BYTES", limit)
        if ok:
            # the 2 swings with any one or two of the 1s; a 1 swings with the 2 or with the two other 1s
            assert swings_by_size(game, method="tables") == ((0, 3, 3, 0), *[(0, 1, 1, 0)] * 3)
        else:
            with pytest.raises(PowerError, match="3 x 1 x 3 int64 cells"):
                swings_by_size(game, method="tables")
    clear_caches()


def test_the_table_s_arithmetic_is_chosen_for_the_rows_it_has(monkeypatch: pytest.MonkeyPatch) -> None:
    """The overflow bound of the limbs is worked out for the table built: one row per size 0..max_size."""
    from whipcount.power import weighted
    from whipcount.power.indices import clear_caches

    seen: list[int] = []
    real = dp.choose_arithmetic

    def spy(n: int, cap: int, *, rows: int = 1, exact: bool = True) -> dp.Arithmetic:
        seen.append(rows)
        return real(n, cap, rows=rows, exact=exact)

    monkeypatch.setattr(dp, "choose_arithmetic", spy)
    clear_caches()
    game = WeightedGame([2, 1, 1, 1], 3)  # the largest losing coalition has 2 members: rows 0, 1, 2
    weighted._table_pivots(game.weights, game.quota, 2, game.n, True)
    assert seen == [3]
    clear_caches()


def test_a_limit_cuts_the_minimum_winning_coalitions() -> None:
    seats = [155, 84, 56, 14, 7, 5, 5, 4, 4, 3, 1, 1, 1, 1]
    game = WeightedGame(seats, 172)
    every = list(minimum_winning_coalitions(game))
    assert len(every) > 1
    assert list(minimum_winning_coalitions(game, limit=1)) == every[:1]
