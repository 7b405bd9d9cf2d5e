"""A key event's label too wide for the plot beside its date (a party of a long name carried across the bar,
on a phone) is cut in the middle with an ellipsis and drawn, keeping the name's start and the figures at
its end; the description reads it whole. Such a label had fitted no lane and was left out, the crossing
of the bar with it, though a crossing is always labelled."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from whipcount.charts import render_timeline
from whipcount.charts.textwidth import shortened, text_width
from whipcount.io.scenario import load_scenario

SVG = "{http://www.w3.org/2000/svg}"
LONG = "Parti démocratique et républicain pour l'avancement de la coopération régionale"  # 80 characters
ARABIC = "حزب العدالة والتنمية"


def _scenario(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "long.yaml"
    path.write_text(
        "id: long\ntitle: Long\nchamber: {name: Test Assembly, rules: pk-na, seats: 120, as_of: 2024-01-01}\n"
        "parties:\n"
        "  - {id: g, name: Gov, seats: 55, side: government, source: 'https://example.org/p'}\n"
        f"  - {{id: b, name: \"{name}\", seats: 30, side: opposition, source: 'https://example.org/p'}}\n"
        "  - {id: o, name: Opp, seats: 35, side: opposition, source: 'https://example.org/p'}\n"
        "events:\n"
        "  - {date: 2024-02-05, kind: switch-side, party: b, to: government, source: 'https://example.org/e'}\n"
        "motion: {kind: no-confidence, target: X, moved: 2024-02-01, vote: 2024-03-01}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", [LONG, ARABIC])
@pytest.mark.parametrize("width", [None, 360, 320])
def test_the_crossing_of_a_long_named_party_is_labelled(tmp_path: Path, name: str, width: int | None) -> None:
    root = ET.fromstring(render_timeline(load_scenario(_scenario(tmp_path, name)), width=width))
    labels = ["".join(t.itertext()).replace("\u2068", "").replace("\u2069", "")
              for t in root.iter(f"{SVG}text") if t.get("class") == "elabel"]
    full = f"{name} to the government (+30)"  # 55 + 30 = 85 of 120: past the 61 needed
    (crossing,) = [t for t in labels if t.endswith("(+30)")]
    head, _, tail = crossing.partition("…")
    assert crossing == full or (tail and full.startswith(head) and full.endswith(tail))
    size = 13 if width else 11
    right = float((root.get("viewBox") or "").split()[2])
    assert text_width(crossing, size) < right - 40  # it fits beside the axis, as placed
    desc = "".join(root.find(f"{SVG}desc").itertext())  # type: ignore[union-attr]
    assert f"5 February 2024, {full}" in desc.replace("\u2068", "").replace("\u2069", "")


def test_a_label_is_cut_at_words_in_the_middle() -> None:
    text = "Alpha Beta Gamma Delta to the government (+30)"
    room = text_width("Alpha Beta…government (+30)", 11) + 0.01
    assert shortened(text, room, 11) == "Alpha Beta…government (+30)"
    assert shortened(text, 1000, 11) == text
    assert shortened("e\u0301" * 40, text_width("e\u0301" * 3 + "…", 11) + 0.01, 11).startswith("e\u0301")
