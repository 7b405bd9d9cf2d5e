"""Accounts: names, roles and argon2 password hashes, with the rules a password must meet.

Used through :class:`whipcount.storage.Store` (``store.accounts``). Removing a user, changing a role or
a password takes effect on the next request: sessions look the user up every time, and a password
change or a removal revokes the user's sessions in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update

from whipcount.errors import ConflictError, InputError, NotFound
from whipcount.io.limits import quoted, shorten
from whipcount.model.ids import nearest
from whipcount.storage import schema

__all__ = ["COMMON_PASSWORDS", "EDITING_ROLES", "ROLES", "Accounts", "User", "check_password"]

ROLES: tuple[str, ...] = ("viewer", "editor", "admin")
EDITING_ROLES: frozenset[str] = frozenset({"editor", "admin"})
"""The roles that may change the whip count and the log (viewers only read)."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]*")
MIN_PASSWORD = 8
MAX_PASSWORD = 1000
# the most used passwords of at least 8 characters in public breach lists (lower-cased)
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password12", "password123", "passw0rd", "p@ssw0rd", "12345678", "123456789",
    "1234567890", "87654321", "11111111", "00000000", "12341234", "qwertyui", "qwertyuiop", "qwerty123",
    "1q2w3e4r", "1qaz2wsx", "abcd1234", "abc12345", "iloveyou", "sunshine", "princess", "football",
    "baseball", "welcome1", "welcome123", "superman", "trustno1", "letmein1", "dragon123", "monkey123",
    "changeme", "admin123", "administrator", "whipcount", "asdfghjk", "zxcvbnm1", "aa123456", "q1w2e3r4",
})

Read = Callable[[], AbstractContextManager[Connection]]
Audit = Callable[..., None]


@dataclass(frozen=True, slots=True)
class User:
    """An account: name and role (viewer, editor or admin)."""

    id: int
    name: str
    role: str
    created_at: dt.datetime | None = None


def check_password(password: str, field: str = "password") -> None:
    """Raise InputError unless ``password`` is acceptable: 8 to 1000 characters of text, no control
    characters, not only whitespace, not one character repeated, not a commonly used password. Never
    stripped; hashed in Unicode's NFKC form (:mod:`whipcount.storage.passwords`). ``field`` opens each
    message (the web form's ``new password``); no message holds the password."""
    if not isinstance(password, str):
        raise InputError(f"{field}: expected text, got {type(password).__name__}")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"{field}: expected at most {MAX_PASSWORD:,} characters, got {len(password):,}")
    bad = _not_text_at(password)
    if bad is not None:  # a lone surrogate: a byte of standard input that was not UTF-8, or JSON's "\udcff"
        raise InputError(f"{field}: expected UTF-8 text, got a character that is not (U+{ord(password[bad]):04X} at "
                         f"character {bad + 1}: a byte that is not UTF-8?)")
    control = _control_at(password)
    if control is not None:  # a pasted tab or carriage return, an escape sequence: not typed at a sign-in form
        code = ord(password[control])
        raise InputError(f"{field}: expected no control characters, got U+{code:04X}"
                         f"{_CONTROL_NAMES.get(code, '')} at character {control + 1}")
    from whipcount.storage.passwords import kept_form  # hashed next, by the caller: loaded all the same

    normal = kept_form(password)  # as hashed: full-width "ｐａｓｓｗｏｒｄ" is "password"
    if len(normal) < MIN_PASSWORD:
        how = " once accents are combined (Unicode NFKC, the form it is kept in)" if normal != password else ""
        raise InputError(f"{field}: expected at least {MIN_PASSWORD} characters{how}, got {len(normal)}")
    password = normal
    if not password.strip():
        raise InputError(f"{field}: expected something other than whitespace")
    if len(set(password)) == 1:
        raise InputError(f"{field}: too easy to guess (one character repeated); choose another")
    if password.strip().lower() in COMMON_PASSWORDS:
        raise InputError(f"{field}: too easy to guess (a commonly used password); choose another")
    if "\ufeff" in password:  # a byte-order mark an editor put at the start of a file: no one types it
        raise InputError(f"{field}: expected no byte-order mark (U+FEFF, invisible: an editor's mark at the start "
                         "of a file?)")


def _not_text_at(text: str) -> int | None:
    """Where ``text`` holds a lone surrogate (no character a database or a hash can take), or None."""
    return next((i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff"), None)


_CONTROL_NAMES = {0: " (a NUL)", 9: " (a tab)", 10: " (a line feed)", 13: " (a carriage return)",
                  27: " (an escape)", 127: " (a delete)"}


def _control_at(text: str) -> int | None:
    """Where ``text`` holds a control character (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F),
    or None."""
    return next((i for i, c in enumerate(text) if unicodedata.category(c) == "Cc"), None)


def _valid_name(name: str) -> bool:
    """Whether ``name`` is a user name an account can have (so worth looking up)."""
    return isinstance(name, str) and len(name) <= schema.NAME_MAX and _NAME.fullmatch(name) is not None


def _check_name(name: str) -> None:
    if not _valid_name(name):
        other = next((c for c in name if not c.isascii()), None) if isinstance(name, str) else None
        # 'Zoë' had been refused as not "letters": ë is one, but not one a name may hold (nor a look-alike)
        why = f" ({other!r} is not ASCII)" if other is not None else ""
        raise InputError(f"user name: expected up to {schema.NAME_MAX} ASCII letters (A-Z, a-z), digits, '.', '_', "
                         f"'@' or '-' (a letter or digit first), got {shorten(repr(name), 120)}{why}")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InputError(f"role: expected one of {', '.join(ROLES)}, got {quoted(role)}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Accounts:
    """The ``users`` table: ``read``/``write`` give a connection (a write: one transaction), ``audit``
    records an audit row inside a write."""

    def __init__(self, read: Read, write: Read, audit: Audit) -> None:
        self._read, self._write, self._audit = read, write, audit

    def add(self, name: str, role: str, password: str, *, by: str | None = None, reason: str | None = None) -> User:
        """Create an account; the password is stored only as an argon2 hash."""
        from whipcount.storage.passwords import hash_password

        _check_name(name)
        _check_role(role)
        check_password(password)
        hashed = hash_password(password)
        with self._write() as conn:
            same = conn.execute(select(schema.users.c.name)
                                .where(func.lower(schema.users.c.name) == name.lower())).scalar()
            if same == name:
                raise ConflictError(f"user {name!r} already exists")
            if same is not None:  # 'Bob' beside 'bob': one would sign in as the other by a slip of the shift key
                raise ConflictError(f"user {name!r}: {same!r} already exists, and names may not differ only in "
                                    "case; choose another name")
            uid = conn.execute(insert(schema.users).values(
                name=name, role=role, password_hash=hashed, created_at=_now())).inserted_primary_key
            self._audit(conn, user=by, scenario_id=None, action="user.add", target=f"user:{name}",
                        after={"role": role}, reason=reason)
        assert uid is not None
        return User(int(uid[0]), name, role)

    def hash_of(self, name: str) -> tuple[User, str] | None:
        """The account and its stored hash (to verify a password against), or None."""
        t = schema.users
        if not _valid_name(name):  # no such account (and a lone surrogate no database takes)
            return None
        with self._read() as conn:
            r = conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.created_at, t.c.password_hash)
                             .where(t.c.name == name)).first()
        return (User(r.id, r.name, r.role, r.created_at), str(r.password_hash)) if r else None

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password matches, else None (the same work is done for unknown names)."""
        from whipcount.storage.passwords import verify_password

        found = self.hash_of(name)
        if found is None:
            verify_password(None, password)
            return None
        return found[0] if verify_password(found[1], password) else None

    def count(self) -> int:
        """How many accounts exist (the first run has none)."""
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(schema.users)).scalar_one())

    def get(self, name: str) -> User | None:
        """The account with this name, or None."""
        t = schema.users
        if not _valid_name(name):
            return None
        with self._read() as conn:
            r = conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.created_at).where(t.c.name == name)).first()
        return User(r.id, r.name, r.role, r.created_at) if r else None

    def all(self) -> list[User]:
        """Every account, by name."""
        t = schema.users
        with self._read() as conn:
            rows = conn.execute(select(t.c.id, t.c.name, t.c.role, t.c.created_at).order_by(t.c.name)).all()
        return [User(r.id, r.name, r.role, r.created_at) for r in rows]

    def _existing(self, conn: Connection, name: str) -> Any:
        t = schema.users
        row = conn.execute(select(t.c.id, t.c.role).where(t.c.name == name)).first() if _valid_name(name) else None
        if row is None:
            names = list(conn.execute(select(t.c.name)).scalars())
            near = nearest(name, names, schema.NAME_MAX)
            hint = f" (did you mean {near!r}?)" if near else "" if names else " (it has no accounts)"
            raise NotFound(f"no user {shorten(repr(name), 120)} in the database{hint}")
        return row

    def remove(self, name: str, *, by: str | None = None, reason: str | None = None) -> None:
        """Delete the account and every session of it (signed-in browsers are out on their next request)."""
        with self._write() as conn:
            row = self._existing(conn, name)
            conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == row.id))
            conn.execute(delete(schema.users).where(schema.users.c.id == row.id))
            self._audit(conn, user=by, scenario_id=None, action="user.remove", target=f"user:{name}",
                        before={"role": row.role}, reason=reason)

    def set_role(self, name: str, role: str, *, by: str | None = None, reason: str | None = None) -> bool:
        """Change the account's role (open sessions get the new role on their next request); False, with nothing
        written (no audit row of a change that is none), when the account has that role already."""
        _check_role(role)
        with self._write() as conn:
            row = self._existing(conn, name)
            if row.role == role:
                return False
            conn.execute(update(schema.users).where(schema.users.c.id == row.id).values(role=role))
            self._audit(conn, user=by, scenario_id=None, action="user.role", target=f"user:{name}",
                        before={"role": row.role}, after={"role": role}, reason=reason)
        return True

    def set_password(self, name: str, password: str, *, by: str | None = None, reason: str | None = None) -> None:
        """Store a new password hash and revoke every session of the account."""
        from whipcount.storage.passwords import hash_password

        check_password(password)
        hashed = hash_password(password)
        with self._write() as conn:
            row = self._existing(conn, name)
            conn.execute(update(schema.users).where(schema.users.c.id == row.id).values(password_hash=hashed))
            s = schema.sessions
            conn.execute(update(s).where(s.c.user_id == row.id, s.c.revoked_at.is_(None)).values(revoked_at=_now()))
            self._audit(conn, user=by, scenario_id=None, action="user.password", target=f"user:{name}", reason=reason)

