"""Request bodies bounded: a body larger than ``max_body`` bytes is refused with 413 before it is read.

A declared ``Content-Length`` over the limit is answered at once (no route runs), in the app's own answer (the
error shape for the API, the error page for a page: :func:`whipcount.web.errors.answer_now`, given by the app); a
body sent without one (chunked) is counted as it streams in, and refused as soon as it passes the limit.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import HTTPException

__all__ = ["DEFAULT_MAX_BODY", "MAX_LISTED", "SMALL_BODY", "Answer", "BodyLimit", "read_capped", "small_body",
           "too_large"]

DEFAULT_MAX_BODY = 1_000_000
SMALL_BODY = 64_000
"""The most bytes of a body of one short record (sign-in, sign-out, a password change, a stance, a take-back):
more than its fields hold with every character written as the JSON escapes of a pair of surrogates (12 bytes; a
stance's fields, the longest, 40 KB). Parsing a body costs the server's event loop about 1 us a value, before
anything else is checked; a larger body is refused unparsed, and unread past this many bytes
(:func:`read_capped`), where any body may otherwise be the server's limit (1 MB by default)."""
MAX_LISTED = 20
"""The most problems an error lists, the rest counted in one line more (:func:`whipcount.web.errors.listed`), and
so the most keys of a JSON body that its model does not have checked one by one, the others set aside unread and
counted (:mod:`whipcount.web.body`): a body of 1 MB naming 60,000 unknown keys had been answered with 60,000
problems (4 MB), each made on the server's event loop, which it held for 0.9 s."""
Answer = Callable[[Any, Any, Any, int, str], Awaitable[None]]
"""How the app answers an error at once: ``answer(scope, receive, send, status, message)``."""


def too_large(limit: int) -> str:
    """The message of a 413."""
    return f"request body too large: at most {limit} bytes"


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_body`` bytes (413), answered by ``answer``."""

    def __init__(self, app: Any, answer: Answer, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app, self.answer, self.max_body = app, answer, max_body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self.answer(scope, receive, send, 413 if declared.isdigit() else 400,
                              too_large(self.max_body) if declared.isdigit()
                              else "request header Content-Length: expected a number of bytes, got another text")
            return
        seen = 0

        async def counted() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, too_large(self.max_body))
            return message

        await self.app(scope, counted, send)


async def read_capped(request: Any, cap: int) -> bytes:
    """The request's body, read at most ``cap`` bytes of it: refused with 413 by its declared ``Content-Length``
    before a byte is read, else as soon as what streams in passes the cap (a body sent in chunks, with no
    length), never read whole first. Kept on the request, which reads it from there."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise HTTPException(413, too_large(cap))
    if not hasattr(request, "_body"):
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > cap:
                raise HTTPException(413, too_large(cap))
            chunks.append(chunk)
        request._body = b"".join(chunks)
    body: bytes = request._body
    return body


def small_body(endpoint: Any) -> Any:
    """Mark a page's form route as read before anyone need be signed in: its body is read at most
    :data:`SMALL_BODY` bytes (:func:`read_capped`), whatever the server's own limit."""
    endpoint.max_body = SMALL_BODY
    return endpoint
