"""The numbers and names a notebook types in: one reading of each, everywhere.

- every seat, weight and count takes a whole number of any numeric type (``5.0``, ``Fraction(5)``,
  ``Decimal(5)``, numpy) as the ``int`` it is, and refuses the same values (``5.5``, a bool, text) everywhere,
  naming the field, when the object is made;
- a forecast model whose blocs outnumber the chamber its rule was made for is refused;
- every string option refuses an unknown value, naming the allowed ones and the nearest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from whipcount import Chamber, Event, Party, Stance
from whipcount.charts import render_forecast, render_hemicycle
from whipcount.errors import ArgumentError, ForecastError, PowerError, RulesError, WhipcountError
from whipcount.io import load_scenario
from whipcount.model.division import Division
from whipcount.power import WeightedGame, banzhaf_swings, coalitions, get_index
from whipcount.power.chamber import chamber_game
from whipcount.rules import judge, needed, pass_rule
from whipcount.tally import Bloc, Change, ForecastModel, forecast, pivots
from whipcount.tally.passing import PassRule

D = dt.date


def _model(a: Any = 60, b: Any = 40, seats: int = 100, vacancies: int = 0) -> ForecastModel:
    """Two blocs certain to vote: ``a`` yes, ``b`` no, under Pakistan's Art. 95 rule for ``seats``."""
    return ForecastModel((Bloc("a", a, 1.0), Bloc("b", b, 0.0)),
                         pass_rule("pk-na", "no-confidence", seats=seats, vacancies=vacancies))


# -- (2, 3) whole numbers: one test for every field, when the object is made -------------------------------------
PK_STATE = load_scenario("pk-na-2022").state(dt.date(2022, 3, 30))
CERTAIN_5 = [0.0] * 5 + [1.0]
"""Five yes votes, certain."""
FIELDS: list[tuple[str, Callable[[Any], object], Callable[[object], object], str]] = [
    ("Bloc.seats", lambda n: Bloc("x", n, 0.5), lambda o: o.seats, "bloc 'x': seats"),  # type: ignore[attr-defined]
    ("Party.seats", lambda n: Party("red", "Red", n, "government"), lambda o: o.seats,  # type: ignore[attr-defined]
     "party 'red': seats"),
    ("Party.by_side", lambda n: Party("red", "Red", 5, "government", by_side=(("government", n),)),
     lambda o: o.by_side[0][1], "party 'red': by_side[0]"),  # type: ignore[attr-defined]
    ("Chamber.seats", lambda n: Chamber("Toy", n, "pk-na", D(2020, 1, 1)), lambda o: o.seats,  # type: ignore[attr-defined]
     "chamber 'Toy': seats"),
    ("Event.seats", lambda n: Event(D(2020, 1, 2), "switch-side", party="red", to="opposition", seats=n),
     lambda o: o.seats, "event switch-side of party 'red': seats"),  # type: ignore[attr-defined]
    ("Stance.seats", lambda n: Stance(D(2020, 1, 2), "yes", party="red", seats=n), lambda o: o.seats,  # type: ignore[attr-defined]
     "stance of party 'red': seats"),
    ("Division.yes", lambda n: Division(yes=n), lambda o: o.yes, "division: yes"),  # type: ignore[attr-defined]
    ("Change.seats", lambda n: Change("yes", "red", n), lambda o: o.seats, "change 'red': seats"),  # type: ignore[attr-defined]
    ("PassRule.count", lambda n: PassRule("total", count=n), lambda o: o.count, "pass rule: count"),  # type: ignore[attr-defined]
    ("render_forecast needed", lambda n: render_forecast(CERTAIN_5, needed=n),  # the chart of needed=5, or not
     lambda o: 5 if o == render_forecast(CERTAIN_5, needed=5) else o, "needed"),
    ("judge no", lambda n: judge("pk-na", "no-confidence", yes=174, no=n, seats=342), lambda o: o.no,  # type: ignore[attr-defined]
     "no:"),
    ("judge vacancies", lambda n: judge("pk-na", "no-confidence", yes=174, seats=342, vacancies=n),
     lambda o: o.vacancies, "vacancies:"),  # type: ignore[attr-defined]
    ("needed seats", lambda n: needed("pk-na", "no-confidence", seats=n), lambda o: o.seats, "seats:"),  # type: ignore[attr-defined]
    ("render_hemicycle needed", lambda n: render_hemicycle(PK_STATE, needed=n),
     lambda o: 5 if o == render_hemicycle(PK_STATE, needed=5) else o, "needed"),
    ("WeightedGame.weights", lambda n: WeightedGame([n, 5, 5], 8), lambda o: o.weights[0], "weight"),  # type: ignore[attr-defined]
]
WHOLE = [5, np.int64(5), 5.0, np.float64(5.0), Fraction(5), Decimal(5), Decimal("5.0")]
NOT_WHOLE = [5.5, Fraction(11, 2), Decimal("5.5"), float("nan"), float("inf"), True, np.bool_(True), "5"]


@pytest.mark.parametrize("value", WHOLE, ids=repr)
@pytest.mark.parametrize(("field", "make", "read", "named"), FIELDS, ids=[f[0] for f in FIELDS])
def test_every_count_takes_a_whole_number_of_any_type_as_the_int_it_is(
        field: str, make: Callable[[Any], object], read: Callable[[object], object], named: str, value: Any) -> None:
    got = read(make(value))
    assert got == 5 and type(got) is int, (field, got)


@pytest.mark.parametrize("value", NOT_WHOLE, ids=repr)
@pytest.mark.parametrize(("field", "make", "read", "named"), FIELDS, ids=[f[0] for f in FIELDS])
def test_every_count_refuses_the_same_values_when_made_naming_the_field(
        field: str, make: Callable[[Any], object], read: Callable[[object], object], named: str, value: Any) -> None:
    with pytest.raises(WhipcountError) as info:
        make(value)
    assert isinstance(info.value, ArgumentError | PowerError), (field, info.value)
    assert named in str(info.value), str(info.value)


def test_a_forecast_of_blocs_given_as_fractions_is_the_forecast_of_the_ints() -> None:
    assert forecast(_model(Fraction(60), Decimal(40))).p_pass == forecast(_model(60, 40)).p_pass == 1.0


def test_a_date_as_text_is_refused_when_the_object_is_made() -> None:
    with pytest.raises(ArgumentError, match=r"^chamber 'Toy': as_of: expected a datetime\.date"):
        Chamber("Toy", 100, "pk-na", "2020-01-01")  # type: ignore[arg-type]


# -- (4) blocs larger than the rule's chamber ---------------------------------------------------------------------
def test_blocs_of_more_seats_than_the_rule_s_chamber_are_refused() -> None:
    with pytest.raises(ForecastError, match=r"blocs hold 200 seats, but the rule was made for a chamber of 100 "):
        _model(160, 40, seats=100)
    # two of 100 seats vacant: 98 members can vote, 99 cannot
    with pytest.raises(ForecastError, match=r"blocs hold 99 seats.* 98 members in office"):
        _model(59, 40, seats=100, vacancies=2)
    assert _model(58, 40, seats=100, vacancies=2).seats == 98
    # a rule made by hand knows no chamber: nothing to compare
    assert ForecastModel((Bloc("a", 200, 1.0),), PassRule("votes-cast")).seats == 200


# -- (5) string options ------------------------------------------------------------------------------------------
OPTIONS: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    ("pivots method", lambda: pivots(_model(), 1.0, method="exakt"), ForecastError, "'exact'"),
    ("forecast method", lambda: forecast(_model(), method="montecarlo"), ForecastError, "'monte-carlo'"),
    ("what-if change", lambda: Change("abstian", "red"), ForecastError, "'abstain'"),
    ("coalition kind", lambda: coalitions(WeightedGame([2, 1, 1], 3), "minimall"), PowerError, "'minimal'"),
    ("swings method", lambda: banzhaf_swings(WeightedGame([2, 1], 2), method="modulr"),  # type: ignore[arg-type]
     PowerError, "'modular'"),
    ("power index", lambda: get_index("banzaf"), PowerError, "'banzhaf'"),
    ("players by", lambda: chamber_game(load_scenario("pk-na-2022"), by="blocs"), PowerError, "'bloc'"),
    ("pass rule basis", lambda: PassRule("totl", count=3), RulesError, "'total'"),
    ("casting vote", lambda: pass_rule("gb-hc", "confidence", seats=650, casting_vote="noo"), RulesError, "'no'"),
]


@pytest.mark.parametrize(("what", "call", "error", "nearest"), OPTIONS, ids=[o[0] for o in OPTIONS])
def test_an_unknown_option_is_refused_naming_the_allowed_and_the_nearest(
        what: str, call: Callable[[], object], error: type[Exception], nearest: str) -> None:
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert nearest in message and f"did you mean {nearest}?" in message, message


def test_pivots_by_auto_are_the_exact_pivots() -> None:
    model = ForecastModel((Bloc("a", 50, 1.0), Bloc("b", 1, 0.5), Bloc("c", 49, 0.0)),
                          pass_rule("pk-na", "no-confidence", seats=100))
    assert pivots(model, 0.5, method="auto") == pivots(model, 0.5, method="exact")
