"""The threshold line of a curved layout: a staircase through the gaps between seats, row by row.

A straight radial line through a hemicycle cuts seats in half (seats of different rows sit at different
angles), so a reader cannot tell on which side seat ``k`` falls. The line drawn here crosses each row in
the gap between that row's last seat among the first ``k`` (in fill order) and its first seat after them,
and runs from one row to the next along the empty ring between the two rows. It never touches a seat, and
the first ``k`` seats are all on one side of it.

Layouts describe their seats in a shared polar-like frame: a position ``phi`` along the row (increasing in
fill order) and a distance ``r`` from the centre line of the chamber; ``point(phi, r)`` turns that into
SVG coordinates. Rows are ``2 t`` apart, so the ring between rows ``i`` and ``i + 1`` is at ``r_i + t``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whipcount.charts.svg import num

__all__ = ["Row", "stepped_divider"]

_STEP = math.pi / 180  # the ring between rows is drawn as straight pieces of at most this much ``phi``


@dataclass(frozen=True, slots=True)
class Row:
    """One row of seats: its distance ``r`` from the centre line, and ``(fill index, phi)`` per seat."""

    r: float
    seats: tuple[tuple[int, float], ...]


def _boundary(row: Row, k: int, lo: float, hi: float, mid: Callable[[Row, float, float], float]) -> float | None:
    """Where the line crosses ``row``: between its last seat among the first ``k`` and its first after."""
    if not row.seats:
        return None
    inside = [phi for i, phi in row.seats if i < k]
    outside = [phi for i, phi in row.seats if i >= k]
    if not inside:
        return lo
    if not outside:
        return hi
    return mid(row, max(inside), min(outside))


def stepped_divider(
    rows: Sequence[Row],
    k: int,
    *,
    t: float,
    bounds: tuple[float, float],
    point: Callable[[float, float], tuple[float, float]],
    mid: Callable[[Row, float, float], float] | None = None,
    overshoot: float = 0.0,
) -> tuple[str, float]:
    """The SVG path of the line after the first ``k`` seats, and its ``phi`` at the outer end (for a label).

    ``bounds`` are the ``phi`` of the start and end of every row (where the line goes when a row has none
    or all of its seats among the first ``k``); ``mid`` picks the crossing between two neighbouring seats
    (default: halfway in ``phi``); ``overshoot`` extends the line past the outermost row.
    """
    lo, hi = bounds
    pick = mid or (lambda _row, a, b: (a + b) / 2)
    found = [_boundary(row, k, lo, hi, pick) for row in rows]
    known = [b for b in found if b is not None]
    last = known[0] if known else (lo + hi) / 2
    crossings: list[float] = []
    for b in found:  # an empty row takes the crossing of the row inside it
        last = b if b is not None else last
        crossings.append(last)
    pts = [point(crossings[0], rows[0].r - t)]
    for i, (row, b) in enumerate(zip(rows, crossings, strict=True)):
        outer = row.r + t + (overshoot if i == len(rows) - 1 else 0.0)
        pts.append(point(b, outer))
        if i + 1 < len(rows):
            nxt = crossings[i + 1]
            steps = max(1, math.ceil(abs(nxt - b) / _STEP))
            pts += [point(b + (nxt - b) * j / steps, outer) for j in range(1, steps + 1)]
    d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in _dedupe(pts))
    return d, crossings[-1]


def _dedupe(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    out = [pts[0]]
    for p in pts[1:]:
        if (num(p[0]), num(p[1])) != (num(out[-1][0]), num(out[-1][1])):
            out.append(p)
    return out
