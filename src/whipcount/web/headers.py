"""What every response carries: the security headers (on errors too) and, on a GET whose page made one,
the pre-sign-in CSRF cookie; and the static files, where an odd path is simply not found."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from whipcount.web.auth import PRE_COOKIE

__all__ = ["ASSETS", "HSTS", "NO_STORE", "SECURITY_HEADERS", "SecurityHeaders", "Static", "answer_headers",
           "new_nonce", "over_https", "styled_policy", "with_nonce"]

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
    "fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), "
    "picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
    "xr-spatial-tracking=()",
}
"""Sent with every answer. The Permissions-Policy lets no page of the app, nor anything it might frame, use a
device, a payment or a screen feature: the app needs none."""
HSTS = (b"strict-transport-security", b"max-age=31536000")
"""Sent with every answer to a request that came over HTTPS (:func:`over_https`): a browser that has seen it goes to
the server over HTTPS only, for a year. Not for other hosts of the domain (no ``includeSubDomains``), nor preloaded:
a self-hosted dashboard does not speak for its domain."""


def styled_policy(nonce: str) -> str:
    """The pages' Content Security Policy for a page whose charts carry their CSS in ``<style>`` elements: those
    marked with ``nonce`` apply, and no other inline style (nor any style attribute) does."""
    policy = SECURITY_HEADERS["Content-Security-Policy"]
    return policy.replace("style-src 'self'", f"style-src 'self' 'nonce-{nonce}'", 1)


def with_nonce(html: str, nonce: str) -> tuple[str, dict[str, str]]:
    """A page's ``<style>`` elements (a chart's, drawn by the server; a user's text never makes one, being
    escaped) marked with ``nonce`` (:func:`new_nonce`, given to the page's template as ``csp_nonce`` too, for
    the dashboard's script to mark the charts it swaps in), and the headers that let them apply."""
    return html.replace("<style>", f'<style nonce="{nonce}">'), {"Content-Security-Policy": styled_policy(nonce)}


def new_nonce() -> str:
    """A fresh nonce for one page (144 random bits)."""
    return secrets.token_urlsafe(18)


NO_STORE = (b"cache-control", b"private, no-store")
"""What a response carries unless it says otherwise: a page holds a CSRF token, a notice or what only a signed-in
user may read, so neither the browser (whose back button would show it after sign-out) nor a shared cache keeps
it. The dashboard, which revalidates by its ETag, says ``private, no-cache`` itself; the bundled assets
(:data:`ASSETS`) carry neither."""
ASSETS = ("/static/", "/api/docs/static/")
"""Where the bundled assets are served (the app's own, and Swagger UI's for the API docs): files of the package,
the same for every user and holding no user data, which the browser may keep as any site's scripts and styles."""


def over_https(scope: Any, proxies: frozenset[str] | None) -> bool:
    """Whether a request came over HTTPS: the server's own connection was (TLS in the ASGI server), or, behind a
    reverse proxy (``proxies``: its addresses, when the app runs with ``behind_proxy``), the proxy the request
    comes from says so (``X-Forwarded-Proto: https``, its last value: the one the nearest proxy set)."""
    if scope.get("scheme") == "https":
        return True
    client = scope.get("client")
    if not proxies or not client or client[0] not in proxies:
        return False
    said = b",".join(v for k, v in scope.get("headers", []) if k.lower() == b"x-forwarded-proto")
    return said.split(b",")[-1].strip().lower() == b"https"


_SECURITY = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]


def answer_headers(scope: Any, status: int, proxies: frozenset[str] | None) -> list[tuple[bytes, bytes]]:
    """What an answer of ``status`` to the request of ``scope`` carries, whatever answered it (a route, an error
    handler, a middleware's refusal, the handler of a server error): :data:`SECURITY_HEADERS`; :data:`NO_STORE`,
    unless it is a bundled asset (:data:`ASSETS`; an error there is an error page, which may hold a CSRF token); and,
    to a request that came over HTTPS (:func:`over_https`), :data:`HSTS`. A header the answer sets itself (a
    page's policy with its nonce, the dashboard's cache-control) is kept."""
    extra = _SECURITY
    if status >= 400 or not scope["path"].startswith(ASSETS):  # the bundled assets may be cached
        extra = [*extra, NO_STORE]
    if over_https(scope, proxies):
        extra = [*extra, HSTS]
    return extra


class SecurityHeaders:
    """Adds :func:`answer_headers` to every response (plain ASGI: no extra task or copy per request, which a
    decorator middleware would cost on the hot dashboard path), and to a GET the pre-sign-in CSRF cookie when the
    page made one (never to a POST, so no cross-site POST replaces a cookie)."""

    def __init__(self, app: Any, secure_cookies: bool = False, proxies: frozenset[str] | None = None) -> None:
        self.app, self.proxies = app, proxies
        self.cookie_attrs = "; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax" + ("; Secure" if secure_cookies else "")

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = answer_headers(scope, message["status"], self.proxies)
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in extra if h[0] not in have]
                new = scope.get("state", {}).get("wc_new_csrf")
                if new and scope["method"] in ("GET", "HEAD"):
                    message["headers"].append((b"set-cookie", f"{PRE_COOKIE}={new}{self.cookie_attrs}".encode()))
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Static(StaticFiles):
    """The bundled assets; a path with a NUL or other control character is simply not found."""

    def get_path(self, scope: Any) -> str:
        path = super().get_path(scope)
        if any(ord(c) < 32 for c in path):
            raise StarletteHTTPException(404)
        return path
