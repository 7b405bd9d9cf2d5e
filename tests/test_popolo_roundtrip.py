"""Scenario → Popolo JSON → Scenario loses nothing."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings

from strategies_interchange import scenarios, states, without_origins
from whipcount.io.popolo import dump_popolo, export_popolo, import_popolo
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario


def through_json(sc: Scenario) -> Scenario:
    result = import_popolo(json.loads(dump_popolo(sc)), "bundle.json")
    return result.scenario


def test_bundled_scenario_round_trips() -> None:
    original = load_scenario("pk-na-2022")
    again = through_json(original)
    assert without_origins(again) == without_origins(original)
    assert states(again) == states(original)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_scenario_round_trips(sc: Scenario) -> None:
    again = through_json(sc)
    assert without_origins(again) == without_origins(sc)
    assert states(again) == states(sc)
    # and a second trip gives the same bundle: export is a function of the scenario alone
    assert export_popolo(again) == export_popolo(sc)
