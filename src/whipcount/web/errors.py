"""How the web app answers an error: one JSON shape for the API, an error page (or the login) for HTML.

Every error in the API has the shape ``{"ok": false, "error": "...", "errors": [...], "status": 400}``;
:func:`add_error_handlers` installs the exception handlers that answer so, whatever was raised: a library
error (status by its kind), a request the API cannot validate, an HTTP error, an unexpected exception.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from whipcount.errors import (
    ConflictError,
    NotFound,
    StorageError,
    WhipcountError,
    cut_long_values,
)
from whipcount.io.limits import quoted
from whipcount.io.plain_words import field_place, problem_words
from whipcount.web.auth import HTTPError
from whipcount.web.body import MAX_DEPTH, UNLISTED, DuplicateKey, TooDeep
from whipcount.web.headers import answer_headers
from whipcount.web.limits import MAX_LISTED
from whipcount.web.rendering import page_context
from whipcount.web.state import WebState

__all__ = ["SECRET_FIELDS", "add_error_handlers", "answer_now", "database_refused", "error_response",
           "listed", "refused_words", "status_for", "validation_words", "wants_json"]

SECRET_FIELDS = frozenset({"password", "current_password", "new_password", "csrf_token"})  # never echoed in an error


def _cut(text: str, limit: int = 80) -> str:
    """``text``, cut to ``limit`` characters (an error never carries a whole submitted value back)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_for(exc: WhipcountError) -> int:
    """The API's status for a library error: 409 a conflict, 503 the database refused, 404, else 400."""
    if isinstance(exc, ConflictError):
        return 409
    if isinstance(exc, StorageError):
        return 503
    if isinstance(exc, NotFound):
        return 404
    return 400  # bad input, a model or rules error, an event that cannot apply: the request's fault


UNREAD_BODY = "There was an error parsing the body"
"""FastAPI's words (a 400) for a body its JSON parser gave up on other than by a syntax error."""


def unread_body(cause: BaseException | None) -> str:
    """What was wrong with a JSON body the parser could not read, though well-formed as far as it went: a
    key given twice in one object, a number longer than Python turns into an integer, nesting deeper than it
    can follow, bytes that are not text (a syntax error is a 422 of its own, with the character it is at)."""
    if isinstance(cause, DuplicateKey):
        return f"request body: key {quoted(cause.key)} given twice in one object; expected each key once"
    if isinstance(cause, RecursionError | TooDeep):
        return (f"request body: expected JSON, got arrays or objects nested too deeply to read (at most "
                f"{MAX_DEPTH} levels)")
    if isinstance(cause, UnicodeDecodeError):
        return f"request body: expected JSON in UTF-8, got a byte that is not ({cause.reason}, at byte {cause.start})"
    if isinstance(cause, ValueError) and "digits" in str(cause):  # int's limit on the digits it converts
        return (f"request body: expected whole numbers of at most {sys.get_int_max_str_digits():,} digits, "
                "got a longer one")
    return f"request body: expected JSON, could not read it ({type(cause).__name__})"


def wants_json(request: Request) -> bool:
    """API paths answer JSON; pages answer HTML unless the client asks for JSON only."""
    path = request.url.path
    if path.startswith(("/api/", "/events/")) or path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, message: str, errors: list[str] | None = None,
                   extra: dict[str, Any] | None = None, headers: dict[str, str] | None = None,
                   next_path: str | None = None) -> Response:
    """The error shape for the API, an error page (or the login page, for 401) for HTML. Messages are
    cut to 1000 characters (one quoting a submitted value never carries the whole of it back). After
    sign-in, the login page leads to ``next_path``, by default the path and query of the request. A quoted
    value or a number of more than 80 characters in them is cut to 80 (:func:`~whipcount.errors.cut_long_values`,
    as the command line's errors are), whoever wrote the message."""
    message, errors = _cut(cut_long_values(message), 1000), [_cut(cut_long_values(e), 1000) for e in errors or []]
    if wants_json(request):
        body: dict[str, Any] = {"ok": False, "error": message, "errors": errors or [message], "status": status}
        body.update(extra or {})
        return JSONResponse(body, status_code=status, headers=headers)
    if status == 401:
        nxt = next_path or request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={_quote(nxt)}", status_code=303)
    wc: WebState = request.app.state.wc
    html = wc.templates.get_template("error.html").render(
        status=status, message=message, errors=errors or [], back=_back(request, message), **page_context(request)
    )
    return HTMLResponse(html, status_code=status, headers=headers)


async def answer_now(scope: Any, receive: Any, send: Any, status: int, message: str) -> None:
    """Answer a request with :func:`error_response` before any route runs (a middleware's refusal: a body over
    the limit), closing the connection, whose body is left unread: the error shape for the API, the error page
    for a page (rendered in a worker thread: it looks the session up)."""
    request = Request(scope, receive)
    response = await run_in_threadpool(error_response, request, status, message)
    response.headers["Connection"] = "close"
    await response(scope, receive, send)


def _back(request: Request, message: str) -> str:
    """Where an error page's *Back to the dashboard* leads: the dashboard of the scenario and motion the page
    asked for was of (a further motion's page keeps it), unless they are what was refused; else the first."""
    from urllib.parse import quote

    scenario = request.path_params.get("scenario_id") if request.url.path.startswith("/s/") else None
    if not scenario or message.startswith("no scenario"):
        return "/"
    motion = request.query_params.get("motion", "")
    keep = motion and not message.startswith("motion:")
    return f"/s/{quote(scenario, safe='')}" + (f"?motion={quote(motion, safe='')}" if keep else "")


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/")


def _problem(e: Any, path: list[str]) -> str:
    """A problem with a request's body in plain words: a password's value is never echoed, whatever its type
    (nor an unknown key's, which may be one), nor a whole body sent as bare text (a password typed as the
    body of a sign-in), which is named by its kind."""
    if not path and isinstance(e.get("input"), str):
        return f"{problem_words(e, 'API', echo=False)}, got text"
    return problem_words(e, "API", width=78, echo=not SECRET_FIELDS & set(path))


def listed(errors: list[str], total: int | None = None) -> list[str]:
    """``errors`` as an error lists them: the first :data:`MAX_LISTED`, then how many more there are (of ``total``,
    when ``errors`` holds only the first of them)."""
    total = len(errors) if total is None else total
    if total <= MAX_LISTED:
        return errors
    more = total - MAX_LISTED
    return [*errors[:MAX_LISTED], f"and {more:,} more problem{'s' if more > 1 else ''} not listed"]


def validation_words(problems: Any, unlisted: int = 0) -> list[str]:
    """A body's problems (pydantic's ``errors()``) in the API's words, each naming its field first
    (``party: expected an id...``), at most :data:`MAX_LISTED` of them, the others counted (:func:`listed`) with the
    ``unlisted`` keys the body's reader set aside unchecked (:func:`~whipcount.web.body.few_unknown`); the API's 422
    and the event form say the same."""
    errors = []
    for e in problems[:MAX_LISTED]:
        if e.get("type") == "json_invalid":  # loc is ("body", offset): say what is wrong with the body
            ctx = e.get("ctx") or {}
            errors.append(f"request body: expected JSON, got invalid JSON at character {e['loc'][-1]}"
                          + (f" ({ctx['error']})" if ctx.get("error") else ""))
            continue
        # a key is a submitted value too; the branches of a union tried are no field (source.SourceIn.url)
        path = [_cut(str(x)) for x in field_place(e.get("loc", ())) if x != "body"]
        errors.append(f"{'.'.join(path) or 'request'}: {_problem(e, path)}")
    return listed(errors, len(problems) + unlisted)


DATABASE_REFUSED = "the database could not answer; nothing was written (the server's log says why)"
"""What a reader is told of a database refusal that gives no words of its own for a reader."""
BUSY_RETRY = "5"
"""Seconds a client is asked to wait (``Retry-After``) when the database is busy with another write."""
log = logging.getLogger("whipcount.web")


def refused_words(request: Request, exc: StorageError) -> tuple[str, dict[str, str]]:
    """What a reader is told of the database refusing this request, and the headers of the 503: the words name
    no file, folder, host or account of the server (``exc.public``), and ``Retry-After`` comes when waiting may
    help; the database's own words, with where it is, go to the server's log for the operator."""
    log.warning("%s %s: %s", request.method, _cut(request.url.path), exc)
    return exc.public or DATABASE_REFUSED, {"Retry-After": BUSY_RETRY} if exc.busy else {}


def database_refused(request: Request, exc: StorageError) -> Response:
    """503 for the database refusing a request, in :func:`refused_words`."""
    message, headers = refused_words(request, exc)
    return error_response(request, 503, message, headers=headers or None)


def add_error_handlers(app: FastAPI) -> None:
    """Answer every exception ``app`` lets through in the error shape (API) or with an error page."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and exc.detail == UNREAD_BODY:
            return error_response(request, 422, unread_body(exc.__cause__))
        detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"not found: {_cut(request.url.path)}"
        if exc.status_code == 405:
            detail = f"method {_cut(request.method)} not allowed on {_cut(request.url.path)}"
        return error_response(request, exc.status_code, detail)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = validation_words(exc.errors(), request.scope.get("state", {}).get(UNLISTED, 0))
        return error_response(request, 422, errors[0] if errors else "invalid request", errors)

    @app.exception_handler(HTTPError)
    async def our_http_error(request: Request, exc: HTTPError) -> Response:
        return error_response(request, exc.status, exc.message, exc.errors, headers=exc.headers,
                              next_path=exc.next_path)

    @app.exception_handler(WhipcountError)
    async def library_error(request: Request, exc: WhipcountError) -> Response:
        if isinstance(exc, StorageError) and not isinstance(exc, ConflictError):
            return database_refused(request, exc)
        extra = None
        if isinstance(exc, ConflictError) and exc.said:  # the database's own words: for the operator alone
            log.warning("%s %s: %s (told: %s)", request.method, _cut(request.url.path), exc.said, exc)
        current = getattr(exc, "current", None)
        if isinstance(exc, ConflictError) and hasattr(exc, "current"):  # null: none recorded now (taken back)
            extra = {"current": current.as_dict() if current is not None else None}
        if isinstance(exc, ConflictError) and exc.details:  # what to write again with (a revision, the entry there)
            extra = {**(extra or {}), **exc.details}
        return error_response(request, status_for(exc), str(exc), extra=extra)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # answered outside the middleware that adds the security headers, HSTS and keeps answers out of caches,
        # so they are added here as it adds them (an error page holds the session's CSRF token, in its sign-out form)
        added = answer_headers(request.scope, 500, request.app.state.wc.proxies)
        return error_response(request, 500, f"internal error ({type(exc).__name__}); nothing was written",
                              headers={k.decode(): v.decode() for k, v in added})
