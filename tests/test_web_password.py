"""Changing one's own password in the web app (the page ``/password`` and ``POST /api/password``): afterwards
the old password no longer signs in and the new one does, every other session has ended, this browser is
signed in on a new session id, and the audit trail says who did it. A wrong current password is a failed
sign-in (docs/web.md, "Limits": 5 a minute for one name from one address), a new password passes the same
checks as ``users set-password``, the writes are CSRF- and Origin-checked, and no password is ever echoed."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import make_web_store
from whipcount.storage import Store
from whipcount.web.app import create_app

PK = "pk-na-2022"
OLD = "a long enough password"
NEW = "a brand new pass phrase"
WRONG = "not my password at all"


@pytest.fixture
def store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"alice": "editor", "vera": "viewer"}, OLD)
    yield s
    s.close()


def make_app(store: Store, **kw: Any) -> Any:
    kw.setdefault("fail_delay", 0.0)
    return create_app(store.url, store=store, secret="password-" + "x" * 40, **kw)


@pytest.fixture
def app(store: Store) -> Any:
    return make_app(store)


def signed_in(app: Any, name: str, password: str = OLD) -> TestClient:
    c = TestClient(app)
    r = c.post("/api/login", json={"name": name, "password": password})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def sign_in_status(app: Any, name: str, password: str) -> int:
    """A sign-in from a browser of its own (no cookies)."""
    return TestClient(app).post("/api/login", json={"name": name, "password": password}).status_code


def change(c: TestClient, current: str, new: str) -> Any:
    return c.post("/api/password", json={"current_password": current, "new_password": new})


def form_token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def dashboard(c: TestClient) -> int:
    return c.get(f"/api/scenarios/{PK}/dashboard").status_code


def test_the_api_changes_the_password_and_ends_every_other_session(app: Any) -> None:
    here = signed_in(app, "alice")
    elsewhere = signed_in(app, "alice")  # another browser, a phone
    old_cookie, old_csrf = here.cookies["whipcount_session"], here.headers["X-CSRF-Token"]
    r = change(here, OLD, NEW)
    assert r.status_code == 200, r.text
    assert r.json()["ok"] is True and r.json()["user"] == "alice"
    assert sign_in_status(app, "alice", OLD) == 401
    assert sign_in_status(app, "alice", NEW) == 200
    assert dashboard(elsewhere) == 401  # the other browser's session has ended
    # this browser stays signed in, on a new session id and a new CSRF token
    new_cookie = here.cookies["whipcount_session"]
    assert new_cookie != old_cookie and r.json()["csrf_token"] != old_csrf
    assert dashboard(here) == 200 and here.get("/api/me").json()["user"] == "alice"
    copy = TestClient(app)  # a copy of the old cookie, taken before the change, no longer works
    copy.cookies.set("whipcount_session", old_cookie)
    assert dashboard(copy) == 401
    write = {"subject": "party:gda", "stance": "yes", "version": 0}
    assert here.post(f"/api/scenarios/{PK}/stances", json=write).status_code == 403  # the old token
    here.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    assert here.post(f"/api/scenarios/{PK}/stances", json=write).status_code == 200


def test_a_viewer_changes_their_own_password_on_the_page_linked_from_the_header(app: Any) -> None:
    vera = signed_in(app, "vera")
    elsewhere = signed_in(app, "vera")
    assert 'href="/password"' in vera.get(f"/s/{PK}").text  # every role has the link
    page = vera.get("/password")
    assert page.status_code == 200 and 'name="current_password"' in page.text
    assert page.text.count('type="password"') == 3  # current, new, new again
    r = vera.post("/password", data={"current_password": OLD, "new_password": NEW, "new_password_again": NEW,
                                     "csrf_token": form_token(page.text)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/password"
    done = vera.get(r.headers["location"])
    assert done.status_code == 200 and "Your password was changed" in done.text
    assert OLD not in done.text and NEW not in done.text
    assert dashboard(vera) == 200 and dashboard(elsewhere) == 401
    assert sign_in_status(app, "vera", OLD) == 401 and sign_in_status(app, "vera", NEW) == 200
    assert CHANGED not in vera.get("/password").text  # said once: a reload no longer says it


CHANGED = "Your password was changed"


@pytest.mark.parametrize("query", ["?changed=1", "?changed=true", "?saved=1", "?done=1", "?notice=password-changed"])
def test_a_crafted_link_shows_no_notice_of_a_change_never_made(app: Any, store: Store, query: str) -> None:
    vera = signed_in(app, "vera")
    page = vera.get("/password" + query)
    assert page.status_code == 200 and CHANGED not in page.text
    assert sign_in_status(app, "vera", OLD) == 200  # and indeed nothing was changed
    assert [r.action for r in store.audit()].count("user.password") == 0


def test_the_notice_belongs_to_the_session_that_made_the_change(app: Any) -> None:
    vera = signed_in(app, "vera")
    page = vera.get("/password")
    r = vera.post("/password", data={"current_password": OLD, "new_password": NEW, "new_password_again": NEW,
                                     "csrf_token": form_token(page.text)}, follow_redirects=False)
    assert r.status_code == 303
    other = signed_in(app, "vera", NEW)  # another browser, signed in after the change: told nothing
    assert CHANGED not in other.get("/password?changed=1").text
    assert CHANGED in vera.get("/password").text  # the browser that made it is told, once
    assert CHANGED not in vera.get("/password?changed=1").text


def test_a_change_through_the_api_leaves_the_page_no_notice(app: Any) -> None:
    alice = signed_in(app, "alice")
    assert change(alice, OLD, NEW).status_code == 200
    assert CHANGED not in alice.get("/password").text  # the API's answer says it; no page is told later


def test_the_page_refuses_two_new_passwords_that_differ_and_changes_nothing(app: Any) -> None:
    alice = signed_in(app, "alice")
    token = form_token(alice.get("/password").text)
    r = alice.post("/password", data={"current_password": OLD, "new_password": NEW,
                                      "new_password_again": NEW + "!", "csrf_token": token})
    assert r.status_code == 400 and "the two you typed differ" in r.text
    assert OLD not in r.text and NEW not in r.text  # the form comes back empty
    assert sign_in_status(app, "alice", OLD) == 200 and sign_in_status(app, "alice", NEW) == 401


def test_a_wrong_current_password_changes_nothing_and_keeps_every_session(app: Any) -> None:
    alice, elsewhere = signed_in(app, "alice"), signed_in(app, "alice")
    r = change(alice, WRONG, NEW)
    assert r.status_code == 403 and r.json()["error"] == "current password: wrong; nothing was changed"
    assert dashboard(alice) == 200 and dashboard(elsewhere) == 200
    assert sign_in_status(app, "alice", OLD) == 200 and sign_in_status(app, "alice", NEW) == 401
    token = form_token(alice.get("/password").text)
    page = alice.post("/password", data={"current_password": WRONG, "new_password": NEW,
                                         "new_password_again": NEW, "csrf_token": token})
    assert page.status_code == 403 and "current password: wrong" in page.text and WRONG not in page.text


def test_wrong_current_passwords_trip_the_sign_in_limit(app: Any) -> None:
    """docs/web.md: 5 failed sign-ins a minute for one name from one address; the sixth is refused with 429
    and Retry-After, even with the right password, and a sign-in from that address is refused alike."""
    alice = signed_in(app, "alice")
    statuses = [change(alice, f"{WRONG} {i}", NEW).status_code for i in range(6)]
    assert statuses == [403] * 5 + [429]
    r = change(alice, OLD, NEW)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert "too many failed sign-ins" in r.json()["error"]
    assert sign_in_status(app, "alice", OLD) == 429  # the same attempts, the same limit
    token = form_token(alice.get("/password").text)
    page = alice.post("/password", data={"current_password": OLD, "new_password": NEW, "new_password_again": NEW,
                                         "csrf_token": token})
    assert page.status_code == 429 and "Retry-After" in page.headers and 'name="current_password"' in page.text
    assert dashboard(alice) == 200  # still signed in, the password unchanged
    assert app.state.wc.store.authenticate("alice", OLD) is not None


def test_failed_sign_ins_count_against_the_change_too(app: Any) -> None:
    alice = signed_in(app, "alice")
    assert [sign_in_status(app, "alice", WRONG) for _ in range(5)] == [401] * 5
    assert change(alice, OLD, NEW).status_code == 429


def test_a_wrong_current_password_is_answered_as_late_as_a_failed_sign_in(store: Store) -> None:
    app = make_app(store, fail_delay=0.4)
    alice = signed_in(app, "alice")
    started = time.monotonic()
    assert change(alice, WRONG, NEW).status_code == 403
    assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize(("new", "why"), [
    ("short", "new password: expected at least 8 characters, got 5"),
    ("password123", "new password: too easy to guess (a commonly used password)"),
    ("zzzzzzzzzz", "new password: too easy to guess (one character repeated)"),
    ("tab\there is pasted", "new password: expected no control characters, got U+0009 (a tab) at character 4"),
    (OLD, "new password: expected one other than the current password"),
])
def test_a_new_password_gets_the_checks_of_set_password_and_counts_no_attempt(app: Any, new: str, why: str) -> None:
    alice = signed_in(app, "alice")
    r = change(alice, OLD, new)
    assert r.status_code == 400 and r.json()["error"].startswith(why), r.json()
    assert new not in r.text and OLD not in r.text
    assert all(not q for q in app.state.wc.limiter._hits.values())  # noqa: SLF001 (no attempt counted)
    assert sign_in_status(app, "alice", OLD) == 200


def test_the_change_is_in_the_audit_trail_without_any_password(app: Any, store: Store) -> None:
    alice = signed_in(app, "alice")
    assert change(alice, OLD, NEW).status_code == 200
    rows = store.audit(None, action="user.password")
    assert [(a.user, a.action, a.target, a.before, a.after) for a in rows] == [
        ("alice", "user.password", "user:alice", None, None)]
    trail = alice.get("/api/audit").text + alice.get("/api/audit", params={"format": "csv"}).text
    assert "user.password" in trail and OLD not in trail and NEW not in trail


def test_no_password_reaches_the_log(app: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    alice = signed_in(app, "alice")
    assert [change(alice, WRONG, NEW).status_code, change(alice, OLD, "password").status_code,
            change(alice, OLD, NEW).status_code] == [403, 400, 200]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert WRONG not in logged and NEW not in logged and OLD not in logged


def test_the_change_needs_a_session_its_csrf_token_and_this_site(app: Any) -> None:
    anonymous = TestClient(app)
    r = anonymous.post("/api/password", json={"current_password": OLD, "new_password": NEW})
    assert r.status_code == 401
    r = anonymous.get("/password", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/password"
    alice = signed_in(app, "alice")
    token = alice.headers.pop("X-CSRF-Token")
    assert change(alice, OLD, NEW).status_code == 403  # no token
    alice.headers["X-CSRF-Token"] = token
    r = alice.post("/api/password", json={"current_password": OLD, "new_password": NEW},
                   headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and "cross-site" in r.json()["error"]
    form = {"current_password": OLD, "new_password": NEW, "new_password_again": NEW}
    assert alice.post("/password", data=form).status_code == 403  # a form without the token
    r = alice.post("/password", data={**form, "csrf_token": token}, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert sign_in_status(app, "alice", OLD) == 200 and dashboard(alice) == 200


def test_a_password_sent_under_a_wrong_type_or_a_mistyped_key_is_not_echoed(app: Any) -> None:
    alice = signed_in(app, "alice")
    r = alice.post("/api/password", json={"current_password": 1234567890987, "new_password": NEW})
    assert r.status_code == 422 and r.json()["error"].startswith("current_password: ")
    assert "1234567890987" not in r.text
    r = alice.post("/api/password", json={"current_password": OLD, "new_pasword": NEW})
    assert r.status_code == 422 and "new_pasword" in r.text and NEW not in r.text and OLD not in r.text


def test_a_password_under_a_mistyped_key_is_not_echoed_at_sign_in(app: Any) -> None:
    r = TestClient(app).post("/api/login", json={"name": "alice", "pasword": OLD})
    assert r.status_code == 422 and "pasword: unknown field (check its spelling against the API schema)" in r.text
    assert all(OLD not in json.dumps(e) for e in r.json()["errors"]) and OLD not in r.text


def test_a_password_sent_as_the_whole_body_is_not_echoed(app: Any) -> None:
    """A careless client sends the password itself as the JSON body (``"..."``, not an object): the error
    names what was expected and the kind of body sent, never the text (it had quoted the password back)."""
    r = TestClient(app).post("/api/login", json=OLD)
    assert r.status_code == 422 and r.json()["error"] == "request: expected a mapping {...}, got text"
    assert OLD not in r.text
    alice = signed_in(app, "alice")
    r = alice.post("/api/password", json=NEW)
    assert r.status_code == 422 and r.json()["error"] == "request: expected a mapping {...}, got text"
    assert NEW not in r.text
    # a body of another kind is named as before (a list by its kind, a number as sent)
    r = alice.post("/api/password", json=[NEW])
    assert r.json()["error"] == "request: expected a mapping {...}, got a list" and NEW not in r.text
    assert TestClient(app).post("/api/login", json=7).json()["error"] == "request: expected a mapping {...}, got 7"
