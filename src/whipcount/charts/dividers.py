"""The threshold line of a curved layout: a staircase through the gaps between seats, row by row.

A straight radial line through a hemicycle cuts seats in half (seats of different rows sit at different
angles), so a reader cannot tell on which side seat ``k`` falls. The line drawn here crosses each row in
the gap between that row's last seat among the first ``k`` (in fill order) and its first seat after them,
and runs from one row to the next along the empty ring between the two rows. It never touches a seat, and
the first ``k`` seats are all on one side of it. Where a row leaves a wide gap, the line keeps as
straight as it can.

Layouts describe their seats in a shared polar-like frame: a position ``phi`` along the row (increasing in
fill order) and a distance ``r`` from the centre line of the chamber; ``point(phi, r)`` turns that into
SVG coordinates. Rows are ``2 t`` apart, so the ring between rows ``i`` and ``i + 1`` is at ``r_i + t``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whipcount.charts.svg import num

__all__ = ["Along", "Row", "stepped_divider"]

#: A position ``phi`` on a row of radius ``r`` as a distance along the row, and back.
Along = tuple[Callable[[float, float], float], Callable[[float, float], float]]

_STEP = math.pi / 180  # the ring between rows is drawn as straight pieces of at most this much ``phi``


@dataclass(frozen=True, slots=True)
class Row:
    """One row of seats: its distance ``r`` from the centre line, and ``(fill index, phi)`` per seat."""

    r: float
    seats: tuple[tuple[int, float], ...]


def _span(row: Row, k: int, bounds: tuple[float, float], t: float, along: Along) -> tuple[float, float] | None:
    """Where the line may cross ``row``: in the gap between its last seat among the first ``k`` and its first
    after them, at least half a full row's seat pitch (``t``) from both; from the row's start (or to its
    end) when it has no seat inside (or none after). ``None`` for a row without seats."""
    if not row.seats:
        return None
    to_s, to_phi = along
    lo, hi = bounds
    inside = [to_s(phi, row.r) for i, phi in row.seats if i < k]
    outside = [to_s(phi, row.r) for i, phi in row.seats if i >= k]
    if not inside:
        return lo, max(lo, to_phi(min(outside) - t, row.r))
    if not outside:
        return min(hi, to_phi(max(inside) + t, row.r)), hi
    a, b = max(inside), min(outside)
    slack = max(0.0, (b - a) / 2 - t)
    return to_phi((a + b) / 2 - slack, row.r), to_phi((a + b) / 2 + slack, row.r)


def _arc(phi: float, r: float) -> float:
    return phi * r


def _arc_back(s: float, r: float) -> float:
    return s / r


def stepped_divider(
    rows: Sequence[Row],
    k: int,
    *,
    t: float,
    bounds: tuple[float, float],
    point: Callable[[float, float], tuple[float, float]],
    along: Along = (_arc, _arc_back),
    overshoot: float = 0.0,
) -> tuple[str, float]:
    """The SVG path of the line after the first ``k`` seats, and its ``phi`` at the outer end (for a label).

    ``bounds`` are the ``phi`` of the start and end of every row (where the line goes when a row has none
    or all of its seats among the first ``k``); ``along`` turns a ``phi`` of a row of radius ``r`` into a
    distance along it and back (default: an arc, ``r * phi``); ``overshoot`` extends the line past the
    outermost row. Where a row's gap is wider than a full row's (a small chamber's rows hold few seats),
    the crossing moves within it towards one ``phi`` common to all the rows, so the line runs as straight
    as the seats allow instead of stepping from the middle of one wide gap to the middle of the next.
    """
    lo, hi = bounds
    spans = [_span(row, k, bounds, t, along) for row in rows]
    known = [sp for sp in spans if sp is not None]
    if k <= 0 or not known:
        common = lo
    elif all(i < k for row in rows for i, _ in row.seats):
        common = hi
    else:  # inside every row's span if they share a point; else between the two that bind
        common = (max(a for a, _ in known) + min(b for _, b in known)) / 2
    crossings = [common if sp is None else min(max(common, sp[0]), sp[1]) for sp in spans]
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
