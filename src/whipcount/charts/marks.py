"""The marks of a seat chart: one disc per seat, the majority and two-thirds lines and their labels.

Seats come in as anything with the attributes of :class:`whipcount.charts.hemicycle.Seat` (a protocol
here, so that this module does not import the one that builds seats), placed by
:mod:`whipcount.charts.geometry`, shifted and scaled into the picture.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from itertools import groupby
from typing import Protocol

import numpy as np
import numpy.typing as npt

from whipcount.charts.colours import edge_colour
from whipcount.charts.describe import two_thirds_of
from whipcount.charts.geometry import Placement
from whipcount.charts.patterns import mark_path
from whipcount.charts.seatstyle import edge_class
from whipcount.charts.svg import attr, esc, isolate_rtl, num, scale_num, text
from whipcount.charts.textwidth import text_width
from whipcount.model import ChamberState

__all__ = ["SeatLike", "seat_marks", "threshold_marks"]


class SeatLike(Protocol):
    """What drawing a seat needs to know of it."""

    @property
    def key(self) -> str: ...
    @property
    def colour(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def party(self) -> str | None: ...
    @property
    def side(self) -> str | None: ...
    @property
    def stance(self) -> str | None: ...
    @property
    def vacant(self) -> bool: ...
    @property
    def speaker(self) -> bool: ...
    @property
    def verified(self) -> bool: ...


def seat_marks(
    cid: str, drawn: Sequence[SeatLike], speaker_seat: SeatLike | None, pl: Placement,
    x_off: float, top: float, k: float, speaker_label: str = "Speaker", *, label_size: float = 11.0,
    right: float | None = None, patterns: Mapping[str, str] | None = None,
) -> list[str]:
    """The seats in a group shifted to (``x_off``, ``top``) and scaled by ``k``: one circle per seat, the
    seats of a party (or stance) in one group of their own that carries what they share (fill, data and,
    when every seat says the same, the tooltip), so the file stays small and each party is one object to
    select in a drawing program. The Speaker's seat is named beside it (``label_size`` units, inside a
    picture ``right`` units wide) where the name covers no seat: see :func:`_speaker_label`. ``patterns`` maps
    seat keys to the mark drawn in each of their seats (:mod:`whipcount.charts.patterns`)."""
    scale = f" scale({scale_num(k)})" if k != 1 else ""
    body = [f'<g class="seats" transform="translate({num(x_off)} {num(top)}){scale}">']
    centres = list(pl.centres)
    drawn_all = list(drawn)
    if speaker_seat is not None and pl.speaker is not None:
        drawn_all.append(speaker_seat)
        centres.append(pl.speaker)
    placed = list(zip(drawn_all, centres, strict=True))
    edges: dict[str, str | None] = {}
    i = 0
    for _, run in groupby(placed, key=lambda sc: _shared(sc[0])):
        block = list(run)
        titles = [s.title for s, _ in block]
        usual = max(dict.fromkeys(titles), key=titles.count)  # a tie goes to the first, whatever the hash seed
        # None: every seat has its own (named members); a title of one seat given to its block instead is
        # still that seat's alone (it leaves its own out), so a reader hovering sees the same
        common = usual if titles.count(usual) > 1 else None  # equivalent mutant "> -> >=": above
        body.append(_block_open(block[0][0], common))
        for s, (x, y) in block:
            i += 1
            body.append(_circle(f"{cid}-seat-{i}", s, x, y, pl.radius, edges, None if s.title == common else s.title))
            if patterns and s.key in patterns and not s.vacant:
                body.append(mark_path(patterns[s.key], x, y, pl.radius, s.colour))
        body.append("</g>")
    body.append("</g>")
    if speaker_seat is not None and pl.speaker is not None:
        shown = [(x_off + k * x, top + k * y) for x, y in pl.centres]
        seat = (x_off + k * pl.speaker[0], top + k * pl.speaker[1])
        body.append(_speaker_label(speaker_label, seat, shown, k * pl.radius, label_size, right))
    return body


def _speaker_label(label: str, seat: tuple[float, float], seats: Sequence[tuple[float, float]], r: float,
                   size: float, right: float | None) -> str:
    """The Speaker's seat named below it, else to its right, its left or above it: the first place where
    the name stays in the picture and covers no seat (on a phone's benches the seats are scaled down and
    the name is not, so below the Speaker it would lie on the lower bench and out of the picture's left
    edge), else the place that covers the fewest seats, shifted into the picture. Beside the seat the name's
    box (cap height to descender) is centred on the seat's height, so it fits between the front benches
    wherever the aisle is as tall as the name."""
    cx, cy = seat
    w = text_width(label, size)
    level = cy + (0.75 - 0.2) / 2 * size  # the baseline that centres the box on the seat
    places = [(cx, cy + r + 14, "middle"), (cx + r + 4, level, "start"),
              (cx - r - 4, level, "end"), (cx, cy - r - 4, "middle")]

    def box(x: float, y: float, anchor: str) -> tuple[float, float, float, float]:
        x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        return x0, y - 0.75 * size, x0 + w, y + 0.2 * size

    def covered(b: tuple[float, float, float, float]) -> int:
        return sum(1 for sx, sy in seats
                   if math.hypot(sx - min(max(sx, b[0]), b[2]), sy - min(max(sy, b[1]), b[3])) < r)

    def inside(b: tuple[float, float, float, float]) -> bool:
        return b[0] >= 2 and (right is None or b[2] <= right - 2)

    scored = [(covered(box(*p)) + (0 if inside(box(*p)) else len(seats) + 1), i) for i, p in enumerate(places)]
    x, y, anchor = places[min(scored)[1]]
    x0, _, x1, _ = box(x, y, anchor)
    x += max(0.0, 2 - x0) - (max(0.0, x1 - (right - 2)) if right is not None else 0.0)
    return text(x, y, label, cls="note", anchor=anchor)


def _shared(s: SeatLike) -> tuple[str, str, str | None, str | None, str | None, bool]:
    """What the seats of one block have in common (the Speaker's seat is a block of its own)."""
    return s.key, s.colour, s.party, s.side, s.stance, s.speaker


def _block_open(s: SeatLike, title: str | None) -> str:
    data = "".join(f" data-{name}={attr(value)}" for name, value in
                   (("party", s.party), ("side", s.side), ("stance", s.stance)) if value)
    head = f'<g class={attr("block " + s.key)} fill="{s.colour}"{data}>'
    return head + (f"<title>{esc(isolate_rtl(title))}</title>" if title is not None else "")


def _circle(id_: str, s: SeatLike, x: float, y: float, r: float, edges: dict[str, str | None],
            title: str | None) -> str:
    classes = ["seat", s.key]
    if s.colour not in edges:
        edges[s.colour] = edge_colour(s.colour)
    if s.vacant:
        classes.append("vacant")
    elif edge := edges[s.colour]:
        classes.append(edge_class(edge))
    if s.speaker:
        classes.append("speaker")
    if not s.verified:
        classes.append("unverified")
    own = f"<title>{esc(isolate_rtl(title))}</title></circle>" if title is not None else "/>"
    head = f'<circle id="{id_}" class={attr(" ".join(classes))} cx="{num(x)}" cy="{num(y)}" r="{num(r)}"'
    return head + (">" + own if title is not None else own)


def threshold_marks(
    state: ChamberState, pl: Placement, needed: int | None, needed_label: str, two_thirds: bool,
    x_off: float, top: float, k: float, width: float, *, headroom: float = 16.0,
) -> tuple[list[str], bool]:
    """The majority (and two-thirds) lines among the seats, and their labels kept inside the picture, off
    the seats and off each other (``headroom``: the room left for them above the seats); and whether every
    label found a place off the seats (where none did, the chart needs more room above them)."""
    lines: list[tuple[int, str, str]] = []
    if needed is not None:
        lines.append((needed, "majority", f"{needed} {needed_label}"))
    if two_thirds:
        n = two_thirds_of(state.seats)
        lines.append((n, "two-thirds", f"two thirds: {n}"))
    scale = f" scale({scale_num(k)})" if k != 1 else ""
    paths = [f'<g class="thresholds" transform="translate({num(x_off)} {num(top)}){scale}">']
    r = k * pl.radius
    drawn = [pl.divider(n) for n, _, _ in lines]
    # what a label must not cover: every seat, and the lines (a stroke and a margin wide)
    seat_marks_ = [(x_off + k * x, top + k * y, r) for x, y in pl.centres]
    band = (top - headroom + 4, top + k * pl.height + 10)
    line_marks = [[(x_off + k * x, top + k * y, 2.5) for x, y in _path_points(d)] for d in drawn]
    paths += [f'<path class="threshold {cls}" d="{d}"><title>{esc(label)}</title></path>'
              for (_, cls, label), d in zip(lines, drawn, strict=True)]
    spots = [pl.label_at(n) for n, _, _ in lines]
    frame = (x_off, top, k, width)
    # clear of its own line too (the arch's ends under its label); where that leaves a label no clear
    # place (two labels in a phone's aisle), as before: off the seats and the other line
    labels, level = _labels(lines, spots, line_marks, seat_marks_, frame, band, own=True)
    if level < _CLEAR:
        labels, level = _labels(lines, spots, line_marks, seat_marks_, frame, band, own=False)
    paths.append("</g>")
    return ([*paths, *labels] if lines else []), level >= _OFF_SEATS


_CLEAR, _OFF_SEATS, _NOWHERE = 2, 1, 0
"""How clear a label's place is: of everything it avoids, of the seats alone, or of nothing (none found)."""


def _labels(lines: Sequence[tuple[int, str, str]], spots: Sequence[tuple[float, float, str]],
            line_marks: Sequence[list[tuple[float, float, float]]], seat_marks_: list[tuple[float, float, float]],
            frame: tuple[float, float, float, float], band: tuple[float, float], *,
            own: bool) -> tuple[list[str], int]:
    """The lines' labels, each at its clear spot (:func:`_clear_spot`), off its own line too when ``own``;
    and how clear the least clear of their places is (:data:`_CLEAR`, :data:`_OFF_SEATS` or :data:`_NOWHERE`)."""
    x_off, top, k, width = frame
    labels: list[str] = []
    placed: list[tuple[float, float, float, float]] = []
    level = _CLEAR
    for i, ((_, _, label), (lx, ly, anchor)) in enumerate(zip(lines, spots, strict=True)):
        others = seat_marks_ + [m for j, other in enumerate(line_marks) if j != i for m in other]
        marks = np.array(others + (line_marks[i] if own else []))
        w = _text_width(label)
        sides = [_inside(x_off + k * lx, anchor, w, 0.0, width)]
        flip = {"start": "end", "end": "start"}.get(anchor)
        if flip:  # the other side of the line, as far from it
            sides.append(_inside(x_off + k * lx + (12 if flip == "start" else -12), flip, w, 0.0, width))
        else:  # over the end of the line, else beside it (where the end reaches into the room for the label)
            sides += [_inside(x_off + k * lx + dx, a, w, 0.0, width) for dx, a in ((6, "start"), (-6, "end"))]
        x, y, anchor, found = _clear_spot(sides, w, top + k * ly, marks, len(seat_marks_), placed, band)
        level = min(level, found)
        x0 = x - {"start": 0.0, "middle": w / 2, "end": w}[anchor]
        placed.append((x0, y - 12.5, x0 + w, y + 3.5))
        labels.append(text(x, y, label, cls="tlabel", anchor=anchor))
    seats = np.array(seat_marks_).reshape(-1, 3)
    for i, (x0, y0, x1, y1) in enumerate(placed):  # the letters' box: the placed one less its margins
        boxes = [b for j, b in enumerate(placed) if j != i]
        labels += _leader((x0, y0 + 2.75, x1, y1 - 0.9), line_marks[i], lines[i][1], seats, boxes)
    return labels, level


#: The farthest a line's label is set from its line (in units) without a leader joining the two.
LEADER_AFTER = 20.0


def _leader(box: tuple[float, float, float, float], line: Sequence[tuple[float, float, float]], cls: str,
            seats: npt.NDArray[np.float64], boxes: Sequence[tuple[float, float, float, float]]) -> list[str]:
    """A thin line from a label's ``box`` (its letters: cap height to descent) to its own ``line`` (points
    along it), when the label lies more than :data:`LEADER_AFTER` units from it: moved off the seats to where
    there was room (over a horseshoe's arm, into the room left above the seats), a label alone would not say
    which line it names. Of the leaders from the box's edge (the point nearest each point of the line, or a
    point along its top or foot) to a point of the line, the one that crosses the fewest ``seats`` (x, y,
    radius) and other labels' ``boxes``, the shortest of those; it starts and ends 2 units clear."""
    pts = np.array([(x, y) for x, y, _ in line])
    near = np.hypot(pts[:, 0] - np.clip(pts[:, 0], box[0], box[2]), pts[:, 1] - np.clip(pts[:, 1], box[1], box[3]))
    if near.min() <= LEADER_AFTER:
        return []
    pts = pts[np.unique(np.linspace(0, len(pts) - 1, min(len(pts), 60)).round().astype(int))]
    along = np.linspace(box[0], box[2], 5)
    edge = np.array([(x, y) for y in (box[1], box[3]) for x in along])
    ends = np.concatenate([pts, np.repeat(pts, len(edge), axis=0)])
    starts = np.concatenate([np.column_stack([np.clip(pts[:, 0], box[0], box[2]), np.clip(pts[:, 1], box[1], box[3])]),
                             np.tile(edge, (len(pts), 1))])
    length = np.hypot(*(ends - starts).T)
    steps = np.linspace(0.0, 1.0, 24)[None, :]  # points along each candidate leader
    sx = starts[:, 0:1] + (ends[:, 0:1] - starts[:, 0:1]) * steps
    sy = starts[:, 1:2] + (ends[:, 1:2] - starts[:, 1:2]) * steps
    crossed = np.zeros(len(ends))
    lo, hi = np.minimum(starts, ends).min(axis=0), np.maximum(starts, ends).max(axis=0)
    for x, y, r in seats[np.all((seats[:, :2] > lo - seats[:, 2:]) & (seats[:, :2] < hi + seats[:, 2:]), axis=1)]:
        crossed += np.any(np.hypot(sx - x, sy - y) < r, axis=1)
    for x0, y0, x1, y1 in boxes:
        crossed += np.any((sx > x0) & (sx < x1) & (sy > y0) & (sy < y1), axis=1)
    x0, y0, x1, y1 = box  # nor through its own letters
    crossed += np.any((sx[:, 1:] > x0 + 0.5) & (sx[:, 1:] < x1 - 0.5) & (sy[:, 1:] > y0 + 0.5) & (sy[:, 1:] < y1 - 0.5),
                      axis=1)
    i = int(np.lexsort((length, crossed))[0])
    (qx, qy), (px, py) = starts[i], ends[i]
    ux, uy = (px - qx) / length[i], (py - qy) / length[i]
    return [f'<path class="leader {cls}" d="M{num(qx + 2 * ux)} {num(qy + 2 * uy)}L{num(px - 2 * ux)} '
            f'{num(py - 2 * uy)}"/>']


def _clear_spot(sides: Sequence[tuple[float, str]], w: float, y: float, marks: npt.NDArray[np.float64], seats: int,
                placed: Sequence[tuple[float, float, float, float]],
                band: tuple[float, float]) -> tuple[float, float, str, int]:
    """Where a label ``w`` wide goes: at one of ``sides`` (x and anchor: beside its line, then across it),
    at the baseline nearest ``y`` (up first) where it covers no mark (``marks``: x, y and radius of each
    seat, the first ``seats``, then of points along the lines; else no seat) and no label already
    ``placed``, its box inside ``band`` (from under the subtitle to above the legend); at ``y`` on the first
    side when there is none; and how clear the place is (:data:`_CLEAR`: of every mark). The seats
    shrink on a phone and the 13-unit label does not: at its place among them (in the benches' aisle, just
    outside the arch) it would cover seats."""

    def clear(x0: float, b: float, avoid: npt.NDArray[np.float64]) -> bool:
        y0, y1 = b - 12.5, b + 3.5  # a 13-unit line: ascent and descent
        if y0 < band[0] or y1 > band[1]:
            return False
        if any(min(px1, x0 + w) > max(px0, x0) and min(py1, y1) > max(py0, y0) for px0, py0, px1, py1 in placed):
            return False
        mx, my, mr = avoid[:, 0], avoid[:, 1], avoid[:, 2]
        return not bool(np.any(np.hypot(mx - np.clip(mx, x0, x0 + w), my - np.clip(my, y0, y1)) < mr))

    # off the seats and the lines; else (two lines across a phone's benches) off the seats at least
    for avoid in (marks, marks[:seats]):
        for step in range(int(band[1] - band[0]) + 1):
            for b in (y - step, y + step):
                for x, anchor in sides:
                    if clear(x - {"start": 0.0, "middle": w / 2, "end": w}[anchor], b, avoid):
                        return x, b, anchor, _CLEAR if avoid is marks else _OFF_SEATS
    return sides[0][0], y, sides[0][1], _NOWHERE


def _path_points(d: str, step: float = 2.0) -> list[tuple[float, float]]:
    """Points ``step`` apart along a line drawn with M, L, H and V (absolute), as the dividers are."""
    out: list[tuple[float, float]] = []
    x = y = 0.0
    for cmd, args in re.findall(r"([MLHV])([^MLHV]*)", d):
        v = [float(a) for a in re.findall(r"-?[0-9.]+", args)]
        nx, ny = (v[0], v[1]) if cmd in "ML" else (v[0], y) if cmd == "H" else (x, v[0])
        if cmd != "M":
            n = max(1, math.ceil(math.hypot(nx - x, ny - y) / step))
            out += [(x + (nx - x) * i / n, y + (ny - y) * i / n) for i in range(n)]
        x, y = nx, ny
    return [*out, (x, y)]


def _text_width(label: str) -> float:
    """The width of a line's label: 13 units, semi-bold (measured as bold)."""
    return text_width(label, 13, bold=True)


def _inside(x: float, anchor: str, w: float, x_off: float, width: float) -> tuple[float, str]:
    """Move a label of width ``w`` anchored at ``x`` (inside a group shifted by ``x_off``) into the chart."""
    left = x - {"start": 0.0, "middle": w / 2, "end": w}[anchor]
    shift = max(0.0, 4 - (x_off + left)) - max(0.0, x_off + left + w - (width - 4))
    return x + shift, anchor
