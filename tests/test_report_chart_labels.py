"""The report's seat charts (desktop and phone, every chart of the report) keep what the charts promise: each
line's label near its own line or joined to it by a leader (in a small chamber's horseshoe "4 to pass" sat 74
units from its line), and the vacant seats under a heading of their own in the legend (pk-na-2022's one
vacancy had followed the government's parties with no heading on the phone variant).

The truth is the geometry read back from each chart's SVG in the page (tests/test_chart_line_labels_any_size.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from test_chart_legend_vacant import _items
from test_chart_line_labels_any_size import NEAR, _gap, chamber, labels_and_lines
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.report import build_report


def _seat_charts(sc: Scenario, layout: str) -> list[ET.Element]:
    svgs = re.findall(r"<svg\b.*?</svg>", build_report(sc, layout=layout), re.S)
    return [ET.fromstring(s) for s in svgs if "hemicycle" in (ET.fromstring(s).get("class") or "")]


@pytest.mark.parametrize("layout", ["arch", "horseshoe", "westminster"])
@pytest.mark.parametrize("seats", [7, 30, 342])
def test_the_reports_line_labels_are_near_their_lines_or_joined(seats: int, layout: str) -> None:
    charts = _seat_charts(chamber(seats), layout)
    assert len(charts) == 2  # the desktop picture and the phone's
    for root in charts:
        for label, own, leader in labels_and_lines(root):
            assert _gap(label, own) <= NEAR or leader, (root.get("id"), label.words, round(_gap(label, own), 1))


@pytest.mark.parametrize("layout", ["arch", "horseshoe", "westminster"])
def test_the_reports_legends_give_the_vacant_seats_a_heading(layout: str) -> None:
    charts = [root for root in _seat_charts(load_scenario("pk-na-2022"), layout)
              if "party" in (root.get("id") or "")]
    assert len(charts) >= 2
    for root in charts:
        items = _items(root)
        at = next(i for i, it in enumerate(items) if it[0] == "vacant")
        assert items[at - 1][:2] == ("head", "Vacant 1"), (root.get("id"), items[at - 1])
