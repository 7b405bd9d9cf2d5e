"""A page's form holds at most 100 fields: one with more, however it is written (fields separated by '&' or ';', or
parts of a multipart form), is a 413 on every page that takes a form, refused before its fields are parsed (a
sign-in form of 100,000 empty fields had held every request of the server for about 2 s); a form of 100 fields,
the pages' own and any others, is read."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, store  # noqa: F401
from whipcount.storage import Store

TOO_MANY = "request body: expected a form of at most 100 fields, got more"


def form_routes(app: Any) -> list[str]:
    """The paths of the app's routes that take a form (every route with a body outside the API)."""
    return sorted(r.path.replace("{scenario_id}", PK) for r in app.routes
                  if isinstance(r, APIRoute) and not r.path.startswith("/api/") and r.body_field is not None)


def multipart(fields: int) -> tuple[bytes, str]:
    parts = b"".join(b'--zz\r\nContent-Disposition: form-data; name="f%d"\r\n\r\n\r\n' % i for i in range(fields))
    return parts + b"--zz--\r\n", "multipart/form-data; boundary=zz"


def test_the_routes_with_a_form_are_the_pages_forms(store: Store) -> None:  # noqa: F811
    assert form_routes(_app(store)) == ["/login", "/logout", "/password", f"/s/{PK}/events/new", f"/s/{PK}/stance",
                                        f"/s/{PK}/stance/clear"]


@pytest.mark.parametrize("body", [
    b"&".join(b"f%d=" % i for i in range(100_000)),
    b";".join(b"f%d=" % i for i in range(100_000)),
    b"&" * 100,  # 101 empty fields
    multipart(101),
], ids=["100,000 by &", "100,000 by ;", "101 empty", "101 parts"])
def test_a_form_of_more_than_100_fields_is_refused(store: Store, body: bytes | tuple[bytes, str]) -> None:  # noqa: F811
    app = _app(store)
    content, kind = body if isinstance(body, tuple) else (body, "application/x-www-form-urlencoded")
    for path in form_routes(app):  # an editor's session: no route refuses the sender before reading the form
        c = TestClient(app)
        token = _form_token(c.get("/login").text)
        c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": "/"})
        r = c.post(path, content=content, headers={"content-type": kind}, follow_redirects=False)
        # sign-in's and sign-out's forms are not read past 64,000 bytes (test_web_sign_in_body_cap.py)
        capped = path in ("/login", "/logout") and len(content) > 64_000 and "at most 64000 bytes" in r.text
        assert r.status_code == 413 and (TOO_MANY in r.text or capped), (path, r.status_code, r.text[-300:])


@pytest.mark.parametrize("written", ["urlencoded", "multipart"])
def test_a_sign_in_form_of_100_fields_signs_in(store: Store, written: str) -> None:  # noqa: F811
    c = TestClient(_app(store))
    fields = {"name": "alice", "password": PASSWORD, "csrf_token": _form_token(c.get("/login").text)}
    fields.update({f"extra{i}": "" for i in range(100 - len(fields))})
    if written == "multipart":
        r = c.post("/login", files={k: (None, v) for k, v in fields.items()}, follow_redirects=False)
    else:
        r = c.post("/login", data=fields, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/", r.text[-300:]
    assert c.get("/api/me").json()["user"] == "alice"
