"""A scenario's motion must be of a kind its rules provide, whatever the rules are: a built-in profile, a
constitution file beside the scenario, or one written in the scenario itself. The last two are registered
only once the scenario's rules references are resolved, and the check once ran before that, so a motion its
own constitution had no rule for surfaced in every later command as "my-parl: no investiture motion in this
profile", with no file, line or field. Now the scenario file's `motion.kind` (or `motions[i].kind`) is named.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from constitutions import my_parliament
from whipcount.errors import ScenarioError
from whipcount.io.scenario import load_scenario
from whipcount.rules import registry

RULES = my_parliament()  # my-parliament: a no-confidence motion only
SCENARIO = """\
chamber: {name: My Parliament, rules: RULES, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 101, side: government}
motion: {kind: KIND, vote: 2024-02-10}
"""
INLINE = "constitutions:\n" + "".join(f"  {'- ' if i == 0 else '  '}{line}\n"
                                      for i, line in enumerate(RULES.splitlines()))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    (tmp_path / "my-parliament.yaml").write_text(RULES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    registry._REGISTRY.pop("my-parliament", None)


def _write(folder: Path, rules: str, kind: str, more: str = "") -> Path:
    path = Path("s.yaml")  # in the current folder, so the messages name it as written
    (folder / path).write_text(SCENARIO.replace("RULES", rules).replace("KIND", kind) + more, encoding="utf-8")
    return path


@pytest.mark.parametrize("rules,more,named", [
    ("my-parliament.yaml", "", "my-parliament (read from my-parliament.yaml)"),
    ("my-parliament", INLINE, "my-parliament")], ids=["a constitution file", "a constitution in the scenario"])
def test_a_kind_the_rules_lack_names_the_field(folder: Path, rules: str, more: str, named: str) -> None:
    """A constitution file is named with the file it was read from (one written in the scenario is the
    scenario's, whose line the error gives already)."""
    with pytest.raises(ScenarioError) as err:
        load_scenario(_write(folder, rules, "investiture", more))
    assert str(err.value) == (f"s.yaml:4: motion.kind: {named} has no investiture motion: expected one "
                              "of no-confidence")


def test_a_further_motion_is_named_by_its_place(folder: Path) -> None:
    more = "motions:\n  - {id: later, kind: pm-election, successor: Someone, vote: 2024-03-01}\n"
    with pytest.raises(ScenarioError, match=r"^s\.yaml:6: motions\[0\]\.kind: my-parliament \(read from "
                                            r"my-parliament\.yaml\) has no pm-election"):
        load_scenario(_write(folder, "my-parliament.yaml", "no-confidence", more))


def test_a_run_off_the_rules_lack_names_the_round(folder: Path) -> None:
    path = _write(folder, "my-parliament.yaml", "no-confidence")
    path.write_text(path.read_text(encoding="utf-8").replace("vote: 2024-02-10", "vote: 2024-02-10, round: 2"),
                    encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"^s\.yaml:4: motion\.round: the no-confidence rule of my-parliament "
                                            r"\(read from my-parliament\.yaml\) has no run-off"):
        load_scenario(path)


def test_every_command_gives_the_same_line(run_cli: Callable[..., Any], folder: Path) -> None:
    path = _write(folder, "my-parliament.yaml", "investiture")
    for command in ("tally", "outcome", "count", "forecast"):
        r = run_cli(command, str(path))
        assert r.code == 1 and r.err.startswith("error: s.yaml:4: motion.kind: "), (command, r.err)


def test_a_kind_the_rules_have_is_read(folder: Path) -> None:
    sc = load_scenario(_write(folder, "my-parliament.yaml", "no-confidence"))
    assert sc.motion is not None and sc.motion.kind == "no-confidence" and sc.chamber.rules == "my-parliament"


def test_an_outcome_rules_override_without_the_kind_names_the_option(run_cli: Callable[..., Any],
                                                                      folder: Path) -> None:
    path = _write(folder, "pk-na", "pm-election")
    path.write_text(path.read_text(encoding="utf-8").replace("seats: 101", "seats: 342").replace(
        "seats: 101", "seats: 342"), encoding="utf-8")
    r = run_cli("outcome", str(path), "--rules", str(folder / "my-parliament.yaml"))
    assert r.code == 1
    assert r.err.startswith("error: --rules: expected rules with a pm-election motion"), r.err


def test_a_scenario_without_a_motion_is_counted_for_a_confidence_only_constitution(
        run_cli: Callable[..., Any], tmp_path: Path) -> None:
    """The README's rule for a scenario without a motion: no-confidence, else its constructive form, else the
    constitution's first motion; a confidence vote needing more than half of 101, 51, is what tally gives."""
    rules = my_parliament().replace("kind: no-confidence", "kind: confidence").replace(
        'fraction: "3/5", strict: false', 'fraction: "1/2", strict: true')
    (tmp_path / "conf.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "case.yaml").write_text(SCENARIO.replace("RULES", "conf.yaml").split("motion:")[0],
                                        encoding="utf-8")
    r = run_cli("tally", str(tmp_path / "case.yaml"), "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert (out["motion"], out["needed"], out["basis"]) == ("confidence", 51, "total")


@pytest.mark.parametrize(("rules", "kind", "said"), [
    ("./my-parliament.yaml", "investiture",
     "error: --motion: my-parliament (read from my-parliament.yaml) has no rule for 'investiture'; expected one of: "
     "no-confidence"),
    ("pk-na", "constructive-no-confidence",
     "error: --motion: pk-na has no rule for 'constructive-no-confidence'; expected one of: no-confidence, "
     "confidence, pm-election"),
    ("./my-parliament.yaml", "no-confidance",
     "error: --motion: unknown motion kind 'no-confidance' (expected one of: no-confidence, "
     "constructive-no-confidence, confidence, investiture, pm-election); did you mean 'no-confidence'?"),
])
def test_outcome_without_a_scenario_names_the_motion_option(run_cli: Callable[..., Any], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch, rules: str, kind: str,
                                                            said: str) -> None:
    """A kind the --rules profile or file has no rule for had been said as 'my-parliament: no investiture motion
    in this profile', naming neither the option nor the file the profile was read from."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-parliament.yaml").write_text(RULES, encoding="utf-8")
    r = run_cli("outcome", "--rules", rules, "--motion", kind, "--yes", "61")
    assert r.code == 1 and r.out == ""
    assert r.err.strip() == said
