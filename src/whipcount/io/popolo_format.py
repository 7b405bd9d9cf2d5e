"""The Popolo bundle as whipcount reads and writes it: pydantic models, at this edge only, and its schema."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, WithJsonSchema

from whipcount.io.first_problem import FirstProblemModel
from whipcount.io.input_base import Count as WholeNumber
from whipcount.io.input_base import empty_dict, empty_list
from whipcount.io.limits import MAX_EVENTS, MAX_MEMBERS, MAX_MOTIONS, MAX_NOTES, MAX_PARTIES, MAX_SIDES, MAX_SOURCES
from whipcount.model import VOTE_OPTIONS

FORMAT_VERSION = 1

class _Pop(FirstProblemModel):
    # Popolo files carry many fields whipcount has no use for (images, contact details, ...): allowed.
    model_config = ConfigDict(extra="allow", populate_by_name=True)


PartialDate = str


def _digits(value: Any) -> Any:
    """A whole number where an id goes is read as its digits (``"id": 42`` as ``"42"``), as a scenario file
    reads one: publishers that number their people write ids as JSON numbers."""
    if isinstance(value, bool):
        raise ValueError("expected an id (text, or a whole number), got a boolean (true/false)")
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        kind = {float: "a number with a point", list: "a list", dict: "an object"}.get(type(value), "null")
        raise ValueError(f"expected an id (text, or a whole number), got {kind}")
    return value


IdText = Annotated[str, BeforeValidator(_digits), WithJsonSchema({"type": ["string", "integer"]})]
"""An id: text, or a whole number read as its digits."""


class Identifier(_Pop):
    scheme: str
    identifier: IdText


class OtherName(_Pop):
    name: str
    note: str | None = None


class Person(_Pop):
    id: IdText = Field(min_length=1)
    name: str = Field(min_length=1)
    sort_name: str | None = None
    identifiers: list[Identifier] = Field(default_factory=empty_list, max_length=MAX_SOURCES)
    extras: dict[str, Any] = Field(default_factory=empty_dict, max_length=MAX_NOTES)


class Organization(_Pop):
    id: IdText = Field(min_length=1)
    name: str = Field(min_length=1)
    classification: str | None = None
    other_names: list[OtherName] = Field(default_factory=empty_list, max_length=MAX_SOURCES)
    identifiers: list[Identifier] = Field(default_factory=empty_list, max_length=MAX_SOURCES)
    extras: dict[str, Any] = Field(default_factory=empty_dict, max_length=MAX_NOTES)


class Membership(_Pop):
    id: IdText | None = None
    person_id: IdText | None = None
    organization_id: IdText | None = None
    on_behalf_of_id: IdText | None = None
    post_id: IdText | None = None
    area_id: IdText | None = None
    legislative_period_id: IdText | None = None
    role: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    extras: dict[str, Any] = Field(default_factory=empty_dict, max_length=MAX_NOTES)


class Area(_Pop):
    id: IdText = Field(min_length=1)
    name: str = Field(min_length=1)
    type: str | None = None


class Post(_Pop):
    id: IdText = Field(min_length=1)
    label: str | None = None
    organization_id: IdText | None = None
    area_id: IdText | None = None
    role: str | None = None


class PopEvent(_Pop):
    id: IdText = Field(min_length=1)
    name: str | None = None
    classification: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    organization_id: IdText | None = None


class PopMotion(_Pop):
    id: IdText = Field(min_length=1)
    organization_id: IdText | None = None
    text: str | None = None
    classification: str | Annotated[list[str], Field(max_length=MAX_SOURCES)] | None = None
    date: PartialDate | None = None
    requirement: str | None = None
    result: str | None = None
    extras: dict[str, Any] = Field(default_factory=empty_dict, max_length=MAX_NOTES)


class Count(_Pop):
    option: str
    value: WholeNumber = Field(ge=0)


class Vote(_Pop):
    voter_id: IdText | None = None
    voter_name: str | None = None
    option: str
    group_id: IdText | None = None


class VoteEvent(_Pop):
    id: IdText = Field(min_length=1)
    motion_id: IdText | None = None
    organization_id: IdText | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    result: str | None = None
    counts: list[Count] = Field(default_factory=empty_list, max_length=MAX_SIDES)
    votes: list[Vote] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    extras: dict[str, Any] = Field(default_factory=empty_dict, max_length=MAX_NOTES)


class PopoloBundle(_Pop):
    """A Popolo bundle as EveryPolitician publishes it, with ``motions`` and ``vote_events`` added."""

    persons: list[Person] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    organizations: list[Organization] = Field(default_factory=empty_list, max_length=MAX_PARTIES)
    memberships: list[Membership] = Field(default_factory=empty_list, max_length=MAX_EVENTS)
    areas: list[Area] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    posts: list[Post] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    events: list[PopEvent] = Field(default_factory=empty_list, max_length=MAX_MOTIONS)
    motions: list[PopMotion] = Field(default_factory=empty_list, max_length=MAX_MOTIONS)
    vote_events: list[VoteEvent] = Field(default_factory=empty_list, max_length=MAX_MOTIONS)
    extras: dict[str, Any] = Field(default_factory=empty_dict, max_length=MAX_NOTES)


def popolo_json_schema() -> dict[str, Any]:
    """The JSON Schema of the Popolo bundle whipcount reads and writes."""
    schema = PopoloBundle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "whipcount Popolo bundle"
    return schema


# Popolo's vote options (and Open Civic Data's) ↔ whipcount's.
OPTION_IN: dict[str, str] = {
    "yes": "yes",
    "aye": "yes",
    "no": "no",
    "nay": "no",
    "abstain": "abstain",
    "abstention": "abstain",
    "absent": "absent",
    "excused": "excused",
    "paired": "paired",
    "not voting": "not-voting",
    "not-voting": "not-voting",
    "other": "other",
}
OPTION_OUT: dict[str, str] = {v: v.replace("-", " ") for v in VOTE_OPTIONS}
COUNTED = ("yes", "no", "abstain", "absent")  # the options a whipcount Division has a count for

