"""The social card (1200 x 675 pixels) shows no text under 10 pixels: the hemicycle is laid out for it
(legend in columns beside the seats, notes shortened, the smallest parties drawn as "N others" when nothing
else fits, each said in a warning), and a chart that still comes out smaller is rendered with a warning.

The truth is worked out here from the SVG alone: the card shows a chart of w x h units at
min((1200 - 2 * 24) / w, (675 - 2 * 24) / h) pixels a unit, and every text's size is read from the chart's
stylesheet (tests/chart_text.py), so the smallest text on the card is that size times that scale."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

import pytest

from chart_text import texts
from whipcount.charts import hemicycle
from whipcount.charts.card import CardFitWarning, CardMeasure, plan_card
from whipcount.charts.legend import LegendEntry, flow_columns
from whipcount.charts.partycolours import scenario_colours
from whipcount.charts.raster import card_svg
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario

LONG = "Democratic Alliance for the Progress and Renewal of the Northern Region number "


def scenario(n: int, long: bool) -> Scenario:
    sides = ["government", "opposition", "other"]
    seats = [3 + (i * 7) % 11 for i in range(n)]
    rows = "".join(f"  - {{id: p{i}, name: '{LONG if long else 'Party '}{i}', seats: {s}, side: {sides[i % 3]}}}\n"
                   for i, s in enumerate(seats))
    text = (f"id: t\nchamber: {{name: Test Assembly, rules: pk-na, seats: {sum(seats)}, as_of: 2020-01-01}}\n"
            f"parties:\n{rows}")
    return parse_scenario(load_yaml_text(text, "t.yaml"))


def on_card(svg: str) -> tuple[float, float, list[str]]:
    """The smallest text of the chart in pixels on the card, the widest text's right edge past the chart's own
    right edge (units), and the chart's texts."""
    root = ET.fromstring(svg)
    _, _, w, h = (float(v) for v in root.get("viewBox", "").split())
    scale = min(1152 / w, 627 / h)
    found = texts(root)
    return min(t.size for t in found) * scale, max(t.x1 for t in found) - w, [t.words for t in found]


@pytest.mark.parametrize("long", [False, True])
@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 13, 21, 30, 40, 50, 60])
def test_no_text_on_the_social_card_is_under_10_pixels(n: int, long: bool) -> None:
    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always")
        sc = scenario(n, long)
        svg = hemicycle(sc, legend_beside=True).svg
        card_svg(svg)
    smallest, overrun, words = on_card(svg)
    assert smallest >= 10, f"{n} parties: {smallest:.2f} px"
    assert overrun <= 1, "a text runs out of the picture"
    said = " ".join(str(w.message) for w in told if issubclass(w.category, CardFitWarning))
    assert "under 10" not in said
    shown = " ".join(words)
    grouped = scenario_colours(sc).grouped  # drawn as "Others" for colour-blind readers, on any chart
    for i in range(n):  # every party is in the legend (a long name on two lines) or named as drawn among others
        name = f"{LONG if long else 'Party '}{i}"
        assert f"p{i}" in grouped or name in said or re.search(rf"\b{name.split()[-2]} {i}\b", shown), name


def test_pakistan_keeps_every_note_and_party_on_the_card() -> None:
    from whipcount.io.scenario import load_scenario

    with warnings.catch_warnings():
        warnings.simplefilter("error", CardFitWarning)
        svg = hemicycle(load_scenario("pk-na-2022"), two_thirds=True, legend_beside=True).svg
    assert on_card(svg)[0] >= 10


def _entry(i: int) -> LegendEntry:
    return LegendEntry(f"p{i}", f"{LONG}{i}", "#336699", 100 - i)


def test_when_nothing_else_fits_the_smallest_parties_are_drawn_as_others_and_named_in_the_warning() -> None:
    legend = [("Government", [_entry(i) for i in range(0, 90, 2)]), ("Opposition", [_entry(i) for i in range(1, 90, 2)])]
    measure = CardMeasure((900.0, 450.0), 16.0, lambda w: 60.0, lambda notes, w: 16.0 * (1 + len(notes)),
                          lambda lg, short: [])
    box = (1267.2, 689.7)  # 1152 x 627 pixels at 11 / 10 units a pixel
    plan = plan_card(legend, measure, box)
    # each side that loses parties ends with its own "N others", counting that side's merged parties alone
    for head, group in plan.legend:
        first = 0 if head == "Government" else 1
        merged = [i for i in range(first, 90, 2) if f"p{i}" in plan.merged_keys]
        others = [e for e in group if e.label.endswith(" others")]
        assert [(e.label, e.count) for e in others] == ([(f"{len(merged)} others", sum(100 - i for i in merged))]
                                                        if merged else [])
        assert not others or group[-1] is others[0]
    kept = [e for _, g in plan.legend for e in g if not e.label.endswith(" others")]
    # the merged are those of the fewest seats (the largest numbers here), and every party is kept or merged
    assert {e.key for e in kept} | plan.merged_keys == {f"p{i}" for i in range(90)}
    assert min(int(k[1:]) for k in plan.merged_keys) > max(int(e.key[1:]) for e in kept)
    said = plan.warning() or ""
    assert f"the {len(plan.merged)} parties with the fewest seats" in said and f"{LONG}89" in said
    # the columns fit the box: beside seats of at least half their width, under the heading and over the notes
    columns = flow_columns(plan.legend, plan.legend_height)
    assert 60 + 16 + 10 + max(sum(it[3] for it in col) for col in columns) + 16 * (1 + len(plan.notes)) + 20 <= box[1]
    assert plan.width <= box[0] and plan.k >= 0.5


def test_a_chart_too_tall_for_the_card_is_drawn_with_a_warning_of_its_text_size() -> None:
    # 11-unit text in a chart 960 x 800 units: the card shows it at 627 / 800 = 0.78375 pixels a unit, 8.6 px
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 960 800"><style>#c .note{font-size:11px}'
           '#c .sub{font-size:13px}</style><text class="note">a</text></svg>')
    with pytest.warns(CardFitWarning, match=r"11-unit text comes out at 8\.6 pixels, under 10"):
        card_svg(svg)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CardFitWarning)
        card_svg(svg.replace("800", "689"))  # 627 / 689 = 0.91: 10.0 px
