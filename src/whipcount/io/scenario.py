"""The scenario file: its schema (pydantic, at this edge only), loading, and bundled scenarios.

``load_scenario("pk-na-2022")`` or ``load_scenario("my.yaml")`` gives a validated
:class:`whipcount.model.Scenario`. Every error names the file, the line, the field, what was expected
and what was found, in one line.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whipcount.errors import InputError, ModelError, NotFound, ScenarioError
from whipcount.io.limits import shorten
from whipcount.io.resolve import resolve_scenario_rules
from whipcount.io.scenario_schema import (
    AdjudicationIn,
    DivisionIn,
    ForecastIn,
    Identifiers,
    MotionIn,
    ScenarioFile,
    identifier_problem,
)
from whipcount.io.scenario_sources import share_source_details, sources_of
from whipcount.io.yamlsource import Located, load_yaml_file, load_yaml_text
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
    Stance,
)

__all__ = [
    "ScenarioFile",
    "bundled_scenarios",
    "identifier_problem",
    "load_scenario",
    "parse_scenario",
    "scenario_json_schema",
]


# -- conversion: schema → model, with cross-reference checks ------------------------------------------


class _Ctx:
    def __init__(self, loc: Located) -> None:
        self.loc = loc

    def fail(self, path: tuple[str | int, ...], message: str) -> ScenarioError:
        return ScenarioError(f"{self.loc.where(path)}: {message}")

    def origin(self, path: tuple[str | int, ...]) -> str:
        return self.loc.where(path)


def _identifiers(
    ctx: _Ctx, path: tuple[str | int, ...], given: Identifiers | None, own: dict[str, str | None]
) -> tuple[dict[str, str | None], tuple[tuple[str, str], ...]]:
    """Check ``identifiers:`` and split it: the schemes with a field of their own (``own``: wikidata,
    parlgov) are merged into those fields, the rest kept as pairs. A scheme given both ways with two
    different values is an error naming the line."""
    fields = dict(own)
    rest: list[tuple[str, str]] = []
    for scheme, raw in (given or {}).items():
        value = raw.strip()
        where = (*path, "identifiers", scheme)
        problem = identifier_problem(scheme, value)
        if problem is not None:
            raise ctx.fail(where, problem)
        if scheme in fields:
            if fields[scheme] is not None and fields[scheme] != value:
                raise ctx.fail(where, f"{value!r} differs from the {scheme} field's {fields[scheme]!r} "
                               "(give the id once)")
            fields[scheme] = value
        else:
            rest.append((scheme, value))
    return fields, tuple(rest)


def _division(d: DivisionIn) -> Division:
    return Division(
        yes=d.yes,
        no=d.no,
        abstain=d.abstain,
        absent=d.absent,
        date=d.date,
        votes=tuple((v.member, v.vote) for v in d.votes),
        sources=d.all_sources(),
        verified=d.verified,
        note=d.note,
        candidates=tuple((d.candidates or {}).items()),
        present_not_voting=d.present_not_voting,
        round=d.round,
        adjudications=tuple(_adjudication(a) for a in d.adjudications),
    )


def _adjudication(a: AdjudicationIn) -> Adjudication:
    return Adjudication(date=a.date, by=a.by, summary=a.summary, excluded=a.excluded, yes=a.yes, no=a.no,
                        candidates=tuple((a.candidates or {}).items()), sources=a.all_sources(), note=a.note)


def _motion(m: MotionIn, division: DivisionIn | None) -> Motion:
    div = division or m.division
    return Motion(
        kind=m.kind,
        target=m.target,
        successor=m.successor,
        filed=m.filed,
        moved=m.moved,
        vote=m.vote,
        rules=m.rules,
        id=m.id or m.kind,
        division=_division(div) if div else None,
        sources=m.all_sources(),
        note=m.note,
    )


def _division_path(f: ScenarioFile, mi: int) -> tuple[str | int, ...]:
    """Where motion ``mi``'s division stands in the file."""
    if mi == 0 and f.division is not None:
        return ("division",)
    return ("motions", mi - (1 if f.motion else 0), "division")


def _check_divisions(ctx: _Ctx, f: ScenarioFile, motions: list[Motion], member_ids: set[str], seats: int) -> None:
    """A recorded division must fit its chamber and its motion: known members, each voting once, counts and
    candidates' votes within the seats, and a date no earlier than the motion was filed."""
    for mi, mo in enumerate(motions):
        d = mo.division
        if d is None:
            continue
        path = _division_path(f, mi)
        voted: set[str] = set()
        for j, (mid, _) in enumerate(d.votes):
            if mid not in member_ids:
                raise ctx.fail((*path, "votes", j), f"unknown member {mid!r}")
            if mid in voted:
                raise ctx.fail((*path, "votes", j), f"member {mid!r} votes twice in one division")
            voted.add(mid)
        total = d.yes + (d.no or 0) + (d.abstain or 0) + (d.absent or 0) + (d.present_not_voting or 0)
        if total > seats:
            raise ctx.fail(path, f"the division counts {total} members but the chamber has {seats} seats")
        if sum(v for _, v in d.candidates) > seats:
            raise ctx.fail((*path, "candidates"), f"the candidates' votes add up to "
                                                  f"{sum(v for _, v in d.candidates)}, but the chamber has "
                                                  f"{seats} seats")
        start = mo.filed or mo.moved
        when = d.date or mo.vote
        for i, a in enumerate(d.adjudications):
            if when is not None and a.date < when:
                raise ctx.fail((*path, "adjudications", i, "date"),
                               f"the decision on {a.date.isoformat()} comes before the vote on {when.isoformat()}")
            if a.excluded > d.yes:
                raise ctx.fail((*path, "adjudications", i, "excluded"),
                               f"expected at most the division's {d.yes} yes, got {a.excluded} excluded")
        if start is not None and when is not None and when < start:
            raise ctx.fail((*path, "date") if d.date else path,
                           f"the vote on {when.isoformat()} comes before the motion was filed on "
                           f"{start.isoformat()}")


def _build(f: ScenarioFile, ctx: _Ctx, default_id: str) -> Scenario:
    c = f.chamber
    sides = tuple(c.sides)
    chamber = Chamber(
        name=c.name,
        seats=c.seats,
        rules=c.rules,
        as_of=c.as_of,
        sides=sides,
        id=c.id,
        wikidata=c.wikidata,
        sources=c.all_sources(),
        verified=c.verified,
        note=c.note,
    )
    party_ids: set[str] = set()
    parties: list[Party] = []
    for i, p in enumerate(f.parties):
        if p.id in party_ids:
            raise ctx.fail(("parties", i, "id"), f"party id {p.id!r} is used twice")
        party_ids.add(p.id)
        for side in [p.side] if p.side else []:
            if side not in sides:
                raise ctx.fail(("parties", i, "side"), f"unknown side {side!r} (expected one of: {', '.join(sides)})")
        for side in p.by_side or {}:
            if side not in sides:
                raise ctx.fail(("parties", i, "by_side", side),
                               f"unknown side {side!r} (expected one of: {', '.join(sides)})")
        by_side = tuple((s, n) for s, n in (p.by_side or {}).items())
        main = p.side or max(by_side, key=lambda kv: kv[1])[0]
        own, others = _identifiers(ctx, ("parties", i), p.identifiers, {
            "wikidata": p.wikidata, "parlgov": None if p.parlgov is None else str(p.parlgov)})
        parlgov = own["parlgov"]
        parties.append(
            Party(p.id, p.name, p.seats, main, colour=p.colour, short=p.short, by_side=by_side,
                  wikidata=own["wikidata"], parlgov=None if parlgov is None else int(parlgov),
                  left_right=p.left_right, verified=p.verified, note=p.note, sources=p.all_sources(),
                  identifiers=others)
        )
    extras: dict[str, object] = {}
    if c.speaker is not None:
        if c.speaker.party not in party_ids:
            raise ctx.fail(("chamber", "speaker", "party"), f"unknown party {c.speaker.party!r}")
        srcs = c.speaker.all_sources()
        # kept in extras: `source` (the first URL) for charts, `sources` in full for a lossless round trip
        extras["speaker"] = {
            "name": c.speaker.name,
            "party": c.speaker.party,
            "side": c.speaker.side,
            "source": srcs[0].url if srcs else None,
            "note": c.speaker.note,
            "verified": c.speaker.verified,
            "sources": [x.as_dict() for x in srcs],
        }
    held = sum(p.seats for p in parties)
    if held > c.seats:
        raise ctx.fail(("parties",), f"parties hold {held} seats but the chamber has only {c.seats}")
    if c.vacancies is not None and held + c.vacancies != c.seats:
        raise ctx.fail(
            ("chamber", "vacancies"),
            f"parties hold {held} seats and {c.vacancies} are vacant: {held + c.vacancies}, "
            f"but the chamber has {c.seats}",
        )
    member_ids: set[str] = set()
    members: list[Member] = []
    for i, m in enumerate(f.members):
        if m.id in member_ids:
            raise ctx.fail(("members", i, "id"), f"member id {m.id!r} is used twice")
        member_ids.add(m.id)
        if m.party not in party_ids:
            raise ctx.fail(("members", i, "party"), f"unknown party {m.party!r}")
        own, others = _identifiers(ctx, ("members", i), m.identifiers, {"wikidata": m.wikidata})
        members.append(Member(m.id, m.name, m.party, m.side, m.constituency, own["wikidata"], m.seated,
                              m.verified, m.note, m.all_sources(), identifiers=others))

    known_parties = set(party_ids)
    events: list[Event] = []
    for i, e in enumerate(f.events):
        if e.kind in ("split",) and e.new_party is not None:
            known_parties.add(e.new_party.id)
        if e.kind == "merge" and e.into:
            known_parties.add(e.into)
        if e.kind == "leave-party":
            known_parties.add(e.to_party or "independent")
        for field_name in ("party", "to_party", "from_party"):
            val = getattr(e, field_name)
            if val is not None and val not in known_parties and not (
                field_name == "from_party" and val == "independent"
            ):
                raise ctx.fail(("events", i, field_name),
                               f"unknown party {val!r} (known by then: {', '.join(sorted(known_parties))})")
        for j, pid in enumerate(e.parties):
            if pid not in known_parties:
                raise ctx.fail(("events", i, "parties", j), f"unknown party {pid!r}")
        for field_name in ("to", "from_side"):
            val = getattr(e, field_name)
            if val is not None and val not in sides:
                raise ctx.fail(("events", i, field_name),
                               f"unknown side {val!r} (expected one of: {', '.join(sides)})")
        for j, mid in enumerate(e.members):
            if mid not in member_ids:
                raise ctx.fail(("events", i, "members", j), f"unknown member {mid!r}")
        events.append(
            Event(
                date=e.date, kind=e.kind, party=e.party, to=e.to, seats=e.seats, members=tuple(e.members),
                to_party=e.to_party, from_party=e.from_party, from_side=e.from_side,
                new_party=NewParty(e.new_party.id, e.new_party.name, e.new_party.colour, e.new_party.side)
                if e.new_party else None,
                parties=tuple(e.parties), into=e.into, effect=e.effect, by=e.by, summary=e.summary,
                sources=e.all_sources(), verified=e.verified, note=e.note,
                origin=ctx.origin(("events", i)),
                extras=tuple((k, str(v)) for k, v in (e.extras or {}).items()),
            )
        )

    motions: list[Motion] = []
    if f.motion is not None:
        motions.append(_motion(f.motion, f.division))
    elif f.division is not None:
        raise ctx.fail(("division",), "a division needs a motion (add 'motion:')")
    motions += [_motion(m, None) for m in f.motions]
    _check_divisions(ctx, f, motions, member_ids, c.seats)

    stances: list[Stance] = []
    for i, s in enumerate(f.stances):
        if s.party is not None and s.party not in known_parties:
            raise ctx.fail(("stances", i, "party"), f"unknown party {s.party!r}")
        if s.member is not None and s.member not in member_ids:
            raise ctx.fail(("stances", i, "member"), f"unknown member {s.member!r}")
        if s.side is not None and s.side not in sides:
            raise ctx.fail(("stances", i, "side"), f"unknown side {s.side!r}")
        stances.append(Stance(s.date, s.stance, s.party, s.member, s.seats, s.side, s.p_yes,
                              s.all_sources(), s.note, s.verified, ctx.origin(("stances", i))))

    fc = f.forecast or ForecastIn()
    for i, group in enumerate(fc.together):
        for j, pid in enumerate(group.parties):
            if pid not in known_parties:
                raise ctx.fail(("forecast", "together", i, "parties", j), f"unknown party {pid!r}")
    settings = ForecastSettings(
        swing=fc.swing, party_swing=fc.party_swing, cohesion=fc.cohesion,
        together=tuple((tuple(g.parties), g.p) for g in fc.together), sims=fc.sims, seed=fc.seed,
    )
    scenario = Scenario(
        id=f.id or default_id,
        title=f.title or c.name,
        chamber=chamber,
        parties=tuple(parties),
        events=tuple(events),
        members=tuple(members),
        motions=tuple(motions),
        stances=tuple(stances),
        stance_probabilities=tuple((f.stance_probabilities or {}).items()),
        key_dates=tuple((k.date, k.label) for k in f.key_dates),
        sources=sources_of(None, f.sources),
        unverified=tuple(f.unverified),
        description=f.description,
        extras=extras,
        forecast=settings,
    )
    # Replay the whole log once: an event that cannot apply is an error of the file, not of a later query.
    try:
        for _ in scenario.history():
            pass
    except ModelError as exc:
        raise ScenarioError(str(exc)) from None
    return scenario


def _pydantic_message(err: dict[str, Any]) -> str:
    msg = shorten(str(err.get("msg", "invalid")), 200)
    kind = err.get("type", "")
    inp = err.get("input")
    if isinstance(inp, str):
        inp = shorten(inp)
    if kind == "extra_forbidden":
        return "unknown field (check its spelling against the scenario schema)"
    if kind == "missing":
        return "required field is missing"
    msg = msg.removeprefix("Value error, ")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return f"expected a date as YYYY-MM-DD, got {inp!r}"
    if kind == "literal_error":
        return f"{msg}, got {inp!r}"
    if isinstance(inp, dict | list) or ", got " in msg:
        return msg
    return f"{msg}, got {inp!r}"


def _what_document(data: object) -> str:
    """What a file that is not a mapping holds, in words a user recognises (a CSV reads as one string)."""
    if data is None:
        return "an empty file"
    if isinstance(data, list):
        return f"a list of {len(data)} item(s)"
    if isinstance(data, str):
        first = data.strip().splitlines()[0] if data.strip() else ""
        hint = " (a CSV? read it with `whipcount import csv`)" if "," in first else ""
        return f"plain text starting {first[:40]!r}{hint}"
    return f"a single value ({type(data).__name__})"


def parse_scenario(located: Located, default_id: str = "scenario", base: Path | None = None) -> Scenario:
    """Validate parsed YAML (with its line map) into a Scenario, or raise one ScenarioError.

    Its rules references are resolved (:mod:`whipcount.io.resolve`): constitution files relative to
    ``base`` (the scenario file's folder; the current folder when None)."""
    if not isinstance(located.data, dict):
        raise ScenarioError(f"{located.name}: expected a mapping with chamber, parties and events, "
                            f"got {_what_document(located.data)}")
    if "chamber" not in located.data and {"persons", "memberships"} & set(located.data):
        raise ScenarioError(f"{located.name}: expected a scenario (chamber, parties, events), got a Popolo bundle "
                            f"(persons, organizations, memberships): convert it with "
                            f"`whipcount import popolo {located.name} -o SCENARIO.yaml`")
    try:
        f = ScenarioFile.model_validate(located.data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and ("[" in x or x in ("str", "SourceIn"))))
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise ScenarioError(f"{located.where(loc)}: {_pydantic_message(dict(err))}{more}") from None
    share_source_details(f, located)
    scenario = resolve_scenario_rules(_build(f, _Ctx(located), default_id), located, base)
    _check_sitting(scenario, f, located)
    return scenario


def _check_sitting(scenario: Scenario, f: ScenarioFile, located: Located) -> None:
    """A recorded division counts no more members than sat on its day (the seats less the vacancies the
    event log has left by then), so the error points into the file, not into a later command."""
    for mi, m in enumerate(scenario.motions):
        d = m.division
        on = m.vote or (d.date if d else None)
        if d is None or on is None:
            continue
        try:
            state = scenario.state(max(on, scenario.chamber.as_of))
        except ModelError:
            continue  # the log's own error is reported where the log is used
        counted = d.yes + (d.no or 0) + (d.abstain or 0) + (d.absent or 0) + (d.present_not_voting or 0)
        sitting = state.seats - state.vacancies
        if counted > sitting:
            raise ScenarioError(f"{located.where(_division_path(f, mi))}: the division counts {counted} members but "
                                f"only {sitting} sat on {on.isoformat()} ({state.seats} seats, "
                                f"{state.vacancies} vacant)")


def bundled_scenarios() -> dict[str, str]:
    """Bundled scenario ids → titles."""
    out: dict[str, str] = {}
    folder = resources.files("whipcount") / "data" / "scenarios"
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            sid = entry.name.removesuffix(".yaml")
            title = sid
            for line in entry.read_text(encoding="utf-8").splitlines():
                if line.startswith("title:"):
                    title = line.split(":", 1)[1].strip().strip("\"'")
                    break
            out[sid] = title
    return out


def load_scenario(ref: str | Path) -> Scenario:
    """A scenario from a path, or the id of a bundled one (``whipcount scenarios`` lists them)."""
    path = Path(ref)
    if path.suffix.lower() in (".yaml", ".yml", ".json") or os.path.lexists(path) or "/" in str(ref):
        if not os.path.lexists(path):
            raise InputError(f"{ref}: no such file (and not the name of a bundled scenario)")
        return parse_scenario(load_yaml_file(path), default_id=path.stem, base=path.resolve().parent)
    name = str(ref)
    bundled = bundled_scenarios()
    if name not in bundled:
        raise NotFound(
            f"{name!r} is neither a file nor a bundled scenario (bundled: {', '.join(bundled) or 'none'})"
        )
    text = (resources.files("whipcount") / "data" / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    return parse_scenario(load_yaml_text(text, f"{name}.yaml"), default_id=name)


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario file."""
    schema = ScenarioFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "whipcount scenario"
    return schema


def scenario_json_schema_text() -> str:
    """The JSON Schema, as published in ``schemas/scenario.schema.json``."""
    return json.dumps(scenario_json_schema(), indent=2, sort_keys=True) + "\n"

