"""Who may reach each route, every route and method read from the app itself, so that a route added tomorrow
fails here until it is given its place in :data:`ACCESS`: tried by a client not signed in, a viewer, an editor and
an admin, on a server with and without ``--public-read`` (docs/web.md, *Accounts* and *Pages*). A refusal is a 401
or 403, or a page's way to sign-in (303 to ``/login``, where sign-out always leads); a request let through is answered otherwise (a POST here
carries the session's CSRF token and nothing else, so it is refused for what its body lacks), never with a 500."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, store  # noqa: F401
from whipcount.storage import Store

ANYONE, READER, SIGNED_IN, EDITOR, STAFF, ADMIN = "anyone", "reader", "signed in", "editor", "staff", "admin"
ROLES = (None, "vera", "alice", "root")  # not signed in, a viewer, an editor, an admin
ACCESS = {
    ("GET", "/api/openapi.json"): ANYONE, ("GET", "/api/docs"): ANYONE, ("POST", "/api/login"): ANYONE,
    ("POST", "/api/logout"): ANYONE, ("GET", "/api/me"): ANYONE, ("GET", "/login"): ANYONE,
    ("POST", "/login"): ANYONE, ("POST", "/logout"): ANYONE,
    ("GET", "/api/scenarios"): READER, ("GET", "/api/scenarios/{scenario_id}"): READER,
    ("GET", "/api/scenarios/{scenario_id}/dashboard"): READER, ("GET", "/api/scenarios/{scenario_id}/members"): READER,
    ("GET", "/api/scenarios/{scenario_id}/stances"): READER, ("GET", "/api/scenarios/{scenario_id}/history"): READER,
    ("GET", "/api/scenarios/{scenario_id}/events"): READER, ("GET", "/api/compare"): READER,
    ("GET", "/api/scenarios/{scenario_id}/audit"): READER, ("GET", "/"): READER, ("GET", "/s/{scenario_id}"): READER,
    ("GET", "/s/{scenario_id}/live"): READER, ("GET", "/s/{scenario_id}/members"): READER,
    ("GET", "/compare"): READER, ("GET", "/events/stream"): READER, ("GET", "/s/{scenario_id}/events"): READER,
    ("POST", "/api/password"): SIGNED_IN, ("GET", "/password"): SIGNED_IN, ("POST", "/password"): SIGNED_IN,
    ("POST", "/api/scenarios/{scenario_id}/stances"): EDITOR,
    ("POST", "/api/scenarios/{scenario_id}/stances/clear"): EDITOR,
    ("POST", "/api/scenarios/{scenario_id}/events"): EDITOR, ("GET", "/s/{scenario_id}/stance"): EDITOR,
    ("POST", "/s/{scenario_id}/stance"): EDITOR, ("POST", "/s/{scenario_id}/stance/clear"): EDITOR,
    ("GET", "/s/{scenario_id}/events/new"): EDITOR, ("POST", "/s/{scenario_id}/events/new"): EDITOR,
    ("GET", "/api/audit"): STAFF,  # the whole trail, account changes included: editors and admins, never public
    ("GET", "/audit"): ADMIN,  # its page: admins alone
}
"""Who reaches each route: anyone; a reader (anyone signed in, or anyone at all with ``--public-read``); anyone
signed in, whatever the server (a password of one's own); an editor or admin; an editor or admin, never a reader
not signed in; an admin alone."""
QUERY = {"/events/stream": {"scenario": PK}, "/api/compare": {"a": PK, "b": PK}, "/compare": {"a": PK, "b": PK},
         "/s/{scenario_id}/stance": {"subject": "party:ppp"}}


def methods(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) the app routes, read from the app (HEAD, which Starlette adds to a GET, aside)."""
    return sorted((m, r.path) for r in app.routes for m in (getattr(r, "methods", None) or ()) if m != "HEAD")


def allowed(kind: str, role: str | None, public: bool) -> bool:
    """Whether ``role`` (None: not signed in) reaches a route of ``kind`` on a server with or without public reads."""
    return {ANYONE: True, READER: role is not None or public, SIGNED_IN: role is not None,
            EDITOR: role in ("alice", "root"), STAFF: role in ("alice", "root"), ADMIN: role == "root"}[kind]


def stream_status(app: Any, cookies: dict[str, str]) -> int:
    """The status the live stream answers with, the connection then closed (so that the stream ends at once)."""
    started: list[int] = []

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(0.05)
        return {"type": "http.disconnect"}

    async def respond(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            started.append(message["status"])

    headers = {"host": "testserver", "cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/events/stream", "raw_path": b"/events/stream", "query_string": f"scenario={PK}".encode(),
             "root_path": "", "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, respond))
    return started[0]


def answer(app: Any, method: str, route: str, role: str | None) -> tuple[int, str]:
    """The status and ``Location`` of ``method`` on ``route`` from a fresh client signed in as ``role``."""
    c = TestClient(app)
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text)[1]  # type: ignore[index]
    if role is not None:
        r = c.post("/api/login", json={"name": role, "password": PASSWORD})
        assert r.status_code == 200, r.text
        token = r.json()["csrf_token"]
    path = route.replace("{scenario_id}", PK)
    if path == "/events/stream":
        return stream_status(app, dict(c.cookies.items())), ""
    if method == "GET":
        r = c.get(path, params=QUERY.get(route), follow_redirects=False)
    elif path.startswith("/api/"):
        r = c.post(path, json={}, headers={"X-CSRF-Token": token})
    else:
        r = c.post(path, params=QUERY.get(route), data={"csrf_token": token}, follow_redirects=False)
    return r.status_code, r.headers.get("location", "")


def test_every_route_has_its_place_in_the_table(store: Store) -> None:  # noqa: F811
    assert methods(_app(store)) == sorted(ACCESS)


@pytest.mark.parametrize("public", [False, True], ids=["private", "public-read"])
def test_every_route_lets_in_whom_it_should_and_no_one_else(store: Store, public: bool) -> None:  # noqa: F811
    store.add_user("root", "admin", PASSWORD)
    app = _app(store, public_read=public)
    wrong = []
    for method, route in methods(app):
        for role in ROLES:
            status, location = answer(app, method, route, role)
            kind = ACCESS[(method, route)]  # sign-out leads to sign-in, whoever sends it
            refused = status in (401, 403) or (kind != ANYONE and status == 303 and location.startswith("/login"))
            if status >= 500 or refused == allowed(kind, role, public):
                wrong.append((method, route, role, status, location))
    assert wrong == [], "\n".join(map(str, wrong))
