"""Jupyter display: formatters are installed for chamber states and forecasts; power tables render."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from fractions import Fraction
from typing import Any

from whipcount.model import ChamberState, Scenario
from whipcount.power import WeightedGame
from whipcount.report.notebook import forecast_html, power_table, register
from whipcount.tally import count_scenario, forecast, model_from_count
from whipcount.tally.model import Forecast


class _Formatter:
    def __init__(self) -> None:
        self.types: dict[type, Any] = {}

    def for_type(self, typ: type, fn: Any) -> None:
        self.types[typ] = fn


class _Shell:
    def __init__(self) -> None:
        self.display_formatter = type("D", (), {})()
        self.display_formatter.formatters = {"image/svg+xml": _Formatter(), "text/html": _Formatter()}


def test_register_outside_ipython_does_nothing() -> None:
    assert register() is False


def test_register_installs_formatters_that_draw(pakistan: Scenario) -> None:
    shell = _Shell()
    assert register(shell) is True
    svg_fn = shell.display_formatter.formatters["image/svg+xml"].types[ChamberState]
    svg = svg_fn(pakistan.state(dt.date(2022, 3, 30)))
    root = ET.fromstring(svg)
    seats = [e for e in root.iter() if "seat" in (e.get("class") or "").split()]
    assert len(seats) == 342
    html_fn = shell.display_formatter.formatters["text/html"].types[Forecast]
    fc = forecast(model_from_count(count_scenario(pakistan, dt.date(2022, 3, 30))), method="exact")
    html = html_fn(fc)
    assert "P(pass) = " in html and "<svg" in html
    assert html == forecast_html(fc)


def test_power_table_shows_exact_values() -> None:
    table = power_table(WeightedGame([4, 4, 4, 2, 2, 1], 12, names=["F", "D", "I", "B", "N", "L"]))
    # EEC Council of Ministers 1958 (Felsenthal & Machover 1998): Banzhaf 5/21 for the big three, 0 for L
    assert table.values[0][0] == Fraction(5, 21) and table.values[0][5] == 0
    html = table._repr_html_()
    assert html.count("<tr>") == 7 and 'title="5/21"' in html


def test_a_forecast_says_what_is_needed_or_that_turnout_decides() -> None:
    from whipcount.io.scenario import load_scenario

    pk = load_scenario("pk-na-2022")
    fc = forecast(model_from_count(count_scenario(pk, dt.date(2022, 3, 30))), method="exact")
    assert "; 172 needed;" in forecast_html(fc)  # Art. 95(4): a majority of the total membership of 342
    gb = load_scenario("gb-hc-1979")  # a majority of the votes cast: no fixed number before the vote
    fc = forecast(model_from_count(count_scenario(gb, dt.date(1979, 3, 27))), method="exact")
    assert fc.needed is None and "the number needed depends on turnout" in forecast_html(fc)


def test_register_finds_the_running_ipython(monkeypatch: Any) -> None:
    import sys
    import types

    shell = _Shell()
    fake = types.ModuleType("IPython")
    fake.get_ipython = lambda: shell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert register() is True and ChamberState in shell.display_formatter.formatters["image/svg+xml"].types
    fake.get_ipython = lambda: None  # type: ignore[attr-defined]  # IPython imported, no shell running
    assert register() is False
