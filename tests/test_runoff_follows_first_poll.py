"""A run-off is checked against the first poll of its day: it follows a poll that elected no one, and its
candidates are the top ``among`` of that poll (those tied for the last place included).

A chamber of 151 seats whose Prime Minister needs a majority of the total membership (76) in the first
poll, and a majority of those present and voting in a run-off of the top two. A file whose first poll gave
Blue 80 (elected: 80 > 75.5) and whose run-off of the same day then elected Red had been read as it stood,
two Prime Ministers elected on one day; so had a run-off won by Green, third in the first poll.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import ScenarioError
from whipcount.io.scenario import load_scenario
from whipcount.tally.cases import judge_recorded

CONSTITUTION = """\
id: runoff-house
name: Runoff House
seats: 151
motions:
  - kind: pm-election
    threshold: {basis: total, fraction: "1/2", strict: true}
    source: {article: "Art. 44", url: "https://example.org/44"}
    runoff: {threshold: {basis: present-and-voting, fraction: "1/2", strict: true}, among: 2}
"""

SCENARIO = """\
chamber: {{name: Runoff House, rules: rules.yaml, seats: 151, as_of: 2026-01-01}}
parties:
  - {{id: blue, name: Blue, seats: 70, side: government}}
  - {{id: red, name: Red, seats: 66, side: opposition}}
  - {{id: green, name: Green, seats: 15, side: other}}
motions:
  - id: first
    kind: pm-election
    vote: 2026-02-20
    division: {{yes: {lead}, no: {rest}, candidates: {first}, source: "https://example.org/1"}}
  - id: second
    kind: pm-election
    round: 2
    vote: {second_day}
    division: {{round: 2, yes: 71, no: 70, abstain: 10, candidates: {second},
               source: "https://example.org/2"}}
"""


def _write(tmp_path: Path, *, first: str, lead: int, rest: int, second: str,
           second_day: str = "2026-02-20") -> Path:
    (tmp_path / "rules.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(first=first, lead=lead, rest=rest, second=second, second_day=second_day),
                    encoding="utf-8")
    return path


def test_a_run_off_of_the_top_two_is_read_and_judged(tmp_path: Path) -> None:
    path = _write(tmp_path, first="{Blue Leader: 70, Red Leader: 65, Green Leader: 15}", lead=70, rest=80,
                  second="{Red Leader: 71, Blue Leader: 70}")
    scenario = load_scenario(path)
    first, second = scenario.motions
    assert judge_recorded(scenario, first).passed is False  # 70 of 151: 76 needed
    runoff = judge_recorded(scenario, second)
    # more than half of the 141 present and voting (71 + 70) is 71
    assert (runoff.passed, runoff.needed, runoff.elected) == (True, 71, "Red Leader")


def test_a_run_off_after_a_first_poll_that_elected_is_refused(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    path = _write(tmp_path, first="{Blue Leader: 80, Red Leader: 55, Green Leader: 15}", lead=80, rest=70,
                  second="{Red Leader: 71, Blue Leader: 70}")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "case.yaml:15: motions[1].division.candidates: " in message  # the run-off division's line
    assert "(motion 'first') elected Blue Leader" in message
    result = run_cli("outcome", str(path))
    assert result.code == 1 and "Traceback" not in result.err
    assert "expected no run-off once a poll elects" in result.err


def test_the_third_of_the_first_poll_is_not_in_a_run_off_of_the_top_two(tmp_path: Path) -> None:
    path = _write(tmp_path, first="{Blue Leader: 70, Red Leader: 65, Green Leader: 15}", lead=70, rest=80,
                  second="{Green Leader: 71, Blue Leader: 70}")
    with pytest.raises(ScenarioError, match=r"'Green Leader' polled votes in the run-off but was not among the "
                                            r"top 2 .*expected the run-off's candidates among Blue Leader, "
                                            r"Red Leader"):
        load_scenario(path)


def test_those_tied_for_second_place_may_both_stand(tmp_path: Path) -> None:
    path = _write(tmp_path, first="{Blue Leader: 70, Red Leader: 40, Green Leader: 40}", lead=70, rest=80,
                  second="{Green Leader: 71, Blue Leader: 70}")
    assert judge_recorded(load_scenario(path), load_scenario(path).motions[1]).elected == "Green Leader"


def test_a_run_off_on_another_day_is_not_paired_with_the_first_poll(tmp_path: Path) -> None:
    # a later ballot (after a court's order, say) is not this day's run-off
    path = _write(tmp_path, first="{Blue Leader: 80, Red Leader: 55, Green Leader: 15}", lead=80, rest=70,
                  second="{Red Leader: 71, Blue Leader: 70}", second_day="2026-03-20")
    assert len(load_scenario(path).motions) == 2
