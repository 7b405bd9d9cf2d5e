"""A forecast asked for from code with arguments of the wrong kind: each is refused naming the argument.

A seed where the generator goes (``rng=42``), no generator for Monte Carlo, a cohesion or a probability
given as text, a table of probabilities that is not a mapping: each used to be an ``AttributeError`` from
inside numpy or the model builder.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from whipcount import Chamber, Motion, Party, Scenario
from whipcount.errors import ArgumentError
from whipcount.tally import Bloc, ForecastModel, PassRule, forecast, model_from_count, monte_carlo_forecast, simulate

D = dt.date
TOY = Scenario(
    id="toy", title="Toy",
    chamber=Chamber(name="Toy Assembly", seats=101, rules="pk-na", as_of=D(2024, 1, 1), vacancies=0),
    parties=(Party(id="red", name="Red", seats=51, side="government"),
             Party(id="blue", name="Blue", seats=46, side="opposition"),
             Party(id="green", name="Green", seats=4, side="other")),
    motions=(Motion(kind="no-confidence", vote=D(2024, 3, 1)),),
)
COIN = ForecastModel((Bloc("a", 3, 0.5, cohesion=0.0),), PassRule("total", 2))  # 2 of 3 fair coins: P = 1/2


@pytest.mark.parametrize("rng", [42, None, np.random.SeedSequence(1), "1"])
@pytest.mark.parametrize("call", [
    lambda rng: monte_carlo_forecast(COIN, sims=100, rng=rng),
    lambda rng: simulate(COIN, sims=100, rng=rng),
], ids=["monte_carlo_forecast", "simulate"])
def test_monte_carlo_needs_a_generator_and_says_how_to_make_one(call: Any, rng: Any) -> None:
    with pytest.raises(ArgumentError, match=r"rng: expected a Generator \(numpy.random.default_rng\(seed\)"):
        call(rng)


def test_forecast_with_a_seed_for_rng_names_rng() -> None:
    with pytest.raises(ArgumentError, match="rng:"):
        forecast(COIN, method="monte-carlo", sims=100, rng=42)  # type: ignore[arg-type]


def test_a_generator_still_draws() -> None:
    got = monte_carlo_forecast(COIN, sims=4000, rng=np.random.default_rng(3)).p_pass
    assert abs(got - 0.5) < 4 * (0.25 / 4000) ** 0.5  # within 4 standard errors of the exact 1/2


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"cohesion": "0.9"}, "cohesion"), ({"cohesion": {"undecided": "0.9"}}, "cohesion.undecided"),
    ({"probabilities": {"undecided": "0.4"}}, "probabilities.undecided"),
    ({"probabilities": 0.4}, "probabilities: expected a mapping"),
])
def test_text_where_a_probability_goes_is_refused_by_name(kwargs: dict[str, Any], named: str) -> None:
    from whipcount.tally import count_scenario

    count = count_scenario(TOY)
    with pytest.raises(ArgumentError, match=named.replace(".", r"\.")):
        model_from_count(count, **kwargs)


@pytest.mark.parametrize("cohesion", [Fraction(1, 1), Decimal(1), np.float32(1.0), 1])
def test_cohesion_may_be_any_real_number(cohesion: Any) -> None:
    """A cohesion of one, however written, is every bloc acting as one."""
    from whipcount.tally import count_scenario

    model = model_from_count(count_scenario(TOY), cohesion=cohesion)  # a Fraction was an AttributeError
    assert {b.cohesion for b in model.blocs} == {1.0}
