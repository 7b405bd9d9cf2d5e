"""Who may write is decided before the body is read: on every route that takes a body, a request from a client not
signed in, from a signed-in user whose role may not write there, or from another site is refused without the server
reading a byte of its body (a client not signed in had the server parse 1 MB of JSON on the event loop, 0.5 s,
before its 401). Sign-in and sign-out take a body from anyone signed in or not, from this site only, each bounded."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi.routing import APIRoute

from test_web_api import PK, _app, client, store  # noqa: F401
from whipcount.storage import Store

FROM_ANYONE = {"/api/login", "/login", "/logout"}
"""The routes that read a body before anyone is signed in (sign-in, and sign-out, which also clears the cookie of a
session already ended): their bodies are bounded (64,000 bytes; 100 fields)."""
ANY_ROLE = {"/api/password", "/password"}
"""The routes any signed-in user may write to (their own password)."""
ROWS = b"[" + b",".join([b"[]"] * 330_000) + b"]"  # 330,000 empty arrays, under 1 MB


def body_routes(app: Any) -> list[tuple[str, str]]:
    """The app's routes that take a body, as (path, Content-Type), the scenario's id in the path."""
    return sorted((r.path.replace("{scenario_id}", PK), "application/json" if r.path.startswith("/api/")
                   else "application/x-www-form-urlencoded")
                  for r in app.routes if isinstance(r, APIRoute) and r.body_field is not None)


def send(app: Any, path: str, kind: str, headers: dict[str, str]) -> tuple[int, int]:
    """POST ``ROWS`` to ``path`` straight through the app; returns the status and how often the app asked for the
    body."""
    asked, started = [0], []

    async def receive() -> dict[str, Any]:
        asked[0] += 1
        return {"type": "http.request", "body": ROWS, "more_body": False}

    async def respond(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.append(message["status"])

    every = {"host": "testserver", "content-type": kind, "content-length": str(len(ROWS)), **headers}
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(k.encode(), v.encode()) for k, v in every.items()],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, respond))
    return started[0], asked[0]


def session(app: Any, user: str) -> dict[str, str]:
    """The headers of ``user``'s signed-in browser: its cookies and the session's CSRF token."""
    c = client(app, user)
    return {"cookie": "; ".join(f"{k}={v}" for k, v in c.cookies.items()), "x-csrf-token": c.headers["X-CSRF-Token"]}


def test_the_routes_with_a_body_are_known(store: Store) -> None:  # noqa: F811
    paths = {path for path, _ in body_routes(_app(store))}
    assert paths == FROM_ANYONE | ANY_ROLE | {f"/api/scenarios/{PK}/events", f"/api/scenarios/{PK}/stances",
                                              f"/api/scenarios/{PK}/stances/clear", f"/s/{PK}/stance",
                                              f"/s/{PK}/stance/clear", f"/s/{PK}/events/new"}


def test_a_client_not_signed_in_is_refused_unread(store: Store) -> None:  # noqa: F811
    app = _app(store)
    for path, kind in body_routes(app):
        if path in FROM_ANYONE:
            continue
        status, asked = send(app, path, kind, {})
        assert (status, asked) == ((401 if path.startswith("/api/") else 303), 0), path  # a page: to sign-in


def test_a_viewer_is_refused_unread_where_only_editors_write(store: Store) -> None:  # noqa: F811
    app = _app(store)
    vera = session(app, "vera")
    for path, kind in body_routes(app):
        if path in FROM_ANYONE | ANY_ROLE:
            continue
        assert send(app, path, kind, vera) == (403, 0), path


@pytest.mark.parametrize("other_site", [{"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}])
def test_another_sites_request_is_refused_unread_everywhere(store: Store, other_site: dict[str, str]) -> None:  # noqa: F811
    app = _app(store)
    alice = session(app, "alice")
    for path, kind in body_routes(app):
        for headers in ({**alice, **other_site}, other_site):
            status, asked = send(app, path, kind, headers)
            if path not in FROM_ANYONE and "cookie" not in headers:
                assert asked == 0 and status in (401, 303), path  # not signed in, said first
            else:
                assert (status, asked) == (403, 0), (path, headers)


def test_an_editor_from_this_site_is_read(store: Store) -> None:  # noqa: F811
    app = _app(store)
    alice = session(app, "alice")
    for path, kind in body_routes(app):
        status, asked = send(app, path, kind, alice)
        # on to the body itself: too large for the route by its Content-Length (413), else read, and refused for
        # what it holds (413, 422; a form's CSRF token, 403)
        assert status in (403, 413, 422) and (asked >= 1 or status == 413), (path, status)
