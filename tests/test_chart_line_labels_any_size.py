"""The labels of the majority and two-thirds lines cover no seat and no other text in a chamber of any size, in
every layout, on a desktop and on a phone. In a chamber of 3,000 seats drawn 320 pixels wide the room above
the seats held one label, and "two thirds: 2000" was set over 66 seats of the horseshoe's right-hand curve
(on the benches 390 wide, "1501 to pass" over three).

The truth is geometry read back from the SVG (tests/test_chart_text_layout.py: each seat's centre and radius
as drawn, each text's box from the charts' generous width estimate)."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from chart_text import SVG, Text, texts
from test_chart_text_layout import _covers, _seats
from whipcount.charts import hemicycle
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario


def chamber(seats: int) -> Scenario:
    """A chamber of ``seats``: a government of a little under half, an opposition and a few on neither side."""
    other = seats // 10
    gov = (seats - other) // 2
    text = (f"id: n{seats}\nchamber: {{name: Test Assembly, rules: pk-na, seats: {seats}, as_of: 2020-01-01}}\n"
            f"parties:\n  - {{id: g, name: Gov, seats: {gov}, side: government}}\n"
            f"  - {{id: o, name: Opp, seats: {seats - other - gov}, side: opposition}}\n"
            + (f"  - {{id: x, name: Else, seats: {other}, side: other}}\n" if other else ""))
    return parse_scenario(load_yaml_text(text, "n.yaml"))


@pytest.mark.parametrize("width", [None, 390, 320])
@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
@pytest.mark.parametrize("seats", [2, 3, 7, 30, 342, 650, 1200, 2000, 3000])
def test_the_lines_labels_cover_no_seat_in_a_chamber_of_any_size(seats: int, layout: str, width: int | None) -> None:
    root = ET.fromstring(hemicycle(chamber(seats), layout=layout, width=width, two_thirds=True).svg)
    right = float((root.get("viewBox") or "").split()[2])
    centres, r = _seats(root)
    shown = [t for t in texts(root) if t.words.strip()]
    labels = [t for t in shown if "tlabel" in t.cls.split()]
    assert len(labels) == 2
    for label in labels:
        assert not _covers(label, centres, r), (label.words, len(_covers(label, centres, r)))
        assert -0.5 <= label.x0 and label.x1 <= right + 0.5, label
        assert not [t.words for t in shown if t is not label and t.overlaps(label)], label.words


#: The farthest a label may lie from its own line without a leader joining them (units).
NEAR = 20.0


def _line_points(d: str, dx: float, dy: float, k: float) -> list[tuple[float, float]]:
    """Points a unit apart along a path of M, L, H and V (absolute), shifted and scaled as drawn."""
    out: list[tuple[float, float]] = []
    x = y = 0.0
    for cmd, args in re.findall(r"([MLHV])([^MLHV]*)", d):
        v = [float(a) for a in re.findall(r"-?[0-9.]+", args)]
        nx, ny = (v[0], v[1]) if cmd in "ML" else (v[0], y) if cmd == "H" else (x, v[0])
        n = max(1, math.ceil(math.hypot(nx - x, ny - y))) if cmd != "M" else 0
        out += [(x + (nx - x) * i / n, y + (ny - y) * i / n) for i in range(1, n + 1)] if n else [(nx, ny)]
        x, y = nx, ny
    return [(dx + k * px, dy + k * py) for px, py in out]


def _gap(t: Text, points: list[tuple[float, float]]) -> float:
    return min(math.hypot(x - min(max(x, t.x0), t.x1), y - min(max(y, t.y0), t.y1)) for x, y in points)


def labels_and_lines(root: ET.Element) -> list[tuple[Text, list[tuple[float, float]], list[tuple[float, float]]]]:
    """Each line's label, the points of its own line (the line whose title is the label's words) and the
    ends of a leader that joins the two (none when no leader starts at the label and ends on its line)."""
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "thresholds")
    nums = [float(v) for v in re.findall(r"-?[0-9.]+", group.get("transform") or "")]
    dx, dy, k = nums[0], nums[1], nums[2] if len(nums) > 2 else 1.0
    lines = {"".join(p.find(f"{SVG}title").itertext()): _line_points(p.get("d") or "", dx, dy, k)  # type: ignore[union-attr]
             for p in group.iter(f"{SVG}path")}
    leaders = [_line_points(p.get("d") or "", 0, 0, 1) for p in root.iter(f"{SVG}path")
               if "leader" in (p.get("class") or "").split()]
    out = []
    for label in (t for t in texts(root) if "tlabel" in t.cls.split()):
        own = lines[label.words]
        joined = [pts for pts in leaders if _gap(label, pts[:1]) <= 3 and
                  min(math.hypot(pts[-1][0] - x, pts[-1][1] - y) for x, y in own) <= 3]
        out.append((label, own, joined[0] if joined else []))
    return out


@pytest.mark.parametrize("width", [None, 390, 360, 320])
@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
@pytest.mark.parametrize("seats", [2, 3, 7, 30, 342, 650, 1200, 2000, 3000])
def test_each_label_is_near_its_own_line_or_joined_to_it(seats: int, layout: str, width: int | None) -> None:
    """A label moved off the seats to where there was room could end far from its line: on pk-na-2022's
    desktop horseshoe "two thirds: 228" sat about 130 units from the two-thirds line, over the right arm,
    and in a chamber of two seats 600 units from it. A reader could not tell which line it named. A leader
    crosses no seat and no other text (on es-cd-2018's arch 320 wide a first leader ran through "176 to pass")."""
    root = ET.fromstring(hemicycle(chamber(seats), layout=layout, width=width, two_thirds=True).svg)
    centres, r = _seats(root)
    found = labels_and_lines(root)
    assert len(found) == 2
    for label, own, leader in found:
        assert _gap(label, own) <= NEAR or leader, (label.words, round(_gap(label, own), 1))
        assert not _covers(label, centres, r), label.words
        assert not [c for c in centres for x, y in leader if math.hypot(x - c[0], y - c[1]) < r * 0.99], label.words
        crossed = [t.words for t in texts(root) if t.words.strip() and t is not label and t.words != label.words
                   and any(t.x0 + 0.5 < x < t.x1 - 0.5 and t.y0 + 0.5 < y < t.y1 - 0.5 for x, y in leader)]
        assert crossed == [], (label.words, crossed)
