"""Which seat stands for whom: the seats of a chamber in drawing order, coloured by party, side or whip-count
stance, with the Speaker's seat marked and the legend that counts them (:func:`hemicycle_seats`). The
drawing itself is :mod:`whipcount.charts.hemicycle`'s.

Seats are ordered so that blocs stay together: by default the opposition from the left, then the other
sides, then the government, then the vacant seats; in ``by="stance"`` mode from *yes* to *absent*.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from whipcount.charts.colours import (
    SIDE_COLOURS,
    STANCE_COLOURS,
    STANCE_LABELS,
    VACANT_COLOUR,
    assign_colours,
)
from whipcount.charts.cvd import Adjustment, pairs_to_separate, separate
from whipcount.charts.legend import LegendEntry
from whipcount.errors import ChartError
from whipcount.model import STANCES, ChamberState, PartyState

__all__ = ["BY", "UNKNOWN_STANCE", "Seat", "Speaker", "StanceBlock", "hemicycle_seats", "ordered_sides"]

BY: tuple[str, ...] = ("party", "stance", "side")
UNKNOWN_STANCE = "unknown"
_STANCE_ORDER = (*STANCES, UNKNOWN_STANCE)
_UNKNOWN_COLOUR = "#c6dbef"


@dataclass(frozen=True, slots=True)
class Speaker:
    """The presiding officer, drawn apart: whose seat (party, and side if the party is split) and who."""

    party: str
    name: str | None = None
    side: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class StanceBlock:
    """``seats`` of ``party`` sitting on ``side`` take ``stance`` on the motion (from a whip count)."""

    party: str
    side: str
    stance: str
    seats: int
    source: str | None = None
    verified: bool = True


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
            raise ChartError(f"side order: unknown side(s) {', '.join(unknown)} (expected {', '.join(sides)})")
        return list(order) + [s for s in sides if s not in order]
    if "government" in sides and "opposition" in sides:
        rest = [s for s in sides if s not in ("government", "opposition")]
        return ["opposition", *rest, "government"]
    return sides


def _party_label(p: PartyState) -> str:
    return p.short or p.id


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
) -> tuple[list[Seat], list[tuple[str, list[LegendEntry]]]]:
    """The seats in drawing order and the legend (grouped by side when colouring by party).

    Exposed for tests and for other renderers: the number of seats is always ``state.seats``.
    """
    if by not in BY:
        raise ChartError(f"colour by {by!r}: expected one of {', '.join(BY)}")
    sides = ordered_sides(state, side_order)
    side_rank = {s: i for i, s in enumerate(sides)}
    by_id = {p.id: p for p in state.parties}
    speaker_bloc = _speaker_bloc(state, speaker, by_id)
    stance_map = _stance_map(state, stances, by_id) if by == "stance" else {}
    blocs = sorted(state.blocs(), key=lambda b: (side_rank.get(b[1], 99), -by_id[b[0]].seats, b[0]))
    seats = _bloc_seats(state, by, blocs, stance_map, sources or {})
    if speaker is not None and speaker_bloc is not None:
        _mark_speaker(seats, speaker, speaker_bloc)
    if by == "stance":
        rank = {s: i for i, s in enumerate(_STANCE_ORDER)}
        ranked = sorted(enumerate(seats), key=lambda t: (rank.get(t[1].stance or UNKNOWN_STANCE, 99), t[0]))
        seats = [s for _, s in ranked]
    changes: dict[str, Adjustment] = {}
    if by == "party":
        seats, changes = _separated(seats)
    seats += [Seat("vacant", "#ffffff", "Vacant seat", vacant=True) for _ in range(state.vacancies)]
    if len(seats) != state.seats:  # the model's invariant; never draw a chamber of the wrong size
        raise ChartError(f"{state.chamber.name}: {len(seats)} seats to draw but the chamber has {state.seats}")
    return seats, _legend(state, by, seats, sides, by_id, changes)


def _speaker_bloc(state: ChamberState, speaker: Speaker | None,
                  by_id: Mapping[str, PartyState]) -> tuple[str, str] | None:
    """The (party, side) whose last seat is the Speaker's: the given side, else the party's largest."""
    if speaker is None:
        return None
    if speaker.party not in by_id:
        raise ChartError(f"speaker: unknown party {speaker.party!r} (known: {', '.join(sorted(by_id))})")
    p = by_id[speaker.party]
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
        if sb.stance not in STANCES:
            raise ChartError(f"stance of {sb.party!r}: expected one of {', '.join(STANCES)}, got {sb.stance!r}")
        if sb.party not in by_id:
            raise ChartError(f"stance: unknown party {sb.party!r} on {state.date}")
        if sb.seats < 0:
            raise ChartError(f"stance of {sb.party!r}: seats must be >= 0, got {sb.seats}")
        stance_map.setdefault((sb.party, sb.side), []).append(sb)
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
                sources: Mapping[str, Sequence[str]]) -> list[Seat]:
    """One seat per sitting member, bloc by bloc, titled with member, party, side (and stance), coloured ``by``."""
    colours = assign_colours((p.id, p.colour) for p in state.parties)
    by_id = {p.id: p for p in state.parties}
    members_by_bloc: dict[tuple[str, str], list[str]] = {}
    for m in state.members:
        if m.seated and m.party and m.side:
            members_by_bloc.setdefault((m.party, m.side), []).append(m.name)
    seats: list[Seat] = []
    for pid, side, n in blocs:
        p = by_id[pid]
        names = iter(members_by_bloc.get((pid, side), []))
        src = _cite(list(sources.get(pid, ())))
        base = f"{_party_label(p)} ({p.name}){'' if p.verified else ' (unverified)'}\nSide: {side}"
        for stance, k, ssrc, sver in _per_stance(by, n, stance_map.get((pid, side), [])):
            for _ in range(k):
                member = next(names, None)
                head = f"{member}, {base}" if member else base
                if by == "stance":
                    label = STANCE_LABELS.get(stance, "No stance recorded")
                    head += f"\nStance: {label}{'' if sver else ' (unverified)'}"
                    head += f"\nStance source: {ssrc}" if ssrc else ""
                if by == "party":
                    key, colour = f"party-{pid}", colours[pid]
                elif by == "side":
                    key, colour = f"side-{side}", SIDE_COLOURS.get(side, "#8e8e8e")
                else:
                    key, colour = f"stance-{stance}", STANCE_COLOURS.get(stance, _UNKNOWN_COLOUR)
                seats.append(Seat(key, colour, head + src, pid, side, stance or None, member,
                                  verified=p.verified and sver))
    return seats


def _per_stance(by: str, n: int, blocks: Sequence[StanceBlock]) -> list[tuple[str, int, str | None, bool]]:
    """A bloc's ``n`` seats as runs of (stance, seats, source, verified); seats no block covers are unknown."""
    if by != "stance":
        return [("", n, None, True)]
    runs = [(s.stance, s.seats, s.source, s.verified) for s in blocks if s.seats]
    rest = n - sum(s.seats for s in blocks)
    return runs + [(UNKNOWN_STANCE, rest, None, True)] if rest else runs


def _mark_speaker(seats: list[Seat], speaker: Speaker, bloc: tuple[str, str]) -> None:
    """The last seat of the Speaker's bloc becomes the Speaker's, titled and sourced."""
    idx = max(i for i, s in enumerate(seats) if (s.party, s.side) == bloc)
    s = seats[idx]
    who = f"Speaker{': ' + speaker.name if speaker.name else ''}"
    title = f"{who}\n{s.title}" + (f"\nSource: {speaker.source}" if speaker.source else "")
    seats[idx] = Seat(s.key, s.colour, title, s.party, s.side, s.stance, speaker.name or s.member, speaker=True,
                      verified=s.verified)


def _separated(seats: list[Seat]) -> tuple[list[Seat], dict[str, Adjustment]]:
    """Party colours moved apart where colour-blind readers could not tell two of them apart."""
    pairs, order = pairs_to_separate([s.key for s in seats])
    first = {s.key: s.colour for s in reversed(seats)}
    colours, changes = separate(first, pairs, order)
    out = [dataclasses.replace(s, colour=colours[s.key]) if colours[s.key] != s.colour else s for s in seats]
    return out, {c.key: c for c in changes}


def _legend(
    state: ChamberState, by: str, seats: list[Seat], sides: list[str], by_id: Mapping[str, PartyState],
    changes: Mapping[str, Adjustment],
) -> list[tuple[str, list[LegendEntry]]]:
    def label_of(key: str) -> str:
        p = by_id.get(key.removeprefix("party-"))
        return _party_label(p) if p else key

    counts: dict[str, int] = {}
    first: dict[str, Seat] = {}
    for s in seats:
        counts[s.key] = counts.get(s.key, 0) + 1
        first.setdefault(s.key, s)
    vacant = [LegendEntry("vacant", "Vacant", VACANT_COLOUR, state.vacancies, vacant=True)] if state.vacancies else []
    if by == "party":
        groups: list[tuple[str, list[LegendEntry]]] = []
        side_totals = state.sides()
        for side in sides:
            entries = []
            for p in sorted(state.parties, key=lambda p: (-p.seats_on(side), p.id)):
                if p.seats_on(side) <= 0:
                    continue
                label = _party_label(p) + ("" if p.verified else " †")
                n = p.seats_on(side)
                key = f"party-{p.id}"
                change = changes.get(key)
                entries.append(LegendEntry(
                    key, label, first[key].colour, n, side, verified=p.verified,
                    adjusted_from=change.old if change else None,
                    too_close_to=label_of(change.against) if change and not change.separated else None))
            if entries:
                groups.append((f"{side.capitalize()} {side_totals.get(side, 0)}", entries))
        if vacant:
            groups.append(("", vacant))
        return groups
    entries = []
    for key, n in counts.items():
        if key == "vacant":
            continue
        s = first[key]
        if by == "side":
            label = (s.side or "").capitalize()
        else:
            label = STANCE_LABELS.get(s.stance or "", "No stance recorded")
        entries.append(LegendEntry(key, label, s.colour, n))
    return [("", entries + vacant)]
