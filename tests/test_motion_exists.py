"""A motion is forecast, charted and judged only on dates it exists: one test of that, asked everywhere.

The chamber below has 101 seats and five parties; its no-confidence motion is filed on 1 March 2024 and
voted on 15 March. On 1 February it did not exist: ``forecast``, ``count`` and ``what-if`` say so, and so
must the forecast chart, the report, the dashboard and the demo's table, none of them giving a P(pass).
On 5 March it is pending (each of those gives one), and on 1 April it has been voted on.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from test_web_api import _app, client, store  # noqa: F401
from whipcount.cli.demo import forecast_dates
from whipcount.io.scenario import load_scenario
from whipcount.model import Motion, Scenario
from whipcount.report import build_report
from whipcount.report.engines import ForecastView, Unavailable, forecast_view
from whipcount.rules import motion_status
from whipcount.storage import Store
from whipcount.tally.phase import motion_phase

D = dt.date
BEFORE, PENDING, AFTER = D(2024, 2, 1), D(2024, 3, 5), D(2024, 4, 1)
NOT_YET = "on 2024-02-01 the no-confidence motion against the Prime Minister did not exist yet: it was filed on 2024-03-01"

TOY = """\
id: toy
title: A no confidence vote in the Toy Assembly
chamber: {name: Toy Assembly, rules: pk-na, seats: 101, vacancies: 0, as_of: 2023-06-01}
parties:
  - {id: a, name: Party A, seats: 40, side: government, source: "https://example.org/a"}
  - {id: b, name: Party B, seats: 10, side: government, source: "https://example.org/b"}
  - {id: c, name: Party C, seats: 35, side: opposition, source: "https://example.org/c"}
  - {id: d, name: Party D, seats: 11, side: opposition, source: "https://example.org/d"}
  - {id: e, name: Party E, seats: 5, side: other, source: "https://example.org/e"}
events:
  - {date: 2024-02-10, kind: resign, party: d, seats: 3, source: "https://example.org/r"}
motion: {kind: no-confidence, target: the Prime Minister, filed: 2024-03-01, vote: 2024-03-15}
stances:
  - {date: 2024-02-01, party: e, stance: lean-yes, source: "https://example.org/s"}
  - {date: 2024-02-01, party: b, stance: lean-yes, source: "https://example.org/s"}
"""
# March 2024 lies in Art. 63A's uncounted period (17 May 2022 to 3 October 2024): a government member's yes against
# the party's direction is not counted, so the opposition's 43 and E's 5 could never reach 51 alone. Party B, an
# ally leaning toward the motion (its own direction, so its yes counts), keeps the forecast strictly between 0 and 1.


@pytest.fixture
def toy(tmp_path: Path) -> Path:
    path = tmp_path / "toy.yaml"
    path.write_text(TOY, encoding="utf-8")
    return path


# -- the one test ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("filed", "moved", "first_day"), [
    (D(2024, 3, 1), None, D(2024, 3, 1)),
    (None, D(2024, 3, 4), D(2024, 3, 4)),
    (D(2024, 3, 1), D(2024, 3, 4), D(2024, 3, 1)),
])
def test_a_motion_exists_from_its_filing_or_else_its_moving(filed: Any, moved: Any, first_day: dt.date) -> None:
    m = Motion("no-confidence", filed=filed, moved=moved, vote=D(2024, 3, 15))
    assert not m.exists_on(first_day - dt.timedelta(days=1))
    assert m.exists_on(first_day) and m.exists_on(D(2024, 3, 14))


def test_a_motion_with_no_date_exists_on_every_day() -> None:
    assert Motion("no-confidence").exists_on(D(1900, 1, 1))


@pytest.mark.parametrize("dates", [
    {"filed": D(2024, 3, 1)}, {"moved": D(2024, 3, 4)}, {"filed": D(2024, 3, 1), "moved": D(2024, 3, 4)},
    {"vote": D(2024, 3, 15)}, {},
])
def test_outcome_and_the_forecast_agree_on_whether_the_motion_exists(toy: Path, dates: dict[str, dt.date]) -> None:
    from dataclasses import replace

    sc = load_scenario(str(toy))
    motion = Motion("no-confidence", target="the Prime Minister", **dates)
    sc = replace(sc, motions=(motion,))
    for day in (D(2024, 2, 28), D(2024, 3, 1), D(2024, 3, 3), D(2024, 3, 4), D(2024, 3, 10)):
        status = motion_status("pk-na", motion, sc.events, on=day)
        phase = motion_phase(sc, day)
        assert (status.state == "not filed") == (phase.status == "not-filed"), (day, status, phase)
        assert status.pending == phase.pending, (day, status, phase)


# -- every command and page that forecasts asks it ------------------------------------------------------
@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_the_forecast_chart_refuses_as_the_forecast_command_does(run_cli, toy: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  day: dt.date) -> None:
    said = run_cli("forecast", str(toy), "--on", day.isoformat())
    out = tmp_path / "f.svg"
    drawn = run_cli("chart", str(toy), "--kind", "forecast", "--on", day.isoformat(), "-o", str(out))
    # the same words as the forecast's; an error, since the file asked for is not written
    assert said.code == 0 and drawn.code == 1 and drawn.out == "" and not out.exists()
    phase = " ".join(said.out.split()).split(": ", 1)[1].split(" nothing to count")[0]
    assert phase in " ".join(drawn.err.split()) and "P(pass)" not in drawn.err
    if day == BEFORE:
        assert NOT_YET in " ".join(drawn.err.split())


def test_while_pending_the_chart_draws_the_forecast(run_cli, toy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "f.svg"
    r = run_cli("chart", str(toy), "--kind", "forecast", "--on", PENDING.isoformat(), "-o", str(out))
    assert r.code == 0, r.err
    p = json.loads(run_cli("forecast", str(toy), "--on", PENDING.isoformat(), "--json").out)["p_pass"]
    assert 0 < p < 1 and "P(pass) = " in out.read_text()


def test_the_report_s_forecast_view_asks_the_same_test(toy: Path) -> None:
    sc = load_scenario(str(toy))
    before = forecast_view(sc, BEFORE)
    assert isinstance(before, Unavailable) and NOT_YET in before.reason
    assert isinstance(forecast_view(sc, AFTER), Unavailable)
    assert isinstance(forecast_view(sc, PENDING), ForecastView)


def test_the_report_of_a_withdrawn_motion_gives_no_probability(tmp_path: Path) -> None:
    # the report looks at the vote day, else the log's last date, which is never before the filing (the motion's
    # own dates are in the log); a motion withdrawn before any vote is the report's case of one not pending
    withdrawn = ("  - {date: 2024-03-10, kind: statement, effect: withdraw, summary: withdrawn,"
                 " source: 'https://example.org/w'}\nmotion:")
    path = tmp_path / "withdrawn.yaml"
    path.write_text(TOY.replace(", vote: 2024-03-15", "").replace("motion:", withdrawn, 1), encoding="utf-8")
    html = build_report(load_scenario(str(path)))
    forecast = html[html.index('id="forecast"'):]
    assert "was withdrawn on 2024-03-10" in forecast and "P(pass)" not in html


def _board(store: Store, sc: Scenario, day: dt.date) -> dict[str, Any]:  # noqa: F811
    r = client(_app(store), "vera").get(f"/api/scenarios/{sc.id}/dashboard?on={day.isoformat()}")
    assert r.status_code == 200, r.text
    return r.json()  # type: ignore[no-any-return]


def test_the_dashboard_gives_no_probability_before_the_filing(toy: Path, store: Store) -> None:  # noqa: F811
    sc = load_scenario(str(toy))
    store.save_scenario(sc)
    before = _board(store, sc, BEFORE)
    assert before["p_pass"] is None and not before["p_pass_pending"]
    assert before["p_pass_note"] == f"no forecast: {NOT_YET}"
    assert before["magic_number"] == 51  # the count itself still stands: more than half of 101 (Art. 95)
    pending = _board(store, sc, PENDING)
    assert pending["p_pass"] is not None and 0 < pending["p_pass"] < 1


def test_the_demo_forecasts_only_the_key_dates_the_motion_exists_on(toy: Path) -> None:
    sc = load_scenario(str(toy))
    keys = [(BEFORE, "before"), (PENDING, "filed"), (D(2024, 3, 15), "vote")]
    assert forecast_dates(sc, keys) == [PENDING, D(2024, 3, 14)]  # the vote day as its eve
    from dataclasses import replace

    undated_vote = replace(sc, motions=(replace(sc.motion, vote=None),))  # type: ignore[arg-type]
    assert forecast_dates(undated_vote, keys) == [PENDING, D(2024, 3, 15)]


@pytest.mark.parametrize("day", [BEFORE, AFTER])
def test_a_chart_by_stance_refuses_as_the_count_does(run_cli, toy: Path, tmp_path: Path, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    """A hemicycle coloured by the whip count is the count: on a day there is nothing to count it refuses,
    writing no file; by party it is the chamber, drawn on any day of the record."""
    said = run_cli("count", str(toy), "--on", day.isoformat())
    out = tmp_path / "h.svg"
    drawn = run_cli("chart", str(toy), "--by", "stance", "--on", day.isoformat(), "-o", str(out))
    assert said.code == 0 and drawn.code == 1 and not out.exists()
    phase = " ".join(said.out.split()).split(": ", 1)[1].split(" nothing to count")[0]
    assert phase in " ".join(drawn.err.split()) and "a chart by stance needs a date" in drawn.err
    assert run_cli("chart", str(toy), "--by", "party", "--on", day.isoformat(), "-o", str(out)).code == 0


def test_while_pending_a_chart_by_stance_is_drawn(run_cli, toy: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.svg"
    assert run_cli("chart", str(toy), "--by", "stance", "--on", PENDING.isoformat(), "-o", str(out)).code == 0
    assert out.read_text().lstrip().startswith("<svg")


def test_while_dismissed_the_dashboard_the_report_and_the_demo_give_no_probability(store: Store) -> None:  # noqa: F811
    """Pakistan's resolution stood dismissed from 3 April 2022 until the Supreme Court restored it on 7 April:
    the dashboard counts the whip on those days but gives no P(pass), the report's forecast says why, and the
    demo's table leaves the dismissal's day out."""
    sc = load_scenario("pk-na-2022")
    store.save_scenario(sc)
    halted = _board(store, sc, D(2022, 4, 5))
    assert halted["p_pass"] is None and halted["magic_number"] == 172
    assert halted["p_pass_note"].startswith("no forecast: on 2022-04-05 the no-confidence motion against Imran "
                                            "Khan stood dismissed on 2022-04-03")
    assert _board(store, sc, D(2022, 4, 7))["p_pass"] is not None
    view = forecast_view(sc, D(2022, 4, 4))
    assert isinstance(view, Unavailable) and "stood dismissed" in view.reason
    keys = [(D(2022, 3, 8), "filed"), (D(2022, 4, 3), "dismissed"), (D(2022, 4, 7), "restored")]
    assert forecast_dates(sc, keys) == [D(2022, 3, 8), D(2022, 4, 7)]
