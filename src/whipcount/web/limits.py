"""Request bodies within a limit: a body over ``max_bytes`` is refused with 413 before it is read (by its
Content-Length) or as soon as the bytes streamed in pass the limit (a chunked body), so a 100 MB login
costs neither the time nor the memory to read it."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["DEFAULT_MAX_BODY", "BodyLimit"]

DEFAULT_MAX_BODY = 1024 * 1024
"""1 MB: far above any form or JSON write the app takes (a scenario upload is a file on the command line)."""


class BodyLimit:
    """Plain ASGI middleware refusing request bodies over ``max_bytes`` with the app's error shape."""

    def __init__(self, app: Any, max_bytes: int = DEFAULT_MAX_BODY) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._refuse(send)
            return
        seen = 0
        over = False
        sent = False

        async def counted() -> Any:
            nonlocal seen, over
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # stop reading: the app sees the client go away
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def tracked(message: Any) -> None:
            nonlocal sent
            if over:
                return  # whatever the app answers to a cut-off body, the answer is 413
            sent = True
            await send(message)

        await self.app(scope, counted, tracked)
        if over and not sent:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        message = f"request body too large: the limit is {self.max_bytes:,} bytes"
        body = json.dumps({"ok": False, "error": message, "errors": [message], "status": 413}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
