"""Messages in plain words: a day the calendar lacks is named as such, a field refused once is counted once,
a chamber size the profile lacks names the date and what to give, a party an option names that the scenario
does not have is an unknown party with the known ones listed, and what-if keeps its changes in the order
they were typed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MINIMAL, CliResult
from constitutions import my_parliament
from whipcount.errors import ConstitutionFileError, ScenarioError
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text

Run = Callable[..., CliResult]


@pytest.mark.parametrize(("day", "why"), [
    ("2025-02-30", "no such day: February 2025 has 28 days"),
    ("2024-02-30", "no such day: February 2024 has 29 days"),  # a leap year
    ("2025-04-31", "no such day: April 2025 has 30 days"),
    ("2025-13-01", "no such month: 13 (expected 01 to 12)"),
    ("2025-00-10", "no such month: 00 (expected 01 to 12)"),
])
def test_a_day_written_right_that_the_calendar_lacks_says_why(minimal_yaml: str, day: str, why: str,
                                                              run_cli: Run, tmp_path: Path) -> None:
    text = minimal_yaml.replace("date: 2020-02-01", f"date: {day}")
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(load_yaml_text(text, "s.yaml"))
    assert str(exc.value) == f"s.yaml:6: events[0].date: {why}, got '{day}'"
    (tmp_path / "s.yaml").write_text(minimal_yaml, encoding="utf-8")
    r = run_cli("tally", str(tmp_path / "s.yaml"), "--on", day)
    assert (r.code, r.err.strip()) == (1, f"error: --on: {why}, got '{day}'")


def test_a_field_no_branch_of_its_type_takes_is_one_problem() -> None:
    for seats in ("0", "[{seats: 0}]"):
        with pytest.raises(ConstitutionFileError) as exc:
            parse_constitution_text(my_parliament(seats=seats), "m.yaml")
        assert "expected a whole number from 1 to 100,000, got 0" in str(exc.value)
        assert "(and" not in str(exc.value), str(exc.value)
    with pytest.raises(ConstitutionFileError) as exc:  # a second field's problem is still counted
        parse_constitution_text(my_parliament("window: {min_days: -1}", seats="0"), "m.yaml")
    assert str(exc.value).endswith(" (and 1 more)")


def test_a_size_the_profile_lacks_names_the_day_and_the_option(run_cli: Run, tmp_path: Path) -> None:
    rules = tmp_path / "noseats.yaml"
    rules.write_text(my_parliament().replace("seats: 101\n", ""), encoding="utf-8")
    r = run_cli("outcome", "--rules", str(rules), "--motion", "no-confidence", "--yes", "61", "--on", "2024-05-01")
    assert r.code == 1
    assert r.err.strip() == (f"error: my-parliament (read from {rules}): the chamber's size on 2024-05-01 is not in "
                             "the profile (it gives none); give the size with --seats N (seats= in Python)")
    r = run_cli("outcome", "--rules", str(rules), "--motion", "no-confidence", "--yes", "61")
    assert r.code == 1 and "(today) is not in the profile" in r.err and " on today " not in r.err


def test_an_unknown_party_in_an_option_is_called_unknown(run_cli: Run, write_scenario: Callable[[str], Path],
                                                         minimal_yaml: str) -> None:
    path = str(write_scenario(minimal_yaml))
    r = run_cli("forecast", path, "--together", "red,xyz")
    assert (r.code, r.err.strip()) == (1, "error: --together 'red,xyz': unknown party 'xyz' (known: blue, red)")
    r = run_cli("what-if", path, "--switch", "xyz:2")
    assert (r.code, r.err.strip()) == (1, "error: what-if --switch 'xyz:2': unknown party 'xyz' (known: blue, red)")


def test_what_if_keeps_the_order_the_changes_were_typed_in(run_cli: Run, write_scenario: Callable[[str], Path],
                                                          minimal_yaml: str) -> None:
    path = str(write_scenario(minimal_yaml))
    r = run_cli("what-if", path, "--switch", "red:1", "--absent", "blue:1", "--switch=blue:1", "--json")
    assert r.code == 0, r.err
    labels = [run["label"] for run in json.loads(r.out)["runs"]]
    assert labels == ["baseline", "1 of red switch", "1 of blue absent", "1 of blue switch", "all changes"]
    r = run_cli("what-if", path, "--absent", "blue:1", "--switch", "red:1", "--json")
    assert [run["label"] for run in json.loads(r.out)["runs"]][1:3] == ["1 of blue absent", "1 of red switch"]
    r = run_cli("what-if", path, "--abstain", "red:1", "--switch", "red:1", "--abstain=blue:2", "--json")
    assert [run["label"] for run in json.loads(r.out)["runs"]][1:4] == [
        "1 of red abstain", "1 of red switch", "2 of blue abstain"]


@pytest.mark.parametrize(("old", "new", "said"), [
    ("seats: 6, side: government", "seats: -6, side: government", "parties[0].seats: expected at least 0, got -6"),
    ("seats: 11, as_of", "seats: 0, as_of", "chamber.seats: expected more than 0, got 0"),
    ("vote: 2020-02-05}", "vote: 2020-02-05}\nforecast: {swing: 11}", "forecast.swing: expected at most 10, got 11"),
    ("vote: 2020-02-05}", "vote: 2020-02-05}\nforecast: {cohesion: 1.5}",
     "forecast.cohesion: expected at most 1, got 1.5"),
])
def test_a_number_out_of_its_range_says_the_range_plainly(minimal_yaml: str, old: str, new: str,
                                                           said: str) -> None:
    """Not pydantic's "Input should be greater than or equal to 0": the bound, in the readers' words."""
    assert old in minimal_yaml
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(load_yaml_text(minimal_yaml.replace(old, new), "s.yaml"))
    assert str(exc.value).endswith(said) and "Input should" not in str(exc.value), str(exc.value)


@pytest.mark.parametrize(("old", "new", "where", "got"), [
    ('"id": "ann"', '"id": "an\\udc00"', "persons[0].id", "'an\\udc00'"),
    ('"target": "Someone"', '"target": "So\\ud800"', "motions[0].extras.target", "'So\\ud800'"),
])
def test_half_of_a_character_in_json_is_said_plainly(tmp_path: Path, old: str, new: str, where: str,
                                                     got: str) -> None:
    """JSON may escape half of a surrogate pair alone ("\\ud800"), which is no character: pydantic's words
    were 'Input should be a valid string, unable to parse raw data as a unicode string'."""
    from whipcount.errors import InterchangeError
    from whipcount.io.popolo import read_popolo
    from whipcount.io.popolo_export import export_popolo
    from whipcount.io.scenario import load_scenario

    bundle = tmp_path / "b.json"
    scenario = tmp_path / "s.yaml"
    scenario.write_text(MINIMAL.replace("events:", "members:\n  - {id: ann, name: Ann, party: red}\nevents:"),
                        encoding="utf-8")
    text = json.dumps(export_popolo(load_scenario(scenario)))
    assert old in text
    bundle.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        read_popolo(bundle)
    assert str(caught.value) == (f"{bundle}:1: {where}: expected text of whole characters, got {got}: a \\uD800 to "
                                 "\\uDFFF escape alone is half of one")
