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
import re
from collections.abc import Callable, Coroutine
from typing import Any

import numpy as np
from fastapi import Request, Response
from fastapi.routing import APIRoute

from whipcount.io.limits import Limits, quoted
from whipcount.io.yamlsource import DuplicateKey, unique_pairs
from whipcount.web.auth import HTTPError
from whipcount.web.gate import gates, run_gates
from whipcount.web.limits import MAX_LISTED, read_capped

__all__ = ["MAX_DEPTH", "UNLISTED", "DuplicateKey", "StrictJSONRoute", "TooDeep", "few_unknown", "json_type", "nesting",
           "not_json"]

MAX_DEPTH = Limits().max_depth
"""How deep a body's arrays and objects may nest (a scenario file's bound)."""


class TooDeep(ValueError):
    """A body whose arrays and objects nest deeper than :data:`MAX_DEPTH`."""


_STRING = re.compile(rb'"(?:[^"\\]++|\\.|\\\Z)*+(?:"|\Z)', re.DOTALL)
"""A JSON string (its escapes included), matched without backtracking; one left open runs to the end of the text,
so that no text makes the match quadratic."""


def nesting(body: bytes) -> int:
    """How deep the arrays and objects of the JSON text ``body`` nest (0: a scalar), read from its brackets outside
    its strings, before it is parsed: in some milliseconds for a body of 1 MB, where walking the parsed values
    had taken 0.8 s of the server's event loop for 330,000 empty arrays (exact for JSON; for text that is no
    JSON, the parser's error follows)."""
    bare = np.frombuffer(_STRING.sub(b"", body), dtype=np.uint8)
    step = ((bare == ord("[")) | (bare == ord("{"))).astype(np.int32) - ((bare == ord("]")) | (bare == ord("}")))
    return int(np.cumsum(step).max(initial=0))


def not_json(sent: str) -> HTTPError:
    """The 415 of a body sent as another type than ``application/json`` (``sent``: its Content-Type)."""
    return HTTPError(415, "request body: expected JSON sent as Content-Type: application/json, got "
                          + (f"Content-Type {quoted(sent)}" if sent else "no Content-Type"))


def json_type(content_type: str) -> bool:
    """Whether a ``Content-Type`` header says JSON (``application/json``, with any parameters)."""
    return content_type.split(";")[0].strip().lower() == "application/json"


UNLISTED = "wc_unlisted"
"""Where a request's state keeps how many unknown keys of its body :func:`few_unknown` set aside."""


def few_unknown(data: Any, known: frozenset[str] | None, state: dict[str, Any]) -> Any:
    """A body's object with at most :data:`MAX_LISTED` of the keys its model does not have (``known``: the keys it
    has; None: it takes any), so that the refusal names them one by one and counts the others (``state[UNLISTED]``,
    :func:`~whipcount.web.errors.validation_words`) without checking each: 60,000 unknown keys had been 60,000
    problems made on the server's event loop. Such a body is refused all the same."""
    if known is None or not isinstance(data, dict):
        return data
    unknown = [k for k in data if k not in known]
    if len(unknown) <= MAX_LISTED:
        return data
    aside = set(unknown[MAX_LISTED:])
    state[UNLISTED] = len(aside)
    return {k: v for k, v in data.items() if k not in aside}


def _keys(model: Any) -> frozenset[str] | None:
    """The keys a body model takes (its fields' names and aliases), or None when it takes others too."""
    fields = getattr(model, "model_fields", None)
    if fields is None or getattr(model, "model_config", {}).get("extra") != "forbid":
        return None
    return frozenset(fields) | {f.alias for f in fields.values() if f.alias}


class _StrictJSONRequest(Request):
    known: frozenset[str] | None = None  # the keys of the route's body model (:func:`few_unknown`)

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            if nesting(body) > MAX_DEPTH:
                raise TooDeep(MAX_DEPTH)
            data = json.loads(body, object_pairs_hook=unique_pairs)
            self._json = few_unknown(data, self.known, self.scope.setdefault("state", {}))
        return self._json


class StrictJSONRoute(APIRoute):
    """A route whose JSON body refuses a key given twice in one object (:class:`DuplicateKey`), a body that is not
    sent as JSON at all (415: :func:`not_json`), and one larger than its model's ``max_body`` bytes (413: sign-in,
    a password, a stance; the server's limit is for a body that may list thousands of members), before it is
    parsed; and a request its checks of who may write refuse (:mod:`whipcount.web.gate`), before it is read."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        takes_body = self.body_field is not None
        model = getattr(self.body_field, "type_", None)
        cap, known = getattr(model, "max_body", None), _keys(model)
        checks = gates(self.dependant) if takes_body else ()

        async def strict(request: Request) -> Response:
            await run_gates(checks, request)
            sent = request.headers.get("content-type", "")
            if takes_body and not json_type(sent):
                raise not_json(sent)
            strict_request = _StrictJSONRequest(request.scope, request.receive)
            strict_request.known = known
            if cap is not None:  # read no further than the cap, a body sent in chunks too
                await read_capped(strict_request, cap)
            return await handler(strict_request)

        return strict
