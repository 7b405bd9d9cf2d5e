"""A seat chart of more parties than every reader can tell apart by colour marks the seats of those it
cannot separate (a dot, a bar, a ring, a slash), in the seats and the legend alike, so that no two parties
whose colours some reader confuses look the same: no reading rests on colour alone, in a PNG without hover
titles too.

Independent truths: the colour differences of :mod:`test_chart_party_colours` (CIEDE2000 after Sharma, Wu
and Dalal 2005 and the simulation of Machado et al. 2009, written out in the tests), read off the drawn SVG.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from test_chart_party_colours import THRESHOLD, notes_of, worst
from whipcount.charts import hemicycle
from whipcount.io.scenario import load_scenario

SVG = "{http://www.w3.org/2000/svg}"


def _many_parties(tmp_path: Path, n: int) -> Path:
    sides = ("government", "opposition", "other")
    rows = "".join(f"  - {{id: p{i}, name: Party {i}, seats: {10 + i}, side: {sides[i % 3]}, "
                   "source: 'https://example.org/p'}\n" for i in range(n))
    path = tmp_path / f"many{n}.yaml"
    path.write_text(f"id: many{n}\ntitle: Many\nchamber: {{name: Many Assembly, rules: pk-na, "
                    f"seats: {sum(10 + i for i in range(n))}, as_of: 2024-01-01}}\nparties:\n" + rows,
                    encoding="utf-8")
    return path


def _shape(path: ET.Element) -> str:
    """What a mark looks like, from its geometry alone."""
    d = path.get("d") or ""
    if "a" in d:
        return "ring" if path.get("fill") == "none" else "dot"
    return "bar" if "h" in d else "slash"


def _marks(root: ET.Element) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Each seat key's fill and mark ('' for none), read off its seats, and the mark of its legend swatch."""
    fills: dict[str, str] = {}
    seats: dict[str, str] = {}
    for g in root.iter(f"{SVG}g"):
        classes = (g.get("class") or "").split()
        if "block" not in classes or "vacant" in " ".join(c.get("class") or "" for c in g.findall(f"{SVG}circle")):
            continue
        marks = [_shape(p) for p in g.findall(f"{SVG}path")]
        circles = g.findall(f"{SVG}circle")
        assert not marks or len(marks) == len(circles), classes  # every seat of a block, or none
        assert len(set(marks)) <= 1, classes
        key = classes[1]
        fills[key] = g.get("fill") or ""
        assert seats.setdefault(key, marks[0] if marks else "") == (marks[0] if marks else ""), key
    legend = {g.get("data-key") or "": "".join(_shape(p) for p in g.findall(f"{SVG}path"))
              for g in root.iter(f"{SVG}g") if g.get("class") == "legend-entry"}
    return fills, seats, legend


@pytest.mark.parametrize("n", [12, 30])
@pytest.mark.parametrize("width", [None, 360])
def test_parties_whose_colours_are_confused_never_look_alike(tmp_path: Path, n: int, width: int | None) -> None:
    svg = hemicycle(load_scenario(_many_parties(tmp_path, n)), width=width).svg
    fills, seats, legend = _marks(ET.fromstring(svg))
    confused = [(a, b) for a, b in itertools.combinations(sorted(fills), 2) if worst(fills[a], fills[b]) < THRESHOLD]
    if n == 30:
        assert confused  # more parties than colours every reader tells apart
    for a, b in confused:
        assert seats[a] != seats[b], f"{a} {fills[a]} and {b} {fills[b]} differ by colour alone, and too little"
    for key, mark in seats.items():
        assert legend[key] == mark, key  # the legend shows the mark the seats carry
    notes = notes_of(svg)
    for key, mark in seats.items():
        if mark:  # the note names each party marked, and its mark
            name = "Others" if key == "others" else f"Party{key.removeprefix('party-p')}"
            assert f"{name}a{mark}" in notes, key
    if not confused:
        assert not any(seats.values())  # a chart every reader can read by colour is left plain
