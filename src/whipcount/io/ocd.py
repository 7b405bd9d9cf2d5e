"""Open Civic Data vote events (as Open States publishes them) attached to a scenario's motion.

An OCD vote event has ``motion_text``, ``motion_classification``, ``start_date``, ``counts:
[{option, value}]`` and ``votes: [{option, voter_name, voter_id}]``. Its options map onto whipcount's:
``yes``, ``no``, ``abstain``, ``absent``, ``excused``, ``paired``, ``other``, and ``not voting`` →
``not-voting``. A voter is matched to a member of the scenario by id (``ocd-person/ID`` or ``ID``),
then by one of the member's identifiers (``identifiers: {openstates: ocd-person/ID}``), then by name;
a voter who matches no member is counted but not attached, with a warning.

A whipcount division has counts for yes, no, abstain and absent; counts of other options are left out
with a warning, and counts that disagree with the individual votes (tellers, pairs, recusals, a partial
roll) are flagged, never silently trusted.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError

from whipcount.errors import InterchangeError, ScenarioError
from whipcount.io.document_kind import refuse_by_head, said_as_other
from whipcount.io.input_base import empty_list
from whipcount.io.interchange_base import ImportResult, Loc, _pydantic_error, _Reader, json_locator, read_json
from whipcount.io.limits import MAX_MEMBERS, MAX_SIDES, MAX_SOURCES, check_source_url
from whipcount.io.popolo_format import Count, IdText, PopoloBundle, Vote, VoteEvent, _Pop
from whipcount.io.popolo_left_out import fields_left_out
from whipcount.io.popolo_votes import division_from_votes
from whipcount.io.scenario import parse_scenario
from whipcount.io.scenario_fields import MOTION_KINDS
from whipcount.io.writer import dump_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Division, Motion, Scenario, Source
from whipcount.model.ids import did_you_mean
from whipcount.model.names import folded

__all__ = ["OcdVoteEvent", "import_ocd", "read_ocd"]


class OcdVote(_Pop):
    option: str
    voter_name: str | None = None
    voter_id: IdText | None = None
    note: str | None = None


class OcdSource(_Pop):
    # a web address or a citation, as in a scenario's sources (never a scheme a browser would run)
    url: Annotated[str, AfterValidator(check_source_url)] = Field(min_length=1)
    note: str | None = None


class OcdVoteEvent(_Pop):
    """An Open Civic Data vote event (the fields whipcount reads; others are allowed and ignored)."""

    id: IdText | None = Field(default=None, alias="_id")
    identifier: str | None = None
    motion_text: str | None = None
    motion_classification: list[str] = Field(default_factory=empty_list, max_length=MAX_SOURCES)
    start_date: str | None = None
    result: str | None = None
    votes: list[OcdVote] = Field(default_factory=empty_list, max_length=MAX_MEMBERS)
    counts: list[Count] = Field(default_factory=empty_list, max_length=MAX_SIDES)
    sources: list[OcdSource] = Field(default_factory=empty_list, max_length=MAX_SOURCES)


def import_ocd(
    data: Any,
    name: str,
    scenario: Scenario,
    *,
    motion: str | None = None,
    strict: bool = False,
    locate: Callable[[Loc], str] | None = None,
) -> ImportResult:
    """The scenario with the OCD vote event as the division of ``motion`` (an id; default: the motion
    whose kind is the vote's ``motion_classification``, else the main motion, else a new motion)."""
    if not isinstance(data, dict):
        raise InterchangeError(f"{name}: expected a JSON object (an OCD vote event), got {type(data).__name__}")
    with said_as_other(data, "ocd", name, InterchangeError):  # a Popolo bundle, a scenario as JSON
        return _attach(data, name, scenario, motion, strict, locate)


def _attach(data: dict[str, Any], name: str, scenario: Scenario, motion: str | None, strict: bool,
            locate: Callable[[Loc], str] | None) -> ImportResult:
    """:func:`import_ocd` of a JSON object."""
    try:
        ve = OcdVoteEvent.model_validate(data)
    except ValidationError as exc:
        raise _pydantic_error(name, exc, locate, "OCD vote event") from None
    r = _Reader(name, PopoloBundle(), locate=locate)
    people = {m.id: m.id for m in scenario.members}
    voters = _voters(r, ve, scenario)
    event = VoteEvent(id=ve.id or "vote", start_date=ve.start_date, counts=ve.counts, votes=voters)
    division = _division(division_from_votes(r, (), event, people), ve)
    index, kinds = _motion_index(ve, name, scenario, motion)
    motions = list(scenario.motions)
    if index is None:
        motions.append(Motion(kind=kinds[0], id=kinds[0], vote=division.date, division=division))
    else:
        _check_vote_day(r, motions[index], division.date)
        if motions[index].division is not None:
            r.warnings.append(f"{name}: replaces the division already recorded for motion {motions[index].id!r}")
        motions[index] = dataclasses.replace(motions[index], division=division)
    updated = dataclasses.replace(scenario, motions=tuple(motions))
    try:  # the same checks as a scenario file: voters exist, counts fit the chamber
        parse_scenario(load_yaml_text(dump_scenario(updated), name), default_id=scenario.id)
    except ScenarioError as exc:
        attached = [j for j, v in enumerate(voters) if v.voter_id is not None]
        raise _in_vote_file(r, str(exc).removeprefix(name), attached) from None
    r.warnings.extend(_left_out(r, ve))
    if strict and r.warnings:
        raise InterchangeError(f"{r.warnings[0]} (--strict; {len(r.warnings)} warning(s) in all)")
    return ImportResult(updated, tuple(r.warnings))


_DIVISION_PLACE = re.compile(r"(?::[0-9]+)?: (?:motions\[[0-9]+\]\.)?division(?:\.(\w+)(?:\[([0-9]+)\])?)?[^ :]*: (.*)",
                             re.DOTALL)
_COUNTED_FIELDS = {"yes", "no", "abstain", "absent"}


def _in_vote_file(r: _Reader, said: str, attached: list[int]) -> InterchangeError:
    """The scenario's error about the division made of the vote event, at its place in the vote event's
    file: a member's vote at the voter it was read from (``votes[3]``, ``attached`` giving the voter of each
    vote the division holds), a count or the counts' sum at ``counts``; anything else at the file."""
    found = _DIVISION_PLACE.fullmatch(said)
    if found is None:
        return InterchangeError(f"{r.name}: {said.split(': ', 1)[-1]}")
    field, index, message = found.groups()
    if field == "votes" and index is not None and int(index) < len(attached):
        return r.fail(("votes", attached[int(index)]), message)
    if field is None or field in _COUNTED_FIELDS:  # the division as a whole: what its counts add up to
        return r.fail(("counts",), message)
    return r.fail((), message)


_KEPT = {(): {"identifier", "motion_text", "motion_classification", "start_date", "votes", "counts", "sources"},
         ("votes",): {"option", "voter_name", "voter_id"}, ("sources",): {"url"}}
"""The fields of a vote event, its votes and its sources that the division keeps (the identifier and
motion text as its note)."""


def _left_out(r: _Reader, ve: OcdVoteEvent) -> list[str]:
    """A warning for each of the vote event, its votes and its sources naming the fields the division has no
    place for (the event's ``result``, ``bill`` or ``organization``, a vote's ``note``), never dropped unsaid."""
    parts: list[tuple[tuple[str, ...], list[Any]]] = [((), [ve]), (("votes",), ve.votes),
                                                       (("sources",), ve.sources)]
    found = [fields_left_out(r, loc, items, _not_in(_KEPT[loc])) for loc, items in parts]
    return [w for w in found if w is not None]


def _not_in(kept: set[str]) -> Callable[[str, Any, Any], bool]:
    return lambda key, _value, _item: key not in kept


def _voters(r: _Reader, ve: OcdVoteEvent, scenario: Scenario) -> list[Vote]:
    """Each vote with the member it is by: by id (whole, or its last part), then by any of a member's
    identifiers (an Open States person id kept as ``openstates: ocd-person/…``; an identifier two members
    share matches neither), then by name (two members of one name: an error); an id and a name that are
    two members are warned of. A voter who is none of the members is counted, not attached (warned)."""
    by_id = {m.id: m.id for m in scenario.members}
    by_identifier: dict[str, str | None] = {}
    for m in scenario.members:
        for value in dict.fromkeys(v for _, v in m.identifiers):
            by_identifier[value] = None if value in by_identifier else m.id
    by_name: dict[str, list[str]] = {}
    for m in scenario.members:
        by_name.setdefault(folded(m.name), []).append(m.id)
    votes: list[Vote] = []
    for j, v in enumerate(ve.votes):
        member = None
        if v.voter_id:
            bare = v.voter_id.rsplit("/", 1)[-1]
            member = (by_id.get(v.voter_id) or by_id.get(bare) or by_identifier.get(v.voter_id)
                      or by_identifier.get(bare))
            named = by_name.get(folded(v.voter_name or ""), [])
            if member is not None and named and member not in named:  # the id and the name are two members
                r.warnings.append(f"{r.at(('votes', j, 'voter_name'))}: {v.voter_name!r} is the name of "
                                  f"{', '.join(named)}, but voter_id {v.voter_id!r} is {member!r}: attached to "
                                  f"{member!r} by its id (check the vote)")
        if member is None and v.voter_name:
            found = by_name.get(folded(v.voter_name), [])
            if len(found) > 1:
                raise r.fail(("votes", j, "voter_name"),
                             f"{v.voter_name!r} matches {len(found)} members ({', '.join(found)}); give voter_id")
            member = found[0] if found else None
        if member is None:
            who = v.voter_name or v.voter_id or "an unnamed voter"
            r.warnings.append(f"{r.at(('votes', j))}: {who!r} is not a member of {scenario.id}: counted, not attached")
        votes.append(Vote(voter_id=member, option=v.option))
    return votes


def _division(got: dict[str, Any], ve: OcdVoteEvent) -> Division:
    date = got.get("date")
    return Division(
        yes=got["yes"], no=got.get("no"), abstain=got.get("abstain"), absent=got.get("absent"),
        date=date if isinstance(date, dt.date) else None,
        votes=tuple((v["member"], v["vote"]) for v in got.get("votes", [])),
        sources=tuple(Source(s.url) for s in ve.sources),
        note=": ".join(x for x in (ve.identifier, ve.motion_text) if x) or None,
    )


def _motion_index(ve: OcdVoteEvent, name: str, scenario: Scenario, motion: str | None
                  ) -> tuple[int | None, list[str]]:
    """The motion the vote is attached to (``None``: a new one, of the vote's first modelled kind), and
    the kinds the vote names: ``motion`` by id, else the first motion of the vote's kind, else the main one."""
    kinds = [k for k in ve.motion_classification if k in MOTION_KINDS]
    index: int | None = None
    if motion is not None:
        index = next((i for i, m in enumerate(scenario.motions) if m.id == motion), None)
        if index is None:
            known = ", ".join(m.id for m in scenario.motions) or "none"
            raise InterchangeError(f"{scenario.id}: no motion {motion!r} to attach the vote to (motions: {known})"
                                   f"{did_you_mean(motion, (m.id for m in scenario.motions if m.id))}")
    elif kinds:
        index = next((i for i, m in enumerate(scenario.motions) if m.kind == kinds[0]), None)
    elif scenario.motions:
        index = 0
    if index is None and not kinds:
        raise InterchangeError(
            f"{name}: motion_classification: {ve.motion_classification!r} names no motion whipcount models "
            f"({', '.join(MOTION_KINDS)}) and {scenario.id} has none to attach the vote to; give --motion"
        )
    return index, kinds


def _check_vote_day(r: _Reader, motion: Motion, day: dt.date | None) -> None:
    """A vote attached to a motion is on the motion's vote day (a sitting past midnight: the day after)
    and not before it was filed or moved."""
    if day is None:
        return
    start = motion.opened
    if start is not None and day < start:
        raise r.fail(("start_date",), f"the vote on {day.isoformat()} comes before motion {motion.id!r} was filed "
                                      f"on {start.isoformat()}")
    if motion.moved is not None and day < motion.moved:
        raise r.fail(("start_date",), f"the vote on {day.isoformat()} comes before motion {motion.id!r} was moved "
                                      f"on {motion.moved.isoformat()}")
    if motion.vote is not None and abs((day - motion.vote).days) > 1:
        raise r.fail(("start_date",), f"expected the day motion {motion.id!r} was voted on "
                                      f"({motion.vote.isoformat()}), got {day.isoformat()}; give --motion to "
                                      "attach it to another motion")


def read_ocd(path: str | Path, scenario: Scenario, **options: Any) -> ImportResult:
    """Read an OCD vote event file and attach it to ``scenario`` (see :func:`import_ocd`)."""
    p = Path(path)
    refuse_by_head(p, "ocd", InterchangeError, json_too=False)  # a scenario, a constitution, a CSV
    return import_ocd(read_json(p, OcdVoteEvent), str(p), scenario, locate=json_locator(p, str(p)), **options)
