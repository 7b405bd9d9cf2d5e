"""A recorded division is judged as the chamber stood on the day of the vote, whatever date a command is
asked about: seats left vacant after the vote must not lower (or raise) the bar it was held to.

The case: a user's own chamber of 101 seats whose no-confidence motion needs a majority of the sitting
members (more than half of those not vacant). The vote, on 20 March, is 49 to 50 with no seat vacant:
51 needed, so it failed. Four members resign on 22 March; counted from the 97 then sitting, 49 of 97
would have carried it. Every command and every date must still say: failed, 51 needed, no vacancy.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult, write_case
from whipcount.io.scenario import load_scenario
from whipcount.report.engines import OutcomeView, outcome_view
from whipcount.tally.cases import case_summary, judge_recorded
from whipcount.tally.phase import motion_phase

RULES = """\
id: own-parl
name: Own Parliament
country: Somewhere
seats: 101
motions:
  - kind: no-confidence
    threshold: {basis: sitting, fraction: "1/2", strict: true}
    source: {article: "Art. 12(3)", url: "https://example.org/constitution#12"}
"""

CASE = """\
id: own
title: Own 2024
chamber: {name: Own Assembly, rules: rules.yaml, seats: 101, as_of: 2024-01-01, sides: [government, opposition]}
parties:
  - {id: red, name: Red, seats: 52, side: government, source: "https://example.org/a"}
  - {id: blue, name: Blue, seats: 49, side: opposition, source: "https://example.org/a"}
events:
  - {date: 2024-03-22, kind: resign, party: red, seats: 4, source: "https://example.org/b"}
motion: {kind: no-confidence, target: PM Red, filed: 2024-03-01, vote: 2024-03-20}
division: {date: 2024-03-20, yes: 49, no: 50, source: "https://example.org/c"}
"""

# by hand: 101 sitting on 20 March, more than half of 101 is 51; 49 < 51
NEEDED_ON_THE_DAY = 51


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_case(tmp_path, RULES, CASE)


@pytest.mark.parametrize("on", [None, "2024-03-20", "2024-03-21", "2024-03-22", "2030-01-01"])
def test_outcome_judges_the_vote_on_its_day_whatever_on_is(case: Path, run_cli: Callable[..., CliResult],
                                                           on: str | None) -> None:
    res = run_cli("outcome", str(case), "--json", *(["--on", on] if on else []))
    assert res.code == 0, res.err
    (motion,) = json.loads(res.out)["motions"]
    judged = motion["outcome"]
    assert (judged["passed"], judged["needed"], judged["vacancies"]) == (False, NEEDED_ON_THE_DAY, 0)
    assert judged["on"] == "2024-03-20"


def test_the_text_says_the_same_after_the_resignations(case: Path, run_cli: Callable[..., CliResult]) -> None:
    res = run_cli("outcome", str(case), "--on", "2024-04-01")
    assert res.code == 0, res.err
    assert "FAILED" in res.out and "51 needed" in res.out and "101 sitting members" in res.out
    assert "vacanc" not in res.out  # no seat was vacant on the day


def test_every_reader_of_the_division_agrees(case: Path) -> None:
    scenario = load_scenario(case)
    motion = scenario.motion
    assert motion is not None
    judged = judge_recorded(scenario, motion)
    assert judged is not None and (judged.passed, judged.needed) == (False, NEEDED_ON_THE_DAY)
    assert case_summary(scenario).needed == NEEDED_ON_THE_DAY
    view = outcome_view(scenario)
    assert isinstance(view, OutcomeView) and (view.passed, view.needed) == (False, NEEDED_ON_THE_DAY)


def test_a_vote_with_no_date_of_its_own_is_judged_on_its_division_s_date(tmp_path: Path) -> None:
    """A motion without ``vote:`` is voted on its division's date (a division is the vote), and every reader
    says so alike."""
    scenario = load_scenario(write_case(tmp_path, RULES, CASE.replace(", vote: 2024-03-20", "")))
    motion = scenario.motion
    assert motion is not None and motion.vote == dt.date(2024, 3, 20)
    view = outcome_view(scenario)
    assert isinstance(view, OutcomeView) and view.needed == NEEDED_ON_THE_DAY
    assert case_summary(scenario).needed == NEEDED_ON_THE_DAY
    phase = motion_phase(scenario, dt.date(2024, 3, 25))
    assert phase.status == "decided" and "was voted on 2024-03-20" in phase.text


def test_no_command_forecasts_a_vote_its_division_has_decided(tmp_path: Path,
                                                              run_cli: Callable[..., CliResult]) -> None:
    """The forecast, the comparison of two dates and the case table read the division's date as the vote's:
    after it, the motion is decided (it had been forecast at 32 % and shown as "not yet voted")."""
    path = write_case(tmp_path, RULES, CASE.replace(", vote: 2024-03-20", ""))
    res = run_cli("forecast", str(path), "--on", "2024-03-25")
    assert res.code == 0, res.err
    assert "voted on 2024-03-20" in res.out and "P(pass)" not in res.out
    res = run_cli("cases", str(path), "--json")
    assert res.code == 0, res.err
    (row,) = json.loads(res.out)["cases"]
    assert row["vote"] == "2024-03-20"
    res = run_cli("compare", str(path), "--on-a", "2024-03-19", "--on-b", "2024-03-25")
    assert res.code == 0, res.err
    assert "not yet voted" in res.out and res.out.count("not yet voted") == 1  # on the 19th only


@pytest.mark.parametrize(("day", "ok"), [("2024-03-20", True), ("2024-03-21", True), ("2024-03-19", False),
                                         ("2024-04-05", False)])
def test_a_division_is_dated_on_its_vote_day_or_the_night_after(tmp_path: Path, day: str, ok: bool,
                                                                run_cli: Callable[..., CliResult]) -> None:
    """A division dated away from the motion's vote day would be judged on a chamber it was not held in (a
    division of 6 April judged on the seats of 20 March): refused, naming the field; the day after the vote
    is a sitting past midnight, accepted."""
    path = write_case(tmp_path, RULES, CASE.replace("division: {date: 2024-03-20", f"division: {{date: {day}"))
    res = run_cli("outcome", str(path))
    if ok:
        assert res.code == 0, res.err
    else:
        assert res.code != 0 and "Traceback" not in res.err
        assert "division.date" in res.err and "2024-03-20" in res.err and day in res.err
