"""Command-line edge cases a newcomer meets: written files' modes, dates before the
seat counts, repeated what-if changes, files of the wrong kind, motions out of date order."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from whipcount.io.scenario import load_scenario
from whipcount.io.writer import write_text_atomic
from whipcount.tally import count_scenario
from whipcount.tally.whatif import Change, apply_changes

# The UK House of Commons on 28 March 1979: 635 seats; the Opposition's motion of no confidence carried
# 311 to 310. Party figures are illustrative, chosen so that the yes side holds 280 + 13 + 11 = 304.
UK_1979 = """\
id: gb-1979
title: "House of Commons 1979"
chamber: {name: House of Commons, rules: gb-hc, seats: 635, as_of: 1979-03-28}
parties:
  - {id: lab, name: Labour, seats: 306, side: government}
  - {id: con, name: Conservative, seats: 280, side: opposition}
  - {id: lib, name: Liberal, seats: 13, side: opposition}
  - {id: snp, name: SNP, seats: 11, side: opposition}
  - {id: oth, name: Others, seats: 25, side: other}
events: []
motion: {kind: no-confidence, target: James Callaghan, filed: 1979-03-26, vote: 1979-03-28}
division: {date: 1979-03-28, yes: 311, no: 310}
"""


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- written files get the mode any other program would give them (not mkstemp's 0600) -----------------


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize("args", [
    ("export", "popolo", "pk-na-2022", "-o", "{out}.json"),
    ("chart", "pk-na-2022", "-o", "{out}.svg"),
    ("power", "--parlgov", "--country", "NZL", "-o", "{out}.csv"),
])
def test_written_files_are_readable_by_others(run_cli: Callable[..., object], tmp_path: Path,
                                              args: tuple[str, ...]) -> None:
    out = str(tmp_path / "out")
    argv = [a.replace("{out}", out) for a in args]
    res = run_cli(*argv)
    assert res.code == 0, res.err  # type: ignore[attr-defined]
    assert _mode(Path(argv[-1])) == 0o644
    # each says what it wrote on standard output, as every command writing a file does (the ParlGov sweep had
    # said it on standard error), leaving standard error to warnings and notes
    assert argv[-1] in " ".join(res.out.split()) and "wrote" not in res.err  # type: ignore[attr-defined]


def test_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "kept.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert _mode(target) == 0o640


def test_power_csv_into_a_missing_folder_is_one_line_and_writes_nothing(run_cli: Callable[..., object],
                                                                        tmp_path: Path) -> None:
    out = tmp_path / "nowhere" / "x.csv"
    res = run_cli("power", "--parlgov", "--country", "NZL", "-o", str(out))
    assert res.code == 1  # type: ignore[attr-defined]
    err = res.err  # type: ignore[attr-defined]
    assert "folder" in err and "does not exist" in err and err.count("\n") == 1
    assert not out.parent.exists()


# -- outcome --on before the seat counts hold: an error, as in tally (not the as_of seats shown as that day's)


def test_outcome_on_a_date_before_the_seat_counts_is_an_error(run_cli: Callable[..., object]) -> None:
    res = run_cli("outcome", "pk-na-2022", "--on", "2022-03-01", "--json")
    assert res.code == 1  # type: ignore[attr-defined]
    assert res.out == ""  # type: ignore[attr-defined]
    assert "--on: pk-na-2022: expected a date on or after 2022-03-08" in res.err  # type: ignore[attr-defined]


def test_outcome_on_the_filing_day_still_works(run_cli: Callable[..., object]) -> None:
    res = run_cli("outcome", "pk-na-2022", "--on", "2022-03-08", "--json")
    assert res.code == 0  # type: ignore[attr-defined]
    motion = json.loads(res.out)["motions"][0]  # type: ignore[attr-defined]
    # 8 March 2022: government 179, opposition 162 (The News's count), one seat vacant
    assert motion["sides"]["government"] == 179 and motion["sides"]["opposition"] == 162


# -- what-if: the same party named twice ---------------------------------------------------------------


def test_what_if_the_same_party_twice_adds_up(write_scenario: Callable[..., Path],
                                              run_cli: Callable[..., object]) -> None:
    path = write_scenario(UK_1979)
    res = run_cli("what-if", str(path), "--absent", "con:5", "--absent", "con:15", "--switch", "lab:2",
                  "--switch", "lab:3", "--json")
    assert res.code == 0, res.err  # type: ignore[attr-defined]
    runs = {r["label"]: r for r in json.loads(res.out)["runs"]}  # type: ignore[attr-defined]
    assert runs["baseline"]["committed_yes"] == 304
    # 20 Conservatives away, 5 Labour members cross: 304 - 20 + 5
    assert runs["all changes"]["committed_yes"] == 289


def test_apply_changes_merges_repeated_changes_into_one_bloc(write_scenario: Callable[..., Path]) -> None:
    count = count_scenario(load_scenario(write_scenario(UK_1979)))
    after = apply_changes(count, [Change("absent", "con", 5), Change("absent", "con", 15)])
    keys = [p.key for p in after.positions]
    assert len(keys) == len(set(keys))
    by_key = {p.key: p for p in after.positions}
    assert by_key["con~absent"].seats == 20 and by_key["con"].seats == 260
    assert sum(p.seats for p in after.positions) == 635


# -- a file of the wrong kind given as a scenario --------------------------------------------------------


def test_a_csv_given_as_a_scenario_says_so(run_cli: Callable[..., object], tmp_path: Path) -> None:
    path = tmp_path / "seats.csv"
    path.write_text("party,seats,side\npti,155,government\n", encoding="utf-8")
    res = run_cli("tally", str(path))
    assert res.code == 1  # type: ignore[attr-defined]
    err = res.err  # type: ignore[attr-defined]
    assert "got a CSV table" in err and "whipcount import csv" in err and "got str" not in err


def test_a_popolo_bundle_given_as_a_scenario_says_so(run_cli: Callable[..., object], tmp_path: Path) -> None:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps({"persons": [], "organizations": [], "memberships": []}), encoding="utf-8")
    res = run_cli("count", str(path))
    assert res.code == 1  # type: ignore[attr-defined]
    assert "Popolo bundle" in res.err and "whipcount import popolo" in res.err  # type: ignore[attr-defined]


# -- a motion's dates out of order ------------------------------------------------------------------------


def test_a_vote_before_the_motion_is_moved_is_an_error_at_its_line(write_scenario: Callable[..., Path],
                                                                    run_cli: Callable[..., object]) -> None:
    text = UK_1979.replace("filed: 1979-03-26, vote: 1979-03-28", "filed: 1979-03-26, vote: 1979-03-20")
    path = write_scenario(text)
    res = run_cli("outcome", str(path))
    assert res.code == 1  # type: ignore[attr-defined]
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("motion:"))
    assert f"scenario.yaml:{line}: motion: vote 1979-03-20 is before filed 1979-03-26" in res.err  # type: ignore[attr-defined]


@pytest.mark.parametrize(("args", "hint"), [
    (("forcast", "pk-na-2022"), "Did you mean `whipcount forecast`?"),
    (("export", "pk-na-2022"), "`whipcount export` takes one of: csv, popolo"),
    (("db", "mine.yaml"), "`whipcount db` takes one of: dump, load"),
    (("zzz",), "See `whipcount --help` for the commands."),
])
def test_a_command_the_group_lacks_is_answered_with_what_it_has(run_cli, args: tuple[str, ...], hint: str) -> None:  # type: ignore[no-untyped-def]
    # a newcomer's first guesses: a typo, and a scenario where a group wants its command first
    r = run_cli(*args)
    assert r.code == 1 and r.out == ""
    assert "No such command" in r.err and hint in " ".join(r.err.split())
