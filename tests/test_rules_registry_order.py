"""A constitution's seat periods come out in date order, and overlapping periods are refused."""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.errors import RulesError
from whipcount.rules import Constitution, SeatPeriod, all_constitutions, get_constitution


def test_every_profile_lists_its_seat_periods_in_date_order() -> None:
    for c in all_constitutions():
        starts = [p.start or dt.date.min for p in c.seats]
        assert starts == sorted(starts), c.id
    de = get_constitution("de-bt")
    assert [p.seats for p in de.seats][-3:] == [736, 733, 630]


def test_overlapping_seat_periods_are_refused() -> None:
    de = get_constitution("de-bt")
    with pytest.raises(RulesError, match="seat periods overlap"):
        Constitution(id="x", name="X", country="X", motions=de.motions,
                     seats=(SeatPeriod(600, dt.date(2000, 1, 1), dt.date(2010, 1, 1), "https://example.org"),
                            SeatPeriod(500, dt.date(2005, 1, 1), None, "https://example.org")))
