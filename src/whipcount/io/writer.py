"""Write a Scenario back as scenario YAML, and write files atomically.

:func:`dump_scenario` is the inverse of :func:`whipcount.io.scenario.parse_scenario`: the text it returns
reads back into an equal :class:`~whipcount.model.Scenario` (equal field by field, except ``origin``,
the label of where an event or stance was read, which names the file and line it is read from).
Keys come in the order of the bundled scenario files; fields left at their defaults are left out, so a
written file looks like one written by hand.

:func:`scenario_to_dict` gives the same content as plain data (dates as :class:`datetime.date`);
the Popolo exporter reuses its pieces for what Popolo has no field for.

:func:`write_scenario` writes the text with :func:`whipcount.io.outfile.write_text_atomic` (a temporary file
in the target's folder renamed over it, so a failed write never leaves a partial file; symbolic links are
followed; a pipe or terminal is written in place), which this module re-exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from whipcount.io.outfile import write_bytes_atomic, write_text_atomic
from whipcount.io.yamlwrite import dump_yaml
from whipcount.model import (
    Adjudication,
    Chamber,
    Division,
    Event,
    ForecastSettings,
    Member,
    Motion,
    NewParty,
    Party,
    Scenario,
    Source,
    Stance,
)

__all__ = [
    "chamber_to_dict",
    "division_to_dict",
    "dump_scenario",
    "event_to_dict",
    "member_to_dict",
    "motion_to_dict",
    "party_to_dict",
    "scenario_to_dict",
    "sources_to_dict",
    "speaker_to_dict",
    "term_to_dict",
    "stance_to_dict",
    "write_bytes_atomic",
    "write_scenario",
    "write_text_atomic",
]

Data = dict[str, Any]


def _put(out: Data, key: str, value: Any, default: Any = None) -> None:
    """Set ``key`` unless ``value`` is its default (keeps written files as short as hand-written ones)."""
    if value != default:
        out[key] = value


def _source_mapping(s: Source) -> Data:
    out: Data = dict(s.as_dict())
    if s.date is not None:
        out["date"] = s.date  # written as a YAML date
    return out


def sources_to_dict(sources: tuple[Source, ...]) -> Data:
    """``{source: url}`` for one plain URL, ``{sources: [...]}`` otherwise, ``{}`` for none."""
    if not sources:
        return {}
    items: list[Any] = [s.url if s == Source(s.url) else _source_mapping(s) for s in sources]
    match items:
        case [single]:
            return {"source": single}
    return {"sources": items}


def _tail(out: Data, *, verified: bool = True, note: str | None = None, sources: tuple[Source, ...] = ()) -> Data:
    _put(out, "verified", verified, True)
    _put(out, "note", note)
    out.update(sources_to_dict(sources))
    return out


def forecast_to_dict(settings: ForecastSettings) -> Data:
    """The ``forecast:`` mapping: only what differs from the defaults."""
    out: Data = {}
    default = ForecastSettings()
    for key in ("swing", "party_swing", "cohesion", "sims", "seed"):
        _put(out, key, getattr(settings, key), getattr(default, key))
    if settings.together:
        out["together"] = [{"parties": list(parties), "p": p} for parties, p in settings.together]
    return out


def speaker_to_dict(extras: Mapping[str, object]) -> Data | None:
    """``chamber.speaker`` from the scenario's extras (where the loader keeps it), or None."""
    speaker = extras.get("speaker")
    if not isinstance(speaker, dict):
        return None
    out: Data = {k: speaker[k] for k in ("name", "party", "side") if speaker.get(k) is not None}
    raw = speaker.get("sources")
    if isinstance(raw, list):  # the loader's full record: note, verified mark and every source (as_dict's)
        srcs = tuple(Source.from_dict(x) for x in raw)
        return _tail(out, verified=bool(speaker.get("verified", True)), note=speaker.get("note"), sources=srcs)
    if speaker.get("source") is not None:
        out["source"] = speaker["source"]
    return out


def term_to_dict(extras: Mapping[str, object]) -> Data | None:
    """``chamber.term`` from the scenario's extras (where the loader keeps it), or None."""
    term = extras.get("term")
    if not isinstance(term, dict):
        return None
    out: Data = {k: term[k] for k in ("id", "name") if term.get(k) is not None}
    for key in ("start", "end"):  # kept as YYYY-MM-DD, written as a date
        if term.get(key) is not None:
            out[key] = dt.date.fromisoformat(str(term[key]))
    srcs = tuple(Source.from_dict(x) for x in term.get("sources") or ())
    return _tail(out, verified=bool(term.get("verified", True)), note=term.get("note"), sources=srcs)


def chamber_to_dict(chamber: Chamber, vacancies: int | None = None, speaker: Data | None = None,
                    term: Data | None = None) -> Data:
    """The ``chamber:`` mapping (``vacancies`` is a check the loader makes, written when given)."""
    out: Data = {}
    _put(out, "id", chamber.id, "")
    out["name"] = chamber.name
    out["rules"] = chamber.rules
    out["seats"] = chamber.seats
    _put(out, "vacancies", vacancies)
    out["as_of"] = chamber.as_of
    out["sides"] = list(chamber.sides)
    _put(out, "wikidata", chamber.wikidata)
    _put(out, "speaker", speaker)
    _put(out, "term", term)
    return _tail(out, verified=chamber.verified, note=chamber.note, sources=chamber.sources)


def party_to_dict(party: Party) -> Data:
    """One entry of ``parties:``."""
    out: Data = {"id": party.id, "name": party.name}
    _put(out, "short", party.short)
    out["seats"] = party.seats
    out["side"] = party.side
    _put(out, "by_side", dict(party.by_side), {})
    _put(out, "colour", party.colour)
    _put(out, "wikidata", party.wikidata)
    _put(out, "parlgov", party.parlgov)
    _put(out, "identifiers", dict(party.identifiers), {})
    _put(out, "left_right", party.left_right)
    return _tail(out, verified=party.verified, note=party.note, sources=party.sources)


def member_to_dict(member: Member) -> Data:
    """One entry of ``members:``."""
    out: Data = {"id": member.id, "name": member.name, "party": member.party}
    _put(out, "side", member.side)
    _put(out, "constituency", member.constituency)
    _put(out, "wikidata", member.wikidata)
    _put(out, "identifiers", dict(member.identifiers), {})
    _put(out, "seated", member.seated, True)
    return _tail(out, verified=member.verified, note=member.note, sources=member.sources)


def _new_party(np: NewParty) -> Data:
    out: Data = {"id": np.id, "name": np.name}
    _put(out, "colour", np.colour)
    _put(out, "side", np.side)
    return out


def event_to_dict(event: Event) -> Data:
    """One entry of ``events:`` (``origin`` is where it was read, not part of the event, and is left out)."""
    out: Data = {"date": event.date, "kind": event.kind}
    _put(out, "party", event.party)
    _put(out, "members", list(event.members), [])
    _put(out, "seats", event.seats)
    _put(out, "to", event.to)
    _put(out, "from_side", event.from_side)
    _put(out, "to_party", event.to_party)
    _put(out, "from_party", event.from_party)
    if event.new_party is not None:
        out["new_party"] = _new_party(event.new_party)
    _put(out, "parties", list(event.parties), [])
    _put(out, "into", event.into)
    _put(out, "effect", event.effect)
    _put(out, "by", event.by)
    _put(out, "summary", event.summary, "")
    _put(out, "extras", dict(event.extras), {})
    return _tail(out, verified=event.verified, note=event.note, sources=event.sources)


def division_to_dict(division: Division) -> Data:
    """A ``division:`` mapping."""
    out: Data = {}
    _put(out, "date", division.date)
    out["yes"] = division.yes
    _put(out, "no", division.no)
    _put(out, "abstain", division.abstain)
    _put(out, "absent", division.absent)
    _put(out, "present_not_voting", division.present_not_voting)
    _put(out, "defectors", division.defectors)
    _put(out, "invalid", division.invalid)
    _put(out, "round", division.round, 1)
    _put(out, "votes", [{"member": m, "vote": v} for m, v in division.votes], [])
    _put(out, "candidates", dict(division.candidates), {})
    _put(out, "adjudications", [adjudication_to_dict(a) for a in division.adjudications], [])
    return _tail(out, verified=division.verified, note=division.note, sources=division.sources)


def adjudication_to_dict(a: Adjudication) -> Data:
    """One ``adjudications:`` entry of a division."""
    out: Data = {"date": a.date, "by": a.by}
    _put(out, "summary", a.summary, "")
    _put(out, "excluded", a.excluded, 0)
    _put(out, "yes", a.yes)
    _put(out, "no", a.no)
    _put(out, "candidates", dict(a.candidates), {})
    _put(out, "invalid", a.invalid)
    return _tail(out, verified=True, note=a.note, sources=a.sources)


def motion_to_dict(motion: Motion, *, with_division: bool = True) -> Data:
    """A motion mapping; its division nested unless ``with_division`` is false."""
    out: Data = {}
    _put(out, "id", motion.id, "")
    out["kind"] = motion.kind
    _put(out, "target", motion.target)
    _put(out, "successor", motion.successor)
    _put(out, "filed", motion.filed)
    _put(out, "moved", motion.moved)
    _put(out, "vote", motion.vote)
    _put(out, "rules", motion.rules)
    _put(out, "round", motion.round, 1)
    _tail(out, note=motion.note, sources=motion.sources)
    if motion.stances:
        out["stances"] = [stance_to_dict(s) for s in motion.stances]
    if with_division and motion.division is not None:
        out["division"] = division_to_dict(motion.division)
    return out


def stance_to_dict(stance: Stance) -> Data:
    """One entry of ``stances:``."""
    out: Data = {"date": stance.date, "stance": stance.stance}
    _put(out, "party", stance.party)
    _put(out, "member", stance.member)
    _put(out, "seats", stance.seats)
    _put(out, "side", stance.side)
    _put(out, "p_yes", stance.p_yes)
    _put(out, "until", stance.until)
    _put(out, "office", stance.office)
    return _tail(out, verified=stance.verified, note=stance.note, sources=stance.sources)


def scenario_to_dict(scenario: Scenario) -> Data:
    """The scenario file's content as plain data, in the bundled files' key order."""
    held = sum(p.seats for p in scenario.parties)
    out: Data = {"id": scenario.id, "title": scenario.title}
    _put(out, "description", scenario.description, "")
    out["chamber"] = chamber_to_dict(scenario.chamber, vacancies=scenario.chamber.seats - held,
                                     speaker=speaker_to_dict(scenario.extras), term=term_to_dict(scenario.extras))
    out["parties"] = [party_to_dict(p) for p in scenario.parties]
    _put(out, "members", [member_to_dict(m) for m in scenario.members], [])
    _put(out, "events", [event_to_dict(e) for e in scenario.events], [])
    if scenario.motions:
        first = scenario.motions[0]
        out["motion"] = motion_to_dict(first, with_division=False)
        if first.division is not None:
            out["division"] = division_to_dict(first.division)
    _put(out, "motions", [motion_to_dict(m) for m in scenario.motions[1:]], [])
    _put(out, "stances", [stance_to_dict(s) for s in scenario.stances], [])
    _put(out, "stance_probabilities", dict(scenario.stance_probabilities), {})
    _put(out, "forecast", forecast_to_dict(scenario.forecast), {})
    _put(out, "key_dates", [{"date": d, "label": label} for d, label in scenario.key_dates], [])
    _put(out, "sources", [s.url if s == Source(s.url) else _source_mapping(s) for s in scenario.sources], [])
    _put(out, "unverified", list(scenario.unverified), [])
    _put(out, "constitutions", [yaml.safe_load(text) for _, text in scenario.constitutions], [])
    return out


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML text that ``parse_scenario`` reads back into an equal Scenario (the layout:
    :mod:`whipcount.io.yamlwrite`)."""
    return dump_yaml(scenario_to_dict(scenario))


def write_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario as YAML to ``path``, atomically."""
    write_text_atomic(path, dump_scenario(scenario))

