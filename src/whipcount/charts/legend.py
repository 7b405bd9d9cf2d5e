"""The legend of a seat chart: one swatch, label and count per entry, grouped by side; and the notes on
colours moved apart for colour-blind readers."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from whipcount.charts.colours import VACANT_COLOUR, edge_colour
from whipcount.charts.cvd import MIN_DELTA_E, least_apart
from whipcount.charts.partycolours import OTHERS_LABEL
from whipcount.charts.patterns import MARK_WORDS, mark_path
from whipcount.charts.svg import attr, num, text
from whipcount.charts.textwidth import text_width

__all__ = ["BESIDE_LABEL", "LegendEntry", "colour_notes", "column_legend", "flow_columns", "narrow_legend",
           "render_legend", "stacked_legend", "stacked_width"]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A legend line: a swatch, a label and the number of seats it stands for."""

    key: str
    label: str
    colour: str
    count: int
    group: str = ""
    vacant: bool = False
    verified: bool = True
    adjusted_from: str | None = None
    too_close_to: str | None = None
    too_pale: bool = False  # adjusted_from was too close to the white ground, not to another party's colour
    members: tuple[str, ...] = ()  # the parties an "Others" entry stands for
    mark: str | None = None  # the mark in its seats (whipcount.charts.patterns), where its colour is not enough


def colour_notes(legend: Sequence[tuple[str, Sequence[LegendEntry]]], *, short: bool = False) -> list[str]:
    """The chart notes on colours changed for colour-blind readers, and on those still too close (``short``:
    in one sentence that counts them instead of naming them)."""
    entries = {e.key: e for _, group in legend for e in group}
    if short:
        return _short_colour_note(legend)
    # the colour of parties drawn together is the chart's own, not a party's: its moves go unsaid
    moved = [f"{e.label.rstrip(' †')} {e.adjusted_from} → {e.colour}" for e in entries.values()
             if e.adjusted_from and not e.too_close_to and not e.members and not e.too_pale]
    pale = [f"{e.label.rstrip(' †')} {e.adjusted_from} → {e.colour}" for e in entries.values()
            if e.adjusted_from and not e.too_close_to and not e.members and e.too_pale]
    close = _close_pairs(list(entries.values()))
    many = [e for _, group in legend for e in group if e.members]
    grouped = sorted({m for e in many for m in e.members})
    notes = []
    if len(grouped) > 1:
        notes.append(f"{many[0].label}: {', '.join(grouped)}, parties with few seats drawn in one colour, as no "
                     "colour near their own could be told apart from the rest of the chart.")
    elif grouped:
        notes.append(f"{grouped[0]} is drawn in a neutral colour, as no colour near its own could be told apart "
                     "from the rest of the chart.")
    if moved:
        notes.append("Colours adjusted so colour-blind readers can tell parties apart: " + "; ".join(moved) + ".")
    if pale:
        notes.append("Colours too pale to tell from the white ground (or an empty seat) darkened: "
                     + "; ".join(pale) + ".")
    if close:
        notes.append("Warning: hard to tell apart for colour-blind readers: " + "; ".join(close) + ".")
    if marked := [f"{e.label.rstrip(' †')} {MARK_WORDS[e.mark]}" for e in entries.values() if e.mark]:
        notes.append("So that no party is told by colour alone, these carry a mark in their seats and in the "
                     "legend: " + "; ".join(marked) + ".")
    return notes


def _close_pairs(entries: Sequence[LegendEntry]) -> list[str]:
    """"A and B" for each entry whose colour could not be separated (``too_close_to``) and each colour drawn
    with it that some reader may not tell from it (under :data:`~whipcount.charts.cvd.MIN_DELTA_E` for some
    vision): the one the search named first, then the others, closest first. A colour close to three others
    had been said close to one."""
    said: list[str] = []
    pairs: set[frozenset[str]] = set()

    def name(e: LegendEntry) -> str:
        return e.label.rstrip(" †")

    close = [(e, e.too_close_to) for e in entries if e.too_close_to]
    drawn = [o for o in entries if not o.vacant]
    apart = least_apart([e.colour for e, _ in close], [o.colour for o in drawn]).tolist()  # every pair at once
    for (e, first), row in zip(close, apart, strict=True):
        near = sorted((d, name(o)) for d, o in zip(row, drawn, strict=True) if o.colour.lower() != e.colour.lower())
        partners = [first, *(n for d, n in near if d < MIN_DELTA_E)]
        for partner in dict.fromkeys(partners):
            if (pair := frozenset((name(e), partner))) not in pairs and len(pair) == 2:
                pairs.add(pair)
                said.append(f"{name(e)} and {partner}")
    return said


def _short_colour_note(legend: Sequence[tuple[str, Sequence[LegendEntry]]]) -> list[str]:
    entries = {e.key: e for _, group in legend for e in group}
    moved = sum(1 for e in entries.values() if e.adjusted_from and not e.too_close_to and not e.members)
    close = sum(1 for e in entries.values() if e.too_close_to)
    grouped = sorted({m for _, group in legend for e in group for m in e.members})
    lead = [f"{OTHERS_LABEL}: {', '.join(grouped)}, drawn in one colour"] if len(grouped) > 1 else []
    said = lead + ([f"colours of {moved} parties adjusted so colour-blind readers can tell them apart"]
                   if moved else [])
    said += [f"{close} parties hard to tell apart from another for colour-blind readers"] if close else []
    return ["; ".join(said)[:1].upper() + "; ".join(said)[1:] + "."] if said else []


#: The widest a legend label is set before it wraps when the legend sits beside the seats (the social card).
BESIDE_LABEL = 260.0
_COUNT = 40.0  # room for a count (four digits) and the gap before it
_LINE = 16.0  # a wrapped label's further lines


def render_legend(
    legend: list[tuple[str, list[LegendEntry]]], width: float, y0: float, r: float
) -> tuple[list[str], float]:
    """The legend under the seats: one column per group, or, in a legend not grouped by side (by stance or
    side, whose first group has no heading), entries in rows, each further group (the vacant seats) under
    its heading. A label longer than its column has room for wraps onto further lines, so it never runs
    into the next column, its count or out of the picture."""
    out = ['<g class="legend">']
    ncols = len(legend)
    if not legend or not legend[0][0]:
        per_row = max(1, int((width - 24) // 150))
        col_w = (width - 24) / per_row
        room = col_w - 20 - _COUNT
        y = y0
        for head, entries in legend:
            if head:
                out.append(text(12, y + 2, head, cls="lg-head"))
                y += 24
            for start in range(0, len(entries), per_row):
                row = entries[start:start + per_row]
                tallest = max(len(_label_lines(e, room)) for e in row)
                for col, e in enumerate(row):
                    count_x = 20 + min(_label_width([e]), room) + 6
                    out += _legend_entry(e, 12 + col * col_w, y, count_x, _label_lines(e, room))
                y += 24 + (tallest - 1) * _LINE
        out.append("</g>")
        return out, y - y0 + 6
    col_w = (width - 24) / ncols
    height = 0.0
    for c, (head, entries) in enumerate(legend):
        x = 12 + c * col_w
        yy = y0
        if head:
            out.append(text(x, yy, head, cls="lg-head"))
        yy += 22
        room = col_w - 20 - _COUNT - 8
        count_x = 20 + min(_label_width(entries), room) + 8
        for e in entries:
            lines = _label_lines(e, room)
            out += _legend_entry(e, x, yy, count_x, lines)
            yy += 22 + (len(lines) - 1) * _LINE
        height = max(height, yy - y0)
    out.append("</g>")
    return out, height + 4


def narrow_legend(legend: list[tuple[str, list[LegendEntry]]], width: float, y0: float) -> tuple[list[str], float]:
    """The legend of a narrow chart: entries in rows of two when ungrouped, groups side by side when their
    columns fit (their entries and their bold headings, 'Opposition 162'), else groups one under another."""
    if not legend or not legend[0][0]:
        if 20 + _label_width([e for _, group in legend for e in group]) + 6 + 36 <= (width - 24) / 2:
            return render_legend(legend, width, y0, 0.0)
    elif max(max(20 + _label_width(entries) + 8 + 30, text_width(head, 13, bold=True) + 12)
             for head, entries in legend) * len(legend) <= width - 24:
        return render_legend(legend, width, y0, 0.0)
    return stacked_legend(legend, 12.0, y0, room=width - 24)


def stacked_width(legend: list[tuple[str, list[LegendEntry]]]) -> float:
    """The width of the legend in one column: its entries (swatch, label up to :data:`BESIDE_LABEL`, count)
    or its widest bold heading ("Government 101"), whichever is wider."""
    entries = [e for _, group in legend for e in group]
    heads = max((text_width(head, 13, bold=True) for head, _ in legend if head), default=0.0)
    return max(20 + min(_label_width(entries), BESIDE_LABEL) + 8 + 40, heads)


def stacked_legend(legend: list[tuple[str, list[LegendEntry]]], x: float, y0: float, *,
                   room: float | None = None) -> tuple[list[str], float]:
    """Every legend group in one column, one under the other, ``room`` wide (default: as wide as
    :func:`stacked_width`); longer labels wrap."""
    out = ['<g class="legend">']
    entries = [e for _, group in legend for e in group]
    label_room = (room - 20 - _COUNT - 8) if room is not None else BESIDE_LABEL
    count_x = 20 + min(_label_width(entries), label_room) + 8
    y = y0
    for head, group in legend:
        if head:
            out.append(text(x, y, head, cls="lg-head"))
            y += 22
        for e in group:
            lines = _label_lines(e, label_room)
            out += _legend_entry(e, x, y, count_x, lines)
            y += 20 + (len(lines) - 1) * _LINE
        y += 8
    out.append("</g>")
    return out, y - y0


#: The gap between two columns of a legend laid out in columns beside the seats.
COLUMN_GAP = 16.0
_Item = tuple[str, LegendEntry | None, list[str], float]  # a heading or an entry, its lines and the height it takes


def flow_columns(legend: list[tuple[str, list[LegendEntry]]], height: float) -> list[list[_Item]]:
    """The legend's headings and entries (in :func:`stacked_legend`'s spacing) flowed into as many columns no
    taller than ``height`` as they need, a heading never left at the foot of a column without its first entry."""
    items: list[_Item] = []
    for head, group in legend:
        if head:
            items.append((head, None, [], 22.0))
        for e in group:
            lines = _label_lines(e, BESIDE_LABEL)
            items.append(("", e, lines, 20.0 + (len(lines) - 1) * _LINE))
        items.append(("", None, [], 8.0))  # the gap after a group
    columns: list[list[_Item]] = [[]]
    used = 0.0
    for i, item in enumerate(items):
        need = item[3] + (items[i + 1][3] if item[0] and i + 1 < len(items) else 0.0)
        if item[1] is None and not item[0] and not columns[-1]:
            continue  # a column does not start with a gap
        if used + need > height and any(it[1] is not None for it in columns[-1]):
            columns.append([])
            used = 0.0
            if item[1] is None and not item[0]:
                continue
        columns[-1].append(item)
        used += item[3]
    return columns


def column_legend(columns: list[list[_Item]], x: float, y0: float, width: float) -> tuple[list[str], float]:
    """The columns of :func:`flow_columns` drawn side by side from ``x``, each ``width`` wide (a
    :func:`stacked_width`), :data:`COLUMN_GAP` apart; and the height of the tallest."""
    out = ['<g class="legend">']
    entries = [it[1] for col in columns for it in col if it[1] is not None]
    count_x = 20 + min(_label_width(entries), BESIDE_LABEL) + 8
    tallest = 0.0
    for c, column in enumerate(columns):
        cx, y = x + c * (width + COLUMN_GAP), y0
        for head, e, lines, h in column:
            if head:
                out.append(text(cx, y, head, cls="lg-head"))
            elif e is not None:
                out += _legend_entry(e, cx, y, count_x, lines)
            y += h
        tallest = max(tallest, y - y0)
    out.append("</g>")
    return out, tallest


def _label_width(entries: Sequence[LegendEntry]) -> float:
    return max((_width(e.label) for e in entries), default=0.0)


def _width(label: str) -> float:
    """The width of a legend label: 13 units in both variants (``Sizes.legend``)."""
    return text_width(label, 13)


def _label_lines(e: LegendEntry, room: float) -> list[str]:
    """The entry's label on as many lines as it needs to fit ``room`` units (at the legend's estimate)."""
    if _width(e.label) <= room:
        return [e.label]
    words, lines = e.label.split(), [""]
    for word in words:
        joined = f"{lines[-1]} {word}".strip()
        if _width(joined) <= room or not lines[-1]:
            lines[-1] = joined
        else:
            lines.append(word)
    return [part for line in lines for part in _broken(line, room)]


def _broken(line: str, room: float) -> list[str]:
    """``line`` as it is if it fits ``room``, else cut between characters where it reaches it: a name written
    without spaces (Chinese, Japanese: '自由民主党・無所属の会') breaks between any two of its characters."""
    out = [""]
    for c in line:
        if out[-1] and _width(out[-1] + c) > room:
            out.append("")
        out[-1] += c
    return out


def right_to_left(label: str) -> bool:
    """True when ``label`` reads from right to left: its first letter of strong direction is Hebrew, Arabic
    or another right-to-left script (the Unicode bidirectional class R or AL)."""
    for c in label:
        kind = unicodedata.bidirectional(c)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _label_marks(x: float, y: float, lines: Sequence[str]) -> list[str]:
    """A label's lines from ``x``; a right-to-left label on more than one line set flush right, each line
    ending where its longest does, as it is read."""
    if len(lines) > 1 and right_to_left(" ".join(lines)):
        right = x + max(_width(line) for line in lines)
        return [text(right, y + i * _LINE, line, cls="lg", anchor="end") for i, line in enumerate(lines)]
    return [text(x, y + i * _LINE, line, cls="lg") for i, line in enumerate(lines)]


def _legend_entry(e: LegendEntry, x: float, y: float, count_x: float, lines: Sequence[str]) -> list[str]:
    if e.vacant:
        sw = f'<circle cx="{num(x + 7)}" cy="{num(y - 5)}" r="6.5" fill="#ffffff" stroke="{VACANT_COLOUR}" ' \
             f'stroke-width="1.6" stroke-dasharray="2.5 1.5"/>'
    else:
        edge = edge_colour(e.colour)
        dash = (' stroke="#222222" stroke-width="1.4" stroke-dasharray="2.5 1.5"' if not e.verified
                else f' stroke="{edge}" stroke-width="1.4"' if edge else "")
        sw = f'<circle cx="{num(x + 7)}" cy="{num(y - 5)}" r="7" fill="{e.colour}"{dash}/>'
        sw += mark_path(e.mark, x + 7, y - 5, 7, e.colour) if e.mark else ""
    return [
        f'<g class="legend-entry" data-key={attr(e.key)} data-count="{e.count}">',
        sw,
        *_label_marks(x + 20, y, lines),
        text(x + count_x, y, str(e.count), cls="lg-n"),
        "</g>",
    ]
