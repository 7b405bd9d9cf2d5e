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

A body the form's parser cannot take is refused in the app's own answers (an error page, or the API's error
shape), naming what was expected: a body sent as another type than a form (415), a multipart form carrying a
file, one the parser cannot read (its boundary missing, a part cut short), and bytes that are not UTF-8, percent-
escaped or in a multipart form's text (422, one check: :func:`field_not_utf8`). These had been Starlette's bare
words (``Too many files. Maximum number of files is 0.``), a note about JSON for a multipart form cut short, and,
for bytes that are not UTF-8, a note stored with U+FFFD (or, from a multipart form, Latin-1) in their place.
A form is read as UTF-8 whatever charset it declares: a multipart form declaring ``charset=iso-8859-1`` had had
its UTF-8 text stored garbled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine
from email.message import Message
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.datastructures import FormData, Headers, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser

from whipcount.io.limits import quoted
from whipcount.web.gate import gates, run_gates
from whipcount.web.limits import read_capped
from whipcount.web.query import normal_text

__all__ = ["AS_TYPED", "FORM_TYPES", "MAX_FIELDS", "NormalFormRoute", "normal_form"]

AS_TYPED = frozenset({"name", "password", "current_password", "new_password", "new_password_again"})
"""The fields read exactly as posted: a password (nothing is stripped from one), and the user name of a
sign-in (taken as created, as ``POST /api/login`` takes it)."""
MAX_FIELDS = 100
"""The most fields a page's form may send."""
TOO_MANY = f"request body: expected a form of at most {MAX_FIELDS} fields, got more"
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
FORM_TYPES = (URLENCODED, MULTIPART)
"""The types a page's form is sent as (a browser's form sends the first; ``curl -F`` the second)."""


def not_a_form(sent: str) -> HTTPException:
    """The 415 of a body sent as another type than a form's (``sent``: its Content-Type, never the body)."""
    return HTTPException(415, f"request body: expected a form sent as Content-Type: {' or '.join(FORM_TYPES)}, got "
                              + (f"Content-Type {quoted(sent)}" if sent else "no Content-Type"))


def unreadable(exc: BaseException) -> HTTPException:
    """The 422 of a form body its parser could not read (``exc``: the parser's error, in its own words)."""
    said = str(getattr(exc, "detail", "") or exc).strip().rstrip(".") or type(exc).__name__
    return HTTPException(422, f"request body: expected a form ({' or '.join(FORM_TYPES)}), could not read it: "
                              f"{said[:1].lower()}{said[1:200]}")


def field_not_utf8(name: bytes, value: bytes) -> HTTPException | None:
    """The 422 of a form's field whose name or value, as sent, holds bytes that are not UTF-8, naming the field
    (its value never, as it may be a password); None when both are UTF-8. A form is read as UTF-8 whatever it
    declares (a ``charset`` in its Content-Type or a part's, a ``_charset_`` field): the pages send nothing else."""
    for text, what in ((name, "name"), (value, "value")):
        try:
            text.decode("utf-8")
        except UnicodeDecodeError as exc:
            field = quoted(name.decode("utf-8", "replace")[:80])
            return HTTPException(422, f"request body: expected a form in UTF-8, got field {field} whose "
                                      f"{what} holds a byte that is not UTF-8 (at byte {exc.start})")
    return None


def not_utf8(body: bytes) -> HTTPException | None:
    """:func:`field_not_utf8` of the first field of a form sent as ``application/x-www-form-urlencoded`` whose
    escapes (``%FF``) spell bytes that are not UTF-8; None when every field is UTF-8."""
    try:
        unquote_to_bytes(body.replace(b"+", b" ")).decode("utf-8")  # fields split on ASCII: one check holds all
        return None
    except UnicodeDecodeError:
        pass
    for part in re.split(rb"[&;]", body):
        name, _, value = (unquote_to_bytes(x) for x in part.replace(b"+", b" ").partition(b"="))
        problem = field_not_utf8(name, value)
        if problem is not None:
            return problem
    return None  # equivalent: the split fields are the whole body, so one of them failed above


def _as_bytes(sent: str) -> Headers:
    """The headers of a multipart form whose parser is to read each text as Latin-1 (``sent``: its Content-Type,
    its ``charset`` replaced): every byte as the character of its number, so that the bytes sent are had back."""
    header = Message()
    header["content-type"] = sent
    header.set_param("charset", "latin-1")
    return Headers({"content-type": str(header["content-type"])})


def multipart_as_utf8(form: FormData) -> tuple[FormData, HTTPException | None]:
    """``form``, parsed with every text read as Latin-1 (:func:`_as_bytes`), with each field's name and value read
    as UTF-8 (a file's name with U+FFFD for a byte that is not: the file is refused), and the 422 of
    :func:`field_not_utf8` for its first text field that is not UTF-8 (None when every one is)."""
    items: list[tuple[str, str | UploadFile]] = []
    problem = None
    for key, value in form.multi_items():
        name = key.encode("latin-1")
        if isinstance(value, str):
            sent = value.encode("latin-1")
            problem = problem or field_not_utf8(name, sent)
            value = sent.decode("utf-8", "replace")
        items.append((name.decode("utf-8", "replace"), value))
    return FormData(items), problem


def _no_files(form: FormData) -> None:
    """Refuse a form carrying a file (closed first): a page's form takes text fields only."""
    files = [k for k, v in form.multi_items() if isinstance(v, UploadFile)]
    if files:
        for v in form.values():
            if isinstance(v, UploadFile):
                v.file.close()
        raise HTTPException(422, f"request body: expected a form of text fields, got a file in field "
                                 f"{quoted(files[0][:80])}; a page's form takes no files")


def normal_form(form: FormData) -> FormData:
    """``form`` with each text value but those of :data:`AS_TYPED` read by :func:`normal_text` (the names, their
    order and any file kept)."""
    return FormData([(k, normal_text(v) if isinstance(v, str) and k not in AS_TYPED else v)
                     for k, v in form.multi_items()])


class _NormalFormRequest(Request):
    async def form(self, **kwargs: Any) -> FormData:  # type: ignore[override]
        if getattr(self, "_normal_form", None) is None:
            sent = self.headers.get("content-type", "")
            kind = sent.split(";")[0].strip().lower()
            if kind not in FORM_TYPES and (sent or await self.body()):  # nothing sent at all: an empty form
                raise not_a_form(sent)
            # fields counted before they are parsed, by the separators the parser takes (a browser writes a ';'
            # in a value as %3B); a multipart form's parser counts them itself
            if kind == URLENCODED:
                body = await self.body()
                if body.count(b"&") + body.count(b";") >= MAX_FIELDS:
                    raise HTTPException(413, TOO_MANY)
                problem = not_utf8(body)
                if problem is not None:
                    raise problem
            try:  # files counted as fields, so that one is named rather than refused in the parser's words
                if kind == MULTIPART:  # its texts read as bytes, then as UTF-8 (multipart_as_utf8)
                    self._form = form = await MultiPartParser(_as_bytes(sent), self.stream(), max_fields=MAX_FIELDS,
                                                              max_files=MAX_FIELDS).parse()
                else:
                    form = await super().form(max_fields=MAX_FIELDS, max_files=MAX_FIELDS)
            except (HTTPException, MultiPartException) as exc:
                said = str(getattr(exc, "detail", "") or getattr(exc, "message", ""))
                if getattr(exc, "status_code", 0) == 413:  # the request body's limit, passed while it streamed in
                    raise
                raise HTTPException(413, TOO_MANY) if "Too many f" in said else unreadable(exc) from None
            except Exception as exc:  # the multipart parser's own errors (a part's headers cut short, ...)
                raise unreadable(exc) from None
            form, problem = multipart_as_utf8(form) if kind == MULTIPART else (form, None)
            _no_files(form)
            if problem is not None:
                raise problem
            self._normal_form = normal_form(form)
        return self._normal_form


class NormalFormRoute(APIRoute):
    """A route whose form fields are read by :func:`normal_form`, once its checks of who may write have let the
    request through (:mod:`whipcount.web.gate`)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        checks = gates(self.dependant)

        cap = getattr(self.endpoint, "max_body", None)  # a form read before anyone need be signed in

        async def normal(request: Request) -> Response:
            await run_gates(checks, request)
            form_request = _NormalFormRequest(request.scope, request.receive)
            if cap is not None:
                await read_capped(form_request, cap)
            return await handler(form_request)

        return normal
