"""``whipcount coalitions SCENARIO`` says which scenario, motion and day it lists, and on what its quota and
players rest, as ``power`` does; and it weighs whole parties with ``--by party`` as ``power`` does. Its list
had been titled with the quota alone (the same title on 27 March and 9 April 2022, as allies left), and it
took no ``--by``. Checked against the seats ``whipcount tally`` gives on each day.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest

from conftest import CliResult


@pytest.mark.parametrize("day", ["2022-03-27", "2022-04-09"])
def test_the_list_names_its_scenario_day_and_quota(run_cli: Callable[..., CliResult], day: str) -> None:
    tally = json.loads(run_cli("tally", "pk-na-2022", "--on", day, "--json").out)
    result = run_cli("coalitions", "pk-na-2022", "--on", day, "--limit", "3")
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert f"(pk-na-2022, no-confidence, {day})" in text
    assert " ".join(tally["explanation"].split()) in text  # what the quota rests on, as the tally says it
    assert "players are" in text


@pytest.mark.parametrize("day", ["2022-03-27", "2022-04-09"])
def test_by_party_weighs_each_party_s_seats_as_the_tally_counts_them(
    run_cli: Callable[..., CliResult], day: str
) -> None:
    tally = json.loads(run_cli("tally", "pk-na-2022", "--on", day, "--json").out)
    result = run_cli("coalitions", "pk-na-2022", "--on", day, "--by", "party", "--kind", "minimal", "--limit", "0",
                     "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["by"] == "party"
    seats = {p["id"]: p["seats"] for p in tally["parties"] if p["id"] != "independent"}
    weights = dict(zip(data["players"], data["weights"], strict=True))
    assert {k: v for k, v in weights.items() if not k.startswith("independent#")} == seats
    assert sum(data["weights"]) == tally["seats_held"] and data["quota"] == tally["needed"]
    # every minimal winning coalition, by enumeration over the 17 players (independents one seat each)
    names, ws, quota = data["players"], data["weights"], data["quota"]
    expected = sorted(
        sorted(names[i] for i in c)
        for k in range(1, len(names) + 1) for c in combinations(range(len(names)), k)
        if sum(ws[i] for i in c) >= quota and sum(ws[i] for i in c) - min(ws[i] for i in c) < quota
    )
    assert sorted(sorted(c["members"]) for c in data["coalitions"]) == expected
    power = json.loads(run_cli("power", "pk-na-2022", "--on", day, "--by", "party", "--index", "bz", "--json").out)
    assert (power["players"], power["weights"]) == (data["players"], data["weights"])  # the same game


@pytest.mark.parametrize(("kind", "title"), [
    ("winning", "winning coalitions, quota 3 of 4"),  # had been 'winning winning coalitions'
    ("minimal", "minimal winning coalitions, quota 3 of 4"),
    ("minimum", "minimum winning coalitions, quota 3 of 4"),
    ("connected", "minimal connected winning coalitions, quota 3 of 4"),  # Axelrod's: minimal along the order
])
def test_each_kind_is_titled_by_what_it_lists(run_cli: Callable[..., CliResult], kind: str, title: str) -> None:
    result = run_cli("coalitions", "--quota", "3", "2", "1", "1", "--kind", kind)
    assert result.code == 0, result.err
    assert " ".join(result.out.split()).startswith(title)
    assert "winning winning" not in result.out


def test_one_party_on_two_sides_sits_there(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    """The scenario ``whipcount new`` writes splits Party C (two of its five seats join the opposition): one
    party 'sits' on two sides; two parties (BAP, PML-Q on 9 April 2022) 'sit'."""
    case = tmp_path / "case.yaml"
    assert run_cli("new", str(case)).code == 0
    tally = json.loads(run_cli("tally", str(case), "--json").out)
    split = [p["short"] for p in tally["parties"] if len([n for n in p["by_side"].values() if n]) > 1]
    assert split == ["C"]
    for command in ("power", "coalitions"):
        text = " ".join(run_cli(command, str(case)).out.split())
        assert "(C sits on two sides)" in text, command
    two = " ".join(run_cli("power", "pk-na-2022", "--on", "2022-04-09", "--index", "bz").out.split())
    assert "(BAP, PML-Q sit on two sides)" in two
