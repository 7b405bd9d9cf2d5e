"""The explanation of a division as adjudicated says what the decision changed in the count: the votes it
excluded, the invalid votes it counted (or added), and each count as declared and as adjudicated. Before, the
Punjab first poll's adjudicated explanation read 'first poll: Hamza Shehbaz 172; 186 needed ...' with nothing
to say that 197 had been declared and 25 votes excluded; the summary beside it said so, the explanation did not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SCENARIO = "pk-pa-punjab-2022"


def _adjudicated(run_cli: Callable[..., Any], *args: str) -> dict[str, str]:
    out = json.loads(run_cli("outcome", *args, "--json").out)
    return {m["id"]: m["adjudicated"]["explanation"] for m in out["motions"] if m["adjudicated"]}


def test_punjab_first_poll_says_25_votes_were_excluded(run_cli: Callable[..., Any]) -> None:
    # Business Recorder, 30 June 2022: "The court also directed for exclusion of votes of 25 dissident lawmakers
    # during re-counting"; Newsweek Pakistan: "the chief minister now has 172 votes"; 197 declared on 16 April.
    words = _adjudicated(run_cli, SCENARIO)["cm-election-2022-04-16"]
    assert "the decision of 2022-06-30 changed the count: 25 votes excluded" in words
    assert "Hamza Shehbaz 197 as declared, 172 as adjudicated" in words


def test_punjab_run_off_says_the_10_rejected_votes_count(run_cli: Callable[..., Any]) -> None:
    # The Quint: the Supreme Court "declared Punjab Assembly deputy speaker's decision to reject 10 votes as
    # unconstitutional"; Business Recorder: "Elahi garnered 186 votes however, 10 votes of Elahi's own party
    # were not counted" (176 as declared).
    words = _adjudicated(run_cli, SCENARIO)["cm-runoff-2022-07-22"]
    assert "the decision of 2022-07-26 changed the count: the 10 votes declared invalid are counted" in words
    assert "Pervaiz Elahi 176 as declared, 186 as adjudicated" in words


def test_the_text_output_says_it_too(run_cli: Callable[..., Any]) -> None:
    text = run_cli("outcome", SCENARIO).out
    assert "25 votes excluded; Hamza Shehbaz 197 as declared, 172 as adjudicated" in text


CASE = """\
id: toy-confidence
title: Toyland confidence vote
chamber: {name: National Assembly, rules: pk-na, seats: 342, as_of: 2022-01-01}
parties:
  - {id: blue, name: Blue Party, seats: 180, side: government}
  - {id: red, name: Red Party, seats: 162, side: opposition}
motion: {kind: no-confidence, target: Blue Leader, vote: 2022-02-01}
division:
  yes: 175
  no: 150
  invalid: 3
  adjudications:
    - {date: 2022-03-01, by: Supreme Court, DECISION, summary: the count is restated,
       source: "https://example.org/decision"}
"""


@pytest.mark.parametrize("decision,said,passed", [
    # 175 - 5 = 170, short of the 172 of 342 (a majority of the total membership, Art. 95(4))
    ("excluded: 5", ["5 votes excluded", "yes 175 as declared, 170 as adjudicated"], False),
    # the 3 invalid ballots counted, the no restated as 153: yes still 175, which passes
    ("invalid: 0, no: 153", ["the 3 votes declared invalid are counted", "no 150 as declared, 153 as adjudicated"],
     True),
    # two of the ballots held invalid more: 5 in all; one of the yes votes excluded: 174
    ("invalid: 5, excluded: 1", ["1 vote excluded", "2 more votes held invalid (5 in all)",
                                 "yes 175 as declared, 174 as adjudicated"], True),
])
def test_a_small_case_says_what_each_decision_changed(run_cli: Callable[..., Any], tmp_path: Path, decision: str,
                                                      said: list[str], passed: bool) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(CASE.replace("DECISION", decision), encoding="utf-8")
    out = json.loads(run_cli("outcome", str(path), "--json").out)
    adj = out["motions"][0]["adjudicated"]
    assert adj["passed"] is passed
    for words in said:
        assert words in adj["explanation"]
    assert "the decision of 2022-03-01 changed the count: " in adj["explanation"]
    assert "changed the count" not in out["motions"][0]["declared"]["explanation"]


def test_a_decision_that_changes_no_count_adds_nothing(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "toy.yaml"
    path.write_text(CASE.replace("DECISION", "yes: 175"), encoding="utf-8")
    adj = json.loads(run_cli("outcome", str(path), "--json").out)["motions"][0]["adjudicated"]
    assert "changed the count" not in adj["explanation"]
