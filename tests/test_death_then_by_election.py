"""A member who has died cannot take a seat again: a by-election or fill-seat naming him is refused in one
line naming the event, where the replay had seated him again (a member who resigned may be re-elected)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult

CASE = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
members:
  - {{id: ann, name: Ann, party: red}}
events:
  - {{date: 2020-02-01, kind: {gone}, party: red, members: [ann], source: "https://example.org/a"}}
  - {{date: {back}, kind: by-election, party: red, members: [ann], source: "https://example.org/b"}}
"""


@pytest.mark.parametrize("back", ["2020-02-01", "2020-03-01"])
def test_a_dead_member_is_not_elected_again(write_scenario: Callable[[str], Path], run_cli: Callable[..., CliResult],
                                           back: str) -> None:
    path = write_scenario(CASE.format(gone="death", back=back))
    r = run_cli("tally", str(path), "--on", "2020-03-02")
    assert r.code == 1 and r.out == ""
    assert r.err == (f"error: {path}:9: events[1]: member 'ann' has died (a death event before this one): expected "
                     "the member who takes the seat, or seats without members\n")


def test_a_member_who_resigned_may_be_re_elected(write_scenario: Callable[[str], Path],
                                                 run_cli: Callable[..., CliResult]) -> None:
    path = write_scenario(CASE.format(gone="resign", back="2020-03-01"))
    r = run_cli("tally", str(path), "--on", "2020-03-02", "--json")
    assert r.code == 0, r.err
