"""Sessions, roles and CSRF tokens (the login limits: :mod:`whipcount.web.login`).

A session lives in the database (:mod:`whipcount.storage.sessions`); the ``whipcount_session`` cookie
holds only its random id. Each request looks the session and its user up once (cached on the request),
so a logout, a password or role change or a removed account counts from the next request. The cookie
is set at sign-in and cleared at sign-out, never re-issued in between.

Every POST carries a CSRF token: a signed-in session's own (in the forms' hidden field, or the
``X-CSRF-Token`` header for JSON), or, before sign-in, the token of the ``whipcount_csrf`` cookie (signed
with the server's secret, so no one can plant one), set only by a GET. A POST whose ``Origin`` (or
``Sec-Fetch-Site``) says it comes from another site is refused before anything else.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from whipcount.io.limits import quoted
from whipcount.storage.accounts import EDITING_ROLES, User

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "PRE_COOKIE", "SESSION_COOKIE", "HTTPError",
           "SessionUser", "check_csrf", "check_origin", "csrf_token", "current_user", "end_session",
           "said_same_site", "sign_out", "start_session"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SESSION_COOKIE = "whipcount_session"
PRE_COOKIE = "whipcount_csrf"
DEVICE_COOKIE = "whipcount_device"
DEVICE_LIFETIME = 365 * 24 * 3600  # seconds: a browser a user has signed in from stays known for a year


class HTTPError(Exception):
    """An error with an HTTP status, turned into the error shape (JSON) or an error page (HTML)."""

    def __init__(self, status: int, message: str, errors: list[str] | None = None,
                 headers: dict[str, str] | None = None, *, next_path: str | None = None) -> None:
        super().__init__(message)
        self.next_path = next_path  # 401 on a page: where sign-in leads back to (default: the request's URL)
        self.status = status
        self.message = message
        self.errors = errors or [message]
        self.headers = headers


@dataclass(frozen=True, slots=True)
class SessionUser:
    """The signed-in user, as the database says on this request."""

    name: str
    role: str
    csrf: str = ""
    session_id: str = ""

    @property
    def can_edit(self) -> bool:
        """Editors and admins may write."""
        return self.role in EDITING_ROLES

    @property
    def is_admin(self) -> bool:
        """Admins also read the whole audit trail's page, account changes included."""
        return self.role == "admin"


def _wc(request: Request) -> Any:
    return request.app.state.wc


def background(request: Request) -> None:
    """Mark a request the page makes by itself (the live stream, its refreshes): it is read under the
    session but does not count as the person's activity, so an unattended dashboard still times out."""
    request.scope.setdefault("state", {})["wc_background"] = True


def current_user(request: Request) -> SessionUser | None:
    """The user of this request's session, or None; looked up once per request."""
    state = request.scope.setdefault("state", {})
    if "wc_user" in state:
        return state["wc_user"]
    user = None
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        row = _wc(request).store.sessions.lookup(sid, touch=not state.get("wc_background"))
        if row is not None:
            user = SessionUser(row.name, row.role, row.csrf, sid)
    state["wc_user"] = user
    return user


def _sign(secret: str, value: str) -> str:
    digest = hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()
    return digest[:32]  # equivalent mutants "32 -> 33", "32 -> 31": a length this server both makes and checks


def _pre_token(request: Request) -> str | None:
    """The signed pre-sign-in token of the ``whipcount_csrf`` cookie, if it is one of ours."""
    cookie = request.cookies.get(PRE_COOKIE, "")
    value, _, sig = cookie.partition(".")
    if value and sig and _equal(sig, _sign(_wc(request).secret, value)):
        return cookie
    return None


def csrf_token(request: Request) -> str:
    """The token forms must send back: the session's, or before sign-in the ``whipcount_csrf`` cookie's
    (a new one is made and set on the response if this is a GET)."""
    user = current_user(request)
    if user is not None:
        return user.csrf
    token = _pre_token(request)
    if token is None:
        state = request.scope.setdefault("state", {})
        token = state.get("wc_new_csrf")
        if token is None:
            value = secrets.token_urlsafe(24)
            token = state["wc_new_csrf"] = f"{value}.{_sign(_wc(request).secret, value)}"
    return token


def _equal(a: str, b: str) -> bool:
    """Constant-time comparison of any two strings (non-ASCII text included)."""
    return secrets.compare_digest(a.encode("utf-8", "surrogatepass"), b.encode("utf-8", "surrogatepass"))


def check_origin(request: Request) -> None:
    """Raise 403 if the browser says this request comes from another site."""
    if request.headers.get("sec-fetch-site", "") == "cross-site":
        raise HTTPError(403, "cross-site request refused")
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    if origin is not None and (origin == "null" or _netloc(origin) != host):
        raise HTTPError(403, f"cross-site request refused: Origin {quoted(origin)} does not match this server's "
                             f"Host {quoted(host)} (behind a reverse proxy, pass the browser's Host on: nginx "
                             "proxy_set_header Host $host;)")


def said_same_site(request: Request) -> bool:
    """Whether the browser says this request comes from this site (``Sec-Fetch-Site: same-origin``, or an
    ``Origin`` that :func:`check_origin` let through): more than the absence of word from another site, for what
    is only done for a request from one of this site's own pages (a form drawn again with what was sent)."""
    if request.headers.get("sec-fetch-site") == "same-origin":
        return True
    origin = request.headers.get("origin")
    return origin is not None and origin != "null" and _netloc(origin) == request.headers.get("host", "")


def _netloc(origin: str) -> str | None:
    """The host and port an ``Origin`` header names, or None when it is no URL (``http://[``): refused as
    any other origin would be, not a server error."""
    try:
        return urlsplit(origin).netloc
    except ValueError:
        return None


def check_csrf(request: Request, sent: str | None, *, before_login: bool = False) -> None:
    """Raise 403 unless the request is same-site and ``sent`` is this session's CSRF token (or, with
    ``before_login``, the signed token of the ``whipcount_csrf`` cookie)."""
    check_origin(request)
    user = current_user(request)
    expected = [user.csrf] if user is not None else []
    if before_login:
        pre = _pre_token(request)
        expected += [pre] if pre else []
    if not sent or not any(_equal(e, sent) for e in expected):
        raise HTTPError(403, "CSRF token missing or wrong: reload the page and try again")


def start_session(request: Request, response: Response, account: User, notice: str | None = None) -> str:
    """Sign in ``account``: end the request's old session, create one (with ``notice`` for its next page) and
    set its cookie, and give the browser a device cookie for the account (see :func:`known_device`); returns the
    session's CSRF token."""
    wc = _wc(request)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        wc.store.sessions.revoke(old)
    sid, csrf = wc.store.sessions.create(account.id, notice=notice)
    response.set_cookie(SESSION_COOKIE, sid, max_age=int(wc.store.sessions.lifetime.total_seconds()), path="/",
                        httponly=True, samesite="lax", secure=wc.secure_cookies)
    nonce = secrets.token_urlsafe(16)
    response.set_cookie(DEVICE_COOKIE, f"{nonce}.{_sign(wc.secret, _device_text(account, nonce))}",
                        max_age=DEVICE_LIFETIME, path="/", httponly=True, samesite="lax", secure=wc.secure_cookies)
    return str(csrf)


def _device_text(account: User, nonce: str) -> str:
    # the name as the account has it: names are case-sensitive ('Alice' and 'alice' may be two accounts), so a
    # cookie from one's sign-ins must not vouch for the other; and the account's id and creation time, so that
    # it vouches for nobody once the account is removed, even for a new account of the same name (SQLite may
    # give it the same id again)
    made = account.created_at.isoformat() if account.created_at else ""
    return f"device\0{account.id}\0{made}\0{account.name}\0{nonce}"


def known_device(request: Request, name: str) -> str | None:
    """The id of this browser's device cookie when it is one this server gave at a sign-in of the account
    now called ``name`` (OWASP's device cookies): failed sign-ins from it count against it, not against the
    account, so someone guessing at an account from elsewhere cannot lock its owner out. None otherwise
    (looks the account up: call it from a worker thread)."""
    nonce, _, sig = request.cookies.get(DEVICE_COOKIE, "").partition(".")
    if not (nonce and sig) or len(nonce) > 64:
        return None
    user = _wc(request).store.user(name)
    if user is not None and _equal(sig, _sign(_wc(request).secret, _device_text(user, nonce))):
        return nonce
    return None


def end_session(request: Request, response: Response) -> None:
    """Sign out: revoke the session and clear its cookie."""
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        _wc(request).store.sessions.revoke(sid)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_wc(request).secure_cookies)


def sign_out(request: Request, response: Response, sent: str | None) -> None:
    """Sign out from this site (:func:`check_origin`): a live session only with its own CSRF token (no other
    page signs anyone out), then its cookie is cleared; a session already ended (timed out, a new password,
    the account removed) has nothing left to protect, and only its cookie is cleared."""
    check_origin(request)
    if current_user(request) is not None:
        check_csrf(request, sent)
    end_session(request, response)
