"""JSON bodies read strictly: an object naming one key twice is refused, not read as its last value.

Python's ``json`` keeps the last of two equal keys, so ``{"subject": "party:ppp", ..., "subject":
"party:pti"}`` from a client that built its body wrongly would be a write to PTI. The API's routes read
their bodies through :class:`StrictJSONRoute` instead; the refusal is a 422 (``whipcount.web.errors``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from whipcount.io.yamlsource import DuplicateKey, unique_pairs

__all__ = ["DuplicateKey", "StrictJSONRoute"]


class _StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            self._json = json.loads(await self.body(), object_pairs_hook=unique_pairs)
        return self._json


class StrictJSONRoute(APIRoute):
    """A route whose JSON body refuses a key given twice in one object (:class:`DuplicateKey`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            return await handler(_StrictJSONRequest(request.scope, request.receive))

        return strict
