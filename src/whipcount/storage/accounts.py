"""Accounts and sessions, behind the store.

An account has a name, a role (viewer, editor, admin) and an argon2 hash of its password. A session is
kept server-side: the browser holds a random id (in the signed cookie), the database only its SHA-256 and
the user, when it began and when it was last seen. Every request looks the user and the role up again, so
removing an account, changing its role or its password, or signing out takes effect on the next request;
a session also ends after ``idle`` without a request and ``lifetime`` after it began.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select, update

from whipcount.errors import ConflictError, InputError, NotFound
from whipcount.storage import schema

if TYPE_CHECKING:
    from sqlalchemy import Engine

__all__ = ["ROLES", "AccountsMixin", "User", "check_password"]

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
_COMMON = frozenset({"password", "passw0rd", "password1", "12345678", "123456789", "1234567890", "qwertyui",
                     "qwerty123", "11111111", "00000000", "abcdefgh", "iloveyou", "letmein1", "whipcount",
                     "administrator", "87654321", "abc12345", "welcome1"})
_SEEN_EVERY = dt.timedelta(seconds=60)  # a session's last_seen is written at most once a minute


@dataclass(frozen=True, slots=True)
class User:
    """An account: name and role (viewer, editor or admin)."""

    id: int
    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        """Editors and admins may change the whip count and the log."""
        return self.role in ("editor", "admin")


def check_password(password: str) -> None:
    """Refuse a password that is short, blank or among the most common ones (the same rule everywhere)."""
    if len(password) < 8:
        raise InputError("password: expected at least 8 characters")
    if not password.strip():
        raise InputError("password: expected more than spaces")
    if password.lower() in _COMMON or len(set(password)) < 3:
        raise InputError("password: too easy to guess (a common password or a repeated character)")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"role: expected one of {', '.join(ROLES)}, got {role!r}")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class AccountsMixin:
    """Accounts, sessions and the signing secret of a :class:`whipcount.storage.store.Store`."""

    engine: Engine
    _lock: threading.Lock

    if TYPE_CHECKING:
        def _read(self) -> AbstractContextManager[Connection]: ...
        def _write(self) -> AbstractContextManager[Connection]: ...
        def _audit(self, conn: Connection, *, user: str | None, scenario_id: str | None, action: str,
                   target: str, before: object = None, after: object = None, reason: str | None = None
                   ) -> None: ...

    # -- accounts ------------------------------------------------------------------------------------
    def add_user(self, name: str, role: str, password: str, *, by: str | None = None) -> User:
        """Create an account; the password is stored only as an argon2 hash."""
        from whipcount.storage.passwords import hash_password

        if not _NAME.match(name or ""):
            raise InputError(f"user name: expected letters, digits, '.', '_', '@' or '-', got {name!r}")
        _check_role(role)
        check_password(password)
        hashed = hash_password(password)
        with self._write() as conn:
            if conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).first():
                raise ConflictError(f"user {name!r} already exists")
            uid = conn.execute(insert(schema.users).values(
                name=name, role=role, password_hash=hashed, created_at=_now())).inserted_primary_key
            self._audit(conn, user=by, scenario_id=None, action="user.add", target=f"user:{name}",
                        after={"role": role})
        assert uid is not None
        return User(int(uid[0]), name, role)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password matches, else None (the same work is done for unknown names)."""
        from whipcount.storage.passwords import verify_password

        t = schema.users
        with self._read() as conn:
            r = conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.password_hash).where(t.c.name == name)).first()
        if r is None:
            verify_password(None, password)
            return None
        return User(r.id, r.name, r.role) if verify_password(r.password_hash, password) else None

    def user_count(self) -> int:
        """How many accounts exist (the first run has none)."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.users)).scalar_one())

    def user(self, name: str) -> User | None:
        """The account with this name, or None."""
        t = schema.users
        with self._read() as conn:
            r = conn.execute(select(t.c.id, t.c.name, t.c.role).where(t.c.name == name)).first()
        return User(r.id, r.name, r.role) if r else None

    def users(self) -> list[tuple[User, dt.datetime]]:
        """Every account with the time it was created, by name."""
        t = schema.users
        with self._read() as conn:
            rows = conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.created_at).order_by(t.c.name)).all()
        return [(User(r.id, r.name, r.role), _aware(r.created_at)) for r in rows]

    def _existing(self, conn: Connection, name: str) -> User:
        t = schema.users
        r = conn.execute(select(t.c.id, t.c.name, t.c.role).where(t.c.name == name)).first()
        if r is None:
            raise NotFound(f"no user {name!r}")
        return User(r.id, r.name, r.role)

    def remove_user(self, name: str, *, by: str | None = None) -> None:
        """Delete the account and end its sessions."""
        with self._write() as conn:
            old = self._existing(conn, name)
            conn.execute(delete(schema.users).where(schema.users.c.name == name))
            self._end_sessions(conn, name)
            self._audit(conn, user=by, scenario_id=None, action="user.remove", target=f"user:{name}",
                        before={"role": old.role})

    def set_role(self, name: str, role: str, *, by: str | None = None) -> User:
        """Change the account's role (it applies from the next request of any session)."""
        _check_role(role)
        with self._write() as conn:
            old = self._existing(conn, name)
            conn.execute(update(schema.users).where(schema.users.c.name == name).values(role=role))
            self._audit(conn, user=by, scenario_id=None, action="user.role", target=f"user:{name}",
                        before={"role": old.role}, after={"role": role})
        return User(old.id, name, role)

    def set_password(self, name: str, password: str, *, by: str | None = None) -> None:
        """Change the password and end every session of the account."""
        from whipcount.storage.passwords import hash_password

        check_password(password)
        hashed = hash_password(password)
        with self._write() as conn:
            self._existing(conn, name)
            conn.execute(update(schema.users).where(schema.users.c.name == name).values(password_hash=hashed))
            self._end_sessions(conn, name)
            self._audit(conn, user=by, scenario_id=None, action="user.password", target=f"user:{name}")

    # -- sessions --------------------------------------------------------------------------------------
    def create_session(self, name: str) -> str:
        """A new session for ``name``: the random id for the cookie (the database keeps only its hash)."""
        token = secrets.token_urlsafe(32)
        now = _now()
        with self._write() as conn:
            conn.execute(insert(schema.sessions).values(id_hash=_hash(token), user_name=name, created_at=now,
                                                        last_seen=now, revoked_at=None))
        return token

    def session_user(self, token: str, *, idle: dt.timedelta, lifetime: dt.timedelta) -> User | None:
        """The account of a live session (not revoked, not idle too long, not too old), looked up now."""
        s, u = schema.sessions, schema.users
        now = _now()
        with self._read() as conn:
            r = conn.execute(
                select(s.c.created_at, s.c.last_seen, s.c.revoked_at, u.c.id, u.c.name, u.c.role)
                .join(u, u.c.name == s.c.user_name).where(s.c.id_hash == _hash(token))
            ).first()
        if r is None or r.revoked_at is not None:
            return None
        if now - _aware(r.created_at) > lifetime or now - _aware(r.last_seen) > idle:
            return None
        if now - _aware(r.last_seen) > _SEEN_EVERY:
            with self._write() as conn:
                conn.execute(update(s).where(s.c.id_hash == _hash(token)).values(last_seen=now))
        return User(r.id, r.name, r.role)

    def revoke_session(self, token: str) -> None:
        """End one session (sign out)."""
        with self._write() as conn:
            conn.execute(update(schema.sessions).where(schema.sessions.c.id_hash == _hash(token))
                         .values(revoked_at=_now()))

    def _end_sessions(self, conn: Connection, name: str) -> None:
        s = schema.sessions
        conn.execute(update(s).where(s.c.user_name == name, s.c.revoked_at.is_(None)).values(revoked_at=_now()))

    def live_sessions(self, name: str) -> int:
        """How many sessions of ``name`` are not revoked (expired ones included)."""
        s = schema.sessions
        with self._read() as conn:
            q = select(func.count()).select_from(s).where(s.c.user_name == name, s.c.revoked_at.is_(None))
            return int(conn.execute(q).scalar_one())

    # -- the signing secret ----------------------------------------------------------------------------
    def secret(self) -> str:
        """The cookie-signing secret stored in the database, created on first use."""
        t = schema.settings
        with self._lock:
            with self._read() as conn:
                value = conn.execute(select(t.c.value).where(t.c.key == "secret")).scalar()
            if value is None:
                value = secrets.token_urlsafe(48)
                try:
                    with self._write() as conn:
                        conn.execute(insert(t).values(key="secret", value=value))
                except ConflictError:  # another process created it first
                    with self._read() as conn:
                        value = conn.execute(select(t.c.value).where(t.c.key == "secret")).scalar_one()
        return str(value)
