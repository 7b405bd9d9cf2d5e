"""The event form (``/s/ID/events/new``): an editor appends an event of any kind a scenario file may hold to the
log (a side switch, a floor-crossing, a party split and its new party, a merger, a member joining or leaving a
party, a resignation, a by-election, a motion filed, a ruling that dismissed or restored it, a vote...) from a
page, without JavaScript, as ``POST /api/scenarios/ID/events`` appends one: the form's fields
(:mod:`whipcount.web.event_fields`) become the API's body, checked by the same model as a file's event and
appended by the same function (:func:`~whipcount.web.api.append_to_log`), so every check is the API's. Its
sources are rows of their own (:mod:`whipcount.web.event_sources`); the button asking for another row sends
the form, drawn again with one more and nothing stored.

A refusal draws the form again with what was typed and the API's words, next to the field they name (a
source's by its row and field; words about the event as a whole at the top), with the API's status (422 for a
field the body model refuses, 409 for a newer revision or the same event logged, 400 for what the log refuses);
a date before the log's last event (or more than a year after it) asks to be confirmed with a box to tick.
The revision the form was drawn at travels with it, so an event another editor appended meanwhile is a 409,
never missed. Sent after its session ended, it leads through sign-in back to its page, marked
(:data:`~whipcount.web.stance_pages.RESUME`) for the browser to fill in what was typed.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ConfigDict, ValidationError, create_model

from whipcount.errors import ConflictError, InputError, NotFound, StorageError, WhipcountError, cut_long_values
from whipcount.model import EFFECTS
from whipcount.storage.event_checks import REPEAT_ASK
from whipcount.storage.store import CONFIRM_ASK
from whipcount.web.api import append_to_log, reader
from whipcount.web.auth import CSRF_FIELD, HTTPError, SessionUser, current_user
from whipcount.web.errors import refused_words, status_for, validation_words
from whipcount.web.event_fields import (
    EVENT_FIELD_OF,
    FIELDS,
    FORM_KINDS,
    HINTS,
    LABELS,
    WIDGETS,
    body_of,
    field_of,
    kind_groups,
    kinds_of,
    used_by,
)
from whipcount.web.event_sources import ROWS_MAX, SOURCE_FIELDS, form_words, packed, rows_drawn
from whipcount.web.form import NormalFormRoute
from whipcount.web.gate import before_body
from whipcount.web.pages import render
from whipcount.web.stance_pages import RESUME, form_editor, stale_token

__all__ = ["FORM_KINDS", "router"]

router = APIRouter(include_in_schema=False, route_class=NormalFormRoute)  # forms read as the API reads text

KEPT = ("what you typed is kept below: check the event log that your event is not already in it, and send the "
        "form again to record it")
CONFIRM_WORDS = "tick the box under the date to confirm it, and send the form again"
REPEAT_WORDS = "tick the box above the button to say so, and send the form again"


def _wc(request: Request) -> Any:
    return request.app.state.wc


def _motion_query(motion: str, first: str = "?") -> str:
    """``?motion=ID`` (after ``first``) where the form was reached from a further motion's pages, else nothing."""
    return f"{first}motion={quote(motion)}" if motion else ""


def _editor(request: Request, scenario_id: str) -> SessionUser:
    """:func:`~whipcount.web.stance_pages.form_editor` of the event form: sign-in leads back to it (from the
    further motion it was reached from, ``motion`` in the form's action)."""
    motion = request.query_params.get("motion", "")
    return form_editor(request, f"/s/{quote(scenario_id)}/events/new{_motion_query(motion)}{RESUME}",
                       sign_in="sign in as an editor to append an event", allowed="append events")


@before_body
def editor_first(request: Request) -> None:
    """:func:`_editor` before the form is read (:mod:`whipcount.web.gate`)."""
    _editor(request, request.path_params["scenario_id"])


def _event_form(request: Request, scenario_id: str, *, status: int = 200, error: str | None = None,
                values: dict[str, str] | None = None, ask_confirm: bool = False, ask_repeat: bool = False,
                headers: dict[str, str] | None = None, field: str | None = None) -> Response:
    """The form, with ``values`` as typed and ``error`` by ``field`` (else by the field its words name, else at
    the top)."""
    wc = _wc(request)
    motion = request.query_params.get("motion", "")
    # 404 for a scenario not in the database, or a further motion it lacks (the page's links keep the motion)
    board = wc.motion_board(scenario_id, motion or None).data
    scenario = wc.store.snapshot(scenario_id).scenario
    form = {k: "" for k in (*FIELDS, *SOURCE_FIELDS, "unverified", "confirm", "repeat")}
    form["revision"] = str(wc.store.revision(scenario_id))
    form.update(values or {})
    rows = rows_drawn(form.get("source_rows", ""), 0)
    field = field or (field_of(error, form) if error else None)
    return render(request, "event_new.html", status=status, headers=headers, board=board, form=form, error=error,
                  field=field if field != "revision" else None, labels=LABELS, hints=HINTS, widgets=WIDGETS,
                  kinds=FORM_KINDS, kind_groups=kind_groups(), event_fields=list(EVENT_FIELD_OF),
                  field_kinds={f: kinds_of(f) for f in EVENT_FIELD_OF}, used={f: used_by(f) for f in EVENT_FIELD_OF},
                  effects=sorted(EFFECTS),
                  parties=[(p.id, scenario.names.get(p.id, p.id)) for p in scenario.parties],
                  sides=scenario.chamber.sides, ask_confirm=ask_confirm or form["confirm"] == "yes",
                  ask_repeat=ask_repeat or form["repeat"] == "yes", motion_query=_motion_query(motion),
                  source_rows=rows, rows_max=ROWS_MAX)


@router.get("/s/{scenario_id}/events/new")
def event_page(request: Request, scenario_id: str) -> Response:
    """The event form, at the scenario's revision now."""
    reader(request)
    user = current_user(request)
    if user is None or not user.can_edit:
        raise HTTPError(403 if user else 401, "only editors and admins can append events")
    return _event_form(request, scenario_id)


SENT = (*FIELDS, *SOURCE_FIELDS, "source_rows", "add_source", "unverified", "revision", "confirm", "repeat",
        CSRF_FIELD)
EventForm = create_model("EventForm", __config__=ConfigDict(extra="ignore"),
                         **{k: (str, "") for k in SENT})  # type: ignore[call-overload]
"""The event form as sent: each of its fields, the empty text when not sent (an unticked box, a field the page
hid, a row of sources not drawn)."""


@router.post("/s/{scenario_id}/events/new", dependencies=[Depends(editor_first)])
def event_submit(request: Request, scenario_id: str, sent: Annotated[EventForm, Form()]) -> Response:  # type: ignore[valid-type]
    """Append the event the form describes, then to the event log (303); else the form again, as typed."""
    user = _editor(request, scenario_id)
    values: dict[str, str] = sent.model_dump()  # type: ignore[attr-defined]
    csrf_token = values.pop(CSRF_FIELD)
    stale = stale_token(request, csrf_token)
    packed(values)
    if stale:
        return _event_form(request, scenario_id, status=403, error=stale, values=values)
    if values.pop("add_source") == "yes":  # another row of sources, without JavaScript: nothing is sent yet
        return _event_form(request, scenario_id, values=values)
    try:  # the body the API would take, refused as it would be (422)
        body = body_of(values, values["revision"])
    except ValidationError as exc:
        words = validation_words(exc.errors())
        return _refused(request, scenario_id, values, 422, words[0] if words else "invalid event")
    except InputError as exc:
        return _refused(request, scenario_id, values, 422, str(exc))
    try:
        seq = append_to_log(_wc(request), scenario_id, body, user.name)
    except ConflictError as exc:
        return _conflict(request, scenario_id, values, exc)
    except NotFound:
        raise
    except StorageError as exc:  # the database refused: what was typed is kept, to send again
        error, headers = refused_words(request, exc)
        return _event_form(request, scenario_id, status=503, error=error, values=values, headers=headers)
    except WhipcountError as exc:
        return _refused(request, scenario_id, values, status_for(exc), str(exc))
    motion = request.query_params.get("motion", "")
    return RedirectResponse(f"/s/{quote(scenario_id)}/events{_motion_query(motion)}#event-{seq}", status_code=303)


def _refused(request: Request, scenario_id: str, values: dict[str, str], status: int, error: str) -> Response:
    """The form again with what was typed (a number cut as the error quotes it) and why not; a date to be
    confirmed asks for the box."""
    values.update({k: cut_long_values(v) for k, v in values.items() if k in ("seats", "revision")})
    ask = error.endswith(CONFIRM_ASK)
    if ask:
        error = error.removesuffix(CONFIRM_ASK) + CONFIRM_WORDS
    error, field = form_words(error)
    return _event_form(request, scenario_id, status=status, error=cut_long_values(error), values=values,
                       ask_confirm=ask, field=field)


def _conflict(request: Request, scenario_id: str, values: dict[str, str], exc: ConflictError) -> Response:
    """A 409: the scenario changed since the form was drawn (the form then holds the revision now, so that
    sending it again records it), or the log holds the same event (a box says it is another of its own)."""
    details = exc.details or {}
    if "revision" in details:
        values["revision"] = str(details["revision"])
    error = str(exc).split("; nothing was written")[0]
    error = f"{error}; nothing was written: {KEPT}" if "revision" in details else str(exc)
    error = error.removesuffix(REPEAT_ASK) + REPEAT_WORDS if error.endswith(REPEAT_ASK) else error
    return _event_form(request, scenario_id, status=409, error=cut_long_values(error), values=values,
                       ask_repeat="existing" in details)
