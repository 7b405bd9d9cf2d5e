"""Count, forecast and what-if look ahead only while the motion is pending: after the vote they show the
recorded result (Pakistan: 174 in favour on 10 April 2022, 172 needed); before it was filed (8 March 2022)
they say it did not exist yet."""

from __future__ import annotations

import json

import pytest


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
