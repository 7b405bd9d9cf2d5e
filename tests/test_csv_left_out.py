"""A CSV carries who sits where, never a motion: ``export csv`` says what it leaves out, so a scenario read
back from the CSV (which has no division to judge) is never taken for the same case."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.io.csvio import csv_leaves_out
from whipcount.io.scenario import bundled_scenarios, load_scenario


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_export_csv_warns_of_every_motion_and_division_it_leaves_out(run_cli: Callable[..., Any], tmp_path: Path,
                                                                     name: str) -> None:
    sc = load_scenario(name)
    divisions = sum(1 for m in sc.motions if m.division is not None)
    assert sc.motions  # every bundled case has a motion to lose
    out, back = tmp_path / "t.csv", tmp_path / "t.yaml"
    r = run_cli("export", "csv", name, "-o", str(out))
    assert r.code == 0, r.err
    warning = " ".join(r.err.split())
    assert f"warning: {name}: a CSV holds" in warning
    assert f"left out: {len(sc.motions)} motion(s) with {divisions} recorded division(s)" in warning
    assert "export popolo" in warning
    r = run_cli("import", "csv", str(out), "--rules", sc.chamber.rules, "--as-of", sc.chamber.as_of.isoformat(),
                "-o", str(back))
    assert r.code == 0, r.err
    assert load_scenario(back).motions == ()  # what the warning said: nothing to judge comes back


def test_a_scenario_a_csv_holds_whole_gets_no_warning() -> None:
    sc = load_scenario("pk-na-2022")
    bare = dataclasses.replace(sc, motions=(), stances=(), events=(), members=())
    assert csv_leaves_out(bare) is None
    assert csv_leaves_out(dataclasses.replace(bare, stances=sc.stances)) is not None


def test_a_term_csv_leaves_out_only_the_procedural_events() -> None:
    sc = load_scenario("pk-na-2022")
    bare = dataclasses.replace(sc, motions=(), stances=())
    procedural = sum(1 for e in sc.events if not e.changes_seats)
    assert 0 < procedural < len(sc.events)
    assert (csv_leaves_out(bare, kind="members") or "").endswith(
        f"left out: {procedural} procedural event(s) of the log (`whipcount export popolo` keeps everything)")
    assert f"left out: {len(sc.events)} event(s) of the log" in (csv_leaves_out(bare, kind="seats") or "")


def test_a_seat_table_whipcount_wrote_comes_back_with_its_chamber_and_day(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`export csv` writes the chamber's name and the day its seats hold on; `import csv` reads them back, so
    the round trip needs no --as-of and keeps the name (it came back as 'Legislature'). On 8 March 2022 the
    National Assembly sat 179 with the government and 162 in opposition (The News, as the bundled file cites)."""
    table, back = tmp_path / "pk.csv", tmp_path / "pk.yaml"
    assert run_cli("export", "csv", "pk-na-2022", "-o", str(table)).code == 0
    assert run_cli("import", "csv", str(table), "--rules", "pk-na", "-o", str(back)).code == 0
    sc = load_scenario(back)
    assert (sc.chamber.name, sc.chamber.as_of) == ("National Assembly of Pakistan", dt.date(2022, 3, 8))
    sides = sc.state().sides()
    assert (sides["government"], sides["opposition"]) == (179, 162)
    # two days in one table is refused by name
    text = table.read_text(encoding="utf-8").splitlines()
    text[-1] = text[-1].replace("2022-03-08", "2022-03-09")
    table.write_text("\n".join(text) + "\n", encoding="utf-8")
    bad = run_cli("import", "csv", str(table), "--rules", "pk-na", "-o", str(back))
    assert bad.code != 0 and "column 'seats_as_of': expected one value in every row" in bad.err
