"""Who may write is decided before the body is read: a route's checks of the session, its role and the request's
origin (and, where the token travels in a header, its CSRF token) run before a byte of its body is read or parsed,
so that a request no one signed in, or one a viewer or another site sent, costs the server nothing but its headers.

FastAPI reads and parses a route's body before it runs the route's dependencies: a client not signed in had the
server parse up to 1 MB of JSON on the event loop (0.5 s for 330,000 empty arrays to ``POST
/api/scenarios/ID/events``) before its 401. A check marked with :func:`before_body` is run by the API's and the
pages' routes (:class:`~whipcount.web.body.StrictJSONRoute`, :class:`~whipcount.web.form.NormalFormRoute`) first;
FastAPI runs it again as a dependency, from the session already looked up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fastapi.dependencies.models import Dependant
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from whipcount.web.auth import SESSION_COOKIE

__all__ = ["before_body", "gates", "run_gates"]

Check = Callable[[Request], Any]
_MARK = "_whipcount_before_body"


def before_body(check: Check) -> Check:
    """Mark ``check`` (a dependency taking only the request, raising :class:`~whipcount.web.auth.HTTPError`) to run
    before the body of a route that depends on it is read."""
    setattr(check, _MARK, True)
    return check


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def gates(dependant: Dependant) -> tuple[Check, ...]:
    """The checks marked with :func:`before_body` among a route's dependencies, in the order FastAPI runs them."""
    return tuple(dict.fromkeys(c for c in _calls(dependant) if getattr(c, _MARK, False)))


async def run_gates(checks: tuple[Check, ...], request: Request) -> None:
    """Run ``checks`` on ``request``: on the event loop when there is no session to look up (no session cookie: a
    refusal costs no thread), else in a worker thread (the session's database look-up)."""
    for check in checks:
        if request.cookies.get(SESSION_COOKIE):
            await run_in_threadpool(check, request)
        else:
            check(request)
