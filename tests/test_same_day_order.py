"""Events of one day apply in the file's order: a by-election listed before the death that left its seat is
refused, and the error now says why and names the later event (it had said only that no seat was vacant,
while the file showed one falling vacant that very day). Listed the other way round, both apply."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import CliResult

HEAD = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
"""
DEATH = '  - {date: 2020-02-29, kind: death, party: red, source: "https://example.org/a"}\n'
BY_ELECTION = '  - {date: 2020-02-29, kind: by-election, party: blue, source: "https://example.org/b"}\n'
LATER = '  - {date: 2020-03-01, kind: death, party: red, source: "https://example.org/c"}\n'


def test_a_by_election_before_the_death_that_day_says_the_order_matters(
        write_scenario: Callable[[str], Path], run_cli: Callable[..., CliResult]) -> None:
    path = write_scenario(HEAD + BY_ELECTION + DEATH)
    r = run_cli("tally", str(path), "--on", "2020-03-01")
    assert r.code == 1 and r.out == ""
    assert r.err == (f"error: {path}:6: events[0]: fills 1 seat(s) but only 0 seat(s) are vacant on 2020-02-29; a "
                     f"day's events apply in the file's order, and {path}:7: events[1] (death) comes after this one\n")


def test_no_hint_when_no_later_event_of_the_day_could_have_helped(
        write_scenario: Callable[[str], Path], run_cli: Callable[..., CliResult]) -> None:
    path = write_scenario(HEAD + BY_ELECTION + LATER)
    r = run_cli("tally", str(path), "--on", "2020-03-01")
    assert r.code == 1
    assert r.err == f"error: {path}:6: events[0]: fills 1 seat(s) but only 0 seat(s) are vacant on 2020-02-29\n"


def test_in_the_order_of_their_meaning_both_apply(write_scenario: Callable[[str], Path],
                                                  run_cli: Callable[..., CliResult]) -> None:
    path = write_scenario(HEAD + DEATH + BY_ELECTION)
    r = run_cli("tally", str(path), "--on", "2020-02-29", "--json")
    assert r.code == 0, r.err
    assert '"vacancies": 0' in r.out and '"government": 5' in r.out and '"opposition": 6' in r.out
