"""The published JSON Schemas enforce the bounds whipcount enforces.

pydantic once wrote a bound on an optional count (``vacancies: Count | None = Field(ge=0)``) as ``"ge": 0``,
a keyword no JSON Schema validator knows, so editors and pipelines checking a file against the published
schema accepted ``vacancies: -3`` and ``division.no: -5`` that whipcount refuses. Every whole number of every
bundled scenario (and of the documented constitution) is here set out of bounds in turn, and a standard
validator (``jsonschema``) must agree with whipcount's own validation on each.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from constitutions import my_parliament
from whipcount.io.constitution import ConstitutionFile
from whipcount.io.scenario import bundled_scenarios
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.io.yamlsource import load_yaml_text

SCHEMAS = Path(__file__).parent.parent / "schemas"
KNOWN = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}
PYDANTIC_ONLY = {"ge", "le", "gt", "lt"}

CONSTITUTION = my_parliament(
    "movers: {count: 46}",
    "window: {min_days: 2, max_days: 10, after: motion-filed}",
    "runoff: {threshold: {basis: present-and-voting}, among: 2}",
)


def _keywords(node: Any, inside_properties: bool = False) -> Iterator[str]:
    if isinstance(node, list):
        for x in node:
            yield from _keywords(x)
    elif isinstance(node, dict):
        for key, value in node.items():
            if not inside_properties:
                yield key
            yield from _keywords(value, inside_properties=key == "properties" and not inside_properties)


@pytest.mark.parametrize("name", ["scenario", "constitution", "popolo"])
def test_the_published_schemas_use_only_json_schema_keywords(name: str) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert not PYDANTIC_ONLY & set(_keywords(schema)), "a bound JSON Schema validators would ignore"


def _integer_paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, bool):
        return
    if isinstance(node, int):
        yield path
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _integer_paths(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _integer_paths(v, (*path, i))


def _set(data: Any, path: tuple[Any, ...], value: int) -> Any:
    out = copy.deepcopy(data)
    node = out
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return out


CROSS_FIELD = {"value_error", "assertion_error"}  # what a model's own validator raises


def _whipcount_accepts(model: Any, data: Any) -> bool:
    """False when whipcount refuses ``data`` for a bound or a set of values of one field; a check across fields (a window whose
    first day is after its last, a party of no seats with members) is one no JSON Schema can state."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return all(e["type"] in CROSS_FIELD for e in exc.errors())
    return True


def _agree(model: Any, schema_name: str, data: Any) -> list[str]:
    """Each whole number set to -5, 0 and a huge value: the schema's verdict against whipcount's own (the
    schema refuses exactly what whipcount refuses for a bound on the field)."""
    schema = json.loads((SCHEMAS / f"{schema_name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=None)
    assert validator.is_valid(json.loads(json.dumps(data, default=str))) and _whipcount_accepts(model, data)
    disagreements = []
    for path in _integer_paths(data):
        for value in (-5, 0, 10**9):
            bad = _set(data, path, value)
            ours = _whipcount_accepts(model, bad)
            theirs = validator.is_valid(json.loads(json.dumps(bad, default=str)))
            if ours != theirs:
                disagreements.append(f"{'.'.join(map(str, path))} = {value}: whipcount {ours}, schema {theirs}")
    return disagreements


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_the_scenario_schema_bounds_every_count_as_whipcount_does(name: str) -> None:
    text = (resources.files("whipcount") / "data" / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    data = load_yaml_text(text, name).data  # whipcount's reader: `no:` is a key, not a boolean
    assert list(_integer_paths(data)), "a scenario with no counts tests nothing"
    assert _agree(ScenarioFile, "scenario", data) == []


def test_a_negative_vacancy_or_no_vote_fails_the_published_schema() -> None:
    """A vacancy of -1 and a no vote of -1, each named by its field."""
    text = (resources.files("whipcount") / "data" / "scenarios" / "pk-na-2022.yaml").read_text(encoding="utf-8")
    data = load_yaml_text(text, "pk-na-2022").data
    schema = json.loads((SCHEMAS / "scenario.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(json.loads(json.dumps(data, default=str)))
    data["chamber"]["vacancies"] = -3
    assert not validator.is_valid(json.loads(json.dumps(data, default=str)))
    data["chamber"]["vacancies"] = 1
    data["motions"][0]["division"]["no"] = -5
    assert not validator.is_valid(json.loads(json.dumps(data, default=str)))


def test_the_constitution_schema_bounds_every_count_as_whipcount_does() -> None:
    data = load_yaml_text(CONSTITUTION, "my-parliament").data
    assert _agree(ConstitutionFile, "constitution", data) == []
