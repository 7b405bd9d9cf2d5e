"""A chamber, its log and its whip count built in code: numbers of the wrong type are refused by name, and
numpy's whole numbers are the ints they are.

A notebook's counts often come out of pandas or numpy (``df.seats.sum()`` is an ``np.int64``): they are
whole numbers and are taken as such, but none may reach a state, a table or a JSON file as ``np.int64``. A
count given as a float or text, a date given as text, a party without an id: each is an
:class:`~whipcount.errors.ArgumentError` naming the field, never a ``TypeError`` from inside or a seat count
of 48.0.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from whipcount import Chamber, Event, Motion, Party, Scenario, Stance
from whipcount.errors import ArgumentError
from whipcount.io.popolo_export import dump_popolo
from whipcount.tally import count_scenario

D = dt.date


def _toy(seats: Any = 101, red: Any = 51, moved: Any = 3, **changes: Any) -> Scenario:
    """Red 51, Blue 46, Green 4 of 101; on 1 February ``moved`` Red seats cross to the opposition."""
    base: dict[str, Any] = {
        "id": "toy", "title": "Toy",
        "chamber": Chamber(name="Toy Assembly", seats=seats, rules="pk-na", as_of=D(2024, 1, 1), vacancies=0),
        "parties": (Party(id="red", name="Red", seats=red, side="government"),
                    Party(id="blue", name="Blue", seats=46, side="opposition"),
                    Party(id="green", name="Green", seats=4, side="other")),
        "events": (Event(date=D(2024, 2, 1), kind="switch-side", party="red", seats=moved, to="opposition"),),
        "motions": (Motion(kind="no-confidence", vote=D(2024, 3, 1)),),
    }
    return Scenario(**{**base, **changes})


def _raises(call: Callable[[], object], *named: str) -> str:
    with pytest.raises(ArgumentError) as info:
        call()
    for word in named:
        assert word in str(info.value), str(info.value)
    return str(info.value)


def test_numpy_whole_numbers_are_ints_in_the_state_and_the_export() -> None:
    sc = _toy(seats=np.int64(101), red=np.int64(51), moved=np.int32(3))
    sides = sc.state(D(2024, 3, 1)).sides()
    assert sides == {"government": 48, "opposition": 49, "other": 4}  # 51 - 3 and 46 + 3, by hand
    assert all(type(n) is int for n in sides.values()), sides  # np.int64(48) used to be shown
    assert type(sc.state(D(2024, 3, 1)).seats) is int
    bundle = json.loads(dump_popolo(sc))  # an np.int64 seat count made json refuse the whole bundle
    assert bundle["organizations"]


def test_a_stance_s_numpy_seats_are_an_int() -> None:
    stance = Stance(date=D(2024, 1, 1), stance="yes", party="green", seats=np.int64(2))
    assert type(stance.seats) is int and stance.seats == 2


@pytest.mark.parametrize("moved", [2.5, "3", True])
def test_an_event_s_seats_must_be_a_whole_number(moved: Any) -> None:
    # "3" failed in a comparison inside, and only once a state was computed: now the event is refused when made
    _raises(lambda: Event(date=D(2024, 2, 1), kind="switch-side", party="red", seats=moved, to="opposition"),
            "event switch-side of party 'red': seats:", repr(moved))


def test_an_event_s_whole_float_seats_move_that_many_seats() -> None:
    # 3.0 is three seats, as WeightedGame takes weights of 3.0: the sides are ints, 51 - 3 and 46 + 3 by hand
    sides = _toy(moved=3.0).state(D(2024, 3, 1)).sides()
    assert sides == {"government": 48, "opposition": 49, "other": 4}
    assert all(type(n) is int for n in sides.values()), sides


@pytest.mark.parametrize(("fields", "named"), [
    ({"date": "2024-01-01"}, "stance of party 'green': date:"),
    ({"until": "2024-02-01"}, "stance of party 'green': until:"),
    ({"seats": 2.5}, "stance of party 'green': seats:"),
    ({"seats": "2"}, "stance of party 'green': seats:"),
])
def test_a_stance_built_in_code_is_refused_when_made_naming_the_field(fields: dict[str, Any], named: str) -> None:
    # a date as text failed comparing str with date once counted; now the Stance itself refuses it
    _raises(lambda: Stance(**{"date": D(2024, 1, 1), "stance": "yes", "party": "green", **fields}), named)


def test_a_stance_s_p_yes_as_text_is_refused_by_the_count() -> None:
    stance = Stance(date=D(2024, 1, 1), stance="yes", party="green", p_yes="0.5")  # type: ignore[arg-type]
    _raises(lambda: count_scenario(_toy(stances=(stance,)), D(2024, 3, 1)), "stances[0]: p_yes:")


def test_a_party_without_an_id_and_a_lone_party_are_refused_by_name() -> None:
    nameless = (Party(id=None, name="Red", seats=51, side="government"),  # type: ignore[arg-type]
                Party(id="blue", name="Blue", seats=50, side="opposition"))
    _raises(lambda: _toy(parties=nameless).state(D(2024, 3, 1)), "party 'Red': id:")  # it used to be seated
    lone = Party(id="red", name="Red", seats=101, side="government")
    _raises(lambda: _toy(parties=lone, events=()).state(D(2024, 3, 1)), "parties:", "Party")  # a TypeError


@pytest.mark.parametrize("seats", [-101, 0])
def test_a_chamber_of_no_seats_is_refused_as_such(seats: int) -> None:
    """Not 'parties hold 101 seats but the chamber has only -101': the size itself is what is wrong."""
    with pytest.raises(ArgumentError, match=rf"^Toy Assembly: seats: expected the chamber's size, a whole number "
                                            rf"of at least 1, got {seats}$"):
        _toy(seats=seats).state(D(2024, 1, 1))
