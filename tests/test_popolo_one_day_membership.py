"""A membership that starts and ends on the same day (a change of party on a member's last day, as
EveryPolitician's files hold now and then) is read: its start, then its end. Its vacancy had been put
first among the day's steps, before the change of party it ends, and the import refused the file
("member ... sits for 'red', not 'blue'")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from whipcount.io.popolo import import_popolo


def _bundle(*spans: tuple[str, str, str | None]) -> dict[str, Any]:
    return {
        "persons": [{"id": "ana", "name": "Ana"}, {"id": "ben", "name": "Ben"}],
        "organizations": [{"id": "house", "name": "House", "classification": "legislature", "seats": 2},
                          {"id": "red", "name": "Red", "classification": "party"},
                          {"id": "blue", "name": "Blue", "classification": "party"}],
        "memberships": [{"person_id": "ben", "organization_id": "house", "on_behalf_of_id": "red",
                         "start_date": "2020-01-01"}]
        + [{"person_id": "ana", "organization_id": "house", "on_behalf_of_id": party, "start_date": start,
            **({"end_date": end} if end else {})} for party, start, end in spans],
    }


def _seats(result: Any, day: str) -> tuple[dict[str, int], int]:
    state = result.scenario.state(dt.date.fromisoformat(day))
    return {p.id: p.seats for p in state.parties if p.seats}, state.vacancies


def test_a_change_of_party_on_the_last_day_is_read() -> None:
    result = import_popolo(_bundle(("red", "2020-01-01", "2020-02-28"), ("blue", "2020-02-29", "2020-02-29")),
                           rules="pk-na", sides={"red": "government", "blue": "opposition"})
    # by hand: both red until 28 February; on the 29th Ana moves to blue and her seat is vacant from that day
    assert _seats(result, "2020-02-28") == ({"red": 2}, 0)
    assert _seats(result, "2020-02-29") == ({"red": 1}, 1)
    kinds = [(e.date.isoformat(), e.kind, e.party) for e in result.scenario.events]
    assert kinds == [("2020-02-29", "join-party", "blue"), ("2020-02-29", "vacate", "blue")]


def test_a_one_day_seat_is_filled_then_vacated() -> None:
    result = import_popolo(_bundle(("red", "2020-01-01", "2020-01-31"), ("blue", "2020-03-01", "2020-03-01")),
                           rules="pk-na", sides={"red": "government", "blue": "opposition"})
    assert _seats(result, "2020-02-15") == ({"red": 1}, 1)
    assert _seats(result, "2020-03-01") == ({"red": 1}, 1)
    kinds = [(e.date.isoformat(), e.kind) for e in result.scenario.events]
    assert kinds == [("2020-01-31", "vacate"), ("2020-03-01", "fill-seat"), ("2020-03-01", "vacate")]
