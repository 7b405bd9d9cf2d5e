"""The dashed outline of an unverified or vacant seat is visible at every width a chart can be shown at.

Independent truth: SVG's own geometry. A length inside the seats' group is drawn at the group's
``scale()`` times the picture's scale, the width it is shown at over its ``viewBox`` width (a chart drawn
for a phone is shown at the width it was drawn for; a desktop chart drawn with no width, at its own). The
least visible outline is taken as 1 CSS pixel wide with dashes of 2 and gaps of 1.5 CSS pixels: thinner
lines and gaps blur into a faint ring on a 1x screen, as they did on a 360-pixel phone (0.55 px lines,
1.4 px dashes with 1 px gaps for Pakistan's 342 seats). A rendered picture (resvg) at 360 pixels then
shows the dashes: light and dark alternate around the vacant seat.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest

from svg_seats import seat_circles
from test_report import _png_pixels
from whipcount.charts import hemicycle
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario
from whipcount.report.engines import stance_view

SVG = "{http://www.w3.org/2000/svg}"
SCENARIOS = sorted(bundled_scenarios())
WIDTHS = (240, 320, 360, 390, 480, 559, 560, 768, 1024, None)  # 240 to 4000 are accepted; None: its own width
LINE, DASH, GAP = 1.0, 2.0, 1.5


def rules(svg: ET.Element) -> dict[str, dict[str, str]]:
    style = svg.find(f"{SVG}style")
    assert style is not None and style.text
    return {sel.strip(): dict(d.split(":", 1) for d in body.split(";") if ":" in d)
            for sel, body in re.findall(r"#[\w-]+ ([^{]+)\{([^}]*)\}", style.text)}


def pixels_per_unit(svg: ET.Element, width: float | None) -> float:
    """CSS pixels per unit of the seats' drawing, the chart shown ``width`` pixels wide."""
    view_w = float(svg.get("viewBox", "").split()[2])
    seats = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "seats")
    m = re.search(r"scale\(([\d.]+)\)", seats.get("transform", ""))
    return (float(m.group(1)) if m else 1.0) * (width or view_w) / view_w


def outline(svg: ET.Element, width: float | None, cls: str) -> tuple[float, float, float]:
    """The outline of seats of class ``cls`` in CSS pixels as shown: width, dash and gap."""
    rule = rules(svg)[f".seat.{cls}"]
    k = pixels_per_unit(svg, width)
    dash, gap = (float(v) for v in rule["stroke-dasharray"].split())
    return float(rule["stroke-width"]) * k, dash * k, gap * k


def charts(scenario: Scenario, width: float | None) -> list[tuple[str, ET.Element]]:
    out = [(f"{scenario.id} by party at {width}", ET.fromstring(hemicycle(scenario, width=width).svg))]
    if scenario.motion is not None:
        blocks = list(stance_view(scenario, None).blocks)
        out.append((f"{scenario.id} by stance at {width}",
                    ET.fromstring(hemicycle(scenario, by="stance", stances=blocks, width=width).svg)))
    return out


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sid", SCENARIOS)
def test_dashed_outlines_are_at_least_a_pixel_wide_with_visible_dashes(sid: str, width: int | None) -> None:
    for what, svg in charts(load_scenario(sid), width):
        for cls in ("unverified", "vacant"):
            line, dash, gap = outline(svg, width, cls)
            assert line >= LINE and dash >= DASH and gap >= GAP, f"{what}: {cls} {line:.2f} {dash:.2f} {gap:.2f} px"
        # the Speaker's and the light seats' solid outlines are as thick
        k = pixels_per_unit(svg, width)
        widths = [float(r["stroke-width"]) * k for sel, r in rules(svg).items()
                  if sel == ".seat.speaker" or sel.startswith(".seat.edge-")]
        assert widths and min(widths) >= LINE, what


def test_at_360_pixels_pakistan_has_such_seats_and_their_outlines_measure_up(pakistan: Scenario) -> None:
    """The seats the outlines are for are there at 360 pixels: Pakistan's vacant seat, JI's unverified one."""
    for what, svg in charts(pakistan, 360):
        classes = [set((c.get("class") or "").split()) for c in seat_circles(svg)]
        assert any("vacant" in c for c in classes) and any("unverified" in c for c in classes), what
        line, dash, gap = outline(svg, 360, "unverified")
        assert (line, dash, gap) >= (LINE, DASH, GAP)


def test_the_vacant_seat_shows_dashes_when_rendered_at_360_pixels(pakistan: Scenario) -> None:
    pytest.importorskip("resvg_py")
    import resvg_py

    text = hemicycle(pakistan, width=360).svg
    svg = ET.fromstring(text)
    view_w, view_h = (float(v) for v in svg.get("viewBox", "").split()[2:])
    png = bytes(resvg_py.svg_to_bytes(svg_string=text, width=360, height=round(view_h * 360 / view_w),
                                      background="#ffffff"))
    w, _, rows = _png_pixels(png)
    assert w == 360
    seats = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "seats")
    tx, ty = (float(v) for v in re.findall(r"translate\(([\d.]+) ([\d.]+)\)", seats.get("transform", ""))[0])
    k = pixels_per_unit(svg, 360)
    vacant = next(c for c in seat_circles(svg) if "vacant" in (c.get("class") or "").split())
    cx, cy, r = (float(vacant.get(a, "")) for a in ("cx", "cy", "r"))
    x0, y0, rr = tx + k * cx, ty + k * cy, k * r

    def grey(x: float, y: float) -> int:
        row = rows[round(y)]
        i = 3 * round(x)
        return sum(row[i:i + 3]) // 3

    ring = [grey(x0 + rr * math.cos(t), y0 + rr * math.sin(t)) for t in (2 * math.pi * i / 96 for i in range(96))]
    assert min(ring) <= 0x99, f"the darkest point of the outline is #{min(ring):02x} grey: too faint"
    dark = [g <= 0xb0 for g in ring]
    turns = sum(a != b for a, b in zip(dark, dark[1:] + dark[:1], strict=True))
    assert turns >= 6, f"{turns} changes between dash and gap around the seat: the dashes run together"
