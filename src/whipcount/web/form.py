"""Form fields read as the API reads a body's text and :mod:`whipcount.web.query` a query parameter: each
value's line breaks as line feeds and its surrounding whitespace stripped, before any route sees it.

A stance form's hidden fields (the subject, the motion, the version, the CSRF token) and the stance it sends
had been read as posted, so ``" party:spd"``, ``"no "``, a motion id with a space before it or a CSRF token
with a line break after it was refused (400, 404, 403) where the API and the query read the same text as the
name. The pages' routers read their forms through :class:`NormalFormRoute` instead. Passwords, and the name
a sign-in is for, are taken exactly as typed, as the API takes them (:data:`AS_TYPED`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData

from whipcount.web.query import normal_text

__all__ = ["AS_TYPED", "NormalFormRoute", "normal_form"]

AS_TYPED = frozenset({"name", "password", "current_password", "new_password", "new_password_again"})
"""The fields read exactly as posted: a password (nothing is stripped from one), and the user name of a
sign-in (taken as created, as ``POST /api/login`` takes it)."""


def normal_form(form: FormData) -> FormData:
    """``form`` with each text value but those of :data:`AS_TYPED` read by :func:`normal_text` (the names, their
    order and any file kept)."""
    return FormData([(k, normal_text(v) if isinstance(v, str) and k not in AS_TYPED else v)
                     for k, v in form.multi_items()])


class _NormalFormRequest(Request):
    async def form(self, **kwargs: Any) -> FormData:  # type: ignore[override]
        if getattr(self, "_normal_form", None) is None:
            self._normal_form = normal_form(await super().form(**kwargs))
        return self._normal_form


class NormalFormRoute(APIRoute):
    """A route whose form fields are read by :func:`normal_form`."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def normal(request: Request) -> Response:
            return await handler(_NormalFormRequest(request.scope, request.receive))

        return normal
