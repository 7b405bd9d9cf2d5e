"""The chamber as a seat chart: one disc per seat, coloured by party, side or whip-count stance.

:func:`render_hemicycle` turns a :class:`~whipcount.model.ChamberState` into an SVG string (no file I/O)
that a graphics desk can publish as it is:

- responsive: a ``viewBox`` and no fixed width or height; drawn for the width it is shown at
  (``width=``: under 560 pixels, the narrow variant for phones, see :mod:`whipcount.charts.seatstyle`);
- one ``<circle class="seat ...">`` per seat with an id and a ``<title>`` (member or party, side, stance,
  source), vacant seats drawn as outlines (class ``vacant``), the Speaker's seat apart (class ``speaker``);
- a legend with the count of every entry, the majority line (and the two-thirds line on request);
- ``role="img"``, ``aria-labelledby`` and a ``<desc>`` that says in words what the picture shows.

Seats are ordered so that blocs stay together: by default the opposition from the left, then the other
sides, then the government, then the vacant seats; in ``by="stance"`` mode from *yes* to *absent*. The
majority line separates the first ``needed`` seats counted from the left, so a bloc on the left that
crosses it has the votes.

Whip-count stances come in as plain data (:class:`StanceBlock`): charts sit beside ``whipcount.tally``
in the layers and do not import it; the caller (the report, the command line) converts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby

from whipcount.charts.colours import (
    SIDE_COLOURS,
    STANCE_COLOURS,
    STANCE_LABELS,
    VACANT_COLOUR,
    assign_colours,
    edge_colour,
)
from whipcount.charts.cvd import Adjustment, pairs_to_separate, separate
from whipcount.charts.describe import describe, long_date, two_thirds_of
from whipcount.charts.describe import subtitle as _subtitle
from whipcount.charts.geometry import LAYOUTS, Placement, place
from whipcount.charts.legend import (
    LegendEntry,
    colour_notes,
    narrow_legend,
    render_legend,
    stacked_legend,
    stacked_width,
)
from whipcount.charts.marks import seat_marks, threshold_marks
from whipcount.charts.seatstyle import seat_style, sizes_for, wrap
from whipcount.charts.svg import document, slug, text
from whipcount.errors import ChartError
from whipcount.model import STANCES, ChamberState, PartyState

__all__ = [
    "BY",
    "Chart",
    "LegendEntry",
    "colour_notes",
    "Seat",
    "Speaker",
    "StanceBlock",
    "hemicycle_seats",
    "long_date",
    "render_hemicycle",
    "two_thirds_of",
]

BY: tuple[str, ...] = ("party", "stance", "side")
UNKNOWN_STANCE = "unknown"
_STANCE_ORDER = (*STANCES, UNKNOWN_STANCE)
_UNKNOWN_COLOUR = "#c6dbef"


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart as a value: ``.svg`` is the markup; Jupyter shows it as a picture."""

    svg: str
    kind: str = "chart"

    def _repr_svg_(self) -> str:
        return self.svg

    def __str__(self) -> str:
        return self.svg


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


@dataclass(frozen=True, slots=True)
class _Plan:
    seats: list[Seat]
    legend: list[tuple[str, list[LegendEntry]]]
    benches: tuple[int, int, int]
    summary: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _side_order(state: ChamberState, order: Sequence[str] | None) -> list[str]:
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
    sources = sources or {}
    sides = _side_order(state, side_order)
    side_rank = {s: i for i, s in enumerate(sides)}
    colours = assign_colours((p.id, p.colour) for p in state.parties)
    by_id = {p.id: p for p in state.parties}
    members_by_bloc: dict[tuple[str, str], list[str]] = {}
    for m in state.members:
        if m.seated and m.party and m.side:
            members_by_bloc.setdefault((m.party, m.side), []).append(m.name)

    blocs = sorted(state.blocs(), key=lambda b: (side_rank.get(b[1], 99), -by_id[b[0]].seats, b[0]))
    # the speaker's seat, taken from its bloc
    speaker_bloc: tuple[str, str] | None = None
    if speaker is not None:
        if speaker.party not in by_id:
            raise ChartError(f"speaker: unknown party {speaker.party!r} (known: {', '.join(sorted(by_id))})")
        p = by_id[speaker.party]
        side = speaker.side or max(p.by_side, key=lambda kv: kv[1])[0]
        if p.seats_on(side) < 1:
            raise ChartError(f"speaker: party {speaker.party!r} has no seat on the {side} side on {state.date}")
        speaker_bloc = (speaker.party, side)

    stance_map: dict[tuple[str, str], list[StanceBlock]] = {}
    if by == "stance":
        if stances is None:
            raise ChartError("colour by stance: no whip count given")
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

    seats: list[Seat] = []
    for pid, side, n in blocs:
        p = by_id[pid]
        names = members_by_bloc.get((pid, side), [])
        src = _cite(list(sources.get(pid, ())))
        flag = "" if p.verified else " (unverified)"
        base = f"{_party_label(p)} ({p.name}){flag}\nSide: {side}"
        per_stance: list[tuple[str, int, str | None, bool]] = []
        if by == "stance":
            lst = stance_map.get((pid, side), [])
            per_stance = [(s.stance, s.seats, s.source, s.verified) for s in lst if s.seats]
            rest = n - sum(s.seats for s in lst)
            if rest:
                per_stance.append((UNKNOWN_STANCE, rest, None, True))
        else:
            per_stance = [("", n, None, True)]
        i = 0
        for stance, k, ssrc, sver in per_stance:
            for _ in range(k):
                member = names[i] if i < len(names) else None
                i += 1
                head = f"{member}, {base}" if member else base
                if by == "stance":
                    label = STANCE_LABELS.get(stance, "No stance recorded")
                    head += f"\nStance: {label}{'' if sver else ' (unverified)'}"
                    if ssrc:
                        head += f"\nStance source: {ssrc}"
                if by == "party":
                    key, colour = f"party-{pid}", colours[pid]
                elif by == "side":
                    key, colour = f"side-{side}", SIDE_COLOURS.get(side, "#8e8e8e")
                else:
                    key, colour = f"stance-{stance}", STANCE_COLOURS.get(stance, _UNKNOWN_COLOUR)
                seats.append(
                    Seat(key, colour, head + src, pid, side, stance or None, member,
                         verified=p.verified and sver)
                )

    # the speaker: the last seat of its bloc, marked
    if speaker_bloc is not None:
        assert speaker is not None
        idx = max(i for i, s in enumerate(seats) if (s.party, s.side) == speaker_bloc)
        s = seats[idx]
        who = f"Speaker{': ' + speaker.name if speaker.name else ''}"
        seats[idx] = Seat(s.key, s.colour, f"{who}\n{s.title}" + (f"\nSource: {speaker.source}"
                                                                     if speaker.source else ""),
                          s.party, s.side, s.stance, speaker.name or s.member, speaker=True, verified=s.verified)

    order = list(range(len(seats)))
    if by == "stance":
        rank = {s: i for i, s in enumerate(_STANCE_ORDER)}
        order.sort(key=lambda i: (rank.get(seats[i].stance or UNKNOWN_STANCE, 99), i))
    seats = [seats[i] for i in order]
    changes: dict[str, Adjustment] = {}
    if by == "party":
        seats, changes = _separated(seats)

    for _ in range(state.vacancies):
        seats.append(Seat("vacant", "#ffffff", "Vacant seat", vacant=True))

    if len(seats) != state.seats:  # the model's invariant; never draw a chamber of the wrong size
        raise ChartError(f"{state.chamber.name}: {len(seats)} seats to draw but the chamber has {state.seats}")

    return seats, _legend(state, by, seats, sides, by_id, changes)


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


def render_hemicycle(
    state: ChamberState,
    *,
    by: str = "party",
    layout: str = "arch",
    needed: int | None = None,
    needed_label: str = "to pass",
    two_thirds: bool = False,
    stances: Sequence[StanceBlock] | None = None,
    sources: Mapping[str, Sequence[str]] | None = None,
    speaker: Speaker | None = None,
    title: str | None = None,
    subtitle: str | None = None,
    rows: int | None = None,
    chart_id: str | None = None,
    side_order: Sequence[str] | None = None,
    heading: bool = True,
    legend_beside: bool = False,
    notes: Sequence[str] = (),
    width: float | None = None,
    describedby: str | None = None,
) -> str:
    """The seat chart of ``state`` as an SVG string (see the module docstring for what it holds).

    ``needed`` draws the majority line after that many seats counted from the left; ``two_thirds`` adds
    a line at two thirds of the total membership. ``sources`` maps party ids to source URLs for the seat
    titles. Raises :class:`~whipcount.errors.ChartError` for a colour that is not one, an unknown
    layout, or a layout that cannot hold the seats. ``notes`` are printed under the legend (and read
    out in the description) before the chart's own. ``legend_beside`` puts the legend in one column to
    the right of the seats (a wide picture, for cards and slides) instead of below them. ``width`` is
    the width in CSS pixels the chart will be shown at: under 560 the chart is laid out for it (the
    narrow variant: every text 13 units or more at that width; see :mod:`whipcount.charts.seatstyle`).
    ``describedby`` is the id of an element in the page that describes the chart further (a table).
    """
    if layout not in LAYOUTS:
        raise ChartError(f"unknown layout {layout!r} (expected one of: {', '.join(LAYOUTS)})")
    if needed is not None and not 0 < needed <= state.seats:
        raise ChartError(f"majority line: expected 1..{state.seats} seats, got {needed}")
    if width is not None and not 240 <= width <= 4000:
        raise ChartError(f"width: expected 240 to 4000 pixels, got {width:g}")
    seats, legend = hemicycle_seats(
        state, by=by, stances=stances, sources=sources, speaker=speaker, side_order=side_order
    )
    drawn, speaker_seat, pl = _placed(seats, state, layout, rows, side_order, needed, two_thirds)
    sizes = sizes_for(width)
    variant = "-narrow" if sizes.narrow else ""
    cid = slug(chart_id or f"hemicycle-{state.chamber.id or state.chamber.name}-{state.date.isoformat()}"
                          f"-{layout}-{by}{variant}")
    k = 1.0
    width_ = max(pl.width, 620.0)
    if sizes.narrow:
        assert width is not None
        width_ = width
        k = min(1.0, (width - 24) / pl.width)
    x_off = (width_ - pl.width * k) / 2
    if legend_beside and not sizes.narrow:
        x_off, width_ = 0.0, pl.width + 24 + stacked_width(legend) + 12
    body: list[str] = []
    y = 0.0
    if heading:
        head = title or f"{state.chamber.name}, {long_date(state.date)}"
        for line in wrap(head, width_ - 24, sizes.heading) if sizes.narrow else [head]:
            y += sizes.heading + 6
            body.append(text(12, y, line, cls="heading"))
        sub = subtitle or _subtitle(state, needed, by)
        for line in wrap(sub, width_ - 24, sizes.sub) if sizes.narrow else [sub]:
            y += sizes.sub + 7
            body.append(text(12, y, line, cls="sub"))
        y += 16
    top = (y if heading else 26.0) + (16.0 if needed is not None or two_thirds else 0.0)
    body += seat_marks(cid, drawn, speaker_seat, pl, x_off, top, k)
    body += threshold_marks(state, pl, needed, needed_label, two_thirds, x_off, top, k, width_)

    if legend_beside and not sizes.narrow:
        legend_svg, legend_h = stacked_legend(legend, x_off + pl.width + 24, top + 10)
        y = max(top + pl.height + 16, top + 10 + legend_h)
    else:
        y = top + pl.height * k + 24
        legend_svg, legend_h = (narrow_legend(legend, width_, y) if sizes.narrow
                                else render_legend(legend, width_, y, pl.radius))
        y += legend_h
    body += legend_svg
    notes = _notes(list(notes), seats, legend, needed, layout)
    for line in (part for note in notes for part in wrap(note, width_ - 24, sizes.note)):
        body.append(text(12, y + 4, line, cls="note"))
        y += sizes.note + 5
    height = y + 8
    edges = {c: e for c in {s.colour for s in drawn if not s.vacant} if (e := edge_colour(c))}
    return document(
        chart_id=cid,
        kind="hemicycle" + (" narrow" if sizes.narrow else ""),
        width=width_,
        height=height,
        title=title or f"{state.chamber.name}, {long_date(state.date)}: seats by {by}",
        desc=" ".join([describe(state, legend, needed, two_thirds, by, layout, speaker_seat is not None), *notes]),
        style=seat_style(cid, pl.radius, sizes, edges, k),
        body=body,
        describedby=describedby,
    )


def _placed(
    seats: list[Seat], state: ChamberState, layout: str, rows: int | None, side_order: Sequence[str] | None,
    needed: int | None, two_thirds: bool,
) -> tuple[list[Seat], Seat | None, Placement]:
    """The seats in the order they are drawn (the Speaker's apart) and where they go."""
    drawn = [s for s in seats if not s.speaker]
    speaker_seat = next((s for s in seats if s.speaker), None)
    if layout == "westminster":
        # group by bench, keeping the order within each bench
        b = _benches_of(seats, state, side_order)
        on_bench = [[s for s, bb in zip(seats, b, strict=True) if bb == k and not s.speaker] for k in (0, 1, 2)]
        drawn = [s for bench in on_bench for s in bench]
        blocks = [[len(list(run)) for _, run in groupby(s.key for s in bench)] for bench in on_bench]
        reach = max(needed or 0, two_thirds_of(state.seats) if two_thirds else 0)
        return drawn, speaker_seat, place(layout, blocks, rows=rows, speaker=speaker_seat is not None, reach=reach)
    return drawn, speaker_seat, place(layout, [len(drawn), 0, 0], rows=rows, speaker=speaker_seat is not None)


def _notes(notes: list[str], seats: list[Seat], legend: list[tuple[str, list[LegendEntry]]], needed: int | None,
           layout: str) -> list[str]:
    if any(not s.verified for s in seats):
        notes.append("† Dashed outline: seats whose figure is not confirmed by our sources.")
    if needed is not None:
        where = "from the Speaker's end of each bench" if layout == "westminster" else "from the left"
        notes.append(f"The line marks {needed} seats counted {where}.")
    return notes + colour_notes(legend)


def _benches_of(seats: list[Seat], state: ChamberState, side_order: Sequence[str] | None) -> list[int]:
    sides = _side_order(state, side_order)
    upper = "opposition" if "opposition" in sides else sides[0]
    lower = "government" if "government" in sides else (sides[1] if len(sides) > 1 else sides[0])
    out = []
    for s in seats:
        if s.vacant or s.side is None:
            out.append(2)
        elif s.stance is not None:  # by stance: for and against face one another, the rest cross the floor
            out.append(_STANCE_BENCH.get(s.stance, 2))
        else:
            out.append(0 if s.side == upper else (1 if s.side == lower else 2))
    return out


_STANCE_BENCH = {"yes": 0, "lean-yes": 0, "no": 1, "lean-no": 1}
