"""Server-side sessions: a saved cookie stops working at logout, on a password change, a role change
(loses editor rights) or removal, after the idle timeout and after the absolute lifetime."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from conftest import make_web_store
from whipcount.storage import Store, schema
from whipcount.web.app import create_app

PK = "pk-na-2022"
PASSWORD = "a long enough password"


@pytest.fixture
def store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"alice": "editor", "vera": "viewer"}, PASSWORD)
    yield s
    s.close()


@pytest.fixture
def app(store: Store) -> Any:
    return create_app(store.url, store=store, secret="test-secret-" + "x" * 40)


def sign_in(app: Any, user: str) -> tuple[TestClient, str]:
    c = TestClient(app)
    r = c.post("/api/login", json={"name": user, "password": PASSWORD})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c, r.cookies["whipcount_session"]


def with_cookie(app: Any, cookie: str, csrf: str = "") -> TestClient:
    c = TestClient(app)
    c.cookies.set("whipcount_session", cookie)
    if csrf:
        c.headers["X-CSRF-Token"] = csrf
    return c


def dashboard(c: TestClient) -> int:
    return c.get(f"/api/scenarios/{PK}/dashboard").status_code


def write(c: TestClient, stance: str = "yes") -> int:
    version = {r["subject"]: r["version"] for r in c.get(f"/api/scenarios/{PK}/stances").json().get("stances", [])}
    return c.post(f"/api/scenarios/{PK}/stances",
                  json={"subject": "party:gda", "stance": stance, "version": version.get("party:gda", 0)}).status_code


def test_the_database_holds_only_the_hash_of_the_cookie(app: Any, store: Store) -> None:
    _, cookie = sign_in(app, "alice")
    assert len(cookie) >= 43  # 32 random bytes, URL-safe base64
    with store.engine.connect() as conn:
        stored = conn.execute(select(schema.sessions.c.id_hash)).scalars().all()
    assert stored == [hashlib.sha256(cookie.encode()).hexdigest()]
    assert cookie not in stored


def test_a_saved_cookie_stops_working_at_logout(app: Any) -> None:
    c, cookie = sign_in(app, "alice")
    csrf = c.headers["X-CSRF-Token"]
    assert dashboard(c) == 200
    r = c.post("/api/logout")
    assert r.status_code == 200 and 'whipcount_session=""' in r.headers["set-cookie"]
    replay = with_cookie(app, cookie, csrf)  # someone who copied the cookie before the logout
    assert dashboard(replay) == 401 and write(replay) == 401


def test_a_password_change_or_removal_ends_every_session(app: Any, store: Store) -> None:
    a, _ = sign_in(app, "alice")
    b, _ = sign_in(app, "alice")
    v, _ = sign_in(app, "vera")
    store.accounts.set_password("alice", "another long password")
    assert dashboard(a) == 401 and dashboard(b) == 401
    assert dashboard(v) == 200
    store.accounts.remove("vera")
    assert dashboard(v) == 401


def test_a_role_change_takes_rights_away_on_the_next_request(app: Any, store: Store) -> None:
    c, _ = sign_in(app, "alice")
    assert write(c, "yes") == 200
    store.accounts.set_role("alice", "viewer")
    assert write(c, "no") == 403
    assert dashboard(c) == 200  # still signed in, as a viewer
    store.accounts.set_role("alice", "editor")
    assert write(c, "no") == 200


def test_ordinary_responses_do_not_reissue_the_cookie(app: Any) -> None:
    c, _ = sign_in(app, "alice")
    for path in (f"/api/scenarios/{PK}/dashboard", f"/s/{PK}", "/api/me"):
        r = c.get(path)
        assert r.status_code == 200 and "set-cookie" not in r.headers, path


def test_the_login_cookie_lasts_the_absolute_lifetime(store: Store) -> None:
    app = create_app(store.url, store=store, secret="s" * 40, session_lifetime=dt.timedelta(days=3))
    r = TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD})
    cookie = r.headers["set-cookie"].lower()
    assert "max-age=259200" in cookie and "httponly" in cookie and "samesite=lax" in cookie


def test_sessions_end_after_the_idle_timeout_and_the_absolute_lifetime(app: Any, store: Store) -> None:
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]
    store.sessions.clock = lambda: now[0]
    idle = sign_in(app, "alice")[0]
    busy = sign_in(app, "alice")[0]
    now[0] += dt.timedelta(hours=11)
    assert dashboard(idle) == 200 and dashboard(busy) == 200
    now[0] += dt.timedelta(hours=11)
    assert dashboard(busy) == 200
    now[0] += dt.timedelta(hours=1, seconds=1)  # 12 h and a second since idle's last request
    assert dashboard(idle) == 401
    busy_start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for k in range(3, 14 * 24 // 11 + 1):  # used every 11 h up to day 14: never idle
        now[0] = busy_start + dt.timedelta(hours=11 * k)
        assert dashboard(busy) == 200, k
    now[0] = busy_start + dt.timedelta(days=14, seconds=1)
    assert dashboard(busy) == 401  # but not for longer than 14 days


def test_an_open_dashboard_alone_does_not_keep_its_session_alive(app: Any, store: Store) -> None:
    """The live stream, its reconnections and its fragment fetches are the page's doing: the idle timeout
    counts from the person's last request, so a dashboard left open on a newsroom screen still signs out."""
    now = [dt.datetime(2026, 1, 1, tzinfo=dt.UTC)]
    store.sessions.clock = lambda: now[0]
    left_open, cookie = sign_in(app, "alice")
    used, _ = sign_in(app, "alice")
    for hour in range(1, 13):  # every hour for 12 h: the page refreshes, the person does nothing
        now[0] += dt.timedelta(hours=1)
        if hour < 12:
            assert left_open.get(f"/s/{PK}/live").status_code == 200, hour
            assert store.sessions.lookup(cookie, touch=False) is not None  # the stream's re-check
        assert used.get(f"/s/{PK}").status_code == 200
    now[0] += dt.timedelta(seconds=1)  # 12 h and a second after alice last did anything there
    assert store.sessions.lookup(cookie, touch=False) is None
    assert left_open.get(f"/s/{PK}/live", follow_redirects=False).status_code in (302, 303, 401)
    assert left_open.get("/events/stream", params={"scenario": PK}).status_code == 401
    assert used.get(f"/s/{PK}").status_code == 200  # a page the person opens does count

