"""CSVs of many dates stack.  ``whipcount tally SCENARIO --on DATE --format csv`` has the same header on every
day of every bundled scenario (a side a party, or the whole chamber, has left is still a column, 0), so a
data desk can concatenate a scenario's days with ``csv.DictReader`` or ``pandas.concat``; and every cell is
the value ``tally --json`` gives that day. The columns are checked against the scenario file read by hand:
every side the chamber has (``chamber.sides``, else government, opposition, other) in the file's order, for
the seats per side, each party's seats per side, and the margins of the government and the opposition.
``count``, ``forecast`` and ``outcome`` change their JSON's shape with where the motion stands (a count, or
the recorded result once voted); their CSVs too have one header over every day, each JSON value in the cell
its path names (``motion_status_recorded_passed``), where the motion stands under ``motion_status_*`` on
every day.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
import yaml

from conftest import CliResult
from hand_replay import days_to_check
from whipcount.io.scenario import bundled_scenarios

BUNDLED = sorted(bundled_scenarios())


def _bundled(sid: str) -> dict[str, Any]:
    text = resources.files("whipcount.data.scenarios").joinpath(f"{sid}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _flat(prefix: str, value: Any) -> dict[str, Any]:
    """A JSON object's scalars by path (``a_b``), lists of scalars kept whole."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            out |= _flat(f"{prefix}_{k}" if prefix else k, v)
        return out
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return {}
    return {prefix: value}


def _cell(value: Any) -> str:
    """A JSON value as the CSV writes it: nothing for null, a list joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


@pytest.mark.parametrize("sid", BUNDLED)
def test_tally_csvs_of_every_day_stack_under_one_header(sid: str, run_cli: Callable[..., CliResult]) -> None:
    data = _bundled(sid)
    sides = list(data["chamber"].get("sides") or ["government", "opposition", "other"])
    headers, stacked = set(), []
    for day in days_to_check(data):
        r = run_cli("tally", sid, "--on", day.isoformat(), "--format", "csv")
        assert r.code == 0, r.err
        reader = csv.DictReader(io.StringIO(r.out))
        headers.add(tuple(reader.fieldnames or ()))
        stacked.append((day, list(reader), json.loads(run_cli("tally", sid, "--on", day.isoformat(), "--json").out)))
    assert len(headers) == 1, f"{sid}: {len(headers)} different headers over {len(stacked)} days"
    [header] = headers
    for prefix in ("sides_", "by_side_"):
        assert [h.removeprefix(prefix) for h in header if h.startswith(prefix)] == sides, (sid, prefix)
    assert [h.removeprefix("margins_") for h in header if h.startswith("margins_")] == [
        s for s in sides if s in ("government", "opposition")], sid
    for day, rows, tally in stacked:
        assert [row["id"] for row in rows] == [p["id"] for p in tally["parties"]], (sid, day)
        for row, party in zip(rows, tally["parties"], strict=True):
            assert row["date"] == day.isoformat()
            for side in sides:
                assert row[f"sides_{side}"] == str(tally["sides"][side]), (sid, day, side)
                assert row[f"by_side_{side}"] == str(party["by_side"][side]), (sid, day, party["id"], side)
            for side, margin in tally["margins"].items():
                assert row[f"margins_{side}"] == _cell(margin), (sid, day, side)
            assert row["party_seats"] == str(party["seats"]) == str(sum(party["by_side"].values()))
            for key in ("seats", "vacancies", "seats_held", "needed", "basis", "motion", "notes"):
                assert row[key] == _cell(tally[key]), (sid, day, key)


def test_an_empty_side_keeps_its_keys_in_the_json(run_cli: Callable[..., CliResult], write_scenario) -> None:  # type: ignore[no-untyped-def]
    """Every party leaves the government on one day: the government's seats are 0 and its margin is the whole
    number needed short (0 - 6 of 11 seats), and each party still lists every side, 0 where it has none."""
    path = write_scenario("""\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
  - {date: 2020-02-01, kind: switch-side, party: red, to: other, source: "https://example.org/a"}
""")
    data = json.loads(run_cli("tally", str(path), "--on", "2020-02-01", "--json").out)
    assert data["sides"] == {"government": 0, "opposition": 5, "other": 6}
    assert data["margins"] == {"government": 0 - 6, "opposition": 5 - 6}
    assert [p["by_side"] for p in data["parties"]] == [{"government": 0, "opposition": 0, "other": 6},
                                                        {"government": 0, "opposition": 5, "other": 0}]


@pytest.mark.parametrize("sid", BUNDLED)
@pytest.mark.parametrize("command", ["count", "forecast", "outcome"])
def test_the_csvs_of_a_motion_s_every_stage_stack(command: str, sid: str, run_cli: Callable[..., CliResult]) -> None:
    headers = set()
    for day in days_to_check(_bundled(sid)):
        r = run_cli(command, sid, "--on", day.isoformat(), "--format", "csv")
        assert r.code == 0, r.err
        reader = csv.DictReader(io.StringIO(r.out))
        headers.add(tuple(reader.fieldnames or ()))
        rows = list(reader)
        data = json.loads(run_cli(command, sid, "--on", day.isoformat(), "--json").out)
        if command == "outcome":
            assert len(rows) == len(data["motions"])
            wanted = [_flat("", {"scenario": data["scenario"], "on": data["on"], **m}) for m in data["motions"]]
        else:
            assert len(rows) == max(1, len(data.get("positions", [])))
            if "motion_status" not in data:  # the motion is not pending: where it stands, alone
                data = {"scenario": data["scenario"], "date": data["date"],
                        "motion_status": {k: data[k] for k in ("status", "text", "recorded")}}
            wanted = [_flat("", {k: v for k, v in data.items() if k != "positions"})] * len(rows)
        for row, values in zip(rows, wanted, strict=True):
            assert row["motion_status_status" if command != "outcome" else "id"], (sid, day)
            for path, value in values.items():
                if value is None and path not in row:  # an object left out: its columns are there, empty
                    assert any(c.startswith(f"{path}_") for c in row), (command, sid, day, path)
                    assert [c for c in row if c.startswith(f"{path}_") and row[c]] == [], (command, sid, day, path)
                    continue
                assert row[path] == _cell(value), (command, sid, day, path)
    assert len(headers) == 1, f"{command} {sid}: {len(headers)} different headers"


OWN_SIDES = """\
chamber: {name: Test House, rules: gb-hc, seats: 11, as_of: 2020-01-01, sides: [coalition, crossbench, opposition]}
parties:
  - {id: red, name: Red Party, seats: 6, side: coalition}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
motion: {kind: no-confidence, target: Someone, filed: 2020-01-20, vote: 2020-02-05}
division: {date: 2020-02-05, yes: 5, no: 6}
"""


def test_a_chamber_s_own_side_names_are_the_columns_on_every_day(
        run_cli: Callable[..., CliResult], write_scenario) -> None:  # type: ignore[no-untyped-def]
    """Sides named by the scenario (coalition, crossbench, opposition) head the ``sides_*`` columns before the
    vote, when the motion's sides are listed, and after it, when no row names a side: one header over the days,
    not the default government, opposition, other on the day of the result."""
    path = write_scenario(OWN_SIDES)
    headers = set()
    for day in ("2020-01-25", "2020-02-05", "2020-03-01"):
        r = run_cli("outcome", str(path), "--on", day, "--format", "csv")
        assert r.code == 0, r.err
        header = tuple(csv.DictReader(io.StringIO(r.out)).fieldnames or ())
        assert [c for c in header if c.startswith("sides_")] == ["sides_coalition", "sides_crossbench",
                                                                 "sides_opposition"], day
        headers.add(header)
    assert len(headers) == 1
    # compare: the sides of both chambers, each chamber's own in its order
    r = run_cli("compare", str(path), "pk-na-2022", "--format", "csv")
    assert r.code == 0, r.err
    reader = csv.DictReader(io.StringIO(r.out))
    assert [c for c in reader.fieldnames or () if c.startswith("sides_")] == [
        "sides_coalition", "sides_crossbench", "sides_opposition", "sides_government", "sides_other"]
    mine = [row for row in reader if row["compared"] == "A"]
    assert [(row["sides_coalition"], row["sides_opposition"], row["sides_government"]) for row in mine] == [
        ("6", "5", "")] * 2
