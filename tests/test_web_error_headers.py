"""Every error the dashboard answers carries what every other answer carries, whatever answered it (a route, an
error handler, the body limit before any route runs, the handler of a server error): the Content Security Policy,
the other security headers, ``Cache-Control: private, no-store`` (an error page holds the session's CSRF token in
its sign-out form) and, over HTTPS, HSTS; on the pages and in the API alike. A 500 had come without HSTS, and a 404
under ``/static/`` (an error page) without ``no-store``."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, store  # noqa: F401
from whipcount.errors import StorageError
from whipcount.storage import Store

EXPECTED = {
    "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cache-control": "private, no-store",
    "strict-transport-security": "max-age=31536000",
}
"""Written out by hand from docs/web.md (*Security*): what an answer over HTTPS carries."""
JSON = {"accept": "application/json"}


def _editor(c: TestClient) -> str:
    """Sign ``c`` in as an editor through the form; its session's CSRF token."""
    token = _form_token(c.get("/login").text)
    c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": "/"})
    return _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text)


def _stance_form(c: TestClient, **fields: str) -> Any:
    token = _editor(c)
    data = {"csrf_token": token, "subject": "party:ppp", "stance": "no", "version": "0", **fields}
    return c.post(f"/s/{PK}/stance?subject=party:ppp", data=data)


ERRORS: dict[str, tuple[int, Callable[[TestClient], Any]]] = {
    "400 a stance form's bad date": (400, lambda c: _stance_form(c, date="someday")),
    "401 the API": (401, lambda c: c.get(f"/api/scenarios/{PK}")),
    "403 another site": (403, lambda c: c.post("/login", headers={"origin": "https://elsewhere.example"})),
    "403 a page's CSRF token": (403, lambda c: (_editor(c), c.post(f"/s/{PK}/stance?subject=party:ppp",
                                                                    data={"csrf_token": "stale"}))[1]),
    "404 a page": (404, lambda c: c.get("/nowhere")),
    "404 the API": (404, lambda c: c.get("/api/nowhere")),
    "404 a bundled asset": (404, lambda c: c.get("/static/nowhere.css")),
    "405": (405, lambda c: c.delete("/login")),
    "409 a stance form's stale version": (409, lambda c: (_stance_form(c), _stance_form(c))[1]),
    "413 declared, a page": (413, lambda c: c.post("/login", content=b"x" * 2_000_000)),
    "413 declared, the API": (413, lambda c: c.post("/api/login", content=b"x" * 2_000_000, headers=JSON)),
    "413 streamed": (413, lambda c: c.post("/login", content=iter([b"x" * 600_000, b"x" * 600_000]))),
    "415 the API": (415, lambda c: c.post("/api/login", content=b"name=a")),
    "415 a page": (415, lambda c: c.post("/login", content=b"{}", headers={"content-type": "application/json"})),
    "422 the API": (422, lambda c: c.post("/api/login", content=b"{", headers={"content-type": "application/json"})),
    "422 a page": (422, lambda c: (_editor(c), c.get(f"/s/{PK}/members", params={"stance": "maybe"}))[1]),
    "500 a page": (500, lambda c: c.get("/boom")),
    "500 the API": (500, lambda c: c.get("/api/boom")),
    "503 the database refused": (503, lambda c: c.get("/api/busy")),
}


def _app_with_failures(store: Store) -> Any:  # noqa: F811
    app = _app(store)

    @app.get("/boom")
    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    @app.get("/api/busy")
    def busy() -> None:
        raise StorageError("the database is locked", busy=True)

    return app


@pytest.mark.parametrize("case", list(ERRORS))
def test_every_error_carries_the_headers_every_answer_carries(store: Store, case: str) -> None:  # noqa: F811
    status, ask = ERRORS[case]
    c = TestClient(_app_with_failures(store), base_url="https://testserver", raise_server_exceptions=False)
    r = ask(c)
    assert r.status_code == status, (case, r.text[-300:])
    got = {k: r.headers.get(k) for k in EXPECTED}
    # a page drawn with charts' styles keeps its own policy: the same, with its nonce beside 'self'
    got["content-security-policy"] = re.sub(r" 'nonce-[^']+'", "", got["content-security-policy"] or "")
    assert got == EXPECTED, case
    assert "permissions-policy" in r.headers and "camera=()" in r.headers["permissions-policy"], case


@pytest.mark.parametrize("path", [f"/s/{PK}", "/login", f"/api/scenarios/{PK}"])
def test_a_database_that_cannot_look_the_session_up_is_a_503_with_the_headers(store: Store, path: str,  # noqa: F811
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    c = TestClient(_app_with_failures(store), base_url="https://testserver", raise_server_exceptions=False)
    _editor(c)

    def locked(*_args: Any, **_kwargs: Any) -> None:
        raise StorageError("the database is locked", busy=True)

    monkeypatch.setattr(store.sessions, "lookup", locked)
    r = c.get(path)
    if path == "/login":  # a page that needs no one signed in is drawn as for no one
        assert r.status_code == 200 and "Sign in" in r.text
    else:
        assert r.status_code == 503 and "the database could not answer" in r.text, r.text[-300:]
        assert r.headers["retry-after"] == "5"
    got = {k: r.headers.get(k) for k in EXPECTED}
    got["content-security-policy"] = re.sub(r" 'nonce-[^']+'", "", got["content-security-policy"] or "")
    assert got == EXPECTED
