"""Plain scalars that look like numbers: a float needs a digit, so '.', '-.' and '._5' are text (as PyYAML
reads them too); '.' as a date had raised a ValueError traceback out of the reader (found by
tests/test_fuzz_readers.py). Whatever such a scalar is, it is read or refused in words, and a number read
is the number Python's own parser makes of the text."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import InputError
from whipcount.io.yamlsource import load_yaml_text


def _ours(text: str) -> object:
    return load_yaml_text(f"v: {text}\n", "n.yaml").data["v"]


@pytest.mark.parametrize("text", [".", "-.", "+.", "._", "._5", ".e5", "-_"])
def test_a_point_without_a_digit_is_text(text: str) -> None:
    assert _ours(text) == text
    assert yaml.safe_load(f"v: {text}")["v"] == text  # PyYAML's reading, the independent one


@pytest.mark.parametrize(("text", "value"), [("1.", 1.0), (".5", 0.5), ("-.5", -0.5), ("1_0.2_5", 10.25),
                                             ("1e5", 1e5), ("1.5e-3", 0.0015), ("12_3", 123), ("-0", 0)])
def test_numbers_are_numbers(text: str, value: float) -> None:
    got = _ours(text)
    assert got == value and type(got) is type(value)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="0123456789._eE+-", min_size=1, max_size=8))
def test_any_number_like_scalar_is_read_or_refused_in_words(text: str) -> None:
    try:
        got = _ours(text)
    except InputError:
        return
    if isinstance(got, int):
        assert got == int(text.replace("_", ""))
    elif isinstance(got, float):
        assert got == float(text.replace("_", ""))
    elif isinstance(got, dt.date):  # a YAML timestamp ('0001-1-1'), read as PyYAML reads it
        assert got == yaml.safe_load(f"v: {text}")["v"]
    else:
        assert got == text
