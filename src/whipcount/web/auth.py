"""Sessions, roles, CSRF tokens and the login rate limit.

The session is a signed cookie (Starlette's ``SessionMiddleware``, itsdangerous underneath) holding the
user's name, role and a per-session CSRF token. HTML forms carry the token in a hidden field; JSON
writes send it in the ``X-CSRF-Token`` header. Both are compared in constant time on every POST.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from starlette.requests import Request

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "HTTPError", "LoginLimiter", "SessionUser", "csrf_token",
           "current_user", "check_csrf"]

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


def current_user(request: Request) -> SessionUser | None:
    """The user signed in on this session, or None."""
    name, role = request.session.get("user"), request.session.get("role")
    if isinstance(name, str) and isinstance(role, str):
        return SessionUser(name, role)
    return None


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
