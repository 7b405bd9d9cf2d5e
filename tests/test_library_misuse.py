"""Wrong use of the library from code: each mistake is the library's own error, naming the argument.

A political scientist in a notebook builds a chamber in code and passes dates and counts herself. A date
given as text, a count given as a float or a string, an event kind that does not exist, a party the chamber
does not hold, a seat total that does not add up: each must be a :class:`~whipcount.errors.WhipcountError`
(and the builtin a caller would expect) whose message names the field, never a ``TypeError`` from a
comparison deep inside, and never a silent wrong answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import whipcount
from whipcount import Chamber, Event, Motion, Party, Scenario, replay
from whipcount.errors import ArgumentError, EventError, InvariantError, NotFound, PowerError, UnknownParty
from whipcount.power import banzhaf, banzhaf_swings, shapley_shubik, swings_by_size
from whipcount.rules import judge, needed, pass_rule
from whipcount.tally import count_scenario

D = dt.date
TOY = Chamber(name="Toy Assembly", seats=100, rules="gb-hc", as_of=D(2020, 1, 1))
PARTIES = (Party(id="red", name="Red", seats=51, side="government"),
           Party(id="blue", name="Blue", seats=49, side="opposition"))


def _toy(**changes: Any) -> Scenario:
    base: dict[str, Any] = {"id": "toy", "title": "Toy", "chamber": TOY, "parties": PARTIES,
                            "motions": (Motion(kind="no-confidence", vote=D(2020, 3, 1)),)}
    return Scenario(**{**base, **changes})


def _raises(call: Callable[[], object], error: type[Exception], *named: str) -> str:
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    for word in named:
        assert word in message, message
    return message


@pytest.mark.parametrize("call", [
    lambda sc: sc.state("2022-03-30"),
    lambda sc: count_scenario(sc, "2022-03-30"),
    lambda sc: replay(sc.chamber, sc.parties, sc.events, on="2022-03-30"),
    lambda sc: needed("pk-na", "no-confidence", seats=342, on="2022-03-30"),
    lambda sc: judge("pk-na", "no-confidence", yes=174, seats=342, on="2022-03-30"),
    lambda sc: pass_rule("pk-na", "no-confidence", seats=342, on="2022-03-30"),
], ids=["state", "count_scenario", "replay", "needed", "judge", "pass_rule"])
def test_a_date_as_text_is_an_argument_error_naming_on(pakistan: Scenario, call: Callable[[Scenario], object]) -> None:
    message = _raises(lambda: call(pakistan), ArgumentError, "on:", "'2022-03-30'", "fromisoformat")
    assert isinstance(ArgumentError(message), TypeError | ValueError)  # either builtin catches it


def test_a_datetime_is_refused_with_the_way_to_its_day(pakistan: Scenario) -> None:
    _raises(lambda: pakistan.state(dt.datetime(2022, 3, 30, 12)), ArgumentError, "on:", ".date()")


@pytest.mark.parametrize("kwargs,field", [
    ({"yes": "174"}, "yes:"), ({"yes": 174.5}, "yes:"), ({"yes": 174, "no": 3.5}, "no:"),
    ({"yes": 174, "abstain": "2"}, "abstain:"), ({"yes": 174, "seats": "342"}, "seats:"),
    ({"yes": 174, "vacancies": 1.5}, "vacancies:"), ({"yes": True}, "yes:"),
])
def test_judge_refuses_counts_that_are_not_whole_numbers(kwargs: dict[str, Any], field: str) -> None:
    # 174.5 yes votes used to be judged (and explained as "174.5 in favour"): no division has half a vote
    _raises(lambda: judge("pk-na", "no-confidence", **{"seats": 342, **kwargs}), ArgumentError, field)


def test_needed_refuses_seats_as_text() -> None:
    _raises(lambda: needed("pk-na", "no-confidence", seats="342"), ArgumentError, "seats:", "'342'")


def test_a_chamber_built_with_text_is_refused_naming_the_field() -> None:
    _raises(lambda: _toy(chamber=Chamber(name="Toy Assembly", seats="100", rules="gb-hc", as_of=D(2020, 1, 1)))
            .state(D(2020, 2, 1)), ArgumentError, "chamber 'Toy Assembly': seats:")
    _raises(lambda: _toy(chamber=Chamber(name="Toy Assembly", seats=100, rules="gb-hc", as_of="2020-01-01"))
            .state(D(2020, 2, 1)), ArgumentError, "chamber 'Toy Assembly': as_of:")
    _raises(lambda: _toy(parties=(Party(id="red", name="Red", seats="51", side="government"), PARTIES[1]))
            .state(D(2020, 2, 1)), ArgumentError, "party 'red': seats:")
    _raises(lambda: _toy(parties=({"id": "red", "seats": 51}, PARTIES[1])).state(D(2020, 2, 1)),
            ArgumentError, "parties[0]: expected a Party")


def test_an_event_built_in_code_is_checked_as_a_files_would_be() -> None:
    # an unknown kind used to be skipped as if procedural: the state came out as if nothing had happened;
    # it is refused when the event is made
    _raises(lambda: Event(date=D(2020, 2, 1), kind="switcheroo", party="red", to="opposition"), EventError,
            "event switcheroo on 2020-02-01: kind: expected one of")
    # a date as text is refused when the event is made, naming the field, no longer when a state is computed
    _raises(lambda: Event(date="2020-02-01", kind="switch-side", party="red", to="opposition"),  # type: ignore[arg-type]
            ArgumentError, "event switch-side of party 'red': date:", "fromisoformat")
    _raises(lambda: _toy(events=("switch-side",)).state(D(2020, 2, 2)), ArgumentError, "events[0]:")


def test_vacancies_given_must_add_up_with_the_parties_seats() -> None:
    short = (Party(id="red", name="Red", seats=50, side="government"), PARTIES[1])  # 99 of 100, a typo
    chamber = Chamber(name="Toy Assembly", seats=100, rules="gb-hc", as_of=D(2020, 1, 1), vacancies=0)
    _raises(lambda: _toy(chamber=chamber, parties=short).state(D(2020, 2, 1)), InvariantError,
            "parties hold 99 seats and 0 are vacant: 99, but the chamber has 100 seats")
    assert _toy(chamber=chamber).state(D(2020, 2, 1)).vacancies == 0
    # left out, the gap is vacant, as in a scenario file without `vacancies`
    assert _toy(parties=short).state(D(2020, 2, 1)).vacancies == 1


def test_an_unknown_party_is_unknown_party_a_key_error_naming_the_known(pakistan: Scenario) -> None:
    state = pakistan.state(D(2022, 3, 30))
    message = _raises(lambda: state.party("pti2"), UnknownParty, "'pti2'", "pti, pml-n", "2022-03-30")
    assert not message.startswith("'")  # not KeyError's quoted repr
    for builtin in (KeyError, LookupError, NotFound, whipcount.WhipcountError):
        with pytest.raises(builtin):
            state.party("pti2")


@pytest.mark.parametrize("call", [banzhaf, shapley_shubik, banzhaf_swings, swings_by_size])
def test_a_power_index_of_a_list_names_the_game_it_needs(call: Callable[[Any], object]) -> None:
    _raises(lambda: call([51, 49, 48, 3]), PowerError, "expected a WeightedGame", "got list")


def test_a_scenario_and_a_state_show_themselves_in_one_short_line(pakistan: Scenario) -> None:
    # the dataclass reprs ran to 50,219 and 8,742 characters for the bundled case
    text = repr(pakistan)
    assert len(text) < 300 and "\n" not in text
    assert "'pk-na-2022'" in text and "seats=342" in text and f"parties={len(pakistan.parties)}" in text
    state = repr(pakistan.state(D(2022, 3, 30)))
    assert len(state) < 400 and "date=2022-03-30" in state
    # the record after MQM-P's switch: 164 government, 177 opposition, one seat vacant
    assert "'government': 164, 'opposition': 177" in state and "vacancies=1" in state and "pti: 155" in state


def test_a_whip_count_and_a_forecast_show_themselves_in_one_short_line(pakistan: Scenario) -> None:
    import numpy as np

    from whipcount.tally import forecast, model_from_count

    # the dataclass reprs ran to 16,572 and 659 characters for the bundled case on 30 March 2022
    count = count_scenario(pakistan, D(2022, 3, 30))
    text = repr(count)
    assert len(text) < 300 and "\n" not in text
    # the record: 172 of 342 needed (Art. 95(4)), NA-33 vacant, the 177 of the opposition after MQM-P's switch
    assert "date=2022-03-30" in text and "seats=342" in text and "vacancies=1" in text
    assert "needed=172" in text and "'yes': 177" in text and f"positions={len(count.positions)}" in text
    fc = forecast(model_from_count(count))
    text = repr(fc)
    assert len(text) < 300 and "\n" not in text
    # the README's figures for this forecast: median 189, 5th to 95th percentile 184 to 194
    assert "method='exact'" in text and "median=189" in text and "interval=(184, 194)" in text
    assert "sims=" not in text and "'ppp'" in text  # PPP's 56 seats voting no would sink the motion
    drawn = repr(forecast(model_from_count(count), method="monte-carlo", sims=1000, rng=np.random.default_rng(1)))
    assert "\n" not in drawn and "sims=1000" in drawn and "stderr=" in drawn
    # the record of 28 March 1979: 311 to 310, a majority of the votes cast; a repr never raises, even of a
    # count with a stance the model does not know
    gb = count_scenario(whipcount.load_scenario("gb-hc-1979"))
    assert "needed=311" in repr(gb) and "basis='votes-cast'" in repr(gb)
    odd = dataclasses.replace(count, positions=(dataclasses.replace(count.positions[0], stance="maybe"),))
    assert "'maybe': " in repr(odd) and "positions=1" in repr(odd)


def test_a_forecast_of_the_wrong_things_names_what_it_needs(pakistan: Scenario) -> None:
    # a notebook's slips: the scenario and a date where the count and the plan go, a count where the model
    # goes; each named, with the call that makes the right thing, never an AttributeError from inside
    from whipcount.tally import forecast, model_from_count, plan_for, scenario_forecast

    count = count_scenario(pakistan, dt.date(2022, 4, 3))
    plan = plan_for(pakistan.forecast)
    text = _raises(lambda: scenario_forecast(pakistan, dt.date(2022, 4, 3)), ArgumentError,  # type: ignore[arg-type]
                   "count", "WhipCount", "count_scenario(scenario, date)")
    assert "Scenario" in text
    _raises(lambda: scenario_forecast(count, pakistan.forecast), ArgumentError, "plan", "plan_for")  # type: ignore[arg-type]
    _raises(lambda: forecast(count), ArgumentError, "model", "ForecastModel", "model_from_count")  # type: ignore[arg-type]
    _raises(lambda: model_from_count(pakistan), ArgumentError, "count", "WhipCount")  # type: ignore[arg-type]
    assert scenario_forecast(count, plan).p_pass > 0.5  # the right things still give the forecast


@pytest.mark.parametrize(("args", "named"), [
    (("a", 2.5, 0.5), "seats"), (("a", True, 0.5), "seats"), (("a", "3", 0.5), "seats"),
    (("a", 3, "0.5"), "p_yes"), (("a", 3, True), "p_yes"), (("a", 3, 0.5, "0"), "p_absent"),
    (("a", 3, 0.5, 0.0, None), "cohesion"),
])
def test_a_bloc_of_part_seats_or_text_probabilities_is_refused_naming_it(args: tuple[Any, ...], named: str) -> None:
    """2.5 seats went into a forecast and failed in numpy; True counted as one seat; text failed in a
    comparison."""
    from whipcount.tally import Bloc

    _raises(lambda: Bloc(*args), ArgumentError, "bloc 'a'", named)


def test_a_bloc_s_probability_may_be_any_real_number() -> None:
    """Half as a Fraction, a Decimal or a numpy float is a half: two of three seats needed, three members
    each yes with 1/2: P = 3/8 + 1/8 = 1/2."""
    from decimal import Decimal
    from fractions import Fraction

    import numpy as np

    from whipcount.tally import Bloc, ForecastModel, PassRule, forecast

    for half in (Fraction(1, 2), Decimal("0.5"), np.float32(0.5), 0.5):
        bloc = Bloc("a", np.int64(3), half)
        assert (bloc.seats, bloc.p_yes) == (3, 0.5) and type(bloc.p_yes) is float
        got = forecast(ForecastModel((bloc,), PassRule("total", 2)), method="exact", pivotal=False)
        assert got.p_pass == pytest.approx(0.5, abs=1e-15)


@pytest.mark.parametrize(("kwargs", "named"), [({"fraction": 0.5}, "fraction"), ({"fraction": "half"}, "fraction"),
                                               ({"quorum": 1.5}, "quorum"), ({"count": "172"}, "count")])
def test_a_pass_rule_s_fraction_is_exact_and_its_counts_whole(kwargs: dict[str, Any], named: str) -> None:
    """A float fraction failed only when the rule was used (an AttributeError on 'denominator')."""
    from whipcount.tally import PassRule

    basis = "total" if "count" in kwargs else "votes-cast"
    _raises(lambda: PassRule(basis, **kwargs), ArgumentError, "pass rule", named)


def test_a_pass_rule_reads_a_fraction_written_as_text() -> None:
    from fractions import Fraction

    from whipcount.tally import PassRule

    rule = PassRule("votes-cast", fraction="2/3", strict=False)  # type: ignore[arg-type]
    assert rule.fraction == Fraction(2, 3)
    assert bool(rule.passes(2, 1)) and not bool(rule.passes(3, 2))  # 2 of 3 cast is two thirds; 3 of 5 is not


def test_monte_carlo_draws_are_a_whole_number() -> None:
    import numpy as np

    from whipcount.tally import Bloc, ForecastModel, PassRule, forecast

    model = ForecastModel((Bloc("a", 3, 0.5),), PassRule("total", 2))
    _raises(lambda: forecast(model, method="monte-carlo", sims=1.5, rng=np.random.default_rng(1)),  # type: ignore[arg-type]
            ArgumentError, "sims", "1.5")
