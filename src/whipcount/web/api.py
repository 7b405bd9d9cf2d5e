"""The JSON API (``/api``): everything the pages do, documented at ``/api/docs`` (OpenAPI).

Reads need a session unless the server runs with ``--public-read``; writes need an editor's session
and the session's CSRF token in the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from whipcount.errors import InputError
from whipcount.io.days import read_day_field
from whipcount.io.limits import quoted
from whipcount.model.ids import is_id
from whipcount.model.names import folded
from whipcount.web import anonymous
from whipcount.web.api_bodies import (
    EventAppend,
    LoginIn,
    StanceChange,
    StanceName,
    StanceTakeBack,
    body_place,
    event_from,
    line_breaks,
)
from whipcount.web.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    HTTPError,
    SessionUser,
    check_csrf,
    check_origin,
    current_user,
    known_device,
    sign_out,
    start_session,
)
from whipcount.web.body import StrictJSONRoute
from whipcount.web.days import DayBeforeSeats, DayNotYet
from whipcount.web.gate import before_body
from whipcount.web.login import client_address, sign_in

__all__ = ["EventAppend", "LoginIn", "StanceChange", "StanceTakeBack", "event_from", "line_breaks", "router"]

router = APIRouter(prefix="/api", tags=["api"], route_class=StrictJSONRoute)


def _wc(request: Request) -> Any:
    return request.app.state.wc


def scenario_ref(value: str) -> str:
    """A scenario's id as a request names it (in its path, or in its query: ``a`` and ``b`` of a comparison,
    ``scenario`` of the live stream), or a 404 as for a scenario not in the database: text that is no id (a
    control character, more than 80 characters...) names no stored scenario, and is never sent to the
    database (PostgreSQL refuses text with a NUL in it, where SQLite finds no row)."""
    if not is_id(value):
        raise HTTPError(404, f"no scenario {quoted(value)} in the database")
    return value


def path_scenario(request: Request) -> None:
    """The scenario id in the request's path, if any, checked by :func:`scenario_ref` (once the reader or
    writer is known, so that a client not signed in is told to sign in first)."""
    scenario_id = request.path_params.get("scenario_id")
    if scenario_id is not None:
        scenario_ref(scenario_id)


def reader(request: Request) -> SessionUser | None:
    """Anyone in public-read mode, else a signed-in user (the scenario in the path checked by
    :func:`path_scenario`)."""
    user = current_user(request)
    if user is None and not _wc(request).public_read:
        raise HTTPError(401, "sign in to read this (POST /api/login), or run the server with --public-read")
    path_scenario(request)
    return user


@before_body
def editor(request: Request) -> SessionUser:
    """A signed-in editor or admin whose request carries the session's CSRF token (the scenario in the path
    checked by :func:`path_scenario`), checked before the body is read (:mod:`whipcount.web.gate`)."""
    user = current_user(request)
    if user is None:
        raise HTTPError(401, "sign in as an editor to change anything (POST /api/login)")
    if not user.can_edit:
        raise HTTPError(403, f"{user.name} is a {user.role}: only editors and admins can change anything")
    check_csrf(request, request.headers.get(CSRF_HEADER))
    path_scenario(request)
    return user


async def _reader(request: Request) -> SessionUser | None:
    """:func:`reader` as the API's dependency: decided on the event loop when no session is to be
    looked up (no session cookie), so that a public read costs no thread; a session's database look-up
    goes to a worker thread, never the loop."""
    if not request.cookies.get(SESSION_COOKIE):
        return reader(request)
    return await run_in_threadpool(reader, request)


Reader = Annotated[SessionUser | None, Depends(_reader)]
Editor = Annotated[SessionUser, Depends(editor)]


def parse_on(value: str | None, field: str = "on") -> dt.date | None:
    """A query parameter's day (``on``, ``on_a``...; none or empty: none) as every day the app takes is read
    (:func:`~whipcount.io.days.read_day`: YYYY-MM-DD, nothing else), or a 400 naming the parameter."""
    return read_day_field(field, value)


# -- session ----------------------------------------------------------------------------------------
@before_body
def same_site_json(request: Request) -> None:
    """Sign-in takes only a same-site JSON body (:class:`~whipcount.web.body.StrictJSONRoute` refuses any other
    type): no other site can make a browser send one without asking first (CORS), so no page elsewhere can
    sign a visitor in to an account of its choosing."""
    check_origin(request)


@router.post("/login", summary="Sign in (a JSON body); returns the CSRF token for writes",
             dependencies=[Depends(same_site_json)])
async def login(body: LoginIn, request: Request, response: Response) -> dict[str, Any]:
    wc = _wc(request)
    user = await sign_in(wc, body.name, body.password, client_address(request, wc.proxies),
                         await run_in_threadpool(known_device, request, body.name))
    csrf = await run_in_threadpool(start_session, request, response, user)
    return {"ok": True, "user": user.name, "role": user.role, "csrf_token": csrf}


@router.post("/logout", summary="Sign out")
def logout(request: Request, response: Response) -> dict[str, Any]:
    sign_out(request, response, request.headers.get(CSRF_HEADER))
    return {"ok": True}


@router.get("/me", summary="Who is signed in")
def me(request: Request) -> dict[str, Any]:
    user = current_user(request)
    return {"ok": True, "user": user.name if user else None, "role": user.role if user else None,
            "csrf_token": user.csrf if user else None}


# -- reading ----------------------------------------------------------------------------------------
@router.get("/scenarios", summary="Stored scenarios")
def list_scenarios(request: Request, _: Reader) -> dict[str, Any]:
    return {"ok": True, "scenarios": [
        {"id": s.id, "title": s.title, "revision": s.revision, "updated_at": s.updated_at.isoformat()}
        for s in _wc(request).store.scenarios()
    ]}


@router.get("/scenarios/{scenario_id}", summary="A scenario: chamber, motions, parties, sources")
def get_scenario(scenario_id: str, request: Request, _: Reader) -> dict[str, Any]:
    from whipcount.storage.codec import encode

    wc = _wc(request)
    s = wc.store.scenario(scenario_id)
    return {"ok": True, "id": s.id, "title": s.title, "description": s.description,
            "revision": wc.revision(scenario_id), "chamber": encode(s.chamber),
            "parties": encode(s.parties), "motions": encode(s.motions), "sources": encode(s.sources),
            "unverified": list(s.unverified)}


@router.get("/scenarios/{scenario_id}/dashboard", summary="The dashboard: tally, magic number, P(pass), last changes")
async def dashboard(scenario_id: str, request: Request, user: Reader,
                    on: Annotated[str | None, Query(description="YYYY-MM-DD")] = None,
                    motion: Annotated[str | None, Query(description="a motion's id (default: the main one)")] = None,
                    ) -> Response:
    wc = _wc(request)
    day = parse_on(on)
    # served from memory on the event loop; only a board not computed yet costs a thread and a wait
    cached: Any = wc.ready(scenario_id, day) if not motion else None
    if cached is None:  # an empty motion is the main one, as on the page and the other routes
        cached = await run_in_threadpool(wc.motion_board, scenario_id, motion or None, day)
    signed_in = user is not None  # a reader not signed in is not told who wrote what (whipcount.web.anonymous)
    etag = cached.etag_for(signed_in)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    return Response(cached.body_for(signed_in), media_type="application/json",
                    headers={"ETag": etag, "Cache-Control": "private, no-cache"})


def filter_rows(board: dict[str, Any], *, side: str | None, party: str | None, stance: str | None,
                q: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Positions of the whip count and named members matching every filter given (``q``: part of a name, as
    typed: :func:`~whipcount.model.names.folded`)."""
    needle = folded(q or "")

    def keep(row: dict[str, Any], name: str) -> bool:
        # a member without a stance of their own is counted as the rest of their party (``counted_as``)
        counted = row.get("stance") or row.get("counted_as")
        return ((not side or row.get("side") == side) and (not party or row.get("party") == party)
                and (not stance or counted == stance)
                and (not needle or needle in folded(name)))

    positions = [p for p in board["positions"] if keep(p, f"{p['label']} {p['party']}")]
    members = [m for m in board["members"] if keep(m, f"{m['name']} {m.get('constituency') or ''}")]
    return positions, members


@router.get("/scenarios/{scenario_id}/members", summary="Positions of the whip count and named members, with filters")
def members(scenario_id: str, request: Request, user: Reader, side: str | None = None, party: str | None = None,
            stance: StanceName | None = None, q: str | None = None, on: str | None = None,
            motion: Annotated[str | None, Query(description="a motion's id (default: the main one)")] = None,
            ) -> dict[str, Any]:
    board = _wc(request).motion_board(scenario_id, motion or None, parse_on(on)).data_for(user is not None)
    positions, rows = filter_rows(board, side=side, party=party, stance=stance, q=q)
    return {"ok": True, "scenario": scenario_id, "date": board["date"], "positions": positions, "members": rows}


@router.get("/scenarios/{scenario_id}/stances", summary="The current whip count, one row per subject")
def stances(scenario_id: str, request: Request, user: Reader,
            motion: Annotated[str | None, Query(description="a further motion's id (default: the main one)")] = None,
            ) -> dict[str, Any]:
    wc = _wc(request)
    if not wc.store.has_scenario(scenario_id):
        raise HTTPError(404, f"no scenario {quoted(scenario_id)} in the database")
    rows = wc.store.motion_stances(scenario_id, motion) if motion and not _is_main(wc, scenario_id, motion) \
        else wc.store.stances(scenario_id)
    return {"ok": True, "stances": _shown(user, [s.as_dict() for s in rows], anonymous.STANCE_HIDDEN)}


def _is_main(wc: Any, scenario_id: str, motion: str) -> bool:
    """Whether ``motion`` is the id of the scenario's main motion (its stances are the dashboard's own)."""
    main = wc.store.snapshot(scenario_id).scenario.motion
    return main is not None and main.id == motion


def _shown(user: SessionUser | None, items: list[dict[str, Any]], hidden: tuple[str, ...]) -> list[dict[str, Any]]:
    """``items`` as ``user`` may see them: whole when signed in, else without the fields ``hidden``."""
    return items if user is not None else anonymous.rows(items, hidden)


@router.get("/scenarios/{scenario_id}/history", summary="Stance changes, newest first")
def history(scenario_id: str, request: Request, user: Reader, subject: str | None = None,
            limit: Annotated[int, Query(ge=1, le=1000)] = 100,
            before: Annotated[int | None, Query(ge=1, description="the cursor: the id of the last change of the "
                                                                  "previous page")] = None,
            motion: Annotated[str | None, Query(description="a further motion's id, with subject (default: the "
                                                            "main one)")] = None) -> dict[str, Any]:
    wc = _wc(request)
    if not wc.store.has_scenario(scenario_id):
        raise HTTPError(404, f"no scenario {quoted(scenario_id)} in the database")
    if motion and not _is_main(wc, scenario_id, motion):
        if not subject:
            raise HTTPError(422, "query.motion: a further motion's history is read one subject at a time (give "
                                 "subject too)")
        rows = wc.store.motion_history(scenario_id, motion, subject, limit=limit, before=before)
    else:
        rows = wc.store.history(scenario_id, limit=limit, subject=subject, before=before)
    changes = [h.as_dict() for h in rows]
    return {"ok": True, "history": changes if user is not None else anonymous.history(changes)}


@router.get("/scenarios/{scenario_id}/events", summary="The event log, in order")
def events(scenario_id: str, request: Request, user: Reader) -> dict[str, Any]:
    from whipcount.storage.codec import encode

    wc = _wc(request)
    if not wc.store.has_scenario(scenario_id):
        raise HTTPError(404, f"no scenario {quoted(scenario_id)} in the database")
    revision = wc.store.revision(scenario_id)  # read first: a write between the two reads is refused, not missed
    logged, names = event_log(wc, scenario_id)
    return {"ok": True, "revision": revision, "events": _shown(user, [
        {"seq": seq, "description": ev.describe(names), "added_by": by, "added_at": at.isoformat(), **encode(ev)}
        for seq, ev, by, at in logged
    ], anonymous.EVENT_HIDDEN)}


def event_log(wc: Any, scenario_id: str) -> tuple[list[tuple[int, Any, str | None, dt.datetime]], dict[str, str]]:
    """The stored log in the order a count applies it, by date and within a day as entered (an event appended
    later with an earlier date is listed on its day, not last), and the names its parties are known by (the
    report's: 'AML', not 'aml')."""
    logged = sorted(wc.store.events(scenario_id), key=lambda row: (row[1].date, row[0]))
    return logged, wc.store.snapshot(scenario_id).scenario.names


def compare_boards(wc: Any, a: str, b: str, on_a: str | None, on_b: str | None, motion_a: str | None = None,
                   motion_b: str | None = None) -> list[dict[str, Any]]:
    """Two dashboards, side by side, each of its scenario's main motion or of the further motion named."""
    scenario_ref(a)
    scenario_ref(b)
    boards = []
    for ref, on, motion, field in ((a, on_a, motion_a, "on_a"), (b, on_b, motion_b, "on_b")):
        try:
            boards.append(wc.motion_board(ref, motion or None, parse_on(on, field)).data)
        except (DayBeforeSeats, DayNotYet) as exc:
            raise exc.named(field) from None
    return boards


@router.get("/compare", summary="Two scenarios (or one on two dates, or two motions) side by side")
def compare(request: Request, _: Reader, a: str, b: str, on_a: str | None = None,
            on_b: str | None = None,
            motion_a: Annotated[str | None, Query(description="a motion of a (default: its main one)")] = None,
            motion_b: Annotated[str | None, Query(description="a motion of b (default: its main one)")] = None,
            ) -> dict[str, Any]:
    boards = compare_boards(_wc(request), a, b, on_a, on_b, motion_a, motion_b)
    keys = ("scenario", "title", "date", "motion", "sides", "vacancies", "magic_number", "tally", "yes", "short_by",
            "p_pass", "notes", "problems", "votes_recorded")
    return {"ok": True, "a": {k: boards[0][k] for k in keys}, "b": {k: boards[1][k] for k in keys}}


# -- writing ----------------------------------------------------------------------------------------
@router.post("/scenarios/{scenario_id}/stances", summary="Change a stance (409 if someone changed it first)")
def set_stance(scenario_id: str, body: StanceChange, request: Request, user: Editor) -> JSONResponse:
    wc = _wc(request)
    fields = {"stance": body.stance, "version": body.version, "user": user.name, "source": body.source,
              "note": body.note, "date": body.date, "seats": body.seats, "until": body.until}
    if body.motion and not _is_main(wc, scenario_id, body.motion):
        row = wc.store.set_motion_stance(scenario_id, body.motion, body.subject, **fields)
    else:
        row = wc.store.set_stance(scenario_id, body.subject, **fields)
    return JSONResponse({"ok": True, "stance": row.as_dict()}, status_code=200)


@router.post("/scenarios/{scenario_id}/stances/clear",
             summary="Take a stance back as wrong, or end it on a day (409 if someone changed it first)")
def clear_stance(scenario_id: str, body: StanceTakeBack, request: Request, user: Editor) -> JSONResponse:
    wc = _wc(request)
    fields = {"version": body.version, "user": user.name, "reason": body.reason, "until": body.until}
    if body.motion and not _is_main(wc, scenario_id, body.motion):
        row = wc.store.clear_motion_stance(scenario_id, body.motion, body.subject, **fields)
    else:
        row = wc.store.clear_stance(scenario_id, body.subject, **fields)
    if body.until is not None:  # the row stays, at its next version, ending that day
        return JSONResponse({"ok": True, "ended": row.as_dict()}, status_code=200)
    return JSONResponse({"ok": True, "cleared": row.as_dict()}, status_code=200)


@router.post("/scenarios/{scenario_id}/events", summary="Append an event to the log (409 if the scenario changed since "
                                                        "the revision given, or the log holds the same event)")
def append_event(scenario_id: str, body: EventAppend, request: Request, user: Editor) -> JSONResponse:
    seq = append_to_log(_wc(request), scenario_id, body, user.name)
    return JSONResponse({"ok": True, "seq": seq}, status_code=201)


def append_to_log(wc: Any, scenario_id: str, body: EventAppend, user: str) -> int:
    """Append the event of ``body`` to the scenario's log as ``user`` (the API's and the event form's one way
    in: :meth:`~whipcount.storage.Store.append_event` checks it as the loader checks a file); its sequence
    number. A source refused is named as the body gives it (``source``, then ``sources`` from 0)."""
    try:
        return int(wc.store.append_event(scenario_id, event_from(body), user=user, reason=body.reason,
                                         confirm=body.confirm, revision=body.revision, repeat=body.repeat))
    except InputError as exc:
        named = body_place(str(exc), body)
        if named is None:
            raise
        raise InputError(named) from None
