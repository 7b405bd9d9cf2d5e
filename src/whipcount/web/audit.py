"""The audit trail in the API: a scenario's (``/api/scenarios/ID/audit``) and the whole trail, accounts
included (``/api/audit``, editors and admins), a page of JSON at a time or the whole of it as CSV: read in
one transaction and written whole (in memory, or a temporary file when large) before any of it is sent, so
a failure on the way is an error answer (JSON, status 500 or 503), never a download cut short.

Every write is in the trail (who, when, what, from what to what, why), in the same transaction as the
write itself; nothing in the app changes or deletes a row of it.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator
from contextlib import closing
from functools import partial
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from whipcount.io.csv_cells import safe_cell
from whipcount.io.limits import quoted
from whipcount.storage import AuditRow
from whipcount.storage.store_core import AUDIT_ACTIONS
from whipcount.web import anonymous
from whipcount.web.api import Reader
from whipcount.web.auth import HTTPError, current_user
from whipcount.web.body import StrictJSONRoute

__all__ = ["CSV_COLUMNS", "router"]

router = APIRouter(prefix="/api", tags=["api"], route_class=StrictJSONRoute)
CSV_COLUMNS = ("id", "at", "user", "scenario", "action", "target", "before", "after", "reason")
PAGE = 1000  # rows read at a time for a CSV export (the JSON answer's largest page)
SPOOL = 4 * 1024 * 1024  # bytes of a CSV export kept in memory; a larger one is written to a temporary file
CHUNK = 64 * 1024  # bytes sent at a time

Limit = Annotated[int, Query(ge=1, le=PAGE)]
Before = Annotated[int | None, Query(ge=1, description="The cursor: next_before of the previous page")]
Action = Annotated[Literal[AUDIT_ACTIONS] | None, Query(description="only the rows of this action")]  # type: ignore[valid-type]
Format = Annotated[Literal["json", "csv"], Query(description="json: one page; csv: every row, newest first")]


def _answer(store: Any, scenario_id: str | None, *, limit: int, before: int | None, action: str | None,
            fmt: str, name: str, hidden: tuple[str, ...] = ()) -> Any:
    """A page of the trail (or all of it as CSV), without the fields ``hidden``."""
    if fmt == "csv":
        return _csv_response(_csv_file(store, scenario_id, action, before, hidden), name)
    rows = store.audit(scenario_id, limit=limit + 1, action=action, before=before)  # one more: is there a next page?
    page = rows[:limit]
    return {"ok": True, "audit": anonymous.rows((a.as_dict() for a in page), hidden),
            "next_before": page[-1].id if len(rows) > limit and page else None}


def _rows(store: Any, scenario_id: str | None, action: str | None, before: int | None) -> Iterator[AuditRow]:
    """Every row of the trail (from ``before``), newest first, read a page at a time in one transaction."""
    with closing(store.audit_pages(scenario_id, action=action, before=before, page=PAGE)) as pages:
        for rows in pages:
            yield from rows


def _csv_file(store: Any, scenario_id: str | None, action: str | None, before: int | None,
              hidden: tuple[str, ...] = ()) -> IO[bytes]:
    """The trail as a whole CSV file (before and after as JSON; text a spreadsheet would run as a formula
    starts with an apostrophe): kept in memory up to :data:`SPOOL` bytes, then on disk. Written whole
    before any of it is sent, so a failure on the way is an error answer, never a file cut short."""
    body = tempfile.SpooledTemporaryFile(max_size=SPOOL, mode="w+b")  # closed once sent, or on a failure
    try:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = [c for c in CSV_COLUMNS if c not in hidden]
        writer.writerow(columns)
        for n, a in enumerate(_rows(store, scenario_id, action, before), 1):
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
                   action: Action = None, format: Format = "json") -> Any:
    """Newest first, ``limit`` rows a page; ``next_before`` (null on the last page) fetches the next.
    ``format=csv``: every row (from ``before``, if given) as one CSV file. A reader not signed in is not told
    who wrote a row nor the reason given (:data:`~whipcount.web.anonymous.AUDIT_HIDDEN`)."""
    store = request.app.state.wc.store
    if not store.has_scenario(scenario_id):
        raise HTTPError(404, f"no scenario {quoted(scenario_id)} in the database")
    return _answer(store, scenario_id, limit=limit, before=before, action=action, fmt=format,
                   name=f"audit-{scenario_id}", hidden=() if user is not None else anonymous.AUDIT_HIDDEN)


@router.get("/audit", summary="The whole audit trail, accounts included (editors and admins)")
def whole_audit(request: Request, limit: Limit = 100, before: Before = None, action: Action = None,
                format: Format = "json") -> Any:
    """Every scenario's rows and the accounts' (``user.add``, ``user.remove``, ``user.role``,
    ``user.password``, with no scenario), newest first, as :func:`scenario_audit`."""
    user = current_user(request)
    if user is None or not user.can_edit:
        raise HTTPError(403 if user else 401, "the whole audit trail is for editors and admins: sign in as one")
    return _answer(request.app.state.wc.store, None, limit=limit, before=before, action=action, fmt=format,
                   name="audit")
