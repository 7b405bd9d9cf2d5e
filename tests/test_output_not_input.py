"""A command never writes over a file it read: ``import popolo p.json -o p.json`` replaced the bundle with
the scenario, ``export popolo s.yaml -o s.yaml`` a hand-written scenario with JSON, and an export could
replace the constitution file its scenario names. The file is refused by the name given, however it is
reached (the same name, a symbolic link, a hard link), and is left byte for byte as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, write_case
from constitutions import my_parliament
from whipcount.io.limits import remembering_reads
from whipcount.io.outfile import write_text_atomic
from whipcount.io.scenario import load_scenario

Run = Callable[..., CliResult]

SCENARIO = """\
chamber: {name: My Parliament, rules: ./rules.yaml, seats: 101, as_of: 2020-01-01}
parties:
  - {id: red, name: Red, seats: 60, side: government}
  - {id: blue, name: Blue, seats: 41, side: opposition}
motion: {kind: no-confidence, vote: 2020-02-05}
"""


def _refused(result: CliResult, name: str) -> None:
    assert result.code == 1, result.out + result.err
    assert f"error: {name}: cannot write: it is a file this command reads" in result.err
    assert "give another file" in result.err and "Traceback" not in result.err


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_case(tmp_path, my_parliament(), SCENARIO)


@pytest.mark.parametrize("args", [
    ["export", "popolo", "{case}", "-o", "{case}"],
    ["export", "csv", "{case}", "-o", "{case}"],
    ["export", "popolo", "{case}", "-o", "{rules}"],  # the constitution the scenario names
    ["import", "ocd", "{vote}", "--scenario", "{case}", "-o", "{case}"],
    ["import", "ocd", "{vote}", "--scenario", "{case}", "-o", "{vote}"],
])
def test_an_output_that_is_an_input_is_refused_and_left_whole(args: list[str], case: Path, run_cli: Run) -> None:
    folder = case.parent
    vote = folder / "vote.json"
    vote.write_text('{"motion_classification": ["no-confidence"], "counts": [{"option": "yes", "value": 51}]}')
    names = {"case": str(case), "rules": str(folder / "rules.yaml"), "vote": str(vote)}
    args = [a.format(**names) for a in args]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    _refused(run_cli(*args), args[-1])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_an_import_over_its_own_file_is_refused(tmp_path: Path, run_cli: Run) -> None:
    table = tmp_path / "seats.csv"
    table.write_text("party,seats,side\nred,60,government\nblue,41,opposition\n", encoding="utf-8")
    before = table.read_bytes()
    _refused(run_cli("import", "csv", str(table), "--rules", "pk-na", "--as-of", "2020-01-01", "-o", str(table)),
             str(table))
    assert table.read_bytes() == before
    popolo = tmp_path / "p.json"
    assert run_cli("export", "popolo", "pk-na-2022", "-o", str(popolo)).code == 0
    before = popolo.read_bytes()
    _refused(run_cli("import", "popolo", str(popolo), "-o", str(popolo)), str(popolo))
    assert popolo.read_bytes() == before


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_an_input_reached_by_a_link_is_refused_too(link: str, case: Path, run_cli: Run) -> None:
    other = case.parent / "other.yaml"
    (os.symlink if link == "symbolic" else os.link)(case, other)
    before = case.read_bytes()
    result = run_cli("export", "csv", str(case), "-o", str(other))
    _refused(result, str(other))
    assert f"(as {case})" in result.err and case.read_bytes() == before


def test_another_file_is_written(case: Path, run_cli: Run) -> None:
    out = case.parent / "out.json"
    assert run_cli("export", "popolo", str(case), "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")


def test_the_library_writes_where_it_is_told(case: Path) -> None:
    # outside a command nothing is remembered: a program that reads and writes one file may do so
    load_scenario(str(case))
    write_text_atomic(case, "x: 1\n")
    with remembering_reads():
        write_text_atomic(case.parent / "rules.yaml", "y: 2\n")
    assert case.read_text() == "x: 1\n"


@pytest.mark.parametrize(("args", "name"), [
    (["export", "popolo", "{case}", "-o", "{through}"], "case.yaml"),
    (["export", "csv", "{case}", "-o", "{through}"], "case.yaml"),
    (["chart", "{case}", "-o", "{through}"], "chart.svg"),
    (["report", "{case}", "-o", "{through}"], "report.html"),
    (["new", "{through}"], "case.yaml"),
    (["new", "{through}", "--force"], "case.yaml"),
])
def test_a_name_through_a_missing_folder_writes_nothing(args: list[str], name: str, case: Path, run_cli: Run) -> None:
    """``nosuch/../case.yaml`` names no file while ``nosuch`` does not exist (the shell's ``>`` fails), though
    the text, tidied as a string, is ``case.yaml``: read that way, an export wrote over the scenario it read
    and ``new`` over a file without --force."""
    folder = case.parent
    for kept in ("chart.svg", "report.html"):
        (folder / kept).write_text("kept", encoding="utf-8")
    through = str(folder / "nosuch" / ".." / name)
    args = [a.format(case=str(case), through=through) for a in args]
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = run_cli(*args)
    assert result.code == 1, result.out + result.err
    assert f"error: {through}: cannot write: folder {folder / 'nosuch'} does not exist" in result.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
