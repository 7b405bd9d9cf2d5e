"""The web app: ``create_app(db_url)`` gives a FastAPI application.

Pages (server-rendered, autoescaped Jinja2) and a JSON API under ``/api`` share one store, one
cache of computed dashboards and one broadcaster of live updates. Every error, in the API, has the
shape ``{"ok": false, "error": "...", "errors": [...], "status": 400}``; pages show the message.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from whipcount.errors import (
    ConflictError,
    InputError,
    ModelError,
    NotFound,
    RulesError,
    StorageError,
    WhipcountError,
)
from whipcount.model import STANCES
from whipcount.storage import Store
from whipcount.web.auth import HTTPError, LoginLimiter, csrf_token, current_user
from whipcount.web.board import STANCE_COLOURS, STANCE_LABELS, compute_board
from whipcount.web.live import Broadcaster

__all__ = ["DEFAULT_SCENARIO", "WebState", "create_app"]

HERE = Path(__file__).parent
DEFAULT_SCENARIO = "pk-na-2022"


@dataclass
class _Cached:
    revision: int
    data: dict[str, Any]
    body: bytes
    svg: Any  # draws the seat chart when a page first needs it
    svg_text: str | None = None
    fragment: str | None = None


@dataclass
class WebState:
    """Everything the routes share: the store, the dashboard cache, live updates, login limits."""

    store: Store
    public_read: bool
    broadcaster: Broadcaster
    limiter: LoginLimiter
    templates: Environment
    revision_ttl: float = 1.0
    _revisions: dict[str, tuple[int, float]] = field(default_factory=dict)
    _flights: dict[tuple[str, str], threading.Lock] = field(default_factory=dict)
    _cache: dict[tuple[str, str], _Cached] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def on_write(self, scenario_id: str, revision: int) -> None:
        """Store listener, run in the writer's thread after the commit and before the write is answered.

        The new board is computed first, while readers keep getting the previous one from memory (no
        reader waits on a write), then the new revision is published and every open dashboard told.
        """
        try:
            cached = self.board(scenario_id, at_least=revision)
            if self.broadcaster.listeners:
                self.fragment_of(cached)  # every open dashboard is about to ask for it
        except WhipcountError:
            pass  # the next reader computes it and reports the problem
        with self._lock:
            known = self._revisions.get(scenario_id)
            if known is None or known[0] <= revision:
                self._revisions[scenario_id] = (revision, time.monotonic())
        self.broadcaster.publish(scenario_id, revision)

    def revision(self, scenario_id: str, *, fresh: bool = False) -> int:
        """The scenario's revision: known from this process's writes, re-read from the database at most
        every ``revision_ttl`` seconds (so writes by another process show up too)."""
        now = time.monotonic()
        with self._lock:
            known = self._revisions.get(scenario_id)
        if not fresh and known is not None and now - known[1] < self.revision_ttl:
            return known[0]
        rev = self.store.revision(scenario_id)
        with self._lock:
            old = self._revisions.get(scenario_id)
            if old is None or old[0] <= rev or now - old[1] >= self.revision_ttl:
                self._revisions[scenario_id] = (rev, now)
        return rev

    def board(self, scenario_id: str, on: dt.date | None = None, *, at_least: int | None = None) -> _Cached:
        """The dashboard, computed once per scenario revision (and date) and then served from memory.

        One thread computes a missing board while the others asking for it wait for that result
        (single flight), so a burst of readers after a write costs one computation, not one each.
        """
        key = (scenario_id, on.isoformat() if on else "")
        rev = at_least if at_least is not None else self.revision(scenario_id)
        hit = self._cache.get(key)
        if hit is not None and hit.revision >= rev:
            return hit
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            if at_least is None:
                rev = self.revision(scenario_id)
            hit = self._cache.get(key)
            if hit is not None and hit.revision >= rev:
                return hit
            scenario = self.store.scenario(scenario_id, history=False)
            rev = self.revision(scenario_id, fresh=True)  # read after the data: never label new data old
            data, draw = compute_board(scenario, list(scenario.stances), self.store.stances(scenario_id),
                                       self.store.history(scenario_id, limit=10), revision=rev, on=on)
            body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            cached = _Cached(rev, data, body, draw)
            with self._lock:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = cached
            return cached

    def fragment(self, scenario_id: str, request: Request) -> tuple[_Cached, str]:
        """The live part of the dashboard (tally, seats, last changes) as HTML, cached like the board."""
        cached = self.board(scenario_id)
        return cached, self.fragment_of(cached)

    def fragment_of(self, cached: _Cached) -> str:
        """The live fragment of a cached board, rendered once."""
        if cached.fragment is None:
            if cached.svg_text is None:
                cached.svg_text = cached.svg()
            cached.fragment = self.render_fragment(cached)
        return cached.fragment

    def render_fragment(self, cached: _Cached) -> str:
        """Render ``_live.html`` for a board."""
        return self.templates.get_template("_live.html").render(
            board=cached.data, svg=cached.svg_text if cached.svg_text is not None else cached.svg(),
            labels=STANCE_LABELS, colours=STANCE_COLOURS, stances=STANCES,
        )


def _status_for(exc: WhipcountError) -> int:
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, StorageError):
        return 503
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, InputError | ModelError | RulesError):
        return 400
    return 400


def wants_json(request: Request) -> bool:
    """API paths answer JSON; pages answer HTML unless the client asks for JSON only."""
    path = request.url.path
    if path.startswith(("/api/", "/events/")) or path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, errors: list[str] | None = None,
                   extra: dict[str, Any] | None = None) -> Response:
    """The error shape for the API, an error page (or the login page, for 401) for HTML."""
    if wants_json(request):
        body: dict[str, Any] = {"ok": False, "error": message, "errors": errors or [message], "status": status}
        body.update(extra or {})
        return JSONResponse(body, status_code=status)
    if status == 401:
        nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(nxt)}", status_code=303)
    wc: WebState = request.app.state.wc
    html = wc.templates.get_template("error.html").render(
        status=status, message=message, errors=errors or [], **page_context(request)
    )
    return HTMLResponse(html, status_code=status)


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/")


def page_context(request: Request) -> dict[str, Any]:
    """What every page template needs: the user, the CSRF token, the scenarios."""
    wc: WebState = request.app.state.wc
    user = current_user(request)
    try:
        scenarios = wc.store.scenarios()
    except StorageError:
        scenarios = []
    return {"user": user, "csrf": csrf_token(request), "scenarios": scenarios, "public_read": wc.public_read}


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["stance_labels"] = STANCE_LABELS
    env.globals["stance_colours"] = STANCE_COLOURS
    env.globals["stances"] = STANCES
    return env


_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(
    db_url: str = "sqlite:///whipcount.db",
    *,
    public_read: bool = False,
    secret: str | None = None,
    seed_scenario: str | None = DEFAULT_SCENARIO,
    https_only: bool = False,
    login_limit: int = 5,
    login_window: float = 60.0,
    store: Store | None = None,
) -> FastAPI:
    """The whipcount web app on the database at ``db_url`` (migrated on open).

    ``public_read`` lets anyone read the dashboard; writing always needs an editor's session.
    ``secret`` signs session cookies (default: ``WHIPCOUNT_SECRET``, else one stored in the database).
    ``seed_scenario`` is loaded when the database holds no scenario, so a first run shows something.
    """
    st = store or Store(db_url)
    if seed_scenario and not st.scenarios():
        from whipcount.io.scenario import load_scenario

        st.save_scenario(load_scenario(seed_scenario), user=None, reason="first run: bundled scenario")
    key = secret or os.environ.get("WHIPCOUNT_SECRET") or st.secret()
    wc = WebState(st, public_read, Broadcaster(), LoginLimiter(login_limit, login_window), _templates())
    st.subscribe(wc.on_write)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        wc.broadcaster.close()

    app = FastAPI(
        title="whipcount",
        summary="Whip counts, magic numbers and P(pass) for confidence votes, live.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.wc = wc
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie="whipcount_session",
                       max_age=14 * 24 * 3600, same_site="lax", https_only=https_only)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for k, v in _SECURITY_HEADERS.items():
            if request.url.path.startswith("/api/docs") and k == "Content-Security-Policy":
                continue  # the Swagger page loads its own scripts
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"not found: {request.url.path}"
        if exc.status_code == 405:
            detail = f"method {request.method} not allowed on {request.url.path}"
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = []
        for e in exc.errors():
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "request"
            msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
            if "input" in e and e.get("type") != "missing" and not isinstance(e["input"], dict | list):
                msg += f", got {e['input']!r}"
            errors.append(f"{loc}: {msg}")
        return error_response(request, 422, errors[0] if errors else "invalid request", errors)

    @app.exception_handler(HTTPError)
    async def our_http_error(request: Request, exc: HTTPError) -> Response:
        return error_response(request, exc.status, exc.message, exc.errors)

    @app.exception_handler(WhipcountError)
    async def library_error(request: Request, exc: WhipcountError) -> Response:
        extra = None
        current = getattr(exc, "current", None)
        if isinstance(exc, ConflictError) and current is not None:
            extra = {"current": current.as_dict()}
        return error_response(request, _status_for(exc), str(exc), extra=extra)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:  # pragma: no cover - a bug
        return error_response(request, 500, f"internal error ({type(exc).__name__}); nothing was written")

    from whipcount.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app
