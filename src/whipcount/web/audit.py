"""The audit trail in the API: a scenario's (``/api/scenarios/ID/audit``) and the whole trail, accounts
included (``/api/audit``, editors and admins), a page of JSON at a time or the whole of it as CSV.

Every write is in the trail (who, when, what, from what to what, why), in the same transaction as the
write itself; nothing in the app changes or deletes a row of it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse

from whipcount.io.csv_cells import safe_cell
from whipcount.io.limits import quoted
from whipcount.storage import AuditRow
from whipcount.web.api import Reader
from whipcount.web.auth import HTTPError, current_user

__all__ = ["CSV_COLUMNS", "router"]

router = APIRouter(prefix="/api", tags=["api"])
CSV_COLUMNS = ("id", "at", "user", "scenario", "action", "target", "before", "after", "reason")
PAGE = 1000  # rows read at a time while a CSV export streams (the JSON answer's largest page)

Limit = Annotated[int, Query(ge=1, le=PAGE)]
Before = Annotated[int | None, Query(ge=1, description="The cursor: next_before of the previous page")]
Format = Annotated[Literal["json", "csv"], Query(description="json: one page; csv: every row, newest first")]


def _answer(store: Any, scenario_id: str | None, *, limit: int, before: int | None, action: str | None,
            fmt: str, name: str) -> Any:
    if fmt == "csv":
        return StreamingResponse(_csv(store, scenario_id, action, before), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    rows = store.audit(scenario_id, limit=limit + 1, action=action, before=before)  # one more: is there a next page?
    page = rows[:limit]
    return {"ok": True, "audit": [a.as_dict() for a in page],
            "next_before": page[-1].id if len(rows) > limit and page else None}


def _csv(store: Any, scenario_id: str | None, action: str | None, before: int | None) -> Iterator[str]:
    """The trail as CSV, read a page at a time (before and after as JSON; text a spreadsheet would run as a
    formula starts with an apostrophe)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    while True:
        rows: list[AuditRow] = store.audit(scenario_id, limit=PAGE, action=action, before=before)
        for a in rows:
            d = a.as_dict()
            writer.writerow([safe_cell(v if k not in ("before", "after") or v is None
                                        else json.dumps(v, ensure_ascii=False, sort_keys=True))
                             for k, v in ((c, d[c]) for c in CSV_COLUMNS)])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
        if len(rows) < PAGE:
            return
        before = rows[-1].id


@router.get("/scenarios/{scenario_id}/audit",
            summary="The audit trail: who changed what, when, from what to what, why")
def scenario_audit(scenario_id: str, request: Request, _: Reader, limit: Limit = 100, before: Before = None,
                   action: str | None = None, format: Format = "json") -> Any:
    """Newest first, ``limit`` rows a page; ``next_before`` (null on the last page) fetches the next.
    ``format=csv``: every row (from ``before``, if given) as one CSV file."""
    store = request.app.state.wc.store
    if not store.has_scenario(scenario_id):
        raise HTTPError(404, f"no scenario {quoted(scenario_id)} in the database")
    return _answer(store, scenario_id, limit=limit, before=before, action=action, fmt=format,
                   name=f"audit-{scenario_id}")


@router.get("/audit", summary="The whole audit trail, accounts included (editors and admins)")
def whole_audit(request: Request, limit: Limit = 100, before: Before = None, action: str | None = None,
                format: Format = "json") -> Any:
    """Every scenario's rows and the accounts' (``user.add``, ``user.remove``, ``user.role``,
    ``user.password``, with no scenario), newest first, as :func:`scenario_audit`."""
    user = current_user(request)
    if user is None or not user.can_edit:
        raise HTTPError(403 if user else 401, "the whole audit trail is for editors and admins: sign in as one")
    return _answer(request.app.state.wc.store, None, limit=limit, before=before, action=action, fmt=format,
                   name="audit")
