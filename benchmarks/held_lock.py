"""Reads while another connection holds the database's write lock and editors' writes queue behind it.

    python benchmarks/held_lock.py [--hold 8] [--writers 60] [--db URL]

Starts uvicorn (one process, 127.0.0.1 only) on a fresh SQLite file (or ``--db``, a PostgreSQL URL), loads
pk-na-2022, signs in a viewer and ``--writers`` editors' sessions, then:

1. reads alone for 2 s: the public dashboard JSON (answered on the event loop), a signed-in API read
   (``GET /api/scenarios/ID/stances``) and a signed-in page (``GET /s/ID``), one of each every 50 ms;
2. another connection takes the write lock (SQLite ``BEGIN IMMEDIATE``; PostgreSQL: the scenario's row,
   ``SELECT ... FOR UPDATE``) and holds it ``--hold`` seconds, while ``--writers`` stance writes are sent at
   once (each waits for the lock, up to 30 s) and the same reads go on, the viewer's session last seen two
   minutes before, so that its next read would mark it seen (a write of its own).

Prints, for each read and phase, the reads answered, their median and slowest latency, and the writes'
answers once the lock is let go. Reads should answer as fast during the hold as before it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from webclient import free_port, start_server

PK = "pk-na-2022"
PASSWORD = "benchmark password"
READS = {"public dashboard": f"/api/scenarios/{PK}/dashboard", "signed-in API": f"/api/scenarios/{PK}/stances",
         "signed-in page": f"/s/{PK}"}


def login(base: str, name: str) -> tuple[dict[str, str], dict[str, str]]:
    """The cookies and the CSRF header of a new session of ``name``."""
    with httpx.Client(base_url=base, timeout=10) as http:
        r = http.post("/api/login", json={"name": name, "password": PASSWORD})
        r.raise_for_status()
        return dict(http.cookies), {"X-CSRF-Token": r.json()["csrf_token"]}


async def reads(base: str, cookies: dict[str, str], seconds: float) -> dict[str, list[float]]:
    """Each read of :data:`READS` every 50 ms for ``seconds`` (each waits for its answer, up to 60 s)."""
    out: dict[str, list[float]] = {name: [] for name in READS}

    async def one(name: str, path: str) -> None:
        jar = {} if name == "public dashboard" else cookies
        async with httpx.AsyncClient(base_url=base, timeout=60, cookies=jar) as http:
            stop = time.monotonic() + seconds
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                r = await http.get(path, headers={"accept": "text/html"} if path == READS["signed-in page"] else {})
                if r.status_code != 200:
                    raise SystemExit(f"{name}: {r.status_code} {r.text[:200]}")
                out[name].append(time.perf_counter() - t0)
                await asyncio.sleep(0.05)

    await asyncio.gather(*(one(n, p) for n, p in READS.items()))
    return out


async def writes(base: str, editors: list[tuple[dict[str, str], dict[str, str]]]) -> list[int]:
    """One stance write per editor, all at once, each on one subject from version 0 (one is recorded, the
    others refused with 409 once the lock is let go): the answers' statuses."""
    async def one(i: int, cookies: dict[str, str], headers: dict[str, str]) -> int:
        async with httpx.AsyncClient(base_url=base, timeout=90, cookies=cookies) as http:
            r = await http.post(f"/api/scenarios/{PK}/stances", headers=headers,
                                json={"subject": "party:mqm-p", "stance": "no", "version": 0, "note": f"w{i}"})
            return r.status_code

    return list(await asyncio.gather(*(one(i, c, h) for i, (c, h) in enumerate(editors))))


def hold(db: str, seconds: float, held: threading.Event) -> None:
    """Take the write lock from another connection and keep it ``seconds``."""
    engine = create_engine(db if not db.startswith("postgresql://") else "postgresql+psycopg://" + db[13:])
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.begin()
            conn.execute(text("SELECT revision FROM scenarios WHERE id = :id FOR UPDATE"), {"id": PK})
        held.set()
        time.sleep(seconds)
        conn.rollback()
    engine.dispose()


def stale_sessions(db: str) -> None:
    """Every session last seen two minutes ago: its next request marks it seen again (a write)."""
    engine = create_engine(db if not db.startswith("postgresql://") else "postgresql+psycopg://" + db[13:])
    with engine.begin() as conn:
        conn.execute(text("UPDATE sessions SET last_seen_at = :t"),
                      {"t": dt.datetime.now(dt.UTC) - dt.timedelta(minutes=2)})
    engine.dispose()


def show(phase: str, lat: dict[str, list[float]]) -> None:
    for name, xs in lat.items():
        print(f"{phase:14} {name:17} n={len(xs):4}  p50 {statistics.median(xs) * 1000:8.1f} ms  "
              f"max {max(xs) * 1000:8.1f} ms")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--hold", type=float, default=8.0)
    p.add_argument("--writers", type=int, default=60)
    p.add_argument("--db")
    args = p.parse_args(argv)

    from whipcount.io.scenario import load_scenario
    from whipcount.storage import Store

    tmp = tempfile.TemporaryDirectory()
    db = args.db or f"sqlite:///{Path(tmp.name) / 'held.db'}"
    store = Store(db)
    if not store.has_scenario(PK):
        store.save_scenario(load_scenario(PK), user="benchmark")
    names = ["viewer"] + [f"editor{i}" for i in range(args.writers)]
    for i, name in enumerate(names):
        if store.user(name) is None:
            store.add_user(name, "viewer" if i == 0 else "editor", PASSWORD)
    store.close()
    port = free_port()
    server = start_server(db, port, "public_read=True")
    base = f"http://127.0.0.1:{port}"
    try:
        viewer = login(base, "viewer")[0]
        editors = [login(base, n) for n in names[1:]]
        show("alone", asyncio.run(reads(base, viewer, 2.0)))
        stale_sessions(db)
        held = threading.Event()
        holder = threading.Thread(target=hold, args=(db, args.hold, held))
        holder.start()
        held.wait()

        async def during() -> tuple[dict[str, list[float]], list[int]]:
            w = asyncio.create_task(writes(base, editors))
            await asyncio.sleep(0.5)  # the writes are queued behind the lock by now
            lat = await reads(base, viewer, args.hold - 1.5)
            return lat, await w

        lat, statuses = asyncio.run(during())
        holder.join()
        show("lock held", lat)
        counts = {s: statuses.count(s) for s in sorted(set(statuses))}
        print(f"writes answered once the lock was let go: {counts}")
    finally:
        server.terminate()
        server.wait()
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
