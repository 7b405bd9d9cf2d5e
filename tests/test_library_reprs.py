"""What a notebook shows for the objects a user holds: one short line each, never the whole value.

A chart's repr was its SVG (81,604 characters for the Bundestag of 2025), a constitution's every rule
quoted (11,060), a forecast model's every bloc (7,927 for Pakistan 2022). ``print(chart)``, ``.svg``,
``.motions`` and ``.blocs`` still give them whole.
"""

from __future__ import annotations

import pytest

import whipcount
from whipcount.charts import forecast as forecast_chart
from whipcount.charts import hemicycle, timeline
from whipcount.rules import get_constitution
from whipcount.tally import count_scenario, exact_forecast, model_from_count


@pytest.mark.parametrize("case", ["pk-na-2022", "de-bt-2025"])
def test_a_chart_shows_its_kind_and_size_not_its_markup(case: str) -> None:
    sc = whipcount.load_scenario(case)
    for chart, kind in ((hemicycle(sc), "hemicycle"), (timeline(sc), "timeline")):
        text = repr(chart)
        assert len(text) < 120 and "\n" not in text and "<svg" not in text, text[:200]
        assert f"kind={kind!r}" in text and f"{len(chart.svg):,} characters" in text
        assert str(chart) == chart.svg and chart.svg.startswith("<svg")  # the markup is all still there
    pmf = exact_forecast(model_from_count(count_scenario(sc))).yes_pmf
    assert "<svg" not in repr(forecast_chart(pmf, needed=None))


@pytest.mark.parametrize("rules_id", ["de-bt", "pk-na", "gb-hc"])
def test_a_constitution_shows_its_id_and_its_motions_kinds(rules_id: str) -> None:
    c = get_constitution(rules_id)
    text = repr(c)
    assert len(text) < 300 and "\n" not in text, text[:400]
    assert f"id={rules_id!r}" in text
    for kind in {m.kind for m in c.motions}:  # every kind it provides is named, from the rules themselves
        assert repr(kind) in text


def test_a_forecast_model_shows_its_blocs_by_count_and_seats() -> None:
    sc = whipcount.load_scenario("pk-na-2022")
    model = model_from_count(count_scenario(sc))
    text = repr(model)
    assert len(text) < 400 and "\n" not in text, text[:500]
    # 341 of the 342 seats are filled in April 2022 (one vacancy); the blocs cover every seated member
    assert f"blocs={len(model.blocs)}" in text and "seats=341" in text
