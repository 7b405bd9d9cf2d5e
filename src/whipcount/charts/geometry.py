"""Where each seat goes: the arch (hemicycle), the horseshoe and the Westminster benches.

All three return a :class:`Placement`: seat centres in SVG units (x to the right, y down), in the order
the seats were asked for, a seat radius, the size of the seating area, a place for the Speaker apart
from the rest, and ``divider(k)``: the SVG path of a line that separates the first ``k`` seats from the
others (the majority line when ``k`` is the number of votes needed).

- **arch**: seat centres from ``parliamentarch`` (concentric rows of a half annulus, seats sorted by
  angle, so the first ``k`` seats form a wedge on the left and the divider is a radial line).
- **horseshoe**: the arch with straight arms running down from both ends, like chambers whose benches
  face one another round a floor open towards the chair. The seats are ordered along the U.
- **westminster**: two facing benches filled column by column from the Speaker's end, and a block of
  crossbenches at the far end; the divider is drawn on each bench as a staircase between seat ``k`` and
  ``k+1``, so a bench that crosses it holds ``k`` seats on its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from parliamentarch.geometry import (
    get_nrows_from_nseats,
    get_row_thickness,
    get_rows_from_nrows,
    get_seats_centers,
)

from whipcount.charts.dividers import Row, stepped_divider
from whipcount.charts.svg import num
from whipcount.errors import ChartError

__all__ = ["LAYOUTS", "MAX_SEATS", "Placement", "arch", "horseshoe", "place", "westminster"]

LAYOUTS: tuple[str, ...] = ("arch", "westminster", "horseshoe")
#: More seats than this cannot be told apart on a page (China's NPC, the largest chamber, has 2,977).
MAX_SEATS = 3000
_SCALE = 450.0  # half the width of an arch, in SVG units
_MAX_COLUMNS = 80  # beyond this a Westminster bench is a grey smear


@dataclass(frozen=True, slots=True)
class Placement:
    """Seat centres and what goes with them, in SVG units."""

    centres: tuple[tuple[float, float], ...]
    radius: float
    width: float
    height: float
    speaker: tuple[float, float] | None
    divider: Callable[[int], str]
    label_at: Callable[[int], tuple[float, float, str]]


def _check_count(n: int, layout: str) -> None:
    if n < 1:
        raise ChartError(f"{layout} layout: a chamber needs at least 1 seat to draw, got {n}")
    if n > MAX_SEATS:
        raise ChartError(f"{layout} layout: at most {MAX_SEATS} seats can be drawn legibly, got {n}")


def _check_rows(rows: int | None, layout: str, n: int | None = None) -> None:
    if rows is not None and rows < 1:
        raise ChartError(f"{layout} layout: rows must be at least 1, got {rows}")
    if rows is not None and n is not None and rows > n:
        raise ChartError(f"{layout} layout: {rows} rows for {n} seats; expected at most one row per seat")


# -- arch ----------------------------------------------------------------------------------------------
def arch(n: int, *, rows: int | None = None, speaker: bool = False) -> Placement:
    """A hemicycle of ``n`` seats (plus the Speaker's apart when ``speaker``), left to right."""
    _check_count(n, "arch")
    _check_rows(rows, "arch", n)
    if rows is not None:
        capacity = sum(get_rows_from_nrows(rows))
        if capacity < n:
            raise ChartError(f"arch layout: {rows} row(s) hold at most {capacity} seats, the chamber has {n}")
    centres_map = get_seats_centers(n, min_nrows=rows or 0)
    if len(centres_map) != n:  # two seats on one point: cannot happen for sane inputs, never draw fewer
        raise ChartError(f"arch layout: could not place {n} seats ({len(centres_map)} distinct positions)")
    ordered = sorted(centres_map.items(), key=lambda kv: -kv[1])  # largest angle first = leftmost
    nrows = max(rows or 0, _rows_for(n))
    t = get_row_thickness(nrows)
    pad = 10.0
    s = _SCALE
    centres = tuple((pad + x * s, pad + (1 - y) * s) for (x, y), _ in ordered)
    width = 2 * s + 2 * pad
    height = s + 2 * pad
    cx, cy = pad + s, pad + s
    seat_rows: list[list[tuple[int, float]]] = [[] for _ in range(nrows)]
    for i, ((x, y), angle) in enumerate(ordered):  # phi runs left to right: pi minus the angle
        seat_rows[round((math.hypot(x - 1, y) - 0.5) / (2 * t))].append((i, math.pi - angle))
    layout_rows = [Row(0.5 + 2 * i * t, tuple(r)) for i, r in enumerate(seat_rows)]

    def point(phi: float, r: float) -> tuple[float, float]:
        return cx - r * s * math.cos(phi), cy - r * s * math.sin(phi)

    def line(k: int) -> tuple[str, float]:
        return stepped_divider(layout_rows, k, t=t, bounds=(0.0, math.pi), point=point, overshoot=0.04)

    def divider(k: int) -> str:
        return line(k)[0]

    def label_at(k: int) -> tuple[float, float, str]:
        phi = line(k)[1]
        x, y = point(phi, 1.04 + 6 / s)
        anchor = "end" if x < cx - 0.2 * s else ("start" if x > cx + 0.2 * s else "middle")
        return x, y - 2, anchor

    sp = (cx, cy - 0.12 * s) if speaker else None
    return Placement(centres, 0.8 * t * s, width, height, sp, divider, label_at)


def _rows_for(n: int) -> int:
    return int(get_nrows_from_nseats(n))


# -- horseshoe -----------------------------------------------------------------------------------------
_ARM = 0.55  # arm length, as a fraction of the outer radius


def _horseshoe_capacity(nrows: int) -> list[int]:
    t = get_row_thickness(nrows)
    caps = []
    for i in range(nrows):
        r = 0.5 + 2 * i * t
        length = math.pi * r + 2 * _ARM
        caps.append(int(length / (2 * t)))
    return caps


def horseshoe(n: int, *, rows: int | None = None, speaker: bool = False) -> Placement:
    """A U of ``n`` seats: left arm (bottom to top), the curve, the right arm (top to bottom)."""
    _check_count(n, "horseshoe")
    _check_rows(rows, "horseshoe", n)
    if rows is not None:
        nrows = rows
        if sum(_horseshoe_capacity(nrows)) < n:
            raise ChartError(
                f"horseshoe layout: {rows} row(s) hold at most {sum(_horseshoe_capacity(nrows))} seats, "
                f"the chamber has {n}"
            )
    else:
        nrows = 1
        while sum(_horseshoe_capacity(nrows)) < n:
            nrows += 1
    caps = _horseshoe_capacity(nrows)
    t = get_row_thickness(nrows)
    total = sum(caps)
    per_row: list[int] = []
    for i, cap in enumerate(caps):
        if i == nrows - 1:
            per_row.append(n - sum(per_row))
        else:
            per_row.append(min(cap, round(n * cap / total)))
    # the outermost row takes the rounding remainder; push any overflow inwards
    for i in range(nrows - 1, 0, -1):
        over = per_row[i] - caps[i]
        if over > 0:
            per_row[i] -= over
            per_row[i - 1] += over
    arm_w = _ARM / 0.5 * (math.pi / 2) / 2  # weight of an arm in the ordering parameter (radians-like)

    seats: list[tuple[float, int, float, float]] = []  # (phi, row, x, y) in unit coordinates, y up
    for i, k in enumerate(per_row):
        r = 0.5 + 2 * i * t
        length = math.pi * r + 2 * _ARM
        for j in range(k):
            s = length / 2 if k == 1 else t + j * (length - 2 * t) / (k - 1)
            phi = _phi_of(s, r, arm_w)
            x, y = _unit_point(phi, r, arm_w)
            seats.append((phi, i, x, y))
    seats.sort(key=lambda p: p[0])
    s_ = _SCALE * 0.8
    pad = 10.0
    top = 1.0 + t
    cx = pad + s_ * (1 + t)
    centres = tuple((cx + x * s_, pad + (top - y) * s_) for _, _, x, y in seats)
    width = 2 * s_ * (1 + t) + 2 * pad
    height = (top + _ARM + t) * s_ + 2 * pad
    seat_rows: list[list[tuple[int, float]]] = [[] for _ in range(nrows)]
    for idx, (phi, row, _, _) in enumerate(seats):
        seat_rows[row].append((idx, phi))
    layout_rows = [Row(0.5 + 2 * i * t, tuple(r)) for i, r in enumerate(seat_rows)]

    def point(phi: float, r: float) -> tuple[float, float]:
        x, y = _unit_point(phi, r, arm_w)
        return cx + x * s_, pad + (top - y) * s_

    def mid(row: Row, a: float, b: float) -> float:  # halfway along the row, not halfway in phi
        sa, sb = _s_of(a, row.r, arm_w), _s_of(b, row.r, arm_w)
        return _phi_of((sa + sb) / 2, row.r, arm_w)

    def line(k: int) -> tuple[str, float]:
        return stepped_divider(layout_rows, k, t=t, bounds=(0.0, 2 * arm_w + math.pi), point=point, mid=mid,
                               overshoot=0.5 * t)

    def divider(k: int) -> str:
        return line(k)[0]

    def label_at(k: int) -> tuple[float, float, str]:
        x, y = point(line(k)[1], 1 + 1.5 * t + 0.04)
        anchor = "end" if x < cx - 0.2 * s_ else ("start" if x > cx + 0.2 * s_ else "middle")
        return x, y - 2, anchor

    sp = (cx, pad + (top + _ARM * 0.6) * s_) if speaker else None
    return Placement(centres, 0.8 * t * s_, width, height, sp, divider, label_at)


def _phi_of(s: float, r: float, arm_w: float) -> float:
    """The position along the U of the point ``s`` along a row of radius ``r`` (arm, curve, arm)."""
    if s <= _ARM:
        return arm_w * s / _ARM
    if s <= _ARM + math.pi * r:
        return arm_w + (s - _ARM) / r
    return arm_w + math.pi + arm_w * (s - _ARM - math.pi * r) / _ARM


def _s_of(phi: float, r: float, arm_w: float) -> float:
    if phi <= arm_w:
        return _ARM * phi / arm_w
    if phi <= arm_w + math.pi:
        return _ARM + r * (phi - arm_w)
    return _ARM + math.pi * r + _ARM * (phi - arm_w - math.pi) / arm_w


def _unit_point(phi: float, r: float, arm_w: float) -> tuple[float, float]:
    """The point at ``phi`` along the U, ``r`` from its centre line (unit coordinates, y up)."""
    if phi <= arm_w:
        return -r, -_ARM + _ARM * phi / arm_w
    if phi <= arm_w + math.pi:
        theta = math.pi - (phi - arm_w)
        return r * math.cos(theta), r * math.sin(theta)
    return r, -_ARM * (phi - arm_w - math.pi) / arm_w


# -- westminster ---------------------------------------------------------------------------------------
def westminster(
    benches: Sequence[int], *, rows: int | None = None, speaker: bool = False, reach: int = 0
) -> Placement:
    """Two facing benches and a crossbench block: ``benches = (upper, lower, cross)`` seat counts.

    Seats are returned upper bench first (filled column by column from the Speaker's end on the left),
    then the lower bench, then the crossbenches (a block at the far right). The divider of ``k`` is a
    staircase on both facing benches after their ``k``-th seat; the benches are drawn long enough for a
    divider of ``reach`` seats to fall where it belongs.
    """
    if len(benches) != 3 or any(b < 0 for b in benches):
        raise ChartError(f"westminster layout: expected three bench sizes >= 0, got {list(benches)}")
    upper, lower, cross = benches
    n = upper + lower + cross
    _check_count(n, "westminster")
    _check_rows(rows, "westminster")
    longest = max(upper, lower, 1)
    nrows = rows or max(2, math.ceil(math.sqrt(longest / 7)))
    cols = math.ceil(max(longest, reach) / nrows)
    if cols > _MAX_COLUMNS:
        raise ChartError(
            f"westminster layout: a bench of {longest} seats in {nrows} row(s) needs {cols} columns; "
            f"at most {_MAX_COLUMNS} fit (give more rows)"
        )
    pitch = min(24.0, 860.0 / max(cols + math.ceil(cross / max(1, 2 * nrows + 2)) + 3, 1))
    rad = pitch * 0.4
    pad = 10.0
    x0 = pad + pitch * 2.2  # room for the Speaker's chair at the left
    aisle = pitch * 2.0
    upper_top = pad + pitch / 2
    lower_top = upper_top + nrows * pitch + aisle
    centres: list[tuple[float, float]] = []

    def bench(count: int, top: float, front_row_last: bool) -> list[tuple[float, float]]:
        out = []
        for i in range(count):
            c, r = divmod(i, nrows)
            # the front row faces the aisle: fill it first
            row = (nrows - 1 - r) if front_row_last else r
            out.append((x0 + c * pitch + pitch / 2, top + row * pitch + pitch / 2))
        return out

    centres += bench(upper, upper_top, True)
    centres += bench(lower, lower_top, False)
    cross_x0 = x0 + cols * pitch + pitch * 1.5
    cross_rows = 2 * nrows + 2
    for i in range(cross):
        c, r = divmod(i, cross_rows)
        centres.append((cross_x0 + c * pitch + pitch / 2, upper_top + r * pitch + pitch / 2))
    cross_cols = math.ceil(cross / cross_rows) if cross else 0
    width = cross_x0 + cross_cols * pitch + pad + (pitch if cross else 0)
    height = lower_top + nrows * pitch + pad

    def stair(k: int, top: float, count: int, front_last: bool) -> str:
        if count == 0:
            return ""
        c, r = divmod(min(k, cols * nrows), nrows)
        xa = x0 + c * pitch
        xb = xa + pitch
        if r == 0:
            return f"M{num(xa)} {num(top - 3)}V{num(top + nrows * pitch + 3)}"
        if front_last:  # filled from the bottom row up
            yr = top + (nrows - r) * pitch
            return (f"M{num(xb)} {num(top + nrows * pitch + 3)}V{num(yr)}H{num(xa)}V{num(top - 3)}")
        yr = top + r * pitch
        return f"M{num(xb)} {num(top - 3)}V{num(yr)}H{num(xa)}V{num(top + nrows * pitch + 3)}"

    def divider(k: int) -> str:
        return stair(k, upper_top, 1, True) + stair(k, lower_top, 1, False)

    def label_at(k: int) -> tuple[float, float, str]:
        c = min(k, cols * nrows) // nrows
        return x0 + c * pitch + pitch / 2, upper_top + nrows * pitch + aisle / 2 + 4, "middle"

    sp = (pad + pitch, (upper_top + lower_top + nrows * pitch) / 2) if speaker else None
    return Placement(tuple(centres), rad, width, height, sp, divider, label_at)


def place(
    layout: str, benches: Sequence[int], *, rows: int | None = None, speaker: bool = False, reach: int = 0
) -> Placement:
    """Dispatch on the layout name; ``benches`` are (upper, lower, cross) counts for Westminster."""
    if layout == "arch":
        return arch(sum(benches), rows=rows, speaker=speaker)
    if layout == "horseshoe":
        return horseshoe(sum(benches), rows=rows, speaker=speaker)
    if layout == "westminster":
        return westminster(benches, rows=rows, speaker=speaker, reach=reach)
    raise ChartError(f"unknown layout {layout!r} (expected one of: {', '.join(LAYOUTS)})")
