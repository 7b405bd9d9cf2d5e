"""A withdrawal is one fact, whoever reads it: where the motion stands (``outcome``) and whether it is still
counted and forecast (``count``, ``forecast``) ask the same test, ``Motion.withdrawn_by``. The movers'
statement withdrawing the motion had stopped the forecast while ``outcome`` still called the motion
pending (it read only rulings and court orders), and a "withdrawal" dated after the vote had replaced the
vote's result in the forecast's words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import CliResult
from whipcount.io.scenario import load_scenario
from whipcount.rules import motion_status
from whipcount.tally.phase import motion_phase

CASE = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
  - {date: EVENT_DAY, kind: KIND, effect: withdraw, summary: the movers withdraw the motion, source: "https://example.org/w"}
motion: {kind: no-confidence, target: Someone, filed: 2020-02-01, vote: 2020-02-20}
"""


@pytest.mark.parametrize("kind", ["statement", "ruling", "court-order"])
def test_every_reader_takes_a_withdrawal_of_any_kind(tmp_path, kind: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    path.write_text(CASE.replace("EVENT_DAY", "2020-02-10").replace("KIND", kind), encoding="utf-8")
    sc = load_scenario(path)
    motion = sc.motion
    assert motion is not None
    for day, withdrawn in ((dt.date(2020, 2, 9), False), (dt.date(2020, 2, 10), True), (dt.date(2020, 2, 15), True)):
        status = motion_status(sc.rules_for(motion), motion, sc.events, on=day)
        phase = motion_phase(sc, day)
        assert (status.state == "withdrawn") == withdrawn == (phase.status == "decided"), (kind, day)
        assert status.pending == phase.pending, (kind, day)


def test_an_event_after_the_vote_withdraws_nothing(tmp_path, run_cli: Callable[..., CliResult]) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "late.yaml"
    path.write_text(CASE.replace("EVENT_DAY", "2020-03-01").replace("KIND", "statement"), encoding="utf-8")
    sc = load_scenario(path)
    phase = motion_phase(sc, dt.date(2020, 3, 5))
    assert phase.status == "decided" and "voted on 2020-02-20" in phase.text and "withdrawn" not in phase.text
    said = run_cli("forecast", str(path), "--on", "2020-03-05")
    assert said.code == 0 and "withdrawn" not in said.out
