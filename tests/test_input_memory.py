"""A file refused for its size is refused before it is held whole, and more than once, in memory.

Each reader (a scenario's and a constitution's YAML, a Popolo bundle's and an Open Civic Data vote event's
JSON, a CSV) is given a 20 MB file it must refuse: one value of 20 million characters, a list far past its
cap, a line of ten million cells, nesting that holds ten million values. The command is run in a child
process and the most memory it held resident (the kernel's count, ``ru_maxrss``) is compared with what the
same command holds refusing a smaller file with the same flaw (a value of a million characters; nesting of
five million values): the difference must stay within a small multiple of the file's size. On 20 MB files
the readers of before added 1.8 to 8.6 times the file (they held its bytes, its text and a parser's copy at
once; a CSV line of ten million cells, 171 MB; one YAML value, which libyaml gathers whole before Python's
copy of it, 2.4 times), these add at most the file's size once (libyaml is handed only the first 4 MB of a
run of one value's characters).
"""

from __future__ import annotations

import datetime as dt
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from limited import peak_of
from whipcount.errors import InputError
from whipcount.io.limits import Limits
from whipcount.io.yamlsource import load_json_text, load_yaml_text

SIZE = 20 * 1024 * 1024
SMALL = 1_000_002  # the same flaw, just past the bound of a million characters
MB = 1024 * 1024

HEAD = ("chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}\nparties:\n"
        "  - {id: a, name: A, seats: 300, side: government}\n  - {id: b, name: B, seats: 300, side: opposition}\n")
CSV = ("import", "csv", "r.csv", "--rules", "pk-na", "--as-of", "2020-01-01", "-o", "out.yaml")


def _scenario_value(n: int) -> dict[str, str]:
    return {"s.yaml": HEAD + "description: " + "x" * n + "\n"}


def _scenario_list(n: int) -> dict[str, str]:
    line = "  - {id: m, name: Member, party: a}\n"
    return {"s.yaml": HEAD + "members:\n" + line * (n // len(line) + 20_001)}


def _constitution_value(n: int) -> dict[str, str]:
    return {"s.yaml": "chamber: {name: C, rules: ./c.yaml, seats: 600, as_of: 2000-01-01}\nparties:\n"
                      "  - {id: a, name: A, seats: 600, side: government}\n",
            "c.yaml": "id: c\nname: C\ncountry: X\nnote: " + "x" * n + "\n"}


def _popolo_value(n: int) -> dict[str, str]:
    return {"p.json": '{"organizations": [], "persons": [{"id": "p", "name": "' + "x" * n + '"}]}\n'}


def _popolo_nested(n: int) -> dict[str, str]:
    deep = "[" * 60 + "1" + "]" * 60  # 61 values in 121 characters, 122 with a comma: 5,000,000 in 10 MB
    return {"p.json": '{"organizations": [], "persons": [], "x": [' + ",".join([deep] * (max(n, 10 * MB) // 122))
                      + "]}\n"}


def _ocd_key(n: int) -> dict[str, str]:
    return {"v.json": '{"id": "v", "' + "x" * n + '": 1}\n'}


VOTE = '{"option": "yes", "voter_name": "Voter"}'


def _votes(n: int) -> int:
    return max(n, 5 * MB) // (len(VOTE) + 2)  # past the general cap of 100,000 items, in 5 MB at least


def _ocd_list(n: int) -> dict[str, str]:
    return {"v.json": '{"id": "v", "votes": [\n' + ",\n".join([VOTE] * _votes(n)) + "\n]}\n"}


def _csv_cells(n: int) -> dict[str, str]:
    return {"r.csv": "party,seats,side\na,1,government" + ",1" * (n // 2) + "\n"}


Files = Callable[[int], dict[str, str]]
CASES: list[tuple[str, Files, tuple[str, ...], str, float]] = [
    # what, the files, the command, its refusal of the large file, how many times the file's size it may add
    ("scenario: one value", _scenario_value, ("tally", "s.yaml"),
     "s.yaml:5: description: 20,971,520 characters; at most 1,000,000 accepted in one key or value", 1.0),
    ("scenario: a list past its cap", _scenario_list, ("tally", "s.yaml"),
     "s.yaml:20006: members: over 20,000 listed; at most 20,000 accepted", 0.5),
    ("constitution: one value", _constitution_value, ("tally", "s.yaml"),
     "s.yaml:1: chamber.rules: {folder}/c.yaml:4: note: 20,971,520 characters; at most 1,000,000 accepted in one "
     "key or value", 1.0),
    ("popolo: one value", _popolo_value, ("import", "popolo", "p.json", "-o", "out.yaml"),
     "p.json:1: a string of 20,971,520 characters; at most 1,000,000 accepted in one key or value", 1.3),
    ("popolo: nested values", _popolo_nested, ("import", "popolo", "p.json", "-o", "out.yaml"),
     f"p.json: too many values: {7 + 61 * (SIZE // 122):,}, at most 5,000,000 (each key, value, array and object counts one)", 1.0),
    ("ocd: one key", _ocd_key, ("import", "ocd", "v.json", "--scenario", "pk-na-2022", "-o", "out.yaml"),
     "v.json:1: a string of 20,971,520 characters; at most 1,000,000 accepted in one key or value", 1.3),
    ("ocd: a list far past its cap", _ocd_list, ("import", "ocd", "v.json", "--scenario", "pk-na-2022", "-o",
                                                  "out.yaml"),
     f"v.json:1: votes: {_votes(SIZE):,} listed; at most 20,000 accepted", 2.5),
    ("csv: one line of cells", _csv_cells, CSV,
     "r.csv:2: a line of 20,971,535 characters; at most 1,000,000 accepted", 1.0),
]


def _write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text)


@pytest.mark.parametrize(("what", "files", "args", "refusal", "times"), CASES, ids=[c[0] for c in CASES])
def test_a_large_file_is_refused_within_a_small_multiple_of_its_size(
        tmp_path: Path, what: str, files: Files, args: tuple[str, ...], refusal: str, times: float) -> None:
    _write(tmp_path / "small", files(SMALL))
    _write(tmp_path / "large", files(SIZE))
    size = max(p.stat().st_size for p in (tmp_path / "large").iterdir())
    baseline, small = peak_of(*args, cwd=tmp_path / "small")
    assert small.returncode == 1, small.stderr[-500:]
    peak, proc = peak_of(*args, cwd=tmp_path / "large")
    added = peak - baseline
    assert added <= times * size, (f"{what}: {added / MB:.0f} MB above the {baseline / MB:.0f} MB of a small file's "
                                   f"refusal, for a file of {size / MB:.0f} MB (at most {times:g} times)")
    assert proc.returncode == 1, proc.stderr[-500:]
    assert "Traceback" not in proc.stderr
    expected = refusal.format(folder=tmp_path / "large")
    assert proc.stderr.strip().splitlines() == [f"error: {expected}"]
    assert not (tmp_path / "large" / "out.yaml").exists()


# -- the readers themselves ---------------------------------------------------------------------------------------
def _deep_yaml(lines: int) -> str:
    return "x:\n" + "".join(f"  k{i}: {'[' * 60}1{']' * 60}\n" for i in range(lines))


def test_yaml_past_the_bound_on_values_is_refused_before_they_are_built() -> None:
    """61 values a line, nested 60 deep: the reader of before built 100,000 of them, with the line of each
    (the path of a value 60 deep is a tuple of 60), 60 MB for 200 KB of text."""
    text = _deep_yaml(2_000)  # 122,001 values
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"^d\.yaml: too many values: over 100,000 "):
            load_yaml_text(text, "d.yaml", Limits(max_nodes=100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * len(text), f"{peak:,} bytes for {len(text):,} characters"


BAD_YAML = [
    "a: 1\nb: [1, 2]\na: 3\n",  # a key given twice
    "a:\n  - [[[[[[1]]]]]]\n",  # too deep for the limits below
    "a: &x [1, 2, 3]\nb: [*x, *x, *x, *x]\n",  # the aliases stand for too much
    "a: [" + ", ".join("1" * 3 for _ in range(30)) + "]\n",  # a list past the items' bound
    "a: 1\n---\nb: 2\n",  # a second document
    "a: {b: 1, b: 2}\n",
    "a: " + "x" * 60 + "\n",  # a value past the bound on characters
    "a: !!binary aGVsbG8=\n",
    "a: [1, 2, 3]\nb: [4, 5, 6]\nc: [7, 8, 9]\n",  # past the bound on values
]


@pytest.mark.parametrize("text", BAD_YAML)
def test_the_first_reading_refuses_as_the_building_one_does(text: str) -> None:
    """The reading that keeps nothing refuses a file where, and in the words, the reading that builds it
    does: else a large file's refusal would name another problem than a small one's."""
    import yaml

    from whipcount.io.yamlbuild import build

    lim = Limits(max_depth=4, max_items=20, max_alias_values=8, max_text=50, max_nodes=10)
    said = []
    for dry in (False, True):
        with pytest.raises(InputError) as refused:
            build(yaml.parse(text), "b.yaml", lim, None, dry=dry)
        said.append(str(refused.value))
    assert said[0] == said[1]


def test_a_good_yaml_file_builds_the_same_after_a_first_reading(tmp_path: Path) -> None:
    """A file read through first (its marks allow more values than the bound: a large file) loads as one
    that is not: the same values, the same lines."""
    from whipcount.io.yamlsource import load_yaml_file

    path = tmp_path / "g.yaml"
    path.write_text("a: [1, 2, {b: c}]\nd:\n  - e: 2020-01-02\n    f: 'g'\n")
    once = load_yaml_file(path, Limits(max_nodes=10_000_000))
    twice = load_yaml_file(path, Limits(max_nodes=15, max_alias_values=0))  # its 15 values, read through first
    assert (once.data, once.lines) == (twice.data, twice.lines)
    assert once.data == {"a": [1, 2, {"b": "c"}], "d": [{"e": dt.date(2020, 1, 2), "f": "g"}]}
    assert once.lines[("d", 0, "f")] == 4


def test_a_json_string_is_counted_in_characters_not_bytes() -> None:
    """A string of a million letters of two bytes each is within the bound; one more letter is past it."""
    within = '{"a": "' + "é" * 1_000_000 + '"}'
    assert load_json_text(within, "e.json")["a"] == "é" * 1_000_000
    with pytest.raises(InputError, match=r"^e\.json:2: a string of 1,000,001 characters; at most 1,000,000 "
                                         r"accepted in one key or value$"):
        load_json_text('{\n"a": "' + "é" * 1_000_001 + '"}', "e.json")


def test_a_json_file_string_is_counted_in_characters_not_bytes(tmp_path: Path) -> None:
    from whipcount.io.yamlsource import load_json_file

    path = tmp_path / "e.json"
    path.write_text('{"a": "' + "é" * 1_000_000 + '"}', encoding="utf-8")
    assert load_json_file(path)["a"] == "é" * 1_000_000
    path.write_text('{\n"a": "' + "é" * 1_000_001 + '"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"e\.json:2: a string of 1,000,001 characters; at most 1,000,000 "):
        load_json_file(path)


def test_a_json_string_of_escapes_is_left_to_the_parse_unless_it_must_be_too_long() -> None:
    """``\\u00e9`` writes one character in six: 1,000,001 of them are 6 MB written, which may hold no more
    than a million characters as far as a count of the written text can tell; 2,000,001 are past even that."""
    assert len(load_json_text('{"a": "' + "\\u00e9" * 1_000_001 + '"}', "u.json")["a"]) == 1_000_001
    with pytest.raises(InputError, match=r"^u\.json:1: a string of over 1,000,000 characters \(12,000,006 as "
                                         r"written\); at most 1,000,000 accepted in one key or value$"):
        load_json_text('{"a": "' + "\\u00e9" * 2_000_001 + '"}', "u.json")


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_a_csv_file_read_a_megabyte_at_a_time_splits_as_its_text_does(tmp_path: Path, ending: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Read a few bytes at a time, every line break (a CRLF too) and every letter of two bytes falls across
    two pieces somewhere: the rows are those of the text read whole, each with its line."""
    from whipcount.io import csv_cells
    from whipcount.io.streamed import open_checked

    rows = [f"pé{i},{i},\"a{ending}b\"" for i in range(40)]
    text = "\ufeffparty,seats,note" + ending + ending.join(rows) + ending
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode())
    whole = csv_cells._rows(text, "t.csv")
    monkeypatch.setattr(csv_cells, "MB", 7)
    with open_checked(path, "CSV", Limits()) as source:
        read = csv_cells.file_rows(source, "t.csv")
    assert read == whole
    assert [r.line for r in read[1]] == [2 + 2 * i for i in range(40)]  # each row two lines: its note's break
    assert read[1][3].cells == {"party": "pé3", "seats": "3", "note": f"a{ending}b"}


def test_a_csv_line_too_long_is_counted_to_its_end_without_being_kept(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from whipcount.errors import InterchangeError
    from whipcount.io import csv_cells
    from whipcount.io.streamed import open_checked

    path = tmp_path / "l.csv"
    path.write_text("party,seats\n" + "a,1\n" + "b" * 1_500_000 + ",1\nc,1\n")
    monkeypatch.setattr(csv_cells, "MB", 1000)
    with open_checked(path, "CSV", Limits()) as source, \
            pytest.raises(InterchangeError, match=r"^l\.csv:3: a line of 1,500,003 characters; at most 1,000,000 "
                                                  r"accepted$"):
        csv_cells.file_rows(source, "l.csv")


def test_values_nested_deep_within_the_bounds_are_read_without_a_line_for_each() -> None:
    """A value 60 deep had its path (a tuple of 60) kept with its line: a million such values in 2 MB took
    480 MB. Lines are kept 16 deep; a value below is named by its nearest ancestor's line."""
    text = _deep_yaml(300)  # 18,301 values, 36 KB
    tracemalloc.start()
    try:
        located = load_yaml_text(text, "d.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the values alone take 60 times the text (a list of one item, about 120 bytes, for two characters); with
    # the line of each, 200 times
    assert peak < 100 * len(text), f"{peak:,} bytes for {len(text):,} characters"
    assert _nested(located.data["x"]["k7"]) == 60
    assert located.line(("x", "k7")) == 9  # x on line 1, k0 on line 2
    assert located.line(("x", "k7", *[0] * 14)) == 9  # each list of the line starts on it
    assert located.line(("x", "k7", *[0] * 59)) == 9
    assert len(max(located.lines, key=len)) == 16


def _nested(value: object) -> int:
    depth = 0
    while isinstance(value, list):
        value, depth = value[0], depth + 1
    return depth


@pytest.mark.parametrize("chunk", [1, 2, 3, 7, 1 << 20])
@pytest.mark.parametrize("seed", range(40))
def test_the_longest_list_read_a_chunk_at_a_time_is_the_one_a_parse_finds(seed: int, chunk: int,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The structure's marks read a few at a time (a list cut anywhere, its last bracket carried from chunk
    to chunk): the most items a list holds is the parsed value's, and the place found opens a list of them."""
    import json
    import random

    from whipcount.io import json_caps

    value = _random_value(random.Random(seed), 0)
    structure = _marks(value)
    monkeypatch.setattr(json_caps, "_CHUNK", chunk)
    items, place = json_caps._longest(structure)
    most = _most(value)
    assert items == (most if most >= 2 else 0), json.dumps(value)  # a list of one item has no comma to count
    if items:
        assert _items_at(structure, place) == items


def _random_value(rng: Any, depth: int) -> object:
    if depth > 3 or rng.random() < 0.3:
        return 1
    if rng.random() < 0.5:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(0, 9))]
    return {f"k{i}": _random_value(rng, depth + 1) for i in range(rng.randrange(0, 9))}


def _marks(value: object) -> bytes:
    if isinstance(value, list):
        return b"[" + b",".join(_marks(v) for v in value) + b"]"
    if isinstance(value, dict):
        return b"{" + b",".join(_marks(v) for v in value.values()) + b"}"
    return b""


def _most(value: object) -> int:
    kids = value if isinstance(value, list) else list(value.values()) if isinstance(value, dict) else None
    return 0 if kids is None else max([len(kids), *(_most(v) for v in kids)])


def _items_at(structure: bytes, place: int) -> int:
    """How many items the list opened at ``place`` holds, counted by walking its marks."""
    depth, commas = 0, 0
    for mark in structure[place:]:
        if mark in b"[{":
            depth += 1
        elif mark in b"]}":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1:
            commas += 1
    return commas + 1
