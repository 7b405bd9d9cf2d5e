"""A JSON file that is empty, or ends before its JSON does (cut short in a download or a copy), is said to be
so, with the line where it ends, not only in the parser's words ('Expecting value')."""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount.errors import InputError
from whipcount.io.yamlsource import load_json_file


def refused(tmp_path: Path, text: str) -> str:
    path = tmp_path / "b.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_json_file(path)
    return str(err.value).replace(str(path), "b.json")


@pytest.mark.parametrize("text", ["", "  \n\n", "\t"])
def test_an_empty_file(tmp_path: Path, text: str) -> None:
    assert refused(tmp_path, text) == "b.json: the file is empty (expected a JSON object)"


def test_a_file_cut_short_names_its_last_line(tmp_path: Path) -> None:
    text = '{"persons": [\n  {"id": "ann", "name": "Ann"},\n  {"id": "bob", "na'
    assert refused(tmp_path, text) == "b.json:3: not valid JSON: the file ends before its JSON does (cut short?): " \
        "Unterminated string starting at (column 17)"


def test_a_file_cut_after_a_comma_with_a_newline_after_it(tmp_path: Path) -> None:
    assert refused(tmp_path, '{"persons": [],\n') == "b.json:2: not valid JSON: the file ends before its JSON " \
        "does (cut short?): Expecting property name enclosed in double quotes (column 1)"


def test_a_mistake_inside_the_text_is_said_as_before(tmp_path: Path) -> None:
    assert refused(tmp_path, '{"persons": [}\n') == "b.json:1: not valid JSON: Expecting value (column 14)"
