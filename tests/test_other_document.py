"""A file of one format named where another is read is said to be that format, with what reads it.

A constitution given to ``tally`` had been refused as ``name: unknown field`` and a scenario given to
``--rules`` (or named in ``chamber.rules``) as ``title: unknown field``, as if one field were misspelt.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from constitutions import my_parliament

SCENARIO = """\
id: own
title: Own
chamber: {name: My Parliament, rules: my-parliament.yaml, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 55, side: government}
  - {id: blue, name: Blue Party, seats: 46, side: opposition}
"""
POPOLO = {"persons": [], "organizations": [], "memberships": []}
OCD = {"motion_text": "No confidence", "start_date": "2024-02-10", "counts": [{"option": "yes", "value": 61}],
       "votes": []}


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-parliament.yaml").write_text(my_parliament(), encoding="utf-8")
    (tmp_path / "case.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "bundle.json").write_text(json.dumps(POPOLO), encoding="utf-8")
    (tmp_path / "vote.json").write_text(json.dumps(OCD), encoding="utf-8")
    (tmp_path / "wrong.yaml").write_text(SCENARIO.replace("my-parliament.yaml", "case.yaml"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("args", "said"), [
    (("tally", "my-parliament.yaml"),
     "error: my-parliament.yaml: expected a scenario (chamber, parties, events), got a constitution (id, name, "
     "motions with thresholds): name it in a scenario's chamber.rules (my-parliament.yaml), or give it to --rules"),
    (("tally", "vote.json"),
     "error: vote.json: expected a scenario (chamber, parties, events), got an Open Civic Data vote event "
     "(motion_text, counts, votes): attach it to a scenario with `whipcount import ocd vote.json --scenario "
     "SCENARIO -o OUT.yaml`"),
    (("rules", "show", "./case.yaml"),
     "error: case.yaml: expected a constitution (id, name, motions with thresholds), got a scenario (chamber, "
     "parties, events): a scenario names its constitution in chamber.rules (a built-in profile's id, `whipcount "
     "rules list`, or a constitution file)"),
    (("outcome", "--rules", "./bundle.json", "--motion", "no-confidence", "--yes", "61"),
     "error: --rules: bundle.json: expected a constitution (id, name, motions with thresholds), got a Popolo "
     "bundle (persons, organizations, memberships): convert it with `whipcount import popolo bundle.json -o "
     "SCENARIO.yaml`"),
])
def test_the_format_found_is_named(files: Path, run_cli, args: tuple[str, ...], said: str) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*args)
    assert r.code == 1 and r.out == ""
    assert r.err.strip() == said


def test_a_scenario_named_as_a_scenarios_constitution(files: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "wrong.yaml")
    assert r.code == 1
    assert r.err.startswith("error: wrong.yaml:3: chamber.rules: ")
    assert "case.yaml: expected a constitution (id, name, motions with thresholds), got a scenario" in r.err


def test_the_files_of_the_right_format_are_read(files: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """The same files, where they belong: nothing above refuses a file for what it is not."""
    assert run_cli("tally", "case.yaml").code == 0
    assert run_cli("rules", "show", "./my-parliament.yaml").code == 0


SEATS_CSV = "party,name,seats,side\nred,Red Party,55,government\nblue,Blue Party,46,opposition\n"
TERM_CSV = "id,name,group_id,group,start_date\np1,Ann Ash,red,Red Party,2024-01-01\n"
CALLS = {"popolo": ("import", "popolo"), "ocd": ("import", "ocd", "--scenario", "case.yaml"),
         "csv": ("import", "csv", "--rules", "./my-parliament.yaml")}
EXPECTED = {"popolo": "a Popolo bundle (persons, organizations, memberships)",
            "ocd": "an Open Civic Data vote event (motion_text, counts, votes)",
            "csv": "a CSV table (a term CSV, a seat table or a ParlGov table)"}
GOT = {"case.yaml": "a scenario (chamber, parties, events): every command that takes a SCENARIO reads it "
                    "(`whipcount tally case.yaml`)",
       "my-parliament.yaml": "a constitution (id, name, motions with thresholds): give it to --rules (`whipcount "
                             "rules show ./my-parliament.yaml`) or name it in a scenario's chamber.rules",
       "bundle.json": "a Popolo bundle (persons, organizations, memberships): convert it with `whipcount import "
                      "popolo bundle.json -o SCENARIO.yaml`",
       "vote.json": "an Open Civic Data vote event (motion_text, counts, votes): attach it to a scenario with "
                    "`whipcount import ocd vote.json --scenario SCENARIO -o OUT.yaml`",
       "seats.csv": "a CSV table (a term CSV, a seat table or a ParlGov table): convert it with `whipcount import "
                    "csv seats.csv --rules ID -o SCENARIO.yaml`",
       "term.csv": "a CSV table (a term CSV, a seat table or a ParlGov table): convert it with `whipcount import "
                   "csv term.csv --rules ID -o SCENARIO.yaml`"}
OWN = {"popolo": "bundle.json", "ocd": "vote.json", "csv": "seats.csv"}


@pytest.fixture
def every_format(files: Path) -> Path:
    (files / "seats.csv").write_text(SEATS_CSV, encoding="utf-8")
    (files / "term.csv").write_text(TERM_CSV, encoding="utf-8")
    return files


@pytest.mark.parametrize(("importer", "given"), [(i, g) for i in sorted(CALLS) for g in sorted(GOT)
                                                 if g != OWN[i] and not (i == "csv" and g == "term.csv")])
def test_each_importer_names_the_format_it_was_given(every_format: Path, run_cli, importer: str,  # type: ignore[no-untyped-def]
                                                     given: str) -> None:
    """A scenario handed to ``import popolo`` had been 'not valid JSON: Expecting value'; a Popolo bundle
    handed to ``import ocd`` 'counts: no count of yes votes'; a scenario handed to ``import csv`` a count of
    cells: each importer now says what the file is and which command reads it."""
    r = run_cli(*CALLS[importer], given, "-o", "out.yaml")
    assert r.code == 1 and r.out == ""
    assert r.err.strip() == f"error: {given}: expected {EXPECTED[importer]}, got {GOT[given]}"
    assert not (every_format / "out.yaml").exists()


@pytest.mark.parametrize("args", [("rules", "show", "./seats.csv"), ("tally", "term.csv"), ("db", "load", "seats.csv"),
                                  ("outcome", "--rules", "./term.csv", "--motion", "no-confidence", "--yes", "61")])
def test_a_csv_named_as_a_scenario_or_a_constitution(every_format: Path, run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    """A CSV handed to a YAML reader had been 'got str' (a constitution) or 'plain text starting ...'."""
    r = run_cli(*args)
    given = "term.csv" if args[0] == "outcome" else args[-1].removeprefix("./")
    assert r.code == 1
    assert f"{given}: expected a" in r.err
    assert r.err.strip().endswith(f"got {GOT[given]}")


def test_a_long_file_is_told_by_its_head(every_format: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A scenario of over a megabyte handed to the Popolo importer is told by its first lines, not parsed."""
    long = SCENARIO + "events:\n" + "".join(
        f"  - {{date: 2024-01-{1 + i % 28:02d}, kind: note, text: 'line {i}'}}\n" for i in range(20_000))
    (every_format / "long.yaml").write_text(long, encoding="utf-8")
    r = run_cli("import", "popolo", "long.yaml", "-o", "out.yaml")
    assert r.code == 1
    assert "long.yaml: expected a Popolo bundle (persons, organizations, memberships), got a scenario" in r.err


def test_the_importers_read_their_own_formats(every_format: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("import", "csv", "seats.csv", "--rules", "./my-parliament.yaml", "--as-of", "2024-01-01",
                   "-o", "a.yaml").code == 0
    assert run_cli("import", "csv", "term.csv", "--rules", "./my-parliament.yaml", "--as-of", "2024-01-01",
                   "-o", "b.yaml").code == 0
    assert run_cli("import", "popolo", "bundle.json", "-o", "c.yaml").code == 1  # its own words: no chamber
    assert "expected a Popolo bundle" not in run_cli("import", "popolo", "bundle.json", "-o", "c.yaml").err
