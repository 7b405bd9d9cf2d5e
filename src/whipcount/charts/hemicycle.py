"""The chamber as a seat chart: one disc per seat, coloured by party, side or whip-count stance.

:func:`render_hemicycle` turns a :class:`~whipcount.model.ChamberState` into an SVG string (no file I/O)
that a graphics desk can publish as it is:

- responsive: a ``viewBox`` and no fixed width or height; drawn for the width it is shown at
  (``width=``: under 560 pixels, the narrow variant for phones, see :mod:`whipcount.charts.seatstyle`);
- one ``<circle class="seat ...">`` per seat with an id and a ``<title>`` (member or party, side, stance,
  source), vacant seats drawn as outlines (class ``vacant``), the Speaker's seat apart (class ``speaker``);
- a legend with the count of every entry, the majority line (and the two-thirds line on request);
- ``role="img"``, ``aria-labelledby`` and a ``<desc>`` that says in words what the picture shows;
- a credit line at its foot naming the outlets the figures come from (:mod:`whipcount.charts.credit`).

Seats are ordered so that blocs stay together: by default the opposition from the left, then the other
sides, then the government, then the vacant seats; in ``by="stance"`` mode from *yes* to *absent*. The
majority line separates the first ``needed`` seats counted from the left, so a bloc on the left that
crosses it has the votes.

Whip-count stances come in as plain data (:class:`StanceBlock`): charts sit beside ``whipcount.tally``
in the layers and do not import it; the caller (the report, the command line) converts.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import groupby

from whipcount.charts.card import CardFitWarning, CardMeasure, card_box, plan_card
from whipcount.charts.colours import (
    edge_colour,
)
from whipcount.charts.credit import credit_marks, credit_text, outlets
from whipcount.charts.describe import describe, long_date, seats_text, two_thirds_of
from whipcount.charts.describe import subtitle as _subtitle
from whipcount.charts.geometry import LAYOUTS, Placement, place
from whipcount.charts.legend import (
    LegendEntry,
    colour_notes,
    column_legend,
    flow_columns,
    narrow_legend,
    render_legend,
    stacked_width,
)
from whipcount.charts.marks import seat_marks, threshold_marks
from whipcount.charts.partycolours import OTHERS_COLOUR, ColourPlan
from whipcount.charts.patterns import marked_legend, pattern_marks
from whipcount.charts.seating import BY, Seat, Speaker, StanceBlock, hemicycle_seats, ordered_sides
from whipcount.charts.seatstyle import Sizes, seat_style, sizes_for, wrap
from whipcount.charts.svg import document, scale_num, slug, text
from whipcount.errors import ChartError
from whipcount.model import ChamberState
from whipcount.model.arguments import check_count, check_instance, check_option, check_real

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

@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart as a value: ``.svg`` is the markup; Jupyter shows it as a picture."""

    svg: str
    kind: str = "chart"

    def _repr_svg_(self) -> str:
        return self.svg

    def __repr__(self) -> str:
        # one line, not the markup (tens of thousands of characters in a notebook): str() and .svg give it
        return f"Chart(kind={self.kind!r}, svg=<{len(self.svg):,} characters of SVG; str(chart) gives them>)"

    def __str__(self) -> str:
        return self.svg


def render_hemicycle(
    state: ChamberState, *, by: str = "party", layout: str = "arch", needed: int | None = None,
    needed_label: str = "to pass", two_thirds: bool = False, stances: Sequence[StanceBlock] | None = None,
    sources: Mapping[str, Sequence[str]] | None = None, speaker: Speaker | None = None, title: str | None = None,
    subtitle: str | None = None, rows: int | None = None, chart_id: str | None = None,
    side_order: Sequence[str] | None = None, heading: bool = True, legend_beside: bool = False,
    notes: Sequence[str] = (), width: float | None = None, describedby: str | None = None,
    colours: ColourPlan | None = None, credit: Sequence[str] | None = None, votes_recorded: str = "all",
) -> str:
    """The seat chart of ``state`` as an SVG string (see the module docstring for what it holds).

    ``needed`` draws the majority line after that many seats counted from the left; ``two_thirds`` adds
    a line at two thirds of the total membership. ``sources`` maps party ids to source URLs for the seat
    titles. Raises :class:`~whipcount.errors.ChartError` for a colour that is not one, an unknown
    layout, or a layout that cannot hold the seats. ``notes`` are printed under the legend (and read
    out in the description) before the chart's own. ``legend_beside`` lays the chart out for the social card
    (:mod:`whipcount.charts.card`): the legend in columns to the right of the seats, and the picture within
    the size the card shows with no text under 10 pixels (warning with a :class:`CardFitWarning` when that
    leaves something out). ``width`` is
    the width in CSS pixels the chart will be shown at: under 560 the chart is laid out for it (the
    narrow variant: every text 13 units or more at that width; see :mod:`whipcount.charts.seatstyle`).
    ``describedby`` is the id of an element in the page that describes the chart further (a table).
    ``colours`` gives the parties' colours (:mod:`whipcount.charts.partycolours`; default: a plan for
    ``state`` alone). ``credit`` names the outlets of the credit line (default: those of the chamber's
    sources; none: "Source: not given"). ``votes_recorded``: the motion's, so that where only the votes for it
    are recorded (``yes-only``) the legend and the seats' titles say "Not for", never "No".
    """
    needed = _check_request(state, layout, needed, width)
    seats, legend = hemicycle_seats(state, by=by, stances=stances, sources=sources, speaker=speaker,
                                    side_order=side_order, colours=colours, votes_recorded=votes_recorded)
    drawn, speaker_seat, pl = _placed(seats, state, layout, rows, side_order, needed, two_thirds)
    sizes = sizes_for(width)
    cid = slug(chart_id or f"hemicycle-{state.chamber.id or state.chamber.name}-{state.date.isoformat()}"
                          f"-{layout}-{by}" + ("-narrow" if sizes.narrow else ""))
    beside = legend_beside and not sizes.narrow
    head = title or f"{state.chamber.name}, {long_date(state.date)}"
    sub = subtitle or _subtitle(state, needed, by)
    names = outlets(state.chamber.sources) if credit is None else credit
    headroom = _headroom(needed, two_thirds, sizes)
    card = None
    if beside:  # laid out for the social card: see whipcount.charts.card
        card = plan_card(legend, CardMeasure(
            (pl.width, pl.height), headroom, lambda w: _heading(head, sub, w, sizes)[1] if heading else 26.0,
            lambda ns, w: _foot(list(ns), names, 0.0, w, sizes)[1],
            lambda lg, short: _notes(list(notes), seats, lg, needed, layout, short=short)), card_box(sizes.note))
        if (said := card.warning()) is not None:
            warnings.warn(CardFitWarning(said), stacklevel=2)
        drawn = [replace(s, colour=OTHERS_COLOUR) if s.key in card.merged_keys else s for s in drawn]
        legend = card.legend
    # where colour alone is not enough; the card's "N others" draw their parties' seats, not seats of their own
    patterns = pattern_marks(legend, {s.key for s in drawn}) if by == "party" else {}
    legend = marked_legend(legend, patterns)
    width_, k, x_off = (card.width, card.k, 0.0) if card else _frame(pl, sizes, width)
    k = float(scale_num(k))  # laid out at the scale the picture writes
    body, y = _heading(head, sub, width_, sizes) if heading else ([], 26.0)
    lines, headroom = _lines(state, pl, (needed, needed_label, two_thirds), (x_off, y, k, width_), headroom)
    top = y + headroom
    body += seat_marks(cid, drawn, speaker_seat, pl, x_off, top, k, speaker.role if speaker else "Speaker",
                       label_size=sizes.note, right=width_, patterns=patterns)
    body += lines
    if card:
        legend_svg, h = column_legend(flow_columns(legend, card.legend_height), pl.width * k + 24, top + 10,
                                      stacked_width(legend))
        y = max(top + pl.height * k + 16, top + 10 + h)
        notes = card.notes
    else:
        legend_svg, y = _legend_placed(legend, pl, (x_off, top, k), width_, sizes)
        notes = _notes(list(notes), seats, legend, needed, layout)
    foot, y = _foot(notes, names, y, width_, sizes)
    body += legend_svg + foot
    edges = {c: e for c in {s.colour for s in drawn if not s.vacant} if (e := edge_colour(c))}
    desc = [describe(state, legend, two_thirds, by, layout, speaker_seat is not None),
            *(card.read_out() if card else notes), credit_text(names)]
    return document(
        chart_id=cid, kind="hemicycle" + (" narrow" if sizes.narrow else ""), width=width_, height=y + 4,
        title=title or f"{state.chamber.name}, {long_date(state.date)}: seats by {by}", desc=" ".join(desc),
        style=seat_style(cid, pl.radius, sizes, edges, k, px=k * (width / width_ if width else 1.0)),
        body=body, describedby=describedby,
    )


def _headroom(needed: int | None, two_thirds: bool, sizes: Sizes) -> float:
    """The room above the seats for the lines' labels: for one on a desktop picture, for each on a phone."""
    lines = (needed is not None) + two_thirds
    return 16.0 * (lines if sizes.narrow else min(lines, 1))


def _lines(state: ChamberState, pl: Placement, what: tuple[int | None, str, bool],
           frame: tuple[float, float, float, float], headroom: float) -> tuple[list[str], float]:
    """The lines and their labels over the seats drawn under a heading ending at ``frame``'s y, and the room
    above the seats they need: ``headroom``, or as much more, a label's line at a time, as lets every label
    lie off the seats (seats shrunk into a phone's width leave no gap a 13-unit label fits in)."""
    needed, label, two_thirds = what
    x_off, y, k, width = frame
    lines = (needed is not None) + two_thirds
    for more in range(lines + 1):
        room = headroom + 16.0 * more
        marks, off_seats = threshold_marks(state, pl, needed, label, two_thirds, x_off, y + room, k, width,
                                           headroom=room)
        if off_seats:
            break
    return marks, room


def _legend_placed(legend: list[tuple[str, list[LegendEntry]]], pl: Placement, at: tuple[float, float, float],
                   width: float, sizes: Sizes) -> tuple[list[str], float]:
    """The legend under the seats (``at``: the seats' left edge, top and scale), and the y under it."""
    x_off, top, k = at
    y = top + pl.height * k + 24
    svg, height = narrow_legend(legend, width, y) if sizes.narrow else render_legend(legend, width, y, pl.radius)
    return svg, y + height


def _foot(notes: list[str], names: Sequence[str], y: float, width: float, sizes: Sizes) -> tuple[list[str], float]:
    """The notes, wrapped, and the credit line naming the outlets from ``y`` down, and the y under them."""
    out = []
    for line in (part for note in notes for part in wrap(note, width - 24, sizes.note)):
        out.append(text(12, y + 4, line, cls="note"))
        y += sizes.note + 5
    marks, y = credit_marks(names, 12, y + 8, width - 24, sizes.note)
    return out + marks, y


def _check_request(state: ChamberState, layout: str, needed: int | None, width: float | None) -> int | None:
    """``needed`` as the int it is, once the request is known to be one a chart can draw."""
    check_instance(state, ChamberState, "state", "scenario.state(date) makes one; hemicycle(scenario) draws a scenario")
    if needed is not None:
        needed = check_count(needed, "needed")
    if width is not None:
        check_real(width, "width")
    check_option(layout, LAYOUTS, "layout", ChartError)
    if needed is not None and not 0 < needed <= state.seats:
        raise ChartError(f"majority line: expected 1..{state.seats} seats, got {needed}")
    if width is not None and not 240 <= width <= 4000:
        raise ChartError(f"width: expected 240 to 4000 pixels, got {width:g}")
    return needed


def _frame(pl: Placement, sizes: Sizes, width: float | None) -> tuple[float, float, float]:
    """The picture's width, the scale of the seats in it and their left edge: at least 620 units wide with
    the seats centred; a narrow chart is as wide as it is shown, the seats scaled down to fit."""
    if sizes.narrow:
        assert width is not None
        k = min(1.0, (width - 24) / pl.width)
        return width, k, (width - pl.width * k) / 2
    width_ = max(pl.width, 620.0)
    return width_, 1.0, (width_ - pl.width) / 2


def _heading(head: str, sub: str, width: float, sizes: Sizes) -> tuple[list[str], float]:
    """The title and subtitle lines (wrapped to the width: a chamber's name can be long), and the height
    they take."""
    body: list[str] = []
    y = 0.0
    for line in wrap(head, width - 24, sizes.heading, bold=True):
        y += sizes.heading + 6
        body.append(text(12, y, line, cls="heading"))
    for line in wrap(sub, width - 24, sizes.sub):
        y += sizes.sub + 7
        body.append(text(12, y, line, cls="sub"))
    return body, y + 16


def _placed(
    seats: list[Seat], state: ChamberState, layout: str, rows: int | None, side_order: Sequence[str] | None,
    needed: int | None, two_thirds: bool,
) -> tuple[list[Seat], Seat | None, Placement]:
    """The seats in the order they are drawn (the Speaker's apart) and where they go."""
    drawn = [s for s in seats if not s.speaker]
    speaker_seat = next((s for s in seats if s.speaker), None)
    if speaker_seat is not None and not drawn:
        raise ChartError("speaker: the Speaker's seat is the chamber's only one, so no seat is "
                         "left for the benches; expected a chamber of 2 seats or more, or no Speaker")
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
           layout: str, *, short: bool = False) -> list[str]:
    if any(not s.verified for s in seats):
        notes.append("† Dashed outline: seats whose figure is not confirmed by our sources.")
    if needed is not None:
        where = "from the Speaker's end of each bench" if layout == "westminster" else "from the left"
        notes.append(f"The line marks the {seats_text(needed)} needed, counted {where}.")
    return notes + colour_notes(legend, short=short)


def _benches_of(seats: list[Seat], state: ChamberState, side_order: Sequence[str] | None) -> list[int]:
    sides = ordered_sides(state, side_order)
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
