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
     "bundle (persons, organizations, memberships): a constitution file has id, name and motions (`whipcount "
     "schema constitution`)"),
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
