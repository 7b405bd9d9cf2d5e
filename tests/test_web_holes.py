"""Smaller holes, closed: login needs a JSON body from this site, a cross-site POST neither logs anyone in
nor replaces a visitor's session cookie, a non-ASCII CSRF token is a 403 (not a 500), and a new party's
colour must be a colour (nothing else reaches a page's style)."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, assert_error, client, set_stance, store  # noqa: F401
from whipcount.storage import Store


def test_login_needs_a_json_body(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    body = json.dumps({"name": "alice", "password": PASSWORD})
    r = c.post("/api/login", content=body, headers={"content-type": "text/plain"})
    assert r.status_code in (415, 422) and "whipcount_session" not in r.headers.get("set-cookie", "")


def test_a_cross_site_login_is_refused(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
        r = c.post("/api/login", json={"name": "alice", "password": PASSWORD}, headers=headers)
        assert_error(r, 403, "cross-site")
    assert c.post("/api/login", json={"name": "alice", "password": PASSWORD},
                  headers={"origin": "http://testserver"}).status_code == 200


def test_a_cross_site_logout_does_not_replace_the_session_cookie(store: Store) -> None:  # noqa: F811
    app = _app(store)
    victim = client(app, "alice")
    before = victim.cookies.get("whipcount_session")
    # the attacker's page posts without the cookie (SameSite=Lax) and without a token
    r = TestClient(app).post("/logout", data={}, headers={"origin": "https://evil.example", "accept": "text/html"})
    assert r.status_code == 403 and "set-cookie" not in r.headers
    assert victim.cookies.get("whipcount_session") == before
    assert victim.get("/api/me").json()["user"] == "alice"


def test_a_non_ascii_csrf_token_is_refused_not_a_crash(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    del c.headers["X-CSRF-Token"]
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:pti", "stance": "yes", "version": 0},
               headers={"X-CSRF-Token": "t\u00f6ken-\u2603".encode()})  # raw UTF-8 bytes on the wire
    assert r.status_code == 403


def test_a_new_party_colour_must_be_a_colour(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    event = {"date": "2022-04-20", "kind": "split", "party": "pti", "seats": 1,
             "new_party": {"id": "x", "name": "X", "colour": "red;background:url(//evil)"},
             "source": "https://example.org/a"}
    r = c.post(f"/api/scenarios/{PK}/events", json=event)
    assert r.status_code == 422 and "expected a colour" in r.text


def test_the_event_api_refuses_what_the_log_cannot_hold(store: Store) -> None:  # noqa: F811
    """The log is append-only: one bad request would poison dump, tally and report for good."""
    c = client(_app(store), "alice")
    url = f"/api/scenarios/{PK}/events"
    base = {"kind": "statement", "summary": "x", "source": "https://example.org/a"}
    last = max(e.date for _, e, _, _ in store.events(PK)).isoformat()
    refusals = {
        "0001-01-01": "starting date",
        "2022-04-01": "confirm it",  # before the log's last event
        "9999-12-31": "more than a year",
    }
    before = len(store.events(PK))
    for day, words in refusals.items():
        assert_error(c.post(url, json={**base, "date": day}), 400, words)
    assert_error(c.post(url, json={**base, "date": last, "summary": "x" * 10_000}), 422, "2000 characters")
    assert len(store.events(PK)) == before
    assert c.post(url, json={**base, "date": "2024-01-10", "confirm": True}).status_code == 201


def test_the_audit_api_pages_through_every_row(store: Store) -> None:  # noqa: F811
    """A monitor can read a busy day: limit + the next_before cursor reach every row once, newest first."""
    c = client(_app(store), "alice")
    for i in range(23):
        assert set_stance(c, "party:pti", ["yes", "no"][i % 2], i).status_code == 200
    everything = store.count_audit(PK)
    seen: list[int] = []
    before = None
    while True:
        page = c.get(f"/api/scenarios/{PK}/audit", params={"limit": 5, **({"before": before} if before else {})})
        body = page.json()
        seen += [row["id"] for row in body["audit"]]
        before = body["next_before"]
        if before is None:
            break
    assert len(seen) == everything >= 23 and seen == sorted(seen, reverse=True) and len(set(seen)) == len(seen)
