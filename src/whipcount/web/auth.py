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
           "check_csrf", "csrf_token", "current_user", "log_in", "same_origin", "sign_in", "sign_out"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


class HTTPError(Exception):
    """An error with an HTTP status, turned into the error shape (JSON) or an error page (HTML)."""

    def __init__(self, status: int, message: str, errors: list[str] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or [message]
        self.headers = headers or {}


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
    if not isinstance(expected, str) or not sent or not secrets.compare_digest(
            expected.encode("utf-8", "replace"), sent.encode("utf-8", "replace")):  # bytes: any text compares
        raise HTTPError(403, "CSRF token missing or wrong: reload the page and try again")


def same_origin(request: Request) -> None:
    """Refuse a request a browser marks as sent from another site (login CSRF): ``Sec-Fetch-Site:
    cross-site``, or an ``Origin`` that is not this server's."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise HTTPError(403, "cross-site request refused")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = f"{request.url.scheme}://{request.url.netloc}"
        if origin.rstrip("/") != own:
            raise HTTPError(403, "cross-site request refused")


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
    """Failed logins, limited three ways: ``limit`` per ``window`` seconds for one (user, address) pair;
    ``per_address`` per window from one address whatever the names tried (fresh names are no way round);
    and ``per_account`` per hour for one account from anywhere (ASVS 2.2.1: at most 100 an hour).

    An attempt is *reserved* before the password is checked and kept as a failure unless it succeeds, so
    concurrent attempts cannot slip past the limit between the check and the record. Old entries expire.
    """

    def __init__(self, limit: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic, *,
                 per_address: int = 30, per_account: int = 100) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.per_address, self.per_account = per_address, per_account
        self._failures: dict[tuple[str, ...], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, ...], window: float) -> deque[float]:
        q = self._failures.setdefault(key, deque())
        cutoff = self.clock() - window
        while q and q[0] <= cutoff:
            q.popleft()
        return q

    def _keys(self, user: str, ip: str) -> list[tuple[tuple[str, ...], int, float, str]]:
        name = user.lower()
        return [(("pair", name, ip), self.limit, self.window, f"for {user!r} from this address"),
                (("address", ip), self.per_address, self.window, "from this address"),
                (("account", name), self.per_account, 3600.0, f"for {user!r}")]

    def reserve(self, user: str, ip: str) -> None:
        """Count this attempt now, or raise 429 (with the wait) if any of the three limits is used up."""
        with self._lock:
            keys = self._keys(user, ip)
            for key, limit, window, what in keys:
                q = self._recent(key, window)
                if len(q) >= limit:
                    wait = int(q[0] + window - self.clock()) + 1
                    raise HTTPError(429, f"too many failed logins {what}: try again in {wait} s")
            now = self.clock()
            for key, _, _, _ in keys:
                self._failures[key].append(now)
            self._forget_idle()

    def check(self, user: str, ip: str) -> None:
        """Raise 429 if an attempt now would pass a limit (without counting one)."""
        with self._lock:
            for key, limit, window, what in self._keys(user, ip):
                q = self._recent(key, window)
                if len(q) >= limit:
                    wait = int(q[0] + window - self.clock()) + 1
                    raise HTTPError(429, f"too many failed logins {what}: try again in {wait} s")

    def failed(self, user: str, ip: str) -> None:
        """Record a failed attempt that was not reserved."""
        with self._lock:
            now = self.clock()
            for key, _, window, _ in self._keys(user, ip):
                self._recent(key, window).append(now)
            self._forget_idle()

    def release(self, user: str, ip: str) -> None:
        """Give back a reserved attempt that was never checked (the server was too busy to check it)."""
        with self._lock:
            for key, _, _, _ in self._keys(user, ip):
                q = self._failures.get(key)
                if q:
                    q.pop()

    def succeeded(self, user: str, ip: str) -> None:
        """The password was right: forget this pair's failures and the reserved attempt."""
        with self._lock:
            self._failures.pop(("pair", user.lower(), ip), None)
            for key in (("address", ip), ("account", user.lower())):
                q = self._failures.get(key)
                if q:
                    q.pop()

    def _forget_idle(self) -> None:
        if len(self._failures) > 10_000:
            for k in [k for k, v in self._failures.items() if not v or v[-1] <= self.clock() - 3600.0]:
                del self._failures[k]

    def size(self) -> int:
        """How many keys are remembered (for tests: expired ones go)."""
        return len(self._failures)


def log_in(request: Request, name: str, password: str) -> Any:
    """Check a login the one way every form and API call does: the attempt reserved against the limits,
    the password verified in a small fixed pool (503 with Retry-After when the pool stays busy), a failure
    kept, a success forgotten. Returns the user or raises :class:`HTTPError`."""
    wc = _wc(request)
    ip = request.client.host if request.client else "?"
    wc.limiter.reserve(name, ip)
    if not wc.verify_slots.acquire(timeout=wc.verify_wait):
        wc.limiter.release(name, ip)
        raise HTTPError(503, "the server is busy checking passwords: try again in a few seconds",
                        headers={"Retry-After": "5"})
    try:
        user = wc.store.authenticate(name, password)
    finally:
        wc.verify_slots.release()
    if user is None:
        raise HTTPError(401, "wrong user name or password")
    wc.limiter.succeeded(name, ip)
    return user
