"""A list a file must fill, left empty, is said in the readers' words, not pydantic's.

``parties: []`` had been refused as "List should have at least 1 item after validation, not 0".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount.errors import ConstitutionFileError, ScenarioError
from whipcount.io.constitution import load_constitution_file
from whipcount.io.plain_words import problem_words
from whipcount.io.scenario import load_scenario

CHAMBER = "id: x\ntitle: X\nchamber: {name: C, rules: pk-na, seats: 10, as_of: 2020-01-01%s}\n"


@pytest.mark.parametrize(("text", "said"), [
    (CHAMBER % "" + "parties: []\n", "case.yaml:4: parties: expected at least 1 item, got none"),
    (CHAMBER % ", sides: []" + "parties: [{id: a, name: A, seats: 10, side: government}]\n",
     "case.yaml:3: chamber.sides: expected at least 1 item, got none"),
])
def test_an_empty_list_of_a_scenario(tmp_path: Path, text: str, said: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert str(exc.value).removeprefix(f"{tmp_path}/") == said


def test_a_constitution_without_motions(tmp_path: Path) -> None:
    path = tmp_path / "own.yaml"
    path.write_text("id: own\nname: Own\nmotions: []\n", encoding="utf-8")
    with pytest.raises(ConstitutionFileError) as exc:
        load_constitution_file(path)
    assert str(exc.value).removeprefix(f"{tmp_path}/") == "own.yaml:3: motions: expected at least 1 item, got none"


@pytest.mark.parametrize(("least", "got", "said"), [
    (1, 0, "expected at least 1 item, got none"),
    (2, 1, "expected at least 2 items, got 1"),
    (1500, 1200, "expected at least 1,500 items, got 1,200"),
])
def test_the_words_count_what_was_needed_and_found(least: int, got: int, said: str) -> None:
    err = {"type": "too_short", "loc": ("x",), "msg": "List should have at least ...", "input": [],
           "ctx": {"field_type": "List", "min_length": least, "actual_length": got}}
    assert problem_words(err, "scenario") == said
