"""A place of a scenario or constitution file that takes only a mapping (the document, ``chamber``, a party, an
event, a motion) refuses a list as it opens, and a place that takes only a list (``parties``, ``events``,
``unverified``) a mapping, before anything in it is read, in the words validation gives for it; a place that
takes either (``seats:`` a number or a list of periods, a source as text or a mapping) takes both still.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from limited import cpu_of
from test_reader_single import HEAD, MB, MODELS, _data, _validation_says
from whipcount.errors import InputError
from whipcount.io.caps_table import KINDS
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.constitution_schema import ConstitutionFile
from whipcount.io.list_caps import caps_of
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.yamlsource import Located, load_yaml_text

PLACES = [(kind, path, refused) for kind, model in MODELS.items()
          for path, (refused, _) in KINDS[f"{model.__module__}.{model.__qualname__}"].items()]


def test_the_places_of_one_kind_are_many() -> None:
    assert len(PLACES) > 90
    assert {("scenario", "chamber", "list"), ("scenario", "parties", "mapping"), ("scenario", "parties/*", "list"),
            ("scenario", "events", "mapping"), ("scenario", "events/*", "list"), ("scenario", "motion", "list"),
            ("scenario", "unverified", "mapping"), ("scenario", "constitutions/*", "list"),
            ("constitution", "motions", "mapping")} <= set(PLACES)
    places = {(kind, path) for kind, path, _ in PLACES}
    assert not {("scenario", "chamber/source"), ("scenario", "events/*/source"), ("constitution", "seats"),
                ("scenario", "chamber/seats")} & places


@pytest.mark.parametrize(("kind", "path", "refused"), PLACES)
def test_the_other_kind_is_refused_in_validation_s_words(kind: str, path: str, refused: str) -> None:
    model = MODELS[kind]
    leaf = [1, 2] if refused == "list" else {"a": 1}
    data, loc = _data(model, path, leaf)
    expected = _validation_says(model, data, loc)
    assert expected.endswith(f", got a {refused}")
    with pytest.raises(InputError) as info:
        load_yaml_text(json.dumps(data), "s.yaml", caps=caps_of(model))
    assert str(info.value) == f"s.yaml:1: {expected}"


def test_a_file_that_is_a_list_is_refused_in_the_words_parsing_it_gave(tmp_path: Path) -> None:
    """The words before the count parsing gave (it is not read now)."""
    (tmp_path / "s.yaml").write_text("- 1\n- [2, 3]\n")
    with pytest.raises(InputError) as info:
        parse_scenario(Located([1, [2, 3]], "s.yaml"))
    assert str(info.value) == "s.yaml: expected a mapping with chamber, parties and events, got a list of 2 item(s)"
    with pytest.raises(InputError) as info:
        load_scenario(str(tmp_path / "s.yaml"))
    assert str(info.value) == f"{tmp_path / 's.yaml'}: expected a mapping with chamber, parties and events, got a list"
    with pytest.raises(InputError) as info:
        parse_constitution_text("- id: x\n", "c.yaml")
    assert str(info.value) == "c.yaml: expected a mapping with id, name and motions, got a list"


@pytest.mark.parametrize(("text", "message"), [
    ("events:\n  a: 1\n", "s.yaml:5: events: expected a list [...], got a mapping"),
    ("events:\n  - - 2000-01-02\n", "s.yaml:6: events[0]: expected a mapping {...}, got a list"),
    ("unverified: &u {a: [1]}\n", "s.yaml:5: unverified: expected a list [...], got a mapping"),
    ("motion: &m [1]\n", "s.yaml:5: motion: expected a mapping {...}, got a list"),
    ("unverified: &l [c]\nmotion: *l\n", "s.yaml:6: motion: expected a mapping {...}, got a list"),
    ("constitutions:\n  - [id, x]\n", "s.yaml:6: constitutions[0]: expected a mapping {...}, got a list"),
])
def test_the_refusal_names_the_file_the_line_and_the_field(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "s.yaml").write_text(HEAD + text)
    with pytest.raises(InputError) as info:
        load_scenario(str(tmp_path / "s.yaml"))
    assert str(info.value) == f"{tmp_path / 's.yaml'}:{message.removeprefix('s.yaml:')}"


def test_a_constitution_s_seats_takes_a_number_or_a_list_and_a_carried_one_is_read(tmp_path: Path) -> None:
    text = ("id: x-y\nname: X\nseats: [{seats: 100, start: 2000-01-01, source: Art. 1}]\nmotions: []\n")
    assert load_yaml_text(text, "c.yaml", caps=caps_of(ConstitutionFile)).data["seats"][0]["seats"] == 100
    held = load_yaml_text("constitutions:\n  - {id: x-y, name: X, seats: 100}\n", "s.yaml",
                          caps=caps_of(MODELS["scenario"]))
    assert held.data["constitutions"] == [{"id": "x-y", "name": "X", "seats": 100}]


def test_a_small_file_that_is_a_list_of_millions_of_values_is_refused_at_once(tmp_path: Path) -> None:
    """2,400,000 values within every cap (400 lists of 2,000 lists of 2 numbers, in 6 MB) in a file that is a
    list: built whole before validation refused it (391 MB and 7.2 s of CPU on 7 December 2026), now refused
    as the file opens."""
    row = "[" + ", ".join(["[1, 2]"] * 2_000) + "]"
    (tmp_path / "s.yaml").write_text("".join(f"- {row}\n" for _ in range(400)))
    assert (tmp_path / "s.yaml").stat().st_size > 4 * MB
    seconds, peak, proc = cpu_of("tally", "s.yaml", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr[-500:]
    assert proc.stderr.strip() == "error: s.yaml: expected a mapping with chamber, parties and events, got a list"
    assert seconds < 1.5, f"{seconds:.1f} s of CPU"
    assert peak < 80 * MB, f"{peak / MB:.0f} MB"
