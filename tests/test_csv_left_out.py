"""A CSV carries who sits where, never a motion: ``export csv`` says what it leaves out, so a scenario read
back from the CSV (which has no division to judge) is never taken for the same case."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
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
    bare = dataclasses.replace(sc, motions=(), stances=(), events=(), members=(), key_dates=(), sources=(),
                               unverified=(), description="",
                               chamber=dataclasses.replace(sc.chamber, sources=(), note=None, verified=True),
                               parties=tuple(dataclasses.replace(p, sources=(), note=None, verified=True)
                                             for p in sc.parties))
    assert csv_leaves_out(bare) is None
    assert csv_leaves_out(dataclasses.replace(bare, stances=sc.stances)) is not None


def test_a_term_csv_leaves_out_only_the_procedural_events() -> None:
    sc = load_scenario("pk-na-2022")
    bare = dataclasses.replace(sc, motions=(), stances=())
    procedural = sum(1 for e in sc.events if not e.changes_seats)
    assert 0 < procedural < len(sc.events)
    said = csv_leaves_out(bare, kind="members") or ""
    assert f"left out: {procedural} procedural event(s) of the log, " in said
    assert " event(s) of the log" not in said.replace(" procedural event(s) of the log", "")
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


HANDMADE = """\
id: small
title: Small
description: Two parties and two named members.
chamber: {name: Small House, rules: pk-na, seats: 3, as_of: 2024-01-01, sources: [https://example.org/house]}
parties:
  - {id: red, name: Red, seats: 2, side: government, colour: '#cc0000', note: the larger party}
  - {id: blue, name: Blue, seats: 1, side: opposition, verified: false}
members:
  - {id: ann, name: Ann, party: red, sources: [https://example.org/ann, https://example.org/ann-2]}
  - {id: bob, name: Bob, party: red, note: seated late, verified: false}
  - {id: cy, name: Cy, party: blue}
key_dates:
  - {date: 2024-02-01, label: budget}
"""


@pytest.mark.parametrize(("kind", "said"), [
    # by hand from HANDMADE: a seat table has no member, no note, source or mark of any kind
    ("seats", "left out: 3 named member(s), 1 source(s), 1 note(s), 1 unverified mark(s), 1 key date(s), "
              "the description"),
    # a term CSV keeps the members' seats, not Red's colour, nor any note, source or mark
    # (nor the chamber's 3 seats and its as_of date, which the import is told how to take back)
    ("members", "left out: the chamber's size and the day its seats hold (read it back with --seats 3 "
                "--as-of 2024-01-01), the colour, short name, left-right place or ids of 1 part(ies), 3 source(s), "
                "2 note(s), 2 unverified mark(s), 1 key date(s), the description"),
])
def test_the_warning_names_the_members_notes_sources_and_marks_a_csv_has_no_column_for(
        tmp_path: Path, kind: str, said: str) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(HANDMADE, encoding="utf-8")
    warning = csv_leaves_out(load_scenario(path), kind=kind) or ""
    assert said + " (`whipcount export popolo` keeps everything)" in warning


VACANT = """\
chamber: {name: Small House, rules: pk-na, seats: 4, as_of: 2024-01-01}
parties:
  - {id: red, name: Red, seats: 2, side: government}
  - {id: blue, name: Blue, seats: 2, side: opposition}
members:
  - {id: ann, name: Ann, party: red}
  - {id: bob, name: Bob, party: red}
  - {id: cy, name: Cy, party: blue}
  - {id: dee, name: Dee, party: blue}
  - {id: eve, name: Eve, party: blue, seated: false}
events:
  - {date: 2024-02-01, kind: resign, party: blue, members: [cy]}
  - {date: 2024-03-01, kind: by-election, party: blue, members: [eve]}
"""


@pytest.mark.parametrize("on", [None, "2024-02-15"])
def test_a_term_csv_read_back_as_the_warning_says_is_the_same_chamber(tmp_path: Path, run_cli, on) -> None:  # type: ignore[no-untyped-def]
    # four seats, one vacant from 1 February to 1 March: read back with the options the warning names,
    # every day has the sides, seats and vacancy it had (by hand, on 15 February: Red's 2 with the
    # government, Blue's 1 in opposition, 1 vacant); a CSV of one day (--on) holds that day
    src, table, back = tmp_path / "v.yaml", tmp_path / "v.csv", tmp_path / "back.yaml"
    src.write_text(VACANT, encoding="utf-8")
    r = run_cli("export", "csv", str(src), "--kind", "members", "-o", str(table), *(("--on", on) if on else ()))
    assert r.code == 0, r.err
    said = re.search(r"read it back with (--seats \d+) (--as-of \S+)\)", r.err)
    assert said is not None, r.err
    options = [*said.group(1).split(), *said.group(2).split()]
    assert options == ["--seats", "4", "--as-of", on or "2024-01-01"]
    read = run_cli("import", "csv", str(table), "--rules", "pk-na", *options, "-o", str(back))
    assert read.code == 0 and "warning" not in read.err, read.err  # every row says its side
    again, first = load_scenario(back), load_scenario(src)
    for day in ("2024-02-15",) if on else ("2024-01-01", "2024-02-15", "2024-03-01"):
        a, b = again.state(dt.date.fromisoformat(day)), first.state(dt.date.fromisoformat(day))
        assert (a.seats, a.vacancies, a.sides()) == (b.seats, b.vacancies, b.sides()), day
    mid = again.state(dt.date(2024, 2, 15))
    assert (mid.seats, mid.vacancies, mid.sides()) == (4, 1, {"government": 2, "opposition": 1, "other": 0})
