"""A scenario named in a request's path or query by text that is no id (a NUL, other control characters, more
than 80 characters) is a scenario not in the database: a 404 (JSON for the API, a page for a browser) or, as
the audit trail's ``scenario`` filter, a 422 naming the parameter, on SQLite and PostgreSQL alike, and never
sent to the database. PostgreSQL refuses text with a NUL in it: every such request had been a 500."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import event

from storage_fixtures import pg_database, store  # noqa: F401  (fixtures)
from whipcount.storage import Store, passwords
from whipcount.web.app import create_app

PASSWORD = "a long enough password"
NUL = "a%00b"  # the id 'a\x00b', as a browser sends it
READS = [f"/api/scenarios/{NUL}", f"/api/scenarios/{NUL}/dashboard", f"/api/scenarios/{NUL}/stances",
         f"/api/scenarios/{NUL}/history", f"/api/scenarios/{NUL}/events", f"/api/scenarios/{NUL}/audit",
         f"/api/scenarios/{NUL}/members", f"/api/compare?a={NUL}&b={NUL}", f"/events/stream?scenario={NUL}",
         f"/api/scenarios/{'x' * 81}/stances", "/api/scenarios/a%01b/stances"]
PAGES = [f"/s/{NUL}", f"/s/{NUL}/members", f"/s/{NUL}/events", f"/s/{NUL}/live",
         f"/s/{NUL}/stance?subject=party:spd", f"/compare?a={NUL}"]
WRITES = [(f"/api/scenarios/{NUL}/stances", {"subject": "party:spd", "stance": "abstain", "version": 0}),
          (f"/api/scenarios/{NUL}/stances/clear", {"subject": "party:spd", "version": 1}),
          (f"/api/scenarios/{NUL}/events", {"date": "2025-05-06", "kind": "statement", "summary": "x"})]


@pytest.fixture
def app(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:  # noqa: F811
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    store.add_user("alice", "editor", PASSWORD)
    sent: list[Any] = []

    def listen(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        sent.append(params)

    event.listen(store.engine, "before_cursor_execute", listen)
    application = create_app(store.url, store=store, secret="test-secret-" + "x" * 40, fail_delay=0.0)
    application.state.sent = sent
    yield application
    event.remove(store.engine, "before_cursor_execute", listen)


def _alice(app: Any) -> TestClient:
    c = TestClient(app, raise_server_exceptions=False)
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def _no_control_character_sent(app: Any) -> None:
    """No statement since the sign-in carried a control character to the database."""
    for params in app.state.sent:
        for value in (params.values() if isinstance(params, dict) else params or ()):
            assert not (isinstance(value, str) and any(ord(ch) < 32 for ch in value)), params


def test_reads_and_writes_of_a_scenario_that_is_no_id_are_404(app: Any) -> None:
    c = _alice(app)
    app.state.sent.clear()
    for path in READS:
        r = c.get(path)
        assert r.status_code == 404, (path, r.text)
        assert r.json()["error"].startswith("no scenario '"), (path, r.text)
    for path, body in WRITES:
        r = c.post(path, json=body)
        assert r.status_code == 404 and r.json()["error"] == "no scenario 'a\\x00b' in the database", (path, r.text)
    for path in PAGES:
        r = c.get(path)
        assert r.status_code == 404 and "text/html" in r.headers["content-type"], (path, r.text[:300])
        assert "no scenario" in r.text
    _no_control_character_sent(app)


def test_the_audit_trails_scenario_filter_names_the_parameter(app: Any) -> None:
    c = _alice(app)
    app.state.sent.clear()
    r = c.get("/api/audit", params={"scenario": "a\x00b"})
    assert r.status_code == 422
    assert r.json()["error"] == "query.scenario: control characters are not allowed (U+0000)"
    r = c.get("/api/audit", params={"scenario": "s" * 81})
    assert r.status_code == 422 and r.json()["error"] == "query.scenario: expected at most 80 characters, got 81"
    _no_control_character_sent(app)
    # an id no scenario has is no error: it selects no row, as docs/web.md says
    assert c.get("/api/audit", params={"scenario": "nope"}).json()["audit"] == []


def test_who_may_not_read_is_told_so_first(app: Any) -> None:
    anonymous = TestClient(app, raise_server_exceptions=False)
    assert anonymous.get(f"/api/scenarios/{NUL}/stances").status_code == 401
    assert anonymous.post(f"/api/scenarios/{NUL}/stances", json=WRITES[0][1]).status_code == 401
