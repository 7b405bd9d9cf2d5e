"""``import csv|popolo --rules`` takes what a scenario's ``chamber.rules`` takes: a profile id, or the path of a
constitution file (which the scenario written then carries). A value that is neither is refused in one line
that names the option and what it expects, never with a raw pattern.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from constitutions import my_parliament, one_party_case
from whipcount.io.scenario import load_scenario
from whipcount.rules import registry

HERE = Path(__file__).parent / "fixtures" / "interchange"

CONSTITUTION = my_parliament()

SEATS = "party,seats,side\nred,55,government\nblue,40,opposition\ngreen,6,government\n"
NEEDED = 61  # three fifths of 101
PATHS = ["./my-parliament.yaml", "my-parliament.yaml", "rules/my-parliament.yaml", "./rules/../my-parliament.yaml"]
BAD = ["Bad Value", "PK-NA", "pk na", "-pk-na", " pk-na", "rules:pk-na", "x" * 81]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The current folder, holding the constitution (also under rules/) and a seat table."""
    (tmp_path / "rules").mkdir()
    for path in (tmp_path / "my-parliament.yaml", tmp_path / "rules" / "my-parliament.yaml"):
        path.write_text(CONSTITUTION, encoding="utf-8")
    (tmp_path / "seats.csv").write_text(SEATS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    registry._REGISTRY.pop("my-parliament", None)


def _needed(run_cli: Callable[..., Any], scenario: Path) -> int:
    registry._REGISTRY.pop("my-parliament", None)  # as a fresh process: the scenario must carry its rules
    r = run_cli("tally", str(scenario), "--json")
    assert r.code == 0, r.err
    return int(json.loads(r.out)["needed"])


@pytest.mark.parametrize("rules", PATHS)
def test_import_csv_takes_a_constitution_file(run_cli: Callable[..., Any], folder: Path, rules: str) -> None:
    out = folder / "out.yaml"
    r = run_cli("import", "csv", "seats.csv", "--rules", rules, "--as-of", "2024-01-01", "-o", str(out))
    assert r.code == 0, r.err
    sc = load_scenario(out)
    assert sc.chamber.rules == "my-parliament" and [cid for cid, _ in sc.constitutions] == ["my-parliament"]
    assert _needed(run_cli, out) == NEEDED


def test_import_csv_of_a_term_table_takes_a_constitution_file(run_cli: Callable[..., Any], folder: Path) -> None:
    out = folder / "term.yaml"
    r = run_cli("import", "csv", str(HERE / "ep-term-examplia.csv"), "--rules", "./my-parliament.yaml",
                "--seats", "101", "-o", str(out))
    assert r.code == 0, r.err
    assert [cid for cid, _ in load_scenario(out).constitutions] == ["my-parliament"]


def test_import_popolo_takes_a_constitution_file(run_cli: Callable[..., Any], folder: Path) -> None:
    out = folder / "pop.yaml"
    r = run_cli("import", "popolo", str(HERE / "ep-popolo-examplia.json"), "--rules", "./rules/my-parliament.yaml",
                "--term", "term/2", "--seats", "101", "-o", str(out))
    assert r.code == 0, r.err
    sc = load_scenario(out)
    assert sc.chamber.rules == "my-parliament" and [cid for cid, _ in sc.constitutions] == ["my-parliament"]
    assert _needed(run_cli, out) == NEEDED


@pytest.mark.parametrize("rules", PATHS)
def test_a_scenarios_chamber_rules_takes_the_same_paths(run_cli: Callable[..., Any], folder: Path,
                                                        rules: str) -> None:
    path = folder / "s.yaml"
    path.write_text(one_party_case(rules), encoding="utf-8")
    assert load_scenario(path).chamber.rules == "my-parliament"
    assert _needed(run_cli, path) == NEEDED


@pytest.mark.parametrize("command", ["csv", "popolo"])
@pytest.mark.parametrize("rules", BAD)
def test_a_value_that_is_neither_an_id_nor_a_path_is_named_with_what_was_expected(
    run_cli: Callable[..., Any], folder: Path, command: str, rules: str
) -> None:
    source = "seats.csv" if command == "csv" else str(HERE / "ep-popolo-examplia.json")
    r = run_cli("import", command, source, "--rules", rules, "--as-of", "2024-01-01", "-o", "out.yaml")
    assert r.code == 1
    line = r.err.strip()
    assert "\n" not in line and "Traceback" not in line
    assert line.startswith("error: --rules: expected a rules profile id"), line
    assert "or the path of a constitution file" in line and "got '" in line
    assert "pattern" not in line and "[a-z0-9]" not in line
    assert not (folder / "out.yaml").exists()


@pytest.mark.parametrize("rules", BAD[:3])
def test_a_scenario_refuses_the_same_values_in_the_same_words(run_cli: Callable[..., Any], folder: Path,
                                                              rules: str) -> None:
    path = folder / "s.yaml"
    path.write_text(one_party_case(json.dumps(rules)), encoding="utf-8")
    r = run_cli("tally", str(path))
    assert r.code == 1
    assert "s.yaml:1: chamber.rules: expected a rules profile id" in r.err and f"got {rules!r}" in r.err
    assert "pattern" not in r.err


@pytest.mark.parametrize(("rules", "message"), [
    ("nosuch", "error: --rules: unknown rules profile 'nosuch' (known: "),
    ("./nowhere.yaml", "error: --rules: no constitution file './nowhere.yaml' (looked for "),
    ("./bad.yaml", "error: --rules: bad.yaml:7: motions[0].threshold.fraction: expected a fraction above 0 and below 1"),
    ("./taken.yaml", "error: --rules: taken.yaml:1: id: a constitution of your own cannot take the id 'pk-na' of a built-in profile"),
])
def test_a_rules_value_that_names_nothing_usable_is_named(run_cli: Callable[..., Any], folder: Path, rules: str,
                                                          message: str) -> None:
    (folder / "bad.yaml").write_text(CONSTITUTION.replace('"3/5"', "7"), encoding="utf-8")
    (folder / "taken.yaml").write_text(CONSTITUTION.replace("id: my-parliament", "id: pk-na"), encoding="utf-8")
    r = run_cli("import", "csv", "seats.csv", "--rules", rules, "--as-of", "2024-01-01")
    assert r.code == 1
    assert r.err.strip().count("\n") == 0 and r.err.startswith(message), r.err
