"""A session ends *after* its idle time without a request, or *after* its lifetime since sign-in (the
docs' words): at exactly either it is still alive, a microsecond later it is not; and pruning ended
sessions (done whenever a session is created) never removes one that is still alive."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import make_web_store
from whipcount.storage import Store

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
TICK = dt.timedelta(microseconds=1)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"alice": "editor"})
    yield s
    s.close()


def _clocked(store: Store, idle: dt.timedelta, lifetime: dt.timedelta) -> list[dt.datetime]:
    now = [T0]
    store.sessions.clock = lambda: now[0]
    store.sessions.idle, store.sessions.lifetime = idle, lifetime
    return now


def _user(store: Store) -> int:
    user = store.user("alice")
    assert user is not None
    return user.id


def test_idle_ends_a_session_just_after_the_idle_time(store: Store) -> None:
    now = _clocked(store, dt.timedelta(hours=12), dt.timedelta(days=14))
    session, _ = store.sessions.create(_user(store))
    now[0] = T0 + dt.timedelta(hours=12)
    store.sessions.create(_user(store))  # prunes the sessions that have ended: not this one
    assert store.sessions.lookup(session) is not None  # exactly 12 h: alive (and now seen again)
    now[0] += dt.timedelta(hours=12) + TICK
    assert store.sessions.lookup(session) is None


def test_the_lifetime_ends_a_session_just_after_it(store: Store) -> None:
    now = _clocked(store, dt.timedelta(days=30), dt.timedelta(days=1))
    session, _ = store.sessions.create(_user(store))
    now[0] = T0 + dt.timedelta(days=1)
    store.sessions.create(_user(store))
    assert store.sessions.lookup(session) is not None  # exactly a day after sign-in: alive
    now[0] += TICK
    assert store.sessions.lookup(session) is None


@pytest.mark.parametrize("idle_seconds", [36, 60, 119, 240])
def test_a_session_in_use_outlives_a_short_idle_time(store: Store, idle_seconds: int) -> None:
    """Requests every few seconds keep a session alive however short its idle time (serve takes 36 s): its
    last seen must be written often enough, not once a minute."""
    idle = dt.timedelta(seconds=idle_seconds)
    now = _clocked(store, idle, dt.timedelta(days=1))
    session, _ = store.sessions.create(_user(store))
    gap = dt.timedelta(seconds=5)
    for _ in range(4 * idle_seconds // 5):  # four idle times' worth of requests
        now[0] += gap
        assert store.sessions.lookup(session) is not None
    now[0] += idle + TICK  # then nothing for longer than the idle time
    assert store.sessions.lookup(session) is None


def test_last_seen_is_written_at_most_once_a_minute_for_a_long_idle_time(store: Store) -> None:
    now = _clocked(store, dt.timedelta(hours=12), dt.timedelta(days=14))
    session, _ = store.sessions.create(_user(store))
    now[0] = T0 + dt.timedelta(seconds=60)
    row = store.sessions.lookup(session)
    assert row is not None and row.last_seen_at == T0  # a minute: not yet written again
    now[0] += TICK
    row = store.sessions.lookup(session)
    assert row is not None and row.last_seen_at == now[0]  # past a minute: written
