"""A misspelt or misplaced field in a scenario or constitution file is named as what it is.

``treshold:`` for ``threshold:`` had been refused as ``threshold: required field is missing (and 1 more)``,
the line the user wrote hidden in "1 more"; ``tie_convnetion:`` and a ``quorum:`` written beside
``threshold:`` instead of inside it were "unknown field" with no word of what was meant.
"""

from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from whipcount.errors import ConstitutionFileError, ScenarioError
from whipcount.io.constitution import load_constitution_file
from whipcount.io.constitution_schema import ConstitutionFile
from whipcount.io.scenario import load_scenario
from whipcount.io.scenario_schema import ScenarioFile
from whipcount.io.schema_fields import unknown_field_hint

MOTION = '  - kind: no-confidence\n    {threshold}\n    source: {{article: "Art. 1", url: "https://example.org/1"}}\n'
CONSTITUTION = "id: own-house\nname: Own House\nseats: 101\nmotions:\n"


def _constitution(tmp_path: Path, motion: str) -> str:
    path = tmp_path / "own.yaml"
    path.write_text(CONSTITUTION + motion, encoding="utf-8")
    with pytest.raises(ConstitutionFileError) as exc:
        load_constitution_file(path)
    return str(exc.value).removeprefix(f"{tmp_path}/")


MOTION_FIELDS = ("bars, defection, effect, effect_fail, end, kind, movers, note, runoff, source, start, successor, "
                 "threshold, title, verified, votes_recorded, window")
"""The fields of a constitution's motion (docs/rules.md, its example and the text after it)."""


def test_a_misspelt_required_field_is_named_with_the_field_meant(tmp_path: Path) -> None:
    said = _constitution(tmp_path, MOTION.format(threshold='treshold: {basis: total, fraction: "1/2"}'))
    assert said == ("own.yaml:6: motions[0].treshold: unknown field (check its spelling against the "
                    f"constitution schema); expected one of: {MOTION_FIELDS}; did you mean 'threshold'?")


def test_a_misspelt_optional_field_is_named_with_the_field_meant(tmp_path: Path) -> None:
    said = _constitution(tmp_path, MOTION.format(
        threshold='threshold: {basis: votes-cast, tie: casting-vote, tie_convnetion: "no"}'))
    assert said.startswith("own.yaml:6: motions[0].threshold.tie_convnetion: unknown field")
    assert said.endswith("; did you mean 'tie_convention'?")


def test_a_field_one_level_too_high_is_told_where_it_goes(tmp_path: Path) -> None:
    motion = MOTION.format(threshold="threshold: {basis: total}") + '    quorum: {fraction: "1/3"}\n'
    said = _constitution(tmp_path, motion)
    assert said.startswith("own.yaml:8: motions[0].quorum: unknown field")
    assert said.endswith("; quorum goes under threshold (threshold: {quorum: ...})")


def test_a_misspelt_field_of_a_seat_period_is_found_through_the_list(tmp_path: Path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(CONSTITUTION.replace("seats: 101", 'seats: [{seat: 101, start: 2020-01-01}]')
                    + MOTION.format(threshold="threshold: {basis: total}"), encoding="utf-8")
    with pytest.raises(ConstitutionFileError, match=r"seats\[0\]\.seat: unknown field .*did you mean 'seats'\?$"):
        load_constitution_file(path)


SCENARIO = """\
chamber: {name: Own House, rules: pk-na, seats: 342, vacancies: 0, as_of: 2022-03-08}
parties:
  - {id: red, name: Red, seat: 200, side: government}
  - {id: blue, name: Blue, seats: 142, side: opposition}
"""


def test_a_scenario_field_misspelt_is_named_with_the_field_meant(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert str(exc.value).removeprefix(f"{tmp_path}/") == (
        "case.yaml:3: parties[0].seat: unknown field (check its spelling against the scenario schema); expected one "
        "of: by_side, colour, id, identifiers, left_right, name, note, parlgov, seats, short, side, source, sources, "
        "verified, wikidata; did you mean 'seats'?")


def test_a_name_far_from_every_field_gets_no_guess(tmp_path: Path) -> None:
    """``window`` is a constitution's; under a scenario's motion no field is near it (``kind`` is 0.6 alike)."""
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.replace("seat:", "seats:") + "motion: {kind: no-confidence, window: 3}\n",
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    said = str(exc.value)
    assert "motion.window: unknown field (check its spelling against the scenario schema); expected one of: " in said
    assert "did you mean" not in said and "goes under" not in said


def test_the_command_line_says_it_in_one_line(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "own.yaml"
    path.write_text(CONSTITUTION + MOTION.format(threshold="treshold: {basis: total}"), encoding="utf-8")
    r = run_cli("rules", "show", str(path))
    assert r.code == 1
    assert r.err.strip().splitlines() == [f"error: {path}:6: motions[0].treshold: unknown field (check its "
                                          f"spelling against the constitution schema); expected one of: "
                                          f"{MOTION_FIELDS}; did you mean 'threshold'?"]


def _models(root: type[BaseModel]) -> dict[str, tuple[type[BaseModel], tuple[str | int, ...]]]:
    """Every model a file of ``root`` holds, by name, with one place of it (a list's item at index 0)."""
    found: dict[str, tuple[type[BaseModel], tuple[str | int, ...]]] = {root.__name__: (root, ())}
    todo = [(root, ())]
    while todo:
        model, loc = todo.pop()
        for name, field in model.model_fields.items():
            key = field.alias or name
            for sub, at in _inner(field.annotation, (*loc, key)):
                if sub.__name__ not in found:
                    found[sub.__name__] = (sub, at)
                    todo.append((sub, at))
    return found


def _inner(annotation: object, loc: tuple[str | int, ...]) -> list[tuple[type[BaseModel], tuple[str | int, ...]]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, loc)]
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple):
        return [x for a in args[:1] for x in _inner(a, (*loc, 0))]
    if origin is dict:
        return [x for x in _inner(args[1], (*loc, "key"))]
    return [x for a in args for x in _inner(a, loc)]


FIELDS = [(root.__name__, model.__name__, loc, field.alias or name)
          for root in (ScenarioFile, ConstitutionFile)
          for model, loc in _models(root).values()
          for name, field in model.model_fields.items() if len(field.alias or name) >= 4]


@pytest.mark.parametrize(("root", "model", "loc", "name"), FIELDS, ids=[f"{r}:{m}.{n}" for r, m, _, n in FIELDS])
def test_every_field_with_a_letter_doubled_is_offered_back(root: str, model: str, loc: tuple[str | int, ...],
                                                           name: str) -> None:
    """Each field of every model a scenario or constitution file holds, mistyped by a letter written twice,
    is the field the error offers."""
    typed = name[:2] + name[1] + name[2:]
    schema = ScenarioFile if root == "ScenarioFile" else ConstitutionFile
    assert unknown_field_hint(schema, (*loc, typed)) == f"; did you mean {name!r}?"


def test_a_required_field_written_a_level_too_high_is_named_where_written(tmp_path: Path) -> None:
    """``seats:`` beside ``chamber:``: the chamber's seats are missing because they were written there, so the
    line written is the one named, with where it goes (it had been 'chamber.seats: required field is missing
    (and 1 more)')."""
    path = tmp_path / "case.yaml"
    path.write_text("id: x\ntitle: X\nchamber: {name: C, rules: pk-na, as_of: 2020-01-01}\nseats: 10\n"
                    "parties: [{id: a, name: A, seats: 10, side: government}]\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert str(exc.value).removeprefix(f"{tmp_path}/") == (
        "case.yaml:4: seats: unknown field (check its spelling against the scenario schema); expected one of: "
        "chamber, constitutions, description, division, events, forecast, id, key_dates, members, motion, motions, "
        "parties, sources, stance_probabilities, stances, title, unverified; seats goes under chamber "
        "(chamber: {seats: ...})")
