"""``whipcount count``, ``forecast`` and ``what-if`` on the command line, and the demo's forecast table."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from rich.console import Console

from whipcount.cli.demo import demo_forecast_table
from whipcount.model import Scenario

Run = Callable[..., Any]


def _json(run: Run, *args: str) -> dict[str, Any]:
    res = run(*args, "--json")
    assert res.code == 0, res.err
    return json.loads(res.out)  # type: ignore[no-any-return]


def test_count_json_after_mqm_switch(run_cli: Run) -> None:
    out = _json(run_cli, "count", "pk-na-2022", "--on", "2022-03-30")
    assert out["needed"] == 172
    # by hand from the event log and the stances: yes 162 on 8 March + Bugti 1 + BAP 4 + Cheema 1 + Bhootani 1
    # + Asim Nazir 1 + MQM-P 7 + the second independent 1, less JI's Chitrali (undecided) = 177; leaning yes: the 14
    # served show-cause notices less Deharr (back with the PM on 26 March) + 5 more at the dinner of 30 March = 18
    assert (out["committed_yes"], out["lean_yes"], out["undecided"], out["committed_no"]) == (177, 18, 1, 341 - 196)
    assert out["short"] == 0
    assert sum(p["seats"] for p in out["positions"]) == 341
    ji = next(p for p in out["positions"] if p["party"] == "ji")
    assert ji["stance"] == "undecided" and ji["sources"][0]["url"].startswith("https://dailytimes.com.pk/911017/")


def test_count_table_on_filing_day(run_cli: Run) -> None:
    res = run_cli("count", "pk-na-2022", "--on", "2022-03-08")
    assert res.code == 0, res.err
    assert "magic number 172" in res.out
    assert "needs 10 more" in res.out  # 172 - 162, by hand
    assert "PTI" in res.out.split("needs 10 more")[1]


def test_forecast_json_shape_and_history(run_cli: Run) -> None:
    before = _json(run_cli, "forecast", "pk-na-2022", "--on", "2022-03-08")
    after = _json(run_cli, "forecast", "pk-na-2022", "--on", "2022-03-28")
    for out in (before, after):
        assert {"p_pass", "needed", "median", "interval", "method", "pivotal"} <= set(out)
        assert out["method"] == "exact" and out["needed"] == 172
        lo, hi = out["interval"]
        assert lo <= out["median"] <= hi
    # 162 committed of 172 needed on 8 March; 168 on 28 March (+ Bugti, BAP's 4, Cheema), MQM-P still with the
    # government: its vote for the motion would all but settle it
    assert before["p_pass"] < 0.05 < 0.9 < after["p_pass"]
    assert before["median"] < 172 < after["median"]
    assert any(p["bloc"] == "pti" and p["p_after"] > 0.99 for p in before["pivotal"])
    assert any(p["label"] == "MQM-P" and p["p_after"] > after["p_pass"] for p in after["pivotal"])


def test_forecast_monte_carlo_is_seeded(run_cli: Run) -> None:
    together = ("forecast", "pk-na-2022", "--on", "2022-03-30", "--together", "mqm-p,bap,pml-q:0.8")
    args = (*together, "--method", "monte-carlo", "--sims", "20000", "--seed", "11")
    one, two = _json(run_cli, *args), _json(run_cli, *args)
    assert one["method"] == "monte-carlo" and one["seed"] == 11 and one["sims"] == 20000
    assert one["p_pass"] == two["p_pass"]
    exact = _json(run_cli, *together)
    assert exact["method"] == "exact" and exact["seed"] is None
    assert abs(one["p_pass"] - exact["p_pass"]) <= 4 * max(one["stderr"], 1 / 20000)
    alone = _json(run_cli, "forecast", "pk-na-2022", "--on", "2022-03-30")
    # moving together widens the distribution, so the tail below 172 grows
    assert exact["p_pass"] < alone["p_pass"]


def test_forecast_with_a_swing_is_monte_carlo_and_wider(run_cli: Run) -> None:
    base = ("forecast", "pk-na-2022", "--on", "2022-03-19")
    plain = _json(run_cli, *base)
    args = (*base, "--swing", "1.0", "--party-swing", "0.5", "--sims", "20000", "--seed", "3")
    one, two = _json(run_cli, *args), _json(run_cli, *args)
    assert one["method"] == "monte-carlo" and one["seed"] == 3 and one["sims"] == 20000
    assert (one["swing"], one["party_swing"]) == (1.0, 0.5)
    assert one["p_pass"] == two["p_pass"] and 0 < one["stderr"] < 0.01
    assert plain["method"] == "exact" and plain["swing"] == 0.0
    # the uncommitted blocs move together with the mood: the spread of yes votes widens
    assert one["interval"][1] - one["interval"][0] >= plain["interval"][1] - plain["interval"][0]
    assert _spread(swing=1.0, party_swing=0.5) > 1.05 * _spread()  # 5.49 against 4.93
    text = run_cli(*args)
    assert text.code == 0, text.err
    assert "monte-carlo, 20,000 draws, seed 3, standard error" in text.out
    assert "chamber SD 1, party SD 0.5" in text.out


def test_what_if_with_a_swing(run_cli: Run) -> None:
    out = _json(run_cli, "what-if", "pk-na-2022", "--on", "2022-03-28", "--switch", "mqm-p", "--swing", "0.5",
                "--sims", "10000", "--seed", "2")
    assert out["seed"] == 2
    assert all(r["method"] == "monte-carlo" and r["stderr"] > 0 for r in out["runs"])


def test_forecast_text(run_cli: Run) -> None:
    res = run_cli("forecast", "pk-na-2022", "--on", "2022-03-28")  # 168 committed, 13 leaning yes
    assert res.code == 0, res.err
    assert re.search(r"P\(pass\) = 9\d\.\d%", res.out) and "Pivotal blocs" in res.out and "MQM-P" in res.out


def test_what_if_side_by_side(run_cli: Run) -> None:
    out = _json(run_cli, "what-if", "pk-na-2022", "--on", "2022-03-30", "--switch", "mqm-p",
                "--absent", "pti:14")
    labels = [r["label"] for r in out["runs"]]
    assert labels == ["baseline", "mqm-p switch", "14 of pti absent", "all changes"]
    base, switch, absent, both = out["runs"]
    assert (base["committed_yes"], switch["committed_yes"]) == (177, 177 - 7)  # 177: see the count of 30 March
    assert switch["p_pass"] < base["p_pass"]
    assert both["committed_yes"] == 170


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("forecast", "pk-na-2022", "--on", "2022-13-01"), "--on: no such month: 13 \\(expected 01 to 12\\)"),
        (("forecast", "pk-na-2022", "--together", "mqm-p"), "name at least two parties"),
        (("forecast", "pk-na-2022", "--together", "mqm-p,bap:x"), "with P a probability"),
        (("forecast", "pk-na-2022", "--together", "mqm-p,bap:1.5"), "with P a probability from 0 to 1, got .1.5."),
        (("forecast", "pk-na-2022", "--together", "mqm-p,zzz"), "--together 'mqm-p,zzz': unknown party 'zzz' \\(known: aml, anp, "),
        (("forecast", "pk-na-2022", "--sims", "0"), "--sims"),
        (("forecast", "pk-na-2022", "--method", "guess"), "--method"),
        (("forecast", "pk-na-2022", "--swing", "-1"), "--swing"),
        (("forecast", "pk-na-2022", "--party-swing", "nan"), "--party-swing.: expected a number of 0 or more, got nan"),
        (("forecast", "pk-na-2022", "--swing", "0.5", "--method", "exact"), "no closed form"),
        (("what-if", "pk-na-2022"), "give at least one --switch"),
        (("what-if", "pk-na-2022", "--switch", "zzz"), "what-if --switch 'zzz': unknown party 'zzz' \\(known: "),
        (("what-if", "pk-na-2022", "--switch", "mqm-p:9", "--on", "2022-03-30"), "holds only 7 seats"),
        (("what-if", "pk-na-2022", "--absent", "pti:x"), "N a whole number"),
        (("count", "no-such-scenario"), "neither a file nor a bundled scenario"),
    ],
)
def test_bad_input_is_one_line(run_cli: Run, args: tuple[str, ...], message: str) -> None:
    res = run_cli(*args)
    assert res.code == 1
    assert "Traceback" not in res.err
    assert len(res.err.strip().splitlines()) == 1, res.err
    assert re.search(message, res.err.replace("\n", " ")), res.err


def test_demo_table(pakistan: Scenario) -> None:
    dates = [dt.date(2022, 3, 8), dt.date(2022, 3, 30), dt.date(2022, 4, 9)]
    tables = demo_forecast_table(pakistan, dates)
    assert tables and all(t.row_count == 3 for t in tables)
    console = Console(record=True, width=200)
    for table in tables:
        console.print(table)
    text = console.export_text()
    assert "2022-03-08" in text and "2022-04-09" in text and "< 0.1%" in text


def _spread(**swing: float) -> float:
    """The standard deviation of yes votes on 19 March 2022, from the forecast's distribution."""
    import datetime as dt

    import numpy as np

    from whipcount.io.scenario import load_scenario
    from whipcount.tally import count_scenario, forecast, model_from_count

    model = model_from_count(count_scenario(load_scenario("pk-na-2022"), dt.date(2022, 3, 19)), **swing)
    fc = forecast(model, method="monte-carlo", sims=20_000, rng=np.random.default_rng(3), pivotal=False)
    k = np.arange(len(fc.yes_pmf))
    mean = float((k * fc.yes_pmf).sum())
    return float(np.sqrt(((k - mean) ** 2 * fc.yes_pmf).sum()))
