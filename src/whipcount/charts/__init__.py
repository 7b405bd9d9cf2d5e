"""Charts: seat geometry and SVG, strings out, no file I/O.

- :func:`render_hemicycle` / :func:`hemicycle`: the chamber on one date (arch, Westminster, horseshoe),
  coloured by party, side or whip-count stance;
- :func:`render_timeline`: seats per side over the event log, with the threshold and every event;
- :func:`render_forecast`: the distribution of the yes vote, with the threshold;
- :func:`whipcount.charts.ipython.register`: show chamber states as hemicycles in Jupyter.

``render_*`` return the SVG markup as ``str``; ``hemicycle``/``timeline``/``forecast`` return a
:class:`Chart` (``.svg``, and ``_repr_svg_`` for notebooks).
"""

from whipcount.charts.colours import PALETTE, assign_colours, check_colour, is_colour
from whipcount.charts.geometry import LAYOUTS
from whipcount.charts.hemicycle import (
    BY,
    Chart,
    LegendEntry,
    Seat,
    Speaker,
    StanceBlock,
    hemicycle_seats,
    render_hemicycle,
    two_thirds_of,
)

__all__ = [
    "BY",
    "LAYOUTS",
    "PALETTE",
    "Chart",
    "LegendEntry",
    "Seat",
    "Speaker",
    "StanceBlock",
    "assign_colours",
    "check_colour",
    "hemicycle_seats",
    "is_colour",
    "render_hemicycle",
    "two_thirds_of",
]
