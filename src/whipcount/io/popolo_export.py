"""A scenario as a Popolo bundle (see :mod:`whipcount.io.popolo` for the mapping)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml

from whipcount.io.interchange_base import Data
from whipcount.io.popolo_format import COUNTED, FORMAT_VERSION, OPTION_OUT
from whipcount.io.popolo_term import period_event
from whipcount.io.writer import (
    division_to_dict,
    event_to_dict,
    forecast_to_dict,
    motion_to_dict,
    sources_to_dict,
    speaker_to_dict,
    stance_to_dict,
    term_to_dict,
)
from whipcount.model import Division, Member, Motion, Party, Scenario, Source, motion_about
from whipcount.model.arguments import check_instance
from whipcount.model.replayer import moves


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
    out.update(_iso(sources_to_dict(sources)))
    return out


_Span = tuple[dt.date | None, str | None, str | None, bool]
"""From when (None: from the start), party, side, seated."""


def _memberships(scenario: Scenario, seat: tuple[str, str], posts: dict[str, str],
                 timeline: dict[str, list[_Span]]) -> list[Data]:
    """Memberships from the replayed history (``timeline``): a new one each day a member's party, side or
    seat changes, each of the chamber in its legislative period (``seat``: their ids)."""
    out: list[Data] = []
    for member in scenario.members:
        spans = timeline[member.id]
        for i, (start_date, party, side, seated) in enumerate(spans):
            if seated:
                end = spans[i + 1][0] if i + 1 < len(spans) else None
                out.append(_membership(member, (start_date, end), party, side, seat, posts))
    return out


def _timelines(scenario: Scenario) -> tuple[dict[str, list[_Span]], dict[str, str]]:
    """Each member's spans, a new one each day his party, side or seat changes; and the names of the
    parties created by events. Read from the replay's changes, a day's after its last event."""
    created: dict[str, str] = {}
    known = {p.id for p in scenario.parties}
    timeline: dict[str, list[_Span]] = {m.id: [] for m in scenario.members}
    day: dt.date | None = None
    today: dict[str, tuple[str | None, str | None, bool]] = {}

    def close_day() -> None:
        for mid, where in today.items():
            if where != timeline[mid][-1][1:]:
                timeline[mid].append((day, *where))
        today.clear()

    for event, changed, held in moves(scenario.chamber, scenario.parties, scenario.events, members=scenario.members):
        if event is None:
            for mid, where in changed.items():
                timeline[mid].append((None, *where))
        else:
            if event.date != day:
                close_day()
                day = event.date
            today.update(changed)
        for pid, name in held.items():
            if pid not in known and pid not in created:
                created[pid] = name
    close_day()
    return timeline, created


def _membership(member: Member, dates: tuple[dt.date | None, dt.date | None], party: str | None, side: str | None,
                seat: tuple[str, str], posts: dict[str, str]) -> Data:
    """One seated span (``dates``: from, until; None for open) as a Popolo membership of the chamber in its
    legislative period (``seat``); a span that an event started records its side and that it comes from the
    event log."""
    start_date, end = dates
    chamber_id, period_id = seat
    ms: Data = {"person_id": member.id, "organization_id": chamber_id, "legislative_period_id": period_id,
                "role": "member"}
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
    return ms


def _motion_text(kind: str, target: str | None, successor: str | None) -> str:
    text = kind.replace("-", " ").capitalize() + " motion" + motion_about(kind, target)
    if successor:
        text += f", electing {successor}"
    return text


def export_popolo(scenario: Scenario) -> Data:
    """The scenario as a Popolo bundle (plain JSON data). ``import_popolo`` of it gives it back."""
    check_instance(scenario, Scenario, "scenario", "load_scenario(...) or Scenario(...) makes one")
    timeline, created = _timelines(scenario)
    chamber_id = _chamber_id(scenario, created)
    organizations = [_chamber_org(scenario, chamber_id)] + [_party_org(p) for p in scenario.parties]
    areas, posts, post_of = _areas_and_posts(scenario, chamber_id)
    period = period_event(scenario, chamber_id)
    memberships = _memberships(scenario, (chamber_id, period["id"]), post_of, timeline)
    for pid, name in created.items():
        organizations.append({"id": pid, "classification": "party", "name": name,
                              "extras": {"created_by_event": True}})
    motions: list[Data] = []
    vote_events: list[Data] = []
    for i, mo in enumerate(scenario.motions):
        motion = _motion(mo, i, chamber_id)
        motions.append(motion)
        if mo.division is not None:
            vote_events.append(_vote_event(mo.division, motion["id"], chamber_id))
    return {
        "persons": [_person(m) for m in scenario.members],
        "organizations": organizations,
        "memberships": memberships,
        "areas": areas,
        "posts": posts,
        "events": [period],
        "motions": motions,
        "vote_events": vote_events,
        "extras": _iso(_bundle_extras(scenario)),
    }


def _chamber_id(scenario: Scenario, created: dict[str, str]) -> str:
    """The chamber's organization id: its own, prefixed until no party has it (organizations share one
    namespace, parties created by events included)."""
    taken = {p.id for p in scenario.parties} | set(created)
    chamber_id = scenario.chamber.id or "chamber"
    while chamber_id in taken:
        chamber_id = "chamber-" + chamber_id
    return chamber_id


def _chamber_org(scenario: Scenario, chamber_id: str) -> Data:
    c = scenario.chamber
    held = sum(p.seats for p in scenario.parties)
    extras: Data = {"rules": c.rules, "seats": c.seats, "vacancies": c.seats - held,
                    "as_of": c.as_of.isoformat(), "sides": list(c.sides)}
    if chamber_id != c.id:
        extras["id"] = c.id
    speaker = speaker_to_dict(scenario.extras)
    if speaker is not None:
        extras["speaker"] = _iso(speaker)
    term = term_to_dict(scenario.extras)
    if term is not None:  # whole, as the scenario file writes it: the period's event says it in Popolo's words
        extras["term"] = _iso(term)
    extras.update(_iso(sources_to_dict(c.sources)))
    if not c.verified:
        extras["verified"] = False
    if c.note is not None:
        extras["note"] = c.note
    return {"id": chamber_id, "classification": "legislature", "name": c.name,
            "identifiers": _identifiers(wikidata=c.wikidata), "extras": extras}


def _party_org(p: Party) -> Data:
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
    return org


def _areas_and_posts(scenario: Scenario, chamber_id: str) -> tuple[list[Data], list[Data], dict[str, str]]:
    """One area and one post per constituency, in the members' order, and each constituency's post id."""
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
    return areas, posts, post_of


def _person(m: Member) -> Data:
    extras: Data = {}
    if not m.seated:
        extras["seated"] = False
        extras["party"] = m.party
        if m.side is not None:
            extras["side"] = m.side
        if m.constituency is not None:
            extras["constituency"] = m.constituency
    person: Data = {"id": m.id, "name": m.name, "identifiers": _pairs(m.all_identifiers())}
    person["extras"] = _tail_extras(extras, verified=m.verified, note=m.note, sources=m.sources)
    return person


# What a motion and a vote event have a Popolo field for; every other field of the scenario's motion and
# division (as the scenario writer writes it: kind, dates, rules, round, adjudications, ...) goes under extras,
# so a field the model gains travels the day the writer writes it.
_MOTION_OWN = ("id",)
_VOTE_EVENT_OWN = ("date", *COUNTED, "votes")


def _motion(mo: Motion, i: int, chamber_id: str) -> Data:
    """The ``i``-th motion (an id made up from its place when it has none, kept as an empty ``id`` extra)."""
    mid = mo.id or f"motion-{i + 1}"
    extras = {k: v for k, v in motion_to_dict(mo, with_division=False).items() if k not in _MOTION_OWN}
    if not mo.id:
        extras["id"] = ""
    motion: Data = {"id": mid, "organization_id": chamber_id, "classification": mo.kind,
                    "text": _motion_text(mo.kind, mo.target, mo.successor)}
    if mo.opened is not None:
        motion["date"] = mo.opened.isoformat()
    motion["extras"] = _iso(extras)
    return motion


def _vote_event(d: Division, motion_id: str, chamber_id: str) -> Data:
    ve: Data = {"id": f"{motion_id}-vote", "motion_id": motion_id, "organization_id": chamber_id}
    if d.date is not None:
        ve["start_date"] = d.date.isoformat()
    ve["counts"] = [{"option": o, "value": getattr(d, o)} for o in COUNTED if getattr(d, o) is not None]
    ve["votes"] = [{"voter_id": who, "option": OPTION_OUT[how]} for who, how in d.votes]
    ve["extras"] = _iso({k: v for k, v in division_to_dict(d).items() if k not in _VOTE_EVENT_OWN})
    return ve


def _bundle_extras(scenario: Scenario) -> Data:
    """What Popolo has no place for: the scenario's id and title, the event log, stances, forecast
    settings, key dates, sources and the constitutions of the user's own."""
    head: Data = {"id": scenario.id, "title": scenario.title}
    if scenario.description:
        head["description"] = scenario.description
    extras: Data = {
        "whipcount": {"format": FORMAT_VERSION},
        "scenario": head,
        "events": [event_to_dict(e) for e in scenario.events],
        "stances": [stance_to_dict(s) for s in scenario.stances],
    }
    if scenario.stance_probabilities:
        extras["stance_probabilities"] = dict(scenario.stance_probabilities)
    forecast_settings = forecast_to_dict(scenario.forecast)
    if forecast_settings:
        extras["forecast"] = forecast_settings
    if scenario.key_dates:
        extras["key_dates"] = [{"date": d, "label": label} for d, label in scenario.key_dates]
    if scenario.sources:
        extras["sources"] = [s.url if s == Source(s.url) else s.as_dict() for s in scenario.sources]
    if scenario.unverified:
        extras["unverified"] = list(scenario.unverified)
    if scenario.constitutions:  # the user's own, as the scenario writer writes them: the bundle judges alike
        extras["constitutions"] = [yaml.safe_load(text) for _, text in scenario.constitutions]
    return extras


def dump_popolo(scenario: Scenario) -> str:
    """The Popolo bundle as JSON text."""
    return json.dumps(export_popolo(scenario), indent=2, ensure_ascii=False) + "\n"

