"""The timeline's axes: the dates along the bottom (:func:`date_ticks`, drawn by :func:`axis_marks`
with the seat grid) and the seats up the side (:class:`ValueAxis`, :func:`value_axis`), and which sides
are named at the axis's foot instead of drawn (:func:`below_axis`)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whipcount.charts.axes import PlotSizes, nice_step
from whipcount.charts.story import shifted
from whipcount.charts.svg import num, text
from whipcount.charts.textwidth import text_width

__all__ = ["ValueAxis", "axis_marks", "below_axis", "date_ticks", "value_axis"]


def date_ticks(lo: dt.date, hi: dt.date, most: int = 10) -> list[tuple[dt.date, str]]:
    """Dates for the time axis, ``most`` at most, and their labels (with the year when the span is long):
    every day or every few days up to a fortnight, Mondays a week or a fortnight apart, else first days of
    months."""
    days = (hi - lo).days
    for step in (1, 2, 3, 4, 5, 6):
        if days <= 14 and days // step + 1 <= most:
            return [(d, f"{d.day} {d:%b}") for d in (lo + dt.timedelta(i) for i in range(0, days + 1, step))]
    first = shifted(lo, (7 - lo.weekday()) % 7)  # Mondays
    for step in (7, 14):
        if days <= 120 and 2 <= (hi - first).days // step + 1 <= most:
            return [(d, f"{d.day} {d:%b}") for d in (shifted(first, step * i)
                                                     for i in range((hi - first).days // step + 1))]
    # the shortest round step whose first days of months in the span are ``most`` at most (counted, not
    # estimated from the span's length: an estimate could pick a step that leaves no date on the axis)
    a = lo.year * 12 + lo.month - 1 + (lo.day > 1)  # the first month that starts in the span
    b = hi.year * 12 + hi.month - 1
    months = next((m for m in _MONTH_STEPS if b // m - (a - 1) // m <= most), _MONTH_STEPS[-1])
    out: list[tuple[dt.date, str]] = []
    y, m = lo.year, 1
    while y <= dt.MAXYEAR and (d := dt.date(y, m, 1)) <= hi:
        if d >= lo and (y * 12 + m - 1) % months == 0:
            out.append((d, f"{d:%Y}" if months >= 12 else f"{d:%b %Y}" if m == 1 or not out else f"{d:%b}"))
        m += 1
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    # a span inside one month, too long for days and with too many Mondays: its first day, with the year
    return out or [(lo, f"{lo.day} {lo:%b %Y}")]


# months, quarters and half years, then whole years on a 1-2-5 scale up to ten thousand: the calendar's
# whole span (year 1 to 9999) fits two ticks, so no span is left with more ticks than it has room for
_MONTH_STEPS = (1, 2, 3, 6) + tuple(12 * k * 10 ** e for e in range(4) for k in (1, 2, 5))


@dataclass(frozen=True, slots=True)
class ValueAxis:
    """Seats to y, between ``lo`` and ``hi`` seats (a nice step apart) drawn from ``bottom`` up to ``top``."""

    lo: int
    hi: int
    step: int
    top: float
    bottom: float

    def __call__(self, v: float) -> float:
        return self.bottom - (self.bottom - self.top) * (v - self.lo) / (self.hi - self.lo)


def below_axis(shown: dict[str, list[int]], marks: Sequence[int], seats: int | None = None) -> list[str]:
    """Sides other than the government and the opposition whose seats all lie below where an axis of those
    two would start: drawn, they would pull the axis down to 0 and squeeze the two lines that decide the
    vote together (311 and 310 one line's width apart, the 13 members who did not vote of 1979 at the foot);
    they are named at the axis's foot with their seats instead."""
    main = {s: v for s, v in shown.items() if s in ("government", "opposition")}
    if not main or len(main) == len(shown):
        return []
    lo = value_axis(main, marks, 0, 1, seats).lo
    return [s for s, v in shown.items() if s not in main and max(v) < lo]


def value_axis(shown: dict[str, list[int]], marks: Sequence[int], top: float, bottom: float,
               seats: int | None = None) -> ValueAxis:
    """The seat axis of the sides ``shown`` and the bars ``marks`` drawn with them, a round step apart. With
    the chamber's ``seats`` the axis ends at the first step at or above them, not in the room over them that
    no side can fill (3 seats: 0 to 3, not 0 to 8; 100 seats: up to 100, not 110)."""
    values = [n for v in shown.values() for n in v] + list(marks)
    vmin, vmax = min(values), max(values)
    pad_v = max(5, (vmax - vmin) * 0.1)
    step = nice_step(vmax - vmin + 2 * pad_v)
    lo = max(0, math.floor((vmin - pad_v) / step) * step)
    hi = math.ceil((vmax + pad_v) / step) * step
    if seats is not None and hi > max(seats, vmax):
        top_v, bottom_v = max(seats, vmax), max(0, vmin - pad_v)
        step = nice_step(max(1, top_v - bottom_v))
        lo, hi = max(0, math.floor(bottom_v / step) * step), math.ceil(top_v / step) * step
    return ValueAxis(lo, hi, step, top, bottom)


def axis_marks(y: ValueAxis, x: Callable[[dt.date], float], lo: dt.date, hi: dt.date, x0: float, x1: float,
          bottom: float, sz: PlotSizes) -> list[str]:
    out = []
    v = y.lo
    while v <= y.hi:
        out.append(f'<line class="grid" x1="{num(x0)}" x2="{num(x1)}" y1="{num(y(v))}" y2="{num(y(v))}"/>')
        out.append(text(x0 - 6, y(v) + sz.tick / 3, str(v), cls="tick", anchor="end"))
        v += y.step
    out.append(f'<line class="axis" x1="{num(x0)}" x2="{num(x1)}" y1="{num(bottom)}" y2="{num(bottom)}"/>')
    most = 10 if not sz.narrow else max(2, int((x1 - x0) / (sz.tick * 5.5)))
    for d, label in date_ticks(lo, hi, most):
        half = text_width(label, sz.tick) / 2
        if x(d) - half < 2 or x(d) + half > sz.width - 2:
            continue  # a date at the very edge of a narrow picture: its neighbours say it
        out.append(f'<line class="axis" x1="{num(x(d))}" x2="{num(x(d))}" y1="{num(bottom)}" '
                   f'y2="{num(bottom + 5)}"/>')
        if not sz.narrow and x(d) + half > x1:  # the lines are named in the right margin: end at the plot's end
            out.append(text(x1, bottom + 6 + sz.tick, label, cls="tick", anchor="end"))
        else:
            out.append(text(x(d), bottom + 6 + sz.tick, label, cls="tick", anchor="middle"))
    return out
