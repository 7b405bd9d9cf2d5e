"""Charts: seat geometry and SVG, strings out, no file I/O.

- :func:`render_hemicycle` / :func:`hemicycle`: the chamber on one date (arch, Westminster, horseshoe),
  coloured by party, side or whip-count stance;
- :func:`render_timeline` / :func:`timeline`: seats of each side as it stood when the motion was filed,
  over the motion's window, with the threshold, the key events labelled and every event marked;
- :func:`render_forecast` / :func:`forecast`: the distribution of the yes vote, with the threshold;
- :func:`whipcount.charts.ipython.state_svg`: the hemicycle a notebook shows for a chamber state
  (registered by :func:`whipcount.report.notebook.register`).

``render_*`` return the SVG markup as ``str``; ``hemicycle``/``timeline``/``forecast`` return a
:class:`Chart` (``.svg``, and ``_repr_svg_`` for notebooks).
"""

from whipcount.charts.colours import PALETTE, assign_colours, check_colour, is_colour
from whipcount.charts.forecast import forecast, render_forecast
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
from whipcount.charts.timeline import render_timeline, timeline
from whipcount.charts.views import hemicycle, needed_for

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
    "forecast",
    "hemicycle",
    "hemicycle_seats",
    "is_colour",
    "needed_for",
    "render_forecast",
    "render_hemicycle",
    "render_timeline",
    "timeline",
    "two_thirds_of",
]
