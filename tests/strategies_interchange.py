"""Hypothesis strategies for the interchange tests: whole scenarios that replay validly.

``scenarios()`` draws a chamber (sides, size), parties (seats, sides, split parties, identifiers), named
members (seated or not, some sitting apart from their party, with identifiers), an event log, motions
with divisions, stances and the scenario's own fields. Events are drawn as candidates and kept only when the log still
replays (the model is the judge of what can happen), so every drawn scenario is one a user could write.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import strategies as st

from strategies_divisions import divisions, within_counts, within_decisions
from strategies_text import colours, dates, identifiers, ids, line, maybe_text, profiles, qids, sources, text
from whipcount.errors import ModelError
from whipcount.model import (
    DEFAULT_SIDES,
    EFFECTS,
    STANCES,
    Chamber,
    Event,
    ForecastSettings,
    Member,
    Motion,
    NewParty,
    Party,
    Scenario,
    Stance,
    history,
)
from whipcount.rules import get_constitution

MOTION_KINDS = ("no-confidence", "constructive-no-confidence", "confidence", "investiture", "pm-election")
PROCEDURAL = ("motion-filed", "ruling", "court-order", "statement", "vote", "session-summoned")

def _replays(sc: Scenario) -> bool:
    try:
        for _ in history(sc.chamber, sc.parties, sc.events, members=sc.members):
            pass
    except ModelError:
        return False
    return True


@st.composite
def chambers_with_parties(draw: st.DrawFn) -> tuple[Chamber, tuple[Party, ...]]:
    """A chamber and the parties in it on its ``as_of`` date."""
    sides = draw(st.sampled_from([DEFAULT_SIDES, ("government", "opposition"), ("left", "centre", "right")]))
    party_ids = draw(st.lists(ids, min_size=1, max_size=5, unique=True))
    parties = []
    for pid in party_ids:
        seats = draw(st.integers(0, 30))
        by_side: tuple[tuple[str, int], ...] = ()
        side = draw(st.sampled_from(sides))
        if seats >= 2 and draw(st.booleans()):
            a = draw(st.integers(0, seats))
            two = draw(st.lists(st.sampled_from(sides), min_size=2, max_size=2, unique=True))
            by_side = ((two[0], a), (two[1], seats - a))
            side = two[0] if a >= seats - a else two[1]
        parties.append(
            Party(
                id=pid,
                name=draw(text),
                seats=seats,
                side=side,
                colour=draw(st.none() | colours),
                short=draw(st.none() | line),
                by_side=by_side,
                wikidata=draw(st.none() | qids),
                parlgov=draw(st.none() | st.integers(1, 5000)),
                left_right=draw(st.none() | st.floats(0, 10, allow_nan=False)),
                verified=draw(st.booleans()),
                note=draw(maybe_text),
                sources=draw(sources),
                identifiers=draw(identifiers),
            )
        )
    held = sum(p.seats for p in parties)
    chamber = Chamber(
        name=draw(text),
        seats=max(1, held + draw(st.integers(0, 5))),
        rules=draw(profiles),
        as_of=draw(dates),
        sides=sides,
        id=draw(st.just("") | ids),
        wikidata=draw(st.none() | qids),
        sources=draw(sources),
        verified=draw(st.booleans()),
        note=draw(maybe_text),
    )
    return chamber, tuple(parties)


@st.composite
def members_for(draw: st.DrawFn, parties: tuple[Party, ...], sides: tuple[str, ...]) -> tuple[Member, ...]:
    """Named members: never more on a side than their party holds there."""
    out: list[Member] = []
    used: set[str] = set()
    for p in parties:
        room = dict(p.initial_holdings())
        for _ in range(draw(st.integers(0, min(3, p.seats + 1)))):
            mid = draw(ids.filter(lambda x: x not in used))
            used.add(mid)
            seated = draw(st.booleans()) if sum(room.values()) else False
            side = None
            if seated:
                options = [s for s, n in room.items() if n > 0]
                chosen = draw(st.sampled_from(options))
                room[chosen] -= 1
                main = max(p.initial_holdings().items(), key=lambda kv: kv[1])[0]
                side = chosen if (chosen != main or draw(st.booleans())) else None
                if p.by_side and side is None:
                    side = chosen
            else:  # a member still to take a seat (at a by-election) may say the side they will sit on
                side = draw(st.none() | st.sampled_from(sides))
            out.append(
                Member(
                    id=mid,
                    name=draw(text),
                    party=p.id,
                    side=side,
                    constituency=draw(st.none() | st.sampled_from(["North", "South", "Reserved (women)"])),
                    wikidata=draw(st.none() | qids),
                    seated=seated,
                    verified=draw(st.booleans()),
                    note=draw(maybe_text),
                    sources=draw(sources),
                    identifiers=draw(identifiers),
                )
            )
    return tuple(out)


@st.composite
def _candidate(draw: st.DrawFn, date: dt.date, parties: list[str], members: list[str],
               sides: tuple[str, ...], taken: set[str]) -> Event:
    kind = draw(st.sampled_from([
        "switch-side", "defect", "leave-party", "join-party", "split", "merge", "resign", "death",
        "by-election", "government-change", *PROCEDURAL,
    ]))
    common: dict[str, Any] = {
        "summary": draw(st.just("") | line),
        "sources": draw(sources),
        "verified": draw(st.booleans()),
        "note": draw(maybe_text),
        "extras": tuple(draw(st.dictionaries(ids, line, max_size=2)).items()),
    }
    party = draw(st.sampled_from(parties))
    some = draw(st.none() | st.integers(0, 4))
    named = tuple(draw(st.lists(st.sampled_from(members), max_size=2, unique=True))) if members else ()
    if kind in ("switch-side", "defect"):
        if kind == "defect" and not named and some is None:
            some = 1
        return Event(date, kind, party=party, to=draw(st.sampled_from(sides)), seats=None if named else some,
                     members=named, **common)
    if kind == "leave-party":
        return Event(date, kind, party=party, seats=None if named else some, members=named, **common)
    if kind == "join-party":
        return Event(date, kind, party=party, seats=some, from_party=draw(st.none() | st.sampled_from(parties)),
                     **common)
    if kind == "split":
        new = draw(ids.filter(lambda x: x not in taken))
        return Event(date, kind, party=party, seats=None if named else (some or 1), members=named,
                     new_party=NewParty(new, draw(line), draw(st.none() | colours),
                                        draw(st.none() | st.sampled_from(sides))), **common)
    if kind == "merge":
        two = tuple(draw(st.lists(st.sampled_from(parties), min_size=2, max_size=2, unique=True))) \
            if len(parties) >= 2 else (party, party)
        return Event(date, kind, parties=two, into=two[0], **common)
    if kind in ("resign", "death"):
        return Event(date, kind, party=party, seats=None if named else some, members=named, **common)
    if kind == "government-change":  # refused (and skipped) where the chamber lacks either side
        return Event(date, kind, **common)
    if kind == "by-election":
        return Event(date, kind, party=party, seats=some, to=draw(st.none() | st.sampled_from(sides)), **common)
    return Event(date, kind, party=draw(st.none() | st.sampled_from(parties)),
                 effect=draw(st.none() | st.sampled_from(sorted(EFFECTS))), by=draw(st.none() | line), **common)


@st.composite
def scenarios(draw: st.DrawFn, max_events: int = 6) -> Scenario:
    """A whole scenario whose event log replays without error."""
    chamber, parties = draw(chambers_with_parties())
    members = draw(members_for(parties, chamber.sides))
    base = Scenario(id=draw(ids), title=draw(text), chamber=chamber, parties=parties, members=members)
    events: list[Event] = []
    known = [p.id for p in parties]
    member_ids = [m.id for m in members]
    day = chamber.as_of
    for _ in range(draw(st.integers(0, max_events))):
        day = day + dt.timedelta(days=draw(st.integers(0, 40)))
        ev = draw(_candidate(day, known, member_ids, chamber.sides, set(known)))
        trial = dataclasses.replace(base, events=(*events, ev))
        if not _replays(trial):
            continue
        events.append(ev)
        if ev.new_party is not None:
            known.append(ev.new_party.id)
        if ev.kind == "leave-party" and "independent" not in known:
            known.append("independent")
    motions: list[Motion] = []
    # a division counts no more members than sit on any day of the log (a loader refuses more)
    dated = [(ev.date if ev is not None else chamber.as_of, st_)
             for ev, st_ in history(chamber, parties, tuple(events), members=members)]
    states = [st_ for _, st_ in dated]
    sitting = min(st_.seats - st_.vacancies for st_ in states)
    # a member's vote is cast by a member who sits that day (a loader refuses another): one seated all along
    always_seated = [m for m in member_ids if all(any(ms.id == m and ms.seated for ms in st_.members)
                                                  for st_ in states)]
    for mid in draw(st.lists(ids, max_size=2, unique=True)):
        # a motion its rules provide (a loader refuses another), a run-off only where the rule has one
        rules = draw(st.none() | profiles)
        rulebook = get_constitution(rules or chamber.rules)
        kind = draw(st.sampled_from(rulebook.kinds))
        polls = [1, 2] if any(r.runoff for r in rulebook.motions if r.kind == kind) else [1]
        division = (draw(divisions(sitting, always_seated, polls, chamber.seats)) if draw(st.booleans())
                    else None)
        # a motion is filed, then moved, then voted on: the dates given are drawn and put in that order
        drawn = [draw(st.none() | dates) for _ in range(3)]
        ordered = iter(sorted(d for d in drawn if d is not None))
        filed, moved, vote = (next(ordered) if d is not None else None for d in drawn)
        start = max((d for d in (filed, moved) if d is not None), default=None)
        if division is not None and division.date is not None and start is not None and division.date < start:
            division = dataclasses.replace(division, date=start)  # a vote is never before its motion was moved
        if division is not None and division.date is not None:
            if vote is None:  # a division is the vote: its day is the motion's vote day, as a loader reads it
                vote = division.date
            else:  # on the vote day, or the day after (a sitting past midnight)
                division = dataclasses.replace(division, date=vote + dt.timedelta(days=draw(st.integers(0, 1))))
        when = division.date or vote if division is not None else None
        # the members who sat on the vote's day; an undated division is held to the chamber's seats
        that_day = [st_ for day, st_ in dated if day <= max(when, chamber.as_of)][-1] if when is not None else None
        on_the_day = chamber.seats if that_day is None else that_day.seats - that_day.vacancies
        if division is not None and division.absent is not None and that_day is not None:
            # a division giving its absent accounts for every member who sat that day (a loader refuses less)
            voted = division.counted() - (division.absent or 0)  # an election's candidates' votes among them
            division = dataclasses.replace(division, absent=that_day.seats - that_day.vacancies - voted)
        if division is not None:
            division = within_counts(division, on_the_day)
        if division is not None and when is not None:  # a decision on a vote comes after it
            division = dataclasses.replace(division, adjudications=tuple(
                dataclasses.replace(a, date=max(a.date, when)) for a in division.adjudications))
            division = within_decisions(division)  # decisions moved to one day may now come in another order
        # a successor named among the candidates holds the yes to that candidate's votes: none is (the yes is
        # held to the most a candidate has, :func:`strategies_divisions.within_decisions`)
        successor = draw(st.none() | line)
        if division is not None and successor in {n for c in (division.candidates, *(
                a.candidates for a in division.adjudications)) for n, _ in c}:
            successor = None
        motions.append(Motion(
            kind=kind, target=draw(st.none() | line),
            successor=successor, filed=filed, moved=moved,
            vote=vote, rules=rules, id=mid, division=division,
            sources=draw(sources), note=draw(maybe_text),
            round=division.round if division is not None else draw(st.sampled_from(polls)),
        ))
    stances: list[Stance] = []
    for _ in range(draw(st.integers(0, 3))):
        by_member = bool(member_ids) and draw(st.booleans())
        stance, p_yes = draw(st.sampled_from(STANCES)), draw(st.none() | st.floats(0, 1, allow_nan=False))
        # seats that cannot vote by office: an absent entry with no p_yes only
        office = draw(st.none() | st.just("the four tellers")) if stance == "absent" and p_yes is None else None
        stances.append(Stance(
            date=draw(dates), stance=stance,
            party=None if by_member else draw(st.sampled_from(known)),
            member=draw(st.sampled_from(member_ids)) if by_member else None,
            # one member holds one seat, on the side of their party: seats and side are a party's alone
            seats=None if by_member else draw(st.none() | st.integers(0, 9)),
            side=None if by_member else draw(st.none() | st.sampled_from(chamber.sides)),
            p_yes=p_yes, sources=draw(sources),
            note=draw(maybe_text), verified=draw(st.booleans()), office=office,
        ))
    return dataclasses.replace(
        base,
        events=tuple(events),
        motions=tuple(motions),
        stances=tuple(stances),
        stance_probabilities=tuple(
            draw(st.dictionaries(st.sampled_from(STANCES), st.floats(0, 1, allow_nan=False), max_size=3)).items()
        ),
        key_dates=tuple(draw(st.lists(st.tuples(dates, line), max_size=2))),
        forecast=draw(forecast_settings([p.id for p in parties])),
        sources=draw(sources),
        unverified=tuple(draw(st.lists(line, max_size=2))),
        description=draw(st.just("") | text),
        # the loader keeps the chamber's speaker in extras: these keys, `source` being the first URL
        # the chamber's speaker sits for a party with seats (a loader refuses another)
        extras=({} if draw(st.booleans()) or not any(p.seats for p in parties)
                else {"speaker": _speaker(draw, parties, chamber.sides)})
        | ({"term": _term(draw)} if draw(st.booleans()) else {}),  # the legislative period, kept the same way
    )


@st.composite
def forecast_settings(draw: st.DrawFn, party_ids: list[str]) -> ForecastSettings:
    """The scenario's forecast settings: defaults half the time."""
    if draw(st.booleans()):
        return ForecastSettings()
    prob = st.floats(0, 1, allow_nan=False)
    # each party in one group at most, once (a loader refuses more): groups cut from a shuffled list
    order = draw(st.permutations(party_ids))
    sizes = draw(st.lists(st.integers(2, 3), max_size=2))
    together, at = [], 0
    for size in sizes:
        if at + size <= len(order):
            together.append((tuple(order[at:at + size]), draw(prob)))
            at += size
    return ForecastSettings(
        swing=draw(st.floats(0, 3, allow_nan=False)), party_swing=draw(st.floats(0, 3, allow_nan=False)),
        cohesion=draw(st.none() | prob), together=tuple(together),
        sims=draw(st.none() | st.integers(1, 10**6)), seed=draw(st.none() | st.integers(0, 2**40)),
    )


def _term(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.none() | dates)
    end = draw(st.none() | (dates if start is None else dates.filter(lambda d: d >= start)))
    return {"id": draw(line), "name": draw(st.none() | line), "start": start and start.isoformat(),
            "end": end and end.isoformat(),
            "note": draw(st.none() | line), "verified": draw(st.booleans()),
            "sources": [x.as_dict() for x in draw(sources)]}


def _speaker(draw: st.DrawFn, parties: tuple[Party, ...], sides: tuple[str, ...]) -> dict[str, Any]:
    srcs = draw(sources)
    return {
        "name": draw(st.none() | line), "party": draw(st.sampled_from([p.id for p in parties if p.seats])),
        "side": draw(st.none() | st.sampled_from(sides)), "source": srcs[0].url if srcs else None,
        "note": draw(st.none() | line), "verified": draw(st.booleans()),
        "sources": [x.as_dict() for x in srcs],
    }


def without_origins(sc: Scenario) -> Scenario:
    """The scenario with ``origin`` cleared: it labels where an event was read, not what it says."""
    return dataclasses.replace(
        sc,
        events=tuple(dataclasses.replace(e, origin=None) for e in sc.events),
        stances=tuple(dataclasses.replace(s, origin=None) for s in sc.stances),
        motions=tuple(dataclasses.replace(m, stances=tuple(dataclasses.replace(s, origin=None) for s in m.stances))
                      for m in sc.motions),
    )


def states(sc: Scenario) -> list[Any]:
    """The replayed state after every event (and at the start): what the round trip must keep."""
    return [(ev.date if ev else None, state.parties, state.vacancies, state.members)
            for ev, state in sc.history()]
