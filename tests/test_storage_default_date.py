"""A stance recorded without a date: today for a vote still to come, the vote's day for one already held."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator

import pytest

from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario, Stance
from whipcount.storage import Store
from whipcount.storage.snapshot import default_stance_date, live_date

ONE_DAY = dt.timedelta(days=1)


def test_a_stance_about_a_past_vote_belongs_to_that_vote(pakistan: Scenario) -> None:
    # the 2022 vote was on 10 April; after 11 April the sides swapped, so counting on a later day
    # would turn the government's defaults around
    assert default_stance_date(pakistan, dt.date(2026, 11, 30)) == dt.date(2022, 4, 10)


def test_a_stance_about_a_coming_vote_holds_from_today(pakistan: Scenario) -> None:
    motion = dataclasses.replace(pakistan.motions[0], vote=dt.date(2030, 1, 1))
    future = dataclasses.replace(pakistan, motions=(motion,))
    assert default_stance_date(future, dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)


@pytest.fixture(params=["Etc/GMT+12", "Pacific/Kiritimati", "Etc/GMT-14", "UTC"])
def server_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The server's local time zone (``TZ``), at the extremes: 12 hours behind UTC, 14 ahead."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_the_live_day_and_the_api_read_the_same_clock_in_any_server_zone(server_zone: str) -> None:
    """The dashboard's live day counts a stance on the latest day the API accepts (tomorrow in UTC, for a
    newsroom ahead of it) and none the API refuses, whatever the server's TZ: the two once read different
    clocks (the local date and UTC's), which disagree for 12 to 14 hours a day at these zones."""
    sc = load_scenario("pk-na-2022")
    utc_today = dt.datetime.now(dt.UTC).date()
    store = Store("sqlite://")
    try:
        store.save_scenario(sc, user="loader")
        tomorrow = utc_today + dt.timedelta(days=1)
        store.set_stance(sc.id, "party:mqm-p", stance="no", version=0, user="x", date=tomorrow)
        with pytest.raises(InputError, match="or earlier"):
            store.set_stance(sc.id, "party:bap", stance="no", version=0, user="x", date=tomorrow + ONE_DAY)
        assert store.snapshot(sc.id).live_date() == tomorrow
    finally:
        store.close()
    later = Stance(date=utc_today + 2 * ONE_DAY, stance="no", party="mqm-p")  # from a file: the API refuses it
    assert live_date(sc, [later]) == sc.motion.vote  # type: ignore[union-attr]
