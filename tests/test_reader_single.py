"""A place of a scenario or constitution file that takes one value (text, a number, a day, one of some words:
an item of ``unverified``, a ``description``, a party's ``name``) refuses a list or mapping as it opens, before
anything in it is read, in the words validation gives for it; a place that takes either one value or a list
or mapping (``seats:`` a number or a list of periods, a source as text or a mapping) takes both still.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from limited import cpu_of
from whipcount.errors import InputError
from whipcount.io.caps_table import SINGLE
from whipcount.io.constitution_schema import ConstitutionFile
from whipcount.io.list_caps import caps_of, field_words
from whipcount.io.scenario import load_scenario
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.io.schema_fields import reported_error
from whipcount.io.yamlbuild import format_loc
from whipcount.io.yamlsource import load_yaml_text

MB = 1 << 20
HEAD = ("chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}\nparties:\n"
        "  - {id: a, name: A, seats: 300, side: government}\n  - {id: b, name: B, seats: 300, side: opposition}\n")
MODELS = {"scenario": ScenarioFile, "constitution": ConstitutionFile}


def _branches(schema: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """What ``node`` of ``schema`` may be: each branch of a union, references followed."""
    if "$ref" in node:
        return _branches(schema, schema["$defs"][node["$ref"].rsplit("/", 1)[-1]])
    union = node.get("anyOf") or node.get("oneOf")
    return [b for sub in union for b in _branches(schema, sub)] if union else [node]


def _data(model: type[BaseModel], path: str, leaf: Any) -> tuple[dict[str, Any], tuple[str | int, ...]]:
    """A document holding ``leaf`` at the place ``path`` of ``model``'s files, and its path of keys and indexes:
    a list's first item, or the key ``x`` of a mapping of any keys, where the path says ``*``; where a place
    may be one value or a mapping (a source), the mapping."""
    schema = model.model_json_schema()
    root: dict[str, Any] = {}
    here: Any = root
    loc: list[str | int] = []
    nodes = [schema]
    for part in path.split("/"):
        if part == "*":
            [node] = [b for b in nodes if b.get("type") == "array" or isinstance(b.get("additionalProperties"), dict)]
            key: str | int = 0 if node.get("type") == "array" else "x"
            nodes = _branches(schema, node["items"] if key == 0 else node["additionalProperties"])
        else:
            [node] = [b for b in nodes if part in b.get("properties", {})]
            key, nodes = part, _branches(schema, node["properties"][part])
        value: Any = {}
        if any(b.get("type") == "array" for b in nodes):
            value = []
        if isinstance(here, list):
            here.append(value)
        else:
            here[key] = value
        here, loc = value, [*loc, key]
    parent = root
    for key in loc[:-1]:
        parent = parent[key]
    parent[loc[-1]] = leaf
    return root, tuple(loc)


def _validation_says(model: type[BaseModel], data: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    """What validation says of the value at ``loc`` of ``data`` (every other problem of the document set
    aside), in the readers' words."""
    with pytest.raises(ValidationError) as info:
        model.model_validate(data)
    here = [e for e in info.value.errors() if tuple(x for x in e["loc"] if x in loc or isinstance(x, int)) == loc
            and len(e["loc"]) >= len(loc)]
    assert here, info.value.errors()
    return f"{format_loc(loc)}: {field_words(reported_error(here), loc, caps_of(model))}"


PLACES = [(kind, path) for kind, model in MODELS.items() for path in SINGLE[f"{model.__module__}.{model.__qualname__}"]]


def test_the_places_of_one_value_are_many() -> None:
    """Every field of one value of both formats: not only the values of a mapping of any keys (an event's
    extras), as before."""
    assert len(PLACES) > 400
    assert {("scenario", "unverified/*"), ("scenario", "description"), ("scenario", "parties/*/name"),
            ("scenario", "motion/vote"), ("constitution", "motions/*/threshold/basis")} <= set(PLACES)
    assert not {("scenario", "chamber/source"), ("scenario", "events/*/source"), ("constitution", "seats"),
                ("scenario", "constitutions/*")} & set(PLACES)


@pytest.mark.parametrize(("kind", "path"), PLACES)
@pytest.mark.parametrize("leaf", [[1, 2], {"a": 1}])
def test_a_list_or_mapping_where_one_value_goes_is_refused_in_validation_s_words(
        kind: str, path: str, leaf: Any) -> None:
    model = MODELS[kind]
    data, loc = _data(model, path, leaf)
    expected = _validation_says(model, data, loc)
    assert expected.endswith(f", got {'a list' if isinstance(leaf, list) else 'a mapping'}")
    with pytest.raises(InputError) as info:
        load_yaml_text(json.dumps(data), "s.yaml", caps=caps_of(model))
    assert str(info.value) == f"s.yaml:1: {expected}"


@pytest.mark.parametrize(("text", "message"), [
    ("unverified:\n  - checked\n  - [1, 2]\n", "s.yaml:7: unverified[1]: expected text, got a list"),
    ("unverified:\n  - x:\n      k: [1]\n", "s.yaml:6: unverified[0]: expected text, got a mapping"),
    ("description:\n  - a\n  - b\n", "s.yaml:5: description: expected text, got a list"),
    ("title: &t {a: 1}\n", "s.yaml:5: title: expected text, got a mapping"),
    ("id: s\nunverified: [&u [1]]\ntitle: *u\n", "s.yaml:6: unverified[0]: expected text, got a list"),
    ("motion:\n  kind: no-confidence\n  vote:\n    - 2022-04-10\n",
     "s.yaml:7: motion.vote: expected a date as YYYY-MM-DD, got a list"),
    ("stances:\n  - party: a\n    stance: {yes: 1}\n",
     "s.yaml:7: stances[0].stance: Input should be 'yes', 'lean-yes', 'undecided', 'lean-no', 'no', 'abstain' "
     "or 'absent', got a mapping"),
])
def test_the_refusal_names_the_file_the_line_and_the_field(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "s.yaml").write_text(HEAD + text)
    with pytest.raises(InputError) as info:
        load_scenario(str(tmp_path / "s.yaml"))
    assert str(info.value) == f"{tmp_path / 's.yaml'}:{message.removeprefix('s.yaml:')}"


@pytest.mark.parametrize("text", [
    "events:\n  - {date: 2000-01-02, kind: switch-side, party: b, to: government, source: {url: 'https://a.org'}}\n",
    "events:\n  - {date: 2000-01-02, kind: switch-side, party: b, to: government, source: 'https://a.org'}\n",
    "events:\n  - {date: 2000-01-02, kind: switch-side, party: b, to: government, source: 'https://a.org',\n"
    "     extras: {k: v}}\n",
])
def test_a_place_of_one_value_or_a_mapping_takes_either(tmp_path: Path, text: str) -> None:
    (tmp_path / "s.yaml").write_text(HEAD + text)
    [event] = load_scenario(str(tmp_path / "s.yaml")).events
    assert [s.url for s in event.sources] == ["https://a.org"]


@pytest.mark.parametrize(("seats", "read"), [
    ("100", 100), ("[{seats: 100, start: 2000-01-01, source: Art. 1}]",
                   [{"seats": 100, "start": dt.date(2000, 1, 1), "source": "Art. 1"}])])
def test_a_constitution_s_seats_as_a_number_or_a_list_of_periods_is_read(seats: str, read: Any) -> None:
    text = f"id: x-y\nname: X\nseats: {seats}\n"
    assert load_yaml_text(text, "c.yaml", caps=caps_of(ConstitutionFile)).data["seats"] == read


def test_a_small_file_nesting_millions_of_values_in_one_item_of_text_is_refused_at_once(tmp_path: Path) -> None:
    """2,400,000 values within every cap (400 keys of 2,000 lists of 2 numbers, in 5 MB) in one item of
    ``unverified``: built whole before validation refused it (404 MB and 5.4 s of CPU on 7 December 2026),
    now refused as the item opens."""
    row = "[" + ", ".join(["[1, 2]"] * 2_000) + "]"
    body = "".join(f"      k{i}: {row}\n" for i in range(400))
    (tmp_path / "s.yaml").write_text(HEAD + "unverified:\n  - x:\n" + body)
    assert (tmp_path / "s.yaml").stat().st_size > 4 * MB
    seconds, peak, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip() == "error: s.yaml:6: unverified[0]: expected text, got a mapping"
    assert seconds < 1.5, f"{seconds:.1f} s of CPU"
    assert peak < 80 * MB, f"{peak / MB:.0f} MB"
