"""The audit trail in the API: a scenario's (``/api/scenarios/ID/audit``) and the whole trail, accounts
included (``/api/audit``, editors and admins), a page of JSON at a time or the whole of it as CSV: read in
one transaction and written whole (in memory, or a temporary file when large) before any of it is sent, so
a failure on the way is an error answer (JSON, status 500 or 503), never a download cut short.

Every write is in the trail (who, when, what, from what to what, why), in the same transaction as the
write itself; nothing in the app changes or deletes a row of it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from functools import partial
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from whipcount.errors import InputError
from whipcount.io.csv_cells import safe_cell
from whipcount.io.days import read_day_field
from whipcount.io.limits import quoted
from whipcount.model.ids import ID_MAX
from whipcount.storage import AuditFilter, AuditRow
from whipcount.storage.schema import NAME_MAX, SUBJECT_WIDTH
from whipcount.storage.store_core import AUDIT_ACTIONS
from whipcount.web import anonymous
from whipcount.web.api import Reader
from whipcount.web.auth import HTTPError, current_user
from whipcount.web.body import StrictJSONRoute

__all__ = ["CSV_COLUMNS", "router", "trail_filter"]

router = APIRouter(prefix="/api", tags=["api"], route_class=StrictJSONRoute)
CSV_COLUMNS = ("id", "at", "user", "scenario", "action", "target", "before", "after", "reason")
PAGE = 1000  # rows read at a time for a CSV export (the JSON answer's largest page)
SPOOL = 4 * 1024 * 1024  # bytes of a CSV export kept in memory; a larger one is written to a temporary file
CHUNK = 64 * 1024  # bytes sent at a time

Limit = Annotated[int, Query(ge=1, le=PAGE)]
Before = Annotated[int | None, Query(ge=1, description="The cursor: next_before of the previous page")]
Action = Annotated[Literal[AUDIT_ACTIONS] | None, Query(description="only the rows of this action")]  # type: ignore[valid-type]
Format = Annotated[Literal["json", "csv"], Query(description="json: one page; csv: every row, newest first")]
Bom = Annotated[bool, Query(description="with format=csv: start the file with a UTF-8 byte-order mark, for Excel "
                                        "(opened with a double-click it then reads names in every script as written)")]
BOM = "\ufeff".encode()
"""The byte-order mark ``bom=1`` starts a CSV with (EF BB BF), as the command line's ``--bom`` does: Excel reads a
CSV without one as the computer's code page, so a name in Urdu, Hebrew or Japanese came out as mojibake."""
Who = Annotated[str | None, Query(alias="user", description="only the rows this user wrote (the name exactly "
                                  "as recorded; signed-in readers only)")]
Target = Annotated[str | None, Query(description="only the rows about this target, exactly (event:3, user:alice, "
                                     "a scenario's id for its load), or a subject with its sides and parts "
                                     "(party:pti also finds party:pti@opposition and party:pti/part)")]
From = Annotated[str | None, Query(alias="from", description="only the rows written on or after this day (UTC), "
                                   "YYYY-MM-DD")]
To = Annotated[str | None, Query(description="only the rows written on or before this day (UTC), YYYY-MM-DD")]


def trail_filter(*, scenario_id: str | None = None, action: str | None = None, user: str | None = None,
                 target: str | None = None, day_from: str | None = None, day_to: str | None = None) -> AuditFilter:
    """The rows a reader asks for, from a query's text (each empty: any), or a 422 naming the parameter: a
    scenario, user or target longer than its column or with a control character, a day not written
    YYYY-MM-DD, a range that ends before it starts. A user or target no row has is no error: it selects no row."""
    first, last = _day("from", day_from), _day("to", day_to)
    if first and last and last < first:
        raise HTTPError(422, f"query.to: expected a day on or after from ({first}), got {quoted(day_to)}")
    return AuditFilter(
        scenario_id=_text("scenario", scenario_id, ID_MAX), action=action or None,
        user=_text("user", user, NAME_MAX), target=_text("target", target, SUBJECT_WIDTH),
        since=_midnight(first), until=_midnight(last + dt.timedelta(days=1)) if last and last < dt.date.max else None)


def _day(field: str, text: str | None) -> dt.date | None:
    try:
        return read_day_field(f"query.{field}", text)
    except InputError as exc:
        raise HTTPError(422, str(exc)) from None


def _text(field: str, text: str | None, width: int) -> str | None:
    if not text:
        return None
    if len(text) > width:
        raise HTTPError(422, f"query.{field}: expected at most {width:,} characters, got {len(text):,}")
    bad = next((c for c in text if unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise HTTPError(422, f"query.{field}: control characters are not allowed (U+{ord(bad):04X})")
    return text


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return dt.datetime.combine(day, dt.time(), dt.UTC) if day else None


def _answer(store: Any, where: AuditFilter, *, limit: int, before: int | None, fmt: str, name: str,
            hidden: tuple[str, ...] = (), bom: bool = False) -> Any:
    """A page of the rows ``where`` selects (or all of them as CSV, with ``bom`` after a byte-order mark), without
    the fields ``hidden``; ``bom`` asked for a page of JSON is a 422, as ``--bom`` where no CSV is written."""
    if bom and fmt != "csv":
        raise HTTPError(422, "query.bom: a byte-order mark starts a CSV file: expected format=csv with it")
    if fmt == "csv":
        return _csv_response(_csv_file(store, where, before, hidden, bom=bom), name)
    rows = store.audit(limit=limit + 1, before=before, where=where)  # one more: is there a next page?
    page = rows[:limit]
    return {"ok": True, "audit": anonymous.rows((a.as_dict() for a in page), hidden),
            "next_before": page[-1].id if len(rows) > limit and page else None}


def _rows(store: Any, where: AuditFilter, before: int | None) -> Iterator[AuditRow]:
    """Every row ``where`` selects (from ``before``), newest first, read a page at a time in one transaction."""
    with closing(store.audit_pages(before=before, page=PAGE, where=where)) as pages:
        for rows in pages:
            yield from rows


def _csv_file(store: Any, where: AuditFilter, before: int | None, hidden: tuple[str, ...] = (), *,
              bom: bool = False) -> IO[bytes]:
    """The trail as a whole CSV file (before and after as JSON; text a spreadsheet would run as a formula
    starts with an apostrophe): kept in memory up to :data:`SPOOL` bytes, then on disk. Written whole
    before any of it is sent, so a failure on the way is an error answer, never a file cut short."""
    body = tempfile.SpooledTemporaryFile(max_size=SPOOL, mode="w+b")  # closed once sent, or on a failure
    try:
        body.write(BOM if bom else b"")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = [c for c in CSV_COLUMNS if c not in hidden]
        writer.writerow(columns)
        for n, a in enumerate(_rows(store, where, before), 1):
            d = a.as_dict()
            writer.writerow([safe_cell(v if k not in ("before", "after") or v is None
                                        else json.dumps(v, ensure_ascii=False, sort_keys=True))
                             for k, v in ((c, d[c]) for c in columns)])
            if n % PAGE == 0:
                body.write(out.getvalue().encode("utf-8"))
                out.seek(0)
                out.truncate()
        body.write(out.getvalue().encode("utf-8"))
    except BaseException:
        body.close()
        raise
    return body


def _csv_response(body: IO[bytes], name: str) -> StreamingResponse:
    """``body`` sent from its start, its length stated, and closed once sent."""
    size = body.seek(0, io.SEEK_END)
    body.seek(0)
    return StreamingResponse(iter(partial(body.read, CHUNK), b""), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"',
                                      "Content-Length": str(size)},
                             background=BackgroundTask(body.close))


@router.get("/scenarios/{scenario_id}/audit",
            summary="The audit trail: who changed what, when, from what to what, why")
def scenario_audit(scenario_id: str, request: Request, user: Reader, limit: Limit = 100, before: Before = None,
                   action: Action = None, format: Format = "json", who: Who = None, target: Target = None,
                   day_from: From = None, to: To = None, bom: Bom = False) -> Any:
    """Newest first, ``limit`` rows a page; ``next_before`` (null on the last page) fetches the next.
    ``format=csv``: every row (from ``before``, if given) as one CSV file (``bom=1``: for Excel). ``user``,
    ``target``, ``from`` and ``to`` narrow both (:func:`trail_filter`). A reader not signed in is not told who wrote
    a row nor the reason given (:data:`~whipcount.web.anonymous.AUDIT_HIDDEN`), so cannot ask for the rows of a user
    either."""
    store = request.app.state.wc.store
    if not store.has_scenario(scenario_id):
        raise HTTPError(404, f"no scenario {quoted(scenario_id)} in the database")
    if who and user is None:
        raise HTTPError(401, "query.user: sign in to ask for the rows a user wrote")
    where = trail_filter(scenario_id=scenario_id, action=action, user=who, target=target, day_from=day_from,
                         day_to=to)
    return _answer(store, where, limit=limit, before=before, fmt=format, name=f"audit-{scenario_id}",
                   hidden=() if user is not None else anonymous.AUDIT_HIDDEN, bom=bom)


@router.get("/audit", summary="The whole audit trail, accounts included (editors and admins)")
def whole_audit(request: Request, limit: Limit = 100, before: Before = None, action: Action = None,
                format: Format = "json", who: Who = None, target: Target = None, day_from: From = None,
                to: To = None, scenario: Annotated[str | None, Query(description="only this scenario's rows")] = None,
                bom: Bom = False) -> Any:
    """Every scenario's rows and the accounts' (``user.add``, ``user.remove``, ``user.role``,
    ``user.password``, with no scenario), newest first, as :func:`scenario_audit`; ``scenario`` narrows them to
    one scenario's (an unknown one: no row)."""
    user = current_user(request)
    if user is None or not user.can_edit:
        raise HTTPError(403 if user else 401, "the whole audit trail is for editors and admins: sign in as one")
    where = trail_filter(scenario_id=scenario, action=action, user=who, target=target, day_from=day_from, day_to=to)
    return _answer(request.app.state.wc.store, where, limit=limit, before=before, fmt=format, name="audit",
                   bom=bom)
