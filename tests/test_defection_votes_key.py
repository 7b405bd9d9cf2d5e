"""``count --json``'s ``crossed.votes`` is the way the crossed members' votes against their party's direction go
(docs/forecast.md); the members who did not cross have theirs in ``crossed.not_crossed_votes``.

A chamber of 6 (pk-na, in the period the Supreme Court's opinion of 17 May 2022 did not count such votes): the
government's 4 seats lean no, one of its members (m1) crossed to the opposition and is undecided; the
opposition's 2 lean yes. Worked by hand: the government's direction is against the motion, so m1's vote against
it is a yes (``votes``: for). The government's 3 who stayed lean no (a yes of theirs is contrary: for) and the
opposition's 2 lean yes (a no of theirs is contrary: against): 5 members who did not cross, whose votes go
``for or against``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import CliResult

SCENARIO = """\
id: crossed-ways
title: A chamber with one member who crossed the floor
chamber: {name: Test Chamber, rules: pk-na, seats: 6, vacancies: 0, as_of: 2022-01-01}
parties:
  - {id: gov, name: Government Party, short: Gov, seats: 4, side: government, source: "https://example.org/g"}
  - {id: opp, name: Opposition Party, short: Opp, seats: 2, side: opposition, source: "https://example.org/o"}
members:
  - {id: m1, name: Member One, party: gov, source: "https://example.org/m"}
events:
  - {date: 2022-02-01, kind: defect, party: gov, members: [m1], to: opposition, source: "https://example.org/d"}
motion: {kind: no-confidence, target: The Prime Minister, moved: 2023-02-24, vote: 2023-03-01}
stances:
  - {date: 2023-01-01, party: gov, side: government, stance: lean-no, source: "https://example.org/s"}
  - {date: 2023-01-01, party: gov, side: opposition, stance: undecided, source: "https://example.org/s"}
  - {date: 2023-01-01, party: opp, side: opposition, stance: %s, source: "https://example.org/s"}
"""


def _crossed(tmp_path: Path, run_cli: Callable[..., CliResult], opp: str) -> dict[str, object]:
    path = tmp_path / f"{opp}.yaml"
    path.write_text(SCENARIO % opp, encoding="utf-8")
    result = run_cli("count", str(path), "--json")
    assert result.code == 0, result.err
    crossed: dict[str, object] = json.loads(result.out)["crossed"]
    return crossed


def test_votes_is_the_crossed_members_way_and_the_others_have_their_own(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    crossed = _crossed(tmp_path, run_cli, "lean-yes")
    assert (crossed["seats"], crossed["votes"], crossed["not_crossed"], crossed["not_crossed_votes"]) == (
        1, "for", 5, "for or against")


def test_members_who_did_not_cross_going_one_way(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """The opposition committed yes for certain has nothing contrary: only the government's 3, for."""
    crossed = _crossed(tmp_path, run_cli, "yes")
    assert (crossed["seats"], crossed["votes"], crossed["not_crossed"], crossed["not_crossed_votes"]) == (
        1, "for", 3, "for")
