"""Count, forecast and what-if look ahead only while the motion is pending: after the vote they show the
recorded result (Pakistan: 174 in favour on 10 April 2022, 172 needed); before it was filed (8 March 2022)
they say it did not exist yet."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whipcount.cli.new import template
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.tally.phase import motion_phase


@pytest.mark.parametrize("command", [["count"], ["forecast"], ["what-if", "--switch", "mqm-p"]])
def test_after_the_vote_the_recorded_result_is_shown(run_cli, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(command[0], "pk-na-2022", *command[1:], "--on", "2022-07-29", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    assert out["status"] == "decided"
    assert out["recorded"]["passed"] is True and out["recorded"]["yes"] == 174 and out["recorded"]["needed"] == 172
    assert "p_pass" not in out


@pytest.mark.parametrize("command", ["count", "forecast"])
def test_before_filing_the_motion_did_not_exist(run_cli, command: str) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(command, "pk-na-2022", "--on", "2022-03-07")
    assert r.code == 0, r.err
    assert "did not exist yet" in r.out and "2022-03-08" in r.out
    assert "P(pass)" not in r.out


def test_on_the_day_of_the_vote_the_motion_is_still_forecast(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(run_cli("forecast", "pk-na-2022", "--on", "2022-04-10", "--json").out)
    assert "p_pass" in out and out["needed"] == 172



def _with_withdrawal(tmp_path: Path, offset: int) -> tuple[Scenario, dt.date]:
    """The starter scenario of ``whipcount new``, its motion withdrawn ``offset`` days from the filing
    (before it when negative: then it is some earlier motion's withdrawal, not this one's)."""
    text = template("pk-na", "case.yaml", dt.date(2026, 12, 4))
    filed = dt.date(2026, 11, 29)  # the template files its motion five days before the day it is written
    assert f"filed: {filed.isoformat()}" in text
    day = filed + dt.timedelta(days=offset)
    event = (f"  - {{date: {day.isoformat()}, kind: statement, effect: withdraw, summary: withdrawn,"
             " source: 'https://example.org/withdrawn'}")
    path = tmp_path / "withdrawn.yaml"
    path.write_text(text.replace("\nmotion:", f"\n{event}\nmotion:", 1), encoding="utf-8")
    return load_scenario(path), day


@pytest.mark.parametrize("offset", [0, 3])
def test_a_withdrawn_motion_is_decided_from_that_day_on(tmp_path: Path, offset: int) -> None:
    scenario, day = _with_withdrawal(tmp_path, offset)
    assert motion_phase(scenario, day - dt.timedelta(days=1)).status == ("not-filed" if offset == 0 else "pending")
    on_the_day = motion_phase(scenario, day)
    assert on_the_day.status == "decided" and f"withdrawn on {day.isoformat()}" in on_the_day.text


def test_a_withdrawal_before_the_filing_is_another_motion_s(tmp_path: Path) -> None:
    scenario, day = _with_withdrawal(tmp_path, -2)
    assert motion_phase(scenario, dt.date(2026, 12, 1)).status == "pending"
