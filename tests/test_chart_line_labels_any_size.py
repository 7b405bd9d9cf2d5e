"""The labels of the majority and two-thirds lines cover no seat and no other text in a chamber of any size, in
every layout, on a desktop and on a phone. In a chamber of 3,000 seats drawn 320 pixels wide the room above
the seats held one label, and "two thirds: 2000" was set over 66 seats of the horseshoe's right-hand curve
(on the benches 390 wide, "1501 to pass" over three).

The truth is geometry read back from the SVG (tests/test_chart_text_layout.py: each seat's centre and radius
as drawn, each text's box from the charts' generous width estimate)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from chart_text import texts
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
