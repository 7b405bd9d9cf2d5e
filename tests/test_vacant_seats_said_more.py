"""The timeline's note and a notebook's forecast say how vacant seats were treated, as every other statement
of the bar does: 'the votes needed are a majority of the total membership of 342 (the 1 vacant seat
included), Art. 95(4)'. The timeline had said only 'the seats needed', and forecast_html '172 needed'."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from whipcount.charts import forecast as forecast_chart
from whipcount.charts import render_timeline
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.report.notebook import forecast_html
from whipcount.rules.needed import needed
from whipcount.tally import count_scenario, forecast, model_from_count

# Pakistan, 30 March 2022: 342 seats, 1 vacant; Art. 95(4) asks a majority of the total membership
PK_WORDS = "The votes needed are a majority of the total membership of 342 (the 1 vacant seat included), Art. 95(4)."


def _desc(svg: str) -> str:
    found = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    assert found is not None
    return found.group(1)


def test_a_notebook_forecast_says_how_the_vacant_seat_was_treated(pakistan: Scenario) -> None:
    fc = forecast(model_from_count(count_scenario(pakistan, dt.date(2022, 3, 30))))
    assert fc.needed == 172  # 342 // 2 + 1
    html = forecast_html(fc)
    assert f"<p>{PK_WORDS}</p>" in html
    assert PK_WORDS in _desc(forecast_chart(fc).svg)  # the chart drawn from the Forecast alone says it too


def test_a_forecast_with_no_seat_vacant_says_nothing_of_them() -> None:
    sc = load_scenario("de-bt-2025")  # every seat filled on the day counted
    fc = forecast(model_from_count(count_scenario(sc)))
    assert "vacant" not in forecast_html(fc)


def test_the_timeline_says_how_the_vacant_seat_was_treated(pakistan: Scenario) -> None:
    assert PK_WORDS in _desc(render_timeline(pakistan))


def test_a_sitting_basis_says_the_vacant_seats_were_left_out() -> None:
    # the Assemblée nationale, 4 December 2024: 577 seats, 3 vacant; Art. 49(2) counts the members composing it
    words = "The votes needed are a majority of the 574 sitting members (577 seats, the 3 vacant left out), Art. 49(2)."
    assert words in _desc(render_timeline(load_scenario("fr-an-2024")))


VACANCIES = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
events:
  - {date: 2020-02-01, kind: resign, party: red, source: "https://example.org/a"}
  - {date: 2020-02-03, kind: death, party: blue, source: "https://example.org/b"}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
"""


def test_vacancies_that_change_over_the_dates_are_given_as_a_range(
        write_scenario: Callable[[str], Path]) -> None:
    # 1 seat vacant from the start (6 + 4 of 11), 2 after the resignation, 3 after the death
    svg = render_timeline(load_scenario(str(write_scenario(VACANCIES))))
    assert ("The votes needed are a majority of the total membership of 11 (the vacant seats included: 1 to 3 of "
            "them over these dates), Art. 95(4).") in _desc(svg)


def test_a_range_on_a_sitting_basis() -> None:
    from whipcount.rules.needed import vacancy_notes

    day = dt.date(2024, 12, 4)
    needs = [needed("fr-an", "no-confidence", seats=577, vacancies=v, on=day) for v in (3, 5, 0, 4)]
    assert vacancy_notes(needs) == ["the votes needed are a majority of the sitting members (577 seats, the vacant "
                                    "left out: 3 to 5 of them over these dates), Art. 49(2)"]
