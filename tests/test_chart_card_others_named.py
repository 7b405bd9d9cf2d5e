"""The parties the social card draws together in grey as "N others" are named on the card, in a short line of
its notes ("Others: A, B, C and 5 more, ..."), and every one of them in the description a screen reader reads.
They had been named in the command line's warning alone: the card said "the 6 parties with the fewest seats".

The truth is the card's own seats: the parties whose seats are drawn in the grey of the others (each seat
group's fill and ``data-party``), named as the scenario names them."""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET

import pytest

from chart_text import SVG
from test_chart_social_card import scenario
from whipcount.charts import hemicycle
from whipcount.charts.partycolours import OTHERS_COLOUR


def _card(n: int) -> tuple[str, dict[str, str]]:
    sc = scenario(n, long=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return hemicycle(sc, legend_beside=True).svg, {p.id: p.name for p in sc.parties}


@pytest.mark.parametrize("n", [21, 30, 60])
def test_the_card_names_the_parties_it_draws_as_others(n: int) -> None:
    svg, names = _card(n)
    root = ET.fromstring(svg)
    grey = {names[g.get("data-party") or ""] for g in root.iter(f"{SVG}g")
            if "block" in (g.get("class") or "").split() and g.get("fill") == OTHERS_COLOUR}
    assert len(grey) > 3  # the case: more drawn together than the line names
    notes = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "note")
    said = re.search(r"Others: (.+?) and (\d+) more, drawn in one grey", notes)
    assert said is not None, notes
    named = said.group(1).split(", ")
    assert 1 <= len(named) <= 3 and set(named) <= grey, named
    assert len(named) + int(said.group(2)) == len(grey)
    desc = "".join(next(root.iter(f"{SVG}desc")).itertext())
    assert [name for name in sorted(grey) if name not in desc] == []


def test_the_line_names_three_at_most_and_one_at_least() -> None:
    from whipcount.charts.card import merged_note

    tail = ", drawn in one grey to fit the card."
    assert merged_note(["JWP", "GDA"]) == "Others: JWP and GDA" + tail
    assert merged_note(["JWP", "GDA", "AML"]) == "Others: JWP, GDA and AML" + tail
    assert merged_note(["JWP", "GDA", "AML", "ANP", "JI"]) == "Others: JWP, GDA, AML and 2 more" + tail
    long = ["x" * 100, "y", "z"]
    assert merged_note(long) == f"Others: {'x' * 100} and 2 more" + tail
    assert merged_note(long, every=True) == f"Others: {'x' * 100}, y and z" + tail
