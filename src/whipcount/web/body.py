"""JSON bodies read strictly: an object naming one key twice is refused, not read as its last value, and
arrays and objects nest at most :data:`MAX_DEPTH` levels, as in a scenario file.

Python's ``json`` keeps the last of two equal keys, so ``{"subject": "party:ppp", ..., "subject":
"party:pti"}`` from a client that built its body wrongly would be a write to PTI. A body nested some
hundreds of levels deep was read, and then exhausted Python's recursion in the checks after it: a 500
where a body too deep for the parser itself was a 422. The API's routes read their bodies through
:class:`StrictJSONRoute` instead; each refusal is a 422 (``whipcount.web.errors``).

A route that takes a body takes it as ``Content-Type: application/json`` only, as sign-in always has: any other
type (a form's, ``text/plain``, none) is a 415 before the body is read. FastAPI had handed such a body to the
model as bytes, and the 422 that followed quoted it whole, a password change's passwords included.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from whipcount.io.limits import Limits, quoted
from whipcount.io.yamlsource import DuplicateKey, unique_pairs
from whipcount.web.auth import HTTPError

__all__ = ["MAX_DEPTH", "DuplicateKey", "StrictJSONRoute", "TooDeep", "depth", "json_type", "not_json"]

MAX_DEPTH = Limits().max_depth
"""How deep a body's arrays and objects may nest (a scenario file's bound)."""


class TooDeep(ValueError):
    """A body whose arrays and objects nest deeper than :data:`MAX_DEPTH`."""


def depth(value: Any) -> int:
    """How deep ``value``'s lists and dicts nest (0: a scalar), counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, level)
            stack.extend((c, level + 1) for c in children)
    return deepest


def not_json(sent: str) -> HTTPError:
    """The 415 of a body sent as another type than ``application/json`` (``sent``: its Content-Type)."""
    return HTTPError(415, "request body: expected JSON sent as Content-Type: application/json, got "
                          + (f"Content-Type {quoted(sent)}" if sent else "no Content-Type"))


def json_type(content_type: str) -> bool:
    """Whether a ``Content-Type`` header says JSON (``application/json``, with any parameters)."""
    return content_type.split(";")[0].strip().lower() == "application/json"


class _StrictJSONRequest(Request):
    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            data = json.loads(await self.body(), object_pairs_hook=unique_pairs)
            if depth(data) > MAX_DEPTH:
                raise TooDeep(MAX_DEPTH)
            self._json = data
        return self._json


class StrictJSONRoute(APIRoute):
    """A route whose JSON body refuses a key given twice in one object (:class:`DuplicateKey`), and a body that
    is not sent as JSON at all (415: :func:`not_json`), when the route takes a body."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        takes_body = self.body_field is not None

        async def strict(request: Request) -> Response:
            sent = request.headers.get("content-type", "")
            if takes_body and not json_type(sent):
                raise not_json(sent)
            return await handler(_StrictJSONRequest(request.scope, request.receive))

        return strict
