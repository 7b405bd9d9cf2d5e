"""The timeline's keys: what each line (and the threshold) is, said at its end in the right margin on a
desktop picture (:func:`right_labels`) or in a legend under the plot on a phone (:func:`line_legend`).

A line is named by its side as it stood on the reference date, and its last count is given with the
date it holds on ("Opposition / as it stood on 8 March / 177 seats on 12 April"), so the number is never
read as the reference date's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from whipcount.charts.axes import PlotSizes
from whipcount.charts.colours import ink
from whipcount.charts.describe import long_date
from whipcount.charts.seatstyle import wrap
from whipcount.charts.svg import esc, num, text

__all__ = ["LineKey", "day_label", "line_legend", "right_labels"]


@dataclass(frozen=True, slots=True)
class LineKey:
    """What a line or the threshold is, said at its end (desktop) or in the legend (narrow): the side's
    name, which date's sides it follows (``sub``) and the seats it ends at, with their date (``value``).
    The words are in the line's ``colour``, darkened where it is too light for text (:func:`ink`)."""

    y: float
    name: str
    sub: str
    colour: str
    threshold: bool = False
    value: str = ""


def day_label(d: dt.date, year: bool) -> str:
    """``8 March``, or ``8 March 2022`` with ``year``."""
    return long_date(d) if year else f"{d.day} {d:%B}"


_SAMPLE = 16.0
"""The length of the sample of the dashed threshold before its words in the right margin."""


def right_labels(keys: list[LineKey], x0: float, room: float) -> list[str]:
    """Labels in the right margin (``room`` wide) at their line's height, pushed down so that none overlaps
    another; a line too long for the margin (a date with its year) wraps. The threshold's words follow a
    sample of its dashed line (they would read as the name of a side whose line ends at the same height)."""
    out = []
    next_free = -1e9
    for key in sorted(keys, key=lambda k: k.y):
        dx = _SAMPLE + 6 if key.threshold else 0
        lines = [(key.name, "tlabel" if key.threshold else "end"),
                 *((part, "endsub") for t in (key.sub, key.value) if t for part in wrap(t, room - dx, 12))]
        y0 = max(key.y + 4, next_free)
        if key.threshold:  # a sample of the dashed line before its words, so they never read as a side's name
            out.append(f'<line class="tsample" x1="{num(x0)}" x2="{num(x0 + _SAMPLE)}" '
                       f'y1="{num(y0 - 4)}" y2="{num(y0 - 4)}"/>')
        for i, (label, cls) in enumerate(lines):
            out.append(f'<text x="{num(x0 + dx)}" y="{num(y0 + 14 * i)}" class="{cls}" fill="{ink(key.colour)}">'
                       f"{esc(label)}</text>")
        next_free = y0 + 14 * len(lines) + 4
    return out


def line_legend(keys: list[LineKey], x0: float, y0: float, room: float, sz: PlotSizes) -> tuple[list[str], float]:
    """The narrow variant's key under the plot: a sample of each line and what it is, one to a row."""
    out, y = [], y0
    for key in keys:
        mid = y - sz.end / 3
        cls = "threshold" if key.threshold else "series"
        out.append(f'<line class="{cls}" x1="{num(x0)}" x2="{num(x0 + 22)}" y1="{num(mid)}" y2="{num(mid)}" '
                   f'stroke="{key.colour}"/>')
        if key.threshold:  # a bar that changes: since when, and the earlier bars, under it
            rows = [(line, "tlabel") for line in wrap(key.name, room - 28, sz.tlabel, bold=True)]
            rows += [(line, "endsub") for t in (key.sub, key.value) if t for line in wrap(t, room - 28, sz.endsub)]
            for i, (line, cls) in enumerate(rows):
                out.append(text(x0 + 28, y + i * (sz.tlabel + 4), line, cls=cls))
            y += (len(rows) - 1) * (sz.tlabel + 4)
        else:
            # the seats and their date on a line of their own, so the number is never read with the wrong date
            lines = [*wrap(f"{key.name} {key.sub}:", room - 28, sz.end, bold=True), *wrap(key.value, room - 28, sz.end)]
            for i, line in enumerate(lines):  # the side's name in bold where it starts the first line
                words = (f'<tspan class="end">{esc(key.name)}</tspan>{esc(line[len(key.name):])}'
                         if i == 0 and line.startswith(key.name) else esc(line))
                out.append(f'<text x="{num(x0 + 28)}" y="{num(y + i * (sz.end + 4))}" class="endsub" '
                           f'fill="{ink(key.colour)}">{words}</text>')
            y += (len(lines) - 1) * (sz.end + 4)
        y += sz.end + 7
    return out, y + 4
