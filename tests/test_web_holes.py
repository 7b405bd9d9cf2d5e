"""Smaller holes: sign-in only by same-site JSON or a form with its token; no cross-site POST replaces the
session cookie; odd tokens and paths are 403/404, never 500; a 500 carries the security headers and is kept by no cache; a new
party's colour is checked; passwords too easy to guess are refused; Secure cookies; a private SQLite file."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import make_web_store
from whipcount.errors import InputError
from whipcount.storage import Store
from whipcount.storage.accounts import check_password
from whipcount.web.app import create_app

PK = "pk-na-2022"
PASSWORD = "a long enough password"


@pytest.fixture
def store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"alice": "editor"}, PASSWORD)
    s.add_user("spacey", "viewer", "  padded pass phrase  ")
    yield s
    s.close()


@pytest.fixture
def app(store: Store) -> Any:
    return create_app(store.url, store=store, secret="holes-" + "x" * 40, fail_delay=0.0)


def form_token(c: TestClient) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text)
    assert m
    return m.group(1)


def test_api_login_takes_only_same_site_json(app: Any) -> None:
    c = TestClient(app)
    body = b'{"name": "alice", "password": "a long enough password"}'
    assert c.post("/api/login", content=body).status_code == 415  # no Content-Type (a no-cors fetch of a Blob)
    assert c.post("/api/login", content=body, headers={"content-type": "text/plain"}).status_code == 415
    r = c.post("/api/login", content=body, headers={"content-type": "application/json",
                                                    "origin": "https://evil.example"})
    assert r.status_code == 403 and "set-cookie" not in r.headers
    r = c.post("/api/login", content=body, headers={"content-type": "application/json; charset=utf-8",
                                                    "origin": "http://testserver"})
    assert r.status_code == 200


def test_a_cross_site_post_never_replaces_the_session_cookie(app: Any) -> None:
    c = TestClient(app)
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    cookie = r.cookies["whipcount_session"]
    evil = TestClient(app)  # a cross-site form post: SameSite=Lax keeps the cookie at home, no token
    for path in ("/login", "/logout"):
        r = evil.post(path, data={"name": "mallory", "password": "mallory's password"},
                      headers={"origin": "https://evil.example"}, follow_redirects=False)
        assert r.status_code == 403 and "set-cookie" not in r.headers, path
    # and even with the cookie sent along (a same-site sibling page without the token), nothing changes
    c.cookies.set("whipcount_session", cookie)
    for path in ("/login", "/logout"):
        r = c.post(path, data={"name": "alice", "password": PASSWORD}, follow_redirects=False)
        assert r.status_code == 403 and "set-cookie" not in r.headers, path
    assert c.get("/api/me").json()["user"] == "alice"


def test_the_login_form_needs_the_cookie_token_and_signs_in(app: Any) -> None:
    c = TestClient(app)
    token = form_token(c)
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and "whipcount_session=" in r.headers["set-cookie"]
    other = TestClient(app)
    forged = token.split(".")[0] + "." + "0" * 32  # a token not signed with the server's secret
    other.cookies.set("whipcount_csrf", forged)
    r = other.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": forged},
                   follow_redirects=False)
    assert r.status_code == 403


def test_passwords_are_taken_as_typed_in_the_form_and_the_api(app: Any) -> None:
    api = TestClient(app).post("/api/login", json={"name": "spacey", "password": "  padded pass phrase  "})
    assert api.status_code == 200
    assert TestClient(app).post("/api/login", json={"name": "spacey", "password": "padded pass phrase"}
                                ).status_code == 401
    c = TestClient(app)
    r = c.post("/login", data={"name": "spacey", "password": "  padded pass phrase  ", "csrf_token": form_token(c)},
               follow_redirects=False)
    assert r.status_code == 303


def test_odd_tokens_and_paths_are_refused_not_crashed(app: Any) -> None:
    c = TestClient(app)
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    token = r.json()["csrf_token"]
    r = c.post("/logout", data={"csrf_token": "jeton-été-ü"}, follow_redirects=False)
    assert r.status_code == 403
    r = c.post("/login", data={"name": "x", "password": "y" * 9, "csrf_token": "\u2603" * 40})
    assert r.status_code == 403
    for path in ("/static/%00", "/static/live.js%00.png", "/api/docs/static/%00x"):
        assert c.get(path).status_code == 404, path
    assert c.get("/static/live.js").status_code == 200
    assert token  # the session still works
    assert c.get("/api/me").json()["user"] == "alice"


def test_a_500_carries_the_security_headers(store: Store) -> None:
    app = create_app(store.url, store=store, secret="s" * 40)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    @app.get("/boom")
    def boom_page() -> None:
        raise RuntimeError("a bug")

    r = TestClient(app, raise_server_exceptions=False).get("/api/boom")
    assert r.status_code == 500 and r.json()["error"].startswith("internal error (RuntimeError)")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["cache-control"] == "private, no-store"
    # a page's 500 holds the session's CSRF token (its sign-out form): no cache may keep it either
    c = TestClient(app, raise_server_exceptions=False)
    token = c.post("/api/login", json={"name": "alice", "password": PASSWORD}).json()["csrf_token"]
    page = c.get("/boom", headers={"accept": "text/html"})
    assert page.status_code == 500 and token in page.text
    assert page.headers["cache-control"] == "private, no-store"


def test_a_new_partys_colour_must_be_a_colour(app: Any, store: Store) -> None:
    c = TestClient(app)
    c.headers["X-CSRF-Token"] = c.post("/api/login", json={"name": "alice", "password": PASSWORD}).json()["csrf_token"]
    event = {"date": "2022-04-02", "kind": "split", "party": "pti", "seats": 1, "summary": "a split",
             "new_party": {"id": "pti-d", "name": "PTI dissidents", "colour": "red;background:url(//x)",
                           "side": "opposition"}}
    r = c.post(f"/api/scenarios/{PK}/events", json=event)
    assert r.status_code == 422 and "new_party.colour" in r.json()["error"]
    assert store.events(PK)[-1][1].summary != "a split"


@pytest.mark.parametrize("bad", ["password", "12345678", "PASSWORD1", " " * 12, "\t\n  \t\n  ", "aaaaaaaaaa",
                                 "short"])
def test_passwords_too_easy_to_guess_are_refused(bad: str) -> None:
    with pytest.raises(InputError, match="password"):
        check_password(bad)


def test_good_passwords_pass() -> None:
    for good in (PASSWORD, "  padded pass phrase  ", "correct horse battery"):
        check_password(good)


def test_cookies_are_secure_behind_a_proxy_unless_told_otherwise(store: Store) -> None:
    def login_cookie(**kw: Any) -> str:
        app = create_app(store.url, store=store, secret="s" * 40, **kw)
        return str(TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD}
                                        ).headers["set-cookie"]).lower()

    assert "secure" not in login_cookie()
    assert "; secure" in login_cookie(behind_proxy=True)
    assert "secure" not in login_cookie(behind_proxy=True, secure_cookies=False)
    assert "; secure" in login_cookie(secure_cookies=True)


def test_a_new_sqlite_database_is_private_to_its_owner(tmp_path: Any) -> None:
    path = tmp_path / "fresh.db"
    old = os.umask(0o022)
    try:
        Store(f"sqlite:///{path}").close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_in_memory_database_leaves_no_file_behind(tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    for url in ("sqlite:///:memory:", "sqlite://"):
        Store(url).close()
    assert list(tmp_path.iterdir()) == []  # not even a file called ":memory:"
    from whipcount.storage.engine import _private_file

    for url in ("sqlite:///:memory:?cache=shared", "sqlite:///file:board?mode=memory&uri=true"):
        _private_file(url)  # SQLite's own names (memory, a URI filename) are not files to create
    assert list(tmp_path.iterdir()) == []
    _private_file("sqlite:///board.db?timeout=5")
    assert [p.name for p in tmp_path.iterdir()] == ["board.db"]
