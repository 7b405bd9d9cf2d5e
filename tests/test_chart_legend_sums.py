"""Every heading of a seat chart's legend ("Government 315") counts the seats of the entries under it, on every
variant of the chart: under the seats, on a phone and on the social card, where the parties with the fewest
seats are drawn together. The card had put one entry for the smallest parties of every side, "24 others 348",
under the last side's heading, "Government 315": a reader added the government's parties and found 663.

The truth is the chart's own seats: each heading's number is checked against the sum of the counts under it,
and the seats of each side (``data-side`` on the seats' groups) against its heading."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from svg_seats import SVG, seat_circles
from test_chart_social_card import scenario
from whipcount.charts import hemicycle
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario

_HEAD = re.compile(r"(.+) (\d[\d,]*)")


def headed_sums(svg: str) -> list[tuple[str, int, int]]:
    """Each legend heading's words, its number and the sum of the entries under it (to the next heading; the
    vacant seats, on no side, under a heading of their own where the legend is grouped by side)."""
    out: list[tuple[str, int, int]] = []
    for el in ET.fromstring(svg).iter():
        cls = el.get("class") or ""
        if el.tag == f"{SVG}text" and cls == "lg-head":
            m = _HEAD.fullmatch("".join(el.itertext()).strip())
            assert m is not None, "".join(el.itertext())
            out.append((m.group(1), int(m.group(2).replace(",", "")), 0))
        elif el.tag == f"{SVG}g" and cls == "legend-entry":
            assert out, f"legend entry {el.get('data-key')} under no heading"
            head, n, total = out[-1]
            out[-1] = (head, n, total + int(el.get("data-count") or 0))
    return out


def _check(svg: str) -> None:
    sums = headed_sums(svg)
    assert [(h, n) for h, n, total in sums if n != total] == [], sums
    seats = Counter(s.get("data-side") or "vacant" for s in seat_circles(ET.fromstring(svg)))
    for head, n, _ in sums:
        side = head.lower()
        if side in seats:
            assert seats[side] == n, (head, n, seats)


def _card(sc: Scenario) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return hemicycle(sc, legend_beside=True).svg


@pytest.mark.parametrize("n", [13, 30, 40, 60])
def test_a_cards_headings_count_the_entries_under_them_when_parties_are_drawn_together(n: int) -> None:
    _check(_card(scenario(n, long=True)))


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_every_legend_heading_counts_its_entries(sid: str) -> None:
    sc = load_scenario(sid)
    for svg in (hemicycle(sc).svg, hemicycle(sc, width=390).svg, _card(sc)):
        _check(svg)
