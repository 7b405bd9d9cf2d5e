"""Live updates: a write anywhere in this process reaches every open dashboard as a server-sent event.

:class:`Broadcaster` is fed by the store (``store.subscribe``), from whatever thread wrote; each
``/events/stream`` connection holds an asyncio queue on the server's loop. An event is one line of
JSON: ``{"scenario": "pk-na-2022", "revision": 7}``; the page then fetches the fresh fragment. A stream of one
scenario (``?scenario=ID``) carries that scenario's changes; a stream with no scenario carries every scenario's,
each scenario's revision first: the one stream the dashboard windows of a browser share. A stream
re-checks its session while it runs and ends (``event: signed-out``) once the session is revoked.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

__all__ = ["RECHECK", "SIGNED_OUT", "Broadcaster", "sse_stream"]

RECHECK = 5.0
"""Seconds between two checks that an idle stream's session still holds."""
MESSAGE_RECHECK = 1.0
"""A change is sent only if the session was found to hold less than this many seconds before."""
SIGNED_OUT = "event: signed-out\ndata: {}\n\n"
"""The stream's last message once its session is signed out, its password changed or its account removed."""
_TICK = object()


class Broadcaster:
    """Thread-safe fan-out of (scenario, revision) to asyncio subscribers."""

    def __init__(self) -> None:
        self._subs: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue[tuple[str, int] | None]]] = set()
        self._lock = threading.Lock()
        self.closed = False

    def publish(self, scenario_id: str, revision: int) -> None:
        """Send to every subscriber (callable from any thread)."""
        with self._lock:
            subs = list(self._subs)
        for loop, queue in subs:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, (scenario_id, revision))
            except RuntimeError:  # that loop is closed
                with self._lock:
                    self._subs.discard((loop, queue))

    def subscribe(self) -> asyncio.Queue[tuple[str, int] | None]:
        """A new queue on the running loop."""
        queue: asyncio.Queue[tuple[str, int] | None] = asyncio.Queue(maxsize=1000)
        with self._lock:
            self._subs.add((asyncio.get_running_loop(), queue))
        return queue

    def unsubscribe(self, queue: asyncio.Queue[tuple[str, int] | None]) -> None:
        """Forget a queue."""
        with self._lock:
            self._subs = {s for s in self._subs if s[1] is not queue}

    def close(self) -> None:
        """End every stream (on shutdown)."""
        self.closed = True
        with self._lock:
            subs = list(self._subs)
        for loop, queue in subs:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, None)
            except RuntimeError:
                pass

    @property
    def listeners(self) -> int:
        """Open streams."""
        with self._lock:
            return len(self._subs)


async def sse_stream(
    broadcaster: Broadcaster,
    scenario_id: str | None,
    first: Mapping[str, int],
    is_disconnected: Callable[[], object],
    *,
    keepalive: float = 15.0,
    lifetime: float = 300.0,
    allowed: Callable[[], Awaitable[bool]] | None = None,
    recheck: float = RECHECK,
) -> AsyncIterator[str]:
    """Server-sent events for one client: the revisions now (``first``, scenario by scenario), then every
    change of scenario ``scenario_id`` (None: of every scenario).

    ``allowed`` says whether the client may still read (its session not signed out, its password not
    changed, its account not removed): asked at most every ``recheck`` seconds while the stream is idle
    and again before a change is sent if it was last asked more than a second before. Once it says no, the
    stream sends ``event: signed-out`` and ends. The stream also ends after ``lifetime`` seconds; browsers
    reconnect by themselves (``retry``).
    """
    queue = broadcaster.subscribe()
    try:
        yield "retry: 2000\n\n"
        for sid, rev in first.items():
            yield _event(sid, rev)
        loop = asyncio.get_running_loop()
        end = loop.time() + lifetime
        session = _SessionCheck(allowed, recheck, loop)
        wait = min(keepalive, recheck) if allowed is not None else keepalive
        while not broadcaster.closed and loop.time() < end:  # equivalent mutant "< -> <=": a clock tick
            item = await _next(queue, wait)
            if not await session.holds(idle=item is _TICK):
                yield SIGNED_OUT
                return
            if item is _TICK:
                if await is_disconnected():  # type: ignore[misc]
                    return
                yield ": keepalive\n\n"
                continue
            if not isinstance(item, tuple):  # None: the server shuts down
                return
            sid, rev = item
            if scenario_id is None or sid == scenario_id:
                yield _event(sid, rev)
    finally:
        broadcaster.unsubscribe(queue)


async def _next(queue: asyncio.Queue[tuple[str, int] | None], wait: float) -> tuple[str, int] | None | object:
    """The next change, None when the server shuts down, or ``_TICK`` after ``wait`` seconds without either."""
    try:
        return await asyncio.wait_for(queue.get(), timeout=wait)
    except TimeoutError:
        return _TICK


class _SessionCheck:
    """Whether a stream's client may still read: ``allowed`` (None: always) asked again once ``recheck``
    seconds have passed since it last answered on an idle stream, or :data:`MESSAGE_RECHECK` seconds before
    a change is sent."""

    def __init__(self, allowed: Callable[[], Awaitable[bool]] | None, recheck: float,
                 loop: asyncio.AbstractEventLoop) -> None:
        self._allowed = allowed
        self._recheck = recheck
        self._loop = loop
        self._checked = loop.time()

    async def holds(self, *, idle: bool) -> bool:
        since = self._loop.time() - self._checked
        if self._allowed is not None and since >= (self._recheck if idle else MESSAGE_RECHECK):
            if not await self._allowed():
                return False
            self._checked = self._loop.time()
        return True


def _event(scenario_id: str, revision: int) -> str:
    return f"event: revision\ndata: {json.dumps({'scenario': scenario_id, 'revision': revision})}\n\n"
