"""The web app: ``create_app(db_url)`` gives a FastAPI application.

Pages (server-rendered, autoescaped Jinja2) and a JSON API under ``/api`` share one store, one
cache of computed dashboards and one broadcaster of live updates. Every error, in the API, has the
shape ``{"ok": false, "error": "...", "errors": [...], "status": 400}``; pages show the message.

This module puts the app together; the parts live beside it: the shared state and dashboard cache in
:mod:`~whipcount.web.state`, the templates in :mod:`~whipcount.web.rendering`, the error answers in
:mod:`~whipcount.web.errors`, what is served in :mod:`~whipcount.web.routes`, and the middleware in
:mod:`~whipcount.web.headers`, :mod:`~whipcount.web.limits` and :mod:`~whipcount.web.query`.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from fastapi import Depends, FastAPI

from whipcount.errors import ConflictError
from whipcount.storage import Store
from whipcount.storage.sessions import IDLE, LIFETIME
from whipcount.tally.blas import one_blas_thread
from whipcount.web.errors import add_error_handlers, answer_now
from whipcount.web.headers import SecurityHeaders
from whipcount.web.limits import DEFAULT_MAX_BODY, BodyLimit
from whipcount.web.live import Broadcaster
from whipcount.web.login import LoginLimiter, VerifyPool, default_pool
from whipcount.web.query import QueryText
from whipcount.web.rendering import environment
from whipcount.web.routes import add_routes
from whipcount.web.state import WebState
from whipcount.web.write_gate import write_slot

__all__ = ["DEFAULT_SCENARIO", "WebState", "create_app"]

DEFAULT_SCENARIO = "pk-na-2022"


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
    st = _open_store(store or Store(db_url), seed_scenario, session_idle, session_lifetime)
    secure_cookies = behind_proxy if secure_cookies is None else secure_cookies
    wc = WebState(st, public_read, Broadcaster(), LoginLimiter(login_limit, login_window), environment(),
                  secret=secret or os.environ.get("WHIPCOUNT_SECRET") or st.secret(),
                  secure_cookies=secure_cookies,
                  verify_pool=VerifyPool(verify_pool or default_pool(), verify_wait),
                  proxies=frozenset(proxies) if behind_proxy else None, fail_delay=fail_delay)
    st.subscribe(wc.on_write)
    return _application(wc, max_body=max_body, secure_cookies=secure_cookies)


def _open_store(st: Store, seed_scenario: str | None, idle: dt.timedelta, lifetime: dt.timedelta) -> Store:
    """The store, seeded with ``seed_scenario`` when it holds none, its sessions timed."""
    if seed_scenario and not st.scenarios():
        _seed(st, seed_scenario)
    st.sessions.idle, st.sessions.lifetime = idle, lifetime
    return st


def _application(wc: WebState, *, max_body: int, secure_cookies: bool) -> FastAPI:
    """The FastAPI app serving ``wc``: its middleware, error answers and routes."""
    app = FastAPI(
        title="whipcount",
        summary="Whip counts, magic numbers and P(pass) for confidence votes, live.",
        version="0.1.0",
        lifespan=_lifespan(wc),
        docs_url=None,  # served by add_routes from the bundled Swagger UI, so the docs work with no network
        redoc_url=None,
        openapi_url="/api/openapi.json",
        dependencies=[Depends(write_slot)],  # writes at once bounded, so waiting ones leave threads for reads
    )
    app.state.wc = wc
    app.add_middleware(BodyLimit, answer=answer_now, max_body=max_body)
    app.add_middleware(SecurityHeaders, secure_cookies=secure_cookies, proxies=wc.proxies)
    app.add_middleware(QueryText)
    add_error_handlers(app)
    add_routes(app)
    return app


def _seed(st: Store, scenario: str) -> None:
    """A first run's scenario, in an empty database."""
    from whipcount.io.scenario import load_scenario
    from whipcount.storage.system_account import system_account

    try:  # written by the server, under the system account that runs it, as a command's writes are
        st.save_scenario(load_scenario(scenario), user=system_account(), reason="first run: bundled scenario")
    except ConflictError:
        pass  # another server started on this fresh database at the same moment and loaded it first


def _lifespan(wc: WebState) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """The server's life: the revision watcher runs while it serves, the live streams close when it stops."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Everything loaded so far (modules, the app, the store) lives as long as the server: moved out
        # of the garbage collector's full scans, which otherwise pause every request for 20-40 ms.
        gc.collect()
        gc.freeze()
        stop = threading.Event()
        threading.Thread(target=wc.watch_revisions, args=(stop,), name="whipcount-watch", daemon=True).start()
        # numpy's BLAS at one thread while the server runs, set here, on the server's own thread: a
        # forecast's runs hold it so themselves (whipcount.tally.blas), but they run in worker threads,
        # and this OpenBLAS takes a count set from a worker thread for that thread alone (measured: a run
        # in a worker thread used two cores' CPU for one core's work); a count set here holds for all
        with one_blas_thread():
            yield
        stop.set()
        wc.broadcaster.close()

    return lifespan
