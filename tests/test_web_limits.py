"""Login limits that hold: attempts are reserved before the password is checked (64 at once with a limit
of 5 check at most 5 passwords), fresh names from one address are limited too, an account takes at most
100 failures an hour, old entries are forgotten, a busy password pool answers 503 with Retry-After, and
forwarded headers are trusted only behind a configured proxy."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, _app, assert_error, store  # noqa: F401
from whipcount.cli.web import uvicorn_config
from whipcount.storage import Store
from whipcount.web.auth import HTTPError, LoginLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_concurrent_attempts_cannot_pass_the_limit() -> None:
    limiter = LoginLimiter(limit=5, window=60)
    allowed, start = [], threading.Barrier(64)

    def attempt() -> None:
        start.wait()
        try:
            limiter.reserve("alice", "10.0.0.1")
            allowed.append(1)
        except HTTPError:
            pass

    threads = [threading.Thread(target=attempt) for _ in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 5


def test_fresh_names_from_one_address_are_limited() -> None:
    limiter = LoginLimiter(limit=5, window=60, per_address=30)
    for i in range(30):
        limiter.reserve(f"name{i}", "10.0.0.2")
    with pytest.raises(HTTPError, match="from this address"):
        limiter.reserve("yet-another", "10.0.0.2")
    limiter.reserve("someone", "10.0.0.3")  # another address is not affected


def test_an_account_takes_at_most_100_failures_an_hour() -> None:
    clock = Clock()
    limiter = LoginLimiter(limit=5, window=60, clock=clock, per_address=10_000, per_account=100)
    for i in range(100):
        limiter.reserve("alice", f"10.1.{i // 250}.{i % 250}")
        clock.now += 30  # slower than the per-pair and per-address limits
    with pytest.raises(HTTPError, match="for 'alice'"):
        limiter.reserve("alice", "10.9.9.9")
    clock.now += 3600
    limiter.reserve("alice", "10.9.9.9")


def test_old_entries_are_forgotten() -> None:
    clock = Clock()
    limiter = LoginLimiter(limit=5, window=60, clock=clock, per_address=10**6, per_account=10**6)
    for i in range(4000):
        limiter.failed(f"u{i}", f"10.2.{i // 250}.{i % 250}")
    assert limiter.size() > 10_000
    clock.now += 3601
    limiter.failed("late", "10.3.0.1")
    assert limiter.size() <= 3


def test_a_busy_password_pool_answers_503_with_retry_after(store: Store) -> None:  # noqa: F811
    app = _app(store)
    wc = app.state.wc
    wc.verify_wait = 0.0
    held = [wc.verify_slots.acquire() for _ in range(2)]
    try:
        r = TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD})
        assert_error(r, 503, "busy")
        assert r.headers["retry-after"] == "5"
    finally:
        for _ in held:
            wc.verify_slots.release()
    ok = TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert ok.status_code == 200  # the refused attempt was given back, not counted as a failure


def test_forwarded_headers_are_trusted_only_behind_a_proxy() -> None:
    plain: Any = uvicorn_config(None, False, ("127.0.0.1",))
    assert plain.proxy_headers is False
    proxied: Any = uvicorn_config(None, True, ("10.0.0.1", "10.0.0.2"))
    assert proxied.proxy_headers is True and proxied.forwarded_allow_ips == "10.0.0.1,10.0.0.2"
