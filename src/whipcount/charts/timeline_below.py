"""The sides too small for the seat axis, drawn under the dates.

A side other than the government and the opposition whose seats all lie below where the axis of those two
starts (:func:`~whipcount.charts.timeline_axes.below_axis`) is not drawn on it: it would pull the axis down
to 0 and squeeze together the two lines that decide the vote. It gets a row of its own under the dates
instead: a thin line in its colour over the days it is drawn on, a tick on each day its seats change, and its
seats written at the start and at each change with the change (``Other 38 seats``, ``33 (-5)``), so a reader
sees when it moved and by how much, not only where it ended. Texts that would meet go in lanes one under
another, never on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from whipcount.charts.axes import PlotSizes
from whipcount.charts.colours import SIDE_COLOURS
from whipcount.charts.describe import seats_text
from whipcount.charts.svg import num, slug, text
from whipcount.charts.textwidth import text_width

__all__ = ["below_notes", "below_rows"]

_GAP = 6.0
"""The least room between two texts of one lane."""
_TICK = 5.0
"""The height of the tick on a day the side's seats change."""


def changes(dates: list[dt.date], vals: list[int]) -> list[tuple[dt.date, int]]:
    """The first day drawn and each day the seats differ from the day before, with the seats."""
    return [(d, n) for i, (d, n) in enumerate(zip(dates, vals, strict=True)) if i == 0 or n != vals[i - 1]]


def _words(side: str, steps: list[tuple[dt.date, int]], i: int) -> str:
    n = steps[i][1]
    return f"{side.capitalize()} {seats_text(n)}" if i == 0 else f"{n} ({n - steps[i - 1][1]:+d})"


def below_rows(below: list[str], shown: dict[str, list[int]], dates: list[dt.date], x: Callable[[dt.date], float],
               span: tuple[float, float, dt.date], sz: PlotSizes) -> tuple[list[str], float]:
    """The rows of the sides ``below`` the axis, from ``top`` down, their texts left of ``right`` (``span``:
    top, right and the day the lines stop), and the height they take (0 without such a side)."""
    top, right, stop = span
    out: list[str] = []
    y = top
    for side in below:
        steps = changes(dates, shown[side])
        colour = SIDE_COLOURS.get(side) or "#8e8e8e"
        line_y = y + 2
        out.append(f'<path class="below-series side-{slug(side)}" stroke="{colour}" stroke-width="2" fill="none" '
                   f'd="M{num(x(dates[0]))} {num(line_y)}H{num(x(stop))}"/>')
        ends: list[float] = []  # the right end of the last text of each lane
        for i, (day, _) in enumerate(steps):
            words = _words(side, steps, i)
            width = text_width(words, sz.tick)
            at = x(day)
            if i:
                out.append(f'<line class="below-tick" stroke="{colour}" stroke-width="2" x1="{num(at)}" '
                           f'x2="{num(at)}" y1="{num(line_y - _TICK / 2)}" y2="{num(line_y + _TICK)}"/>')
            x0 = at + 3 if at + 3 + width <= right else max(2.0, at - 3 - width)  # right of its day, else left
            lane = next((k for k, end in enumerate(ends) if end + _GAP <= x0), len(ends))
            if lane == len(ends):
                ends.append(0.0)
            ends[lane] = x0 + width
            out.append(text(x0, line_y + _TICK + sz.tick + lane * (sz.tick + 4), words, cls="tick"))
        y = line_y + _TICK + max(1, len(ends)) * (sz.tick + 4) + 4
    return out, y - top


def below_notes(below: list[str], shown: dict[str, list[int]], dates: list[dt.date]) -> list[str]:
    """The note on each side drawn under the dates: where it is, and how often its seats changed."""
    out = []
    for side in below:
        moved = len(changes(dates, shown[side])) - 1
        what = ("its seats" if not moved else "its seats at the start and after its one change" if moved == 1
                else f"its seats at the start and after each of its {moved} changes")
        out.append(f"{side.capitalize()} has too few seats for the axis: the row under the dates gives {what}.")
    return out
