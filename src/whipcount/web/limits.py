"""Request bodies bounded: a body larger than ``max_body`` bytes is refused with 413 before it is read.

A declared ``Content-Length`` over the limit is answered at once (the app never runs); a body sent
without one (chunked) is counted as it streams in, and refused as soon as it passes the limit.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import HTTPException

__all__ = ["DEFAULT_MAX_BODY", "BodyLimit", "too_large"]

DEFAULT_MAX_BODY = 1_000_000


def too_large(limit: int) -> str:
    """The message of a 413."""
    return f"request body too large: at most {limit} bytes"


class BodyLimit:
    """ASGI middleware refusing request bodies over ``max_body`` bytes (413, in the API's error shape)."""

    def __init__(self, app: Any, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app, self.max_body = app, max_body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self._refuse(send, 413 if declared.isdigit() else 400,
                               too_large(self.max_body) if declared.isdigit() else "bad Content-Length")
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

    @staticmethod
    async def _refuse(send: Any, status: int, message: str) -> None:
        body = json.dumps({"ok": False, "error": message, "errors": [message], "status": status}).encode()
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
