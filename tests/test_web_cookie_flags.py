"""Every cookie the app sets, on every route and method read from the app itself, is ``HttpOnly``, ``SameSite=Lax``,
for the whole site and ``Secure`` on a server told so (docs/web.md, *Sessions*); and no answer to a POST sets one
but sign-in, sign-out and a change of one's own password, so a cross-site POST never replaces a session."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, store  # noqa: F401
from test_web_route_access import QUERY, methods
from whipcount.storage import Store

NEW_PASSWORD = "another long pass phrase 7"
SETS_COOKIES = {"/api/login", "/login", "/api/logout", "/logout", "/api/password", "/password"}
"""The POSTs that may set a cookie (the session's, the browser's device cookie; cleared at sign-out)."""
BODIES = {"/api/login": {"name": "alice", "password": PASSWORD}, "/login": {"name": "alice", "password": PASSWORD},
          "/api/password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
          "/password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                        "new_password_again": NEW_PASSWORD}}
"""What the cookie-setting POSTs are sent with, so that they set theirs."""


def cookies(app: Any, store: Store, method: str, route: str, signed_in: bool) -> list[str]:  # noqa: F811
    """The ``Set-Cookie`` headers of ``method`` on ``route`` from a fresh browser (signed in as alice, or not; for a
    POST, with the sign-in form's cookie), lower-cased."""
    store.accounts.set_password("alice", PASSWORD)  # as it was, whatever a change of password before did
    c = TestClient(app, base_url="https://testserver")  # over HTTPS, so that a Secure cookie is sent back
    token = _form_token(c.get("/login").text) if method == "POST" else ""  # a GET: from a browser with no cookie
    if signed_in:
        token = c.post("/api/login", json={"name": "alice", "password": PASSWORD}).json()["csrf_token"]
        assert c.get("/api/me").json()["user"] == "alice"
    path = route.replace("{scenario_id}", PK)
    if path == "/events/stream":
        return []  # a stream sets none (its answer is read in tests/test_web_route_access.py)
    if method == "GET":
        r = c.get(path, params=QUERY.get(route), follow_redirects=False)
    elif path.startswith("/api/"):
        r = c.post(path, json=BODIES.get(path, {}), headers={"X-CSRF-Token": token})
    else:
        r = c.post(path, params=QUERY.get(route), data={**BODIES.get(path, {}), "csrf_token": token},
                   follow_redirects=False)
    return [v.lower() for v in r.headers.get_list("set-cookie")]


@pytest.mark.parametrize("secure", [False, True], ids=["http", "secure-cookies"])
def test_every_cookie_is_httponly_lax_and_secure_when_told(store: Store, secure: bool) -> None:  # noqa: F811
    app = _app(store, secure_cookies=secure)
    seen: dict[str, int] = {}
    for method, route in methods(app):
        for signed_in in (False, True):
            for cookie in cookies(app, store, method, route, signed_in):
                name = cookie.split("=")[0]
                seen[name] = seen.get(name, 0) + 1
                parts = {p.strip() for p in cookie.split(";")}
                assert {"httponly", "samesite=lax", "path=/"} <= parts, (method, route, cookie)
                assert ("secure" in parts) == secure, (method, route, cookie)
                assert method == "GET" or route in SETS_COOKIES, (method, route, cookie)
    # the session's, the device's and the sign-in form's were all seen (set, and the session's cleared)
    assert set(seen) == {"whipcount_session", "whipcount_device", "whipcount_csrf"}
