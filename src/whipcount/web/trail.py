"""The audit trail's pages: a scenario's under its event log (``/s/ID/events``, for every reader) and the whole
trail, account changes included (``/audit``, for admins). Both filter by what the API filters by (action,
user, target, days: :func:`~whipcount.web.audit.trail_filter`, applied in the query), page back through the
trail with the API's cursor, and link to the CSV export of every row the filters select."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from whipcount.errors import WhipcountError
from whipcount.io.limits import quoted
from whipcount.storage import AuditFilter
from whipcount.storage.store_core import AUDIT_ACTIONS
from whipcount.web.api import event_log, reader
from whipcount.web.audit import Before, trail_filter
from whipcount.web.auth import HTTPError, current_user
from whipcount.web.pages import render

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
SHOWN = 200  # equivalent mutants "200 -> 199", "200 -> 201": how many audit rows a page lists
FIELDS = ("action", "user", "target", "from", "to")
"""The filters of a scenario's trail, as the form and the API name them (the whole trail's adds ``scenario``)."""


def _action(action: str) -> str | None:
    """The form's action (empty: any), or a 422 naming the actions, as the API's."""
    if action and action not in AUDIT_ACTIONS:
        raise HTTPError(422, f"query.action: expected one of {', '.join(map(repr, AUDIT_ACTIONS))}, "
                             f"got {quoted(action)}")
    return action or None


def _shown(request: Request, where: AuditFilter, before: int | None, f: dict[str, str], path: str,
           export: str, anchor: str = "", keep: dict[str, str] | None = None) -> dict[str, Any]:
    """A page of the rows ``where`` selects, how many there are in all, and the links: the next page (the
    cursor, as the API's ``next_before``), the first, and the CSV of every row the filters select. The page's
    links and its form keep ``keep`` (a further motion the reader came from), which selects no row."""
    store = request.app.state.wc.store
    rows = store.audit(limit=SHOWN + 1, before=before, where=where)  # one more: is there a next page?
    page = rows[:SHOWN]
    given = {k: v for k, v in f.items() if v}
    kept = {k: v for k, v in (keep or {}).items() if v}
    older = (f"{path}?{urlencode({**kept, **given, 'before': page[-1].id})}{anchor}" if len(rows) > SHOWN and page
             else None)
    return {"audit": page, "described": _events_described(store, page),
            "matching": store.count_audit(where=where), "f": f, "filtered": bool(given),
            "older": older, "newest": f"{path}?{urlencode({**kept, **given})}{anchor}" if before else None,
            "anchor": anchor, "keep": kept, "clear": f"{path}{'?' + urlencode(kept) if kept else ''}{anchor}",
            "csv": f"{export}?{urlencode({**given, 'format': 'csv'})}",
            "excel": f"{export}?{urlencode({**given, 'format': 'csv', 'bom': 1})}"}


def _events_described(store: Any, rows: list[Any]) -> dict[int, tuple[str, Any]]:
    """Each appended event of ``rows`` (``event.append``) in words, as the event log lists it: its day, its kind
    in words and what it moved, parties by their names ('2022-07-29 Resignation: 1 of PTI: seat vacated (resign)'),
    with the event (for its sources, its note and whether it is verified), by the row's id; a row that can no
    longer be read as an event keeps its JSON."""
    from whipcount.model import Event
    from whipcount.model.events import kind_label
    from whipcount.storage.codec import decode_as

    out: dict[int, tuple[str, Any]] = {}
    names: dict[str | None, Any] = {}
    for a in rows:
        if a.action != "event.append" or not isinstance(a.after, dict):
            continue
        try:
            ev = decode_as(Event, a.after)
            if a.scenario_id not in names:
                names[a.scenario_id] = store.snapshot(a.scenario_id).scenario.names if a.scenario_id else {}
        except WhipcountError:
            continue
        out[a.id] = (f"{ev.date.isoformat()} {kind_label(ev.kind)}: {ev.describe(names[a.scenario_id])}", ev)
    return out


@router.get("/s/{scenario_id}/events")
def events_page(request: Request, scenario_id: str, action: str = "", user: str = "", target: str = "",
                day_from: str = Query("", alias="from"), to: str = "", before: Before = None,
                motion: str = "") -> Response:
    """The event log and the scenario's audit trail, filtered; a reader not signed in is not shown who wrote
    what, nor why, so cannot filter by who either. Both are the scenario's, every motion's; ``motion`` (a further
    one the reader came from) keeps the page's links to that motion's pages."""
    signed_in = reader(request) is not None
    wc = request.app.state.wc
    # 404 for a scenario not in the database, or a motion it lacks
    board = wc.motion_board(scenario_id, motion or None).data_for(signed_in)
    main = board["motions"][:1] == [] or board["motion"]["id"] == board["motions"][0]["id"]
    if user and not signed_in:
        raise HTTPError(401, "query.user: sign in to ask for the rows a user wrote")
    where = trail_filter(scenario_id=scenario_id, action=_action(action), user=user, target=target,
                         day_from=day_from, day_to=to)
    f = {"action": action, "user": user, "target": target, "from": day_from, "to": to}
    path = f"/s/{quote(scenario_id)}/events"
    logged, names = event_log(wc, scenario_id)
    return render(request, "events.html", board=board, events=logged, names=names, signed_in=signed_in,
                  actions=[a for a in AUDIT_ACTIONS if not a.startswith("user.")], path=path,
                  further=not main, **_shown(request, where, before, f, path,
                                             f"/api/scenarios/{quote(scenario_id)}/audit", anchor="#audit",
                                             keep={"motion": "" if main else board["motion"]["id"]}))


@router.get("/audit")
def audit_page(request: Request, action: str = "", user: str = "", target: str = "", scenario: str = "",
               day_from: str = Query("", alias="from"), to: str = "", before: Before = None) -> Response:
    """The whole trail, account changes and database loads included, for admins."""
    who = current_user(request)
    if who is None or not who.is_admin:
        raise HTTPError(403 if who else 401, "the whole audit trail's page is for admins: sign in as one")
    where = trail_filter(scenario_id=scenario, action=_action(action), user=user, target=target,
                         day_from=day_from, day_to=to)
    f = {"action": action, "user": user, "target": target, "scenario": scenario, "from": day_from, "to": to}
    return render(request, "audit.html", signed_in=True, actions=AUDIT_ACTIONS, path="/audit",
                  **_shown(request, where, before, f, "/audit", "/api/audit"))
