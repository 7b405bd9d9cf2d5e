"""An event is checked when it is made, as a party, a chamber or a stance is: an unknown kind or a negative
count of seats is an EventError naming the event and the field, where it had passed until a state was
computed from it (and a negative count of a kind that moves no seat had passed for good). What needs the rest
of the log, a party the chamber does not have, is still found when the log is replayed."""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.errors import EventError
from whipcount.model import Chamber, Event, Party, Scenario
from whipcount.model.place import Place

DAY = dt.date(2020, 2, 1)


def test_an_unknown_kind_is_refused_when_made_with_the_nearest() -> None:
    with pytest.raises(EventError) as info:
        Event(DAY, "deathh", party="red")
    message = str(info.value)
    assert message.startswith("event deathh on 2020-02-01: kind: expected one of 'by-election', ")
    assert "'switch-side'" in message and "'motion-filed'" in message  # seat and procedural kinds alike
    assert message.endswith("got 'deathh'; did you mean 'death'?")


def test_the_event_is_named_by_where_it_was_read() -> None:
    with pytest.raises(EventError, match=r"^s\.yaml:7: events\[2\]: kind: expected one of .*got 'swich-side'; "
                                         r"did you mean 'switch-side'\?$"):
        Event(DAY, "swich-side", party="red", to="opposition", origin=Place(lambda: "s.yaml:7: events[2]"))


@pytest.mark.parametrize("kind", ["switch-side", "resign", "by-election", "statement"])
def test_negative_seats_are_refused_when_made(kind: str) -> None:
    with pytest.raises(EventError, match=rf"^event {kind} on 2020-02-01: seats: expected a number of seats, "
                                         r"0 or more, got -2$"):
        Event(DAY, kind, party="red", to="opposition", seats=-2)


def test_zero_seats_and_every_kind_are_taken() -> None:
    assert Event(DAY, "switch-side", party="red", to="opposition", seats=0).seats == 0
    assert Event(DAY, "statement").kind == "statement"


def test_an_unknown_party_is_still_found_on_replay() -> None:
    scenario = Scenario(
        id="toy", title="Toy", chamber=Chamber(name="Toy Assembly", seats=10, rules="gb-hc", as_of=DAY),
        parties=(Party(id="red", name="Red", seats=10, side="government"),),
        events=(Event(DAY, "switch-side", party="blue", to="opposition", seats=1),))
    with pytest.raises(EventError, match="blue"):
        scenario.state(DAY)
