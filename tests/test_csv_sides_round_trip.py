"""A term CSV keeps who sits on which side: a member who crosses the floor, and the members of a party that
changes sides, come back from ``export csv`` and ``import csv`` on every day. The CSV had no side, so an
import put everyone on their party's side as of the start: the floor-crossing and the party's change were
lost while the export warned only of the motion it left out.

The truth each day is the scenario itself (its replayed event log), counted seat by seat by hand below.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from whipcount.io.csvio import import_csv, term_csv
from whipcount.io.scenario import load_scenario

SCENARIO = """\
id: small
title: Small
chamber: {name: Small House, rules: pk-na, seats: 9, as_of: 2024-01-01, sides: [government, opposition, other]}
parties:
  - {id: red, name: Red, seats: 4, side: government}
  - {id: blue, name: Blue, seats: 3, side: opposition}
  - {id: green, name: Green, seats: 2, side: other}
members:
  - {id: r1, name: R One, party: red}
  - {id: r2, name: R Two, party: red}
  - {id: r3, name: R Three, party: red}
  - {id: r4, name: R Four, party: red}
  - {id: b1, name: B One, party: blue}
  - {id: b2, name: B Two, party: blue}
  - {id: b3, name: B Three, party: blue}
  - {id: g1, name: G One, party: green}
  - {id: g2, name: G Two, party: green}
  - {id: n1, name: N New, party: blue, seated: false}
events:
  - {date: 2024-02-01, kind: defect, party: red, members: [r1], to: opposition}
  - {date: 2024-02-10, kind: resign, party: blue, members: [b3]}
  - {date: 2024-03-01, kind: by-election, party: blue, members: [n1]}
  - {date: 2024-03-05, kind: leave-party, party: green, members: [g1]}
  - {date: 2024-03-06, kind: switch-side, party: green, to: government}
"""

# (government, opposition, other) by hand, from 2024-01-01: red 4 / blue 3 / green 2
BY_HAND = {
    dt.date(2024, 1, 15): (4, 3, 2),
    dt.date(2024, 2, 1): (3, 4, 2),  # r1 crosses the floor
    dt.date(2024, 2, 10): (3, 3, 2),  # b3 resigns
    dt.date(2024, 3, 1): (3, 4, 2),  # n1 elected for blue
    dt.date(2024, 3, 5): (3, 4, 2),  # g1 leaves green, an independent on the same side
    dt.date(2024, 3, 6): (4, 4, 1),  # green (g2 alone) goes over to the government
    dt.date(2024, 6, 1): (4, 4, 1),
}
SIDES = ("government", "opposition", "other")


def _sides(counts: dict[str, int]) -> tuple[int, ...]:
    return tuple(counts.get(side, 0) for side in SIDES)


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def test_the_scenario_itself_is_what_was_counted_by_hand(scenario_file: Path) -> None:
    scenario = load_scenario(scenario_file)
    assert {day: _sides(scenario.state(day).sides()) for day in BY_HAND} == BY_HAND


def test_sides_come_back_from_a_term_csv_on_every_day(scenario_file: Path) -> None:
    text = term_csv(load_scenario(scenario_file))
    back = import_csv(text, "small.csv", rules="pk-na", as_of=dt.date(2024, 1, 1), seats=9,
                      sides={"red": "government", "blue": "opposition", "green": "other",
                             "independent": "other"}).scenario
    assert {day: _sides(back.state(day).sides()) for day in BY_HAND} == BY_HAND


def test_the_commands_round_trip_and_the_warning_leaves_out_only_the_motion(
        scenario_file: Path, tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    table, again = tmp_path / "small.csv", tmp_path / "again.yaml"
    exported = run_cli("export", "csv", str(scenario_file), "-o", str(table))
    assert exported.code == 0, exported.err
    # no motion, no stance: only the chamber's size and its as_of day are lost, given back below
    assert "left out: the chamber's size and the day its seats hold (read it back with --seats 9 --as-of " \
           "2024-01-01) (`whipcount export popolo` keeps everything)" in exported.err
    header = table.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert "side" in header
    imported = run_cli("import", "csv", str(table), "--rules", "pk-na", "--as-of", "2024-01-01", "--seats", "9",
                       "--side", "red=government", "--side", "blue=opposition", "--side", "green=other",
                       "--side", "independent=other", "-o", str(again))
    assert imported.code == 0, imported.err
    back = load_scenario(again)
    assert {day: _sides(back.state(day).sides()) for day in BY_HAND} == BY_HAND


def test_a_side_column_in_someone_else_s_csv_is_read(tmp_path: Path) -> None:
    """A member recorded on the government's side while her party is in opposition, from the start, and a
    second member moving over on 1 March: Blue's two seats are one on each side, then both the government's."""
    text = ("id,name,group,start_date,end_date,side\n"
            "a,Ann,Blue,,,government\n"
            "b,Bob,Blue,,2024-03-01,\n"
            "b,Bob,Blue,2024-03-01,,government\n"
            "c,Cy,Red,,,\n")
    back = import_csv(text, "theirs.csv", rules="pk-na", as_of=dt.date(2024, 1, 1), seats=3,
                      sides={"blue": "opposition", "red": "government"}).scenario
    assert _sides(back.state(dt.date(2024, 2, 1)).sides()) == (2, 1, 0)
    assert _sides(back.state(dt.date(2024, 3, 1)).sides()) == (3, 0, 0)


def test_a_party_wholly_on_another_side_lists_only_that_side() -> None:
    """Both of Green's members sit with the government while Green is put in opposition: its seats by side
    are the government's two, with no side of 0 seats beside them."""
    text = ("id,name,group,start_date,end_date,side\n"
            "a,Ann,Green,,,government\n"
            "b,Bob,Green,,,government\n"
            "c,Cy,Red,,,\n")
    back = import_csv(text, "theirs.csv", rules="pk-na", as_of=dt.date(2024, 1, 1), seats=3,
                      sides={"green": "opposition", "red": "government"}).scenario
    (green,) = [p for p in back.parties if p.id == "green"]
    assert dict(green.by_side) == {"government": 2}
    assert _sides(back.state(dt.date(2024, 1, 1)).sides()) == (3, 0, 0)


def test_the_sides_come_back_without_side_options(scenario_file: Path, tmp_path: Path,
                                                  run_cli: Callable[..., CliResult]) -> None:
    """Every row of the term CSV says its side, so the parties' sides need no --side: Red with the
    government, Blue in opposition, Green on neither side, on every day counted by hand."""
    table, again = tmp_path / "small.csv", tmp_path / "again.yaml"
    assert run_cli("export", "csv", str(scenario_file), "-o", str(table)).code == 0
    rows = table.read_text(encoding="utf-8").splitlines()[1:]
    assert all(row.rsplit(",", 1)[1] in SIDES for row in rows), rows
    imported = run_cli("import", "csv", str(table), "--rules", "pk-na", "--as-of", "2024-01-01", "--seats", "9",
                       "-o", str(again))
    assert imported.code == 0 and "no side given" not in imported.err, imported.err
    back = load_scenario(again)
    assert {p.id: p.side for p in back.parties if p.id != "independent"} == {
        "red": "government", "blue": "opposition", "green": "other"}
    assert {day: _sides(back.state(day).sides()) for day in BY_HAND} == BY_HAND


def test_a_side_given_by_some_rows_only_says_nothing_of_the_party() -> None:
    """Ann sits with the government, Bob's row gives no side: Blue's own side is not known from the file,
    so it takes --default-side (with the warning), and Ann alone sits apart."""
    text = ("id,name,group,start_date,end_date,side\n"
            "a,Ann,Blue,,,government\n"
            "b,Bob,Blue,,,\n")
    result = import_csv(text, "theirs.csv", rules="pk-na", as_of=dt.date(2024, 1, 1), seats=2,
                        default_side="opposition")
    (blue,) = [p for p in result.scenario.parties if p.id == "blue"]
    assert blue.side == "opposition" and dict(blue.by_side) == {"opposition": 1, "government": 1}
    assert any("no side given for blue" in w for w in result.warnings)
