"""The command line's event table gives each event's seats as the README's table of events reads them: a
resignation, a by-election, leaving or joining a party without ``seats`` moves one seat (it had said "all"),
a whole party's switch-side or a change of government "all"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from whipcount.cli.tally import events_table
from whipcount.io.scenario import load_scenario

CASE = """\
id: one-seat
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
  - {date: 2020-02-01, kind: resign, party: red, summary: Red resignation, source: "https://example.org/a"}
  - {date: 2020-02-02, kind: by-election, party: blue, summary: Blue by-election, source: "https://example.org/b"}
  - {date: 2020-02-03, kind: leave-party, party: blue, summary: Blue member leaves, source: "https://example.org/c"}
  - {date: 2020-02-04, kind: join-party, party: red, summary: Independent joins Red, source: "https://example.org/d"}
  - {date: 2020-02-05, kind: switch-side, party: red, seats: 2, to: opposition, summary: Two Reds cross,
     source: "https://example.org/e"}
  - {date: 2020-02-06, kind: switch-side, party: blue, to: government, summary: Blue crosses whole,
     source: "https://example.org/f"}
  - {date: 2020-02-07, kind: government-change, summary: New government, source: "https://example.org/g"}
"""
EXPECTED = {"Red resignation": "1", "Blue by-election": "1", "Blue member leaves": "1", "Independent joins Red": "1",
            "Two Reds cross": "2", "Blue crosses whole": "all", "New government": "all"}


def test_the_seats_column_reads_the_defaults(write_scenario: Callable[[str], Path]) -> None:
    sc = load_scenario(write_scenario(CASE))
    table = events_table(sc, dt.date(2020, 1, 1), dt.date(2020, 3, 1))
    assert table is not None
    console = Console(width=200, record=True)
    console.print(table)
    rows = [line for line in console.export_text().splitlines() if "2020-02" in line]
    got = {}
    for line in rows:
        cells = [c.strip() for c in line.strip("│ ").split("│")]
        got[cells[1]] = cells[2]
    assert got == EXPECTED


def test_a_member_leaving_without_a_count_is_described_as_one() -> None:
    """Read as words, "Blue Party leave the party as independents" had the whole party leave: one member does."""
    from whipcount.model import Event

    day = dt.date(2020, 2, 3)
    names = {"blue": "Blue Party", "red": "Red Party"}
    assert Event(day, "leave-party", party="blue").describe(names) == "1 of Blue Party leaves the party as an independent"
    assert Event(day, "join-party", party="red", from_party="blue").describe(names) == "1 of Blue Party joins Red Party"
