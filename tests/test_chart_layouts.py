"""Seat layouts: the fill order is the reading order of the page, parties come in whole blocks, the
crossbenches sit together at the far end, and the threshold line of the Westminster benches is one line
through the gaps between seat k and seat k + 1 of each bench.

The reading order is computed here from the seat centres alone (angle round the rows' centre, then
distance from it; position along a bench, then distance from the aisle) and compared with the order the
layout filled the seats in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from itertools import groupby

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from chart_paths import Point, crosses_a_seat, extended, parity, subpaths
from whipcount.charts import hemicycle, hemicycle_seats
from whipcount.charts.geometry import arch, horseshoe, place, westminster
from whipcount.charts.placement import Placement
from whipcount.errors import ChartError
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario

BUNDLED = sorted(bundled_scenarios())


@cache
def _scenario(sid: str) -> Scenario:
    return load_scenario(sid)


def _along(p: Point, centre: Point) -> tuple[tuple[int, float], float]:
    """Where a seat of a curved chamber is along its row (left arm up, the curve left to right, the right
    arm down; below the centre is an arm), and its distance from the centre line (which row)."""
    x, y = p
    cx, cy = centre
    if y > cy + 1e-6:
        return ((0, -y), cx - x) if x < cx else ((2, y), x - cx)
    return (1, math.atan2(cy - y, cx - x)), math.hypot(x - cx, y - cy)


def _bench_key(p: Point, centre: Point) -> tuple[float, float]:
    """Reading order of a bench: from the Speaker's end, then from the aisle back."""
    return round(p[0], 5), round(abs(p[1] - centre[1]), 5)


def _cross_key(p: Point, _centre: Point) -> tuple[float, float]:
    """Reading order of the crossbench block: column by column from the benches, each from the top."""
    return round(p[0], 5), round(p[1], 5)


def _in_reading_order(keys: Sequence[object]) -> bool:
    return all(a <= b for a, b in zip(keys, keys[1:], strict=False))  # type: ignore[operator]


def _rows_are_circles(pl: Placement) -> bool:
    """The declared centre is the centre: seats lie on as many distinct radii as there are rows."""
    cx, cy = pl.centre
    radii = sorted({round(math.hypot(x - cx, y - cy), 3) for x, y in pl.centres if y <= cy})
    gaps = np.diff(radii)
    return bool(len(radii) == 1 or gaps.min() > pl.radius)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 900), rows=st.none() | st.integers(1, 16), layout=st.sampled_from(["arch", "horseshoe"]))
def test_curved_layouts_fill_every_row_from_left_to_right(n: int, rows: int | None, layout: str) -> None:
    """Whatever the order across rows, each row is filled along the U: the threshold line needs it."""
    assume(rows is None or rows <= n)
    try:
        pl = (arch if layout == "arch" else horseshoe)(n, rows=rows)
    except ChartError as exc:
        assume("hold at most" not in str(exc))
        raise
    assert len(pl.centres) == n
    if layout == "arch":
        assert _rows_are_circles(pl)
    by_row: dict[float, list[tuple[int, float]]] = {}
    for p in pl.centres:
        where, dist = _along(p, pl.centre)
        by_row.setdefault(round(dist, 3), []).append(where)
    for positions in by_row.values():
        assert positions == sorted(positions)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(100, 3000), layout=st.sampled_from(["arch", "horseshoe"]))
def test_curved_layouts_fill_column_by_column_without_jumps(n: int, layout: str) -> None:
    """Seat after seat, the fill never jumps across the rows: the next seat is at most three row pitches
    away (filling by angle alone hops between the inner and the outer rows, and small parties come out
    as scattered seats)."""
    pl = (arch if layout == "arch" else horseshoe)(n)
    row_pitch = 2.5 * pl.radius  # seats are 0.8 of a row's thickness across
    steps = [math.dist(a, b) for a, b in itertools.pairwise(pl.centres)]
    assert max(steps) <= 3 * row_pitch


@settings(max_examples=40, deadline=None)
@given(upper=st.lists(st.integers(1, 60), max_size=8), lower=st.lists(st.integers(1, 60), max_size=8),
       cross=st.integers(0, 30), rows=st.none() | st.integers(1, 8))
def test_westminster_fills_each_bench_by_column_and_gives_each_block_its_own_columns(
    upper: list[int], lower: list[int], cross: int, rows: int | None
) -> None:
    assume(sum(upper) + sum(lower) + cross > 0)
    try:
        pl = westminster((upper, lower, cross), rows=rows)
    except ChartError as exc:
        assume("columns" not in str(exc))
        raise
    start = 0
    for blocks in (upper, lower):
        seats = pl.centres[start:start + sum(blocks)]
        start += sum(blocks)
        assert _in_reading_order([_bench_key(p, pl.centre) for p in seats])
        owner = [b for b, size in enumerate(blocks) for _ in range(size)]
        columns: dict[float, set[int]] = {}
        for (x, _), b in zip(seats, owner, strict=True):
            columns.setdefault(round(x, 5), set()).add(b)
        assert all(len(v) == 1 for v in columns.values())  # no column holds two blocks
    crossbench = pl.centres[start:]
    if crossbench:  # one block at the far end, centred on the centre line, which the Speaker sits on
        assert min(x for x, _ in crossbench) > max(x for x, _ in pl.centres[:start] or [(0.0, 0.0)])
        ys = [y for _, y in crossbench]
        assert (min(ys) + max(ys)) / 2 == pytest.approx(pl.centre[1])


def test_speaker_on_the_centre_line() -> None:
    for layout in ("arch", "horseshoe"):
        pl = place(layout, [342, 0, 0], speaker=True)
        assert pl.speaker is not None and pl.speaker[0] == pytest.approx(pl.centre[0])
        xs = [x for x, _ in pl.centres]
        assert (min(xs) + max(xs)) / 2 == pytest.approx(pl.centre[0])
    pl = westminster(([84, 56, 37], [155, 9], 1), speaker=True)
    assert pl.speaker is not None and pl.speaker[1] == pytest.approx(pl.centre[1])
    upper_front = max(y for _, y in pl.centres[:177])
    lower_front = min(y for _, y in pl.centres[177:341])
    assert (upper_front + lower_front) / 2 == pytest.approx(pl.centre[1])


def _drawn(scenario: Scenario, layout: str, by: str, when: object) -> tuple[list[str], Placement, list[int]]:
    """Seat keys (party and side, or stance) in fill order, the placement as the chart makes it, and the bench of every seat."""
    state = scenario.state(when)  # type: ignore[arg-type]
    stances = None
    if by == "stance":
        from whipcount.report.engines import stance_view

        stances = list(stance_view(scenario, state.date).blocks)
    seats, _ = hemicycle_seats(state, by=by, stances=stances)
    if by == "party":  # a party split between sides is one block on each side
        seats = [dataclasses.replace(s, key=f"{s.key}@{s.side}") for s in seats]
    if layout != "westminster":
        return [s.key for s in seats], place(layout, [len(seats), 0, 0]), [0] * len(seats)
    sides = state.chamber.sides
    upper = "opposition" if "opposition" in sides else sides[0]
    lower = "government" if "government" in sides else sides[min(1, len(sides) - 1)]
    lean = {"yes": 0, "lean-yes": 0, "no": 1, "lean-no": 1}  # by stance: ayes, noes, and the crossbenches
    bench = [2 if s.vacant else lean.get(s.stance, 2) if s.stance else 0 if s.side == upper else 1 if s.side == lower
             else 2 for s in seats]
    ordered = [s for b in (0, 1, 2) for s, sb in zip(seats, bench, strict=True) if sb == b]
    blocks = [[len(list(g)) for _, g in groupby(s.key for s, sb in zip(seats, bench, strict=True) if sb == b)]
              for b in (0, 1, 2)]
    return [s.key for s in ordered], place(layout, blocks), sorted(bench)


CASES = [(sid, layout, by) for sid in BUNDLED for layout in ("arch", "horseshoe", "westminster")
         for by in ("party", "stance")]


def _pieces(members: list[int], near: np.ndarray) -> int:
    """How many connected pieces the seats ``members`` form, two seats being connected when ``near``."""
    left, pieces = set(members), 0
    while left:
        pieces += 1
        todo = [left.pop()]
        while todo:
            i = todo.pop()
            found = [j for j in left if near[i, j]]
            left.difference_update(found)
            todo += found
    return pieces


@pytest.mark.parametrize(("sid", "layout", "by"), CASES)
def test_every_party_is_one_block_and_vacant_seats_sit_with_others(sid: str, layout: str, by: str) -> None:
    """On the page, every party (every stance) is one piece (on each bench): each of its seats is within 1.6 seat pitches
    of another of its seats and they all hang together; on the benches each is also one run in reading
    order. A vacant seat is never far from the others."""
    sc = _scenario(sid)
    for when, _ in sc.key_dates or ((sc.default_date, ""),):
        keys, pl, bench = _drawn(sc, layout, by, when)
        assert len(keys) == len(pl.centres) == sc.state(when).seats
        pts = np.array(pl.centres)
        d = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
        np.fill_diagonal(d, np.inf)
        nearest = d.min(axis=1)
        pitch = statistics.median(nearest)
        for k, b in set(zip(keys, bench, strict=True)) - {("vacant", 2), ("vacant", 0)}:
            members = [i for i, (x, sb) in enumerate(zip(keys, bench, strict=True)) if (x, sb) == (k, b)]
            assert _pieces(members, d <= 1.6 * pitch) == 1, f"{sid} {layout} {by} {when}: {k} in pieces"
        if layout == "westminster":
            for b in set(bench):
                key = _bench_key if b < 2 else _cross_key
                order = sorted((i for i, sb in enumerate(bench) if sb == b),
                               key=lambda i: key(pl.centres[i], pl.centre))  # noqa: B023
                runs = [k for k, _ in groupby(keys[i] for i in order)]
                assert len(runs) == len(set(runs)), f"{sid} {by} {when}: interleaved {runs}"
        for i, k in enumerate(keys):
            if k == "vacant":  # with the other seats: at most a diagonal across the aisle from the nearest
                assert nearest[i] <= 2.25 * pitch, f"{sid} {layout} {when}: vacant seat {i} alone"


def _bench_piece(line: list[Point], *, upper: bool, upper_bottom: float, lower_top: float) -> list[Point]:
    """The part of the one threshold line that runs through a bench (cut where it crosses the aisle)."""
    if upper:
        end = next(i for i, p in enumerate(line) if p[1] > upper_bottom)
        return line[:end + 1]
    start = max(i for i, p in enumerate(line) if p[1] < lower_top)
    return line[start:]


@settings(max_examples=60, deadline=None)
@given(upper=st.lists(st.integers(1, 80), max_size=6), lower=st.lists(st.integers(1, 80), max_size=6),
       cross=st.integers(0, 40), frac=st.floats(0.0, 1.0))
def test_westminster_threshold_is_one_line_between_seat_k_and_k_plus_1_of_each_bench(
    upper: list[int], lower: list[int], cross: int, frac: float
) -> None:
    n_up, n_low = sum(upper), sum(lower)
    assume(n_up + n_low + cross > 0)
    k = max(1, round((n_up + n_low + cross) * frac))
    try:
        pl = westminster((upper, lower, cross), reach=k)
    except ChartError as exc:  # a line far past the end of the benches would need more than 80 columns
        assume("columns" not in str(exc))
        raise
    (line,) = subpaths(pl.divider(k))  # one line, not one per bench
    assert not crosses_a_seat(line, np.array(pl.centres), pl.radius)
    mid = pl.centre[1]
    for is_upper, bench in ((True, pl.centres[:n_up]), (False, pl.centres[n_up:n_up + n_low])):
        if not bench:
            continue
        piece = _bench_piece(line, upper=is_upper, upper_bottom=mid, lower_top=mid + 2 * pl.radius)
        first = (0.0, -1.0)  # the open end of either piece points away from the bench: up, or up across the aisle
        sides = [parity(c, extended(piece, first)) for c in bench]
        assert len(set(sides[:k])) <= 1 and len(set(sides[k:])) <= 1
        if 0 < k < len(bench):
            assert sides[0] != sides[-1]


@pytest.mark.parametrize("layout", ["arch", "horseshoe", "westminster"])
@pytest.mark.parametrize("needed", [1, 40, 100, 172, 228, 280, 330, 342])
def test_threshold_label_covers_no_seat(layout: str, needed: int) -> None:
    """The label of the line sits beside it, never over a seat (13px semi-bold: 8.5 units a character)."""
    root = ET.fromstring(hemicycle(_scenario("pk-na-2022"), on=dt.date(2022, 4, 3), layout=layout,
                                   needed=needed).svg)
    svg = "{http://www.w3.org/2000/svg}"
    def shift(g: ET.Element | None) -> tuple[float, float]:  # "translate(x y)" of a group, else none
        m = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", (g.get("transform") or "") if g is not None else "")
        return (float(m[1]), float(m[2])) if m else (0.0, 0.0)

    group = next(g for g in root.iter(f"{svg}g") if g.get("class") == "seats")
    gx, gy = shift(group)
    seats = [(float(c.get("cx") or 0) + gx, float(c.get("cy") or 0) + gy, float(c.get("r") or 0))
             for c in group.iter(f"{svg}circle")]
    parent = {child: g for g in root.iter() for child in g}
    (label,) = [t for t in root.iter(f"{svg}text") if t.get("class") == "tlabel"]
    lx, ly = shift(parent.get(label))  # the label may sit in the lines' group or in the page's frame
    w = 8.5 * len(label.text or "")
    x, y = float(label.get("x") or 0) + lx, float(label.get("y") or 0) + ly
    x0 = x - {"start": 0, "middle": w / 2, "end": w}[label.get("text-anchor") or "start"]
    for cx, cy, r in seats:  # the distance from the seat's centre to the box is more than its radius
        dx, dy = max(x0 - cx, 0, cx - (x0 + w)), max(y - 13 - cy, 0, cy - (y + 3))
        assert math.hypot(dx, dy) > r, (label.text, (cx, cy))
