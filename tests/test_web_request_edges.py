"""Requests at the edge of what a browser sends: an Origin that is no URL is refused as another site's (403,
never a server error), as are odd values of the other headers the app reads; signing out after the session
ended (timed out, a new password, the account removed) clears the cookie and leads to the sign-in page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, assert_error, client, login_form, store  # noqa: F401
from whipcount.storage import Store

BROKEN_ORIGINS = ["http://[", "http://[::1", "http://a]b", "https://[v1.x"]


@pytest.mark.parametrize("origin", BROKEN_ORIGINS)
def test_an_origin_that_is_no_url_is_refused_with_403(store: Store, origin: str) -> None:  # noqa: F811
    app = _app(store)
    c = client(app, "alice")
    stance = {"subject": "party:ppp", "stance": "no", "version": 0}
    assert_error(c.post(f"/api/scenarios/{PK}/stances", json=stance, headers={"origin": origin}), 403,
                 "cross-site request refused: Origin")
    assert_error(TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD},
                                      headers={"origin": origin}), 403, "Origin")
    assert_error(c.post("/api/logout", headers={"origin": origin}), 403, "Origin")
    form = login_form(app, "alice")
    token = _form_token(form.get(f"/s/{PK}").text)
    r = form.post("/logout", data={"csrf_token": token}, headers={"origin": origin}, follow_redirects=False)
    assert r.status_code == 403 and "set-cookie" not in r.headers
    assert store.stance(PK, "party:ppp") is None
    assert c.get("/api/me").json()["user"] == form.get("/api/me").json()["user"] == "alice"  # still signed in


ODD = ["http://[", "\x00", "\xff\xfe", "a" * 5000, "whipcount_session=\xff; whipcount_csrf=a.b; "
       "whipcount_device=\xff.\xff", 'whipcount_session="x', ";;;=;", "::::"]


@pytest.mark.parametrize("header", ["referer", "host", "sec-fetch-site", "sec-fetch-mode", "cookie", "content-type",
                                    "accept", "x-forwarded-for", "if-none-match", "x-csrf-token", "origin"])
def test_odd_header_values_never_give_a_server_error(store: Store, header: str) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    for value in ODD:
        sent = {header: value.encode("latin-1")}
        for method, url, body in (("POST", f"/api/scenarios/{PK}/stances",
                                   {"json": {"subject": "party:ppp", "stance": "no", "version": 0}}),
                                  ("GET", f"/api/scenarios/{PK}/dashboard", {}),
                                  ("POST", "/logout", {"data": {"csrf_token": "x"}}),
                                  ("GET", f"/s/{PK}", {})):
            r = c.request(method, url, headers=sent, follow_redirects=False, **body)
            assert r.status_code < 500, (header, value, method, url, r.status_code)


def _signed_in_form(app: Any) -> tuple[TestClient, str]:
    c = login_form(app, "alice")
    return c, _form_token(c.get(f"/s/{PK}").text)


def _assert_signed_out(r: Any, c: TestClient) -> None:
    assert r.status_code == 303 and r.headers["location"] == "/login", r.text[:300]
    assert 'whipcount_session=""' in r.headers["set-cookie"]  # the cookie cleared
    assert not c.cookies.get("whipcount_session")


def test_signing_out_after_the_session_timed_out_clears_the_cookie(store: Store) -> None:  # noqa: F811
    app = _app(store)
    now = [dt.datetime.now(dt.UTC)]
    store.sessions.clock = lambda: now[0]
    c, token = _signed_in_form(app)
    now[0] += dt.timedelta(days=30)  # past the idle timeout and the lifetime
    assert c.get("/api/me").json()["user"] is None
    _assert_signed_out(c.post("/logout", data={"csrf_token": token}, follow_redirects=False), c)


@pytest.mark.parametrize("how", ["set-password", "remove"])
def test_signing_out_after_the_account_changed_clears_the_cookie(store: Store, how: str) -> None:  # noqa: F811
    app = _app(store)
    c, token = _signed_in_form(app)
    if how == "set-password":
        store.accounts.set_password("alice", "another long password")
    else:
        store.accounts.remove("alice")
    _assert_signed_out(c.post("/logout", data={"csrf_token": token}, follow_redirects=False), c)
    api = client(app)
    api.cookies.set("whipcount_session", "a-session-that-ended")
    r = api.post("/api/logout")
    assert r.status_code == 200 and r.json()["ok"] is True and 'whipcount_session=""' in r.headers["set-cookie"]


def test_a_live_session_is_still_signed_out_only_with_its_token(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c, token = _signed_in_form(app)
    r = c.post("/logout", data={"csrf_token": "guess"}, follow_redirects=False)
    assert r.status_code == 403 and "set-cookie" not in r.headers
    assert c.get("/api/me").json()["user"] == "alice"
    _assert_signed_out(c.post("/logout", data={"csrf_token": token}, follow_redirects=False), c)
    assert c.get("/api/me").json()["user"] is None
