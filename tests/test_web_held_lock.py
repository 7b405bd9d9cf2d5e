"""Reads while another connection holds the database's write lock (a long `db load`, a psql or sqlite3 session
left in a transaction) and editors' writes queue behind it: a read never waits on that lock, neither for a
thread of the server (the waiting writes hold a few of them at most) nor to mark its session seen."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import event, update

from test_web_live import PASSWORD, PK, running
from whipcount.storage import Store, schema
from whipcount.web import write_gate

WRITERS = 50  # more writes at once than the server has threads (40)


def _login(base: str, name: str) -> httpx.Client:
    http = httpx.Client(base_url=base, timeout=90)
    r = http.post("/api/login", json={"name": name, "password": PASSWORD})
    r.raise_for_status()
    http.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return http


def _short_waits(store: Store) -> None:
    """A writer of the store waits 3 s for another's lock here, not 30 (every new connection)."""
    event.listen(store.engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA busy_timeout=3000"))
    store.engine.dispose()


def _seen_long_ago(store: Store) -> None:
    """Every session last seen two minutes ago: its next request would mark it seen, a write."""
    with store.engine.begin() as conn:
        conn.execute(update(schema.sessions).values(last_seen_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)))


def test_reads_answer_at_once_while_a_held_lock_keeps_writes_waiting(tmp_path: Path) -> None:
    with running(tmp_path) as (base, store, _):
        vera, alice = _login(base, "vera"), _login(base, "alice")
        _short_waits(store)
        _seen_long_ago(store)
        other = sqlite3.connect(store.url.partition(":///")[2], timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        statuses: list[int] = []

        def write(i: int) -> None:
            r = alice.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "no",
                                                                 "version": 0, "note": f"write {i}"})
            statuses.append(r.status_code)

        writers = [threading.Thread(target=write, args=(i,)) for i in range(WRITERS)]
        try:
            for t in writers:
                t.start()
            time.sleep(0.5)  # the writes are waiting for the lock by now
            took = {}
            for path in (f"/api/scenarios/{PK}/stances", f"/s/{PK}", f"/api/scenarios/{PK}/dashboard"):
                t0 = time.perf_counter()
                r = vera.get(path)
                took[path] = time.perf_counter() - t0
                assert r.status_code == 200, (path, r.text[:300])
            assert all(s < 1.0 for s in took.values()), took  # the writers wait 3 s for the lock
        finally:
            other.rollback()
            for t in writers:
                t.join(timeout=120)
            vera.close()
            alice.close()
        assert len(statuses) == WRITERS and statuses.count(200) == 1, statuses  # one wins, from version 0
        assert set(statuses) <= {200, 409, 503}, statuses


def test_a_write_that_waits_too_long_for_its_turn_is_a_503_saying_so(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """With one write at a time, the write behind one waiting on the lock is refused once its own wait is up
    (0.5 s here, 30 s by default): busy, try again, nothing written."""
    monkeypatch.setattr(write_gate, "WRITE_SLOTS", 1)
    monkeypatch.setattr(write_gate, "BUSY_WAIT", 0.5)
    with running(tmp_path) as (base, store, _):
        alice = _login(base, "alice")
        _short_waits(store)
        other = sqlite3.connect(store.url.partition(":///")[2], timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        answers: list[httpx.Response] = []

        def write(subject: str) -> None:
            answers.append(alice.post(f"/api/scenarios/{PK}/stances",
                                      json={"subject": subject, "stance": "no", "version": 0}))

        first = threading.Thread(target=write, args=("party:ppp",))
        first.start()
        time.sleep(0.3)  # the first write holds the one slot, waiting for the lock
        write("party:anp")
        other.rollback()
        first.join(timeout=30)
        alice.close()
        late = answers[0]
        assert late.status_code == 503 and late.headers["retry-after"] == "5", late.text
        assert "busy with another write" in late.json()["error"] and "nothing was written" in late.json()["error"]
        assert answers[1].status_code == 200, answers[1].text  # the first, once the lock was let go
        assert store.stance(PK, "party:anp") is None
