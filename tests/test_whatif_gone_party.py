"""A what-if naming a party that holds no seats on the day, though the log once gave it seats, says what took them
(the log's last event naming the party: a merger, its members leaving), not only 'no seats of ...', and where they
went: the party the merger goes into, the split's new party, the party joined, the independents. A party never
in the scenario is still an unknown party, with the nearest name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.model.events import Event

MERGER = ("  - {date: 2026-12-05, kind: merge, parties: [party-c, party-b], into: party-b, summary: C merges into B,\n"
          "     source: \"https://example.org/m\"}\n")
SPLIT = ("  - {date: 2026-12-05, kind: split, party: party-c, seats: 5, new_party: {id: party-n, name: New Party},\n"
         "     summary: C becomes N, source: \"https://example.org/s\"}\n")
JOINED = ("  - {date: 2026-12-05, kind: join-party, party: party-a, from_party: party-c, seats: 5,\n"
          "     summary: C's five join A, source: \"https://example.org/j\"}\n")
THEN_INTO_A = ("  - {date: 2026-12-06, kind: merge, parties: [party-b, party-a], into: party-a, summary: B merges into A,\n"
               "     source: \"https://example.org/m2\"}\n")
LEFT = ("  - {date: 2026-12-05, kind: leave-party, party: party-c, seats: 5, summary: C's five sit alone,\n"
        "     source: \"https://example.org/l\"}\n")


@pytest.fixture
def case(run_cli: Callable[..., Any], tmp_path: Path) -> Callable[[str], Path]:
    def make(event: str) -> Path:
        path = tmp_path / "case.yaml"
        assert run_cli("new", str(path), "--on", "2026-12-07", "--force").code == 0
        marker = "motion:                        # the motion being counted"
        path.write_text(path.read_text(encoding="utf-8").replace(marker, event + marker), encoding="utf-8")
        return path
    return make


@pytest.mark.parametrize(("event", "said"), [
    (MERGER, "2026-12-05, Parties merged: C merges into B; its seats went to B ('party-b')"),
    (SPLIT, "2026-12-05, Party split: C becomes N; its seats went to New Party ('party-n')"),
    (JOINED, "2026-12-05, Joined a party: C's five join A; its seats went to A ('party-a')"),
    (LEFT, "2026-12-05, Left a party: C's five sit alone; its seats went to Independents ('independent')"),
    # B, which took them, holds none on the day either: where B's went is said too
    (MERGER + THEN_INTO_A, "2026-12-05, Parties merged: C merges into B; its seats went to B ('party-b'), "
                           "then to A ('party-a')"),
])
def test_a_party_gone_by_the_day_is_said_what_took_its_seats(run_cli: Callable[..., Any],
                                                             case: Callable[[str], Path], event: str,
                                                             said: str) -> None:
    # the example's party C holds 5 seats (2 of them cross to the opposition on 3 December); the event of
    # 5 December takes them all, so on the vote of 17 December C holds none
    path = case(event)
    r = run_cli("what-if", str(path), "--absent", "party-c")
    assert r.code != 0 and "Traceback" not in r.err
    assert f"'party-c' holds no seats on 2026-12-17: {said}" in " ".join(r.err.split())
    before = run_cli("what-if", str(path), "--absent", "party-c", "--on", "2026-12-04")
    assert before.code == 0, before.err  # the day before, C still holds its seats


def test_a_party_never_in_the_scenario_is_unknown(run_cli: Callable[..., Any], case: Callable[[str], Path]) -> None:
    r = run_cli("what-if", str(case(MERGER)), "--absent", "party-q")
    assert r.code != 0 and "unknown party 'party-q'" in r.err and "did you mean 'party-c'?" in r.err


def test_an_event_that_gives_no_party_the_seats_names_none() -> None:
    day = dt.date(2026, 12, 5)
    into_self = Event(day, "merge", parties=("party-c", "party-b"), into="party-b")
    assert into_self.seats_went_to("party-b") is None  # B keeps its own seats
    assert into_self.seats_went_to("party-c") == "party-b"
    assert Event(day, "resign", party="party-c").seats_went_to("party-c") is None  # a seat vacated
    assert Event(day, "split", party="party-a", seats=1).seats_went_to("party-c") is None  # not C's seats
