"""A list or mapping of a file is read up to its first bad item: the refusal names that item, and what a bad
file costs does not grow with the number of its bad items (pydantic reports every bad item, about 1 kB
each: a scenario listing a million empty members, 15 MB of YAML, took 3.5 GB and a minute before one line
was said; a Popolo file of 20 million empty persons, 60 MB, ran the machine out of memory)."""

from __future__ import annotations

import importlib
import json
import pkgutil
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import whipcount.io
from whipcount.errors import WhipcountError
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.first_problem import FirstProblemModel
from whipcount.io.ocd import import_ocd
from whipcount.io.popolo import import_popolo
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.yamlsource import load_json_text, load_yaml_text

MANY = 100_000

SCENARIO_HEAD = """\
chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}
parties:
  - {id: a, name: A, seats: 5, side: government}
"""


def _models() -> list[type[BaseModel]]:
    for info in pkgutil.iter_modules(whipcount.io.__path__):
        importlib.import_module(f"whipcount.io.{info.name}")
    found: list[type[BaseModel]] = []
    todo: list[type[BaseModel]] = [FirstProblemModel]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.append(sub)
                todo.append(sub)
    return found


MODELS = _models()
FIELDS = [(m, name) for m in MODELS for name in m.model_fields]


def test_every_model_of_a_users_file_is_read_to_its_first_problem() -> None:
    names = {m.__name__ for m in MODELS}
    # the top of each file a user hands in: scenario, constitution, Popolo, Open Civic Data
    assert {"ScenarioFile", "ConstitutionFile", "PopoloBundle", "OcdVoteEvent"} <= names


@pytest.mark.parametrize(("model", "field"), FIELDS, ids=[f"{m.__name__}.{f}" for m, f in FIELDS])
def test_a_field_of_a_thousand_bad_items_is_one_problem(model: type[BaseModel], field: str) -> None:
    # object() is no value a typed field takes: a list or mapping of them is a thousand bad items (a field
    # of any value, such as Popolo's extras, takes them all)
    alias = model.model_fields[field].alias or field
    for bad in ([object()] * 1000, {f"k{i}": object() for i in range(1000)}):
        try:
            model.model_validate({alias: bad})
        except ValidationError as exc:
            under = [e for e in exc.errors() if e["loc"][:1] == (alias,)]
            # a union (a number or a list, a citation or a mapping) may report each of its branches once
            assert len(under) <= 5, f"{model.__name__}.{field}: {len(under)} problems reported"


def _refusal(read: Any) -> str:
    with pytest.raises(WhipcountError) as err:
        read()
    return str(err.value)


def test_a_scenario_of_many_bad_members_is_refused_at_the_first() -> None:
    text = SCENARIO_HEAD + "members: [" + ", ".join(["{}"] * MANY) + "]\n"
    message = _refusal(lambda: parse_scenario(load_yaml_text(text, "s.yaml")))
    # the member lacks id, name and party: three problems of one item, none of the other 99,999
    assert message == "s.yaml:4: members[0].id: required field is missing (and 2 more)"


def test_a_mapping_of_many_bad_entries_is_refused_at_the_first() -> None:
    probs = ", ".join(f"p{i}: {2 + i}" for i in range(10_000))  # as many as the mapping may hold
    text = SCENARIO_HEAD + "stance_probabilities: {" + probs + "}\n"
    message = _refusal(lambda: parse_scenario(load_yaml_text(text, "s.yaml")))
    assert message.startswith("s.yaml:4: stance_probabilities.p0: ") and "got 2" in message
    assert "(and" not in message


def test_a_popolo_bundle_of_many_bad_persons_is_refused_at_the_first() -> None:
    text = json.dumps({"persons": [{"id": "p", "name": i} for i in range(MANY)]})
    message = _refusal(lambda: import_popolo(load_json_text(text, "p.json"), "p.json", rules="pk-na"))
    assert message.startswith("p.json: persons[0].name: ") and "(and" not in message


def test_an_ocd_vote_of_many_bad_votes_is_refused_at_the_first() -> None:
    text = json.dumps({"votes": [{"option": i} for i in range(MANY)]})
    scenario = load_scenario("pk-na-2022")
    message = _refusal(lambda: import_ocd(load_json_text(text, "v.json"), "v.json", scenario))
    assert message.startswith("v.json: votes[0].option: ") and "(and" not in message


def test_a_constitution_of_many_bad_motions_is_refused_at_the_first() -> None:
    motions = ", ".join(["{kind: no-confidence, colour: red}"] * 10_000)  # as many as a constitution may hold
    text = f"id: c\nname: C\ncountry: X\nseats: 100\nmotions: [{motions}]\n"
    message = _refusal(lambda: parse_constitution_text(text, "c.yaml"))
    assert message.startswith("c.yaml:5: motions[0]") and "(and 9" not in message


def test_a_mapping_of_many_unknown_fields_is_one_problem() -> None:
    extra = ", ".join(f"x{i}: 1" for i in range(MANY - 4))  # with the 4 fields, as many as a mapping may hold
    text = SCENARIO_HEAD.replace("side: government}", "side: government, " + extra + "}")
    message = _refusal(lambda: parse_scenario(load_yaml_text(text, "s.yaml")))
    assert message.startswith("s.yaml:3: parties[0].x0: ") and "(and" not in message


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9b"])
def test_text_with_a_control_character_is_refused_by_field(char: str) -> None:
    # "\x1b]0;owned\x07" retitled the terminal of whoever ran `whipcount tally` on the file
    escaped = json.dumps(f"Red{char}Party")
    text = SCENARIO_HEAD.replace("name: A,", f"name: {escaped},")
    message = _refusal(lambda: parse_scenario(load_yaml_text(text, "s.yaml")))
    assert message == (f"s.yaml:3: parties[0].name: expected text without control characters, got "
                       f"U+{ord(char):04X} at character 4")


@pytest.mark.parametrize("text", ["Tab\there", "two\nlines", "dos\r\nline", "Ürdü اردو \u202bRTL\u202c"])
def test_tabs_line_breaks_and_any_script_are_text(text: str) -> None:
    escaped = json.dumps(text)
    scenario = parse_scenario(load_yaml_text(SCENARIO_HEAD.replace("name: A,", f"name: {escaped},"), "s.yaml"))
    assert scenario.parties[0].name == text


def test_a_popolo_name_with_a_control_character_is_refused() -> None:
    text = json.dumps({"persons": [{"id": "p", "name": "Ana\x1b[2J"}]})
    message = _refusal(lambda: import_popolo(load_json_text(text, "p.json"), "p.json", rules="pk-na"))
    assert message.startswith("p.json: persons[0].name: expected text without control characters, got U+001B")
