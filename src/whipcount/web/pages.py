"""The pages: dashboard, members and parties, the stance form, compare, login (the event log and the audit
trail: :mod:`whipcount.web.trail`).

Forms post back to the page that drew them; on bad input or a conflict the form is drawn again with
the message (and, on a conflict, the newer value), and nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from whipcount.errors import ConflictError, InputError, NotFound, WhipcountError, cut_long_values
from whipcount.io.days import read_day_field
from whipcount.io.limits import MAX_SEATS, quoted
from whipcount.model import STANCES
from whipcount.storage import Subject
from whipcount.storage.accounts import MAX_PASSWORD
from whipcount.storage.further import further_motion
from whipcount.storage.schema import INT_MAX, NAME_MAX
from whipcount.storage.whip import CONFLICT_ADVICE
from whipcount.web.api import compare_boards, filter_rows, parse_on, path_scenario, reader, scenario_ref
from whipcount.web.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    HTTPError,
    SessionUser,
    background,
    check_csrf,
    current_user,
    known_device,
    sign_out,
    start_session,
)
from whipcount.web.form import NormalFormRoute
from whipcount.web.live import sse_stream
from whipcount.web.login import client_address, sign_in
from whipcount.web.rendering import page_context

__all__ = ["router"]

router = APIRouter(include_in_schema=False, route_class=NormalFormRoute)  # forms read as the API reads text


def _wc(request: Request) -> Any:
    return request.app.state.wc


def render(request: Request, template: str, status: int = 200, headers: dict[str, str] | None = None,
           **ctx: Any) -> HTMLResponse:
    """A page with the common context (user, CSRF token, scenarios)."""
    html = _wc(request).templates.get_template(template).render(**page_context(request), **ctx)
    return HTMLResponse(html, status_code=status, headers=headers)


def _safe_next(value: str | None) -> str:
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@router.get("/")
def home(request: Request) -> Response:
    reader(request)
    scenarios = _wc(request).store.scenarios()
    if not scenarios:
        return render(request, "error.html", status=404, status_code=404,
                      message="no scenario in the database yet: load one with `whipcount db load SCENARIO`",
                      errors=[])
    return RedirectResponse(f"/s/{quote(scenarios[0].id)}", status_code=303)


@router.get("/login")
def login_page(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", next=_safe_next(next), error=None, name="")


@router.post("/login")
async def login_submit(request: Request, name: str = Form(""), password: str = Form(""),
                       csrf_token: str = Form("", alias=CSRF_FIELD), next: str = Form("/")) -> Response:
    await run_in_threadpool(check_csrf, request, csrf_token, before_login=True)
    wc = _wc(request)
    target = _safe_next(next)
    if not name or not password or len(name) > NAME_MAX or len(password) > MAX_PASSWORD:
        return render(request, "login.html", status=400, next=target, name=name[:NAME_MAX],
                      error="give your user name and password")
    try:
        device = await run_in_threadpool(known_device, request, name)
        user = await sign_in(wc, name, password, client_address(request, wc.proxies), device)
    except HTTPError as exc:
        if exc.status not in (401, 429, 503):
            raise
        return render(request, "login.html", status=exc.status, next=target, name=name, error=exc.message,
                      headers=exc.headers)
    response = RedirectResponse(target, status_code=303)
    await run_in_threadpool(start_session, request, response, user)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    """Sign out (:func:`~whipcount.web.auth.sign_out`): to the sign-in page, the cookie cleared, also when the
    session had already ended (timed out, a new password, the account removed)."""
    response = RedirectResponse("/login", status_code=303)
    sign_out(request, response, csrf_token)
    return response


@router.get("/s/{scenario_id}")
def dashboard(request: Request, scenario_id: str, on: str | None = None, motion: str = "") -> Response:
    signed_in = reader(request) is not None  # a reader not signed in is not shown who wrote what
    wc = _wc(request)
    day = parse_on(on)
    cached = wc.motion_board(scenario_id, motion or None, day)
    data = cached.data_for(signed_in)
    further = data["motions"][:1] != [] and data["motion"]["id"] != data["motions"][0]["id"]
    live = day is None
    fragment = (wc.fragment_of(cached, signed_in=signed_in) if live
                else wc.render_fragment(cached, signed_in=signed_in))
    return render(request, "dashboard.html", board=data, fragment=fragment, live=live, further=further,
                  on=on or "")


@router.get("/s/{scenario_id}/live")
def live_fragment(request: Request, scenario_id: str, motion: str = "") -> Response:
    """The live part of the dashboard (of the further motion ``motion``, if given), fetched by live.js."""
    background(request)  # fetched by live.js, not by the person
    signed_in = reader(request) is not None
    cached, html = _wc(request).fragment(scenario_id, request, signed_in=signed_in, motion=motion or None)
    return HTMLResponse(html, headers={"X-Revision": str(cached.revision), "Cache-Control": "private, no-cache"})


@router.get("/s/{scenario_id}/members")
def members_page(request: Request, scenario_id: str, side: str = "", party: str = "", stance: str = "",
                 q: str = "", motion: str = "") -> Response:
    """The positions and members of the main motion, or of the further motion ``motion``, as the API's."""
    signed_in = reader(request) is not None
    if stance and stance not in STANCES:  # as the API's filter: no stance is not no member
        raise HTTPError(422, f"query.stance: expected one of {', '.join(STANCES)}, got {quoted(stance)}")
    board = _wc(request).motion_board(scenario_id, motion or None).data_for(signed_in)
    further = board["motions"][:1] != [] and board["motion"]["id"] != board["motions"][0]["id"]
    positions, members = filter_rows(board, side=side or None, party=party or None, stance=stance or None,
                                     q=q or None)
    parties = sorted({(p["party"], p["label"].split(" (")[0].split(":")[0]) for p in board["positions"]
                      if not p["member"]}, key=lambda p: p[1])
    return render(request, "members.html", board=board, positions=positions, members=members, parties=parties,
                  f={"side": side, "party": party, "stance": stance, "q": q}, further=further)


def _further(request: Request, scenario_id: str, motion: str | None) -> str | None:
    """The further motion a stance form is for (None: the main motion, also when ``motion`` names it); a 404
    naming the motions for an id the scenario lacks. A form's field sent empty (``""``; None: not sent, as the
    main motion's form sends none) is refused, not read as the main motion."""
    if motion is None:
        return None
    if not motion:
        raise HTTPError(400, "motion: expected a further motion's id (the field is left out for the main motion's "
                             "stance), got ''; nothing was written")
    scenario = _wc(request).store.snapshot(scenario_id).scenario
    if scenario.motion is not None and scenario.motion.id == motion:
        return None
    further_motion(scenario, motion)
    return motion


def _stance_form(request: Request, scenario_id: str, subject: str, *, status: int = 200, error: str | None = None,
                 values: dict[str, Any] | None = None, conflict: bool = False, motion: str | None = None) -> Response:
    wc = _wc(request)
    subj = wc.store.check_subject(scenario_id, subject)  # 404 for a party or member the scenario lacks
    board = (wc.motion_board(scenario_id, motion) if motion else wc.board(scenario_id)).data
    own = (wc.store.motion_stance(scenario_id, motion, str(subj)) if motion
           else wc.store.stance(scenario_id, str(subj)))
    shown = next((p for p in board["positions"] if p["subject"] == str(subj)), None)
    name = shown["label"] if shown else str(subj)
    form = {"stance": own.stance if own else (shown["stance"] if shown else "undecided"),
            "source": own.source if own else "", "note": own.note if own else "",
            "version": own.version if own else 0, "date": "", "seats": own.seats if own and own.seats else "",
            "until": ""}
    form.update(values or {})
    history = (wc.store.motion_history(scenario_id, motion, str(subj)) if motion
               else wc.store.history(scenario_id, limit=20, subject=str(subj)))  # equivalent mutant: a display limit
    return render(request, "stance.html", status=status, board=board, subject=str(subj), part=subj.part,
                  office=shown["office"] if shown and subj.office else None, name=name, current=own, shown=shown,
                  form=form, error=error, history=history, conflict=conflict, motion=motion)


@router.get("/s/{scenario_id}/stance")
def stance_page(request: Request, scenario_id: str, subject: str = "", motion: str = "") -> Response:
    reader(request)
    user = current_user(request)
    if user is None or not user.can_edit:
        raise HTTPError(403 if user else 401, "only editors and admins can change the whip count")
    return _stance_form(request, scenario_id, subject, motion=_further(request, scenario_id, motion or None))


def _form_editor(request: Request, scenario_id: str, subject: str, csrf_token: str,
                 motion: str | None = None) -> SessionUser:
    """The editor sending a stance form, with the session's CSRF token."""
    user = current_user(request)
    if user is None:  # e.g. the session timed out while the form was open: sign-in leads back to this subject
        which = f"&motion={quote(motion)}" if motion else ""
        raise HTTPError(401, "sign in as an editor to change anything",
                        next_path=f"/s/{quote(scenario_id)}/stance?subject={quote(subject, safe=':@/')}{which}")
    if not user.can_edit:
        raise HTTPError(403, f"{user.name} is a {user.role}: only editors and admins can change the whip count")
    check_csrf(request, csrf_token)
    path_scenario(request)
    return user


@router.post("/s/{scenario_id}/stance")
def stance_submit(request: Request, scenario_id: str, subject: str = Form(""), stance: str = Form(""),
                  version: str = Form(""), source: str = Form(""), note: str = Form(""), date: str = Form(""),
                  seats: str = Form(""), until: str = Form(""), motion: str | None = Form(None),
                  csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    user = _form_editor(request, scenario_id, subject, csrf_token, motion)
    wc = _wc(request)
    values: dict[str, Any] = {"stance": stance, "source": source, "note": note, "date": date, "version": version,
                              "seats": seats, "until": until}
    _parse_subject(subject)
    further = _further(request, scenario_id, motion)

    def write() -> None:
        day, ends = _form_date("date", date), _form_date("until", until)
        n = _form_number("seats", seats, 1, MAX_SEATS) if seats else None
        fields = {"stance": stance, "version": _version(version, 0), "user": user.name, "source": source or None,
                  "note": note or None, "date": day, "seats": n, "until": ends}
        if further:
            wc.store.set_motion_stance(scenario_id, further, subject, **fields)
        else:
            wc.store.set_stance(scenario_id, subject, **fields)

    return _submitted(request, scenario_id, subject, values, write, motion=further)


def _form_date(field: str, text: str) -> dt.date | None:
    """A form's optional date (empty: none), read as every day the app takes
    (:func:`~whipcount.io.days.read_day`), or an error naming the field."""
    return read_day_field(field, text)


def _parse_subject(subject: str) -> None:
    try:
        Subject.parse(subject)
    except InputError as exc:
        raise HTTPError(400, str(exc)) from None


def _form_number(field: str, text: str, low: int, high: int) -> int:
    """A form's whole number from ``low`` to ``high``, or an error naming the field and the range, quoting what
    was typed cut short (more digits than ``high`` has are refused before they are read as a number)."""
    digits = text
    if not (digits.isascii() and digits.isdigit() and len(digits) <= len(str(high))) \
            or not low <= int(digits) <= high:
        raise InputError(f"{field}: expected a whole number from {low:,} to {high:,}, got {quoted(text)}")
    return int(digits)


def _version(version: str, low: int) -> int:
    """The form's version: the one read (from ``low``: 0 for a stance, 1 for one taken back), as the database
    holds it."""
    return _form_number("version", version, low, INT_MAX)


def _submitted(request: Request, scenario_id: str, subject: str, values: dict[str, Any],
               write: Callable[[], object], motion: str | None = None) -> Response:
    """Run a stance form's ``write``: back to the dashboard (of ``motion``, a further one) when it is done, else
    the form again with what was
    typed and why not (409 with the newer version to save over, 400 for anything else wrong). A number typed
    (the version, the seats) comes back cut to 80 characters, as the error quotes it."""
    try:
        write()
    except ConflictError as exc:
        current = getattr(exc, "current", None)
        values["version"] = current.version if current else 0
        error = str(exc).replace(CONFLICT_ADVICE, "what you typed is kept below: send it again to record it over "
                                 "the newer one, or change it first")
        return _stance_form(request, scenario_id, subject, status=409, error=cut_long_values(error), values=values,
                            conflict=True, motion=motion)
    except NotFound:
        raise
    except WhipcountError as exc:
        values.update({k: cut_long_values(v) for k, v in values.items() if k in ("version", "seats")})
        return _stance_form(request, scenario_id, subject, status=400, error=cut_long_values(str(exc)), values=values,
                            motion=motion)
    back = f"?motion={quote(motion)}" if motion else ""
    return RedirectResponse(f"/s/{quote(scenario_id)}{back}", status_code=303)


@router.post("/s/{scenario_id}/stance/clear")
def stance_clear_submit(request: Request, scenario_id: str, subject: str = Form(""), version: str = Form(""),
                        reason: str = Form(""), confirm: str = Form(""), how: str = Form(""),
                        until: str = Form(""), motion: str | None = Form(None),
                        csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    """Take the subject's stance back as wrong, or end it on a day (the form's second button; ``how``: wrong or
    ends, and for an end ``until``), once the box confirming it is ticked; of a further motion with
    ``motion``."""
    user = _form_editor(request, scenario_id, subject, csrf_token, motion)
    _parse_subject(subject)
    further = _further(request, scenario_id, motion)
    store = _wc(request).store

    def write() -> None:
        if confirm != "yes":
            raise InputError("tick the box to confirm that the stance is taken back; nothing was written")
        fields = {"version": _version(version, 1), "user": user.name, "reason": reason or None,
                  "until": _take_back_end(how, until)}
        if further:
            store.clear_motion_stance(scenario_id, further, subject, **fields)
        else:
            store.clear_stance(scenario_id, subject, **fields)

    return _submitted(request, scenario_id, subject, {"reason": reason, "how": how, "take_until": until}, write,
                      motion=further)


def _take_back_end(how: str, until: str) -> dt.date | None:
    """The take-back form's end: None for a stance taken back as wrong, else the first day it no longer holds."""
    ends = _form_date("until", until)
    if how not in ("", "wrong", "ends"):
        raise InputError(f"how: expected wrong or ends, got {quoted(how)}; nothing was written")
    if how == "ends" and ends is None:
        raise InputError("until: a stance that ends needs the first day it no longer holds; nothing was written")
    if how == "wrong" and ends is not None:
        raise InputError("until: a stance taken back as wrong has no end (choose 'It ends' to keep the days "
                         "before it); nothing was written")
    return ends


@router.get("/compare")
def compare_page(request: Request, a: str = "", b: str = "", on_a: str = "", on_b: str = "") -> Response:
    reader(request)
    wc = _wc(request)
    scenarios = wc.store.scenarios()
    a = a or (scenarios[0].id if scenarios else "")
    b = b or a
    boards = compare_boards(wc, a, b, on_a or None, on_b or None) if a else []
    return render(request, "compare.html", boards=boards, f={"a": a, "b": b, "on_a": on_a, "on_b": on_b})


def _still_reader(request: Request) -> Callable[[], Awaitable[bool]]:
    """Whether the stream's client may still read: anyone with ``--public-read``, else while the session it
    was opened with holds (looked up anew each time, in a worker thread)."""
    wc = _wc(request)
    sid = request.cookies.get(SESSION_COOKIE)

    async def allowed() -> bool:
        if wc.public_read:
            return True
        return bool(sid) and await run_in_threadpool(partial(wc.store.sessions.lookup, sid, touch=False)) is not None

    return allowed


@router.get("/events/stream")
async def stream(request: Request, scenario: str | None = None) -> Response:
    background(request)  # opened (and reopened) by live.js, not by the person
    await run_in_threadpool(reader, request)  # the session is looked up in the database
    wc = _wc(request)
    revision = None
    if scenario is not None:
        revision = await run_in_threadpool(wc.revision, scenario_ref(scenario))
    options = {k: getattr(request.app.state, f"sse_{k}") for k in ("keepalive", "recheck")
               if hasattr(request.app.state, f"sse_{k}")}
    return StreamingResponse(
        sse_stream(wc.broadcaster, scenario, revision, request.is_disconnected, allowed=_still_reader(request),
                   **options),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
