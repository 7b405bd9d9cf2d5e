"""Popolo JSON in and out: the EveryPolitician-style bundle, with motions and vote events added.

A bundle holds ``persons``, ``organizations``, ``memberships``, ``areas``, ``posts``, ``events``,
``motions`` and ``vote_events``. whipcount maps them so:

==================  ===============================================================================
Popolo              whipcount
==================  ===============================================================================
organization        the chamber (``classification: legislature``) and the parties (``party``,
                    with their ``identifiers``)
person              a named member; its ``identifiers`` (any scheme) are kept
membership          a member's seat in the chamber ``on_behalf_of_id`` a party, with dates; the
                    first one covering the chamber's ``as_of`` date gives the member's starting party
area / post         the member's constituency
motion / vote event a motion and its recorded division: ``counts`` and individual ``votes``
``extras``          what Popolo has no field for: sides, seat counts, rules, the event log, the whip
                    count (stances), sources and verified marks, on the bundle or on its object
==================  ===============================================================================

Export then import gives back an equal Scenario. A bundle written by someone else (EveryPolitician,
a parliament's open data) has no event log: whipcount derives one from the memberships' dates
(a membership that ends is a ``vacate``, one that starts later a ``fill-seat``, a change of party a
``join-party``), and needs the rules profile, and sides, from the caller.

Dates may have reduced precision (``2018``, ``2018-04``), as EveryPolitician's often do: the first day
is used (``2018`` → 2018-01-01) and a warning says so; events made from such a date keep
``date_precision`` in their extras.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from whipcount.errors import InputError, InterchangeError, ScenarioError
from whipcount.io.scenario import MOTION_KINDS, identifier_problem, parse_scenario
from whipcount.io.writer import (
    event_to_dict,
    forecast_to_dict,
    sources_to_dict,
    speaker_to_dict,
    stance_to_dict,
)
from whipcount.io.yamlsource import Located, format_loc, load_json_file
from whipcount.model import VOTE_OPTIONS, Scenario

__all__ = [
    "FORMAT_VERSION",
    "ImportResult",
    "PopoloBundle",
    "division_from_votes",
    "dump_popolo",
    "export_popolo",
    "import_popolo",
    "parse_partial_date",
    "popolo_json_schema",
    "read_json",
    "read_popolo",
    "slug",
]

FORMAT_VERSION = 1
Loc = tuple[str | int, ...]
Data = dict[str, Any]

# -- shared helpers (also used by the CSV and OCD readers) ----------------------------------------------

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An imported scenario and the warnings found on the way (counts that disagree, guesses made)."""

    scenario: Scenario
    warnings: tuple[str, ...] = ()


def parse_partial_date(text: str) -> tuple[dt.date, str]:
    """``2018`` / ``2018-04`` / ``2018-04-05`` (a time part is dropped) → (first day, precision).

    Precision is ``year``, ``month`` or ``day``. Raises ValueError with a message for anything else.
    """
    m = _DATE.match(text.strip())
    if not m:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"no such date: {text!r}") from None
    return date, "day" if day else "month" if month else "year"


def slug(text: str) -> str:
    """A whipcount id for a foreign one: lower case, runs of other characters as ``-``.

    Readers first try the part after the last ``/`` (``party/red`` → ``red``,
    ``ocd-person/0b1c…`` → ``0b1c…``), then the whole id if that part is taken.
    """
    out = re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")
    return out[:80] or "x"


class _Ids:
    """Foreign ids → whipcount ids, one to one; a changed id is reported once."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.map: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.changed: list[tuple[str, str]] = []

    def add(self, foreign: str, fail: Callable[[str], InterchangeError]) -> str:
        if foreign in self.map:
            raise fail(f"{self.what} id {foreign!r} is used twice")
        mine = foreign if _ID.match(foreign) and len(foreign) <= 80 else slug(foreign.rsplit("/", 1)[-1])
        if mine in self.used and mine != foreign:  # "party/red" and "bloc/red": keep the whole id
            mine = slug(foreign)
        if mine in self.used:
            raise fail(f"{self.what} id {foreign!r} and {self.used[mine]!r} both become {mine!r}")
        self.map[foreign] = mine
        self.used[mine] = foreign
        if mine != foreign:
            self.changed.append((foreign, mine))
        return mine


# -- the format (pydantic models, at this edge only) ---------------------------------------------------


class _Pop(BaseModel):
    # Popolo files carry many fields whipcount has no use for (images, contact details, ...): allowed.
    model_config = ConfigDict(extra="allow", populate_by_name=True)


PartialDate = str


class Identifier(_Pop):
    scheme: str
    identifier: str


class OtherName(_Pop):
    name: str
    note: str | None = None


class Person(_Pop):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    sort_name: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    extras: dict[str, Any] = Field(default_factory=dict)


class Organization(_Pop):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    classification: str | None = None
    other_names: list[OtherName] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list)
    extras: dict[str, Any] = Field(default_factory=dict)


class Membership(_Pop):
    id: str | None = None
    person_id: str | None = None
    organization_id: str | None = None
    on_behalf_of_id: str | None = None
    post_id: str | None = None
    area_id: str | None = None
    legislative_period_id: str | None = None
    role: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    extras: dict[str, Any] = Field(default_factory=dict)


class Area(_Pop):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    type: str | None = None


class Post(_Pop):
    id: str = Field(min_length=1)
    label: str | None = None
    organization_id: str | None = None
    area_id: str | None = None
    role: str | None = None


class PopEvent(_Pop):
    id: str = Field(min_length=1)
    name: str | None = None
    classification: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    organization_id: str | None = None


class PopMotion(_Pop):
    id: str = Field(min_length=1)
    organization_id: str | None = None
    text: str | None = None
    classification: str | list[str] | None = None
    date: PartialDate | None = None
    requirement: str | None = None
    result: str | None = None
    extras: dict[str, Any] = Field(default_factory=dict)


class Count(_Pop):
    option: str
    value: int = Field(ge=0)


class Vote(_Pop):
    voter_id: str | None = None
    voter_name: str | None = None
    option: str
    group_id: str | None = None


class VoteEvent(_Pop):
    id: str = Field(min_length=1)
    motion_id: str | None = None
    organization_id: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    result: str | None = None
    counts: list[Count] = Field(default_factory=list)
    votes: list[Vote] = Field(default_factory=list)
    extras: dict[str, Any] = Field(default_factory=dict)


class PopoloBundle(_Pop):
    """A Popolo bundle as EveryPolitician publishes it, with ``motions`` and ``vote_events`` added."""

    persons: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    posts: list[Post] = Field(default_factory=list)
    events: list[PopEvent] = Field(default_factory=list)
    motions: list[PopMotion] = Field(default_factory=list)
    vote_events: list[VoteEvent] = Field(default_factory=list)
    extras: dict[str, Any] = Field(default_factory=dict)


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


# -- export --------------------------------------------------------------------------------------------


def _iso(value: Any) -> Any:
    """Dates → ISO strings, recursively (for JSON)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_iso(v) for v in value]
    return value


def _identifiers(**schemes: Any) -> list[Data]:
    return [{"scheme": k, "identifier": str(v)} for k, v in schemes.items() if v is not None]


def _pairs(pairs: tuple[tuple[str, str], ...]) -> list[Data]:
    return [{"scheme": scheme, "identifier": value} for scheme, value in pairs]


def _tail_extras(out: Data, *, verified: bool = True, note: str | None = None, sources: Any = ()) -> Data:
    if not verified:
        out["verified"] = False
    if note is not None:
        out["note"] = note
    out.update(sources_to_dict(sources))
    return out


def _memberships(scenario: Scenario, chamber_id: str, posts: dict[str, str]) -> tuple[list[Data], dict[str, str]]:
    """Memberships from the replayed history: a new one each day a member's party, side or seat changes.

    Returns them, and the names of parties that exist only after an event (split, merge, leave-party).
    """
    created: dict[str, str] = {}
    known = {p.id for p in scenario.parties}
    timeline: dict[str, list[tuple[dt.date | None, str | None, str | None, bool]]] = {
        m.id: [] for m in scenario.members
    }
    by_day: dict[dt.date, Any] = {}
    start = None
    for event, state in scenario.history():
        if event is None:
            start = state
        else:
            by_day[event.date] = state
        for p in state.parties:
            if p.id not in known and p.id not in created:
                created[p.id] = p.name
    assert start is not None
    for m in start.members:
        timeline[m.id].append((None, m.party, m.side, m.seated))
    for day in sorted(by_day):
        for m in by_day[day].members:
            last = timeline[m.id][-1]
            if (m.party, m.side, m.seated) != last[1:]:
                timeline[m.id].append((day, m.party, m.side, m.seated))
    out: list[Data] = []
    for member in scenario.members:
        spans = timeline[member.id]
        for i, (start_date, party, side, seated) in enumerate(spans):
            if not seated:
                continue
            end = spans[i + 1][0] if i + 1 < len(spans) else None
            ms: Data = {"person_id": member.id, "organization_id": chamber_id, "role": "member"}
            if party is not None:
                ms["on_behalf_of_id"] = party
            if member.constituency is not None:
                ms["post_id"] = posts[member.constituency]
            if start_date is not None:
                ms["start_date"] = start_date.isoformat()
            if end is not None:
                ms["end_date"] = end.isoformat()
            extras: Data = {}
            if start_date is None:
                if member.side is not None:
                    extras["side"] = member.side
            else:
                extras["side"] = side
                extras["from_event_log"] = True
            if extras:
                ms["extras"] = extras
            out.append(ms)
    return out, created


def _motion_text(kind: str, target: str | None, successor: str | None) -> str:
    text = kind.replace("-", " ").capitalize() + " motion"
    if target:
        text += f" against {target}"
    if successor:
        text += f", electing {successor}"
    return text


def export_popolo(scenario: Scenario) -> Data:
    """The scenario as a Popolo bundle (plain JSON data). ``import_popolo`` of it gives it back."""
    c = scenario.chamber
    taken = {p.id for p in scenario.parties} | {
        p.id for _, state in scenario.history() for p in state.parties
    }
    chamber_id = c.id or "chamber"
    while chamber_id in taken:  # organizations share one namespace: keep the chamber apart from parties
        chamber_id = "chamber-" + chamber_id
    held = sum(p.seats for p in scenario.parties)
    chamber_extras: Data = {"rules": c.rules, "seats": c.seats, "vacancies": c.seats - held,
                            "as_of": c.as_of.isoformat(), "sides": list(c.sides)}
    if chamber_id != c.id:
        chamber_extras["id"] = c.id
    speaker = speaker_to_dict(scenario.extras)
    if speaker is not None:
        chamber_extras["speaker"] = speaker
    chamber_extras.update(sources_to_dict(c.sources))
    if not c.verified:
        chamber_extras["verified"] = False
    if c.note is not None:
        chamber_extras["note"] = c.note
    organizations: list[Data] = [
        {"id": chamber_id, "classification": "legislature", "name": c.name,
         "identifiers": _identifiers(wikidata=c.wikidata), "extras": chamber_extras}
    ]
    for p in scenario.parties:
        extras: Data = {"seats": p.seats, "side": p.side}
        if p.by_side:
            extras["by_side"] = dict(p.by_side)
        if p.colour is not None:
            extras["colour"] = p.colour
        if p.left_right is not None:
            extras["left_right"] = p.left_right
        org: Data = {"id": p.id, "classification": "party", "name": p.name}
        if p.short is not None:
            org["other_names"] = [{"name": p.short, "note": "abbreviation"}]
        org["identifiers"] = _pairs(p.all_identifiers())
        org["extras"] = _tail_extras(extras, verified=p.verified, note=p.note, sources=p.sources)
        organizations.append(org)

    areas: list[Data] = []
    posts: list[Data] = []
    post_of: dict[str, str] = {}
    for m in scenario.members:
        if m.constituency is not None and m.constituency not in post_of:
            area_id = f"area-{len(areas) + 1}"
            areas.append({"id": area_id, "name": m.constituency, "type": "constituency"})
            post_of[m.constituency] = f"post-{len(posts) + 1}"
            posts.append({"id": post_of[m.constituency], "label": f"Member for {m.constituency}",
                          "organization_id": chamber_id, "area_id": area_id, "role": "member"})
    memberships, created = _memberships(scenario, chamber_id, post_of)
    for pid, name in created.items():
        organizations.append({"id": pid, "classification": "party", "name": name,
                              "extras": {"created_by_event": True}})

    persons: list[Data] = []
    for m in scenario.members:
        pextras: Data = {}
        if not m.seated:
            pextras["seated"] = False
            pextras["party"] = m.party
            if m.constituency is not None:
                pextras["constituency"] = m.constituency
        person: Data = {"id": m.id, "name": m.name, "identifiers": _pairs(m.all_identifiers())}
        person["extras"] = _tail_extras(pextras, verified=m.verified, note=m.note, sources=m.sources)
        persons.append(person)

    motions: list[Data] = []
    vote_events: list[Data] = []
    for i, mo in enumerate(scenario.motions):
        mid = mo.id or f"motion-{i + 1}"
        mextras: Data = {"kind": mo.kind}
        if not mo.id:
            mextras["id"] = ""
        for key in ("target", "successor", "filed", "moved", "vote", "rules"):
            value = getattr(mo, key)
            if value is not None:
                mextras[key] = value
        motion: Data = {"id": mid, "organization_id": chamber_id, "classification": mo.kind,
                        "text": _motion_text(mo.kind, mo.target, mo.successor)}
        if mo.filed or mo.moved:
            motion["date"] = (mo.filed or mo.moved or c.as_of).isoformat()
        motion["extras"] = _iso(_tail_extras(mextras, note=mo.note, sources=mo.sources))
        motions.append(motion)
        d = mo.division
        if d is None:
            continue
        ve: Data = {"id": f"{mid}-vote", "motion_id": mid, "organization_id": chamber_id}
        if d.date is not None:
            ve["start_date"] = d.date.isoformat()
        ve["counts"] = [{"option": o, "value": getattr(d, o)} for o in COUNTED if getattr(d, o) is not None]
        ve["votes"] = [{"voter_id": who, "option": OPTION_OUT[how]} for who, how in d.votes]
        vextras: Data = {}
        if d.candidates:
            vextras["candidates"] = dict(d.candidates)
        ve["extras"] = _tail_extras(vextras, verified=d.verified, note=d.note, sources=d.sources)
        vote_events.append(ve)

    scenario_extras: Data = {"id": scenario.id, "title": scenario.title}
    if scenario.description:
        scenario_extras["description"] = scenario.description
    bundle_extras: Data = {
        "whipcount": {"format": FORMAT_VERSION},
        "scenario": scenario_extras,
        "events": [event_to_dict(e) for e in scenario.events],
        "stances": [stance_to_dict(s) for s in scenario.stances],
    }
    if scenario.stance_probabilities:
        bundle_extras["stance_probabilities"] = dict(scenario.stance_probabilities)
    forecast_settings = forecast_to_dict(scenario.forecast)
    if forecast_settings:
        bundle_extras["forecast"] = forecast_settings
    if scenario.key_dates:
        bundle_extras["key_dates"] = [{"date": d, "label": label} for d, label in scenario.key_dates]
    if scenario.sources:
        bundle_extras["sources"] = [s.url if s.quote is None else {"url": s.url, "quote": s.quote}
                                    for s in scenario.sources]
    if scenario.unverified:
        bundle_extras["unverified"] = list(scenario.unverified)
    return {
        "persons": persons,
        "organizations": organizations,
        "memberships": memberships,
        "areas": areas,
        "posts": posts,
        "events": [],
        "motions": motions,
        "vote_events": vote_events,
        "extras": _iso(bundle_extras),
    }


def dump_popolo(scenario: Scenario) -> str:
    """The Popolo bundle as JSON text."""
    return json.dumps(export_popolo(scenario), indent=2, ensure_ascii=False) + "\n"


# -- import --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mapped(Located):
    """A Located whose error paths are rewritten from the scenario's shape to the source file's."""

    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]] = field(default_factory=dict)
    locate: Callable[[Loc], str] | None = None

    def _at(self, loc: Loc) -> str:
        if self.locate is not None:
            return self.locate(loc)
        path = format_loc(loc)
        return f"{self.name}: {path}" if path else self.name

    def where(self, loc: Sequence[str | int]) -> str:
        loc = tuple(loc)
        for n in range(len(loc), -1, -1):
            hit = self.paths.get(loc[:n])
            if hit is None:
                continue
            base, renames = hit
            rest = loc[n:]
            if renames is None or not rest:
                mapped = base + rest
            elif isinstance(rest[0], str) and rest[0] in renames:
                mapped = base + renames[rest[0]] + rest[1:]
            else:
                mapped = (*base, "extras", *rest)
            return self._at(mapped)
        return self._at(loc)


_PARTY_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "short": ("other_names",),
                                 "wikidata": ("identifiers",), "parlgov": ("identifiers",),
                                 "identifiers": ("identifiers",)}
_CHAMBER_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "wikidata": ("identifiers",)}
_MEMBER_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "wikidata": ("identifiers",),
                                  "identifiers": ("identifiers",),
                                  "party": ("memberships",), "constituency": ("memberships",)}
_MOTION_FIELDS: dict[str, Loc] = {"id": ("id",), "kind": ("classification",)}
_DIVISION_FIELDS: dict[str, Loc] = {"date": ("start_date",), "yes": ("counts",), "no": ("counts",),
                                    "abstain": ("counts",), "absent": ("counts",), "votes": ("votes",)}


def _pydantic_error(name: str, exc: ValidationError) -> InterchangeError:
    err = exc.errors()[0]
    loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and "[" in x))
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    kind = err.get("type", "")
    if kind == "missing":
        msg = "required field is missing"
    else:
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        inp = err.get("input")
        if not isinstance(inp, dict | list):
            msg += f", got {inp!r}"
    return InterchangeError(f"{name}: {format_loc(loc)}: {msg}{more}")


@dataclass(slots=True)
class _Reader:
    name: str
    bundle: PopoloBundle
    warnings: list[str] = field(default_factory=list)
    locate: Callable[[Loc], str] | None = None

    def at(self, loc: Loc) -> str:
        """``FILE: path`` (or, for a file read as CSV, ``FILE:LINE: column``)."""
        if self.locate is not None:
            return self.locate(loc)
        return f"{self.name}: {format_loc(loc)}" if loc else self.name

    def fail(self, loc: Loc, message: str) -> InterchangeError:
        return InterchangeError(f"{self.at(loc)}: {message}")

    def date(self, loc: Loc, text: str | None) -> tuple[dt.date, str] | None:
        if text is None or text == "":
            return None
        try:
            date, precision = parse_partial_date(text)
        except ValueError as exc:
            raise self.fail(loc, str(exc)) from None
        if precision != "day":
            self.warnings.append(f"{self.at(loc)}: {text!r} has {precision} precision; read as {date.isoformat()}")
        return date, precision


def _identifier(ids: list[Identifier], scheme: str) -> str | None:
    for i in ids:
        if i.scheme.lower() == scheme:
            return i.identifier
    return None


def _read_identifiers(r: _Reader, loc: Loc, ids: list[Identifier]) -> dict[str, str]:
    """``identifiers: [{scheme, identifier}]`` → {scheme: identifier}, schemes in lower case.

    Each is checked (a wikidata id is Q and a number, a parlgov id a number); the same pair twice is
    read once, one scheme with two different identifiers is an error naming the second.
    """
    out: dict[str, str] = {}
    first: dict[str, int] = {}
    for k, ident in enumerate(ids):
        scheme, value = ident.scheme.strip().lower(), ident.identifier.strip()
        problem = identifier_problem(scheme, value)
        if problem is not None:
            raise r.fail((*loc, "identifiers", k), problem)
        if scheme in out and out[scheme] != value:
            raise r.fail((*loc, "identifiers", k), f"a second {scheme} identifier {value!r} (identifiers"
                         f"[{first[scheme]}] is {out[scheme]!r}): whipcount keeps one per scheme")
        first.setdefault(scheme, k)
        out[scheme] = value
    return out


def import_popolo(
    data: Any,
    name: str = "popolo.json",
    *,
    rules: str | None = None,
    as_of: dt.date | None = None,
    seats: int | None = None,
    chamber: str | None = None,
    term: str | None = None,
    sides: dict[str, str] | None = None,
    default_side: str = "other",
    scenario_id: str | None = None,
    strict: bool = False,
    locate: Callable[[Loc], str] | None = None,
) -> ImportResult:
    """A Scenario from a parsed Popolo bundle (``data``, from ``json.load``); ``name`` labels errors.

    A bundle whipcount wrote carries the chamber's rules, seats, sides and event log in ``extras``; for
    any other bundle give ``rules`` (and, as needed, ``as_of``, ``seats``, ``term``, ``sides``).
    Raises :class:`~whipcount.errors.InterchangeError` naming the path inside the file; with ``strict``,
    a warning is an error too.
    """
    if not isinstance(data, dict):
        raise InterchangeError(f"{name}: expected a JSON object with persons, organizations, memberships, "
                               f"got {type(data).__name__}")
    try:
        bundle = PopoloBundle.model_validate(data)
    except ValidationError as exc:
        raise _pydantic_error(name, exc) from None
    r = _Reader(name, bundle, locate=locate)
    result = _build(r, rules=rules, as_of=as_of, seats=seats, chamber=chamber, term=term, sides=sides or {},
                    default_side=default_side, scenario_id=scenario_id)
    if strict and result.warnings:
        raise InterchangeError(f"{result.warnings[0]} (--strict; {len(result.warnings)} warning(s) in all)")
    return result


def read_popolo(path: str | Path, **options: Any) -> ImportResult:
    """Read a Popolo JSON file (see :func:`import_popolo` for the options)."""
    p = Path(path)
    return import_popolo(read_json(p), str(p), **options)


def read_json(p: Path) -> Any:
    """Parse a JSON file within the readers' bounds; errors name the file and line."""
    try:
        return load_json_file(p)
    except InterchangeError:
        raise
    except InputError as exc:
        raise InterchangeError(str(exc)) from None


@dataclass(slots=True)
class _Seat:
    """One chamber membership, read."""

    index: int
    person: str
    party: str
    start: dt.date | None
    end: dt.date | None
    start_precision: str
    end_precision: str
    constituency: str | None
    side: str | None
    extras: dict[str, Any]


def _build(
    r: _Reader,
    *,
    rules: str | None,
    as_of: dt.date | None,
    seats: int | None,
    chamber: str | None,
    term: str | None,
    sides: dict[str, str],
    default_side: str,
    scenario_id: str | None,
) -> ImportResult:
    b = r.bundle
    native = "events" in b.extras  # written by whipcount: the event log is in extras
    # organizations
    orgs: dict[str, tuple[int, Organization]] = {}
    for i, o in enumerate(b.organizations):
        if o.id in orgs:
            raise r.fail(("organizations", i, "id"), f"organization id {o.id!r} is used twice")
        orgs[o.id] = (i, o)
    legislatures = [o for o in b.organizations if (o.classification or "").lower() in ("legislature", "chamber")]
    if chamber is not None:
        if chamber not in orgs:
            raise InterchangeError(f"{r.name}: no organization with id {chamber!r} (--chamber)")
        chamber_org = orgs[chamber][1]
    elif len(legislatures) == 1:
        chamber_org = legislatures[0]
    elif not legislatures:
        raise InterchangeError(f"{r.name}: organizations: no organization with classification 'legislature' "
                               "(the chamber); give its id with --chamber")
    else:
        ids = ", ".join(o.id for o in legislatures)
        raise InterchangeError(f"{r.name}: organizations: {len(legislatures)} legislatures ({ids}); "
                               "choose one with --chamber")
    ci, corg = orgs[chamber_org.id][0], chamber_org
    cx = corg.extras
    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]] = {
        ("chamber",): (("organizations", ci), _CHAMBER_FIELDS),
        ("parties",): (("organizations",), None),
        ("members",): (("persons",), None),
    }

    # persons
    person_ids = _Ids("person")
    persons: dict[str, tuple[int, Person]] = {}
    for i, p in enumerate(b.persons):
        person_ids.add(p.id, lambda msg, i=i: r.fail(("persons", i, "id"), msg))  # type: ignore[misc]
        persons[p.id] = (i, p)
    # areas and posts
    areas = {a.id: a for a in b.areas}
    posts: dict[str, Post] = {}
    for i, post in enumerate(b.posts):
        if post.area_id is not None and post.area_id not in areas:
            raise r.fail(("posts", i, "area_id"), f"unknown area {post.area_id!r}")
        posts[post.id] = post
    periods = {e.id: e for e in b.events}

    # the chamber's memberships
    party_ids = _Ids("organization")
    for pid, (i, o) in orgs.items():
        if o is not corg:
            party_ids.add(pid, lambda msg, i=i: r.fail(("organizations", i, "id"), msg))  # type: ignore[misc]
    terms = {m.legislative_period_id for m in b.memberships if m.organization_id == corg.id}
    if term is None and len(terms - {None}) > 1:
        raise InterchangeError(
            f"{r.name}: memberships span {len(terms - {None})} legislative periods "
            f"({', '.join(sorted(t for t in terms if t))}); choose one with --term"
        )
    if term is not None and term not in terms:
        raise InterchangeError(f"{r.name}: no membership of {corg.id!r} in legislative period {term!r} (--term)")
    need_independent = False
    seats_read: list[_Seat] = []
    for i, m in enumerate(b.memberships):
        loc: Loc = ("memberships", i)
        if m.person_id is not None and m.person_id not in persons:
            raise r.fail((*loc, "person_id"), f"unknown person {m.person_id!r}")
        if m.organization_id is not None and m.organization_id not in orgs:
            raise r.fail((*loc, "organization_id"), f"unknown organization {m.organization_id!r}")
        if m.on_behalf_of_id is not None and m.on_behalf_of_id not in orgs:
            raise r.fail((*loc, "on_behalf_of_id"), f"unknown organization {m.on_behalf_of_id!r}")
        if m.post_id is not None and m.post_id not in posts:
            raise r.fail((*loc, "post_id"), f"unknown post {m.post_id!r}")
        if m.area_id is not None and m.area_id not in areas:
            raise r.fail((*loc, "area_id"), f"unknown area {m.area_id!r}")
        if m.legislative_period_id is not None and periods and m.legislative_period_id not in periods:
            raise r.fail((*loc, "legislative_period_id"), f"unknown event {m.legislative_period_id!r}")
        if m.organization_id != corg.id or m.person_id is None:
            continue  # a party membership or a committee: not a seat
        if native and m.extras.get("from_event_log") is True:
            continue  # written from the event log, which extras carries whole
        if term is not None and m.legislative_period_id != term:
            continue
        if m.on_behalf_of_id == corg.id:
            raise r.fail((*loc, "on_behalf_of_id"), "names the chamber itself, expected a party")
        if m.on_behalf_of_id is None:
            need_independent = True
        start = r.date((*loc, "start_date"), m.start_date)
        end = r.date((*loc, "end_date"), m.end_date)
        if start and end and end[0] < start[0]:
            raise r.fail((*loc, "end_date"), f"ends ({end[0]}) before it starts ({start[0]})")
        area = None
        if m.post_id is not None and posts[m.post_id].area_id is not None:
            area = areas[posts[m.post_id].area_id or ""].name
        elif m.area_id is not None:
            area = areas[m.area_id].name
        elif m.post_id is not None:
            area = posts[m.post_id].label
        side = m.extras.get("side")
        seats_read.append(_Seat(
            i, person_ids.map[m.person_id],
            party_ids.map[m.on_behalf_of_id] if m.on_behalf_of_id else "independent",
            start[0] if start else None, end[0] if end else None,
            start[1] if start else "day", end[1] if end else "day", area,
            side if isinstance(side, str) else None, m.extras,
        ))
    if need_independent and "independent" in party_ids.used:
        pass
    elif need_independent:
        r.warnings.append(f"{r.name}: memberships: some name no party (on_behalf_of_id): counted as 'independent'")

    # the starting date
    if as_of is None and "as_of" in cx:
        try:
            as_of = parse_partial_date(str(cx["as_of"]))[0]
        except ValueError as exc:
            raise r.fail(("organizations", ci, "extras", "as_of"), str(exc)) from None
    if as_of is None and term is not None and periods.get(term) and periods[term].start_date:
        got = r.date(("events", list(periods).index(term), "start_date"), periods[term].start_date)
        as_of = got[0] if got else None
    if as_of is None:
        starts = [s.start for s in seats_read if s.start is not None]
        if not starts:
            raise InterchangeError(f"{r.name}: no date to start from: the memberships have no start_date; "
                                   "give --as-of")
        as_of = min(starts)
        r.warnings.append(f"{r.name}: memberships: the seat counts are taken on {as_of.isoformat()}, "
                          "the earliest start_date (give --as-of for another date)")

    # the starting membership of each person: the earliest one covering as_of
    by_person: dict[str, list[_Seat]] = {}
    for s in seats_read:
        by_person.setdefault(s.person, []).append(s)
    for spans in by_person.values():
        spans.sort(key=lambda s: (s.start or dt.date.min, s.index))
    initial: dict[str, _Seat | None] = {}
    for pid, spans in by_person.items():
        covering = [s for s in spans if (s.start is None or s.start <= as_of) and (s.end is None or s.end >= as_of)]
        initial[pid] = covering[0] if covering else None

    # parties
    parties: list[Data] = []
    party_index: dict[str, int] = {}
    counted: dict[str, int] = {}
    for held_seat in initial.values():
        if held_seat is not None:
            counted[held_seat.party] = counted.get(held_seat.party, 0) + 1
    no_side: list[str] = []
    for pid, (i, o) in orgs.items():
        if o is corg or o.extras.get("created_by_event") is True:
            continue
        cls = (o.classification or "party").lower()
        if cls != "party":
            continue
        mine = party_ids.map[pid]
        x = dict(o.extras)
        entry: Data = {"id": mine, "name": o.name}
        short = next((n.name for n in o.other_names if (n.note or "").lower() == "abbreviation"), None)
        if short is not None:
            entry["short"] = short
        entry["seats"] = x.pop("seats", counted.get(mine, 0))
        side = x.pop("side", None) or sides.get(mine) or sides.get(pid)
        if side is None and "by_side" not in x:
            side = default_side
            no_side.append(mine)
        if side is not None:
            entry["side"] = side
        idents = _read_identifiers(r, ("organizations", i), o.identifiers)
        if "wikidata" in idents:
            entry["wikidata"] = idents.pop("wikidata")
        if "parlgov" in idents:
            entry["parlgov"] = int(idents.pop("parlgov"))
        if idents:
            entry["identifiers"] = idents
        x.pop("created_by_event", None)
        entry.update(x)  # by_side, colour, left_right, verified, note, sources; unknown keys fail validation
        paths[("parties", len(parties))] = (("organizations", i), _PARTY_FIELDS)
        party_index[mine] = len(parties)
        parties.append(entry)
    if need_independent and "independent" not in party_index:
        party_index["independent"] = len(parties)
        parties.append({"id": "independent", "name": "Independents",
                        "seats": counted.get("independent", 0), "side": sides.get("independent", default_side)})
    for s in seats_read:
        if s.party not in party_index and not native:
            raise r.fail(("memberships", s.index, "on_behalf_of_id"),
                         f"{s.party!r} is not a party (its classification is not 'party')")
    if no_side:
        r.warnings.append(f"{r.name}: organizations: no side given for {', '.join(no_side)}: "
                          f"put on {default_side!r} (give sides with --side PARTY=SIDE)")

    # members
    members: list[Data] = []
    for pid, (i, p) in persons.items():
        mine = person_ids.map[pid]
        x = dict(p.extras)
        first = initial.get(mine)
        spans = by_person.get(mine, [])
        if first is None and not spans and "party" not in x:
            continue  # a person with no seat in this chamber (a candidate, a member of another term)
        entry = {"id": mine, "name": p.name}
        if "party" in x:
            entry["party"] = x.pop("party")
        elif first is not None:
            entry["party"] = first.party
        else:
            entry["party"] = spans[0].party
        if first is not None and first.side is not None:
            entry["side"] = first.side
        constituency = (first or spans[0]).constituency if (first or spans) else None
        if constituency is not None:
            entry["constituency"] = constituency
        idents = _read_identifiers(r, ("persons", i), p.identifiers)
        if "wikidata" in idents:
            entry["wikidata"] = idents.pop("wikidata")
        if idents:
            entry["identifiers"] = idents
        if first is None:
            entry["seated"] = False
        x.pop("seated", None)
        entry.update(x)
        paths[("members", len(members))] = (("persons", i), _MEMBER_FIELDS)
        members.append(entry)

    # the event log
    events: list[Data]
    if native:
        raw = b.extras.get("events")
        if not isinstance(raw, list):
            raise r.fail(("extras", "events"), "expected a list of events")
        events = list(raw)
        paths[("events",)] = (("extras", "events"), None)
    else:
        events = _derive_events(r, by_person, initial, as_of, paths, parties, party_index)

    # motions and vote events
    motions = _motions(r, corg.id, person_ids, paths)

    # the chamber
    if rules is None:
        rules = cx.get("rules") if isinstance(cx.get("rules"), str) else None
    if rules is None:
        raise InterchangeError(f"{r.name}: organizations[{ci}]: the chamber's rules profile is not in the file; "
                               "give --rules (for example pk-na)")
    held = sum(int(p["seats"]) for p in parties if isinstance(p.get("seats"), int))
    if seats is None:
        raw_seats = cx.get("seats", (corg.model_extra or {}).get("seats"))  # EveryPolitician: on the org
        seats = raw_seats if isinstance(raw_seats, int) and not isinstance(raw_seats, bool) else None
    if seats is None:
        seats = held
        r.warnings.append(f"{r.name}: the chamber's size is not in the file: taken as {seats}, "
                          f"the seats held on {as_of.isoformat()} (give --seats)")
    chamber_entry: Data = {}
    cid = cx.get("id", corg.id)
    if cid != "":
        chamber_entry["id"] = cid if isinstance(cid, str) and _ID.match(cid) else slug(str(cid))
    chamber_entry.update({"name": corg.name, "rules": rules, "seats": seats, "as_of": as_of})
    chamber_entry["sides"] = cx.get("sides", ["government", "opposition", "other"])
    wikidata = _identifier(corg.identifiers, "wikidata")
    if wikidata is not None:
        chamber_entry["wikidata"] = wikidata
    for key in ("speaker", "source", "sources", "verified", "note"):
        if key in cx:
            chamber_entry[key] = cx[key]

    sx = b.extras.get("scenario") if isinstance(b.extras.get("scenario"), dict) else {}
    assert isinstance(sx, dict)
    doc: Data = {"id": scenario_id or sx.get("id") or slug(corg.id), "title": sx.get("title", corg.name)}
    if "description" in sx:
        doc["description"] = sx["description"]
    doc.update({"chamber": chamber_entry, "parties": parties, "members": members, "events": events,
                "motions": motions})
    for key in ("stances", "stance_probabilities", "forecast", "key_dates", "sources", "unverified"):
        if key in b.extras:
            doc[key] = b.extras[key]
            paths[(key,)] = (("extras", key), None)
    paths[("id",)] = (("extras", "scenario", "id"), None)
    paths[("title",)] = (("extras", "scenario", "title"), None)
    paths[("description",)] = (("extras", "scenario", "description"), None)
    for old, new in person_ids.changed + party_ids.changed:
        r.warnings.append(f"{r.name}: id {old!r} is not a whipcount id: read as {new!r}")
    located = _Mapped(doc, r.name, {}, paths, r.locate)
    try:
        scenario = parse_scenario(located, default_id=str(doc["id"]))
    except ScenarioError as exc:
        raise InterchangeError(str(exc)) from None
    return ImportResult(scenario, tuple(r.warnings))


_ORDER = {"vacate": 0, "join-party": 1, "fill-seat": 2}


def _derive_events(
    r: _Reader,
    by_person: dict[str, list[_Seat]],
    initial: dict[str, _Seat | None],
    as_of: dt.date,
    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]],
    parties: list[Data],
    party_index: dict[str, int],
) -> list[Data]:
    """Events from the memberships' dates: seats that fall vacant, are filled, or change party."""
    found: list[tuple[dt.date, int, int, Data, Loc]] = []

    def side_of(party: str) -> str | None:
        p = parties[party_index[party]]
        side = p.get("side")
        return side if isinstance(side, str) else None

    def add(date: dt.date, kind: str, seat: _Seat, which: str, precision: str, **fields: Any) -> None:
        ev: Data = {"date": date, "kind": kind, **fields, "members": [seat.person]}
        extras = {"membership": f"memberships[{seat.index}]"}
        if precision != "day":
            extras["date_precision"] = precision
        ev["extras"] = extras
        found.append((date, _ORDER[kind], seat.index, ev, ("memberships", seat.index, which)))

    for pid, spans in by_person.items():
        first = initial.get(pid)
        current: _Seat | None = first
        later = [s for s in spans if s is not first and (s.start is not None and s.start > as_of)]
        seated = first is not None
        for s in later:
            if current is not None and seated:
                contiguous = current.end is not None and s.start is not None and (
                    s.start - current.end).days <= 1
                if contiguous and current.party == s.party:
                    current = s
                    continue
                if contiguous:
                    add(s.start or as_of, "join-party", s, "start_date", s.start_precision,
                        party=s.party, to=side_of(s.party))
                    current = s
                    continue
                if current.end is not None and current.end >= as_of:
                    add(current.end, "vacate", current, "end_date", current.end_precision, party=current.party)
                seated = False
            assert s.start is not None
            add(s.start, "fill-seat", s, "start_date", s.start_precision, party=s.party, to=side_of(s.party))
            current, seated = s, True
        if current is not None and seated and current.end is not None and current.end >= as_of:
            add(current.end, "vacate", current, "end_date", current.end_precision, party=current.party)
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[Data] = []
    for _, _, _, ev, loc in found:
        paths[("events", len(out))] = (loc, None)
        out.append({k: v for k, v in ev.items() if v is not None})
    return out


def _motions(
    r: _Reader, chamber_id: str, person_ids: _Ids, paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]]
) -> list[Data]:
    b = r.bundle
    motion_at: dict[str, int] = {}
    out: list[Data] = []
    for i, m in enumerate(b.motions):
        if m.id in motion_at:
            raise r.fail(("motions", i, "id"), f"motion id {m.id!r} is used twice")
        if m.organization_id is not None and m.organization_id != chamber_id:
            continue
        x = dict(m.extras)
        classification = m.classification[0] if isinstance(m.classification, list) and m.classification else (
            m.classification if isinstance(m.classification, str) else None)
        kind = x.pop("kind", None) or classification
        if kind not in MOTION_KINDS:
            r.warnings.append(f"{r.at(('motions', i))}: classification {kind!r} is not a motion whipcount models "
                              f"({', '.join(MOTION_KINDS)}): left out")
            continue
        entry: Data = {"id": x.pop("id", None) if "id" in x else (m.id if _ID.match(m.id) else slug(m.id)),
                       "kind": kind}
        if entry["id"] == "":
            del entry["id"]
        if "kind" not in m.extras and m.date is not None:
            got = r.date(("motions", i, "date"), m.date)
            if got is not None:
                entry["filed"] = got[0]
        if "note" not in x and m.text and "kind" not in m.extras:
            entry["note"] = m.text
        entry.update(x)
        motion_at[m.id] = len(out)
        paths[("motions", len(out))] = (("motions", i), _MOTION_FIELDS)
        out.append(entry)
    for i, ve in enumerate(b.vote_events):
        loc: Loc = ("vote_events", i)
        if ve.motion_id is None:
            r.warnings.append(f"{r.at(loc)}: no motion_id: left out")
            continue
        if ve.motion_id not in motion_at:
            if any(m.id == ve.motion_id for m in b.motions):
                continue  # its motion was left out, with a warning
            raise r.fail((*loc, "motion_id"), f"unknown motion {ve.motion_id!r}")
        target = out[motion_at[ve.motion_id]]
        if "division" in target:
            r.warnings.append(f"{r.at(loc)}: a second vote on motion {ve.motion_id!r}: left out")
            continue
        division = division_from_votes(r, loc, ve, person_ids.map)
        target["division"] = division
        paths[("motions", motion_at[ve.motion_id], "division")] = (loc, _DIVISION_FIELDS)
    return out


def division_from_votes(r: _Reader, loc: Loc, ve: VoteEvent, people: dict[str, str]) -> Data:
    """A division mapping from a vote event; counts that disagree with the votes become warnings."""
    x = dict(ve.extras)
    division: Data = {}
    got = r.date((*loc, "start_date"), ve.start_date)
    if got is not None:
        division["date"] = got[0]
    counts: dict[str, int] = {}
    for j, c in enumerate(ve.counts):
        option = OPTION_IN.get(c.option.strip().lower())
        if option is None:
            raise r.fail((*loc, "counts", j, "option"),
                         f"unknown vote option {c.option!r} (expected one of: {', '.join(OPTION_IN)})")
        if option in counts:
            raise r.fail((*loc, "counts", j, "option"), f"option {c.option!r} is counted twice")
        counts[option] = c.value
    votes: list[Data] = []
    tally: dict[str, int] = {}
    seen: set[str] = set()
    for j, v in enumerate(ve.votes):
        option = OPTION_IN.get(v.option.strip().lower())
        if option is None:
            raise r.fail((*loc, "votes", j, "option"),
                         f"unknown vote option {v.option!r} (expected one of: {', '.join(OPTION_IN)})")
        tally[option] = tally.get(option, 0) + 1
        if v.voter_id is None:
            continue  # counted, but no member to attach it to
        if v.voter_id not in people:
            raise r.fail((*loc, "votes", j, "voter_id"), f"unknown person {v.voter_id!r}")
        member = people[v.voter_id]
        if member in seen:
            raise r.fail((*loc, "votes", j, "voter_id"), f"{v.voter_id!r} votes twice")
        seen.add(member)
        votes.append({"member": member, "vote": option})
    where = r.at(loc)
    if ve.votes:
        for option in sorted(set(counts) | set(tally), key=lambda o: VOTE_OPTIONS.index(o)):
            if option in counts and counts[option] != tally.get(option, 0):
                r.warnings.append(
                    f"{where}: counts say {counts[option]} {OPTION_OUT[option]} but {tally.get(option, 0)} "
                    f"individual {OPTION_OUT[option]} vote(s) are listed (tellers, pairs, recusals or a "
                    f"partial roll?)"
                )
    if "yes" not in counts and ve.votes:
        counts["yes"] = tally.get("yes", 0)
        r.warnings.append(f"{where}: no yes count: taken as the {counts['yes']} individual yes vote(s)")
    if "yes" not in counts:
        raise r.fail((*loc, "counts"), "no count of yes votes and no individual votes")
    for option in COUNTED:
        if option in counts:
            division[option] = counts[option]
    dropped = {o: n for o, n in counts.items() if o not in COUNTED}
    if dropped:
        listed = ", ".join(f"{OPTION_OUT[o]} {n}" for o, n in dropped.items())
        r.warnings.append(f"{where}: counts: a whipcount division counts yes, no, abstain and absent only; "
                          f"left out: {listed}")
    if votes:
        division["votes"] = votes
    division.update(x)
    return division

