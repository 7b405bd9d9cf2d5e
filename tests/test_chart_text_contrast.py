"""Every text of every chart of every bundled scenario reads at 4.5:1 or more on its white background
(WCAG 1.4.3), lines named in their own colour included: the grey of the *other* side is fine for a line
(3.3:1, WCAG 1.4.11 asks 3) but not for the words naming it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from chart_text import SVG, worst_contrast
from whipcount.charts import hemicycle, render_timeline
from whipcount.charts.colours import contrast
from whipcount.io.scenario import bundled_scenarios, load_scenario


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_every_text_reads_on_white(sid: str, width: int | None) -> None:
    scenario = load_scenario(sid)
    for svg in (render_timeline(scenario, width=width), hemicycle(scenario, width=width, by="side").svg):
        root = ET.fromstring(svg)
        worst, words = worst_contrast(root, "#ffffff")
        assert worst >= 4.5, (words, round(worst, 2))
        for line in root.iter(f"{SVG}path"):
            if "series" in (line.get("class") or ""):
                assert contrast(line.get("stroke") or "", "#ffffff") >= 3.0, line.get("class")
