"""Lists a caller builds in code: a generator, a list, text where a list goes, a count of the wrong kind.

A generator of blocs given to ``ForecastModel`` was read up by the model's own checks, so the forecast saw
no seats at all and said P(pass) = 0 without a word; a group's blocs given as one string were read letter
by letter; a what-if's changes as a generator, or a change's seats as text, were a TypeError from inside.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from whipcount.errors import ArgumentError, WhipcountError
from whipcount.tally import Bloc, Change, ForecastModel, Group, PassRule, forecast, what_if

RULE = PassRule("total", 2)  # 2 yes of 3 members
ONE_YES = (Bloc("sure", 1, 1.0), Bloc("coin", 1, 0.5), Bloc("never", 1, 0.0))  # passes iff the coin is yes


@pytest.mark.parametrize("make", [tuple, list, lambda bs: (b for b in bs)], ids=["tuple", "list", "generator"])
def test_blocs_in_any_iterable_give_the_same_forecast(make: Any) -> None:
    model = ForecastModel(make(ONE_YES), RULE)
    assert model.blocs == ONE_YES  # kept as a tuple, so the model stays hashable and frozen
    assert forecast(model, pivotal=False).p_pass == pytest.approx(0.5)  # by hand: one fair coin decides


def test_groups_in_a_list_are_kept_as_a_tuple() -> None:
    model = ForecastModel(ONE_YES, RULE, [Group("g", ["sure", "coin"])])
    assert model.groups == (Group("g", ("sure", "coin")),)
    hash(model.groups)


def test_a_group_s_blocs_as_one_string_are_refused_not_read_letter_by_letter() -> None:
    with pytest.raises(ArgumentError, match=r"group 'g': blocs: expected a list or tuple.*got 'ab' \(str\)"):
        Group("g", "ab")  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"blocs": ONE_YES[0]}, r"forecast model: blocs: expected a list or tuple"),
    ({"blocs": (ONE_YES[0], "coin")}, r"forecast model: blocs\[1\]: expected a Bloc, got 'coin'"),
    ({"groups": ("g",)}, r"forecast model: groups\[0\]: expected a Group"),
    ({"rule": "pk-na"}, r"forecast model: rule: expected a PassRule"),
    ({"swing": "0.5"}, r"forecast model: swing: expected a number, got '0.5'"),
    ({"party_swing": None}, r"forecast model: party_swing: expected a number, got None"),
])
def test_a_model_s_parts_of_the_wrong_kind_are_named(kwargs: dict[str, Any], named: str) -> None:
    args: dict[str, Any] = {"blocs": ONE_YES, "rule": RULE, **kwargs}
    with pytest.raises(ArgumentError, match=named):
        ForecastModel(**args)


@pytest.mark.parametrize("seats", [2.5, "3", True])
def test_a_change_s_seats_must_be_a_whole_number(seats: Any) -> None:
    with pytest.raises(ArgumentError, match=r"what-if change 'red': seats: expected a whole number"):
        Change("switch", "red", seats)


def test_a_change_s_numpy_seats_are_kept_as_an_int() -> None:
    seats = Change("switch", "red", np.int64(3)).seats
    assert seats == 3 and type(seats) is int


def test_what_if_takes_a_generator_of_changes_and_refuses_text() -> None:
    import datetime as dt

    from whipcount import load_scenario
    from whipcount.tally import count_scenario, model_from_count

    count = count_scenario(load_scenario("pk-na-2022"), dt.date(2022, 3, 30))
    runs = what_if(count, (Change("absent", p) for p in ("mqm-p", "bap")), model_from_count, pivotal=False)
    assert [r.label for r in runs] == ["baseline", "mqm-p absent", "bap absent", "all changes"]
    with pytest.raises(ArgumentError, match=r"what_if: changes: expected a list or tuple"):
        what_if(count, "mqm-p", model_from_count)  # type: ignore[arg-type]
    with pytest.raises(WhipcountError, match=r"what_if: changes\[0\]: expected a Change"):
        what_if(count, ["mqm-p"], model_from_count)  # type: ignore[list-item]


COIN = ForecastModel((Bloc("coin", 1, 0.5), Bloc("sure", 1, 1.0), Bloc("never", 1, 0.0)), RULE)


@pytest.mark.parametrize(("kwargs", "named"), [
    ({"pivotal": "no"}, r"forecast: pivotal: expected True or False, got 'no'"),  # "no" is true to Python
    ({"workers": "2"}, r"forecast: workers: expected a whole number"),
    ({"progress": 5}, r"progress: expected a function told the number of draws done"),
])
def test_forecast_options_of_the_wrong_kind_are_named(kwargs: dict[str, Any], named: str) -> None:
    with pytest.raises(ArgumentError, match=named):
        forecast(COIN, method="monte-carlo", rng=np.random.default_rng(1), sims=100, **kwargs)


def test_numpy_bools_and_counts_are_options_too() -> None:
    fc = forecast(COIN, method="monte-carlo", rng=np.random.default_rng(1), sims=4000, workers=np.int64(1),
                  pivotal=np.bool_(False))
    assert fc.pivotal == () and abs(fc.p_pass - 0.5) <= 4 * fc.stderr  # one fair coin decides


def test_count_scenario_of_a_name_says_how_to_load_it() -> None:
    from whipcount.tally import count_scenario

    with pytest.raises(ArgumentError, match=r"scenario: expected a Scenario \(whipcount.load_scenario\("):
        count_scenario("pk-na-2022")  # type: ignore[arg-type]


@pytest.mark.parametrize(("groups", "named"), [
    ("pti", r"groups: expected a list or tuple"),
    ([("pti",)], r"groups\[0\]: expected a \(party ids, together\) pair, got \('pti',\)"),
    ([("pti", 0.5)], r"groups\[0\]: party ids: expected a list or tuple.*got 'pti'"),  # not p, t, i
])
def test_model_from_count_groups_of_the_wrong_shape_are_named(groups: Any, named: str) -> None:
    import datetime as dt

    from whipcount import load_scenario
    from whipcount.tally import count_scenario, model_from_count

    count = count_scenario(load_scenario("pk-na-2022"), dt.date(2022, 3, 30))
    with pytest.raises(ArgumentError, match=named):
        model_from_count(count, groups=groups)


def test_a_judged_division_of_numpy_counts_says_passed_as_a_bool() -> None:
    from whipcount.rules import judge

    # Pakistan, 10 April 2022: 174 for the no-confidence resolution, 172 of 342 needed (Art. 95(4))
    outcome = judge("pk-na", "no-confidence", yes=np.int64(174), seats=np.int64(342))
    assert outcome.passed is True and repr(outcome).startswith("Outcome(passed=True,")


def _toy(**fields: Any) -> Any:
    import datetime as dt

    from whipcount import Chamber, Motion, Party, Scenario

    base: dict[str, Any] = dict(
        id="toy", title="Toy",
        chamber=Chamber(name="Toy Assembly", seats=101, rules="pk-na", as_of=dt.date(2024, 1, 1), vacancies=0),
        parties=(Party(id="red", name="Red", seats=51, side="government"),
                 Party(id="blue", name="Blue", seats=50, side="opposition")),
        motions=(Motion(kind="no-confidence", vote=dt.date(2024, 3, 1)),),
    )
    return Scenario(**{**base, **fields})


def test_a_scenario_built_from_generators_replays_them() -> None:
    import datetime as dt

    from whipcount import Event

    plain = _toy()
    moved = (Event(date=dt.date(2024, 2, 1), kind="switch-side", party="red", seats=3, to="opposition"),)
    sc = _toy(parties=(p for p in plain.parties), events=(e for e in moved), motions=list(plain.motions))
    assert sc.parties == plain.parties and sc.events == moved and type(sc.motions) is tuple
    # by hand: 51 - 3 on the government side, 50 + 3 in opposition, asked twice (a generator is read once)
    for _ in range(2):
        assert sc.state(dt.date(2024, 3, 1)).sides() == {"government": 48, "opposition": 53, "other": 0}


@pytest.mark.parametrize(("fields", "named"), [
    ({"parties": "red"}, r"scenario 'toy': parties: expected a list or tuple, each item a Party, got 'red'"),
    ({"motions": "MOTION"}, r"scenario 'toy': motions: expected a list or tuple"),
    ({"events": [{"kind": "switch-side"}]}, r"scenario 'toy': events\[0\]: expected an Event"),
])
def test_a_scenario_s_lists_of_the_wrong_kind_are_named(fields: dict[str, Any], named: str) -> None:
    with pytest.raises(ArgumentError, match=named):
        _toy(**fields)
