"""Monte Carlo pivots against the exact ones: each row's change agrees with the exact method's within the
sampling error (the headline and the rows come from one sample: tests/test_forecast_one_sample.py)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, forecast, model_from_count


def _model():  # type: ignore[no-untyped-def]
    return model_from_count(count_scenario(load_scenario("pk-na-2022"), dt.date(2022, 3, 19)))


def test_monte_carlo_pivots_agree_with_the_exact_ones() -> None:
    model = _model()
    exact = {p.key: p for p in forecast(model, method="exact").pivotal}
    sims = 40_000
    mc = forecast(model, method="monte-carlo", sims=sims, rng=np.random.default_rng(5))
    assert mc.pivotal
    for p in mc.pivotal:
        if p.key not in exact:
            continue
        e = exact[p.key]
        se = math.sqrt(max(e.p_after * (1 - e.p_after), 1 / sims) / sims)
        assert abs(p.p_after - e.p_after) < 5 * se + 1e-9, (p.key, p.p_after, e.p_after)
