"""Writes at once: at most :data:`WRITE_SLOTS` requests that may write run at a time, the others wait their
turn on the event loop, holding no thread.

A write waiting for another transaction's lock (a long ``db load``, a session left open in ``psql`` or
``sqlite3``) holds the server's worker thread while it waits, up to
:data:`~whipcount.storage.engine.BUSY_WAIT` seconds. Unbounded, a few dozen such writes held every thread
of the pool (40), and every read that needs one (a signed-in read, a page) waited with them; bounded, the
pool keeps threads for the reads, which never wait on the lock (SQLite's WAL, PostgreSQL's MVCC)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator

from fastapi import Request

from whipcount.storage.engine import BUSY_WAIT
from whipcount.web.auth import HTTPError

__all__ = ["WRITE_SLOTS", "write_slot"]

WRITE_SLOTS = 8  # equivalent mutants "8 -> 7", "8 -> 9": how many threads writes may hold, not what they write
"""Requests that may write, run at once (of the 40 threads of the server's pool)."""
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
UNGATED = frozenset({"/login", "/api/login"})
"""Sign-in writes only when it succeeds, once: a failed one, answered a second late, would hold a slot."""
BUSY = ("the database refused the write; nothing was written: the database is busy with another write (try again "
        "in a moment)")

_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _gate() -> asyncio.Semaphore:
    """The slots of the running event loop (a test client may run the app on several, one after another)."""
    loop = asyncio.get_running_loop()
    gate = _slots.get(loop)
    if gate is None:
        gate = _slots[loop] = asyncio.Semaphore(WRITE_SLOTS)
    return gate


async def write_slot(request: Request) -> AsyncIterator[None]:
    """The app's dependency: a request that may write (any method but GET, HEAD and OPTIONS; sign-in aside)
    waits for a slot, up to :data:`~whipcount.storage.engine.BUSY_WAIT` seconds, then is a 503 with
    ``Retry-After``, nothing written; a read passes at once."""
    if request.method in SAFE or request.url.path in UNGATED:
        yield
        return
    gate = _gate()
    try:
        await asyncio.wait_for(gate.acquire(), BUSY_WAIT)
    except TimeoutError:
        raise HTTPError(503, BUSY, headers={"Retry-After": "5"}) from None
    try:
        yield
    finally:
        gate.release()
