"""An event's field that its kind does nothing with is refused, naming it and what the kind takes.

`{kind: join-party, party: blue, seats: 1, into: red}` was read as a join of blue, `into` (a merge's
field) doing nothing, unsaid: a reader who meant a merge saw no error and a different chamber. Each kind's
fields are checked against what its handler reads; the table is held to the handlers by replaying every
kind with each field it claims to take.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount import load_scenario
from whipcount.errors import WhipcountError
from whipcount.model import EVENT_FIELDS, PROCEDURAL_KINDS

HEAD = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
"""


@pytest.mark.parametrize(("event", "field", "kind"), [
    ("kind: join-party, party: blue, seats: 1, into: red", "into", "join-party"),
    ("kind: switch-side, party: blue, to: government, new_party: {id: x, name: X}", "new_party", "switch-side"),
    ("kind: resign, party: blue, seats: 1, to: government", "to", "resign"),
    ("kind: statement, party: blue, seats: 2", "seats", "statement"),
    ("kind: ruling, effect: dismiss, to_party: red", "to_party", "ruling"),
    ("kind: government-change, party: red", "party", "government-change"),
    ("kind: merge, parties: [red, blue], into: red, effect: none", "effect", "merge"),
])
def test_a_field_the_kind_does_nothing_with_is_refused(tmp_path: Path, event: str, field: str, kind: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(HEAD + f'  - {{date: 2020-02-01, {event}, source: "https://example.org/a"}}\n', encoding="utf-8")
    with pytest.raises(WhipcountError, match=rf"case.yaml:6: events\[0\]: {field}: a {kind} event does nothing "):
        load_scenario(path)


def test_every_kind_is_in_the_table() -> None:
    from whipcount.model import SEAT_KINDS

    assert set(EVENT_FIELDS) == SEAT_KINDS | PROCEDURAL_KINDS


@pytest.mark.parametrize("event", [
    "kind: switch-side, party: blue, to: government, seats: 1, from_side: opposition",
    "kind: defect, party: blue, to: government, seats: 1",
    "kind: leave-party, party: blue, seats: 1, to_party: red, to: government",
    "kind: join-party, party: red, from_party: blue, seats: 1, to: government",
    "kind: split, party: blue, seats: 2, new_party: {id: green, name: Green}, to: government",
    "kind: merge, parties: [red, blue], into: red",
    "kind: resign, party: blue, seats: 1, from_side: opposition",
    "kind: ruling, effect: dismiss, party: red",
    "kind: government-change",
])
def test_what_each_kind_takes_is_read(tmp_path: Path, event: str) -> None:
    """Each of these uses fields its kind takes, and changes the chamber as they say (by hand)."""
    path = tmp_path / "case.yaml"
    path.write_text(HEAD + f'  - {{date: 2020-02-01, {event}, source: "https://example.org/a"}}\n', encoding="utf-8")
    sc = load_scenario(path)
    state = sc.state(sc.events[0].date)
    by_side = {side: sum(p.seats_on(side) for p in state.parties) for side in ("government", "opposition")}
    expected = {"switch-side": (7, 4), "defect": (7, 4), "leave-party": (7, 4), "join-party": (7, 4),
                "split": (8, 3), "merge": (6, 5), "resign": (6, 4), "ruling": (6, 5), "government-change": (5, 6)}
    kind = event.split(",")[0].removeprefix("kind: ")
    assert (by_side["government"], by_side["opposition"]) == expected[kind], (kind, by_side)
    held = {p.id: p.seats for p in state.parties if p.seats}
    if kind == "merge":  # into red: blue's five sit on as red, on their side
        assert held == {"red": 11}


def test_the_readme_table_names_what_each_seat_kind_takes() -> None:
    """README.md's table of seat events names exactly the fields each kind takes."""
    import re

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("Seat events (they change who sits where):", 1)[1].split("\n\n", 2)[1]
    seen = set()
    for row in table.splitlines()[2:]:
        kinds_cell, fields_cell = row.split("|")[1:3]
        fields = {re.sub(r":.*", "", f) for f in re.findall(r"`([a-z_]+(?::[^`]*)?)`", fields_cell)}
        for kind in re.findall(r"`([a-z-]+)`", kinds_cell):
            assert fields == set(EVENT_FIELDS[kind]), kind
            seen.add(kind)
    from whipcount.model import SEAT_KINDS

    assert seen == SEAT_KINDS
