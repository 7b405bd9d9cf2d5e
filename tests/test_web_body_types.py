"""Every route of the API that takes a body takes it as JSON only: a body sent as a form, as text or with no type
is a 415 naming the type it came as, and never quoted back (a password change's passwords among it)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.routing import APIRoute

from test_web_api import PASSWORD, PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

NEW_PASSWORD = "a fresh pass phrase 42"
NOT_JSON = [
    ("text/plain", "Content-Type 'text/plain'"),
    ("text/plain;charset=UTF-8", "Content-Type 'text/plain;charset=UTF-8'"),  # what fetch() sends a string as
    ("application/x-www-form-urlencoded", "Content-Type 'application/x-www-form-urlencoded'"),
    ("multipart/form-data; boundary=x", "Content-Type 'multipart/form-data; boundary=x'"),
    ("application/jsonx", "Content-Type 'application/jsonx'"),
    (None, "no Content-Type"),
]


def body_routes(app: Any) -> list[str]:
    """The paths of the API's routes that take a body, read from the app itself (a new one is covered too)."""
    return sorted(r.path.replace("{scenario_id}", PK) for r in app.routes
                  if isinstance(r, APIRoute) and r.path.startswith("/api/") and r.body_field is not None)


def test_the_routes_with_a_body_are_the_documented_ones(store: Store) -> None:  # noqa: F811
    assert body_routes(_app(store)) == ["/api/login", "/api/password", f"/api/scenarios/{PK}/events",
                                        f"/api/scenarios/{PK}/stances", f"/api/scenarios/{PK}/stances/clear"]


@pytest.mark.parametrize(("content_type", "named"), NOT_JSON)
def test_a_body_not_sent_as_json_is_a_415_that_quotes_none_of_it(store: Store, content_type: str | None,  # noqa: F811
                                                                 named: str) -> None:
    app = _app(store)
    c = client(app, "alice")  # signed in with the session's token: the body's type is all that is wrong
    body = json.dumps({"current_password": PASSWORD, "new_password": NEW_PASSWORD, "name": "alice",
                       "password": PASSWORD, "subject": "party:ppp", "stance": "no", "version": 0}).encode()
    for path in body_routes(app):
        headers = {"content-type": content_type} if content_type else {}
        r = c.post(path, content=body, headers=headers)
        assert_error(r, 415, "^request body: expected JSON sent as Content-Type: application/json, got "
                             + named.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+") + "$")
        assert PASSWORD not in r.text and NEW_PASSWORD not in r.text and "party:ppp" not in r.text, path
    # nothing was changed: the password is the old one, no stance was written
    assert client(app, "alice").get("/api/me").json()["user"] == "alice"
    assert store.stance(PK, "party:ppp") is None


def test_json_with_its_parameters_is_read(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    r = c.post(f"/api/scenarios/{PK}/stances", content=b'{"subject": "party:ppp", "stance": "no", "version": 0}',
               headers={"content-type": "Application/JSON; charset=utf-8"})
    assert r.status_code == 200, r.text
