"""Which seat stands for whom: the seats of a chamber in drawing order, coloured by party, side or whip-count
stance, with the Speaker's seat marked and the legend that counts them (:func:`hemicycle_seats`). The
drawing itself is :mod:`whipcount.charts.hemicycle`'s.

Seats are ordered so that blocs stay together: by default the opposition from the left, then the other
sides, then the government, then the vacant seats; in ``by="stance"`` mode from *yes* to *absent*.

A seat carries a member's name only where the member certainly sits: by party, anywhere in the member's
party on the member's side; by stance, in the run of the member's own stance (a :class:`StanceBlock`
that lists the member), else in the run of the rest of the party's seats there (the block marked
``rest``), or in the one run of a bloc whose seats all take one stance. A named member without a stance
of their own, in a bloc where a part of the seats (``seats: 14`` of a party) takes another stance than
the rest, is attributed to neither: which 14 seats a party-level count means is not recorded
(:func:`unplaced_members` lists them, for the table under a chart to name).
Party colours come from a :class:`~whipcount.charts.partycolours.ColourPlan`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from whipcount.charts.colours import NO_STANCE_COLOUR, SIDE_COLOURS, STANCE_COLOURS, VACANT_COLOUR, stance_labels
from whipcount.charts.legend import LegendEntry
from whipcount.charts.partycolours import (
    GROUND_KEY,
    GROUND_LABEL,
    OTHERS_KEY,
    OTHERS_LABEL,
    ColourPlan,
    state_colours,
)
from whipcount.errors import ChartError
from whipcount.model import STANCES, ChamberState, MemberState, PartyState
from whipcount.model.arguments import check_option
from whipcount.model.ids import did_you_mean

__all__ = ["BY", "UNKNOWN_STANCE", "Seat", "Speaker", "StanceBlock", "hemicycle_seats", "ordered_sides",
           "unplaced_members"]

BY: tuple[str, ...] = ("party", "stance", "side")
UNKNOWN_STANCE = "unknown"
_STANCE_ORDER = (*STANCES, UNKNOWN_STANCE)


@dataclass(frozen=True, slots=True)
class Speaker:
    """The presiding officer, drawn apart: whose seat (party, and side if the party is split) and who."""

    party: str
    name: str | None = None
    side: str | None = None
    source: str | None = None
    role: str = "Speaker"  # "Presiding" for whoever else takes the chair


@dataclass(frozen=True, slots=True)
class StanceBlock:
    """``seats`` of ``party`` sitting on ``side`` take ``stance`` on the motion (from a whip count).

    ``members``: ids of the named members among those seats whose own stance this is (a member-level entry
    of the whip count); ``rest``: the block holds the party's seats on that side that no stance singles out
    (its whole-party stance, or the side's default), where its named members without a stance of their own
    sit; ``presiding``: the block holds the presiding officer's seat (out of the vote).
    """

    party: str
    side: str
    stance: str
    seats: int
    source: str | None = None
    verified: bool = True
    members: tuple[str, ...] = ()
    rest: bool = False
    presiding: bool = False


@dataclass(frozen=True, slots=True)
class Seat:
    """One drawn seat: what it stands for and how it looks."""

    key: str
    colour: str
    title: str
    party: str | None = None
    side: str | None = None
    stance: str | None = None
    member: str | None = None
    vacant: bool = False
    speaker: bool = False
    verified: bool = True


def ordered_sides(state: ChamberState, order: Sequence[str] | None) -> list[str]:
    """The sides from left to right: ``order`` first where given, else the opposition, the others, the
    government."""
    sides = list(state.chamber.sides)
    for s in state.sides():
        if s not in sides:
            sides.append(s)
    if order:
        unknown = [s for s in order if s not in sides]
        if unknown:
            near = did_you_mean(unknown[0], sides) if len(unknown) == 1 else ""
            raise ChartError(f"side order: unknown side(s) {', '.join(unknown)} (expected {', '.join(sides)}){near}")
        return list(order) + [s for s in sides if s not in order]
    if "government" in sides and "opposition" in sides:
        rest = [s for s in sides if s not in ("government", "opposition")]
        return ["opposition", *rest, "government"]
    return sides


def _party_label(p: PartyState) -> str:
    return p.label


def _cite(urls: Sequence[str]) -> str:
    return f"\nSource: {urls[0]}" + (f" (+{len(urls) - 1} more)" if len(urls) > 1 else "") if urls else ""


def hemicycle_seats(
    state: ChamberState,
    *,
    by: str = "party",
    stances: Sequence[StanceBlock] | None = None,
    sources: Mapping[str, Sequence[str]] | None = None,
    speaker: Speaker | None = None,
    side_order: Sequence[str] | None = None,
    colours: ColourPlan | None = None,
    votes_recorded: str = "all",
) -> tuple[list[Seat], list[tuple[str, list[LegendEntry]]]]:
    """The seats in drawing order and the legend (grouped by side when colouring by party).

    ``colours``: the parties' colours (default: a plan for this state alone). ``votes_recorded``: the motion's
    (``yes-only``: a no is named "Not for", :func:`~whipcount.charts.colours.stance_labels`). Exposed for tests
    and for other renderers: the number of seats is always ``state.seats``.
    """
    labels = stance_labels(votes_recorded)
    check_option(by, BY, "colour by", ChartError)
    sides = ordered_sides(state, side_order)
    side_rank = {s: i for i, s in enumerate(sides)}
    by_id = {p.id: p for p in state.parties}
    speaker_bloc = _speaker_bloc(state, speaker, by_id)
    stance_map = _stance_map(state, stances, by_id) if by == "stance" else {}
    plan = _plan_for(state, by, colours)
    # parties drawn together ("Others") sit together, at the end of their side
    blocs = sorted(state.blocs(), key=lambda b: (side_rank.get(b[1], 99), b[0] in plan.grouped,
                                                 -by_id[b[0]].seats, b[0]))
    seats, presiding = _bloc_seats(state, by, blocs, stance_map, sources or {}, plan, labels)
    if speaker is not None and speaker_bloc is not None:
        _mark_speaker(seats, speaker, speaker_bloc, presiding, by == "stance")
    if by == "stance":
        rank = {s: i for i, s in enumerate(_STANCE_ORDER)}
        ranked = sorted(enumerate(seats), key=lambda t: (rank.get(t[1].stance or UNKNOWN_STANCE, 99), t[0]))
        seats = [s for _, s in ranked]
    seats += [Seat("vacant", "#ffffff", "Vacant seat", vacant=True) for _ in range(state.vacancies)]
    if len(seats) != state.seats:  # the model's invariant; never draw a chamber of the wrong size
        raise ChartError(f"{state.chamber.name}: {len(seats)} seats to draw but the chamber has {state.seats}")
    return seats, _legend(state, by, seats, sides, by_id, plan, labels)


def _plan_for(state: ChamberState, by: str, colours: ColourPlan | None) -> ColourPlan:
    """The colour plan to draw with: the one given when it covers every party with seats, else this state's."""
    if by != "party":
        return ColourPlan({})
    if colours is not None and all(p.id in colours.colours for p in state.parties if p.seats > 0):
        return colours
    return state_colours(state)


def unplaced_members(state: ChamberState, seats: Sequence[Seat]) -> list[MemberState]:
    """The sitting named members no seat names: by stance, those whose own stance is not recorded in a bloc
    the whip count splits between stances (see the module docstring)."""
    named = {s.member for s in seats if s.member}
    return [m for m in state.members if m.seated and m.party and m.side and m.name not in named]


def _speaker_bloc(state: ChamberState, speaker: Speaker | None,
                  by_id: Mapping[str, PartyState]) -> tuple[str, str] | None:
    """The (party, side) whose last seat is the Speaker's: the given side, else the party's largest."""
    if speaker is None:
        return None
    if speaker.party not in by_id:
        hint = did_you_mean(speaker.party, sorted(by_id))
        raise ChartError(f"speaker: unknown party {speaker.party!r} (known: {', '.join(sorted(by_id))}){hint}")
    p = by_id[speaker.party]
    if not speaker.side and not any(n > 0 for _, n in p.by_side):
        raise ChartError(f"speaker: party {speaker.party!r} holds no seat on {state.date}")
    side = speaker.side or max(p.by_side, key=lambda kv: kv[1])[0]
    if p.seats_on(side) < 1:
        raise ChartError(f"speaker: party {speaker.party!r} has no seat on the {side} side on {state.date}")
    return (speaker.party, side)


def _stance_map(state: ChamberState, stances: Sequence[StanceBlock] | None,
                by_id: Mapping[str, PartyState]) -> dict[tuple[str, str], list[StanceBlock]]:
    """The whip count's stance blocks by (party, side), each checked against the seats held there."""
    if stances is None:
        raise ChartError("colour by stance: no whip count given")
    stance_map: dict[tuple[str, str], list[StanceBlock]] = {}
    for sb in stances:
        check_option(sb.stance, STANCES, f"stance of {sb.party!r}", ChartError)
        if sb.party not in by_id:
            raise ChartError(f"stance: unknown party {sb.party!r} on {state.date}")
        if sb.seats < 0:
            raise ChartError(f"stance of {sb.party!r}: seats must be >= 0, got {sb.seats}")
        stance_map.setdefault((sb.party, sb.side), []).append(sb)
    sitting = {m.id: m for m in state.members if m.seated}
    for sb in stances:
        for mid in sb.members:
            m = sitting.get(mid)
            if m is None or (m.party, m.side) != (sb.party, sb.side):
                raise ChartError(f"stance of {sb.party!r} on the {sb.side} side names member {mid!r}, who does "
                                 f"not sit there on {state.date}")
        if len(sb.members) > sb.seats:
            raise ChartError(f"stance of {sb.party!r}: {len(sb.members)} members named for {sb.seats} seats")
    for (pid, side), lst in stance_map.items():
        have = by_id[pid].seats_on(side)
        if sum(s.seats for s in lst) > have:
            raise ChartError(
                f"stance of {pid!r} on the {side} side: {sum(s.seats for s in lst)} seats given, "
                f"the party holds {have} there on {state.date}"
            )
    return stance_map


def _bloc_seats(state: ChamberState, by: str, blocs: Sequence[tuple[str, str, int]],
                stance_map: Mapping[tuple[str, str], list[StanceBlock]],
                sources: Mapping[str, Sequence[str]], plan: ColourPlan,
                labels: Mapping[str, str]) -> tuple[list[Seat], set[int]]:
    """One seat per sitting member, bloc by bloc, titled with member, party, side (and stance), coloured ``by``;
    and the indexes of the seats of presiding blocks (where the Speaker's seat goes)."""
    by_id = {p.id: p for p in state.parties}
    members_by_bloc: dict[tuple[str, str], list[MemberState]] = {}
    for m in state.members:
        if m.seated and m.party and m.side:
            members_by_bloc.setdefault((m.party, m.side), []).append(m)
    seats: list[Seat] = []
    presiding: set[int] = set()
    for pid, side, n in blocs:
        p = by_id[pid]
        runs = _per_stance(by, n, stance_map.get((pid, side), []))
        # what put the bloc on this side (a whole party crossing over) first, then the party's own sources
        bloc_urls = list(dict.fromkeys([*sources.get(f"bloc:{pid}:{side}", ()), *sources.get(pid, ())]))
        ids = {m.name: m.id for m in members_by_bloc.get((pid, side), [])}
        named = p.label if p.label == p.name else f"{p.label} ({p.name})"
        base = f"{named}{'' if p.verified else ' (unverified)'}\nSide: {side}"
        for run, names in zip(runs, _names(runs, members_by_bloc.get((pid, side), [])), strict=True):
            stance, k, ssrc, sver, chair = run.stance, run.seats, run.source, run.verified, run.presiding
            for i in range(k):
                member = names[i] if i < len(names) else None
                head = f"{member}, {base}" if member else base
                if by == "stance":
                    label = labels.get(stance, "No stance recorded")
                    head += f"\nStance: {label}{'' if sver else ' (unverified)'}"
                    head += f"\nStance source: {ssrc}" if ssrc else ""
                if by == "party":
                    key, colour = plan.key(pid), plan.colour(pid)
                elif by == "side":
                    key, colour = f"side-{side}", SIDE_COLOURS.get(side, "#8e8e8e")
                else:
                    key, colour = f"stance-{stance}", STANCE_COLOURS.get(stance, NO_STANCE_COLOUR)
                if chair:
                    presiding.add(len(seats))
                # a named member: the event that moved them (and their own sources) before the bloc's
                urls = [*sources.get(f"member:{ids[member]}", ()), *bloc_urls] if member in ids else bloc_urls
                title = head + _cite(list(dict.fromkeys(urls)))
                seats.append(Seat(key, colour, title, pid, side, stance or None, member, verified=p.verified and sver))
    return seats, presiding


def _per_stance(by: str, n: int, blocks: Sequence[StanceBlock]) -> list[StanceBlock]:
    """A bloc's ``n`` seats as runs (the blocks with seats); seats no block covers take the unknown stance."""
    if by != "stance":
        return [StanceBlock("", "", "", n)]
    runs = [s for s in blocks if s.seats]
    rest = n - sum(s.seats for s in blocks)
    return runs + [StanceBlock("", "", UNKNOWN_STANCE, rest)] if rest else runs


def _names(runs: Sequence[StanceBlock], members: Sequence[MemberState]) -> list[list[str]]:
    """The names for the first seats of each run: the members whose own stance the run records, then the
    bloc's other named members where their stance is certain: in the run of the rest of the party's seats
    when no other run holds seats of the party nobody named (a part, ``seats: N``) with another stance, or
    in the one run of a bloc whose seats all take one stance."""
    by_id = {m.id: m.name for m in members}
    own = [[by_id[mid] for mid in run.members if mid in by_id] for run in runs]
    placed = {mid for run in runs for mid in run.members}
    others = [m.name for m in members if m.id not in placed]
    if not runs or not others:
        return own
    if len({run.stance for run in runs}) == 1:
        own[0] += others
        return own
    rest = [i for i, run in enumerate(runs) if run.rest]
    unnamed = {run.stance for run in runs if not run.rest and not run.presiding and len(run.members) < run.seats}
    if len(rest) == 1 and unnamed <= {runs[rest[0]].stance}:
        own[rest[0]] += others
    return own


def _mark_speaker(seats: list[Seat], speaker: Speaker, bloc: tuple[str, str], presiding: set[int],
                  by_stance: bool) -> None:
    """A seat of the Speaker's bloc becomes the Speaker's, titled and sourced: the presiding block's when the
    whip count has one, or the seat of a named member of that name (a stance of their own), else the bloc's
    last. By stance, in a bloc whose seats take several stances and none of them the presiding officer's,
    the Speaker's own stance is not recorded: the seat is not named."""
    in_bloc = [i for i, s in enumerate(seats) if (s.party, s.side) == bloc]
    chosen = [i for i in in_bloc if i in presiding or (speaker.name and seats[i].member == speaker.name)]
    idx = max(chosen or in_bloc)
    s = seats[idx]
    known = not by_stance or bool(chosen) or len({seats[i].stance for i in in_bloc}) == 1
    who = f"{speaker.role}{': ' + speaker.name if speaker.name else ''}"
    title = f"{who}\n{s.title}" + (f"\nSource: {speaker.source}" if speaker.source else "")
    name = (speaker.name or s.member) if known else None
    seats[idx] = Seat(s.key, s.colour, title, s.party, s.side, s.stance, name, speaker=True,
                      verified=s.verified)


def _legend(
    state: ChamberState, by: str, seats: list[Seat], sides: list[str], by_id: Mapping[str, PartyState],
    plan: ColourPlan, labels: Mapping[str, str],
) -> list[tuple[str, list[LegendEntry]]]:
    counts: dict[str, int] = {}
    first: dict[str, Seat] = {}
    for s in seats:
        counts[s.key] = counts.get(s.key, 0) + 1
        first.setdefault(s.key, s)
    vacant = [LegendEntry("vacant", "Vacant", VACANT_COLOUR, state.vacancies, vacant=True)] if state.vacancies else []
    if by == "party":
        groups = [(f"{side.capitalize()} {state.sides().get(side, 0)}", entries) for side in sides
                  if (entries := _party_entries(state, side, by_id, plan))]
        # the vacant seats are on no side: a heading of their own, so that they do not read as the last side's
        return groups + ([(f"Vacant {state.vacancies}", vacant)] if vacant else [])
    entries = []
    for key, n in counts.items():
        if key == "vacant":
            continue
        s = first[key]
        if by == "side":
            label = (s.side or "").capitalize()
        else:
            label = labels.get(s.stance or "", "No stance recorded")
        entries.append(LegendEntry(key, label, s.colour, n))
    # on no side and of no stance: a heading of their own, as in a legend by party
    return [("", entries)] + ([(f"Vacant {state.vacancies}", vacant)] if vacant else [])


def _party_entries(state: ChamberState, side: str, by_id: Mapping[str, PartyState],
                   plan: ColourPlan) -> list[LegendEntry]:
    """The legend entries of one side: its parties, largest first, then the others drawn together."""
    def label_of(key: str) -> str:
        p = by_id.get(key.removeprefix("party-"))
        return _party_label(p) if p else {OTHERS_KEY: OTHERS_LABEL, GROUND_KEY: GROUND_LABEL}.get(key, key)

    def entry(key: str, label: str, colour: str, n: int, verified: bool, change_key: str,
              members: tuple[str, ...] = ()) -> LegendEntry:
        change = plan.changes.get(change_key)
        return LegendEntry(key, label, colour, n, side, verified=verified,
                           adjusted_from=change.old if change else None,
                           too_pale=bool(change and change.separated and change.against == GROUND_KEY),
                           too_close_to=label_of(change.against) if change and not change.separated else None,
                           members=members)

    entries: list[LegendEntry] = []
    grouped: list[PartyState] = []
    for p in sorted(state.parties, key=lambda p: (-p.seats_on(side), p.id)):
        if p.seats_on(side) <= 0:
            continue
        if p.id in plan.grouped:
            grouped.append(p)
            continue
        label = _party_label(p) + ("" if p.verified else " †")
        entries.append(entry(plan.key(p.id), label, plan.colour(p.id), p.seats_on(side), p.verified, p.id))
    if grouped:  # one party alone in the group keeps its name
        label = OTHERS_LABEL if len(plan.grouped) > 1 else _party_label(grouped[0])
        entries.append(entry(OTHERS_KEY, label, plan.colour(grouped[0].id),
                             sum(p.seats_on(side) for p in grouped), all(p.verified for p in grouped),
                             OTHERS_KEY, tuple(_party_label(p) + ("" if p.verified else " †") for p in grouped)))
    return entries
