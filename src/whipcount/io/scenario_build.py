"""A validated scenario file into the model (:class:`whipcount.model.Scenario`), every cross-reference
checked: parties, sides and members named by events, stances, divisions and forecasts must exist, seats
must add up. Errors name the file, the line and the field.
"""

from __future__ import annotations

from whipcount.errors import ModelError, ScenarioError
from whipcount.io.identifiers import Identifiers, identifier_problem
from whipcount.io.limits import one_of, unknown
from whipcount.io.scenario_ctx import Ctx
from whipcount.io.scenario_divisions import check_divisions, division_path
from whipcount.io.scenario_schema import (
    AdjudicationIn,
    DivisionIn,
    EventIn,
    ForecastIn,
    MotionIn,
    ScenarioFile,
)
from whipcount.io.scenario_sources import sources_of
from whipcount.io.scenario_stances import motion_stances, stances_of
from whipcount.model import (
    Adjudication,
    Chamber,
    Division,
    Event,
    ForecastSettings,
    Member,
    Motion,
    Party,
    Scenario,
)

__all__ = ["Ctx", "build", "division_path"]


def _identifiers(
    ctx: Ctx, path: tuple[str | int, ...], given: Identifiers | None, own: dict[str, str | None]
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


def _division(d: DivisionIn, poll: int = 1) -> Division:
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
        invalid=d.invalid,
        defectors=d.defectors,
        round=d.round or poll,
        adjudications=tuple(_adjudication(a) for a in d.adjudications),
    )


def _adjudication(a: AdjudicationIn) -> Adjudication:
    return Adjudication(date=a.date, by=a.by, summary=a.summary, excluded=a.excluded, yes=a.yes, no=a.no,
                        candidates=tuple((a.candidates or {}).items()), sources=a.all_sources(), note=a.note,
                        invalid=a.invalid)


def _poll(ctx: Ctx, where: tuple[str | int, ...], m: MotionIn, division: DivisionIn | None) -> int:
    """The motion's round: its own, else its division's, else 1; the two must agree where both are given."""
    if m.round is not None and division is not None and division.round not in (None, m.round):
        raise ctx.fail(where + ("round",), f"the motion is round {m.round} but its division is round "
                                           f"{division.round}: expected the same poll")
    return m.round or (division.round if division is not None else None) or 1


def _motion(ctx: Ctx, where: tuple[str | int, ...], m: MotionIn, division: DivisionIn | None) -> Motion:
    div = division or m.division
    poll = _poll(ctx, where, m, div)
    return Motion(
        kind=m.kind,
        target=m.target,
        successor=m.successor,
        filed=m.filed,
        moved=m.moved,
        vote=m.vote,  # where none is given, the division's day (Motion)
        rules=m.rules,
        id=m.id or m.kind,
        division=_division(div, poll) if div else None,
        sources=m.all_sources(),
        note=m.note,
        round=poll,
        origin=ctx.fields(where, ("kind", "round", "rules")),
    )


def build(f: ScenarioFile, ctx: Ctx, default_id: str) -> Scenario:
    """The model of a validated scenario file, every cross-reference checked, its event log replayed once."""
    c = f.chamber
    sides = tuple(c.sides)
    parties = _parties(ctx, f, sides)
    party_ids = {p.id for p in parties}
    extras = _speaker(ctx, f, party_ids) | _term(f)
    _check_held(ctx, f, parties)
    members = _members(ctx, f, parties)
    member_ids = {m.id for m in members}
    known_parties = set(party_ids)
    events = [_event(ctx, i, e, known_parties, member_ids, sides) for i, e in enumerate(f.events)]
    motions = _motions(ctx, f)
    check_divisions(ctx, f, motions, member_ids, c.seats)
    stances = stances_of(ctx, f.stances, ("stances",), known_parties, member_ids, sides)
    motions = motion_stances(ctx, f, motions, known_parties, member_ids, sides)
    settings = _forecast(ctx, f, known_parties)
    scenario = Scenario(
        id=f.id or default_id,
        title=f.title or c.name,
        chamber=_chamber(f, ctx),
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
        scenario.check_log()
    except ModelError as exc:
        # an event's error names its line already; the chamber's own (named members past a party's seats)
        # is named by the file
        message = str(exc)
        name = ctx.loc.name
        raise ScenarioError(message if message.startswith(f"{name}:") else f"{name}: {message}") from None
    return scenario


def _chamber(f: ScenarioFile, ctx: Ctx) -> Chamber:
    c = f.chamber
    return Chamber(name=c.name, seats=c.seats, rules=c.rules, as_of=c.as_of, sides=tuple(c.sides), id=c.id,
                   wikidata=c.wikidata, sources=c.all_sources(), verified=c.verified, note=c.note,
                   origin=ctx.fields(("chamber",), ("rules",)))


def _unknown_side(side: str, sides: tuple[str, ...]) -> str:
    return f"unknown side {one_of(side, sides)}"


def _parties(ctx: Ctx, f: ScenarioFile, sides: tuple[str, ...]) -> list[Party]:
    party_ids: set[str] = set()
    parties: list[Party] = []
    for i, p in enumerate(f.parties):
        if p.id in party_ids:
            raise ctx.fail(("parties", i, "id"), f"party id {p.id!r} is used twice")
        party_ids.add(p.id)
        if p.side and p.side not in sides:
            raise ctx.fail(("parties", i, "side"), _unknown_side(p.side, sides))
        for side in p.by_side or {}:
            if side not in sides:
                raise ctx.fail(("parties", i, "by_side", side), _unknown_side(side, sides))
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
    return parties


def _speaker(ctx: Ctx, f: ScenarioFile, party_ids: set[str]) -> dict[str, object]:
    """The chamber's speaker, kept in the scenario's extras: ``source`` (the first URL) for charts,
    ``sources`` in full for a lossless round trip."""
    sp = f.chamber.speaker
    if sp is None:
        return {}
    if sp.party not in party_ids:
        raise ctx.fail(("chamber", "speaker", "party"), unknown("party", sp.party, party_ids))
    if not any(p.seats for p in f.parties if p.id == sp.party):
        raise ctx.fail(("chamber", "speaker", "party"),
                       f"party {sp.party!r} holds no seat on {f.chamber.as_of}: expected the Speaker's party")
    srcs = sp.all_sources()
    return {"speaker": {
        "name": sp.name,
        "party": sp.party,
        "side": sp.side,
        "source": srcs[0].url if srcs else None,
        "note": sp.note,
        "verified": sp.verified,
        "sources": [x.as_dict() for x in srcs],
    }}


def _term(f: ScenarioFile) -> dict[str, object]:
    """The chamber's legislative period, kept in the scenario's extras as the file gives it, plain JSON as the
    rest of them (dates as YYYY-MM-DD, sources as ``as_dict`` gives them); the Popolo bundle writes it as its
    ``legislative period`` event."""
    t = f.chamber.term
    if t is None:
        return {}
    return {"term": {"id": t.id, "name": t.name, "start": t.start and t.start.isoformat(),
                     "end": t.end and t.end.isoformat(), "note": t.note, "verified": t.verified,
                     "sources": [x.as_dict() for x in t.all_sources()]}}


def _check_held(ctx: Ctx, f: ScenarioFile, parties: list[Party]) -> None:
    c = f.chamber
    held = sum(p.seats for p in parties)
    if held > c.seats:
        raise ctx.fail(("parties",), f"parties hold {held} seats but the chamber has only {c.seats}")
    if c.vacancies is not None and held + c.vacancies != c.seats:
        raise ctx.fail(
            ("chamber", "vacancies"),
            f"parties hold {held} seats and {c.vacancies} are vacant: {held + c.vacancies}, "
            f"but the chamber has {c.seats}",
        )


def _members(ctx: Ctx, f: ScenarioFile, parties: list[Party]) -> list[Member]:
    held = {p.id: p.initial_holdings() for p in parties}
    named: dict[tuple[str, str], int] = {}
    member_ids: set[str] = set()
    members: list[Member] = []
    for i, m in enumerate(f.members):
        if m.id in member_ids:
            raise ctx.fail(("members", i, "id"), f"member id {m.id!r} is used twice")
        member_ids.add(m.id)
        if m.party not in held:
            raise ctx.fail(("members", i, "party"), unknown("party", m.party, set(held)))
        if m.side is not None and m.side not in f.chamber.sides:
            raise ctx.fail(("members", i, "side"), _unknown_side(m.side, tuple(f.chamber.sides)))
        if m.seated:
            _check_room(ctx, i, m.party, m.side, held[m.party], named)
        own, others = _identifiers(ctx, ("members", i), m.identifiers, {"wikidata": m.wikidata})
        members.append(Member(m.id, m.name, m.party, m.side, m.constituency, own["wikidata"], m.seated,
                              m.verified, m.note, m.all_sources(), identifiers=others))
    return members


def _check_room(ctx: Ctx, i: int, party: str, side: str | None, held: dict[str, int],
                named: dict[tuple[str, str], int]) -> None:
    """Member ``i``, seated on the ``as_of`` date, must find a seat of its party on its side (the side where
    most of the party sits when it gives none) that no member listed before it has taken."""
    side = side or max(held.items(), key=lambda kv: kv[1])[0]
    k = named[party, side] = named.get((party, side), 0) + 1
    if k > held.get(side, 0):
        raise ctx.fail(("members", i), f"{k} named member(s) of {party!r} sit on the {side} side on the as_of "
                                        f"date, but the party holds only {held.get(side, 0)} seat(s) there (a "
                                        "member who takes a seat later, at a by-election or a fill-seat event, "
                                        "is listed with seated: false)")


def _event(ctx: Ctx, i: int, e: EventIn, known_parties: set[str], member_ids: set[str],
           sides: tuple[str, ...]) -> Event:
    """Event ``i`` of the log, its parties, sides and members checked; the parties it creates join
    ``known_parties`` for the events after it."""
    if e.kind == "split" and e.new_party is not None:
        known_parties.add(e.new_party.id)
    if e.kind == "merge" and e.into:
        known_parties.add(e.into)
    if e.kind == "leave-party":
        known_parties.add(e.to_party or "independent")
    for field_name in ("party", "to_party", "from_party"):
        val = getattr(e, field_name)
        if val is not None and val not in known_parties:
            raise ctx.fail(("events", i, field_name), unknown("party", val, known_parties, listed="known by then"))
    for j, pid in enumerate(e.parties):
        if pid not in known_parties:
            raise ctx.fail(("events", i, "parties", j), unknown("party", pid, known_parties, listed="known by then"))
    for field_name in ("to", "from_side"):
        val = getattr(e, field_name)
        if val is not None and val not in sides:
            raise ctx.fail(("events", i, field_name), _unknown_side(val, sides))
    for j, mid in enumerate(e.members):
        if mid not in member_ids:
            raise ctx.fail(("events", i, "members", j), unknown("member", mid, member_ids, listed=""))
    return e.to_model(ctx.place(("events", i)))


def _motions(ctx: Ctx, f: ScenarioFile) -> list[Motion]:
    motions: list[Motion] = []
    if f.motion is not None:
        motions.append(_motion(ctx, ("motion",), f.motion, f.division))
    elif f.division is not None:
        raise ctx.fail(("division",), "a division needs a motion (add 'motion:')")
    motions += [_motion(ctx, ("motions", i), m, None) for i, m in enumerate(f.motions)]
    # `--motion ID` and the outcome's rows name a motion by its id (its kind when it has none): one motion each
    first = len(motions) - len(f.motions)
    seen: set[str] = set()
    for mi, mo in enumerate(motions):
        if mo.id in seen:  # never the first motion: a repeat is one of `motions:`
            j = mi - first
            raise ctx.fail(("motions", j, "id") if f.motions[j].id else ("motions", j),
                           f"motion id {mo.id!r} is used twice: give each motion an id of its own")
        seen.add(mo.id)
    return motions


def _forecast(ctx: Ctx, f: ScenarioFile, known_parties: set[str]) -> ForecastSettings:
    fc = f.forecast or ForecastIn()
    first_group: dict[str, int] = {}
    for i, group in enumerate(fc.together):
        for j, pid in enumerate(group.parties):
            if pid not in known_parties:
                raise ctx.fail(("forecast", "together", i, "parties", j), unknown("party", pid, known_parties))
            if pid in group.parties[:j]:
                raise ctx.fail(("forecast", "together", i, "parties", j), f"party {pid!r} twice in one group")
            if first_group.setdefault(pid, i) != i:
                raise ctx.fail(("forecast", "together", i, "parties", j),
                               f"party {pid!r} is already in group {first_group[pid]}: expected each party "
                               "in one group at most")
    return ForecastSettings(
        swing=fc.swing, party_swing=fc.party_swing, cohesion=fc.cohesion,
        together=tuple((tuple(g.parties), g.p) for g in fc.together), sims=fc.sims, seed=fc.seed,
    )
