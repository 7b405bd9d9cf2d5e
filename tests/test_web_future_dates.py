"""A day after tomorrow is not yet live: an event dated later is refused (an event is recorded once it has
happened, confirmed or not), and nothing a scenario holds (a vote set for later, an event or a stance from a
file) moves the live dashboard past tomorrow (UTC)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from test_web_api import _app, assert_error, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Scenario
from whipcount.storage import Store
from whipcount.storage.snapshot import live_date

ES = "es-cd-2018"
ONE_DAY = dt.timedelta(days=1)


def _utc_today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def _pending() -> Scenario:
    """The 2018 motion of censure before any vote day was known: no vote, no division, no key dates."""
    sc = load_scenario(ES)
    motion = dataclasses.replace(sc.motions[0], vote=None, division=None)
    return dataclasses.replace(sc, motions=(motion, *sc.motions[1:]), key_dates=())


def test_an_event_after_tomorrow_is_refused_even_confirmed(store: Store) -> None:  # noqa: F811
    store.save_scenario(_pending(), user="loader")
    c = client(_app(store), "alice")
    url = f"/api/scenarios/{ES}"
    assert c.get(f"{url}/dashboard").json()["date"] == "2018-06-01"  # the log's last event
    before = len(store.events(ES))
    after_tomorrow = (_utc_today() + 2 * ONE_DAY).isoformat()
    for day in (after_tomorrow, "9999-12-31"):
        for confirm in (False, True):
            body = {"date": day, "kind": "statement", "summary": "typo", "confirm": confirm}
            assert_error(c.post(f"{url}/events", json=body), 400, r"or earlier \(an event is recorded once")
    assert len(store.events(ES)) == before
    assert c.get(f"{url}/dashboard").json()["date"] == "2018-06-01"
    # an event of a normal date needs no confirm afterwards (the log's last event is still 2018-06-01)
    assert c.post(f"{url}/events", json={"date": "2018-06-02", "kind": "statement", "summary": "next"}).status_code \
        == 201
    # tomorrow is the last day an event may have (a newsroom ahead of UTC), and the dashboard goes there
    tomorrow = (_utc_today() + ONE_DAY).isoformat()
    r = c.post(f"{url}/events", json={"date": tomorrow, "kind": "statement", "summary": "x", "confirm": True})
    assert r.status_code == 201, r.text
    assert c.get(f"{url}/dashboard").json()["date"] == tomorrow


def test_nothing_a_scenario_holds_moves_the_live_day_past_tomorrow() -> None:
    sc = _pending()
    today = dt.date(2026, 12, 6)
    tomorrow = dt.date(2026, 12, 7)
    later = Event(date=dt.date(2030, 1, 1), kind="statement", summary="from a file")
    with_event = dataclasses.replace(sc, events=(*sc.events, later))
    assert live_date(with_event, today=today) == tomorrow
    vote_set = dataclasses.replace(sc, motions=(dataclasses.replace(sc.motions[0], vote=dt.date(2027, 3, 1)),))
    assert live_date(vote_set, today=today) == tomorrow
    assert live_date(vote_set, today=dt.date(2027, 3, 5)) == dt.date(2027, 3, 1)  # the vote's day, once it is past
    # a chamber whose seats start later than tomorrow shows its first day, the earliest it can show
    starts_late = dataclasses.replace(with_event, chamber=dataclasses.replace(sc.chamber, as_of=dt.date(2027, 1, 5)))
    assert live_date(starts_late, today=today) == dt.date(2027, 1, 5)


def test_a_stored_event_after_tomorrow_does_not_move_the_dashboard(store: Store) -> None:  # noqa: F811
    """A file loaded with an event dated 2030 (the loader takes what a file holds): the dashboard counts on
    tomorrow, not on 2030."""
    sc = _pending()
    later = Event(date=dt.date(2030, 1, 1), kind="statement", summary="from a file")
    store.save_scenario(dataclasses.replace(sc, events=(*sc.events, later)), user="loader")
    d = client(_app(store), "vera").get(f"/api/scenarios/{ES}/dashboard").json()
    assert d["date"] == (_utc_today() + ONE_DAY).isoformat()
