"""A place in a file found only when shown (whipcount.model.place): once, and as the text it stands for."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from whipcount.errors import ForecastError
from whipcount.model import Event, Scenario, Stance
from whipcount.model.place import Place
from whipcount.rules.decide import pass_rule_in
from whipcount.storage.codec import decode, encode
from whipcount.tally import whip_count

TEXT = "bundle.json:12: memberships[3].start_date"


def test_a_place_is_found_once_and_only_when_shown() -> None:
    calls: list[int] = []

    def find() -> str:
        calls.append(1)
        return TEXT

    place = Place(find)
    assert calls == []
    assert (str(place), f"{place}: bad", repr(place)) == (TEXT, f"{TEXT}: bad", repr(TEXT))
    assert calls == [1]


def test_a_place_is_the_text_it_stands_for() -> None:
    place = Place(lambda: TEXT)
    assert place == TEXT and TEXT == place and place == Place(lambda: TEXT)
    assert place != "bundle.json:13: memberships[3].start_date" and place != 12
    assert {place: 1}[TEXT] == 1  # the same hash as its text


def test_an_event_read_at_a_place_is_stored_with_its_text() -> None:
    """The database keeps where an event was read as text; read back, it is the same event."""
    event = Event(dt.date(2022, 3, 28), "switch-side", party="mqm-p", to="opposition", origin=Place(lambda: TEXT))
    stored = json.loads(json.dumps(encode(event)))
    assert stored["origin"] == TEXT
    assert decode(Event, stored) == event
    assert event.where == TEXT


def test_a_stance_s_place_is_named_by_an_error_and_found_only_then(pakistan: Scenario) -> None:
    """A whip count that refuses a stance names where it was read; one that takes it never looks."""
    calls: list[str] = []

    def find() -> str:
        calls.append(TEXT)
        return TEXT

    day = dt.date(2022, 4, 9)
    state = pakistan.state(day)
    rule = pass_rule_in(pakistan, state)
    good = Stance(day, "no", party="mqm-p", origin=Place(find))
    whip_count(state, [good], kind="no-confidence", rule=rule)
    assert calls == []
    too_many = Stance(day, "no", party="mqm-p", seats=99, origin=Place(find))
    with pytest.raises(ForecastError) as caught:
        whip_count(state, [too_many], kind="no-confidence", rule=rule)
    assert str(caught.value).startswith(f"{TEXT}: stance for 99 seats of 'mqm-p'"), str(caught.value)
    assert calls == [TEXT]
