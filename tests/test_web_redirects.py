"""Where a sign-in sends the browser: back to the page it came from on this site, never to another site.
A ``next`` that a browser would read as another origin (``https://...``, ``//host``, ``/\\host``) or as a
script goes to ``/`` instead; every local path is kept as it was sent."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, store  # noqa: F401
from whipcount.storage import Store

ELSEWHERE = ("https://evil.example/login", "http://evil.example", "//evil.example/x", "/\\evil.example",
             "javascript:alert(1)", "evil.example", "", " //evil.example/x", "\t/\\evil.example")
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


def test_a_next_padded_with_whitespace_is_read_as_the_path(app: Any) -> None:
    """As every form field and query parameter is read (stripped), then checked as any ``next``."""
    r = _sign_in(app, f" /s/{PK}\n")
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}"


@pytest.mark.parametrize("next_", LOCAL)
def test_a_sign_in_returns_to_the_page_it_came_from(app: Any, next_: str) -> None:
    r = _sign_in(app, next_)
    assert r.status_code == 303 and r.headers["location"] == next_


def test_a_failed_sign_in_keeps_only_a_safe_next_in_its_form(app: Any) -> None:
    r = _sign_in(app, "https://evil.example/", password="wrong password, long enough")
    assert r.status_code == 401 and "evil.example" not in r.text
    r = _sign_in(app, f"/s/{PK}", password="wrong password, long enough")
    assert r.status_code == 401 and f'value="/s/{PK}"' in r.text


def test_a_form_sent_after_the_session_ended_signs_in_back_to_its_subject(app: Any) -> None:
    c = TestClient(app)
    token = _form_token(c.get("/login").text)
    c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": "/"})
    form = c.get(f"/s/{PK}/stance", params={"subject": "party:bap@government"}).text
    token = _form_token(form)
    c.post("/logout", data={"csrf_token": token})  # the session ends while the form is open
    action = html.unescape(re.search(r'<form method="post" action="([^"]*)" class="stance"[ >]', form)[1])
    assert action == f"/s/{PK}/stance?subject=party%3Abap%40government"
    r = c.post(action, data={"subject": "party:bap@government", "stance": "no", "version": "0", "csrf_token": token},
               follow_redirects=False)
    assert r.status_code == 303
    login = c.get(r.headers["location"]).text
    # the form's page, marked for the browser to fill in what was typed (forms.js)
    assert f'name="next" value="/s/{PK}/stance?subject=party:bap@government#resume"' in login
    back = _sign_in(app, f"/s/{PK}/stance?subject=party:bap@government#resume")
    assert back.headers["location"] == f"/s/{PK}/stance?subject=party:bap@government#resume"
