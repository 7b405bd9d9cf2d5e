"""Form fields read as the API reads a body's text and :mod:`whipcount.web.query` a query parameter: each
value's line breaks as line feeds and its surrounding whitespace stripped, before any route sees it.

A stance form's hidden fields (the subject, the motion, the version, the CSRF token) and the stance it sends
had been read as posted, so ``" party:spd"``, ``"no "``, a motion id with a space before it or a CSRF token
with a line break after it was refused (400, 404, 403) where the API and the query read the same text as the
name. The pages' routers read their forms through :class:`NormalFormRoute` instead. Passwords, and the name
a sign-in is for, are taken exactly as typed, as the API takes them (:data:`AS_TYPED`).

A form holds at most :data:`MAX_FIELDS` fields (the pages' forms send under 20). Parsing a form costs about
20 us a field, on the event loop, before any check of who sent it: a sign-in form of 100,000 empty fields,
under the 1 MB a body may hold, had held every request of the server for 2 s.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from whipcount.web.gate import gates, run_gates
from whipcount.web.query import normal_text

__all__ = ["AS_TYPED", "MAX_FIELDS", "NormalFormRoute", "normal_form"]

AS_TYPED = frozenset({"name", "password", "current_password", "new_password", "new_password_again"})
"""The fields read exactly as posted: a password (nothing is stripped from one), and the user name of a
sign-in (taken as created, as ``POST /api/login`` takes it)."""
MAX_FIELDS = 100
"""The most fields a page's form may send."""
TOO_MANY = f"request body: expected a form of at most {MAX_FIELDS} fields, got more"


def normal_form(form: FormData) -> FormData:
    """``form`` with each text value but those of :data:`AS_TYPED` read by :func:`normal_text` (the names, their
    order and any file kept)."""
    return FormData([(k, normal_text(v) if isinstance(v, str) and k not in AS_TYPED else v)
                     for k, v in form.multi_items()])


class _NormalFormRequest(Request):
    async def form(self, **kwargs: Any) -> FormData:  # type: ignore[override]
        if getattr(self, "_normal_form", None) is None:
            kind = self.headers.get("content-type", "").split(";")[0].strip().lower()
            # fields counted before they are parsed, by the separators the parser takes (a browser writes a ';'
            # in a value as %3B); a multipart form's parser counts them itself
            if kind == "application/x-www-form-urlencoded":
                body = await self.body()
                if body.count(b"&") + body.count(b";") >= MAX_FIELDS:
                    raise HTTPException(413, TOO_MANY)
            try:
                form = await super().form(max_fields=MAX_FIELDS, max_files=0)
            except HTTPException as exc:
                raise HTTPException(413, TOO_MANY) if "Too many fields" in str(exc.detail) else exc from None
            self._normal_form = normal_form(form)
        return self._normal_form


class NormalFormRoute(APIRoute):
    """A route whose form fields are read by :func:`normal_form`, once its checks of who may write have let the
    request through (:mod:`whipcount.web.gate`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        checks = gates(self.dependant)

        async def normal(request: Request) -> Response:
            await run_gates(checks, request)
            return await handler(_NormalFormRequest(request.scope, request.receive))

        return normal
