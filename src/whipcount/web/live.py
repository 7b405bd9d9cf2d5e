"""Live updates: a write anywhere in this process reaches every open dashboard as a server-sent event.

:class:`Broadcaster` is fed by the store (``store.subscribe``), from whatever thread wrote; each
``/events/stream`` connection holds an asyncio queue on the server's loop. An event is one line of
JSON: ``{"scenario": "pk-na-2022", "revision": 7}``; the page then fetches the fresh fragment.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable

__all__ = ["Broadcaster", "sse_stream"]


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
    revision: int | None,
    is_disconnected: Callable[[], object],
    *,
    keepalive: float = 15.0,
    lifetime: float = 300.0,
) -> AsyncIterator[str]:
    """Server-sent events for one client: the current revision first, then every change.

    The stream ends after ``lifetime`` seconds; browsers reconnect by themselves (``retry``).
    """
    queue = broadcaster.subscribe()
    try:
        yield "retry: 2000\n\n"
        if scenario_id is not None and revision is not None:  # equivalent mutant "and -> or": given together
            yield _event(scenario_id, revision)
        loop = asyncio.get_running_loop()
        end = loop.time() + lifetime
        while not broadcaster.closed and loop.time() < end:  # equivalent mutant "< -> <=": a clock tick
            try:
                item = await asyncio.wait_for(queue.get(), timeout=keepalive)
            except TimeoutError:
                if await is_disconnected():  # type: ignore[misc]
                    return
                yield ": keepalive\n\n"
                continue
            if item is None:
                return
            sid, rev = item
            if scenario_id is None or sid == scenario_id:
                yield _event(sid, rev)
    finally:
        broadcaster.unsubscribe(queue)


def _event(scenario_id: str, revision: int) -> str:
    return f"event: revision\ndata: {json.dumps({'scenario': scenario_id, 'revision': revision})}\n\n"
