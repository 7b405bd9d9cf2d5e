"""The bodies the JSON API takes (:mod:`whipcount.web.api`): sign-in, a stance change, a take-back, an event
appended, each with its fields' limits and descriptions (the OpenAPI schema), every line break in their text as
one line feed."""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator

from whipcount.io.input_base import Day, JsonCount, Within
from whipcount.io.limits import MAX_SEATS
from whipcount.io.scenario_schema import EventIn
from whipcount.model import Event
from whipcount.model.ids import ID_MAX
from whipcount.storage.accounts import MAX_PASSWORD
from whipcount.storage.schema import INT_MAX, NAME_MAX, SUBJECT_WIDTH
from whipcount.storage.store_core import MAX_NOTE, MAX_URL, one_line_break
from whipcount.web.limits import SMALL_BODY

__all__ = ["SMALL_BODY", "EventAppend", "LoginIn", "StanceChange", "StanceName", "StanceTakeBack", "body_place",
           "event_from", "line_breaks"]


StanceName = Literal["yes", "lean-yes", "undecided", "lean-no", "no", "abstain", "absent"]


def line_breaks(data: Any) -> Any:
    """A JSON body with every line break in its text as one line feed (:func:`one_line_break`), before any
    length is counted: a note of 2,000 characters with line breaks sent as CR LF is 2,000 characters."""
    if isinstance(data, str):
        return one_line_break(data)
    if isinstance(data, dict):
        return {k: line_breaks(v) for k, v in data.items()}
    if isinstance(data, list):
        return [line_breaks(v) for v in data]
    return data


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _line_breaks(cls, data: Any) -> Any:
        return line_breaks(data)


class LoginIn(BaseModel):
    """Name and password (taken as typed: nothing is stripped, as in the sign-in form)."""

    max_body: ClassVar[int] = SMALL_BODY

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=NAME_MAX)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)


class StanceChange(_In):
    """A new stance on a subject, from the version the writer read (0 when none was recorded), for the main
    motion or, with ``motion``, a further one."""

    max_body: ClassVar[int] = SMALL_BODY

    subject: str = Field(max_length=SUBJECT_WIDTH, description="party:ID, party:ID@SIDE, party:ID[@SIDE]/part or "
                                                               "member:ID", examples=["party:mqm-p"])
    stance: StanceName
    version: Annotated[JsonCount, Within(0, INT_MAX)] = Field(description="the version you read; 0 if no stance "
                                                                      "was recorded")
    seats: Annotated[JsonCount, Within(1, MAX_SEATS)] | None = Field(
        default=None, description="for a part (party:ID/part): how many seats")
    source: str | None = Field(default=None, max_length=MAX_URL, description="an http(s) URL")
    note: str | None = Field(default=None, max_length=MAX_NOTE, description="why: what the source says")
    date: Day | None = Field(
        default=None, description="the date the stance holds from (default: today, or the vote's day if it has passed)"
    )
    until: Day | None = Field(
        default=None, description="the first day the stance no longer holds, if it ends (after date, no later than "
                                  "tomorrow): from then on an earlier entry still in force applies again, else the "
                                  "default, as a scenario file's until")
    motion: str | None = Field(default=None, min_length=1, max_length=ID_MAX,
                               description="a further motion's id: the stance is that motion's (left out: the main "
                                           "one's)")


class StanceTakeBack(_In):
    """A stance taken back, from the version the writer read: as wrong (the subject then counts as if never
    recorded, on every day), or with ``until`` as ended on that day (never recorded from then on); of the main
    motion or, with ``motion``, a further one."""

    max_body: ClassVar[int] = SMALL_BODY

    subject: str = Field(max_length=SUBJECT_WIDTH, description="the subject as stored: party:ID, party:ID@SIDE, "
                                                               "party:ID[@SIDE]/part or member:ID",
                         examples=["party:mqm-p"])
    version: Annotated[JsonCount, Within(1, INT_MAX)] = Field(description="the version of the stance you take back")
    reason: str | None = Field(default=None, max_length=MAX_NOTE, description="why: e.g. recorded on the wrong "
                                                                              "party")
    until: Day | None = Field(
        default=None, description="the first day the stance no longer holds (after its date, no later than "
                                  "tomorrow); the days before keep it. Without it the stance was wrong and is "
                                  "taken back on every day")
    motion: str | None = Field(default=None, min_length=1, max_length=ID_MAX,
                               description="a further motion's id: the stance taken back is that motion's (left "
                                           "out: the main one's)")


class EventAppend(EventIn):
    """One event to append to the log (the fields of a scenario file's event), and why; line breaks in its
    text as line feeds (:func:`line_breaks`); its whole numbers JSON integers (:data:`JsonCount`), as every
    body of the API takes them."""

    seats: Annotated[JsonCount, Within(0, MAX_SEATS)] | None = None

    reason: str | None = Field(default=None, max_length=MAX_NOTE)
    confirm: StrictBool = Field(default=False, description="Confirm an unusual date: before the log's last event "
                                                     "(history corrected) or more than a year after it.")
    revision: Annotated[JsonCount, Within(1, INT_MAX)] | None = Field(
        default=None, description="the scenario's revision you read (the event log's, the dashboard's): if anything "
                                  "changed since, the event is refused (409) and nothing written. Left out: not "
                                  "checked (the same event twice is refused all the same)")
    repeat: StrictBool = Field(default=False, description="the log already holds an event of this date, kind, "
                                                          "subject and sources, and this is another of its own (a "
                                                          "second member resigning that day): record it all the same")

    @model_validator(mode="before")
    @classmethod
    def _line_breaks(cls, data: Any) -> Any:
        return line_breaks(data)


_SOURCE_AT = re.compile(r"^sources\.(\d+)\.")


def body_place(message: str, body: EventIn) -> str | None:
    """A refusal of the event's ``sources.I`` (counted over its ``source`` and ``sources`` together, as the
    model event holds them) named as the body gives it, where it gives ``source`` too: ``sources.0`` is
    ``source``, ``sources.1`` the body's ``sources.0``; None where nothing is to be renamed."""
    m = _SOURCE_AT.match(message)
    if m is None or body.source is None:
        return None
    i = int(m.group(1))
    return f"{'source' if i == 0 else f'sources.{i - 1}'}.{message[m.end():]}"


def event_from(e: EventIn) -> Event:
    """The model event for a validated event entry."""
    return e.to_model()
