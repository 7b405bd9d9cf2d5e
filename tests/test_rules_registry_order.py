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


@pytest.mark.parametrize(("first", "second", "said"), [
    ((dt.date(2020, 1, 1), None), (dt.date(2020, 1, 1), None), "101 from 2020-01-01 on and 102 from 2020-01-01 on"),
    ((None, None), (dt.date(2020, 1, 1), None), "101 at all times and 102 from 2020-01-01 on"),
    ((None, dt.date(2021, 1, 1)), (dt.date(2020, 1, 1), dt.date(2022, 1, 1)),
     "101 until 2021-01-01 and 102 from 2020-01-01 until 2022-01-01"),
])
def test_overlapping_seat_periods_are_said_in_words(first: tuple[dt.date | None, dt.date | None],
                                                    second: tuple[dt.date | None, dt.date | None], said: str) -> None:
    """A period without an end was said to run 'until None', one without a start 'from None'."""
    de = get_constitution("de-bt")
    with pytest.raises(RulesError) as caught:
        Constitution(id="x", name="X", country="X", motions=de.motions,
                     seats=(SeatPeriod(101, *first, "https://example.org"), SeatPeriod(102, *second, "https://example.org")))
    assert str(caught.value) == (f"x: seat periods overlap: {said}; expected each period to end on or before the day "
                                 "the next starts")
