"""Geometry checks on the paths a chart draws: the threshold line as polylines, whether it cuts a seat,
and on which side of it a seat lies (ray casting on the line closed far away)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

import numpy as np

__all__ = ["Point", "assert_splits", "crosses_a_seat", "extended", "parity", "subpaths"]

Point = tuple[float, float]


def subpaths(d: str) -> list[list[Point]]:
    """The polylines of an SVG path made of absolute M, L, H and V commands."""
    out: list[list[Point]] = []
    for cmd, args in re.findall(r"([MLHV])([^MLHV]*)", d):
        v = [float(x) for x in args.replace(",", " ").split()]
        if cmd == "M":
            out.append([(v[0], v[1])])
        elif cmd == "L":
            out[-1].append((v[0], v[1]))
        elif cmd == "H":
            out[-1].append((v[0], out[-1][-1][1]))
        else:
            out[-1].append((out[-1][-1][0], v[0]))
    return out


def crosses_a_seat(line: list[Point], centres: np.ndarray, radius: float) -> bool:
    for (x1, y1), (x2, y2) in itertools.pairwise(line):
        dx, dy = x2 - x1, y2 - y1
        u = np.clip(((centres[:, 0] - x1) * dx + (centres[:, 1] - y1) * dy) / max(dx * dx + dy * dy, 1e-12), 0, 1)
        dist = np.hypot(centres[:, 0] - (x1 + u * dx), centres[:, 1] - (y1 + u * dy))
        if dist.min() < radius - 0.02:  # coordinates are written with two decimals
            return True
    return False


def extended(line: list[Point], first: Point | None = None) -> list[Point]:
    """The polyline run far out at both ends and closed round the left, far away: a polygon.

    The outer end continues in the direction of its last piece; the inner end continues along ``first``
    (a direction) or, by default, straight down (through the open floor of an arch or a horseshoe). The
    two far ends are joined ten times farther out, so the loop meets nothing the chart draws.
    """
    (xa, ya), (xb, yb) = line[-2], line[-1]
    norm = math.hypot(xb - xa, yb - ya)
    far = (xb + 1e6 * (xb - xa) / norm, yb + 1e6 * (yb - ya) / norm)
    if first is None:
        start = (line[0][0], line[0][1] + 1e6)
    else:
        start = (line[0][0] + 1e6 * first[0], line[0][1] + 1e6 * first[1])
    return [start, *line, far, (-1e7, -1e7), (-1e7, 1e7), start]


def parity(p: Point, line: list[Point]) -> int:
    """How many times the ray from ``p`` straight up crosses the polygon ``line``, modulo 2 (inside or not)."""
    count = 0
    px = p[0] + 1.234e-6  # off the grid of two-decimal coordinates: the ray never runs along a vertical piece
    for (x1, y1), (x2, y2) in itertools.pairwise(line):
        if (x1 > px) != (x2 > px):
            y = y1 + (px - x1) * (y2 - y1) / (x2 - x1)
            count += y < p[1]
    return count % 2


def assert_splits(line: list[Point], centres: Sequence[Point], radius: float, k: int) -> None:
    assert not crosses_a_seat(line, np.array(centres), radius)
    full = extended(line)
    sides = [parity(c, full) for c in centres]
    assert len(set(sides[:k])) <= 1 and len(set(sides[k:])) <= 1
    if 0 < k < len(centres):
        assert sides[0] != sides[-1]
