"""A JSON list too long to parse is found, and its place named, within a bounded multiple of the text's size:
the brackets and commas outside strings are found a piece at a time (one byte each), and the places of every
mark are found only for a list to refuse, in 32-bit integers where the text allows. Before, every mark took
eight bytes several times over: a 25 MB file with a list of 950,000 people took 450 MB to be refused."""

from __future__ import annotations

import json
import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import whipcount.io.json_places as places
from whipcount.errors import InputError
from whipcount.io.json_caps import refuse_longest_json_array
from whipcount.io.limits import Limits

_TEXT = st.text(alphabet=st.sampled_from(['"', "\\", "a", "[", "]", "{", "}", ",", ":", "\n", "é"]))
_VALUES = st.recursive(st.none() | st.integers() | _TEXT,
                       lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_TEXT, kids, max_size=4),
                       max_leaves=30)


def _marks(value: object) -> bytes:
    """The brackets and commas of ``value`` written as JSON, from the value itself (the truth)."""
    if isinstance(value, list):
        return b"[" + b",".join(_marks(v) for v in value) + b"]"
    if isinstance(value, dict):
        return b"{" + b",".join(_marks(v) for v in value.values()) + b"}"
    return b""


@settings(max_examples=300, deadline=None, derandomize=True)
@given(value=_VALUES, indent=st.sampled_from([None, 2]), piece=st.integers(1, 12))
def test_the_structure_found_in_pieces_is_the_value_s(value: object, indent: int | None, piece: int) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    whole = places._PIECE
    places._PIECE = piece
    try:
        assert places.json_structure(text) == _marks(value)
    finally:
        places._PIECE = whole
    assert places.JsonPlaces(text.encode()).structure()[0] == _marks(value)


@pytest.mark.parametrize("scan", [7, 1 << 20])
def test_the_places_found_a_part_at_a_time_are_the_whole_text_s(scan: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts of 7 bytes cut the text everywhere but inside a run of backslashes."""
    value = {"a\\\\\"[": [1, {"k\\\"": ["x\\\\", "]"]}], "b": [[], {}, "\\"]}
    raw = json.dumps(value).encode()
    monkeypatch.setattr(places, "_SCAN", scan)
    found = places.JsonPlaces(raw)
    assert found.structure()[0] == _marks(value)
    assert found.loc_at(raw.index(b'["x')) == ("a\\\\\"[", 1, "k\\\"")
    assert found.loc_at(raw.rindex(b"[[")) == ("b",)


def test_a_list_too_long_is_refused_within_a_bounded_multiple_of_the_text() -> None:
    text = json.dumps({"persons": [{"id": "a", "name": "b"}] * 300_000})
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            refuse_longest_json_array(text, "t.json", Limits(), None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == "t.json:1: persons: 300,000 listed; at most 100,000 accepted"
    assert peak < 12 * len(text)  # it was over 16 bytes for each byte of the text
