"""How a seat chart looks at a given width: font sizes, the stylesheet, outlines for light seats, words.

A chart is drawn for the width it will be shown at. The desktop picture (620 units and wider) shrinks
with its container, so on a phone its 11-unit notes would come out at 5 CSS pixels; below
:data:`NARROW_BELOW` the chart is laid out again for that width instead (the *narrow* variant): the seats
scaled into it, the legend in one column, headings and notes wrapped, and no text under 13 units, so
that shown at its own width every text is 13 CSS pixels and still 10 on a 320-pixel screen.

Seats whose fill does not stand out from the page (3:1, WCAG 1.4.11) get an outline of a darker shade
of the same colour (:func:`whipcount.charts.colours.edge_colour`).

Outlines scale with the seats, but never below what a reader can see where the chart is shown: the
dashed outline of an unverified or vacant seat (and the Speaker's and the light seats' solid ones) is at
least :data:`MIN_OUTLINE_PX` CSS pixels wide, its dashes :data:`MIN_DASH_PX` long with
:data:`MIN_GAP_PX` between them. On a 360-pixel phone a seat of a 342-seat chamber is about 8 pixels
across, and outlines a tenth of the seat's radius would be half a pixel, drawn as a faint blur. The
minimums carry a margin, so that a chart drawn for 360 pixels and shown in a column a few pixels
narrower (the report's, on a phone) keeps them within a tenth.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

from whipcount.charts.colours import VACANT_COLOUR
from whipcount.charts.svg import num
from whipcount.charts.textwidth import text_width

__all__ = ["BOLD_WIDTH", "DESKTOP", "MIN_DASH_PX", "MIN_GAP_PX", "MIN_OUTLINE_PX", "NARROW", "NARROW_BELOW", "Sizes",
           "edge_class", "seat_style", "sizes_for", "wrap"]

#: Widths (CSS pixels) below which a chart is laid out as the narrow variant.
NARROW_BELOW = 560.0
#: The thinnest outline, shortest dash and gap a seat's outline is drawn with, in CSS pixels as shown.
MIN_OUTLINE_PX = 1.25
MIN_DASH_PX = 2.5
MIN_GAP_PX = 2.0


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


def wrap(line: str, width: float, font: float, *, bold: bool = False) -> list[str]:
    """``line`` broken to fit ``width`` units at ``font`` units (``bold``: a bold or semi-bold face): at a
    generous average glyph width, then shorter where a line of wide glyphs (capitals, digits, ``#``,
    arrows: a colour code such as ``#2a9d8f → #33857a``) would still overrun it."""
    chars = max(12, int(width / (font * 0.57 * (BOLD_WIDTH if bold else 1.0))))
    while True:
        # a date stays on one line where a line can hold it ("10 / April 2022" read badly on phones)
        lines = [t.replace(_KEEP, " ") for t in textwrap.wrap(_keep_dates(line, chars), chars)] or [""]
        if chars <= 12 or all(text_width(t, font, bold=bold) <= width for t in lines):
            return lines
        chars -= 1


def _keep_dates(line: str, chars: int) -> str:
    """``line`` with the spaces inside each date of at most ``chars`` characters made unbreakable."""
    return _DATE.sub(lambda m: m.group(0).replace(" ", _KEEP) if len(m.group(0)) <= chars else m.group(0), line)


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?\b")
_KEEP = "\u00a0"  # a space textwrap does not break at


#: How much wider a bold face sets the same words on average (DejaVu Sans Bold, the widest of the usual ones:
#: 1.12 to 1.14 times the regular face on the bundled chambers' names): :func:`wrap`'s first guess.
BOLD_WIDTH = 1.15


def edge_class(edge: str) -> str:
    return "edge-" + edge.lstrip("#")


_STYLE = """
#{cid} .seat{{stroke:#ffffff;stroke-width:{sw}}}
#{cid} .seat.vacant{{fill:#ffffff;stroke:{vac};stroke-width:{vw};stroke-dasharray:{dash}}}
{edges}
#{cid} .seat.unverified{{stroke:#222222;stroke-width:{uw};stroke-dasharray:{dash}}}
#{cid} .seat.speaker{{stroke:#111111;stroke-width:{vw}}}
#{cid} .seat:hover{{stroke:#111111;stroke-width:{vw}}}
#{cid} .pattern{{pointer-events:none}}
#{cid} .threshold{{fill:none;stroke:#111111;stroke-width:{tw}}}
#{cid} .threshold.two-thirds{{stroke-dasharray:6 4}}
#{cid} .leader{{fill:none;stroke:#555555;stroke-width:1.25}}
#{cid} .tlabel{{font-size:{s.label}px;fill:#111111;font-weight:600}}
#{cid} .heading{{font-size:{s.heading}px;font-weight:700;fill:#111111}}
#{cid} .sub{{font-size:{s.sub}px;fill:#444444}}
#{cid} .lg-head{{font-size:{s.legend}px;font-weight:700;fill:#111111}}
#{cid} .lg{{font-size:{s.legend}px;fill:#222222}}
#{cid} .lg-n{{font-size:{s.legend}px;fill:#222222;font-weight:700}}
#{cid} .note{{font-size:{s.note}px;fill:#555555}}
#{cid} .credit{{font-size:{s.note}px;fill:#444444}}
"""


def seat_style(cid: str, r: float, sizes: Sizes, edges: Mapping[str, str], scale: float = 1.0,
               px: float | None = None) -> str:
    """The chart's stylesheet, every rule scoped to its id; ``edges`` maps light fills to their outlines.
    ``scale`` is how much the seats are shrunk (the threshold keeps a 2-unit line); ``px`` is how many CSS
    pixels a unit of the seats' drawing is where the chart is shown (default ``scale``: the chart shown at
    the width of its picture), which sets the outlines' least widths (see the module docstring)."""
    shown = px if px is not None else scale
    least, dash, gap = MIN_OUTLINE_PX / shown, MIN_DASH_PX / shown, MIN_GAP_PX / shown
    vw = num(max(r * 0.18, 1, least))
    rules = "\n".join(f"#{cid} .seat.{edge_class(e)}{{stroke:{e};stroke-width:{vw}}}"
                      for e in sorted(set(edges.values())))
    return _STYLE.format(
        cid=cid, s=sizes, sw=num(max(r * 0.08, 0.4)), vw=vw, uw=num(max(r * 0.14, 0.8, least)),
        dash=f"{num(max(r * 0.35, 1.5, dash))} {num(max(r * 0.25, 1, gap))}", vac=VACANT_COLOUR, edges=rules,
        tw=num(2 / scale),
    )
