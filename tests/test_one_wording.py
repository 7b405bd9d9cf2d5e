"""A problem pydantic finds is said in the same words wherever it is met: a scenario or constitution file,
a Popolo or OCD file, the historic votes, the web API's request body. Each expected message below is
written out by hand, as a reader of the docs would expect it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from conftest import make_web_store
from whipcount.errors import InputError, ScenarioError
from whipcount.io.historic import parse_historic
from whipcount.io.plain_words import problem_words
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.storage import Store
from whipcount.web.app import create_app

PASSWORD = "correct horse battery staple"


class _Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="x", max_length=5)
    seats: int = Field(default=1, ge=0)
    kind: Literal["yes", "no"] = "yes"
    on: dt.date = dt.date(2020, 1, 1)
    either: int | list[int] = 0


def _words(data: dict[str, Any], **kw: Any) -> str:
    with pytest.raises(ValidationError) as exc:
        _Sample.model_validate(data)
    return problem_words(exc.value.errors()[0], "sample", **kw)


@pytest.mark.parametrize(("data", "expected"), [
    ({"colour": "red"}, "unknown field (check its spelling against the sample schema)"),
    ({"seats": "many"}, "expected a whole number, got 'many'"),
    ({"seats": -3}, "expected at least 0, got -3"),
    ({"kind": "maybe"}, "Input should be 'yes' or 'no', got 'maybe'"),
    ({"name": "abcdefgh"}, "expected at most 5 characters, got 8"),
    ({"on": "2020-04-02T10:30:00"}, "expected a date as YYYY-MM-DD, got '2020-04-02T10:30:00'"),
    ({"either": "x"}, "expected a whole number, got 'x'"),
])
def test_each_kind_of_problem_in_words(data: dict[str, Any], expected: str) -> None:
    assert _words(data) == expected


def test_a_day_found_is_given_back_as_the_file_wrote_it() -> None:
    """Not ``datetime.date(2020, 4, 2)``: YAML reads a day as a date, and a date in a text field is the day."""
    assert _words({"name": dt.date(2020, 4, 2)}) == "expected text, got 2020-04-02"
    assert _words({"on": dt.datetime(2020, 4, 2, 10, 30)}) == "expected a date as YYYY-MM-DD, got 2020-04-02T10:30:00"


def test_a_scenario_gives_a_day_in_a_text_field_back_as_written() -> None:
    text = ("chamber: {name: 2020-04-02, rules: pk-na, seats: 5, as_of: 2020-01-01}\n"
            "parties:\n  - {id: a, name: A, seats: 5, side: government}\n")
    with pytest.raises(ScenarioError) as exc:
        parse_scenario(load_yaml_text(text, "s.yaml"))
    assert str(exc.value) == "s.yaml:1: chamber.name: expected text, got 2020-04-02"


def test_text_found_is_cut_to_the_callers_width_and_a_secret_is_never_given_back() -> None:
    assert _words({"kind": "m" * 100}, width=10) == "Input should be 'yes' or 'no', got 'mmmmmmmmm…'"
    assert _words({"seats": "hunter2"}, echo=False) == "expected a whole number"
    assert _words({"name": "hunter2hunter2"}, echo=False) == "expected at most 5 characters, got 14"


VOTE = ("version: 1\nvotes:\n  - id: x\n    rules: pk-na\n    motion: no-confidence\n    date: 2022-04-10\n"
        "    yes: 1\n    passed: true\n    outcome: o\n    source: https://e.org\n")


def _historic_problem(text: str) -> str:
    with pytest.raises(InputError) as exc:
        parse_historic(load_yaml_text(text, "votes.yaml"))
    return str(exc.value)


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("    rules: pk-na\n", "", "votes[0].rules: required field is missing"),
    ("    yes: 1\n", "    yes: 1\n    colour: red\n",
     "votes[0].colour: unknown field (check its spelling against the historic votes schema)"),
    ("yes: 1", "yes: many", "votes[0].yes: expected a whole number, got 'many'"),
    ("date: 2022-04-10", "date: 2022-04-10T10:30:00",
     "votes[0].date: expected a date as YYYY-MM-DD, without a time, got 2022-04-10T10:30:00"),
    # as every other reader: a number is no day (pydantic read it as seconds since 1970), true is no count
    ("date: 2022-04-10", "date: 0", "votes[0].date: expected a date as YYYY-MM-DD, got the number 0"),
    ("yes: 1", "yes: true", "votes[0].yes: expected a whole number, got a boolean (true/false)"),
    ("yes: 1", "yes: 61.0", "votes[0].yes: expected a whole number, got 61.0"),
    ("motion: no-confidence", "motion: censure", ", got 'censure'"),
])
def test_the_historic_votes_say_a_problem_as_the_other_readers_do(old: str, new: str, expected: str) -> None:
    """Pydantic's own words ("Field required", "Extra inputs are not permitted", "Input should be a valid
    integer") were given here, and a value of the wrong type or kind was not quoted."""
    assert expected in _historic_problem(VOTE.replace(old, new))


@pytest.fixture
def client(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    store: Store = make_web_store(tmp_path, monkeypatch, {"alice": "editor"}, PASSWORD)
    yield TestClient(create_app(store.url, store=store, secret="password-" + "x" * 40, fail_delay=0.0))
    store.close()


def test_the_web_api_says_a_missing_or_unknown_field_as_the_readers_do(client: TestClient) -> None:
    """Pydantic's "Field required" and "Extra inputs are not permitted" were the API's words."""
    r = client.post("/api/login", json={"name": "alice"})
    assert r.status_code == 422 and r.json()["error"] == "password: required field is missing"
    r = client.post("/api/login", json={"name": "alice", "password": PASSWORD, "colour": "red"})
    assert r.status_code == 422
    assert r.json()["error"] == "colour: unknown field (check its spelling against the API schema)"
    assert "red" not in r.text
