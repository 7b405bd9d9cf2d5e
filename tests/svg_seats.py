"""Seats of a hemicycle SVG as a reader sees them: each circle with what it inherits from its party's group.

A seat chart writes what a party's seats share (fill, data-party, data-side, data-stance and a common
tooltip) once, on the group that holds them, as SVG lets a shape inherit from its group. Tests that ask a
seat for its colour or its tooltip read it through :func:`seat_circles`, which copies each seat with the
group's attributes and title filled in where the seat has none of its own.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
INHERITED = ("fill", "data-party", "data-side", "data-stance")


def seat_circles(root: ET.Element) -> list[ET.Element]:
    """Every seat circle in document order, with its group's shared attributes and title resolved."""
    out: list[ET.Element] = []
    for group in root.iter(f"{SVG}g"):
        if "block" not in (group.get("class") or "").split():
            continue
        title = group.find(f"{SVG}title")
        for circle in group.findall(f"{SVG}circle"):
            seat = copy.deepcopy(circle)
            for name in INHERITED:
                if seat.get(name) is None and group.get(name) is not None:
                    seat.set(name, group.get(name) or "")
            if seat.find(f"{SVG}title") is None and title is not None:
                seat.append(copy.deepcopy(title))
            out.append(seat)
    return out


def legend_counts(root: ET.Element) -> dict[str, int]:
    """Each legend entry's key and the count it shows."""
    return {g.get("data-key", ""): int(g.get("data-count", "-1")) for g in root.iter(f"{SVG}g")
            if g.get("class") == "legend-entry"}
