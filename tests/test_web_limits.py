"""Limits: request bodies (413 before reading), error bodies that never echo a password or a long value,
the login limiter (reserved before verifying, per address and per account, proxies trusted only when
configured) and the pool of password verifications."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from whipcount.storage import Store, passwords
from whipcount.web.app import create_app

PK = "pk-na-2022"
PASSWORD = "a long enough password"


@pytest.fixture
def store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s = Store(f"sqlite:///{tmp_path / 'web.db'}")
    for name, role in (("alice", "editor"), ("vera", "viewer")):
        s.add_user(name, role, PASSWORD)
    yield s
    s.close()


def make_app(store: Store, **kw: Any) -> Any:
    return create_app(store.url, store=store, secret="limits-" + "x" * 40, **kw)


def asgi_post(app: Any, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, bytes, int]:
    """POST /api/login straight through ASGI: (status, body, how many body chunks the app read)."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        if reads >= len(chunks):
            await asyncio.sleep(3600)
        reads += 1
        return {"type": "http.request", "body": chunks[reads - 1], "more_body": reads < len(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/login", "raw_path": b"/api/login", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
             "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, reads


# -- request size --------------------------------------------------------------------------------------------
def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(store: Store) -> None:
    app = make_app(store, max_body=10_000)
    status, body, reads = asgi_post(app, [(b"content-length", b"2000000")], [b"x" * 65536] * 31)
    assert (status, reads) == (413, 0)
    assert json.loads(body)["error"] == "request body too large: at most 10000 bytes"


def test_a_chunked_body_is_counted_and_cut_off_at_the_limit(store: Store) -> None:
    app = make_app(store, max_body=100_000)
    status, body, reads = asgi_post(app, [], [b" " * 16384] * 64)  # 1 MiB, no Content-Length
    assert status == 413 and json.loads(body)["status"] == 413
    assert reads == 100_000 // 16384 + 1  # stopped at the first chunk past the limit
    ok = json.dumps({"name": "alice", "password": PASSWORD}).encode()
    assert asgi_post(app, [], [ok[:10], ok[10:]])[0] == 200  # a small chunked body goes through


def test_the_default_limit_is_one_megabyte(store: Store) -> None:
    c = TestClient(make_app(store))
    assert c.post("/api/login", content=b"x" * 1_000_001, headers={"content-type": "application/json"}
                  ).status_code == 413
    assert c.post("/api/login", content=b" " * 999_000 + b"{}", headers={"content-type": "application/json"}
                  ).status_code == 422


def test_errors_never_echo_a_password_and_cut_long_values(store: Store) -> None:
    c = TestClient(make_app(store))
    r = c.post("/api/login", json={"name": "alice", "password": 1234567890987})
    assert r.status_code == 422 and "password" in r.json()["error"]
    assert "1234567890987" not in r.text
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    token = r.json()["csrf_token"]
    long = "m" * 5000
    r = c.post(f"/api/scenarios/{PK}/stances", headers={"X-CSRF-Token": token},
               json={"subject": "party:pti", "stance": long, "version": 0})
    assert r.status_code == 422 and "stance" in r.json()["error"]
    assert long[:100] not in r.text and len(r.text) < 1000
