"""The warning of colours a colour-blind reader may not tell apart names every such pair drawn in the chart,
not one partner per colour. In a chamber of 25 parties, the colour that could not be moved away from its
nearest party was also close to two or three others, and the note named only the nearest: nine pairs drawn
under 15 ΔE00, four said.

The truth is independent: CIEDE2000 (Sharma, Wu and Dalal's formula, checked there against their published
pairs) on the Machado, Oliveira and Fernandes simulation, both written out in test_chart_party_colours,
applied to the fills of the seats as drawn."""

from __future__ import annotations

import itertools
import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from svg_seats import SVG, seat_circles
from test_chart_party_colours import THRESHOLD, worst
from whipcount.charts import hemicycle
from whipcount.io.scenario import load_scenario

NAMES = ["Partido Revolucionario Institucional", "הליכוד", "پاکستان مسلم لیگ (ن)", "自由民主党・無所属の会",
         "立憲民主党", "Bharatiya Janata Party", "भारतीय राष्ट्रीय कांग्रेस", "Christlich Demokratische Union",
         "Sozialdemokratische Partei", "Les Républicains", "Rassemblement national", "La France insoumise",
         "Green", "Left", "Union of the Democratic Centre", "ישראל ביתנו", "حزب العدالة والتنمية", "公明党",
         "Партия «Единая Россия»", "Coalición Canaria", "Bloc Québécois", "Plaid Cymru", "Sinn Féin", "Alliance",
         "Independent Grouping"]
SEATS = [115, 95, 80, 64, 55, 40, 35, 30, 28, 25, 22, 20, 18, 15, 12, 10, 8, 6, 5, 4, 3, 3, 2, 2, 1]


@pytest.fixture(scope="module")
def chamber_of_25(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """700 seats, 25 parties with no colour of their own (the palette's, then moved apart), 2 vacant."""
    rows = [f'  - {{id: p{i}, name: "{n}", seats: {s}, side: {"government" if i % 2 == 0 else "opposition"}}}'
            for i, (n, s) in enumerate(zip(NAMES, SEATS, strict=True))]
    path = tmp_path_factory.mktemp("c25") / "c25.yaml"
    path.write_text("chamber: {name: Assembly of 25, rules: pk-na, seats: 700, as_of: 2024-01-01}\nparties:\n"
                    + "\n".join(rows) + "\nevents: []\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [None, 320])
def test_every_pair_too_close_is_named(chamber_of_25: Path, width: int | None) -> None:
    sc = load_scenario(str(chamber_of_25))
    label = {p.id: p.name for p in sc.parties}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        root = ET.fromstring(hemicycle(sc, width=width).svg)
    desc = "".join(root.find(f"{SVG}desc").itertext())  # type: ignore[union-attr]
    fills: dict[str, set[str]] = {}
    for seat in seat_circles(root):
        if "vacant" not in (seat.get("class") or ""):
            fills.setdefault(seat.get("fill") or "", set()).add(seat.get("data-party") or "")
    # a colour drawn for several parties is the legend's "Others"
    name = {f: label[next(iter(ps))] if len(ps) == 1 else "Others" for f, ps in fills.items()}
    close = [(name[a], name[b]) for a, b in itertools.combinations(sorted(fills), 2) if worst(a, b) < THRESHOLD]
    assert close, "the case is meant to hold colours that cannot all be moved apart"
    warning = re.search(r"Warning: hard to tell apart for colour-blind readers: (.*?)\.(?: |$)", desc)
    assert warning is not None, desc
    said = {frozenset(pair.split(" and ")) for pair in warning.group(1).split("; ")}
    missing = [pair for pair in close if frozenset(pair) not in said]
    assert missing == [], f"{len(missing)} of {len(close)} pairs unsaid: {missing}"
