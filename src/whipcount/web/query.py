"""Query parameters read as the API reads a body's text: each value's line breaks as line feeds and its
surrounding whitespace stripped, before any route sees it.

A body's ``"motion": " chancellor-first-ballot "`` names the motion (:mod:`whipcount.web.api_bodies` strips
its text); ``?motion=%20chancellor-first-ballot`` in a link pasted from a chat had been a 404, and ``?stance=
no%20`` a 422. Every parameter that names something (a motion, a scenario, a party, a subject, a stance, a
user, a target, a day) is read one way, on every page and answer, by :class:`QueryText`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from whipcount.storage.store_core import one_line_break

__all__ = ["QueryText", "normal_query", "normal_text"]


def normal_text(text: str) -> str:
    """A value as the API reads text: its line breaks as line feeds, stripped."""
    return one_line_break(text).strip()


def normal_query(raw: bytes) -> bytes:
    """A query string with each value read as :func:`normal_text` reads it (the names and their order kept;
    one with nothing to change is returned as it came)."""
    pairs = parse_qsl(raw.decode("latin-1"), keep_blank_values=True)  # as Starlette reads it
    normal = [(k, normal_text(v)) for k, v in pairs]
    return raw if normal == pairs else urlencode(normal).encode("ascii")


class QueryText:
    """ASGI middleware giving every request its query string read by :func:`normal_query`."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            scope = {**scope, "query_string": normal_query(scope["query_string"])}
        await self.app(scope, receive, send)
