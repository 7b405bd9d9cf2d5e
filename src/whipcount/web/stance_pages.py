"""The stance form (``/s/ID/stance``, of the main motion or of a further one with ``motion``): a subject's
stance, its history (:data:`HISTORY_SHOWN` changes a page, *Older changes* paging back), and taking it back.

The form posts back here; on bad input or a conflict it is drawn again with the message (and, on a conflict,
the newer value), and nothing is stored; so it is when sent with an earlier session's CSRF token from this site's
own page (signed in again in another tab). Sent after its session ended, it leads through sign-in back to its page,
marked (:data:`RESUME`) for the browser to fill in what was typed, to be sent again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from whipcount.errors import ConflictError, InputError, NotFound, StorageError, WhipcountError, cut_long_values
from whipcount.io.days import read_day_field
from whipcount.io.limits import MAX_SEATS, quoted
from whipcount.storage import Subject
from whipcount.storage.further import further_motion
from whipcount.storage.schema import INT_MAX
from whipcount.storage.whip import CONFLICT_ADVICE
from whipcount.web.api import path_scenario, reader
from whipcount.web.audit import Before
from whipcount.web.auth import (
    CSRF_FIELD,
    HTTPError,
    SessionUser,
    check_csrf,
    check_origin,
    current_user,
    said_same_site,
)
from whipcount.web.errors import refused_words
from whipcount.web.form import NormalFormRoute
from whipcount.web.gate import before_body
from whipcount.web.pages import render

__all__ = ["RESUME", "form_number", "router", "stale_token"]

router = APIRouter(include_in_schema=False, route_class=NormalFormRoute)  # forms read as the API reads text


def _wc(request: Request) -> Any:
    return request.app.state.wc


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


HISTORY_SHOWN = 20
"""The changes a stance form's history lists on a page (*Older changes* pages back)."""


def _history_page(wc: Any, scenario_id: str, motion: str | None, subject: str,
                  before: int | None) -> dict[str, Any]:
    """A page of the subject's changes on the motion (the main one or the further ``motion``), newest first,
    before the change ``before`` (the cursor, an id), and the links to the older ones and back to the newest."""
    if motion:
        rows = wc.store.motion_history(scenario_id, motion, subject, limit=HISTORY_SHOWN + 1, before=before)
    else:
        rows = wc.store.history(scenario_id, limit=HISTORY_SHOWN + 1, subject=subject, before=before)
    page = rows[:HISTORY_SHOWN]  # one more read: is there an older page?
    given = {"subject": subject, **({"motion": motion} if motion else {})}
    path = f"/s/{quote(scenario_id)}/stance?"
    older = (f"{path}{urlencode({**given, 'before': page[-1].id})}#history" if len(rows) > HISTORY_SHOWN
             else None)
    return {"history": page, "older": older, "newest": f"{path}{urlencode(given)}#history" if before else None}


def _stance_form(request: Request, scenario_id: str, subject: str, *, status: int = 200, error: str | None = None,
                 values: dict[str, Any] | None = None, conflict: bool = False, motion: str | None = None,
                 before: int | None = None, read: str | None = None) -> Response:
    """The stance form of ``subject``; ``conflict`` (or a version ``read`` with the form sent, other than the
    stored one) marks the stance changed meanwhile, and the page says what it is now."""
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
    conflict = conflict or (read is not None and read != str(own.version if own else 0))
    return render(request, "stance.html", status=status, board=board, subject=str(subj), part=subj.part,
                  office=shown["office"] if shown and subj.office else None, name=name, current=own, shown=shown,
                  form=form, error=error, conflict=conflict, motion=motion,
                  **_history_page(wc, scenario_id, motion, str(subj), before))


@router.get("/s/{scenario_id}/stance")
def stance_page(request: Request, scenario_id: str, subject: str = "", motion: str = "",
                before: Before = None) -> Response:
    """The stance form of ``subject`` (of the further motion ``motion``), its history paged back by ``before``."""
    reader(request)
    user = current_user(request)
    if user is None or not user.can_edit:
        raise HTTPError(403 if user else 401, "only editors and admins can change the whip count")
    return _stance_form(request, scenario_id, subject, motion=_further(request, scenario_id, motion or None),
                        before=before)


def form_editor(request: Request, back: str, *, sign_in: str, allowed: str) -> SessionUser:
    """A signed-in editor, sending from this site (the scenario in the path checked by :func:`path_scenario`).
    Signed out (the session timed out while the form was open), a 401 whose sign-in leads back to ``back``, the
    form's page; a viewer, a 403 saying that only editors and admins may do ``allowed``."""
    user = current_user(request)
    if user is None:
        raise HTTPError(401, sign_in, next_path=back)
    if not user.can_edit:
        raise HTTPError(403, f"{user.name} is a {user.role}: only editors and admins can {allowed}")
    check_origin(request)
    path_scenario(request)
    return user


def _editor(request: Request, scenario_id: str, subject: str, motion: str | None) -> SessionUser:
    """:func:`form_editor` of the stance form: sign-in leads back to this subject's form."""
    which = f"&motion={quote(motion)}" if motion else ""
    back = f"/stance?subject={quote(subject, safe=':@/')}{which}{RESUME}" if subject else ""
    return form_editor(request, f"/s/{quote(scenario_id)}{back}", sign_in="sign in as an editor to change anything",
                       allowed="change the whip count")


@before_body
def editor_first(request: Request) -> None:
    """:func:`_editor` before the form is read (:mod:`whipcount.web.gate`): the form's subject and motion, for
    sign-in to lead back to it, are in its action's query."""
    query = request.query_params
    _editor(request, request.path_params["scenario_id"], query.get("subject", ""), query.get("motion"))


RESUME = "#resume"
"""Where sign-in leads a stance form sent after its session ended: its page, marked so that ``forms.js`` fills in
what was typed (kept in the tab, never sent to the server twice), to be sent again by the editor."""
STALE_TOKEN = ("this form was opened under an earlier sign-in (its CSRF token is no longer this session's); nothing "
               "was written: what you typed is kept below, send it again to record it")


def stale_token(request: Request, csrf_token: str) -> str | None:
    """None when ``csrf_token`` is the session's; else, for a form this site's own page sent (the browser says so:
    :func:`~whipcount.web.auth.said_same_site`), why it is drawn again with what was typed (the editor signed in
    again in another tab since it was opened); else the 403 of :func:`~whipcount.web.auth.check_csrf`."""
    try:
        check_csrf(request, csrf_token)
    except HTTPError:
        if not said_same_site(request):
            raise
        return STALE_TOKEN
    return None


@router.post("/s/{scenario_id}/stance", dependencies=[Depends(editor_first)])
def stance_submit(request: Request, scenario_id: str, subject: str = Form(""), stance: str = Form(""),
                  version: str = Form(""), source: str = Form(""), note: str = Form(""), date: str = Form(""),
                  seats: str = Form(""), until: str = Form(""), motion: str | None = Form(None),
                  csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    user = _editor(request, scenario_id, subject, motion)
    wc = _wc(request)
    values: dict[str, Any] = {"stance": stance, "source": source, "note": note, "date": date, "version": version,
                              "seats": seats, "until": until}
    stale = stale_token(request, csrf_token)
    _parse_subject(subject)
    further = _further(request, scenario_id, motion)
    if stale:
        return _stance_form(request, scenario_id, subject, status=403, error=stale, values=values, motion=further,
                            read=version)

    def write() -> None:
        day, ends = _form_date("date", date), _form_date("until", until)
        n = form_number("seats", seats, 1, MAX_SEATS) if seats else None
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


def form_number(field: str, text: str, low: int, high: int) -> int:
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
    return form_number("version", version, low, INT_MAX)


KEPT = "what you typed is kept below: send it again to record it over the newer one, or change it first"
"""What a stance form refused for a newer stance says to do (in place of :data:`CONFLICT_ADVICE`)."""
TAKE_BACK_AGAIN = ("the stance as it is now is shown below, and what you typed is kept: to take that one back, tick "
                   "the box again and send the form")
"""What the take-back form refused for a newer stance says: the box is ticked again for the stance as it is now."""
NOTHING_TO_TAKE_BACK = "nothing is left to take back"
"""What it says where the stance was taken back meanwhile."""


def _submitted(request: Request, scenario_id: str, subject: str, values: dict[str, Any],
               write: Callable[[], object], motion: str | None = None, take_back: bool = False) -> Response:
    """Run a stance form's ``write``: back to the dashboard (of ``motion``, a further one) when it is done, else
    the form again with what was
    typed and why not (409 with the newer version to save over, 400 for anything else wrong). A number typed
    (the version, the seats) comes back cut to 80 characters, as the error quotes it."""
    try:
        write()
    except ConflictError as exc:
        current = getattr(exc, "current", None)
        values["version"] = current.version if current else 0
        advice = KEPT if not take_back else TAKE_BACK_AGAIN if current else NOTHING_TO_TAKE_BACK
        error = str(exc).replace(CONFLICT_ADVICE, advice)
        return _stance_form(request, scenario_id, subject, status=409, error=cut_long_values(error), values=values,
                            conflict=True, motion=motion)
    except NotFound:
        raise
    except StorageError as exc:  # the database refused: what was typed is kept, to send again
        error, headers = refused_words(request, exc)
        page = _stance_form(request, scenario_id, subject, status=503, error=error, values=values, motion=motion)
        page.headers.update(headers)
        return page
    except WhipcountError as exc:
        values.update({k: cut_long_values(v) for k, v in values.items() if k in ("version", "seats")})
        return _stance_form(request, scenario_id, subject, status=400, error=cut_long_values(str(exc)), values=values,
                            motion=motion)
    back = f"?motion={quote(motion)}" if motion else ""
    return RedirectResponse(f"/s/{quote(scenario_id)}{back}", status_code=303)


@router.post("/s/{scenario_id}/stance/clear", dependencies=[Depends(editor_first)])
def stance_clear_submit(request: Request, scenario_id: str, subject: str = Form(""), version: str = Form(""),
                        reason: str = Form(""), confirm: str = Form(""), how: str = Form(""),
                        until: str = Form(""), motion: str | None = Form(None),
                        csrf_token: str = Form("", alias=CSRF_FIELD)) -> Response:
    """Take the subject's stance back as wrong, or end it on a day (the form's second button; ``how``: wrong or
    ends, and for an end ``until``), once the box confirming it is ticked; of a further motion with
    ``motion``."""
    user = _editor(request, scenario_id, subject, motion)
    stale = stale_token(request, csrf_token)
    _parse_subject(subject)
    further = _further(request, scenario_id, motion)
    values = {"reason": reason, "how": how, "take_until": until}
    if stale:
        return _stance_form(request, scenario_id, subject, status=403, error=stale, values=values, motion=further,
                            read=version)
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

    return _submitted(request, scenario_id, subject, values, write, motion=further, take_back=True)


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
