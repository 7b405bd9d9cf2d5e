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


def test_between_the_dismissal_and_the_restoration_nothing_is_forecast(run_cli) -> None:  # type: ignore[no-untyped-def]
    """The Deputy Speaker dismissed the resolution on 3 April 2022 and the Supreme Court restored it on
    7 April: a P(pass) of > 99.9 % had been printed for 3 to 6 April, for a vote no one could hold."""
    said = "the no-confidence motion against Imran Khan stood dismissed on 2022-04-03 by Deputy Speaker Qasim Suri"
    for day in ("2022-04-03", "2022-04-05", "2022-04-06"):
        for command in (["forecast"], ["what-if", "--switch", "mqm-p"]):
            out = json.loads(run_cli(command[0], "pk-na-2022", *command[1:], "--on", day, "--json").out)
            assert out["status"] == "halted" and "p_pass" not in out
            assert out["text"].startswith(f"on {day} {said}")
        # the whip count is still read (an order may restore the motion), saying where the motion stands
        counted = json.loads(run_cli("count", "pk-na-2022", "--on", day, "--json").out)
        assert counted["motion_status"]["status"] == "halted" and counted["committed_yes"] == 177
        assert run_cli("count", "pk-na-2022", "--on", day).out.startswith(f"on {day} {said}")
    for day in ("2022-04-02", "2022-04-07"):
        assert "p_pass" in json.loads(run_cli("forecast", "pk-na-2022", "--on", day, "--json").out)
        assert json.loads(run_cli("count", "pk-na-2022", "--on", day, "--json").out)["motion_status"] == {
            "status": "pending", "recorded": None,
            "text": "the no-confidence motion against Imran Khan is pending"}
    r = run_cli("chart", "pk-na-2022", "--kind", "forecast", "--on", "2022-04-04", "-o", "f.svg")
    assert r.code == 1 and "stood dismissed" in r.err


@pytest.mark.parametrize("case", ["pk-na-2022", "pk-pa-punjab-2022", "gb-hc-1979", "es-cd-2018", "jp-hr-2024"])
def test_the_motion_is_forecast_exactly_on_the_days_outcome_calls_it_pending(case: str) -> None:
    """One reading of where a motion stands: every day from a week before its filing to a week after its
    vote, the forecast looks ahead exactly when ``outcome --on`` says the vote is pending (or on the vote
    day itself, before the division is counted)."""
    from whipcount.rules.procedure import motion_status

    sc = load_scenario(case)
    m = sc.motion
    assert m is not None and m.opened is not None and m.vote is not None
    day = m.opened - dt.timedelta(days=7)
    while day <= m.vote + dt.timedelta(days=7):
        status = motion_status(sc.chamber.rules, m, sc.events, on=day)
        expected = status.pending or (day == m.vote and status.state == "voted")
        assert motion_phase(sc, day).pending is expected, (day, status.state)
        day += dt.timedelta(days=1)


def test_a_suspension_halts_the_motion_until_an_order_restores_it(tmp_path: Path) -> None:
    text = template("pk-na", "case.yaml", dt.date(2026, 12, 4))
    orders = ("  - {date: 2026-11-30, kind: court-order, effect: suspend, by: High Court, summary: stayed,"
              " source: 'https://example.org/stay'}\n"
              "  - {date: 2026-12-02, kind: court-order, effect: restore, by: Supreme Court, summary: stay lifted,"
              " source: 'https://example.org/lifted'}")
    path = tmp_path / "stayed.yaml"
    path.write_text(text.replace("\nmotion:", f"\n{orders}\nmotion:", 1), encoding="utf-8")
    sc = load_scenario(path)
    phases = [motion_phase(sc, dt.date(2026, 11, d)).status for d in (29, 30)] + [
        motion_phase(sc, dt.date(2026, 12, d)).status for d in (1, 2)]
    assert phases == ["pending", "halted", "halted", "pending"]
    assert "stood suspended on 2026-11-30 by High Court: stayed" in motion_phase(sc, dt.date(2026, 12, 1)).text
