"""``--format table|json|csv`` on tally, count, forecast, outcome and power; ``--json`` is ``--format json``."""

from __future__ import annotations

import csv
import io
import json

import pytest

COMMANDS = [("tally", "pk-na-2022"), ("count", "pk-na-2022", "--on", "2022-03-30"),
            ("forecast", "pk-na-2022", "--on", "2022-03-30"), ("outcome", "pk-na-2022"),
            ("power", "pk-na-2022", "--index", "banzhaf")]


def _csv(run_cli, *args: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    r = run_cli(*args, "--format", "csv")
    assert r.code == 0, r.err
    return list(csv.DictReader(io.StringIO(r.out)))


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_json_alias_and_format_json_agree(run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    a, b = run_cli(*args, "--json"), run_cli(*args, "--format", "json")
    assert a.code == b.code == 0
    assert json.loads(a.out) == json.loads(b.out)
    table = run_cli(*args, "--format", "table")
    assert table.code == 0 and table.out == run_cli(*args).out


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_csv_carries_the_number_needed_on_every_row(run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    rows = _csv(run_cli, *args)
    assert rows
    needed = {r.get("needed") or r.get("motion_needed") or r.get("outcome_needed") or r.get("quota") for r in rows}
    assert needed == {"172"}  # the historic record: 172 of 342 (Art. 95(4), Art. 91(4))


def test_tally_csv_matches_json_and_the_record(run_cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("tally", "pk-na-2022", "--json").out)
    rows = _csv(run_cli, "tally", "pk-na-2022")
    assert [r["id"] for r in rows] == [p["id"] for p in data["parties"]]
    assert [int(r["party_seats"]) for r in rows] == [p["seats"] for p in data["parties"]]
    assert {(r["seats"], r["needed"], r["seats_held"], r["vacancies"]) for r in rows} == {("342", "172", "341", "1")}
    assert sum(int(r["party_seats"]) for r in rows) == int(rows[0]["seats_held"]) == 341
    assert int(rows[0]["sides_opposition"]) == data["sides"]["opposition"] == 177  # 174 voted yes on 10 April


def test_power_csv_matches_json(run_cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("power", "pk-na-2022", "--index", "banzhaf", "--json").out)
    rows = _csv(run_cli, "power", "pk-na-2022", "--index", "banzhaf")
    assert [r["player"] for r in rows] == data["players"]
    assert [int(r["weight"]) for r in rows] == data["weights"]
    # 342 seats less the vacancy and the chair (Ayaz Sadiq could not vote); the bar stays 172 of 342
    assert {r["total"] for r in rows} == {"340"} and {r["quota"] for r in rows} == {"172"}
    assert [r["banzhaf_exact"] for r in rows] == [c["exact"] for c in data["indices"]["banzhaf"]]


def test_count_and_forecast_csv_match_json(run_cli) -> None:  # type: ignore[no-untyped-def]
    count = json.loads(run_cli("count", "pk-na-2022", "--on", "2022-03-30", "--json").out)
    rows = _csv(run_cli, "count", "pk-na-2022", "--on", "2022-03-30")
    assert sum(int(r["position_seats"]) for r in rows) == count["seats"] - count["vacancies"]
    assert {r["committed_yes"] for r in rows} == {str(count["committed_yes"])}
    fc = json.loads(run_cli("forecast", "pk-na-2022", "--on", "2022-03-30", "--json").out)
    (row,) = _csv(run_cli, "forecast", "pk-na-2022", "--on", "2022-03-30")
    assert float(row["p_pass"]) == fc["p_pass"] and row["interval"] == f"{fc['interval'][0]};{fc['interval'][1]}"


def test_outcome_csv_has_the_recorded_yes_votes(run_cli) -> None:  # type: ignore[no-untyped-def]
    rows = _csv(run_cli, "outcome", "pk-na-2022")
    first = rows[0]
    assert (first["kind"], first["outcome_yes"], first["outcome_passed"]) == ("no-confidence", "174", "True")
