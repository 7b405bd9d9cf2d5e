"""An error quotes what it found, but never a whole pasted page: a quoted value past 80 characters is cut
with "…", whichever reader or option it came from; the place, a path however long, and the expectation stay."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError, cut_long_values

LONG = "x" * 5000
CUT = "'" + "x" * 79 + "…'"


def test_a_long_quoted_value_is_cut_and_prose_is_not() -> None:
    assert cut_long_values(f"f.csv:2: column 'left_right': expected a number, got {LONG!r}") == \
        f"f.csv:2: column 'left_right': expected a number, got {CUT}"
    assert cut_long_values(repr("it's " + LONG)) == '"it\'s ' + "x" * 74 + '…"'
    prose = "/d/" + "d" * 4000 + "/s.yaml: the party's seats and the parties' sides: " + "'short' " * 40
    assert cut_long_values(prose) == prose
    listed = "expected an id (letters, '.', '_' and '-', such as pk-na; " + "more words " * 10 + "), got '-pk-na'"
    assert cut_long_values(listed) == listed  # quotes are taken in pairs: '-' is one value, not an opening
    assert str(InterchangeError(f"p.json: x: got {LONG!r}")) == f"p.json: x: got {CUT}"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", ["popolo", "csv", "option", "click"])
def test_no_command_echoes_a_whole_value(run_cli: Callable[..., Any], tmp_path: Path, case: str) -> None:
    out = write(tmp_path, "out.yaml", "id: kept\n")
    if case == "popolo":
        bundle = tmp_path / "pk.json"
        assert run_cli("export", "popolo", "pk-na-2022", "-o", str(bundle)).code == 0
        data = json.loads(bundle.read_text(encoding="utf-8"))
        data["memberships"][3]["start_date"] = LONG
        bundle.write_text(json.dumps(data), encoding="utf-8")
        args = ["import", "popolo", str(bundle), "-o", str(out)]
        said = f"{bundle}:1: memberships[3].start_date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {CUT}"
    elif case == "csv":
        table = write(tmp_path, "t.csv", f"party,seats,side,left_right\nred,5,government,{LONG}\n")
        args = ["import", "csv", str(table), "--rules", "pk-na", "--as-of", "2020-01-01", "-o", str(out)]
        said = f"{table}:2: column 'left_right': expected a number, got {CUT}"
    elif case == "option":
        args = ["tally", "pk-na-2022", "--on", LONG]
        said = f"--on: expected a date as YYYY-MM-DD, today or yesterday, got {CUT}"
    else:
        args = ["outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", LONG]
        said = f"Invalid value for '--yes': expected a whole number from 0 to 100,000, got {CUT}"
    r = run_cli(*args)
    assert r.code == 1 and r.out == ""
    assert r.err == f"error: {said}\n"
    assert out.read_text(encoding="utf-8") == "id: kept\n"


@pytest.mark.parametrize("given", [LONG, "pti:" + "9" * 3000])
def test_a_what_if_option_is_quoted_and_cut(run_cli: Callable[..., Any], given: str) -> None:
    """what-if named the option as given, unquoted, before the party it could not move: a pasted page
    came back whole. Quoted, it is cut as every value is."""
    r = run_cli("what-if", "pk-na-2022", "--switch", given)
    assert r.code == 1 and r.out == ""
    assert len(r.err) < 400 and r.err.startswith("error: what-if --switch '")
    shown = repr(given)
    assert shown[:60] in r.err and shown not in r.err


def test_a_warning_cuts_a_long_value_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A warning (the import goes on) quoted a pasted page whole, as errors did (an OCD voter's name, a
    motion's classification: the readers quote what they found): the import's report cuts it, on standard
    error and in the --json summary alike."""
    from whipcount.cli.interchange import _emit
    from whipcount.io.interchange_base import ImportResult
    from whipcount.io.scenario import load_scenario

    result = ImportResult(load_scenario("pk-na-2022"), (f"v.json: votes[3]: {LONG!r} is not a member of pk-na-2022",))
    _emit(result, str(tmp_path / "out.yaml"), True)
    out, err = capsys.readouterr()
    said = f"v.json: votes[3]: {CUT} is not a member of pk-na-2022"
    assert json.loads(out)["warnings"] == [said]
    assert " ".join(err.split()) == f"warning: {said}"


NUMBER = "9" * 100
CUT_NUMBER = "9" * 79 + "…"


def test_a_long_number_given_back_unquoted_is_cut_and_a_path_is_not() -> None:
    assert cut_long_values(f"s.yaml:9: chamber.seats: at most 100000, got {NUMBER}") == \
        f"s.yaml:9: chamber.seats: at most 100000, got {CUT_NUMBER}"
    assert cut_long_values(f"got -{NUMBER}.") == f"got -{'9' * 78}….", "the sign counts toward the width"
    assert cut_long_values(f"counts {NUMBER} members") == f"counts {CUT_NUMBER} members"
    eighty = "9" * 80
    assert cut_long_values(f"got {eighty}") == f"got {eighty}"
    for kept in (f"/d/{NUMBER}/s.yaml: x", f"{NUMBER}.yaml: x", f"d\\{NUMBER}\\s.yaml", f"id-{NUMBER}", f"x{NUMBER}"):
        assert cut_long_values(kept) == kept


def _popolo_seats(run_cli: Callable[..., Any], tmp_path: Path) -> tuple[list[str], str]:
    bundle = tmp_path / "pk.json"
    assert run_cli("export", "popolo", "pk-na-2022", "-o", str(bundle)).code == 0
    data = json.loads(bundle.read_text(encoding="utf-8"))
    chamber = next(i for i, o in enumerate(data["organizations"]) if "seats" in (o.get("extras") or {}))
    data["organizations"][chamber]["extras"]["seats"] = 10**99
    bundle.write_text(json.dumps(data), encoding="utf-8")
    return (["import", "popolo", str(bundle), "-o", str(tmp_path / "out.yaml")],
            f"{bundle}:1: organizations[{chamber}].extras.seats: expected at most 100,000, "
            f"got 1{'0' * 78}…")


@pytest.mark.parametrize("case", ["scenario", "constitution", "popolo", "option"])
def test_no_command_echoes_a_whole_number(run_cli: Callable[..., Any], tmp_path: Path, case: str) -> None:
    """A count of a hundred digits came back whole ("got 9999...") where a quoted value was cut."""
    if case == "scenario":
        path = write(tmp_path, "s.yaml", f"chamber: {{name: A, rules: pk-na, seats: {NUMBER}, as_of: 2020-01-01}}\n")
        args = ["tally", str(path)]
        said = f"{path}:1: chamber.seats: expected at most 100,000, got {CUT_NUMBER}"
    elif case == "constitution":
        path = write(tmp_path, "c.yaml", f"id: mine\nname: Mine\ncountry: X\nseats: {NUMBER}\nmotions: []\n")
        args = ["rules", "show", str(path)]
        said = f"{path}:4: seats: expected a whole number from 1 to 100,000, got {CUT_NUMBER}"
    elif case == "popolo":
        args, said = _popolo_seats(run_cli, tmp_path)
    else:
        args = ["outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", NUMBER]
        said = f"Invalid value for '--yes': expected a whole number from 0 to 100,000, got {CUT_NUMBER}"
    r = run_cli(*args)
    assert r.code == 1 and r.out == ""
    assert r.err.startswith(f"error: {said}"), r.err
    assert NUMBER[:81] not in r.err


@pytest.mark.parametrize("command", [["import", "popolo"], ["import", "csv", "--rules", "pk-na", "--as-of", "2020-01-01"]])
def test_a_refused_file_on_a_long_path_is_named(run_cli: Callable[..., Any], tmp_path: Path,
                                                command: list[str]) -> None:
    """click quoted the path of a file it refused, and past 80 characters the cut kept the path's start and lost
    the file's name ('.../test_a_refused_fi…' is a directory). The reader names it now, whole, as it names
    every input it refuses."""
    folder = tmp_path / ("deep-" * 12) / "the-case-file.yaml"
    folder.mkdir(parents=True)
    assert len(str(folder)) > 80
    r = run_cli(*command, str(folder))
    assert r.code == 1 and r.out == ""
    kind = "CSV" if "csv" in command else "JSON"
    assert r.err == f"error: {folder}: is a directory, expected a {kind} file\n", r.err
