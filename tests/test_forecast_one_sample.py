"""A Monte Carlo forecast's headline and its pivotal blocs come from one sample: one set of numbers."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace

import numpy as np

from whipcount.model import Scenario
from whipcount.tally import forecast, p_pass_exact, simulate
from whipcount.tally.count import count_scenario
from whipcount.tally.from_count import model_from_count

SIMS = 20_000


def test_pivotal_rows_start_from_the_headline_sample(pakistan: Scenario) -> None:
    model = model_from_count(count_scenario(pakistan, dt.date(2022, 3, 30)))
    fc = forecast(model, method="monte-carlo", sims=SIMS, rng=np.random.default_rng(11))
    assert fc.pivotal, "the Pakistan case on 30 March has pivotal blocs"
    # the headline's sample, drawn again from outside: a generator seeded alike
    again = simulate(model, sims=SIMS, rng=np.random.default_rng(11))
    assert again.p_pass == fc.p_pass  # exactly: the same draws
    keys = [b.key for b in model.blocs]
    for pivot in fc.pivotal:
        assert pivot.p_before == fc.p_pass
        i = keys.index(pivot.key)
        yes = 0.0 if pivot.change == "votes no" else 1.0
        switched = list(model.blocs)
        switched[i] = replace(switched[i], p_yes=yes, p_absent=0.0, cohesion=0.0)
        # the switch is read from a second sample, each draw with and without it, and carried from the
        # headline: within (sqrt(b (1 - b)) + 1/2) / sqrt(N) of the exact figure at 5 sigma
        # (tests/test_forecast_pivots_drawn.py derives the bound)
        truth = p_pass_exact(replace(model, blocs=tuple(switched)))[0]
        b = fc.p_pass
        assert abs(pivot.p_after - truth) <= 5 * (math.sqrt(b * (1 - b)) + 0.5) / math.sqrt(SIMS), pivot.key


def test_the_cli_headline_and_pivotal_table_agree_to_every_digit(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("forecast", "pk-na-2022", "--on", "2022-03-30", "--method", "monte-carlo", "--sims", str(SIMS),
                "--seed", "3", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    headline = data["forecast"]["p_pass"] if "forecast" in data else data["p_pass"]
    pivotal = data["forecast"]["pivotal"] if "forecast" in data else data["pivotal"]
    assert pivotal and all(p["p_before"] == headline for p in pivotal)
    table = run_cli("forecast", "pk-na-2022", "--on", "2022-03-30", "--method", "monte-carlo", "--sims", str(SIMS),
                    "--seed", "3")
    from whipcount.model import format_probability

    assert table.out.count(f"{format_probability(headline)} →") == len(pivotal)  # every row starts from it
