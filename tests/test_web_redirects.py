"""Where a sign-in sends the browser: back to the page it came from on this site, never to another site.
A ``next`` that a browser would read as another origin (``https://...``, ``//host``, ``/\\host``) or as a
script goes to ``/`` instead; every local path is kept as it was sent."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, store  # noqa: F401
from whipcount.storage import Store

ELSEWHERE = ("https://evil.example/login", "http://evil.example", "//evil.example/x", "/\\evil.example",
             "javascript:alert(1)", "evil.example", "", " /s/pk-na-2022")
LOCAL = ("/", f"/s/{PK}", f"/s/{PK}?on=2022-03-08", f"/s/{PK}/members?q=mqm&side=opposition", "/compare")


@pytest.fixture
def app(store: Store) -> Iterator[Any]:  # noqa: F811
    yield _app(store)


def _sign_in(app: Any, next_: str, password: str = PASSWORD) -> Any:
    c = TestClient(app)
    token = _form_token(c.get("/login").text)
    return c.post("/login", data={"name": "alice", "password": password, "csrf_token": token, "next": next_},
                  follow_redirects=False)


@pytest.mark.parametrize("next_", ELSEWHERE)
def test_a_sign_in_never_sends_the_browser_elsewhere(app: Any, next_: str) -> None:
    r = _sign_in(app, next_)
    assert r.status_code == 303 and r.headers["location"] == "/"


@pytest.mark.parametrize("next_", LOCAL)
def test_a_sign_in_returns_to_the_page_it_came_from(app: Any, next_: str) -> None:
    r = _sign_in(app, next_)
    assert r.status_code == 303 and r.headers["location"] == next_


def test_a_failed_sign_in_keeps_only_a_safe_next_in_its_form(app: Any) -> None:
    r = _sign_in(app, "https://evil.example/", password="wrong password, long enough")
    assert r.status_code == 401 and "evil.example" not in r.text
    r = _sign_in(app, f"/s/{PK}", password="wrong password, long enough")
    assert r.status_code == 401 and f'value="/s/{PK}"' in r.text
