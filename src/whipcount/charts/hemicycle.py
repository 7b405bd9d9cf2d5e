"""The chamber as a seat chart: one disc per seat, coloured by party, side or whip-count stance.

:func:`render_hemicycle` turns a :class:`~whipcount.model.ChamberState` into an SVG string (no file I/O)
that a graphics desk can publish as it is:

- responsive: a ``viewBox`` and no fixed width or height;
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
import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import groupby
from math import ceil

from whipcount.charts.colours import (
    SIDE_COLOURS,
    STANCE_COLOURS,
    STANCE_LABELS,
    VACANT_COLOUR,
    assign_colours,
)
from whipcount.charts.cvd import Adjustment, pairs_to_separate, separate
from whipcount.charts.geometry import LAYOUTS, place
from whipcount.charts.legend import LegendEntry, colour_notes, render_legend, stacked_legend, stacked_width
from whipcount.charts.svg import attr, document, esc, num, slug, text
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


def long_date(d: dt.date) -> str:
    """``8 March 2022``: unambiguous in every country."""
    return f"{d.day} {d:%B %Y}"


def two_thirds_of(seats: int) -> int:
    """Two thirds of ``seats``, rounded up: the smallest count that is at least two thirds (exact)."""
    return ceil(Fraction(2, 3) * seats)


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


_STYLE = """
#{cid} .seat{{stroke:#ffffff;stroke-width:{sw}}}
#{cid} .seat.vacant{{fill:#ffffff;stroke:{vac};stroke-width:{vw};stroke-dasharray:{dash}}}
#{cid} .seat.unverified{{stroke:#222222;stroke-width:{uw};stroke-dasharray:{dash}}}
#{cid} .seat.speaker{{stroke:#111111;stroke-width:{vw}}}
#{cid} .seat:hover{{stroke:#111111;stroke-width:{vw}}}
#{cid} .threshold{{fill:none;stroke:#111111;stroke-width:2}}
#{cid} .threshold.two-thirds{{stroke-dasharray:6 4}}
#{cid} .tlabel{{font-size:13px;fill:#111111;font-weight:600}}
#{cid} .heading{{font-size:20px;font-weight:700;fill:#111111}}
#{cid} .sub{{font-size:13px;fill:#444444}}
#{cid} .lg-head{{font-size:13px;font-weight:700;fill:#111111}}
#{cid} .lg{{font-size:13px;fill:#222222}}
#{cid} .lg-n{{font-size:13px;fill:#222222;font-weight:700}}
#{cid} .note{{font-size:11px;fill:#555555}}
"""


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
) -> str:
    """The seat chart of ``state`` as an SVG string (see the module docstring for what it holds).

    ``needed`` draws the majority line after that many seats counted from the left; ``two_thirds`` adds
    a line at two thirds of the total membership. ``sources`` maps party ids to source URLs for the seat
    titles. Raises :class:`~whipcount.errors.ChartError` for a colour that is not one, an unknown
    layout, or a layout that cannot hold the seats. ``notes`` are printed under the legend (and read
    out in the description) before the chart's own. ``legend_beside`` puts the legend in one column to
    the right of the seats (a wide picture, for cards and slides) instead of below them.
    """
    if layout not in LAYOUTS:
        raise ChartError(f"unknown layout {layout!r} (expected one of: {', '.join(LAYOUTS)})")
    if needed is not None and not 0 < needed <= state.seats:
        raise ChartError(f"majority line: expected 1..{state.seats} seats, got {needed}")
    seats, legend = hemicycle_seats(
        state, by=by, stances=stances, sources=sources, speaker=speaker, side_order=side_order
    )
    drawn = [s for s in seats if not s.speaker]
    speaker_seat = next((s for s in seats if s.speaker), None)
    if layout == "westminster":
        # group by bench, keeping the order within each bench
        b = _benches_of(seats, state, side_order)
        on_bench = [[s for s, bb in zip(seats, b, strict=True) if bb == k and not s.speaker] for k in (0, 1, 2)]
        drawn = [s for bench in on_bench for s in bench]
        blocks = [[len(list(run)) for _, run in groupby(s.key for s in bench)] for bench in on_bench]
        reach = max(needed or 0, two_thirds_of(state.seats) if two_thirds else 0)
        pl = place(layout, blocks, rows=rows, speaker=speaker_seat is not None, reach=reach)
    else:
        pl = place(layout, [len(drawn), 0, 0], rows=rows, speaker=speaker_seat is not None)

    cid = slug(chart_id or f"hemicycle-{state.chamber.id or state.chamber.name}-{state.date.isoformat()}-{by}")
    width = max(pl.width, 620.0)
    x_off = (width - pl.width) / 2
    if legend_beside:
        x_off, width = 0.0, pl.width + 24 + stacked_width(legend) + 12
    top = (62.0 if heading else 26.0) + (16.0 if needed is not None or two_thirds else 0.0)
    body: list[str] = []
    r = pl.radius
    if heading:
        body.append(text(12, 26, title or f"{state.chamber.name}, {long_date(state.date)}", cls="heading"))
        sub = subtitle or _subtitle(state, needed, by)
        body.append(text(12, 46, sub, cls="sub"))
    body.append(f'<g class="seats" transform="translate({num(x_off)} {num(top)})">')
    centres = list(pl.centres)
    if speaker_seat is not None and pl.speaker is not None:
        drawn_all = [*drawn, speaker_seat]
        centres.append(pl.speaker)
    else:
        drawn_all = drawn
    for i, (s, (x, y)) in enumerate(zip(drawn_all, centres, strict=True), start=1):
        classes = ["seat", s.key]
        if s.vacant:
            classes.append("vacant")
        if s.speaker:
            classes.append("speaker")
        if not s.verified:
            classes.append("unverified")
        data = ""
        if s.party:
            data += f" data-party={attr(s.party)}"
        if s.side:
            data += f" data-side={attr(s.side)}"
        if s.stance:
            data += f" data-stance={attr(s.stance)}"
        body.append(
            f'<circle id="{cid}-seat-{i}" class={attr(" ".join(classes))} cx="{num(x)}" cy="{num(y)}" '
            f'r="{num(r)}" fill="{s.colour}"{data}><title>{esc(s.title)}</title></circle>'
        )
    if speaker_seat is not None and pl.speaker is not None:
        sx, sy = pl.speaker
        body.append(text(sx, sy + r + 14, "Speaker", cls="note", anchor="middle"))
    lines: list[tuple[int, str, str]] = []
    if needed is not None:
        lines.append((needed, "majority", f"{needed} {needed_label}"))
    if two_thirds:
        k = two_thirds_of(state.seats)
        lines.append((k, "two-thirds", f"two thirds: {k}"))
    placed: list[tuple[float, float]] = []
    for k, cls, label in lines:
        body.append(f'<path class="threshold {cls}" d="{pl.divider(k)}"><title>{esc(label)}</title></path>')
        lx, ly, anchor = pl.label_at(k)
        lx, anchor = _inside(lx, anchor, _text_width(label), x_off, width)
        while any(abs(lx - px) < 130 and abs(ly - py) < 15 for px, py in placed):
            ly += 16  # two labels at one place (both lines past the end of a bench): stack them
        placed.append((lx, ly))
        body.append(text(lx, ly, label, cls="tlabel", anchor=anchor))
    body.append("</g>")

    if legend_beside:
        legend_svg, legend_h = stacked_legend(legend, x_off + pl.width + 24, top + 10)
        y = max(top + pl.height + 16, top + 10 + legend_h)
    else:
        y = top + pl.height + 24
        legend_svg, legend_h = render_legend(legend, width, y, r)
        y += legend_h
    body += legend_svg
    notes = list(notes)
    if any(not s.verified for s in seats):
        notes.append("† Dashed outline: seats whose figure is not confirmed by our sources.")
    if needed is not None:
        where = "from the Speaker's end of each bench" if layout == "westminster" else "from the left"
        notes.append(f"The line marks {needed} seats counted {where}.")
    notes += colour_notes(legend)
    for line in (part for note in notes for part in textwrap.wrap(note, int((width - 24) / 6.2))):
        body.append(text(12, y + 4, line, cls="note"))
        y += 16
    height = y + 8

    style = _STYLE.format(
        cid=cid, sw=num(max(r * 0.08, 0.4)), vw=num(max(r * 0.18, 1)), uw=num(max(r * 0.14, 0.8)),
        dash=f"{num(max(r * 0.35, 1.5))} {num(max(r * 0.25, 1))}", vac=VACANT_COLOUR,
    )
    return document(
        chart_id=cid,
        kind="hemicycle",
        width=width,
        height=height,
        title=title or f"{state.chamber.name}, {long_date(state.date)}: seats by {by}",
        desc=" ".join([_describe(state, legend, needed, two_thirds, by, layout, speaker_seat), *notes]),
        style=style,
        body=body,
    )


def _text_width(label: str) -> float:
    """The width of a 13px semi-bold label, generously estimated (no font metrics in a pure SVG writer)."""
    return sum(10.0 if c.isupper() else 9.0 for c in label)


def _inside(x: float, anchor: str, w: float, x_off: float, width: float) -> tuple[float, str]:
    """Move a label of width ``w`` anchored at ``x`` (inside a group shifted by ``x_off``) into the chart."""
    left = x - {"start": 0.0, "middle": w / 2, "end": w}[anchor]
    shift = max(0.0, 4 - (x_off + left)) - max(0.0, x_off + left + w - (width - 4))
    return x + shift, anchor


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


def _subtitle(state: ChamberState, needed: int | None, by: str) -> str:
    parts = [f"{state.seats} seats"]
    if state.vacancies:
        parts.append(f"{state.vacancies} vacant")
    if needed is not None:
        parts.append(f"{needed} needed")
    parts.append("coloured by whip-count stance, not a recorded vote" if by == "stance" else f"coloured by {by}")
    return " · ".join(parts)


def _describe(
    state: ChamberState,
    legend: list[tuple[str, list[LegendEntry]]],
    needed: int | None,
    two_thirds: bool,
    by: str,
    layout: str,
    speaker: Seat | None,
) -> str:
    kind = {"arch": "Hemicycle", "westminster": "Westminster-style seat chart",
            "horseshoe": "Horseshoe seat chart"}[layout]
    groups = []
    for head, entries in legend:
        items = ", ".join(f"{e.label.rstrip(' †')} {e.count}" for e in entries)
        groups.append(f"{head}: {items}" if head else items)
    text_ = (f"{kind} of the {state.chamber.name} on {long_date(state.date)}, {state.seats} seats, "
             f"coloured by {by}. " + "; ".join(groups) + ".")
    if needed is not None:
        text_ += f" The line marks the {needed} seats needed."
    if two_thirds:
        text_ += f" A second line marks two thirds ({two_thirds_of(state.seats)})."
    if speaker is not None:
        text_ += " The Speaker's seat is drawn apart."
    return text_
