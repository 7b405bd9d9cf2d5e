"""A write keeps the whip count buildable on every day it touches, not only on the vote's day: a stance that
fits the vote's day but not its own, a stance whose seats clash with an earlier entry that comes back after
another's end, an event that leaves an existing stance without its seats on its own day. Each is refused
(400, the form again with the error) naming the stance and the day, with nothing written; every day's
dashboard (``?on=``), checked day by day over the whole span, then still counts."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import make_web_store
from test_web_api import PASSWORD, _form_token, assert_error
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store
from whipcount.web.app import create_app

RACE = "race3"
TODAY = dt.datetime.now(dt.UTC).date()  # the clock the API dates stances by
AS_OF = TODAY - dt.timedelta(days=20)
VOTE = TODAY + dt.timedelta(days=10)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's days from the clock as the test starts, not as the module was imported: a run that crosses
    midnight (UTC) would otherwise date the file a day before the API dates its stances."""
    today = dt.datetime.now(dt.UTC).date()
    monkeypatch.setattr(sys.modules[__name__], "TODAY", today)
    monkeypatch.setattr(sys.modules[__name__], "AS_OF", today - dt.timedelta(days=20))
    monkeypatch.setattr(sys.modules[__name__], "VOTE", today + dt.timedelta(days=10))


def day(offset: int) -> str:
    return (TODAY + dt.timedelta(days=offset)).isoformat()


def _race(folder: Path) -> Path:
    """40 parties of 10 seats, the first 20 in opposition; p5 has a named member, m1."""
    parties = "\n".join(f"  - {{id: p{i}, name: Party {i}, seats: 10, side: {'opposition' if i < 20 else 'government'}}}"
                        for i in range(40))
    path = folder / "race3.yaml"
    path.write_text(f"""id: {RACE}
chamber: {{name: Race Assembly, rules: pk-na, seats: 400, as_of: {AS_OF}}}
parties:
{parties}
members:
  - {{id: m1, name: Member One, party: p5}}
motion: {{kind: no-confidence, target: Someone, moved: {AS_OF}, vote: {VOTE}}}
""", encoding="utf-8")
    return path


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"alice": "editor"}, PASSWORD)
    s.save_scenario(load_scenario(str(_race(tmp_path))))
    yield s
    s.close()


@pytest.fixture
def api(store: Store) -> TestClient:
    app = create_app(store.url, store=store, secret="every-day-" + "x" * 40, fail_delay=0.0)
    c = TestClient(app)
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def stance(c: TestClient, subject: str, version: int, **kw: Any) -> Any:
    return c.post(f"/api/scenarios/{RACE}/stances",
                  json={"subject": subject, "stance": kw.pop("stance", "yes"), "version": version, **kw})


def event(c: TestClient, date: str, party: str, from_party: str, seats: int) -> Any:
    return c.post(f"/api/scenarios/{RACE}/events", json={"date": date, "kind": "join-party", "party": party,
                                                          "from_party": from_party, "seats": seats,
                                                          "confirm": True})


def assert_every_day_counts(c: TestClient) -> None:
    """Every calendar day's dashboard from the chamber's start through the vote counts (no problems, numbers
    shown): checked day by day, not only on the days the store checks; through tomorrow, the last day a dashboard
    can be asked for while the vote is to come (a later day is refused: nothing is known of it yet)."""
    d = AS_OF
    while d <= min(VOTE, TODAY + dt.timedelta(days=1)):
        board = c.get(f"/api/scenarios/{RACE}/dashboard", params={"on": d.isoformat()}).json()
        assert board["problems"] == [] and board["positions"], (d, board["problems"])
        d += dt.timedelta(days=1)


def test_a_stance_that_fits_the_vote_day_but_not_its_own_is_refused(api: TestClient, store: Store) -> None:
    # p5 gains p7's 5 seats tomorrow (the last day an event may have, and the day the live dashboard counts on
    # while the vote is to come): 15 on that day and on the vote's, but 10 today
    assert event(api, day(1), "p5", "p7", 5).status_code == 201
    rev = store.revision(RACE)
    body = assert_error(stance(api, "party:p5/part", 0, seats=12), 400,
                        rf"^party:p5/part: stance for 12 seats of 'p5', but it holds only 10 on the opposition "
                        rf"side on {day(0)}; nothing was written$")
    assert store.revision(RACE) == rev and store.stances(RACE) == [] and body["errors"] == [body["error"]]
    assert_error(stance(api, "party:p5/part", 0, seats=12, date=day(-1)), 400, f"holds only 10 .* on {day(-1)}")
    assert stance(api, "party:p5/part", 0, seats=10).status_code == 200
    assert_every_day_counts(api)


def test_an_end_that_brings_back_an_entry_that_clashes_is_refused(api: TestClient, store: Store) -> None:
    # p5 (10 seats): a part of all 10 from 3 days ago until tomorrow, of 9 from yesterday on; m1, one of p5's
    # members, has a stance of their own from today: 9 + 1 of 10, then from tomorrow 1 and the rest
    assert stance(api, "party:p5/part", 0, seats=10, date=day(-3), until=day(1)).status_code == 200
    assert stance(api, "party:p5/part", 1, seats=9, date=day(-1)).status_code == 200
    assert stance(api, "member:m1", 0, stance="no").status_code == 200
    assert_every_day_counts(api)
    rev = store.revision(RACE)
    # the 9 recorded again from 2 days ago, ending today: today the 10 hold again, beside m1 (11 of 10); from
    # tomorrow, and on the vote's day, the 10 have ended too and the count fits again
    assert_error(stance(api, "party:p5/part", 2, seats=9, date=day(-2), until=day(0)), 400,
                 rf"^party:p5/part: stances for 'p5' on the opposition side cover 11 seats, but it holds only 10 "
                 rf"there on {day(0)}; nothing was written$")
    assert store.revision(RACE) == rev and store.stance(RACE, "party:p5/part").version == 2  # type: ignore[union-attr]
    assert_every_day_counts(api)
    # ending tomorrow, with the 10, fits every day
    assert stance(api, "party:p5/part", 2, seats=9, date=day(-2), until=day(1)).status_code == 200
    assert_every_day_counts(api)


def test_an_event_that_leaves_a_stance_too_big_on_its_own_day_is_refused(api: TestClient, store: Store) -> None:
    # p5 gains 5 seats tomorrow; its part of 10 today fits (10 of 10), and from tomorrow (10 of 15)
    assert event(api, day(1), "p5", "p7", 5).status_code == 201
    assert stance(api, "party:p5/part", 0, seats=10).status_code == 200
    events = len(store.events(RACE))
    # 3 of p5's seats join p8 from yesterday: tomorrow still fits (10 of 12), today does not (10 of 7)
    body = assert_error(event(api, day(-1), "p8", "p5", 3), 400,
                        rf"party:p5/part: stance for 10 seats of 'p5', but it holds only 7 on the opposition side "
                        rf"on {day(0)}")
    assert "nothing was written" in body["error"]
    assert len(store.events(RACE)) == events
    assert_every_day_counts(api)
    # after the stance's own day a loss only shrinks it: from then it counts for what p5 has left (9), with a note
    assert event(api, day(1), "p8", "p5", 6).status_code == 201
    assert_every_day_counts(api)
    board = api.get(f"/api/scenarios/{RACE}/dashboard").json()
    assert [(p["seats"], p["stance"]) for p in board["positions"] if p["party"] == "p5"] == [(9, "yes")]
    assert any("the stance for 10 of them counts for 9" in n for n in board["notes"])


def test_the_form_is_shown_again_with_the_day_the_stance_does_not_fit(store: Store) -> None:
    app = create_app(store.url, store=store, secret="every-day-" + "x" * 40, fail_delay=0.0)
    c = TestClient(app)
    token = _form_token(c.get("/login").text)
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": f"/s/{RACE}"},
               follow_redirects=False)
    assert r.status_code == 303
    api_token = c.get("/api/me").json()["csrf_token"]
    assert c.post(f"/api/scenarios/{RACE}/events", headers={"X-CSRF-Token": api_token},
                  json={"date": day(1), "kind": "join-party", "party": "p5", "from_party": "p7", "seats": 5,
                        "confirm": True}).status_code == 201
    page = c.get(f"/s/{RACE}/stance", params={"subject": "party:p5/part"}).text
    typed = {"subject": "party:p5/part", "stance": "yes", "version": "0", "seats": "12", "date": "",
             "until": "", "source": "", "note": "twelve of them", "csrf_token": _form_token(page)}
    r = c.post(f"/s/{RACE}/stance", data=typed, follow_redirects=False)
    assert r.status_code == 400, r.text[:300]
    m = re.search(r'<p class="error" role="alert"[^>]*>(.*?)</p>', r.text, re.S)
    assert m is not None
    error = html.unescape(m.group(1))
    assert error.startswith("party:p5/part: stance for 12 seats") and f"holds only 10 on the opposition side on " \
        f"{day(0)}" in error
    assert "twelve of them</textarea>" in r.text and store.stances(RACE) == []
