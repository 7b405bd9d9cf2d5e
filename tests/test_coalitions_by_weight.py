"""Coalitions of games whose players share weights, counted by how many players of each weight they take:
held against brute force over every coalition of small games with repeated weights (an independent truth),
and a game of 30,000 players of one seat against the closed form C(30000, q), where ``--kind minimum`` had
been refused as too large for its table."""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from whipcount.cli import power_types
from whipcount.power import WeightedGame, minimal_winning_coalitions, minimum_winning_coalitions, winning_coalitions
from whipcount.power import types as types_module
from whipcount.power.types import coalition_types, weight_types

KINDS = ("winning", "minimal", "minimum")
LISTED = {"winning": winning_coalitions, "minimal": minimal_winning_coalitions, "minimum": minimum_winning_coalitions}


def _brute(weights: list[int], quota: int) -> dict[str, list[tuple[int, ...]]]:
    """Every coalition, tested against the definitions: wins; loses without any member; weighs least."""
    n = len(weights)
    weigh = lambda s: sum(weights[i] for i in s)  # noqa: E731
    win = [s for mask in range(1 << n) if weigh(s := tuple(i for i in range(n) if mask >> i & 1)) >= quota]
    minimal = [s for s in win if all(weigh(s) - weights[i] < quota for i in s)]
    least = min(weigh(s) for s in win)
    return {"winning": win, "minimal": minimal, "minimum": [s for s in minimal if weigh(s) == least]}


def _load(text: str) -> Any:
    """A document whose counts have thousands of digits (Python reads them only when told to)."""
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return json.loads(text)
    finally:
        sys.set_int_max_str_digits(before)


def _game(seed: int) -> WeightedGame:
    rng = random.Random(seed)
    kinds = [rng.randint(0, 9) for _ in range(rng.randint(1, 3))]
    weights = [rng.choice(kinds) for _ in range(rng.randint(1, 11))]
    if sum(weights) == 0:
        weights[0] = 1
    return WeightedGame(weights, rng.randint(1, sum(weights)), proper=False)


@pytest.mark.parametrize("sums", [True, False])
@pytest.mark.parametrize("block", range(4))
def test_kinds_by_weight_are_the_coalitions_brute_force_finds(block: int, sums: bool,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if not sums:  # the table of a column per total weight, where the sets of sums would be used
        monkeypatch.setattr(types_module, "MAX_REACH_SUMS", 0)
    for seed in range(block * 100, block * 100 + 100):
        game = _game(seed)
        truth = _brute(list(game.weights), game.quota)
        for kind in KINDS:
            types = weight_types(game, skip_zero=kind != "winning")
            want = Counter(tuple(sum(1 for i in s if game.weights[i] == w) for w in types.weights) for s in truth[kind])
            got = list(coalition_types(game, kind))
            assert {t.counts: t.number for t in got} == dict(want), (seed, kind)
            assert len(got) == len(want), (seed, kind)  # each kind once
            assert all(t.weight == sum(w * c for w, c in zip(types.weights, t.counts, strict=True)) for t in got)
            assert sorted(LISTED[kind](game)) == sorted(truth[kind]), (seed, kind)


def test_thirty_thousand_equal_players_have_c_30000_q_minimum_winning_coalitions() -> None:
    game = WeightedGame([1] * 30_000, 15_001)
    (only,) = coalition_types(game, "minimum")
    assert only.counts == (15_001,) and only.weight == 15_001 and only.number == math.comb(30_000, 15_001)
    first = next(iter(minimum_winning_coalitions(game)))
    assert len(first) == 15_001 == len(set(first))


@pytest.mark.parametrize("kind", KINDS)
def test_the_command_counts_thirty_thousand_equal_players_by_weight(run_cli: Callable[..., Any], kind: str) -> None:
    quota = 29_990 if kind == "winning" else 20_000
    r = run_cli("coalitions", "--quota", str(quota), "--kind", kind, "--json", *["1"] * 30_000)
    assert r.code == 0, r.err
    out = _load(r.out)
    by = out["by_weight"]
    assert by["weights"] == [1] and by["players"] == [30_000] and out["coalitions"] == []
    assert by["members_listed"] is False
    if kind == "winning":  # every size from the quota to all 30,000
        assert by["kinds"] == 11 and by["coalitions"] == sum(math.comb(30_000, k) for k in range(quota, 30_001))
    else:
        assert by["kinds"] == 1 and by["coalitions"] == math.comb(30_000, quota)
        assert by["types"] == [{"counts": [quota], "weight": quota, "coalitions": math.comb(30_000, quota)}]


def test_the_table_says_the_kinds_and_why_the_members_are_not_listed(run_cli: Callable[..., Any]) -> None:
    r = run_cli("coalitions", "--quota", "15001", "--kind", "minimum", *["1"] * 30_000)
    assert r.code == 0, r.err
    text = " ".join(r.out.split())
    assert "15,001 of the 30,000 of weight 1" in text and "1 kind of coalition, ≈3.6578e+9028 coalitions" in text
    assert "members not listed: the coalitions to list would name 750,050 players, more than 100,000" in text


def test_a_small_listing_of_a_large_game_still_names_its_members(run_cli: Callable[..., Any]) -> None:
    # 2 coalitions of 15,001 members name 30,002 players: few enough to list
    r = run_cli("coalitions", "--quota", "15001", "--kind", "minimum", "--limit", "2", "--json", *["1"] * 30_000)
    out = _load(r.out)
    assert [len(c["members"]) for c in out["coalitions"]] == [15_001, 15_001] and out["truncated"] is True
    assert out["by_weight"]["members_listed"] is True


def test_minimum_kinds_of_few_players_of_large_weights() -> None:
    # by hand: 3e20 alone loses at 5e20; 3e20 with a 2e20 wins at 5e20, the least any winning coalition weighs
    big = 10**20
    (only,) = coalition_types(WeightedGame([3 * big, 2 * big, 2 * big], 5 * big), "minimum")
    assert only.counts == (1, 1) and only.weight == 5 * big and only.number == 2


def test_distinct_weights_and_connected_coalitions_have_no_kinds_by_weight(run_cli: Callable[..., Any]) -> None:
    assert json.loads(run_cli("coalitions", "--quota", "51", "49", "48", "3", "--json").out)["by_weight"] is None
    connected = run_cli("coalitions", "--quota", "3", "1", "1", "1", "1", "--kind", "connected", "--json")
    assert json.loads(connected.out)["by_weight"] is None


def test_past_the_kinds_it_counts_the_number_is_not_given(run_cli: Callable[..., Any],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # by hand: 3 of weight 2 and 3 of weight 1 at quota 5 have 3 minimal winning kinds (2+1+1+1, 2+2+1 and
    # 2+2+2, each losing without any member); a limit of 2 kinds leaves them uncounted
    monkeypatch.setattr(power_types, "MAX_KINDS", 2)
    args = ("coalitions", "--quota", "5", "2", "2", "2", "1", "1", "1", "--limit", "1")
    by = json.loads(run_cli(*args, "--json").out)["by_weight"]
    assert by["kinds"] is None and by["coalitions"] is None and len(by["types"]) == 1
    monkeypatch.setattr(power_types, "MAX_LISTED_MEMBERS", 0)
    text = " ".join(run_cli(*args).out.split())
    assert "more than 2 kinds of coalition: not counted" in text and "members not listed" in text
