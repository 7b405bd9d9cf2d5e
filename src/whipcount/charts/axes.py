"""What the timeline and the forecast share: their variants' sizes, their style sheet and the step of a
value axis.

Both charts are drawn for the width they will be shown at. The desktop picture is 960 units wide and
shrinks with its container; below :data:`NARROW_BELOW` pixels the chart is laid out again for that
width instead (the *narrow* variant, for a phone and for paper): no text under 13 units, fewer date
ticks, the line labels in a legend under the plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from whipcount.charts.seatstyle import NARROW_BELOW
from whipcount.errors import ChartError

__all__ = ["NARROW_BELOW", "PlotSizes", "chart_style", "nice_step", "plot_sizes"]


@dataclass(frozen=True, slots=True)
class PlotSizes:
    """The picture's width and font sizes (SVG units) of one variant, and the height of a label lane."""

    width: float
    heading: float
    sub: float
    tick: float
    label: float  # an event label
    end: float  # a line's name
    endsub: float
    tlabel: float
    note: float
    lane: float
    narrow: bool
    plot: float = 340.0  # the desktop timeline's plot height, labels included (less on a card, see render_timeline)


_DESKTOP = PlotSizes(width=960, heading=20, sub=13, tick=12, label=11, end=13, endsub=12, tlabel=12, note=11,
                     lane=16, narrow=False)


def plot_sizes(width: float | None) -> PlotSizes:
    """The desktop variant, or the narrow one laid out ``width`` units wide when it is under
    :data:`NARROW_BELOW` (240 at least)."""
    if width is not None and not 240 <= width <= 4000:
        raise ChartError(f"width: expected 240 to 4000 pixels, got {width:g}")
    if width is None or width >= NARROW_BELOW:
        return _DESKTOP
    return PlotSizes(width=float(width), heading=18, sub=13, tick=13, label=13, end=13, endsub=13, tlabel=13,
                     note=13, lane=18, narrow=True)


_STYLE = """
#{cid} .axis{{stroke:#888888;stroke-width:1}}
#{cid} .grid{{stroke:#e3e3e3;stroke-width:1}}
#{cid} .tick{{font-size:{s.tick}px;fill:#555555}}
#{cid} .heading{{font-size:{s.heading}px;font-weight:700;fill:#111111}}
#{cid} .sub{{font-size:{s.sub}px;fill:#444444}}
#{cid} .series{{fill:none;stroke-width:3;stroke-linejoin:round}}
#{cid} .end{{font-size:{s.end}px;font-weight:700}}
#{cid} .endsub{{font-size:{s.endsub}px}}
#{cid} .leader{{stroke:#9a9a9a;stroke-width:1;stroke-dasharray:2 2}}
#{cid} .elabel{{font-size:{s.label}px;fill:#222222}}
#{cid} .threshold,#{cid} .tsample{{stroke:#111111;stroke-width:1.5;stroke-dasharray:6 4;fill:none}}
#{cid} .tlabel{{font-size:{s.tlabel}px;font-weight:600;fill:#111111}}
#{cid} .tstep{{paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}}
#{cid} .event{{stroke:#333333;stroke-width:1.2}}
#{cid} .event.procedural{{fill:#ffffff}}
#{cid} .event.seats{{fill:#333333}}
#{cid} .event.unverified{{stroke-dasharray:2 1.5}}
#{cid} .event:hover{{stroke-width:2.5}}
#{cid} .bar{{stroke:none}}
#{cid} .bar.pass{{fill:#1a9850}}
#{cid} .bar.fail{{fill:#767676}}
#{cid} .bar:hover{{fill:#111111}}
#{cid} .note{{font-size:{s.note}px;fill:#555555}}
#{cid} .credit{{font-size:{s.note}px;fill:#444444}}
"""


def chart_style(cid: str, sizes: PlotSizes = _DESKTOP) -> str:
    """The style sheet of the timeline and the forecast at ``sizes``, scoped to the chart's id."""
    return _STYLE.format(cid=cid, s=sizes)


def nice_step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= 8:
            return step
    return 1000 * math.ceil(span / 8000)
