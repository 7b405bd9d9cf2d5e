"""A value of the wrong type is said in the readers' words, in every reader: what was expected and what the
file (or the request) wrote, never pydantic's "Input should be a valid string" or "got None" (a YAML or
JSON file writes null), nor a model's class name ("a valid dictionary or instance of Organization")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from test_web_api import PK, _app, client, store  # noqa: F401
from whipcount import load_scenario
from whipcount.errors import WhipcountError
from whipcount.io.constitution import load_constitution_file
from whipcount.storage import Store

SCENARIO = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: {name}, seats: {seats}, side: government}}
  - {{id: blue, name: Blue, seats: 5, side: opposition}}
"""

# (what the file writes, what the error says it is): by hand, as YAML and JSON write them
WRONG = [("null", "null"), ("[1]", "a list"), ("{a: 1}", "a mapping"), ("true", "true")]


@pytest.mark.parametrize(("value", "said"), WRONG)
def test_a_scenario_file_says_what_it_expected_and_what_it_found(tmp_path: Path, value: str, said: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(name=value, seats=6), encoding="utf-8")
    with pytest.raises(WhipcountError) as text:
        load_scenario(path)
    assert str(text.value) == f"{path}:3: parties[0].name: expected text, got {said}"
    path.write_text(SCENARIO.format(name="Red", seats=value), encoding="utf-8")
    with pytest.raises(WhipcountError) as number:
        load_scenario(path)
    got = str(number.value)
    assert got.startswith(f"{path}:3: parties[0].seats: expected a whole number, got ") and said in got, got


def test_a_scenario_file_with_null_for_its_list(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text("chamber: {name: T, rules: pk-na, seats: 11, as_of: 2020-01-01}\nparties: ~\n", encoding="utf-8")
    with pytest.raises(WhipcountError, match=r"case.yaml:2: parties: expected a list \[...\], got null$"):
        load_scenario(path)


def test_a_constitution_file_too(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("id: c\nname: [C]\ncountry: X\nseats: 101\nmotions: []\n", encoding="utf-8")
    with pytest.raises(WhipcountError) as err:
        load_constitution_file(path)
    assert "name: expected text, got a list" in str(err.value) and "Input should" not in str(err.value)


@pytest.mark.parametrize(("persons", "message"), [
    (None, "persons: expected a list [...], got null"),
    ({"a": 1}, "persons: expected a list [...], got a mapping"),
    ([None], "persons[0]: expected a mapping {...}, got null"),
    ([{"id": "a", "name": ["x"]}], "persons[0].name: expected text, got a list"),
])
def test_a_popolo_file_too(run_cli: Any, tmp_path: Path, persons: Any, message: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"persons": persons, "organizations": [], "memberships": []}), encoding="utf-8")
    r = run_cli("import", "popolo", str(path), "--rules", "pk-na", "-o", str(tmp_path / "x.yaml"))
    assert r.code != 0 and message in r.err and "instance of" not in r.err and "got None" not in r.err, r.err


def test_the_web_api_too_and_never_echoes_a_password(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": ["party:pti"], "stance": "no", "version": 0})
    assert r.status_code == 422 and "subject: expected text, got a list" in r.text, r.text
    login = c.post("/api/login", json={"username": "alice", "password": 123456789012})
    assert login.status_code in (401, 422) and "123456789012" not in login.text


def test_text_that_is_no_id_is_said_as_what_an_id_is(tmp_path: Path) -> None:
    """Not the pattern's regular expression ("String should match pattern '^[a-z0-9][a-z0-9._-]*$'")."""
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(name="Red", seats=6).replace("id: red", "id: Red Party"), encoding="utf-8")
    with pytest.raises(WhipcountError) as err:
        load_scenario(path)
    assert str(err.value) == (f"{path}:3: parties[0].id: expected an id: lower-case letters, digits, '.', '_' or "
                              "'-', a letter or digit first, at most 80 characters, got 'Red Party'")
