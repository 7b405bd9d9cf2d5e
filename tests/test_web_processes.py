"""More than one server process on one database: two real servers started together on a fresh database
both come up (the migrations and the first-run scenario are taken under a lock), and a write through one
reaches a dashboard open on the other within 2 s (each server watches the database's revisions while
dashboards are open). Run on SQLite, and on PostgreSQL when WHIPCOUNT_TEST_PG is set (in the test session's
scratch database, never the server's shared one)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

httpx = pytest.importorskip("httpx")

PK = "pk-na-2022"
PASSWORD = "a long enough password"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(db: str, port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn\nfrom whipcount.web.app import create_app\n"
            f"app = create_app({db!r}, public_read=True)\n"
            f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning')\n")
    return subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE)


def _wait_up(proc: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the server stopped: {(proc.stderr.read() if proc.stderr else b'').decode()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/me", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("the server did not start within 60 s")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shared.db'}"
        return
    url = request.getfixturevalue("pg_database")  # this session's own database, not the server's shared one
    from sqlalchemy import create_engine, text

    from whipcount.storage.store import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:  # a fresh database: nothing from earlier tests
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    yield url


def _watch(base: str, seen: list[int], ready: threading.Event, stop: threading.Event) -> None:
    """Collect the revisions a dashboard on ``base`` is told about, until ``stop`` (or the server stops:
    a stream cut when the test ends its servers is the end of watching, not an error)."""
    try:
        with httpx.stream("GET", f"{base}/events/stream", params={"scenario": PK}, timeout=30) as r:
            for line in r.iter_lines():
                if line.startswith("data:"):
                    seen.append(int(json.loads(line[5:])["revision"]))
                    ready.set()
                if stop.is_set():
                    return
    except httpx.TransportError:
        if not stop.is_set():
            raise


def test_two_servers_on_one_database_tell_each_others_dashboards(database: str) -> None:
    ports = [_port(), _port()]
    servers = [_start(database, p) for p in ports]  # started together on a fresh database
    try:
        bases = [f"http://127.0.0.1:{p}" for p in ports]
        for proc, base in zip(servers, bases, strict=True):
            _wait_up(proc, base)
        from whipcount.storage import Store

        store = Store(database)
        store.add_user("ed", "editor", PASSWORD)
        store.close()
        seen: list[int] = []
        ready, stop = threading.Event(), threading.Event()
        threading.Thread(target=_watch, args=(bases[0], seen, ready, stop), daemon=True).start()
        assert ready.wait(10), "the dashboard stream on the first server sent nothing"
        before = seen[-1]
        with httpx.Client(base_url=bases[1], timeout=30) as editor:  # the write goes through the other server
            login = editor.post("/api/login", json={"name": "ed", "password": PASSWORD})
            assert login.status_code == 200, login.text
            editor.headers["X-CSRF-Token"] = login.json()["csrf_token"]
            version = 0
            for _ in range(3):
                r = editor.post(f"/api/scenarios/{PK}/stances",
                                json={"subject": "party:jwp", "stance": "undecided", "version": version})
                if r.status_code != 409:
                    break
                version = r.json()["current"]["version"]
            assert r.status_code == 200, r.text
        written = time.monotonic()
        while time.monotonic() - written < 2.0 and not any(v > before for v in seen):
            time.sleep(0.05)
        stop.set()
        assert any(v > before for v in seen), f"no new revision on the other server within 2 s (saw {seen})"
    finally:
        for proc in servers:
            proc.terminate()  # an open event stream can hold a graceful shutdown: then stop it hard
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
