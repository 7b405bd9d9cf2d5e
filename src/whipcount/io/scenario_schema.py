"""The scenario file's schema: pydantic models of what a scenario YAML may hold (at this edge only), with
the checks one field can make alone. Checks across fields and references are made in
:mod:`whipcount.io.scenario` as the models become a :class:`whipcount.model.Scenario`."""

# No ``from __future__ import annotations`` here: pydantic would evaluate each field's annotation from its
# text, some 170 of them at every start (2 ms of ``whipcount tally``, on 6 December 2026); written as objects,
# they are read as they are.
import datetime as dt
from typing import Annotated, Any, Literal, Self

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from whipcount.io.identifiers import Identifiers
from whipcount.io.input_base import Count, Day, InputModel, Within, empty_list
from whipcount.io.input_text import Extra, ExtraKey, GivenName, Name, Note
from whipcount.io.limits import (
    MAX_DESCRIPTION,
    MAX_EVENTS,
    MAX_MEMBERS,
    MAX_MOTIONS,
    MAX_NOTES,
    MAX_PARTIES,
    MAX_SEATS,
    MAX_SIDES,
    MAX_SOURCES,
    MAX_STANCES,
    one_of,
)
from whipcount.io.scenario_fields import ID, Colour, RulesRef, Sourced, Wikidata
from whipcount.io.scenario_sources import SourceLike
from whipcount.model import EFFECTS, EVENT_FIELDS, PROCEDURAL_KINDS, SEAT_KINDS, STANCES, Event, NewParty
from whipcount.model.ids import ID_MAX
from whipcount.model.place import Place

_In = InputModel
_Sourced = Sourced


class SpeakerIn(_Sourced):
    name: Name | None = None
    party: ID
    side: ID | None = None


class TermIn(_Sourced):
    """The legislative period the scenario falls in (Popolo's ``legislative period`` event): its id as its
    publisher writes it (``term/15``), its name and the dates known."""

    id: GivenName
    name: Name | None = None
    start: Day | None = None
    end: Day | None = None

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"end: the term ends ({self.end}) before it starts ({self.start})")
        return self


class ChamberIn(_Sourced):
    id: ID = ""
    name: GivenName
    rules: RulesRef
    seats: Count = Field(gt=0, le=MAX_SEATS)
    as_of: Day
    sides: list[ID] = Field(default_factory=lambda: ["government", "opposition", "other"], min_length=1,
                           max_length=MAX_SIDES)
    vacancies: Count | None = Field(default=None, ge=0)
    wikidata: Wikidata | None = None
    speaker: SpeakerIn | None = None
    term: TermIn | None = None

    @field_validator("sides")
    @classmethod
    def _sides_once(cls, sides: list[str]) -> list[str]:
        twice = sorted({s for s in sides if sides.count(s) > 1})
        if twice:
            raise ValueError(f"each side once, got {', '.join(twice)} more than once")
        return sides


class PartyIn(_Sourced):
    id: ID
    name: GivenName
    short: Name | None = None
    seats: Count = Field(ge=0, le=MAX_SEATS)
    side: ID | None = None
    by_side: dict[Annotated[str, Field(max_length=ID_MAX)], Annotated[Count, Field(ge=0)]] | None = Field(
        default=None, max_length=MAX_SIDES)
    colour: Colour | None = None
    wikidata: Wikidata | None = None
    parlgov: Count | None = None
    identifiers: Identifiers | None = None
    left_right: float | None = Field(default=None, ge=0, le=10)

    @model_validator(mode="after")
    def _side(self) -> Self:
        if self.side is None and not self.by_side:
            raise ValueError("give side (or by_side for a party split between sides)")
        if self.by_side and sum(self.by_side.values()) != self.seats:
            raise ValueError(
                f"by_side adds up to {sum(self.by_side.values())} seats, not to the party's {self.seats}"
            )
        return self


class MemberIn(_Sourced):
    id: ID
    name: GivenName
    party: ID
    side: ID | None = None
    constituency: Name | None = None
    wikidata: Wikidata | None = None
    identifiers: Identifiers | None = None
    seated: bool = True


class NewPartyIn(_In):
    id: ID
    name: GivenName
    colour: Colour | None = None
    side: ID | None = None


_STRUCTURAL = frozenset({"party", "to", "seats", "members", "to_party", "from_party", "from_side", "new_party",
                         "parties", "into", "effect"})
"""An event's fields that say what it changes (:data:`whipcount.model.EVENT_FIELDS`, by kind)."""


class EventIn(_Sourced):
    date: Day
    kind: str = Field(max_length=ID_MAX)
    party: ID | None = None
    to: ID | None = None
    seats: Annotated[Count, Within(0, MAX_SEATS)] | None = None
    members: list[ID] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    to_party: ID | None = None
    from_party: ID | None = None
    from_side: ID | None = None
    new_party: NewPartyIn | None = None
    parties: list[ID] = Field(default_factory=empty_list, max_length=MAX_PARTIES)
    into: ID | None = None
    effect: str | None = Field(default=None, max_length=ID_MAX)
    by: Name | None = None
    summary: Note = ""
    extras: dict[ExtraKey, Extra] | None = Field(default=None, max_length=MAX_NOTES)

    @field_validator("kind")
    @classmethod
    def _kind(cls, v: str) -> str:
        if v not in SEAT_KINDS and v not in PROCEDURAL_KINDS:
            raise ValueError(f"unknown event kind {one_of(v, sorted(SEAT_KINDS | PROCEDURAL_KINDS))}")
        return v

    @field_validator("effect")
    @classmethod
    def _effect(cls, v: str | None) -> str | None:
        if v is not None and v not in EFFECTS:
            raise ValueError(f"unknown effect {one_of(v, sorted(EFFECTS))}")
        return v

    @model_validator(mode="after")
    def _needs(self) -> Self:
        idle = sorted(self.model_fields_set & _STRUCTURAL - EVENT_FIELDS[self.kind])
        if idle:  # read by another kind only: it would change nothing, unsaid
            takes = ", ".join(sorted(EVENT_FIELDS[self.kind])) or "none of them"
            raise ValueError(f"{idle[0]}: a {self.kind} event does nothing with it (of the fields that say what "
                             f"an event changes, it takes {takes})")
        if self.kind in SEAT_KINDS - {"merge", "government-change"} and self.party is None:
            raise ValueError(f"a {self.kind} event needs 'party'")
        if self.kind in ("switch-side", "defect") and self.to is None:
            raise ValueError(f"a {self.kind} event needs 'to' (the side it moves to)")
        if self.kind == "defect" and not self.members and self.seats is None:
            raise ValueError("a defect event needs 'members' or 'seats'")
        return self

    def to_model(self, origin: str | Place | None = None) -> Event:
        """The model's event (``origin``: where it was read, for the messages that name it)."""
        e = self
        new_party = (NewParty(e.new_party.id, e.new_party.name, e.new_party.colour, e.new_party.side)
                     if e.new_party else None)
        return Event(
            date=e.date, kind=e.kind, party=e.party, to=e.to, seats=e.seats, members=tuple(e.members),
            to_party=e.to_party, from_party=e.from_party, from_side=e.from_side, new_party=new_party,
            parties=tuple(e.parties), into=e.into, effect=e.effect, by=e.by, summary=e.summary,
            sources=e.all_sources(), verified=e.verified, note=e.note, origin=origin,
            extras=tuple((k, str(v)) for k, v in (e.extras or {}).items()),
        )


class VoteIn(_In):
    member: ID
    vote: Literal["yes", "no", "abstain", "absent", "excused", "paired", "not-voting", "other"]


class AdjudicationIn(_Sourced):
    date: Day
    by: GivenName = Field(description="Who decided: a court, the Speaker, the chamber.")
    summary: Note = ""
    excluded: Count = Field(default=0, ge=0, description="Votes for the motion (its candidate) held not countable.")
    yes: Count | None = Field(default=None, ge=0, description="The yes count as the decision restated it.")
    no: Count | None = Field(default=None, ge=0)
    candidates: dict[str, Annotated[Count, Field(ge=0)]] | None = Field(default=None, max_length=MAX_PARTIES)
    invalid: Count | None = Field(default=None, ge=0, description="The ballots the decision held invalid (0 where it "
                                                                  "counted ballots the chair had rejected).")

    @model_validator(mode="after")
    def _changes_something(self) -> Self:
        if (not self.excluded and self.yes is None and self.no is None and not self.candidates
                and self.invalid is None):
            raise ValueError("an adjudication needs excluded, yes, no, candidates or invalid (what it changed)")
        if self.excluded and self.yes is not None:
            raise ValueError("give excluded or yes, not both")
        return self


class DivisionIn(_Sourced):
    date: Day | None = None
    yes: Count = Field(ge=0)
    no: Count | None = Field(default=None, ge=0)
    abstain: Count | None = Field(default=None, ge=0)
    absent: Count | None = Field(default=None, ge=0)
    present_not_voting: Count | None = Field(
        default=None, ge=0, description="Members who declared themselves present but did not vote (they count "
                                        "toward a quorum, not toward the votes cast).")
    invalid: Count | None = Field(
        default=None, ge=0, description="Ballots cast but declared invalid (spoilt papers in a secret ballot, "
                                        "votes in a run-off for someone not in it): they count toward a quorum, "
                                        "not toward the votes cast.")
    defectors: Count | None = Field(
        default=None, ge=0, description="How many of the yes votes were cast against the party's direction (members "
                                        "who crossed the floor): where the motion's defection rule of the day says "
                                        "such votes are not counted, they are not (at most yes).")
    round: Literal[1, 2] | None = Field(default=None, description="1: a first poll; 2: a run-off (second poll). "
                                        "Default: the motion's round, else 1.")
    votes: list[VoteIn] = Field(
        default_factory=empty_list, max_length=MAX_MEMBERS,
        description="The roll: members' votes where known. It may name fewer members voting one way than the "
                    "count of that way (most rolls are partial), never more; those named absent are held against "
                    "absent, and those named absent, excused, paired or not-voting against absent and "
                    "present_not_voting together where both are given; those no count given holds, together, "
                    "at most the members who sat that day (the chamber's seats, undated) less those counted.")
    candidates: dict[str, Annotated[Count, Field(ge=0)]] | None = Field(
        default=None, min_length=1, max_length=MAX_PARTIES,
        description="Each candidate's votes, by name ({} would say no one stood: leave it out).")
    adjudications: list[AdjudicationIn] = Field(
        default_factory=empty_list, max_length=MAX_MOTIONS,
        description="Later decisions that changed how the vote is counted (a court holding votes not countable, "
                    "or restoring votes the chair excluded).")


class StanceIn(_Sourced):
    date: Day
    stance: Literal["yes", "lean-yes", "undecided", "lean-no", "no", "abstain", "absent"]
    party: ID | None = None
    member: ID | None = None
    seats: Count | None = Field(default=None, ge=0, le=MAX_SEATS, description="A party's part: how many of its "
                                "seats (not for a member, who holds one).")
    side: ID | None = Field(default=None, description="A party's seats on that side (not for a member, who sits "
                                                      "with their party).")
    p_yes: float | None = Field(default=None, ge=0, le=1)
    until: Day | None = Field(
        default=None, description="The first day the stance no longer holds (it holds from `date` up to the day "
                                  "before): from then on the subject counts as if this entry had never been made "
                                  "(an earlier entry still in force applies again, else the default). After `date`.")
    office: str | None = Field(
        default=None, min_length=1, max_length=500,
        description="Why these seats cannot vote on the motion, by office: the chair, deputies who do not vote, "
                    "tellers. Only with `stance: absent`: no what-if moves them, no pivot counts on them, and the "
                    "voting-power game leaves them out.")

    @field_validator("until")
    @classmethod
    def _after_date(cls, until: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("date")
        if until is not None and isinstance(start, dt.date) and until <= start:
            raise ValueError(f"expected a day after the stance's date {start.isoformat()} (the first day it no "
                             f"longer holds), got {until.isoformat()}")
        return until

    @field_validator("seats", "side")
    @classmethod
    def _of_a_party(cls, v: object, info: ValidationInfo) -> object:
        """A member holds one seat, on the side of their party: seats and side are a party's alone."""
        member = info.data.get("member")
        if member is not None and v is not None:
            raise ValueError(f"a member's stance is about one seat, on the side of their party, so {info.field_name} "
                             f"means nothing for member {member}, got {info.field_name}: {v}; leave it out")
        return v

    @model_validator(mode="after")
    def _who(self) -> Self:
        if (self.party is None) == (self.member is None):
            raise ValueError("a stance names exactly one of 'party' or 'member'")
        if self.office is not None and (self.stance != "absent" or self.p_yes is not None):
            raise ValueError("a stance with 'office' (seats that cannot vote) is 'stance: absent', with no p_yes: "
                             f"got stance {self.stance!r}" + ("" if self.p_yes is None else f", p_yes {self.p_yes}"))
        return self


class MotionIn(_Sourced):
    id: ID = ""
    kind: Literal[
        "no-confidence", "constructive-no-confidence", "confidence", "investiture", "pm-election"
    ]
    target: Name | None = None
    successor: Name | None = None
    filed: Day | None = None
    moved: Day | None = None
    vote: Day | None = None
    rules: RulesRef | None = None
    round: Literal[1, 2] | None = Field(
        default=None, description="Which poll the motion is: 1 a first poll, 2 a run-off, judged, counted and "
                                  "forecast under the run-off's threshold. Default: its division's round, else 1.")
    division: DivisionIn | None = None
    stances: list[StanceIn] = Field(
        default_factory=empty_list, max_length=MAX_STANCES,
        description="A further motion's whip count (`count --motion ID`); the main motion's stances are the "
                    "top-level `stances:`.")

    @model_validator(mode="after")
    def _in_order(self) -> Self:
        dates = [(name, getattr(self, name)) for name in ("filed", "moved", "vote")]
        given = [(name, day) for name, day in dates if day is not None]
        for (a, first), (b, then) in zip(given, given[1:], strict=False):
            if then < first:
                raise ValueError(f"{b} {then.isoformat()} is before {a} {first.isoformat()}: expected "
                                 "filed, moved and vote in date order")
        return self


class TogetherIn(_In):
    parties: list[ID] = Field(min_length=2, max_length=MAX_PARTIES)
    p: float = Field(default=0.5, ge=0, le=1)


class ForecastIn(_In):
    swing: float = Field(default=0.0, ge=0, le=10)
    party_swing: float = Field(default=0.0, ge=0, le=10)
    cohesion: float | None = Field(default=None, ge=0, le=1)
    together: list[TogetherIn] = Field(default_factory=empty_list, max_length=MAX_PARTIES)
    sims: Count | None = Field(default=None, ge=1, le=100_000_000)
    seed: Count | None = Field(default=None, ge=0)


class KeyDateIn(_In):
    date: Day
    label: Name


class ScenarioFile(_In):
    """The scenario file, as written by a user (JSON Schema: ``whipcount schema scenario``)."""

    id: ID | None = None
    title: Name | None = None
    description: str = Field(default="", max_length=MAX_DESCRIPTION)
    chamber: ChamberIn
    parties: list[PartyIn] = Field(min_length=1, max_length=MAX_PARTIES)
    members: list[MemberIn] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    events: list[EventIn] = Field(default_factory=empty_list, max_length=MAX_EVENTS)
    motion: MotionIn | None = None
    division: DivisionIn | None = None
    motions: list[MotionIn] = Field(default_factory=empty_list, max_length=MAX_MOTIONS)
    stances: list[StanceIn] = Field(default_factory=empty_list, max_length=MAX_STANCES)
    stance_probabilities: dict[str, Annotated[float, Field(ge=0, le=1)]] | None = Field(default=None,
                                                                                        max_length=MAX_NOTES)
    forecast: ForecastIn | None = None
    key_dates: list[KeyDateIn] = Field(default_factory=empty_list, max_length=MAX_NOTES)
    sources: list[SourceLike] = Field(default_factory=empty_list, max_length=MAX_SOURCES)
    unverified: list[Note] = Field(default_factory=empty_list, max_length=MAX_NOTES)
    constitutions: list[dict[str, Any]] = Field(
        default_factory=empty_list, max_length=MAX_MOTIONS,
        description="Constitutions of your own, written in the scenario (the schema of a constitution file); "
                    "chamber.rules or a motion's rules may name one by its id.")

    @field_validator("stance_probabilities")
    @classmethod
    def _stance_keys(cls, v: dict[str, float] | None) -> dict[str, float] | None:
        for key in v or {}:
            if key not in STANCES:
                raise ValueError(f"unknown stance {one_of(key, STANCES)}")
        return v


