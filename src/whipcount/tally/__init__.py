"""Whip counts and forecasts: who stands where, and how the vote will go.

Pure library (numpy only). The usual path::

    count = count_scenario(scenario, on=date(2022, 3, 30))     # the whip count
    model = model_from_count(count)                            # the cohesion model
    result = forecast(model)                                   # exact where it can be, else Monte Carlo

or, with the scenario's own ``forecast:`` settings (what every command and page shows)::

    result = scenario_forecast(count, plan_for(scenario.forecast))
"""

from whipcount.tally.count import Position, WhipCount, count_scenario, default_stance, fitted_on_its_day, whip_count
from whipcount.tally.exact import exact_forecast, p_pass_exact
from whipcount.tally.forecast import METHODS, forecast, pivots
from whipcount.tally.from_count import model_from_count
from whipcount.tally.model import (
    COMMITTED_STANCES,
    DEFAULT_COHESION,
    DEFAULT_STANCE_PROBABILITIES,
    Bloc,
    Forecast,
    ForecastModel,
    Group,
    Pivot,
)
from whipcount.tally.montecarlo import monte_carlo_forecast, simulate
from whipcount.tally.passing import PassRule, pass_rule
from whipcount.tally.settings import DEFAULT_SIMS, FIXED_SEED, ForecastPlan, plan_for, scenario_forecast
from whipcount.tally.whatif import Change, WhatIfRun, apply_change, apply_changes, parse_change, what_if

__all__ = [
    "COMMITTED_STANCES",
    "DEFAULT_COHESION",
    "DEFAULT_SIMS",
    "DEFAULT_STANCE_PROBABILITIES",
    "FIXED_SEED",
    "METHODS",
    "Bloc",
    "Change",
    "Forecast",
    "ForecastModel",
    "ForecastPlan",
    "Group",
    "PassRule",
    "Pivot",
    "Position",
    "WhatIfRun",
    "WhipCount",
    "apply_change",
    "apply_changes",
    "count_scenario",
    "default_stance",
    "exact_forecast",
    "forecast",
    "model_from_count",
    "monte_carlo_forecast",
    "p_pass_exact",
    "parse_change",
    "pass_rule",
    "pivots",
    "plan_for",
    "scenario_forecast",
    "simulate",
    "what_if",
    "whip_count",
    "fitted_on_its_day",
]
