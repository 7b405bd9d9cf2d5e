"""Every chart says what it shows and when; P(pass) is written one way everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whipcount.charts import render_forecast
from whipcount.model import format_probability

SRC = Path(__file__).resolve().parents[1] / "src" / "whipcount"


@pytest.mark.parametrize(("p", "written"), [
    (0.988, "98.8%"), (0.5, "50.0%"), (0.001, "0.1%"), (0.999, "99.9%"), (0.0004, "< 0.1%"), (1e-12, "< 0.1%"),
    (0.9996, "> 99.9%"), (1 - 1e-12, "> 99.9%"), (0.0, "0%"), (1.0, "100%"), (0.00099, "< 0.1%"),
])
def test_probability_by_hand(p: float, written: str) -> None:
    assert format_probability(p) == written


@given(st.floats(0, 1, exclude_min=True, exclude_max=True))
def test_a_probability_that_is_not_zero_never_reads_zero(p: float) -> None:
    s = format_probability(p)
    assert s not in ("0.0%", "0%", "100.0%", "100%")
    if s[0].isdigit():  # "12.3%": within half a unit of the last digit
        assert abs(float(s[:-1]) / 100 - p) <= 0.0005 + 1e-12


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_not_a_probability(bad: float) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        format_probability(bad)


def test_no_other_probability_format_in_the_code() -> None:
    """P(pass) reaches readers only through format_probability: no format spec on a p_pass anywhere."""
    offenders = []
    for path in SRC.rglob("*"):
        if path.suffix not in (".py", ".html", ".js"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"p_pass[^}\n]*:\.?\d*[fe%]|format\([^)]*p_pass|p_pass\s*\*\s*100", line):
                offenders.append(f"{path.relative_to(SRC)}:{n}")
    assert offenders == []


def test_forecast_chart_with_a_tiny_probability() -> None:
    pmf = [0.0] * 11
    pmf[3], pmf[10] = 1 - 1e-6, 1e-6
    svg = render_forecast(pmf, needed=10)
    assert "P(pass) = &lt; 0.1%" in svg and "0.0%" not in svg.split("<style>")[0]


def test_forecast_chart_states_its_date_and_model(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("chart", "pk-na-2022", "--kind", "forecast", "--on", "2022-03-08", "-o", "-")
    assert r.code == 0, r.err
    sub = re.search(r'class="sub">([^<]*)<', r.out)
    assert sub and sub.group(1).startswith("As of 8 March 2022")
    assert "model: whip count" in sub.group(1) and "(exact)" in sub.group(1)
    assert "P(pass) = &lt; 0.1%" in sub.group(1)  # 8 March: the whip count left the opposition short
    assert "whip count of 8 March 2022" in r.out  # the description says it too


def test_stance_chart_on_the_vote_day_is_not_the_division(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("chart", "pk-na-2022", "--by", "stance", "--on", "2022-04-10", "-o", "-")
    assert r.code == 0, r.err
    # the no-confidence vote of 10 April 2022 was carried by 174 votes (National Assembly record)
    assert "not the recorded division of that day (174 yes)" in r.out
    assert "coloured by whip-count stance, not a recorded vote" in r.out


def test_stance_chart_on_the_vote_day_gives_the_division_s_abstentions(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Rajoy's second investiture vote of 29 October 2016 (Onda Cero: "170 votos a favor y 111 en contra ... y con
    la abstención de 68 diputados"): the 68 are a quarter of the vote and the chart showed them, its note did not."""
    r = run_cli("chart", "es-cd-2016", "--by", "stance", "-o", "-")
    assert r.code == 0, r.err
    # every count the division gives, as the report's "Recorded vote" gives it (the file records 0 absent)
    assert "not the recorded division of that day (170 yes, 111 no, 68 abstaining, 0 absent)" in r.out
    # none recorded: no "0 abstaining" (the first vote of 27 October, "ninguna abstención", El Día)
    first = run_cli("chart", "es-cd-2016", "--by", "stance", "--on", "2016-10-27", "-o", "-")
    assert "Stances from the whip count on 27 October 2016" in first.out and "abstaining)" not in first.out


def test_stance_chart_before_the_vote_says_it_is_the_whip_count(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("chart", "pk-na-2022", "--by", "stance", "--on", "2022-03-08", "-o", "-")
    assert "Stances from the whip count on 8 March 2022" in r.out and "recorded division" not in r.out


def test_cli_forecast_and_dashboard_use_the_one_format(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("forecast", "pk-na-2022", "--on", "2022-03-08")
    assert r.code == 0, r.err
    assert "P(pass) = < 0.1%" in r.out
    rendering = pytest.importorskip("whipcount.web.rendering")
    assert rendering.environment().filters["probability"] is format_probability
