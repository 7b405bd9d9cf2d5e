"""``coalitions --kind connected`` stops at the member bound the other kinds stop at: where the first ``--limit``
coalitions would name more than 100,000 players (30,000 players of one seat at a bare majority: 50 runs of 15,001
had printed 750,050 names), each is given by its ends along the order, how many players it takes and its weight,
with a line saying why; a smaller listing, or ``--limit 0``, still names the members.

Truth by hand: with quota 15,001 over 30,000 players of weight 1 in their own order, the minimal connected
winning coalitions are the runs of 15,001 neighbours, the k-th from player k to player k + 15,000."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from whipcount.cli.power_types import MAX_LISTED_MEMBERS

PLAYERS = ["1"] * 30_000
ARGS = ("coalitions", "--quota", "15001", "--kind", "connected")


def test_past_the_bound_the_runs_are_given_by_their_ends(run_cli: Callable[..., Any]) -> None:
    assert 7 * 15_001 > MAX_LISTED_MEMBERS
    r = run_cli(*ARGS, "--limit", "7", *PLAYERS)
    assert r.code == 0, r.err
    assert len(r.out) < 5_000  # not 105,007 names
    text = " ".join(r.out.split())
    assert "members not listed: the first 7 coalitions would name more than 100,000 players" in text
    for k in range(1, 8):
        assert f"│ {k} │ P{k} │ P{k + 15_000} │ 15,001 │ 15001 │" in text
    assert "│ 8 │" not in text and "first 7 shown" in text


def test_json_gives_the_runs_and_no_members(run_cli: Callable[..., Any]) -> None:
    r = run_cli(*ARGS, "--json", *PLAYERS)  # the default --limit, 50
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["coalitions"] == [] and out["members_listed"] is False
    assert out["runs"] == [{"first": f"P{k}", "last": f"P{k + 15_000}", "players": 15_001, "weight": 15_001}
                           for k in range(1, 51)]


def test_runs_follow_the_order_given() -> None:
    from whipcount.cli.power_runs import runs
    from whipcount.power import WeightedGame

    # by hand: along C, A, B, D with weights A=1, B=1, C=2, D=1 and quota 3, the minimal connected winning runs
    # are C+A (3) and A+B+D (3); B+D (2) loses, C+A+B is not minimal (C+A wins without B)
    game = WeightedGame([1, 1, 2, 1], 3, names=["A", "B", "C", "D"])
    got = [(r.first, r.last, r.players, r.weight) for r in runs(game, [2, 0, 1, 3], 0)]
    assert got == [("C", "A", 2, 3), ("A", "D", 3, 3)]


def test_within_the_bound_the_members_are_listed(run_cli: Callable[..., Any]) -> None:
    out = json.loads(run_cli(*ARGS, "--limit", "6", "--json", *PLAYERS).out)  # 90,006 names: few enough
    assert out["members_listed"] is True and "runs" not in out
    assert [c["members"][0] for c in out["coalitions"]] == [f"P{k}" for k in range(1, 7)]
    assert all(len(c["members"]) == 15_001 for c in out["coalitions"])
    small = json.loads(run_cli("coalitions", "--quota", "3", "--names", "L,C,R", "--kind", "connected", "--json",
                               "2", "1", "2").out)
    assert small["members_listed"] is True and [c["members"] for c in small["coalitions"]] == [["L", "C"],
                                                                                             ["C", "R"]]
