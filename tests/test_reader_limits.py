"""The bounds every reader keeps, each at its edge: the last value accepted and the first refused.

The figures are the ones the README states for users (a file of 64 MB, 64 levels of nesting, 1,000 YAML
aliases, 5,000,000 YAML or JSON values, numbers of 100 digits), written here as numbers, not read from the code.
"""

from __future__ import annotations

import errno
import json
import os
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import InputError
from whipcount.io.limits import Limits, check_web_url, decode_text, default_limits, read_bytes_file, web_url_problem
from whipcount.io.yamlsource import load_json_text, load_yaml_text

DEPTH, ALIASES, VALUES, DIGITS, MEGABYTES = 64, 1_000, 5_000_000, 100, 64


def test_the_defaults_are_the_stated_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WHIPCOUNT_MAX_INPUT_MB", raising=False)
    lim = default_limits()
    assert (lim.max_depth, lim.max_aliases, lim.max_nodes, lim.max_digits) == (DEPTH, ALIASES, VALUES, DIGITS)
    assert lim.max_bytes == MEGABYTES * 1024 * 1024


@pytest.mark.parametrize("levels", [DEPTH, DEPTH + 1])
def test_nesting_up_to_the_bound(levels: int) -> None:
    yaml_text = "[" * levels + "1" + "]" * levels + "\n"
    json_text = "[" * levels + "1" + "]" * levels
    if levels <= DEPTH:
        assert load_yaml_text(yaml_text, "deep.yaml").data is not None
        assert load_json_text(json_text, "deep.json") is not None
        return
    with pytest.raises(InputError, match=rf"^deep\.yaml:1: .*nested too deeply \(over {DEPTH} levels\)"):
        load_yaml_text(yaml_text, "deep.yaml")
    with pytest.raises(InputError, match=rf"^deep\.json: nested too deeply \(over {DEPTH} levels"):
        load_json_text(json_text, "deep.json")


@pytest.mark.parametrize("count", [ALIASES, ALIASES + 1])
def test_aliases_up_to_the_bound(count: int) -> None:
    text = "a: &x 1\nb:\n" + "  - *x\n" * count
    if count <= ALIASES:
        assert load_yaml_text(text, "aliases.yaml").data["b"] == [1] * count
        return
    with pytest.raises(InputError, match=rf"^aliases\.yaml:{2 + count}: .*too many aliases \(over {ALIASES}\)"):
        load_yaml_text(text, "aliases.yaml")


# every key, scalar, list and mapping is one value; an alias counts as everything it stands for
VALUE_COUNTS = [("x\n", 1), ("{}\n", 1), ("[1, 2]\n", 3), ("[[1]]\n", 3), ("a: 1\n", 3), ("{a: [1, 2]}\n", 5),
                ("a: &x [1, 2]\nb: *x\n", 9), ("a: &x 1\nb: *x\n", 5), ("a: &x {k: [1, 2]}\nb: [*x, *x]\n", 1 + 1 + 5 + 1 + 1 + 5 + 5)]


@pytest.mark.parametrize(("text", "values"), VALUE_COUNTS)
def test_values_are_counted_as_stated(text: str, values: int) -> None:
    assert load_yaml_text(text, "v.yaml", Limits(max_nodes=values)).data is not None
    with pytest.raises(InputError, match=rf"^v\.yaml: too many values: over {values - 1} once aliases"):
        load_yaml_text(text, "v.yaml", Limits(max_nodes=values - 1))


# JSON's values are counted as YAML's: each key, scalar, array and object one
JSON_VALUE_COUNTS = [("1", 1), ("[]", 1), ('"a,b:[{"', 1), ("[[]]", 2), ("[1, 2]", 3), ("[[1]]", 3), ('{"a": 1}', 3),
                     ('{"a": [1, 2]}', 5), ('{"a": [ ], "b": {"c": "d:e,f"}}', 7), ('[{}, [ ], [{}]]', 5)]


@pytest.mark.parametrize(("text", "values"), JSON_VALUE_COUNTS)
def test_json_values_are_counted_as_yamls(text: str, values: int) -> None:
    assert load_json_text(text, "v.json", Limits(max_nodes=values)) is not None
    with pytest.raises(InputError, match=rf"^v\.json: too many values: {values:,}, at most {values - 1:,} "):
        load_json_text(text, "v.json", Limits(max_nodes=values - 1))


def test_json_of_more_values_than_the_default_bound_is_refused_before_it_is_built() -> None:
    # twenty million empty objects in 60 MB took 1.5 GB and 30 s to be built and refused one by one
    text = "[" + ",".join(["{}"] * VALUES) + "]"
    with pytest.raises(InputError, match=rf"^big\.json: too many values: {VALUES + 1:,}, at most {VALUES:,}"):
        load_json_text(text, "big.json")


@pytest.mark.parametrize("text", ["[" * 100_000, "[" * 70 + "]" * 10, '{"a": ' * 100_000])
def test_json_left_open_deep_is_refused_as_too_deep(text: str) -> None:
    with pytest.raises(InputError, match=rf"^deep\.json: nested too deeply \(over {DEPTH} levels"):
        load_json_text(text, "deep.json")


def test_an_alias_bomb_stops_at_the_default_bound() -> None:
    # ten levels of ten aliases each would stand for 10**10 values: refused long before they are built
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 10)]
    # the aliases of the fifth line stand for 11,111 values each: the eighth of them passes 100,000 in all
    with pytest.raises(InputError, match=r"^bomb\.yaml:5: the aliases stand for over 100,000 values together"):
        load_yaml_text("\n".join(lines) + "\n", "bomb.yaml")
    # with the aliases' own bound lifted, the bound on the document's values still holds
    with pytest.raises(InputError, match=rf"too many values: over {VALUES:,} once aliases are expanded"):
        load_yaml_text("\n".join(lines) + "\n", "bomb.yaml", Limits(max_alias_values=10**12))


@pytest.mark.parametrize("digits", [DIGITS, DIGITS + 1])
def test_numbers_up_to_the_bound(digits: int) -> None:
    number = "9" * digits
    if digits <= DIGITS:
        assert load_yaml_text(f"n: {number}\n", "n.yaml").data["n"] == int(number)
        assert load_json_text(f'{{"n": -{number}}}', "n.json")["n"] == -int(number)
        return
    with pytest.raises(InputError, match=rf"^n\.yaml:1: .*a number of {digits} digits \(at most {DIGITS}\)"):
        load_yaml_text(f"n: {number}\n", "n.yaml")
    with pytest.raises(InputError, match=rf"^n\.json:1: .*a number of {digits + 1} digits"):
        load_json_text(f'{{"n": -{number}}}', "n.json")


@pytest.mark.parametrize("extra", [0, 1])
def test_a_file_of_exactly_the_cap_is_read(extra: int, tmp_path: Path) -> None:
    cap = 1000
    path = tmp_path / "f.yaml"
    path.write_bytes(b"#" * (cap + extra))
    if not extra:
        assert len(read_bytes_file(path, "YAML", Limits(max_bytes=cap))) == cap
        return
    with pytest.raises(InputError, match=r"f\.yaml: too large"):
        read_bytes_file(path, "YAML", Limits(max_bytes=cap))


@pytest.mark.parametrize(("data", "line", "at"), [(b"\xff\n", 1, 0), (b"\n\xff", 2, 1), (b"a\n\nb\xff\n", 3, 4),
                                                  (b"\n\n\n\n\xfe", 5, 4)])
def test_a_byte_that_is_not_utf8_is_named_by_its_line(data: bytes, line: int, at: int) -> None:
    with pytest.raises(InputError, match=rf"^f\.csv:{line}: not UTF-8 text \(byte {at}: "):
        decode_text(data, "f.csv")


def test_json_problems_are_named_by_the_line_they_are_on() -> None:
    text = '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}'
    with pytest.raises(InputError, match=r"^d\.json:4: not valid JSON: duplicate key 'a'"):
        load_json_text(text, "d.json")
    with pytest.raises(InputError, match=r"^n\.json:3: not valid JSON: NaN is not a number"):
        load_json_text('{\n  "a": 1,\n  "b": NaN\n}', "n.json")


def test_a_bad_web_address_is_echoed_cut_short() -> None:
    url = "ftp://" + "x" * 200
    with pytest.raises(ValueError, match="expected an http:// or https:// address") as caught:
        check_web_url(url)
    echoed = re.search(r"got '(.*)'$", str(caught.value))
    assert echoed is not None and echoed.group(1) == url[:59] + "…"


def test_an_address_with_any_space_is_refused_and_one_without_is_not() -> None:
    # every code point str.isspace() calls a space (the truth), in the middle of an address or at its end
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
    assert " " in spaces and "\u00a0" in spaces and "\u3000" in spaces
    for c in spaces:
        for url in (f"https://www.dawn.com/a{c}b", f"https://www.dawn.com/{c}"):
            assert web_url_problem(url) == "expected an address without spaces or line breaks", repr(c)
    assert web_url_problem("https://www.dawn.com/news/1683012/a_b-c~d%20e") is None


@pytest.mark.parametrize(("value", "ok"), [("0", False), ("-1", False), ("0.5", True), ("1000000", True),
                                           ("1000001", False), ("lots", False)])
def test_the_size_cap_from_the_environment(value: str, ok: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WHIPCOUNT_MAX_INPUT_MB", value)
    if ok:
        assert default_limits().max_bytes == int(float(value) * 1024 * 1024)
        return
    with pytest.raises(InputError, match=r"^WHIPCOUNT_MAX_INPUT_MB: expected a number of megabytes"):
        default_limits()


@pytest.mark.parametrize(("code", "step", "says"), [
    (errno.EACCES, "open", "permission denied (cannot read the file)"),
    (errno.EPERM, "open", "permission denied (cannot read the file)"),
    (errno.EIO, "read", "cannot read (Input/output error)"),
    (errno.EIO, "open", "cannot read (Input/output error)"),
])
def test_a_file_that_cannot_be_opened_or_read_says_why(code: int, step: str, says: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # what the system says, in its words, after the file's name (tests run as any user, so the refusal
    # comes from the system call rather than from the file's mode)
    path = tmp_path / "s.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, step, refuse)
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: {re.escape(says)}$"):
        read_bytes_file(path, "scenario")


def test_a_file_name_too_long_is_named_cut_short(tmp_path: Path) -> None:
    path = tmp_path / ("x" * 300 + ".yaml")
    with pytest.raises(InputError, match=r"^.{1,200}…: file name too long$"):
        read_bytes_file(path, "scenario")


def _walked(value: object, depth: int = 0) -> tuple[int, int]:
    """(nesting depth, values) of a parsed JSON value, counted as the reader counts them: each key, scalar,
    array and object one."""
    if isinstance(value, dict):
        inner = [_walked(v, depth + 1) for v in value.values()]
        return max([depth + 1, *(d for d, _ in inner)]), 1 + len(value) + sum(n for _, n in inner)
    if isinstance(value, list):
        inner = [_walked(v, depth + 1) for v in value]
        return max([depth + 1, *(d for d, _ in inner)]), 1 + sum(n for _, n in inner)
    return depth, 1


_JSON_TEXT = st.text(alphabet=st.sampled_from(['"', "\\", "/", "a", "[", "]", "{", "}", ",", ":", "\n", "é", "\u2028"]))
_JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | _JSON_TEXT,
                            lambda kids: st.lists(kids, max_size=4) | st.dictionaries(_JSON_TEXT, kids, max_size=4),
                            max_leaves=30)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(value=_JSON_VALUES, indent=st.sampled_from([None, 2]))
def test_a_json_document_s_depth_and_values_are_counted_without_parsing_it(value: object, indent: int | None) -> None:
    # strings full of quotes, backslashes and brackets must not be taken for structure
    from whipcount.io.yamlsource import _json_shape

    assert _json_shape(json.dumps(value, indent=indent, ensure_ascii=False)) == _walked(value)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(value=_JSON_VALUES, indent=st.sampled_from([None, 2]), piece=st.integers(1, 12))
def test_a_json_document_counted_in_pieces_counts_as_it_does_whole(value: object, indent: int | None,
                                                                    piece: int) -> None:
    """A large text is counted a piece at a time, each cut where no string is open: with pieces of a few
    characters, every cut falls in a small document, next to a quote, a backslash or a bracket."""
    import whipcount.io.json_places as places
    from whipcount.io.yamlsource import _json_shape

    text = json.dumps(value, indent=indent, ensure_ascii=False)
    whole = places._PIECE
    places._PIECE = piece
    try:
        assert "".join(places.json_pieces(text)) == text
        assert _json_shape(text) == _walked(value)
    finally:
        places._PIECE = whole


def test_json_of_many_short_strings_is_counted_without_a_copy_of_its_size() -> None:
    """Replacing every string of the whole text at once made a piece for each: a 39 MB file of short strings
    took 550 MB before it was refused for its values."""
    import tracemalloc

    text = json.dumps({"persons": [{"id": "a", "name": "b"}] * 200_000})
    tracemalloc.start()
    try:
        # the document, its key and list, and five for each person: itself, two keys and two values
        with pytest.raises(InputError, match=r"^t\.json: too many values: 1,000,003, at most 100,000 "):
            load_json_text(text, "t.json", Limits(max_nodes=100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < len(text)  # the text was 4.8 MB; counted whole, it took over 50 MB more
