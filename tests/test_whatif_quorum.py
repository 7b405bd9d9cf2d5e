"""what-if and forecast under a quorum: a column (or a forecast) whose members not absent cannot make it says so,
in words and in --json, so that its 0 % beside yes votes that reach the bar is explained (as ``count`` says it)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, write_case

RULES = """\
id: nine
name: Chamber of Nine
country: Somewhere
seats: 9
motions:
  - kind: no-confidence
    threshold: {basis: present, fraction: "1/2", strict: true, quorum: {fraction: "2/3"}}
    source: {article: "Art. 1", url: "https://example.org/c#1"}
"""

CASE = """\
chamber: {name: Chamber of Nine, rules: rules.yaml, seats: 9, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 4, side: government}
  - {id: blue, name: Blue Party, seats: 3, side: opposition}
  - {id: green, name: Green Party, seats: 2, side: other}
motion: {kind: no-confidence, target: Someone, vote: 2024-02-10}
stances:
  - {date: 2024-01-05, party: green, stance: abstain, source: "https://example.org/a"}
  - {date: 2024-01-05, party: red, seats: 2, stance: absent, source: "https://example.org/a"}
"""


def test_a_column_short_of_the_quorum_says_so(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """Blue's 3 yes, Red's 2 no, Green's 2 abstaining, 2 of Red away: 7 present, the quorum two thirds of 9, 6.
    Green away too leaves 5 present, 1 short: nothing can pass, though 3 yes of 5 present would be a majority."""
    case = write_case(tmp_path, RULES, CASE)
    result = run_cli("what-if", str(case), "--absent", "green")
    assert result.code == 0, result.err
    assert ("green absent: at most 5 members are expected to be present, 1 short of the quorum of 6: no division "
            "can be valid") in result.out
    assert "baseline:" not in result.out  # 7 present: the baseline makes the quorum
    runs = json.loads(run_cli("what-if", str(case), "--absent", "green", "--json").out)["runs"]
    assert [(r["label"], r["quorum"], r["quorum_short"], r["short"]) for r in runs] == [
        ("baseline", 6, 0, 1), ("green absent", 6, 1, 0)]
    # the baseline passes when a Red member votes yes with all 3 of Blue (5 of 7 present), or both do with 2 of
    # Blue there for the quorum: 2 * 0.01 * 0.99 * 0.98 ** 3 + 0.01 ** 2 * (0.98 ** 3 + 3 * 0.98 ** 2 * 0.02)
    assert runs[0]["p_pass"] == pytest.approx(2 * 0.01 * 0.99 * 0.98**3 + 0.01**2 * (0.98**3 + 3 * 0.98**2 * 0.02))
    assert runs[1]["p_pass"] == 0.0


def test_a_forecast_short_of_the_quorum_says_so(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """Green's 2 away as well: 5 present at most, 1 short of 6. forecast says why its 0 %, as count does."""
    case = write_case(tmp_path, RULES, CASE.replace("party: green, stance: abstain", "party: green, stance: absent"))
    words = "at most 5 members are expected to be present, 1 short of the quorum of 6: no division can be valid"
    assert words in run_cli("count", str(case)).out
    result = run_cli("forecast", str(case))
    assert result.code == 0, result.err
    assert words in " ".join(result.out.split())
    out = json.loads(run_cli("forecast", str(case), "--json").out)
    assert (out["p_pass"], out["quorum"], out["quorum_short"]) == (0.0, 6, 1)
