"""Small chambers (and every size up to a hundred seats): each party is one block in reading order and the
majority line is one clean line between seat ``needed`` and seat ``needed + 1``.

parliamentarch spreads a small chamber's few seats thinly over its rows (thirteen seats: three, four and
six on rows that hold seven, ten and fourteen), so seats of different rows lie far apart in angle. The
checks here measure, from the seat centres alone, how far a seat lies back (to the left, along the
inner row) of a seat filled before it, and how wide the line swings round the arch, in seat radii.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chart_paths import Point, assert_splits, subpaths
from whipcount.charts import hemicycle
from whipcount.charts.geometry import arch, horseshoe
from whipcount.charts.placement import Placement
from whipcount.io.scenario import load_scenario

SIZES = [*range(1, 101), 150, 342, 544, 650, 1000, 3000]
PITCH = 2.5  # seat radii from one seat to the next of a full row (a seat is 0.8 of a row's thickness)


def _angle(p: Point, centre: Point) -> float:
    return math.atan2(centre[1] - p[1], centre[0] - p[0])


def _inner_radius(pl: Placement) -> float:
    return min(math.hypot(x - pl.centre[0], y - pl.centre[1]) for x, y in pl.centres)


def _curve(pl: Placement) -> list[Point]:
    """The seats on the curve (a horseshoe's arms below the centre are ranks, level by construction)."""
    return [p for p in pl.centres if p[1] <= pl.centre[1] + 1e-6]


def _most_back(pl: Placement) -> float:
    """How far, in seat radii along the inner row, a seat lies to the left of one filled before it."""
    scale = _inner_radius(pl) / pl.radius
    furthest, back = -math.inf, 0.0
    for p in _curve(pl):
        a = _angle(p, pl.centre) * scale
        back, furthest = max(back, furthest - a), max(furthest, a)
    return back


@pytest.mark.parametrize("layout", ["arch", "horseshoe"])
def test_seats_fill_from_left_to_right_at_every_size(layout: str) -> None:
    """No seat comes more than about one and a half seat pitches of the inner row to the left of a seat
    filled before it: a column of the fill is at most that wide. (Thirteen seats used to put the 6th seat
    of the left party right of the middle, 4.8 radii back of the 7th; three seats, the middle one first.)"""
    make = arch if layout == "arch" else horseshoe
    worst = {n: _most_back(make(n)) for n in SIZES}
    bad = {n: round(b, 2) for n, b in worst.items() if b > 1.6 * PITCH}
    assert not bad


@pytest.mark.parametrize("layout", ["arch", "horseshoe"])
def test_majority_line_separates_and_runs_straight_at_every_size(layout: str) -> None:
    """For every size up to 100 (every k up to 40 seats, else the majority) the line is one path that cuts
    no seat and has the first k seats on one side, and it swings at most about two and a half seat pitches round the
    arch (a small chamber's used to run half round it, from an empty corner to the label)."""
    make = arch if layout == "arch" else horseshoe
    for n in SIZES:
        pl = make(n)
        scale = _inner_radius(pl) / pl.radius
        for k in range(n + 1) if n <= 40 else [n // 2 + 1]:
            (line,) = subpaths(pl.divider(k))
            assert_splits(line, pl.centres, pl.radius, k)
            if 0 < k < n:
                angles = [_angle(p, pl.centre) for p in line if p[1] <= pl.centre[1] + 0.5] or [0.0]
                assert (max(angles) - min(angles)) * scale <= 2.4 * PITCH, (n, k)


def _two_parties(tmp_path: Path, gov: int, opp: int) -> Path:
    path = tmp_path / f"s{gov + opp}.yaml"
    path.write_text(
        f"id: s{gov + opp}\ntitle: Small\n"
        f"chamber: {{name: Small Assembly, rules: pk-na, seats: {gov + opp}, as_of: 2024-01-01}}\n"
        "parties:\n"
        f"  - {{id: g, name: Gov, seats: {gov}, side: government, source: 'https://example.org/p'}}\n"
        f"  - {{id: o, name: Opp, seats: {opp}, side: opposition, source: 'https://example.org/p'}}\n",
        encoding="utf-8")
    return path


def _shift(group: ET.Element) -> tuple[float, float, float]:
    m = re.match(r"translate\(([-0-9.]+) ([-0-9.]+)\)(?: scale\(([-0-9.]+)\))?", group.get("transform") or "")
    assert m
    return float(m[1]), float(m[2]), float(m[3] or 1)


@pytest.mark.parametrize(("gov", "opp"), [(2, 1), (7, 6), (1, 0), (3, 2), (9, 8), (11, 10), (12, 9)])
@pytest.mark.parametrize("width", [None, 390])
def test_small_chamber_svg_has_one_block_a_side_and_one_line(tmp_path: Path, gov: int, opp: int,
                                                            width: int | None) -> None:
    """Read off the drawn SVG: in the order of their angle round the arch's centre the opposition's seats
    come first, then the government's; the line splits the seats in document order after the needed."""
    sc = load_scenario(_two_parties(tmp_path, gov, opp))
    root = ET.fromstring(hemicycle(sc, width=width).svg)
    ns = "{http://www.w3.org/2000/svg}"
    seats_g = next(g for g in root.iter(f"{ns}g") if g.get("class") == "seats")
    lines_g = next(g for g in root.iter(f"{ns}g") if g.get("class") == "thresholds")
    assert _shift(seats_g) == _shift(lines_g)  # one frame for both
    circles = [c for c in seats_g.iter(f"{ns}circle") if "seat" in (c.get("class") or "").split()]
    pts = [(float(c.get("cx") or 0), float(c.get("cy") or 0)) for c in circles]
    party = ["g" if "party-g" in (c.get("class") or "") else "o" for c in circles]
    r = float(circles[0].get("r") or 0)
    xs = [x for x, _ in pts]
    centre = ((min(xs) + max(xs)) / 2, max(y for _, y in pts) + r)
    by_angle = [party[i] for i in sorted(range(len(pts)), key=lambda i: _angle(pts[i], centre))]
    assert by_angle == sorted(by_angle, key="og".index)
    needed = (gov + opp) // 2 + 1
    (path,) = [p for p in lines_g.iter(f"{ns}path") if "majority" in (p.get("class") or "")]
    (line,) = subpaths(path.get("d") or "")
    assert_splits(line, pts, r, needed)
