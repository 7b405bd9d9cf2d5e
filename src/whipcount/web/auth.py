"""Sessions, roles, CSRF tokens and the login rate limit.

The cookie (Starlette's ``SessionMiddleware``, signed with itsdangerous) holds only a random session id and
a per-session CSRF token; the session itself is kept server-side (:mod:`whipcount.storage.accounts`), and
the user and role are looked up on every request (once per request), so signing out, a role change, a new
password or a removed account takes effect on the next request, and a session ends after the idle timeout
or its lifetime whatever the cookie says. HTML forms carry the CSRF token in a hidden field; JSON writes
send it in the ``X-CSRF-Token`` header. Both are compared in constant time on every POST.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "HTTPError", "LoginLimiter", "SessionPolicy", "SessionUser",
           "check_csrf", "csrf_token", "current_user", "sign_in", "sign_out"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class HTTPError(Exception):
    """An error with an HTTP status, turned into the error shape (JSON) or an error page (HTML)."""

    def __init__(self, status: int, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or [message]


@dataclass(frozen=True, slots=True)
class SessionUser:
    """The signed-in user, as the session cookie tells it."""

    name: str
    role: str

    @property
    def can_edit(self) -> bool:
        """Editors and admins may write."""
        return self.role in ("editor", "admin")


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, sent: str | None) -> None:
    """Raise 403 unless ``sent`` is this session's CSRF token."""
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not sent or not secrets.compare_digest(expected, sent):
        raise HTTPError(403, "CSRF token missing or wrong: reload the page and try again")


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """How long a session lasts: ``idle`` without a request, ``lifetime`` in all."""

    idle: dt.timedelta = dt.timedelta(hours=12)
    lifetime: dt.timedelta = dt.timedelta(days=14)


def _wc(request: Request) -> Any:
    return request.app.state.wc


def current_user(request: Request) -> SessionUser | None:
    """The user signed in on this session, looked up in the database once per request, or None."""
    if hasattr(request.state, "whipcount_user"):
        cached: SessionUser | None = request.state.whipcount_user
        return cached
    user: SessionUser | None = None
    token = request.session.get("sid")
    if isinstance(token, str) and token:
        wc = _wc(request)
        found = wc.store.session_user(token, idle=wc.sessions.idle, lifetime=wc.sessions.lifetime)
        user = SessionUser(found.name, found.role) if found is not None else None
    request.state.whipcount_user = user
    return user


def sign_in(request: Request, name: str) -> None:
    """Start a server-side session for ``name`` (a fresh id and CSRF token: no session fixation)."""
    token = _wc(request).store.create_session(name)
    request.session.clear()
    request.session["sid"] = token
    if hasattr(request.state, "whipcount_user"):
        del request.state.whipcount_user  # looked up again from the new session


def sign_out(request: Request) -> None:
    """End this session in the database and forget the cookie's contents."""
    token = request.session.get("sid")
    if isinstance(token, str) and token:
        _wc(request).store.revoke_session(token)
    request.session.clear()
    request.state.whipcount_user = None


class LoginLimiter:
    """At most ``limit`` failed logins per ``window`` seconds for one (user, client address) pair."""

    def __init__(self, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        cutoff = self.clock() - self.window
        while q and q[0] <= cutoff:
            q.popleft()
        return q

    def check(self, user: str, ip: str) -> None:
        """Raise 429 if this pair has used up its attempts."""
        with self._lock:
            q = self._recent((user.lower(), ip))
            if len(q) >= self.limit:
                wait = int(q[0] + self.window - self.clock()) + 1
                raise HTTPError(429, f"too many failed logins for {user!r} from this address: try again in {wait} s")

    def failed(self, user: str, ip: str) -> None:
        """Record a failed attempt."""
        with self._lock:
            self._recent((user.lower(), ip)).append(self.clock())
            if len(self._failures) > 10_000:  # forget idle pairs
                for k in [k for k, v in self._failures.items() if not v]:
                    del self._failures[k]

    def succeeded(self, user: str, ip: str) -> None:
        """Forget this pair's failures."""
        with self._lock:
            self._failures.pop((user.lower(), ip), None)
