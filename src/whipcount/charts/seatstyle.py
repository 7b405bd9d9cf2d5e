"""How a seat chart looks at a given width: font sizes, the stylesheet, outlines for light seats, words.

A chart is drawn for the width it will be shown at. The desktop picture (620 units and wider) shrinks
with its container, so on a phone its 11-unit notes would come out at 5 CSS pixels; below
:data:`NARROW_BELOW` the chart is laid out again for that width instead (the *narrow* variant): the seats
scaled into it, the legend in one column, headings and notes wrapped, and no text under 13 units, so
that shown at its own width every text is 13 CSS pixels and still 10 on a 320-pixel screen.

Seats whose fill does not stand out from the page (3:1, WCAG 1.4.11) get an outline of a darker shade
of the same colour (:func:`whipcount.charts.colours.edge_colour`).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from whipcount.charts.colours import VACANT_COLOUR
from whipcount.charts.svg import num

__all__ = ["DESKTOP", "NARROW", "NARROW_BELOW", "Sizes", "edge_class", "seat_style", "sizes_for", "wrap"]

#: Widths (CSS pixels) below which a chart is laid out as the narrow variant.
NARROW_BELOW = 560.0


@dataclass(frozen=True, slots=True)
class Sizes:
    """Font sizes (SVG units) of one variant."""

    heading: float
    sub: float
    label: float
    legend: float
    note: float
    narrow: bool


DESKTOP = Sizes(heading=20, sub=13, label=13, legend=13, note=11, narrow=False)
NARROW = Sizes(heading=18, sub=13, label=13, legend=13, note=13, narrow=True)


def sizes_for(width: float | None) -> Sizes:
    """The desktop sizes, or the narrow ones for a chart shown less than :data:`NARROW_BELOW` wide."""
    return NARROW if width is not None and width < NARROW_BELOW else DESKTOP


def wrap(line: str, width: float, font: float) -> list[str]:
    """``line`` broken to fit ``width`` units at ``font`` units (a generous average glyph width)."""
    return textwrap.wrap(line, max(12, int(width / (font * 0.57)))) or [""]


def edge_class(edge: str) -> str:
    return "edge-" + edge.lstrip("#")


_STYLE = """
#{cid} .seat{{stroke:#ffffff;stroke-width:{sw}}}
#{cid} .seat.vacant{{fill:#ffffff;stroke:{vac};stroke-width:{vw};stroke-dasharray:{dash}}}
{edges}
#{cid} .seat.unverified{{stroke:#222222;stroke-width:{uw};stroke-dasharray:{dash}}}
#{cid} .seat.speaker{{stroke:#111111;stroke-width:{vw}}}
#{cid} .seat:hover{{stroke:#111111;stroke-width:{vw}}}
#{cid} .threshold{{fill:none;stroke:#111111;stroke-width:{tw}}}
#{cid} .threshold.two-thirds{{stroke-dasharray:6 4}}
#{cid} .tlabel{{font-size:{s.label}px;fill:#111111;font-weight:600}}
#{cid} .heading{{font-size:{s.heading}px;font-weight:700;fill:#111111}}
#{cid} .sub{{font-size:{s.sub}px;fill:#444444}}
#{cid} .lg-head{{font-size:{s.legend}px;font-weight:700;fill:#111111}}
#{cid} .lg{{font-size:{s.legend}px;fill:#222222}}
#{cid} .lg-n{{font-size:{s.legend}px;fill:#222222;font-weight:700}}
#{cid} .note{{font-size:{s.note}px;fill:#555555}}
"""


def seat_style(cid: str, r: float, sizes: Sizes, edges: Mapping[str, str], scale: float = 1.0) -> str:
    """The chart's stylesheet, every rule scoped to its id; ``edges`` maps light fills to their outlines.
    ``scale`` is how much the seats are shrunk (the threshold keeps a 2-unit line)."""
    vw = num(max(r * 0.18, 1))
    rules = "\n".join(f"#{cid} .seat.{edge_class(e)}{{stroke:{e};stroke-width:{vw}}}"
                      for e in sorted(set(edges.values())))
    return _STYLE.format(
        cid=cid, s=sizes, sw=num(max(r * 0.08, 0.4)), vw=vw, uw=num(max(r * 0.14, 0.8)),
        dash=f"{num(max(r * 0.35, 1.5))} {num(max(r * 0.25, 1))}", vac=VACANT_COLOUR, edges=rules,
        tw=num(2 / scale),
    )
