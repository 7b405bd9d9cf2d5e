"""A chart takes what the library returns: the :class:`~whipcount.tally.Forecast` of ``tally.forecast`` draws
as it is, and a seat chart by stance takes the :class:`~whipcount.tally.WhipCount` of ``count_scenario``; the
wrong thing is an error saying what to pass, not a ``TypeError`` from inside."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from whipcount.charts import forecast as forecast_chart
from whipcount.charts import hemicycle, render_forecast
from whipcount.errors import ArgumentError, ChartError
from whipcount.io import load_scenario
from whipcount.report.engines import stance_blocks
from whipcount.rules import pass_rule
from whipcount.tally import Bloc, ForecastModel, count_scenario, forecast


def _model() -> ForecastModel:
    """Two blocs certain to vote: 60 yes, 40 no, under Pakistan's Art. 95 rule for 100 seats."""
    return ForecastModel((Bloc("a", 60, 1.0), Bloc("b", 40, 0.0)), pass_rule("pk-na", "no-confidence", seats=100))


def test_a_forecast_draws_as_the_chart_of_its_distribution_and_threshold() -> None:
    fc = forecast(_model())
    # by hand: 60 certain yes of 100, a majority of the total membership is 51: P(pass) = 1, all the mass at 60
    assert fc.needed == 51 and fc.p_pass == 1.0 and fc.yes_pmf[60] == 1.0
    by_hand = render_forecast(fc.yes_pmf, needed=51, p_pass=1.0, method=fc.method)
    assert forecast_chart(fc).svg == by_hand == render_forecast(fc)
    # what is given overrides what the forecast says
    assert render_forecast(fc, needed=61) == render_forecast(fc.yes_pmf, needed=61, p_pass=1.0, method=fc.method)


@pytest.mark.parametrize(("given", "said"), [
    (lambda fc: forecast_chart(fc.yes_pmf), "needed= is missing"),
    (lambda fc: forecast_chart(_model()), "got ForecastModel"),
    (lambda fc: render_forecast("0.5 0.5", needed=1), "got str"),
])
def test_a_chart_given_the_wrong_thing_says_what_to_pass(given: Callable[[Any], object], said: str) -> None:
    with pytest.raises(ChartError) as info:
        given(forecast(_model()))
    assert said in str(info.value) and "whipcount.tally.forecast" in str(info.value)


def test_a_seat_chart_by_stance_takes_the_whip_count_itself() -> None:
    sc = load_scenario("pk-na-2022")
    count = count_scenario(sc)
    assert hemicycle(sc, by="stance", stances=count).svg == hemicycle(sc, by="stance",
                                                                      stances=stance_blocks(count)).svg
    with pytest.raises(ArgumentError, match=r"^stances\[0\]: expected a StanceBlock .*count_scenario"):
        hemicycle(sc, by="stance", stances=list(count.positions))


