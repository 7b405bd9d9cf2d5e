"""The vacant seats have a place of their own in a legend grouped by side: a heading over their entry, in
every layout of the legend (columns under the seats, one column on a phone, columns beside the seats on the
social card), and a group of their own in the description a screen reader reads. On a phone the entry
"Vacant 1" came straight after the government's parties with no heading, so it read as one of them, under
"Government 164" (pk-na-2022, 390 wide); by stance or by side, "Vacant 1" ran on in the rows of stances
("No 164", "Vacant 1") or sides as if it were one of them.

The truth is the legend read back from the SVG in document order (the order it is read in) and its
geometry: the heading just before the vacant entry, above it in the same column. A PNG is this SVG drawn
by resvg, so it has the heading too."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

import pytest

from chart_text import SVG
from whipcount.charts import hemicycle
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.report.engines import stance_view

VACANT = {"pk-na-2022": 1}  # the vacant seats of the bundled case on its vote, as its subtitle gives them


def _svg(sc: Scenario, variant: str, layout: str, by: str = "party") -> str:
    stances = list(stance_view(sc, None).blocks) if by == "stance" else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if variant == "card":
            return hemicycle(sc, layout=layout, by=by, stances=stances, legend_beside=True).svg
        return hemicycle(sc, layout=layout, by=by, stances=stances,
                         width=None if variant == "desktop" else int(variant)).svg


def _items(root: ET.Element) -> list[tuple[str, str, float, float]]:
    """The legend's headings and entries in document order: kind ('head' or the entry's key), words, x, y."""
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")
    out = []
    for el in legend:
        if el.tag == f"{SVG}text" and el.get("class") == "lg-head":
            out.append(("head", "".join(el.itertext()), float(el.get("x") or 0), float(el.get("y") or 0)))
        elif el.get("class") == "legend-entry":
            sw = el[0]
            out.append((el.get("data-key") or "", el.get("data-count") or "",
                        float(sw.get("cx") or 0) - 7, float(sw.get("cy") or 0) + 5))
    return out


@pytest.mark.parametrize("by", ["party", "stance", "side"])
@pytest.mark.parametrize("layout", ["arch", "horseshoe", "westminster"])
@pytest.mark.parametrize("variant", ["desktop", "390", "320", "card"])
def test_the_vacant_seats_have_a_heading_of_their_own(variant: str, layout: str, by: str) -> None:
    sc = load_scenario("pk-na-2022")
    svg = _svg(sc, variant, layout, by)
    items = _items(ET.fromstring(svg))
    at = next(i for i, it in enumerate(items) if it[0] == "vacant")
    kind, words, x, y = items[at - 1]
    assert kind == "head", (variant, items[at - 1], items[at])
    assert words == f"Vacant {VACANT['pk-na-2022']}"
    assert abs(x - items[at][2]) < 0.5 and 0 < items[at][3] - y < 30, (items[at - 1], items[at])
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S)
    assert desc is not None
    groups = desc.group(1).split(". ", 1)[1].split(". ", 1)[0].split("; ")
    assert groups[-1] == "Vacant 1", groups

