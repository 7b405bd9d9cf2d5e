"""The sign-in at its edges: a name missing or too long refused before any attempt counts, the form's
answers to too many failures (429) and to a busy server (503), a failure counted for exactly its window,
and how many password verifications run at once for the machine's cores."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import _app, _form_token, assert_error, client, store  # noqa: F401
from whipcount.storage import Store


def test_a_sign_in_without_a_name_is_refused_before_any_attempt_counts(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = client(app, None)
    assert_error(c.post("/api/login", json={"name": "", "password": "x"}), 422, "^name: ")
    assert_error(c.post("/api/login", json={"name": "u" * 101, "password": "x"}), 422, "^name: ")
    assert_error(c.post("/api/login", json={"name": "alice", "password": ""}), 422, "^password: ")
    assert app.state.wc.limiter._hits == {}  # noqa: SLF001 (nothing reserved: no attempt was made)


@pytest.mark.parametrize(("cores", "pool"), [(None, 1), (1, 1), (3, 1), (4, 2), (64, 2)])
def test_two_verifications_run_at_once_from_four_cores(monkeypatch: pytest.MonkeyPatch, cores, pool) -> None:
    from whipcount.web import login

    monkeypatch.setattr(login.os, "cpu_count", lambda: cores)
    assert login.default_pool() == pool


def test_the_sign_in_form_refuses_a_name_past_100_characters(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    token = _form_token(c.get("/login").text)
    r = c.post("/login", data={"name": "a" * 101, "password": "a long enough password", "csrf_token": token})
    assert r.status_code == 400 and "give your user name and password" in r.text
    assert 'value="' + "a" * 100 + '"' in r.text and "a" * 101 not in r.text


def test_a_failed_sign_in_counts_for_exactly_its_window() -> None:
    from whipcount.web.auth import HTTPError
    from whipcount.web.login import LoginLimiter

    now = [0.0]
    lim = LoginLimiter(5, 60.0, lambda: now[0])
    for _ in range(5):
        lim.reserve("alice", "203.0.113.1")
    now[0] = 59.5
    with pytest.raises(HTTPError):
        lim.reserve("alice", "203.0.113.1")
    now[0] = 60.0  # a window after the failures: they no longer count
    lim.reserve("alice", "203.0.113.1")


def test_the_sign_in_form_answers_too_many_failures_with_429(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    token = _form_token(c.get("/login").text)
    codes = [c.post("/login", data={"name": "alice", "password": "wrong password!", "csrf_token": token}).status_code
             for _ in range(6)]
    assert codes == [401] * 5 + [429]
    last = c.post("/login", data={"name": "alice", "password": "wrong password!", "csrf_token": token})
    assert last.status_code == 429 and 'name="password"' in last.text  # the form again, saying why


def test_the_sign_in_form_shows_a_busy_server_on_the_form(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from whipcount.web import pages
    from whipcount.web.auth import HTTPError

    async def busy(*args: Any, **kw: Any) -> Any:
        raise HTTPError(503, "too many sign-ins at once: try again in 2 s", headers={"Retry-After": "2"})

    monkeypatch.setattr(pages, "sign_in", busy)
    c = TestClient(_app(store))
    token = _form_token(c.get("/login").text)
    r = c.post("/login", data={"name": "alice", "password": "a long enough password", "csrf_token": token})
    assert r.status_code == 503 and 'name="password"' in r.text and "too many sign-ins at once" in r.text

