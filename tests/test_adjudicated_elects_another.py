"""A later decision can change who an election elects: votes excluded from the motion's candidate (the one
the motion names as successor) can leave the other ahead. The result that stands then names who was elected,
never "PASSED" beside the named candidate, in every place a judged motion is summed up (outcome, cases,
compare, the report); and its counts are those of the poll the bar is applied to, the leader's and the
runner-up's, as docs/rules.md says. Before, a run-off declared 48 to 45 for Blue Leader, with 4 of his votes
excluded, was printed "pm-election (Blue Leader): PASSED" while Red Leader was elected 45 to 44.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import ScenarioError
from whipcount.io.scenario import load_scenario
from whipcount.report import build_report
from whipcount.tally.cases import case_summary, judge_division_of

CASE = """\
id: toy-pm
title: Toyland PM election
chamber: {name: National Assembly, rules: pk-na, seats: 342, as_of: 2022-01-01}
parties:
  - {id: blue, name: Blue Party, seats: 171, side: government}
  - {id: red, name: Red Party, seats: 171, side: opposition}
motion: {kind: pm-election, successor: Blue Leader, vote: 2022-02-01, round: 2}
division:
  yes: BLUE
  no: RED
  candidates: {Blue Leader: BLUE, Red Leader: RED}
  round: 2
  adjudications:
    - {date: 2022-03-01, by: Supreme Court, excluded: EXCLUDED, summary: votes held not countable,
       source: "https://example.org/decision"}
"""


def _case(tmp_path: Path, blue: int = 48, red: int = 45, excluded: int = 4) -> Path:
    path = tmp_path / "pm.yaml"
    path.write_text(CASE.replace("BLUE", str(blue)).replace("RED", str(red)).replace("EXCLUDED", str(excluded)),
                    encoding="utf-8")
    return path


def _headline(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("pm-election"))


@pytest.mark.parametrize("blue,red,excluded", [(48, 45, 4), (48, 45, 3), (48, 45, 2), (100, 60, 41), (7, 0, 7)])
def test_the_headline_names_who_the_count_that_stands_elects(run_cli: Callable[..., Any], tmp_path: Path,
                                                             blue: int, red: int, excluded: int) -> None:
    path = _case(tmp_path, blue, red, excluded)
    counted = blue - excluded  # the independent truth: a run-off between two, more votes elects
    head = _headline(run_cli("outcome", str(path)).out)
    if counted > red:
        assert re.match(r"pm-election \(Blue Leader\): PASSED  \(vote on 2022-02-01\)$", head), head
    elif counted < red:
        assert head == "pm-election (Blue Leader): Red Leader elected, not Blue Leader  (vote on 2022-02-01)"
    else:
        assert head == "pm-election (Blue Leader): FAILED  (vote on 2022-02-01)"  # a tie elects no one
    out = json.loads(run_cli("outcome", str(path), "--json").out)["motions"][0]
    leader, runner_up = max(counted, red), min(counted, red)
    assert (out["outcome"]["yes"], out["outcome"]["no"]) == (leader, runner_up)
    assert out["outcome"]["elected"] == ("Blue Leader" if counted > red else "Red Leader" if counted < red else None)
    assert (out["declared"]["elected"], out["declared"]["yes"], out["declared"]["no"]) == ("Blue Leader", blue, red)


def test_the_declared_result_names_who_it_elected(run_cli: Callable[..., Any]) -> None:
    """Punjab, 22 July 2022: the run-off for Pervaiz Elahi was declared for Hamza Shehbaz (179 to 176, the
    Deputy Speaker having excluded 10 PML-Q votes); the Supreme Court counted them on 26 July and Elahi, 186,
    was declared Chief Minister. The result that stands is Elahi's: PASSED; the declared one was Hamza's."""
    text = run_cli("outcome", "pk-pa-punjab-2022").out
    runoff = text[text.index("pm-election (Pervaiz Elahi)"):]
    assert runoff.startswith("pm-election (Pervaiz Elahi): PASSED  (vote on 2022-07-22)")
    assert "Pervaiz Elahi is elected Chief Minister" in runoff.splitlines()[1]
    assert "declared on the day: Hamza Shehbaz elected, not Pervaiz Elahi; run-off: Hamza Shehbaz 179" in runoff
    m = {m["id"]: m for m in json.loads(run_cli("outcome", "pk-pa-punjab-2022", "--json").out)["motions"]}
    judged = m["cm-runoff-2022-07-22"]["outcome"]
    assert (judged["elected"], judged["yes"], judged["no"], judged["passed"]) == ("Pervaiz Elahi", 186, 179, True)


def test_cases_compare_and_the_report_say_the_same(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    path = _case(tmp_path)
    row = case_summary(load_scenario(path))
    assert row.outcome == "Red Leader elected, not Blue Leader"
    assert row.adjudicated is not None and row.adjudicated.startswith(
        "declared passed with 48 on the day; 45 for Red Leader counted as adjudicated by Supreme Court")
    compared = json.loads(run_cli("compare", str(path), "--on-a", "2022-01-15", "--on-b", "2022-03-02",
                                  "--json").out)
    assert compared["b"]["outcome"]["elected"] == "Red Leader"
    table = run_cli("compare", str(path), "--on-a", "2022-01-15", "--on-b", "2022-03-02").out
    cells = [line.split("│") for line in table.splitlines() if line.count("│") == 4]
    outcome_b = " ".join(c[3].strip() for c in cells[next(i for i, c in enumerate(cells) if "outcome" in c[1]):])
    assert outcome_b.startswith("Red Leader elected, not Blue Leader: run-off: Red Leader 45"), outcome_b
    report = build_report(load_scenario(path))
    assert "<strong>Red Leader elected, not Blue Leader</strong> with 45 votes" in report
    assert "The motion passed" not in report


def test_excluded_votes_come_off_the_motion_s_candidate_even_in_a_tie(tmp_path: Path) -> None:
    """With both candidates on 48, the 4 excluded votes were cast for the motion's candidate, Blue Leader (the
    votes a decision excludes are votes for the motion): Red Leader's 48 stand, Blue Leader keeps 44."""
    scenario = load_scenario(_case(tmp_path, 48, 48, 4))
    judged = judge_division_of(scenario, scenario.motions[0])
    assert judged is not None and judged.adjudicated is not None
    assert (judged.adjudicated.yes, judged.adjudicated.no) == (48, 48 - 4)  # the leader's, the runner-up's


def test_excluded_votes_need_one_candidate_to_come_off(tmp_path: Path) -> None:
    """A motion naming no candidate among them: with both candidates on 48, which one lost the 4 excluded votes
    decides the election, so the file must say, by the candidates' votes as the decision counted them."""
    path = _case(tmp_path, 48, 48, 4)
    path.write_text(path.read_text(encoding="utf-8").replace("successor: Blue Leader", "successor: Green Leader"),
                    encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert (f"{path}:14: division.adjudications[0].excluded: expected the division's yes (48) to "
            "be one candidate's votes") in str(err.value)
    assert "Blue Leader and Red Leader each have 48" in str(err.value)
