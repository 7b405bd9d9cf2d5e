"""Where each seat goes: the arch (hemicycle), the horseshoe and the Westminster benches.

All three return a :class:`~whipcount.charts.placement.Placement`: seat centres in SVG units (x to the
right, y down) in fill order, a seat radius, the size of the seating area, a place for the Speaker on
the centre line, and ``divider(k)``: the SVG path of a line that separates the first ``k`` seats from
the others (the majority line when ``k`` is the number of votes needed).

- **arch**: seat centres from ``parliamentarch`` (concentric rows of a half annulus). Its tools fill
  by angle alone, which hops between the inner and the outer rows: a party of four seats comes out as
  four scattered seats, interleaved with its neighbours'. Here the seats are grouped in radial columns
  (round the seats of the sparsest row) and filled column by column from the left, the first column
  from the inner row out, the next from the outer row in (so a party running on into the next column
  stays in one piece). Every row is still filled from left to right, so the first ``k`` seats form a
  wedge on the left and the divider is a staircase between rows. When the rows hold few seats (a small
  chamber) the columns are grouped round the places of a full inner row instead (:func:`_reference`).
- **horseshoe**: the arch with straight arms running down from both ends, like chambers whose benches
  face one another round a floor open towards the chair. The arms hold ranks (one seat of each row,
  at one height); the ranks of the left arm from its open end up, the columns of the curve, then the
  ranks of the right arm down are filled in the same way, so a party in an arm is a band of ranks.
- **westminster**: see :mod:`whipcount.charts.benches`.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from parliamentarch.geometry import (
    get_nrows_from_nseats,
    get_row_thickness,
    get_rows_from_nrows,
    get_seats_centers,
)

from whipcount.charts.benches import westminster
from whipcount.charts.dividers import Row, stepped_divider
from whipcount.charts.placement import MAX_SEATS, Placement, check_count, check_rows, sizes
from whipcount.errors import ChartError
from whipcount.model.arguments import check_option

__all__ = ["LAYOUTS", "MAX_SEATS", "Placement", "arch", "horseshoe", "place", "westminster"]

LAYOUTS: tuple[str, ...] = ("arch", "westminster", "horseshoe")
_SCALE = 450.0  # half the width of an arch, in SVG units
_TIE = 9  # decimals of a position that count: seats of an arm's rank closer than this are level


# -- arch ----------------------------------------------------------------------------------------------
def arch(n: int, *, rows: int | None = None, speaker: bool = False) -> Placement:
    """A hemicycle of ``n`` seats (plus the Speaker's apart when ``speaker``), column by column from the left."""
    check_count(n, "arch")
    check_rows(rows, "arch", n)
    if rows is not None:
        capacity = sum(get_rows_from_nrows(rows))
        if capacity < n:
            raise ChartError(f"arch layout: {rows} row(s) hold at most {capacity} seats, the chamber has {n}")
    centres_map = get_seats_centers(n, min_nrows=rows or 0)
    if len(centres_map) != n:  # two seats on one point: cannot happen for sane inputs, never draw fewer
        raise ChartError(f"arch layout: could not place {n} seats ({len(centres_map)} distinct positions)")
    nrows = max(rows or 0, int(get_nrows_from_nseats(n)))
    t = get_row_thickness(nrows)

    def row_of(x: float, y: float) -> int:
        return int(round((math.hypot(x - 1, y) - 0.5) / (2 * t)))

    items = list(centres_map.items())
    phis = [math.pi - angle for _, angle in items]
    rows_ = [row_of(*xy) for xy, _ in items]
    margin = math.asin(min(1.0, t / 0.5))  # parliamentarch's: the end seats of the inner row just inside
    full = _full_row(get_rows_from_nrows(nrows)[0], margin, math.pi - margin)
    ordered = [items[i] for i in _snake(phis, rows_, _columns(phis, _reference(phis, rows_, full)))]
    pad = 10.0
    s = _SCALE
    centres = tuple((pad + x * s, pad + (1 - y) * s) for (x, y), _ in ordered)
    cx, cy = pad + s, pad + s
    seat_rows: list[list[tuple[int, float]]] = [[] for _ in range(nrows)]
    for i, ((x, y), angle) in enumerate(ordered):  # phi runs left to right: pi minus the angle
        seat_rows[row_of(x, y)].append((i, math.pi - angle))
    layout_rows = [Row(0.5 + 2 * i * t, tuple(r)) for i, r in enumerate(seat_rows)]

    def point(phi: float, r: float) -> tuple[float, float]:
        return cx - r * s * math.cos(phi), cy - r * s * math.sin(phi)

    def line(k: int) -> tuple[str, float]:
        return stepped_divider(layout_rows, k, t=t, bounds=(0.0, math.pi), point=point, overshoot=0.04)

    def divider(k: int) -> str:
        return line(k)[0]

    def label_at(k: int) -> tuple[float, float, str]:
        return _label_spot(point(line(k)[1], 1.04 + 6 / s), (cx, cy), s, (pad, 2 * s + pad))

    sp = (cx, cy - 0.12 * s) if speaker else None
    return Placement(centres, 0.8 * t * s, 2 * s + 2 * pad, s + 2 * pad, sp, divider, label_at, (cx, cy))


def _label_spot(end: tuple[float, float], centre: tuple[float, float], scale: float,
                edges: tuple[float, float]) -> tuple[float, float, str]:
    """Where a threshold line's label goes: just past its outer end, or, when that end is low on a side
    (where a label beside it would run off the picture or over the seats), in that side's top corner,
    which the curve leaves empty."""
    x, y = end
    cx, cy = centre
    if abs(x - cx) < 0.2 * scale:
        return x, y - 2, "middle"
    if math.atan2(cy - y, abs(x - cx)) >= math.pi / 4:
        return x, y - 2, "end" if x < cx else "start"
    return (edges[0], edges[0] + 12, "start") if x < cx else (edges[1], edges[0] + 12, "end")


def _full_row(cap: int, first: float, last: float) -> list[float]:
    """The positions of ``cap`` seats spread evenly from ``first`` to ``last`` (one seat: halfway)."""
    if cap <= 1:
        return [(first + last) / 2]
    return [first + j * (last - first) / (cap - 1) for j in range(cap)]


def _reference(phis: Sequence[float], rows: Sequence[int], full: Sequence[float]) -> list[float]:
    """The seats the columns of a curve are grouped round: those of its sparsest row (of two seats or
    more), unless they stand more than one and a half times as far apart as the seats of a full inner row
    (``full``); then those of the full row.

    Rows of a hemicycle hold different numbers of seats, so seats of different rows never line up
    exactly; grouping them round the seats of the sparsest row gives radial columns of a few seats each,
    every column starting at the inner row. A small chamber's rows hold few seats each (three of the seven
    the inner row has room for): round those, a column would be a quarter of the arch wide, and filling it
    from row to row would send a party across the middle and back. Round the places of a full row the
    columns stay a seat wide.
    """
    by_row: dict[int, list[float]] = {}
    for phi, row in zip(phis, rows, strict=True):
        by_row.setdefault(row, []).append(phi)
    ref = min((sorted(v) for v in by_row.values() if len(v) >= 2), key=len, default=None)
    if ref is None or len(full) < 2:
        return list(full)
    pitch, full_pitch = (ref[-1] - ref[0]) / (len(ref) - 1), (full[-1] - full[0]) / (len(full) - 1)
    return ref if pitch <= 1.5 * full_pitch else list(full)


def _columns(phis: Sequence[float], ref: Sequence[float]) -> list[int]:
    """The column of each seat of a curve: the nearest of ``ref`` (:func:`_reference`)."""
    out = []
    for phi in phis:
        i = bisect.bisect_left(ref, phi)
        out.append(i if i == 0 or (i < len(ref) and ref[i] - phi < phi - ref[i - 1]) else i - 1)
    return out


def _snake(phis: Sequence[float], rows: Sequence[int], columns: Sequence[int]) -> list[int]:
    """Seat indices in fill order: column by column from the left, the first column from the inner row
    out, the next from the outer row in, and so on (so a party that runs on into the next column stays
    in one piece); within a row of a column, from the left. Columns that hold no seat are skipped, so
    the direction turns at every column that does."""
    rank = {c: i for i, c in enumerate(sorted(set(columns)))}

    def key(i: int) -> tuple[int, int, float]:
        c = rank[columns[i]]
        return c, rows[i] if c % 2 == 0 else -rows[i], phis[i]

    return sorted(range(len(phis)), key=key)


# -- horseshoe -----------------------------------------------------------------------------------------
_ARM = 0.55  # arm length, as a fraction of the outer radius
_ARM_W = _ARM / 0.5 * (math.pi / 2) / 2  # the length of an arm in the ordering parameter phi


def _curve_caps(nrows: int) -> list[int]:
    """The most seats each row of the curve holds, a seat's width (``2 t``) apart along the row."""
    t = get_row_thickness(nrows)
    return [max(1, int(math.pi * (0.5 + 2 * i * t) / (2 * t))) for i in range(nrows)]


def _max_ranks(nrows: int) -> int:
    """The most ranks an arm holds, a seat's width apart."""
    return int(_ARM / (2 * get_row_thickness(nrows)) + 1e-9)


def _horseshoe_capacity(nrows: int) -> int:
    return 2 * _max_ranks(nrows) * nrows + sum(_curve_caps(nrows))


def _apportion(total: int, caps: Sequence[int]) -> list[int]:
    """``total`` seats shared among rows in proportion to their capacity (largest remainders), none over it."""
    whole = sum(caps)
    quotas = [total * c / whole for c in caps]
    out = [int(q) for q in quotas]
    by_remainder = sorted(range(len(caps)), key=lambda i: (out[i] - quotas[i], -i))
    for i in by_remainder[: total - sum(out)]:
        out[i] += 1
    return out


def _horseshoe_rows(n: int, nrows: int) -> tuple[int, list[int]]:
    """Ranks in each arm, and seats in each row of the curve, spread about evenly along the rows."""
    caps = _curve_caps(nrows)
    t = get_row_thickness(nrows)
    length = sum(math.pi * (0.5 + 2 * i * t) for i in range(nrows)) + 2 * _ARM * nrows
    ranks = min(_max_ranks(nrows), round(_ARM * n / length))
    while ranks < _max_ranks(nrows) and n - 2 * ranks * nrows > sum(caps):
        ranks += 1
    while ranks > 0 and n - 2 * ranks * nrows < 0:
        ranks -= 1
    return ranks, _apportion(n - 2 * ranks * nrows, caps)


def _horseshoe_nrows(n: int, rows: int | None) -> int:
    """The rows of a horseshoe of ``n`` seats: ``rows`` if they hold them (else a chart error), or as few
    as do."""
    check_count(n, "horseshoe")
    check_rows(rows, "horseshoe", n)
    nrows = rows or 1
    if rows is not None and _horseshoe_capacity(nrows) < n:
        raise ChartError(f"horseshoe layout: {rows} row(s) hold at most {_horseshoe_capacity(nrows)} seats, "
                         f"the chamber has {n}")
    while _horseshoe_capacity(nrows) < n:
        nrows += 1
    return nrows


def _u_seats(n: int, nrows: int) -> list[tuple[float, int]]:
    """Each seat's position along the U (phi) and row, in fill order: row by row, the curve's seats a half
    seat's width in from each end, the arms' ranks next to the curve first; then snaked (:func:`_snake`)."""
    t = get_row_thickness(nrows)
    ranks, per_row = _horseshoe_rows(n, nrows)
    seats: list[tuple[float, int]] = []  # (phi, row)
    for i, k in enumerate(per_row):
        r = 0.5 + 2 * i * t
        for j in range(k):  # along the curve, a half seat's width in from each end
            arc = math.pi * r / 2 if k == 1 else t + j * (math.pi * r - 2 * t) / (k - 1)
            seats.append((_ARM_W + arc / r, i))
        for j in range(ranks):  # rank 0 is next to the curve
            depth = (j + 0.5) / ranks  # as a fraction of the arm
            seats += [(_ARM_W * (1 - depth), i), (_ARM_W + math.pi + _ARM_W * depth, i)]
    return [seats[i] for i in _snake([p for p, _ in seats], [r for _, r in seats], _u_columns(seats, t, nrows))]


def horseshoe(n: int, *, rows: int | None = None, speaker: bool = False) -> Placement:
    """A U of ``n`` seats: the left arm (from its open end up), the curve, the right arm (down)."""
    nrows = _horseshoe_nrows(n, rows)
    t = get_row_thickness(nrows)
    seats = _u_seats(n, nrows)
    s_ = _SCALE * 0.8
    pad = 10.0
    top = 1.0 + t
    cx = pad + s_ * (1 + t)

    def point(phi: float, r: float) -> tuple[float, float]:
        x, y = _unit_point(phi, r)
        return cx + x * s_, pad + (top - y) * s_

    centres = tuple(point(phi, 0.5 + 2 * row * t) for phi, row in seats)
    seat_rows: list[list[tuple[int, float]]] = [[] for _ in range(nrows)]
    for idx, (phi, row) in enumerate(seats):
        seat_rows[row].append((idx, phi))
    layout_rows = [Row(0.5 + 2 * i * t, tuple(r)) for i, r in enumerate(seat_rows)]

    def line(k: int) -> tuple[str, float]:  # along the row: the arms are straight
        return stepped_divider(layout_rows, k, t=t, bounds=(0.0, 2 * _ARM_W + math.pi), point=point,
                               along=(_s_of, _phi_of), overshoot=0.5 * t)

    def divider(k: int) -> str:
        return line(k)[0]

    def label_at(k: int) -> tuple[float, float, str]:
        return _label_spot(point(line(k)[1], 1 + 1.5 * t + 0.04), (cx, pad + top * s_), s_,
                           (pad, cx + s_ * (1 + t)))

    sp = (cx, pad + (top + _ARM * 0.6) * s_) if speaker else None
    width = 2 * s_ * (1 + t) + 2 * pad
    height = (top + _ARM + t) * s_ + 2 * pad
    return Placement(centres, 0.8 * t * s_, width, height, sp, divider, label_at, (cx, pad + top * s_))


def _u_columns(seats: Sequence[tuple[float, int]], t: float, nrows: int) -> list[int]:
    """The column of each seat of a U: the ranks of the left arm, the columns of the curve, the right arm."""
    left = sorted({round(p, _TIE) for p, _ in seats if p < _ARM_W})
    right = sorted({round(p, _TIE) for p, _ in seats if p > _ARM_W + math.pi})
    curve = [i for i, (p, _) in enumerate(seats) if _ARM_W <= p <= _ARM_W + math.pi]
    inner = 0.5  # the inner row, full: its seats a half seat's width in from each end, as in _u_seats
    full = _full_row(_curve_caps(nrows)[0], _ARM_W + t / inner, _ARM_W + math.pi - t / inner)
    phis, rows = [seats[i][0] for i in curve], [seats[i][1] for i in curve]
    in_curve = _columns(phis, _reference(phis, rows, full))
    out = [0] * len(seats)
    for i, c in zip(curve, in_curve, strict=True):
        out[i] = len(left) + c
    after = len(left) + max(in_curve, default=-1) + 1
    for i, (p, _) in enumerate(seats):
        if p < _ARM_W:
            out[i] = left.index(round(p, _TIE))
        elif p > _ARM_W + math.pi:
            out[i] = after + right.index(round(p, _TIE))
    return out


def _phi_of(s: float, r: float) -> float:
    """The position along the U of the point ``s`` along a row of radius ``r`` (arm, curve, arm)."""
    if s <= _ARM:
        return _ARM_W * s / _ARM
    if s <= _ARM + math.pi * r:
        return _ARM_W + (s - _ARM) / r
    return _ARM_W + math.pi + _ARM_W * (s - _ARM - math.pi * r) / _ARM


def _s_of(phi: float, r: float) -> float:
    if phi <= _ARM_W:
        return _ARM * phi / _ARM_W
    if phi <= _ARM_W + math.pi:
        return _ARM + r * (phi - _ARM_W)
    return _ARM + math.pi * r + _ARM * (phi - _ARM_W - math.pi) / _ARM_W


def _unit_point(phi: float, r: float) -> tuple[float, float]:
    """The point at ``phi`` along the U, ``r`` from its centre line (unit coordinates, y up)."""
    if phi <= _ARM_W:
        return -r, -_ARM + _ARM * phi / _ARM_W
    if phi <= _ARM_W + math.pi:
        theta = math.pi - (phi - _ARM_W)
        return r * math.cos(theta), r * math.sin(theta)
    return r, -_ARM * (phi - _ARM_W - math.pi) / _ARM_W


def place(
    layout: str, benches: Sequence[int | Sequence[int]], *, rows: int | None = None, speaker: bool = False,
    reach: int = 0,
) -> Placement:
    """Dispatch on the layout name; ``benches`` are (upper, lower, cross), counts or block sizes."""
    check_option(layout, LAYOUTS, "layout", ChartError)
    if layout == "arch":
        return arch(sum(sum(sizes(b)) for b in benches), rows=rows, speaker=speaker)
    if layout == "horseshoe":
        return horseshoe(sum(sum(sizes(b)) for b in benches), rows=rows, speaker=speaker)
    return westminster(benches, rows=rows, speaker=speaker, reach=reach)
