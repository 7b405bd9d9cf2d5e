"""Server-side sessions: the browser holds a random id (32 bytes, URL-safe); the database holds its
SHA-256 hash, the user, when it was created and last seen, and whether it was revoked.

Every request looks the session up with its user, so logging out, a password change, a role change or
removing the account takes effect on the next request. A session ends after ``idle`` without a request
or ``lifetime`` after sign-in, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, or_, select, update

from whipcount.errors import StorageError
from whipcount.storage import schema

__all__ = ["IDLE", "LIFETIME", "SessionRow", "Sessions", "hash_id"]

IDLE = dt.timedelta(hours=12)
LIFETIME = dt.timedelta(days=14)
TOUCH_EVERY = dt.timedelta(seconds=60)
"""Last seen is written at most this often a session, or a quarter of the idle time if that is shorter."""
TOUCH_WAIT = 0.05  # equivalent mutants "0.05 -> 0.04", "0.05 -> 0.06": how long, not whether, a touch waits
"""Seconds marking a session seen waits for another transaction's lock before it is left to a later request
(a write takes a few milliseconds; a lock held longer is a long write, or a transaction left open)."""

TOUCH_PAUSE = 1.0  # equivalent mutants "1.0 -> 0.9", "1.0 -> 1.1": how long, not whether, touches pause
"""Seconds no request tries to mark its session seen after one found the lock held (a second's reads pay no
:data:`TOUCH_WAIT`)."""

Conn = Callable[[], AbstractContextManager[Connection]]
WriteConn = Callable[..., AbstractContextManager[Connection]]
"""A write transaction, optionally with the seconds it waits for a lock (``StoreCore._write``)."""


def hash_id(session_id: str) -> str:
    """What is stored for a session id (a leaked table gives no usable cookie)."""
    return hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class SessionRow:
    """A live session: its user (as the users table says now) and its CSRF token."""

    user_id: int
    name: str
    role: str
    csrf: str
    created_at: dt.datetime
    last_seen_at: dt.datetime


class Sessions:
    """The ``sessions`` table (``read``/``write`` give a connection; a write is one transaction)."""

    def __init__(self, read: Conn, write: WriteConn, *, idle: dt.timedelta = IDLE, lifetime: dt.timedelta = LIFETIME,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        self._read, self._write = read, write
        self.idle, self.lifetime = idle, lifetime
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self._busy_until = 0.0  # time.monotonic() until which marking a session seen is not tried (TOUCH_PAUSE)

    def create(self, user_id: int, *, notice: str | None = None) -> tuple[str, str]:
        """A new session for the user: (the id for the cookie, its CSRF token), with ``notice`` for its next
        page (:meth:`take_notice`). Ended sessions are pruned."""
        session_id = secrets.token_urlsafe(32)  # equivalent mutants "32 -> 33", "32 -> 31": as unguessable
        csrf = secrets.token_urlsafe(32)  # equivalent mutants "32 -> 33", "32 -> 31": as unguessable
        now = self.clock()
        t = schema.sessions
        with self._write() as conn:
            conn.execute(delete(t).where(or_(t.c.revoked_at.is_not(None), t.c.last_seen_at < now - self.idle,
                                             t.c.created_at < now - self.lifetime)))
            conn.execute(insert(t).values(id_hash=hash_id(session_id), user_id=user_id, csrf=csrf,
                                          created_at=now, last_seen_at=now, notice=notice))
        return session_id, csrf

    def take_notice(self, session_id: str) -> str | None:
        """The session's notice, which it then no longer has (a page shows it once), or None. Kept on the
        server, it says what this session did: no link can make a page show it."""
        if not session_id or len(session_id) > 100:  # as lookup(): an id of ours is 43 characters
            return None
        t = schema.sessions
        key = hash_id(session_id)
        with self._read() as conn:
            notice = conn.execute(select(t.c.notice).where(t.c.id_hash == key)).scalar()
        if notice is None:  # the common case: nothing written
            return None
        with self._write() as conn:  # taken once, also by two requests at once
            taken = conn.execute(update(t).where(t.c.id_hash == key, t.c.notice == notice).values(notice=None))
        return str(notice) if taken.rowcount == 1 else None

    def lookup(self, session_id: str, *, touch: bool = True) -> SessionRow | None:
        """The live session with this id and its user, or None (unknown, revoked, idle too long, too old,
        or its user removed). Marks it seen (written at most every :meth:`touch_every`) unless ``touch`` is false: what
        a page does by itself (the live stream, its refreshes) must not keep an unattended session alive."""
        # an id of ours is 43 characters: a longer cookie is not hashed, a shorter one finds no row either
        too_long = len(session_id) > 100  # equivalent mutants "> -> >=", "100 -> 101", "100 -> 99": see above
        if not session_id or too_long:  # equivalent mutant "or -> and": no row is found either way
            return None
        t, u = schema.sessions, schema.users
        key = hash_id(session_id)
        with self._read() as conn:
            r = conn.execute(
                select(t.c.user_id, u.c.name, u.c.role, t.c.csrf, t.c.created_at, t.c.last_seen_at, t.c.revoked_at)
                .join(u, u.c.id == t.c.user_id).where(t.c.id_hash == key)
            ).first()
        if r is None or r.revoked_at is not None:
            return None
        now = self.clock()
        created, seen = _utc(r.created_at), _utc(r.last_seen_at)
        if now - seen > self.idle or now - created > self.lifetime:
            return None
        if touch and now - seen > self.touch_every() and self._touch(key, now):
            seen = now
        return SessionRow(r.user_id, r.name, r.role, r.csrf, created, seen)

    def _touch(self, key: str, now: dt.datetime) -> bool:
        """Mark the session seen, unless another transaction holds the lock for longer than
        :data:`TOUCH_WAIT`: the request it serves (a read, most often) goes on rather than wait for it, and a
        later request marks it (a session is marked a few times before it would end idle)."""
        t = schema.sessions
        if time.monotonic() < self._busy_until:  # the lock was held a moment ago: no request waits for it again
            return False
        try:
            with self._write(TOUCH_WAIT) as conn:
                conn.execute(update(t).where(t.c.id_hash == key).values(last_seen_at=now))
        except StorageError as exc:
            if not exc.busy:
                raise
            self._busy_until = time.monotonic() + TOUCH_PAUSE
            return False
        return True

    def touch_every(self) -> dt.timedelta:
        """How stale a session's last seen may grow before a request writes it again: a minute, or a quarter
        of the idle time where that is shorter. Written once a minute, a session idle after 36 seconds (the
        least ``serve --session-idle`` takes) ended while its person was still making requests."""
        # a quarter, a third or a fifth alike keep a session in use alive: requests far apart are what end it
        return min(TOUCH_EVERY, self.idle / 4)  # equivalent mutants "4 -> 5", "4 -> 3": above

    def revoke(self, session_id: str) -> None:
        """End one session (logout)."""
        t = schema.sessions
        with self._write() as conn:
            conn.execute(update(t).where(t.c.id_hash == hash_id(session_id), t.c.revoked_at.is_(None))
                         .values(revoked_at=self.clock()))

    def revoke_user(self, user_id: int) -> int:
        """End every session of a user; returns how many were live."""
        t = schema.sessions
        with self._write() as conn:
            res = conn.execute(update(t).where(t.c.user_id == user_id, t.c.revoked_at.is_(None))
                               .values(revoked_at=self.clock()))
        return int(res.rowcount)

    def live(self, user_id: int) -> int:
        """How many sessions of the user are not revoked (they may still have timed out)."""
        t = schema.sessions
        with self._read() as conn:
            return len(conn.execute(select(t.c.id_hash).where(t.c.user_id == user_id, t.c.revoked_at.is_(None))).all())
