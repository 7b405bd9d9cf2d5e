"""The web app: ``create_app(db_url)`` gives a FastAPI application.

Pages (server-rendered, autoescaped Jinja2) and a JSON API under ``/api`` share one store, one
cache of computed dashboards and one broadcaster of live updates. Every error, in the API, has the
shape ``{"ok": false, "error": "...", "errors": [...], "status": 400}``; pages show the message.
"""

from __future__ import annotations

import datetime as dt
import gc
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
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from whipcount.errors import (
    ConflictError,
    InputError,
    ModelError,
    NotFound,
    RulesError,
    StorageError,
    WhipcountError,
)
from whipcount.model import STANCES, format_probability
from whipcount.model.events import kind_label
from whipcount.storage import Snapshot, Store
from whipcount.storage.sessions import IDLE, LIFETIME
from whipcount.web.auth import HTTPError, csrf_token, current_user
from whipcount.web.board import STANCE_COLOURS, STANCE_LABELS, build_board, forecast_fields
from whipcount.web.headers import SECURITY_HEADERS, SecurityHeaders, Static
from whipcount.web.limits import DEFAULT_MAX_BODY, BodyLimit
from whipcount.web.live import Broadcaster
from whipcount.web.login import LoginLimiter, VerifyPool, default_pool

__all__ = ["DEFAULT_SCENARIO", "WebState", "create_app"]

HERE = Path(__file__).parent
DEFAULT_SCENARIO = "pk-na-2022"


@dataclass
class _Cached:
    """One computed dashboard: its revision, data and JSON body (served as is), the seat chart drawer,
    and the whip count behind it while its P(pass) is still being computed."""

    revision: int
    data: dict[str, Any]
    body: bytes
    svg: Any  # draws the seat chart when a page first needs it
    count: Any = None
    svg_text: str | None = None
    fragment: str | None = None

    @property
    def pending(self) -> bool:
        """True while P(pass) is being computed (the body carries the previous revision's, flagged)."""
        return bool(self.data.get("p_pass_pending"))

    @property
    def etag(self) -> str:
        """Changes with the revision and again when its P(pass) lands."""
        return f'"{self.data["scenario"]}-{self.revision}{"-p" if self.pending else ""}"'


def _body(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class WebState:
    """Everything the routes share: the store, the dashboard cache, live updates, login limits.

    The live dashboard of a scenario is computed from the store's in-memory snapshot of the whip count
    (the chamber replayed once per log, each write applied to it) and kept as a ready JSON body:

    * a write made by this process rebuilds the count in the writer's thread before the write is
      answered (so the next read shows it) and leaves P(pass), the costly part, to one worker thread,
      which computes it once for the newest revision; until then the body carries the previous
      P(pass), marked ``p_pass_pending`` with the ``p_pass_revision`` it belongs to;
    * a read is served from memory on the server's event loop: it never waits on a write, a database
      read or a computation, except the very first read of a scenario (or of a past date);
    * writes by another process are noticed within ``revision_ttl`` seconds, by the worker.
    """

    store: Store
    public_read: bool
    broadcaster: Broadcaster
    limiter: LoginLimiter
    templates: Environment
    secret: str = ""
    secure_cookies: bool = False
    verify_pool: VerifyPool = field(default_factory=VerifyPool)
    proxies: frozenset[str] | None = None  # addresses whose X-Forwarded-For is trusted (None: no one's)
    fail_delay: float = 0.0  # seconds a failed sign-in waits (no thread, no CPU) before it is answered
    revision_ttl: float = 1.0
    _revisions: dict[str, tuple[int, float]] = field(default_factory=dict)
    _flights: dict[tuple[str, str], threading.Lock] = field(default_factory=dict)
    _cache: dict[tuple[str, str], _Cached] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _jobs: dict[tuple[str, str], str] = field(default_factory=dict)  # key -> "forecast" or "refresh"
    _wake: threading.Condition = field(default_factory=threading.Condition)
    _worker: threading.Thread | None = None
    _idle: threading.Event = field(default_factory=threading.Event)
    _failed: set[str] = field(default_factory=set)  # scenarios whose board a write could not rebuild

    # -- writes -----------------------------------------------------------------------------------
    def on_write(self, scenario_id: str, revision: int) -> None:
        """Store listener, run in the writer's thread after the commit and before the write is answered:
        the new count goes into the cache (readers keep the previous one until then, never waiting),
        P(pass) is queued for the worker, and every open dashboard is told."""
        try:
            snap = self.store.cached_snapshot(scenario_id)
            if snap is None or snap.revision < revision:
                snap = self.store.snapshot(scenario_id)
            self._build(scenario_id, None, snap, forecast=False)
        except WhipcountError:
            self._failed.add(scenario_id)  # the next reader computes it and reports the problem
        self._known(scenario_id, revision)
        self.broadcaster.publish(scenario_id, revision)

    def watch_revisions(self, stop: threading.Event, poll: float = 1.0) -> None:
        """While dashboards are open, read every scenario's revision once every ``poll`` seconds (one small
        query) and treat a revision this process has not seen (a write by another server process, or by
        ``whipcount db load``) as a write here: the board is rebuilt and every open dashboard told."""
        while not stop.wait(poll):
            if self.broadcaster.listeners == 0:
                continue
            try:
                revisions = self.store.revisions()
            except WhipcountError:
                continue
            for scenario_id, revision in revisions.items():
                with self._lock:
                    known = self._revisions.get(scenario_id)
                if known is not None and revision > known[0]:
                    self.on_write(scenario_id, revision)

    def _known(self, scenario_id: str, revision: int) -> None:
        with self._lock:
            known = self._revisions.get(scenario_id)
            if known is None or known[0] <= revision:
                self._revisions[scenario_id] = (revision, time.monotonic())

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

    # -- reads ------------------------------------------------------------------------------------
    def ready(self, scenario_id: str, on: dt.date | None = None) -> _Cached | None:
        """The board to serve at once, from memory, or None when one must be computed first (no board
        yet; a past date's board older than the scenario). Never touches the database; when the live
        board may be behind another process's writes, the worker is asked to look."""
        hit = self._cache.get((scenario_id, on.isoformat() if on else ""))
        if hit is None or scenario_id in self._failed:
            return None
        known = self._revisions.get(scenario_id)
        if on is not None:
            return hit if known is not None and hit.revision >= known[0] else None
        if known is None or time.monotonic() - known[1] >= self.revision_ttl:
            self._schedule((scenario_id, ""), "refresh")
        return hit

    def board(self, scenario_id: str, on: dt.date | None = None) -> _Cached:
        """The dashboard (live, or on a past date ``on``), computed once per scenario revision and date
        and then served from memory. A missing board is computed by one thread while the others asking
        for it wait for that result (single flight)."""
        hit = self.ready(scenario_id, on)
        if hit is not None:
            return hit
        if on is not None:
            self.revision(scenario_id)
        snap = self.store.snapshot(scenario_id)
        self._known(scenario_id, snap.revision)
        cached = self._build(scenario_id, on, snap, forecast=True)
        self._failed.discard(scenario_id)
        return cached

    def _build(self, scenario_id: str, on: dt.date | None, snap: Snapshot, *, forecast: bool) -> _Cached:
        """Compute the board of ``snap`` (P(pass) now, or by the worker) and cache it unless a newer one
        is there already; returns the newest cached board."""
        key = (scenario_id, on.isoformat() if on else "")
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            hit = self._cache.get(key)
            if hit is not None and hit.revision >= snap.revision:
                return hit
            history = self.store.history(scenario_id, limit=10)
            day = on or snap.live_date()
            board = build_board(snap.scenario, snap.stances, snap.rows, history, revision=snap.revision, on=day,
                                state=snap.state(day), forecast=forecast)
            data = board.data
            if not forecast and hit is not None and hit.data.get("p_pass_revision") is not None:
                data.update(p_pass=hit.data["p_pass"], p_pass_revision=hit.data["p_pass_revision"],
                            p_pass_note=hit.data["p_pass_note"])  # the last one known, flagged pending
            cached = _Cached(snap.revision, data, _body(data), board.draw, board.count if not forecast else None)
            with self._lock:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = cached
        if not forecast:
            self._schedule(key, "forecast")
        return cached

    # -- the worker: P(pass) and other processes' writes, off the request path -----------------------
    def _schedule(self, key: tuple[str, str], job: str) -> None:
        with self._wake:
            if self._jobs.get(key) != "forecast":
                self._jobs[key] = job
            self._idle.clear()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="whipcount-board", daemon=True)
                self._worker.start()
            self._wake.notify()

    def _work(self) -> None:
        while True:
            with self._wake:
                if not self._jobs:
                    self._idle.set()
                    if not self._wake.wait(timeout=30.0) and not self._jobs:
                        self._worker = None
                        return
                    continue
                key, job = next(iter(self._jobs.items()))
                del self._jobs[key]
            try:
                if job == "forecast":
                    self._forecast(key)
                else:
                    self._refresh(key[0])
            except Exception:  # noqa: BLE001 - the worker must outlive a bad board; readers report it
                pass

    def _forecast(self, key: tuple[str, str]) -> None:
        """P(pass) for the newest cached board of ``key`` (older revisions are skipped, not computed)."""
        cached = self._cache.get(key)
        if cached is None or not cached.pending or cached.count is None:
            return
        data = dict(cached.data, **forecast_fields(cached.count, cached.revision))
        done = _Cached(cached.revision, data, _body(data), cached.svg, None, cached.svg_text)
        with self._lock:
            if self._cache.get(key) is not cached:
                return  # a newer write replaced it and queued its own forecast
            self._cache[key] = done
        if self.broadcaster.listeners:
            self.broadcaster.publish(key[0], cached.revision)  # open dashboards fetch the new P(pass)

    def _refresh(self, scenario_id: str) -> None:
        """Look for writes by another process; rebuild the live board if there were any."""
        rev = self.revision(scenario_id, fresh=True)
        hit = self._cache.get((scenario_id, ""))
        if hit is not None and hit.revision >= rev:
            return
        snap = self.store.snapshot(scenario_id)
        self._build(scenario_id, None, snap, forecast=True)
        self.broadcaster.publish(scenario_id, snap.revision)

    def settle(self, timeout: float = 10.0) -> bool:
        """Wait until the worker has nothing left to do (for tests and benchmarks); True if it did."""
        with self._wake:
            if not self._jobs and (self._worker is None or self._idle.is_set()):
                return True
        return self._idle.wait(timeout)

    # -- pages ------------------------------------------------------------------------------------
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


SECRET_FIELDS = frozenset({"password", "csrf_token"})  # never echoed in an error


def _cut(text: str, limit: int = 80) -> str:
    """``text``, cut to ``limit`` characters (an error never carries a whole submitted value back)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


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
                   extra: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Response:
    """The error shape for the API, an error page (or the login page, for 401) for HTML. Messages are
    cut to 1000 characters (one quoting a submitted value never carries the whole of it back)."""
    message, errors = _cut(message, 1000), [_cut(e, 1000) for e in errors or []]
    if wants_json(request):
        body: dict[str, Any] = {"ok": False, "error": message, "errors": errors or [message], "status": status}
        body.update(extra or {})
        return JSONResponse(body, status_code=status, headers=headers)
    if status == 401:
        nxt = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(nxt)}", status_code=303)
    wc: WebState = request.app.state.wc
    html = wc.templates.get_template("error.html").render(
        status=status, message=message, errors=errors or [], **page_context(request)
    )
    return HTMLResponse(html, status_code=status, headers=headers)


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


def http_url(url: str | None) -> str:
    """``url`` for an ``href`` if it is http(s), else ``#``: a scenario file can carry any text as a source
    (``javascript:...`` included), and a link must never run it."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(enabled_extensions=("html", "svg", "xml"), default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["probability"] = format_probability
    env.filters["kind_label"] = kind_label
    env.globals["stance_labels"] = STANCE_LABELS
    env.globals["stance_colours"] = STANCE_COLOURS
    env.globals["stances"] = STANCES
    return env


def _mount_api_docs(app: FastAPI) -> None:
    """``/api/docs``: Swagger UI from the assets the ``fastapi-offline`` package ships (no CDN, so the
    docs work with no network; a Swagger UI recent enough for OpenAPI 3.1)."""
    import fastapi_offline
    from fastapi.openapi.docs import get_swagger_ui_html

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount("/api/docs/static", Static(directory=str(assets)), name="swagger-ui")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="whipcount API",
            swagger_js_url="/api/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/api/docs/static/swagger-ui.css",
            swagger_favicon_url="/api/docs/static/favicon.png",
        )


def create_app(
    db_url: str = "sqlite:///whipcount.db",
    *,
    public_read: bool = False,
    secret: str | None = None,
    seed_scenario: str | None = DEFAULT_SCENARIO,
    secure_cookies: bool | None = None,
    behind_proxy: bool = False,
    proxies: tuple[str, ...] = ("127.0.0.1",),
    login_limit: int = 5,
    login_window: float = 60.0,
    verify_pool: int | None = None,
    verify_wait: float = 2.0,
    fail_delay: float = 1.0,
    session_idle: dt.timedelta = IDLE,
    session_lifetime: dt.timedelta = LIFETIME,
    max_body: int = DEFAULT_MAX_BODY,
    store: Store | None = None,
) -> FastAPI:
    """The whipcount web app on the database at ``db_url`` (migrated on open).

    ``public_read`` lets anyone read the dashboard; writing always needs an editor's session.
    ``secret`` signs the pre-sign-in CSRF cookie (default: ``WHIPCOUNT_SECRET``, else one stored in the
    database). ``secure_cookies`` marks cookies ``Secure`` (HTTPS only; default: on ``behind_proxy``).
    ``behind_proxy`` trusts ``X-Forwarded-For`` from the ``proxies`` addresses (for the login limits).
    ``verify_pool`` password verifications run at once (default: 2, or 1 on a machine with fewer than 4
    cores: each argon2 verification keeps several cores busy); a sign-in waiting over ``verify_wait`` s
    gets 503. A failed sign-in is answered ``fail_delay`` seconds late. A session ends after
    ``session_idle`` without a request, or ``session_lifetime`` after sign-in. A request body over
    ``max_body`` bytes is refused with 413 before it is read.
    ``seed_scenario`` is loaded when the database holds no scenario, so a first run shows something.
    """
    st = store or Store(db_url)
    if seed_scenario and not st.scenarios():
        from whipcount.io.scenario import load_scenario

        try:
            st.save_scenario(load_scenario(seed_scenario), user=None, reason="first run: bundled scenario")
        except ConflictError:
            pass  # another server started on this fresh database at the same moment and loaded it first
    key = secret or os.environ.get("WHIPCOUNT_SECRET") or st.secret()
    st.sessions.idle, st.sessions.lifetime = session_idle, session_lifetime
    secure_cookies = behind_proxy if secure_cookies is None else secure_cookies
    wc = WebState(st, public_read, Broadcaster(), LoginLimiter(login_limit, login_window), _templates(),
                  secret=key, secure_cookies=secure_cookies,
                  verify_pool=VerifyPool(verify_pool or default_pool(), verify_wait),
                  proxies=frozenset(proxies) if behind_proxy else None, fail_delay=fail_delay)
    st.subscribe(wc.on_write)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Everything loaded so far (modules, the app, the store) lives as long as the server: moved out
        # of the garbage collector's full scans, which otherwise pause every request for 20-40 ms.
        gc.collect()
        gc.freeze()
        stop = threading.Event()
        threading.Thread(target=wc.watch_revisions, args=(stop,), name="whipcount-watch", daemon=True).start()
        yield
        stop.set()
        wc.broadcaster.close()

    app = FastAPI(
        title="whipcount",
        summary="Whip counts, magic numbers and P(pass) for confidence votes, live.",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # served below from the bundled Swagger UI, so the docs work with no network
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.wc = wc
    _mount_api_docs(app)
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders, secure_cookies=secure_cookies)

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
            if e.get("type") == "json_invalid":  # loc is ("body", offset): say what is wrong with the body
                ctx = e.get("ctx") or {}
                errors.append(f"request body: expected JSON, got invalid JSON at character {e['loc'][-1]}"
                              + (f" ({ctx['error']})" if ctx.get("error") else ""))
                continue
            path = [str(x) for x in e.get("loc", ()) if x != "body"]
            loc = ".".join(path) or "request"
            msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
            if "input" in e and e.get("type") != "missing" and not isinstance(e["input"], dict | list):
                msg += "" if SECRET_FIELDS & set(path) else f", got {_cut(repr(e['input']))}"
            errors.append(f"{loc}: {msg}")
        return error_response(request, 422, errors[0] if errors else "invalid request", errors)

    @app.exception_handler(HTTPError)
    async def our_http_error(request: Request, exc: HTTPError) -> Response:
        return error_response(request, exc.status, exc.message, exc.errors, headers=exc.headers)

    @app.exception_handler(WhipcountError)
    async def library_error(request: Request, exc: WhipcountError) -> Response:
        extra = None
        current = getattr(exc, "current", None)
        if isinstance(exc, ConflictError) and current is not None:
            extra = {"current": current.as_dict()}
        return error_response(request, _status_for(exc), str(exc), extra=extra)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # answered outside the middleware that adds the security headers, so they are added here
        return error_response(request, 500, f"internal error ({type(exc).__name__}); nothing was written",
                              headers=dict(SECURITY_HEADERS))

    from whipcount.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", Static(directory=str(HERE / "static")), name="static")
    return app
