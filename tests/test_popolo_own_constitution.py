"""A scenario judged under the user's own constitution goes out as Popolo and comes back judged alike.

The bundle carries the constitution under ``extras.constitutions`` (as ``db dump`` and the scenario writer
do), so re-importing it needs neither the constitution file nor the process that registered it. The
constitution asks three fifths of 101 (61), a bar no built-in profile uses, so a figure of 61 shows the
user's rules were applied; its seat count is dated, so the carried text holds a date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from constitutions import my_parliament
from strategies_interchange import states, without_origins
from whipcount.errors import InterchangeError
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.io.scenario import load_scenario
from whipcount.rules import registry

CONSTITUTION = my_parliament(
    "effect: the government resigns",
    seats='[{seats: 101, start: 2020-01-01, end: null, source: "https://example.org/constitution#2"}]',
)

SCENARIO = """\
chamber: {name: My Parliament, rules: RULES, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 55, side: government}
  - {id: blue, name: Blue Party, seats: 40, side: opposition}
  - {id: green, name: Green Party, seats: 6, side: government}
motion:
  kind: no-confidence
  target: Someone
  moved: 2024-02-02
  vote: 2024-02-10
  division: {yes: 58, no: 43, source: "https://example.org/vote"}
"""

NEEDED = 61


def _forget() -> None:
    """What a fresh process knows: no constitution of the user's own is registered."""
    registry._REGISTRY.pop("my-parliament", None)


@pytest.fixture
def own_case(tmp_path: Path) -> Path:
    """The scenario in case/, naming its constitution file by a path (case/rules/my-parliament.yaml)."""
    folder = tmp_path / "case"
    (folder / "rules").mkdir(parents=True)
    (folder / "rules" / "my-parliament.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = folder / "my-case.yaml"
    path.write_text(SCENARIO.replace("RULES", "./rules/my-parliament.yaml"), encoding="utf-8")
    return path


def test_the_bundle_carries_the_constitution_and_reads_back_equal(own_case: Path) -> None:
    original = load_scenario(own_case)
    assert [cid for cid, _ in original.constitutions] == ["my-parliament"]
    data = json.loads(dump_popolo(original))
    (carried,) = data["extras"]["constitutions"]
    assert carried["id"] == "my-parliament" and carried["motions"][0]["threshold"]["fraction"] == "3/5"
    _forget()
    again = import_popolo(data, "bundle.json").scenario
    assert again.constitutions == original.constitutions  # the same text, its date included
    assert without_origins(again) == without_origins(original)
    assert states(again) == states(original)


def test_export_then_import_then_judge_as_a_user_does(run_cli: Callable[..., Any], own_case: Path,
                                                      tmp_path: Path) -> None:
    before = run_cli("outcome", str(own_case), "--json")
    assert before.code == 0, before.err
    elsewhere = tmp_path / "elsewhere"  # no constitution file here: the bundle must carry it
    elsewhere.mkdir()
    bundle, back = elsewhere / "b.json", elsewhere / "b.yaml"
    assert run_cli("export", "popolo", str(own_case), "-o", str(bundle)).code == 0
    _forget()
    imported = run_cli("import", "popolo", str(bundle), "-o", str(back))
    assert imported.code == 0, imported.err
    _forget()
    tally = run_cli("tally", str(back), "--json")
    assert tally.code == 0, tally.err
    assert json.loads(tally.out)["needed"] == NEEDED and json.loads(tally.out)["rules"] == "my-parliament"
    after = run_cli("outcome", str(back), "--json")
    assert after.code == 0, after.err
    assert json.loads(after.out)["motions"] == json.loads(before.out)["motions"]
    assert json.loads(after.out)["motions"][0]["outcome"]["passed"] is False  # 58 of 61 needed


def test_rules_may_name_a_constitution_the_bundle_carries(own_case: Path) -> None:
    data = json.loads(dump_popolo(load_scenario(own_case)))
    _forget()
    sc = import_popolo(data, "bundle.json", rules="my-parliament").scenario
    assert sc.chamber.rules == "my-parliament" and [cid for cid, _ in sc.constitutions] == ["my-parliament"]


def test_a_constitution_file_given_with_rules_replaces_the_one_the_bundle_carries(own_case: Path,
                                                                                  tmp_path: Path) -> None:
    data = json.loads(dump_popolo(load_scenario(own_case)))
    newer = tmp_path / "newer.yaml"
    newer.write_text(CONSTITUTION.replace('"3/5"', '"2/3"'), encoding="utf-8")
    sc = import_popolo(data, "bundle.json", rules=str(newer)).scenario
    (text,) = [t for _, t in sc.constitutions]
    assert "2/3" in text and "3/5" not in text


@pytest.mark.parametrize(("where", "place"), [
    (("organizations", 0, "extras", "rules"), "organizations[0].extras.rules"),
    (("motions", 0, "extras", "rules"), "motions[0].extras.rules"),
])
def test_a_bundle_naming_a_constitution_file_is_refused_and_nothing_is_read(
    own_case: Path, monkeypatch: pytest.MonkeyPatch, where: tuple[Any, ...], place: str
) -> None:
    """A bundle names rules by id: a path in it would be read from wherever the import runs."""
    data = json.loads(dump_popolo(load_scenario(own_case)))
    node = data
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = "./rules/my-parliament.yaml"  # it exists where the import runs: still refused
    monkeypatch.chdir(own_case.parent)
    _forget()
    with pytest.raises(InterchangeError, match=rf"^bundle.json: {re.escape(place)}: expected the id of a rules "
                                               r"profile .*got './rules/my-parliament.yaml'$"):
        import_popolo(data, "bundle.json")
