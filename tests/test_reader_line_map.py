"""The YAML reader keeps the line of every item of a list in a few bytes, and a text the file repeats (an id,
a key) once: a file of millions of values within every list's cap (the members of events) had taken about 200
bytes a value, most of it the path of each item (a tuple) and its entry in a dict of lines, before validation
could refuse it. The lines and values read are checked against the file's own layout, written here."""

from __future__ import annotations

import tracemalloc

from whipcount.io.line_map import LineMap
from whipcount.io.yamlsource import load_yaml_text

EVENTS, MEMBERS = 100, 2_000


def _events() -> str:
    """``events`` on line 1; event i's ``- members:`` on line 2 + 2,001 i, its member j on the line after + j."""
    return "events:\n" + ("  - members:\n" + "".join(f"    - m{j}\n" for j in range(MEMBERS))) * EVENTS


def test_the_line_of_each_item_of_a_long_list_takes_a_few_bytes() -> None:
    text = _events()
    tracemalloc.start()
    try:
        located = load_yaml_text(text, "s.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    values = EVENTS * MEMBERS
    # a member: its place in its list (8 bytes) and its line (4); the 2,000 ids once. The reader of before
    # held about 200 bytes a member (a path of 4 and its entry in the lines, and a copy of the id)
    assert peak < 40 * values, f"{peak:,} bytes for {values:,} members"
    for i, j in [(0, 0), (0, MEMBERS - 1), (57, 1_234), (EVENTS - 1, MEMBERS - 1)]:
        assert located.line(("events", i, "members", j)) == 3 + i * (MEMBERS + 1) + j
        assert located.where(("events", i, "members", j)) == \
            f"s.yaml:{3 + i * (MEMBERS + 1) + j}: events[{i}].members[{j}]"
    assert located.line(("events", 3)) == 2 + 3 * (MEMBERS + 1)
    assert located.line(("events", 3, "members")) == 2 + 3 * (MEMBERS + 1)
    assert located.line(("events", 3, "members", MEMBERS)) == 2 + 3 * (MEMBERS + 1)  # no such item: the list's
    assert located.data["events"][EVENTS - 1]["members"][MEMBERS - 1] == f"m{MEMBERS - 1}"


def test_a_text_the_file_repeats_is_kept_once() -> None:
    located = load_yaml_text(_events(), "s.yaml")
    first, last = located.data["events"][0]["members"], located.data["events"][EVENTS - 1]["members"]
    assert first == last
    assert all(a is b for a, b in zip(first, last, strict=True))


def test_the_lines_read_as_a_mapping_of_every_path() -> None:
    lines = LineMap({("a",): 1, ("a", 1): 9})
    lines.add_item(("a",), 2)
    lines.add_item(("a",), 3)  # ("a", 1) was given as it opened: that line holds
    lines.add_item(("a",), 4)
    assert dict(lines) == {("a",): 1, ("a", 0): 2, ("a", 1): 9, ("a", 2): 4}
    assert len(lines) == 4 and ("a", 3) not in lines and ("b", 0) not in lines
    assert lines == {("a",): 1, ("a", 0): 2, ("a", 1): 9, ("a", 2): 4}
    assert lines.setdefault(("a", 0), 7) == 2 and lines.setdefault(("b",), 7) == 7 and lines[("b",)] == 7
    lines.add_key(("m",), "k", 5)
    assert lines[("m", "k")] == 5 and ("m", "j") not in lines and len(lines) == 6
    assert dict(lines.under(("a",))) == {(): 1, (0,): 2, (1,): 9, (2,): 4}
    assert dict(lines.under(("m",))) == {("k",): 5}


def test_the_line_of_each_key_of_a_mapping_is_kept_without_a_path_each() -> None:
    """An event's extras of 2,000 keys, in 50 events: each key's line kept in one dict for its mapping, where
    each had had a path of its own (a tuple of four, 72 bytes) besides."""
    event = "  - extras:\n" + "".join(f"      k{j}: {j}\n" for j in range(MEMBERS))
    text = "events:\n" + event * 50
    tracemalloc.start()
    try:
        located = load_yaml_text(text, "s.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    keys = 50 * MEMBERS
    # a key: its entry in its mapping and in the mapping's lines (about 40 bytes each, a line past 256 a number
    # of 28); the reader of before held about 200 bytes a key
    assert peak < 150 * keys, f"{peak:,} bytes for {keys:,} keys"
    for i, j in [(0, 0), (7, 1_999), (49, 1_000)]:
        assert located.where(("events", i, "extras", f"k{j}")) == \
            f"s.yaml:{3 + i * (MEMBERS + 1) + j}: events[{i}].extras.k{j}"
    assert located.line(("events", 3, "extras", "k9999")) == 2 + 3 * (MEMBERS + 1)  # no such key: the mapping's
