"""A motion the members who can vote cannot decide has no voting power to share, and ``power`` and
``coalitions`` say so naming the scenario, the day, the bar and the voters: a majority of the total
membership (172 of 342) with 180 seats vacant is out of reach of the 162 who sit, and an investiture that
stands unless 175 of 349 vote against stands whatever 149 members do. The first had been refused as a bare
game ('quota 172 is above the total weight 162'), the second as a threshold 'not a count of votes for the
motion' with advice to give --quota."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from whipcount.errors import PowerError
from whipcount.io.scenario import load_scenario
from whipcount.power.chamber import chamber_game

# Pakistan's Art. 95: a majority of the total membership of 342, vacancies included (172)
PK = """\
chamber: {name: National Assembly, rules: pk-na, seats: 342, vacancies: 180, as_of: 2022-03-01}
parties:
  - {id: a, name: Alpha, seats: 100, side: government}
  - {id: b, name: Beta, seats: 53, side: opposition}
  - {id: independent, name: Independents, seats: 9, side: other}
motion: {kind: no-confidence, target: X, moved: 2022-03-08, vote: 2022-04-10}
"""
# Sweden's investiture: the candidate is rejected only if more than half of the 349 members (175) vote against
SE = """\
chamber: {name: Riksdag, rules: se-riksdag, seats: 349, vacancies: 200, as_of: 2022-03-01}
parties:
  - {id: a, name: Alpha, seats: 100, side: government}
  - {id: b, name: Beta, seats: 49, side: opposition}
motion: {kind: investiture, target: X, moved: 2022-03-08, vote: 2022-04-10}
"""


@pytest.mark.parametrize(("text", "words"), [
    (PK, ["no coalition can carry the no-confidence motion on 2022-04-10", "needs 172 votes",
          "only 162 members can vote"]),
    (SE, ["the investiture motion stands on 2022-04-10 whatever the members do", "only 149 of them can vote",
          "fewer than the 175 votes against"]),
])
@pytest.mark.parametrize("command", ["power", "coalitions"])
def test_an_undecidable_motion_is_one_error_naming_its_bar_and_voters(
    write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult], text: str, words: list[str], command: str
) -> None:
    path = write_scenario(text, "chamber.yaml")
    r = run_cli(command, str(path))
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("error: chamber: ")
    for w in words:
        assert w in r.err, r.err
    assert "--quota" not in r.err and "total weight" not in r.err
    j = run_cli(command, str(path), "--json")
    assert j.code == 1 and j.out == ""
    assert words[0] in json.loads(j.err)["error"]


def test_the_library_says_it_too(write_scenario: Callable[..., Path]) -> None:
    with pytest.raises(PowerError, match="only 162 members can vote"):
        chamber_game(load_scenario(str(write_scenario(PK, "chamber.yaml"))))


def test_one_more_seat_filled_on_each_side_of_the_bar_is_played(
    write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult]
) -> None:
    # 172 sitting of 342 (170 vacant): the motion needs every one of the 11 players (Alpha, Beta, nine
    # independents' seats), each a veto player
    path = write_scenario(PK.replace("vacancies: 180", "vacancies: 170").replace("seats: 53", "seats: 63"))
    r = run_cli("power", str(path), "--index", "penrose", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["quota"] == 172 and sum(out["weights"]) == 172
    # unanimity: each player swings only in the coalition of all the others, 1 of 2**(11-1)
    assert {c["exact"] for c in out["indices"]["penrose"]} == {"1/1024"}
