"""Seats per side over the event log, as the sides stood when the motion was filed: SVG out.

:func:`render_timeline` draws one step line per side of the filing date (see
:mod:`whipcount.charts.story`: a change of government is an event, not a swap of lines) over the motion's
window or the dates asked for, the threshold as a horizontal line, labels on the key events (the filing,
the vote, rulings that dismiss or restore the motion, a change of government, seat moves that carry a
side across the threshold) placed so that none overlaps another, and a marker for every event whose
hover title gives its date, summary and source (unverified events dashed).

The forecast chart lives in :mod:`whipcount.charts.forecast` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from whipcount.charts.axes import chart_style, nice_step
from whipcount.charts.colours import PALETTE, SIDE_COLOURS
from whipcount.charts.forecast import forecast, render_forecast
from whipcount.charts.hemicycle import Chart, long_date
from whipcount.charts.story import Box, Coalitions, KeyEvent, coalitions, key_events, motion_window, place_labels
from whipcount.charts.svg import attr, document, esc, num, slug, text
from whipcount.charts.views import needed_for
from whipcount.errors import ChartError
from whipcount.model import Event, Scenario

__all__ = ["forecast", "label_width", "render_forecast", "render_timeline", "timeline"]


def _ticks(lo: dt.date, hi: dt.date) -> list[tuple[dt.date, str]]:
    """Dates for the time axis, ten at most, and their labels (with the year when the span is long)."""
    days = (hi - lo).days
    if days <= 16:
        step = 1 if days <= 8 else 2
        return [(d, f"{d.day} {d:%b}") for d in (lo + dt.timedelta(i) for i in range(0, days + 1, step))]
    if days <= 120:
        first = lo + dt.timedelta((7 - lo.weekday()) % 7)  # Mondays
        return [(d, f"{d.day} {d:%b}") for d in (first + dt.timedelta(7 * i)
                                                 for i in range((hi - first).days // 7 + 1))]
    months = next(m for m in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600) if days / 30.4 / m <= 10)
    out: list[tuple[dt.date, str]] = []
    y, m = lo.year, 1
    while (d := dt.date(y, m, 1)) <= hi:
        if d >= lo and (y * 12 + m - 1) % months == 0:
            out.append((d, f"{d:%Y}" if months >= 12 else f"{d:%b %Y}" if m == 1 or not out else f"{d:%b}"))
        m += 1
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


_LANE = 16.0  # height of a lane of event labels
_LABEL_LANES = 5
_MAX_LANES = 8
_MARKER_R = 5.5


def label_width(label: str) -> float:
    """The width of an 11px event label, generously estimated (no font metrics in a pure SVG writer)."""
    return 4 + sum(7.4 if c.isupper() else 6.2 if c.isdigit() else 3.1 if c == " " else 5.8 for c in label)


def render_timeline(
    scenario: Scenario,
    *,
    needed: int | None = None,
    needed_label: str | None = None,
    title: str | None = None,
    chart_id: str | None = None,
    heading: bool = True,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """Seats of each side as it stood when the main motion was filed, from ``start`` to ``end``.

    The dates default to the motion's window (from its filing to its vote, with a little room); the
    lines keep the names of the filing date through a change of government, which is marked as an
    event. The key events carry labels (see :func:`whipcount.charts.story.key_events`); every event in
    the window has a marker with its summary and source. ``needed`` defaults to what the main motion
    needs on the last date (through the rules). Sides that never hold a seat are left out.
    """
    co = coalitions(scenario)
    lo, hi = _window(scenario, co, start, end)
    dates, series = co.daily(lo, hi)
    shown = {s: v for s, v in series.items() if any(v)}
    if needed is None:
        last = scenario.state(scenario.last_date)
        needed, _ = needed_for(last, scenario.motion.kind if scenario.motion else None)
    events = [e for e in sorted(scenario.events, key=lambda e: e.date) if lo <= e.date <= hi]
    cid = slug(chart_id or f"timeline-{scenario.id}")
    width, left, right = 960.0, 56.0, 190.0
    top = 70.0 if heading else 20.0
    plot_h = 340.0
    span = (hi - lo).days

    def x(d: dt.date) -> float:
        return left + (width - left - right) * (d - lo).days / span

    keys = key_events(scenario, co, needed, lo, hi)
    area = Box(left, top, width - right, top + plot_h)
    wanted = [(x(k.event.date), label_width(k.label), k.rank) for k in keys]
    must = sum(1 for k in keys if k.rank == 0)
    for lanes in range(_LABEL_LANES, _MAX_LANES + 1):  # more lanes only to fit every key event
        labels = place_labels(wanted, area=area, lane=_LANE, lanes=lanes)
        if sum(1 for lab in labels if keys[lab.index].rank == 0) == must:
            break
    band = max((lab.box.y1 for lab in labels), default=top) - top + 8
    y = _value_axis(shown, needed, top + band, top + plot_h)
    body: list[str] = []
    if heading:
        body += _heading(scenario, title, lo, hi, co.reference, y.lo)
    body += _axes(y, x, lo, hi, left, width - right, top + plot_h)
    ends: list[tuple[float, list[tuple[str, str, str]]]] = []
    if needed is not None:
        what = needed_label or f"{needed} to pass"
        body.append(f'<line class="threshold" x1="{num(left)}" x2="{num(width - right)}" y1="{num(y(needed))}" '
                    f'y2="{num(y(needed))}"><title>{esc(what)}</title></line>')
        ends.append((y(needed), [(what, "tlabel", "#111111")]))
    known = max(scenario.last_date, motion_window(scenario)[1])  # the lines stop where the record does
    extra = iter(PALETTE)
    for side, vals in shown.items():
        colour = SIDE_COLOURS.get(side) or next(extra)
        body.append(_series_path(side, colour, dates, vals, x, y, min(hi, known), co.reference))
        ends.append((y(vals[-1]), [(side.capitalize(), "end", colour),
                                   (f"of {co.reference.day} {co.reference:%B}: {vals[-1]}", "endsub", colour)]))
    body += _right_labels(ends, width - right + 8, top + plot_h)
    labelled = [keys[lab.index] for lab in labels]
    for k, lab in zip(labelled, labels, strict=True):
        body.append(f'<line class="leader" x1="{num(lab.leader)}" x2="{num(lab.leader)}" y1="{num(lab.box.y0)}" '
                    f'y2="{num(top + plot_h)}"/>')
        body.append(text(lab.x, lab.baseline, k.label, cls="elabel", anchor=lab.anchor))
    base = top + plot_h + 34
    markers, lanes = _markers(events, x, base, cid)
    body += markers
    ny = base + lanes * _LANE + 10
    notes = [f"Lines follow the sides as they stood when the motion was filed on {long_date(co.reference)}"
             + _after_change(events) + ".",
             "Markers below the axis: filled, events that move seats; hollow, procedural; dashed, not confirmed. "
             "Hover a marker for its summary and source."]
    hidden = len(scenario.events) - len(events)
    if hidden:
        notes.append(f"{hidden} event(s) of the log fall outside these dates.")
    for line in notes:
        body.append(text(12, ny, line, cls="note"))
        ny += 15
    desc = _timeline_desc(scenario, dates, shown, needed, len(events), co.reference, labelled)
    return document(chart_id=cid, kind="timeline", width=width, height=ny + 4,
                    title=title or f"{scenario.chamber.name}: seats per side over time",
                    desc=desc, style=chart_style(cid), body=body)


def _window(scenario: Scenario, co: Coalitions, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    lo, hi = motion_window(scenario)
    lo, hi = start or lo, end or hi
    if lo >= hi:
        raise ChartError(f"timeline: the dates run from {lo.isoformat()} to {hi.isoformat()}; "
                         "expected the start before the end")
    first, last = co.steps[0].date, max(scenario.last_date, co.steps[-1].date)
    if hi < first or lo > last:
        raise ChartError(f"timeline: {lo.isoformat()} to {hi.isoformat()} is outside the log "
                         f"({first.isoformat()} to {last.isoformat()})")
    return lo, hi


@dataclass(frozen=True, slots=True)
class _Axis:
    """Seats to y, between ``lo`` and ``hi`` seats (a nice step apart) drawn from ``bottom`` up to ``top``."""

    lo: int
    hi: int
    step: int
    top: float
    bottom: float

    def __call__(self, v: float) -> float:
        return self.bottom - (self.bottom - self.top) * (v - self.lo) / (self.hi - self.lo)


def _value_axis(shown: dict[str, list[int]], needed: int | None, top: float, bottom: float) -> _Axis:
    values = [n for v in shown.values() for n in v] + ([needed] if needed is not None else [])
    vmin, vmax = min(values), max(values)
    pad_v = max(5, (vmax - vmin) * 0.1)
    step = nice_step(vmax - vmin + 2 * pad_v)
    lo = max(0, math.floor((vmin - pad_v) / step) * step)
    return _Axis(lo, math.ceil((vmax + pad_v) / step) * step, step, top, bottom)


def _heading(scenario: Scenario, title: str | None, lo: dt.date, hi: dt.date, ref: dt.date, y_lo: int) -> list[str]:
    sub = f"{long_date(lo)} to {long_date(hi)} · seats of each side as it stood on {long_date(ref)}"
    if y_lo > 0:
        sub += f" · the seat axis starts at {y_lo}"
    return [text(12, 26, title or f"{scenario.chamber.name}: seats per side", cls="heading"),
            text(12, 46, sub, cls="sub")]


def _axes(y: _Axis, x: Callable[[dt.date], float], lo: dt.date, hi: dt.date, x0: float, x1: float,
          bottom: float) -> list[str]:
    out = []
    v = y.lo
    while v <= y.hi:
        out.append(f'<line class="grid" x1="{num(x0)}" x2="{num(x1)}" y1="{num(y(v))}" y2="{num(y(v))}"/>')
        out.append(text(x0 - 6, y(v) + 4, str(v), cls="tick", anchor="end"))
        v += y.step
    out.append(f'<line class="axis" x1="{num(x0)}" x2="{num(x1)}" y1="{num(bottom)}" y2="{num(bottom)}"/>')
    for d, label in _ticks(lo, hi):
        out.append(f'<line class="axis" x1="{num(x(d))}" x2="{num(x(d))}" y1="{num(bottom)}" '
                   f'y2="{num(bottom + 5)}"/>')
        out.append(text(x(d), bottom + 18, label, cls="tick", anchor="middle"))
    return out


def _series_path(side: str, colour: str, dates: list[dt.date], vals: list[int], x: Callable[[dt.date], float],
                 y: _Axis, hi: dt.date, ref: dt.date) -> str:
    d_attr = f"M{num(x(dates[0]))} {num(y(vals[0]))}"
    for d, n in zip(dates[1:], vals[1:], strict=True):
        d_attr += f"H{num(x(d))}V{num(y(n))}"
    d_attr += f"H{num(x(hi))}"
    changes = ", ".join(f"{long_date(d)}: {n}" for d, n in zip(dates, vals, strict=True))
    data = " ".join(f"{d.isoformat()}:{n}" for d, n in zip(dates, vals, strict=True))
    return (f'<path class="series side-{slug(side)}" stroke="{colour}" d="{d_attr}" data-seats={attr(data)}>'
            f"<title>{esc(side.capitalize())} of {esc(long_date(ref))}, seats: {esc(changes)}</title></path>")


def _right_labels(items: list[tuple[float, list[tuple[str, str, str]]]], x0: float, bottom: float) -> list[str]:
    """Labels in the right margin at their line's height, pushed down so that none overlaps another."""
    out = []
    next_free = -1e9
    for want, lines in sorted(items, key=lambda it: it[0]):
        y0 = max(want + 4, next_free)
        for i, (label, cls, colour) in enumerate(lines):
            out.append(f'<text x="{num(x0)}" y="{num(y0 + 14 * i)}" class="{cls}" fill="{colour}">{esc(label)}</text>')
        next_free = y0 + 14 * len(lines) + 4
    return out


def _markers(events: list[Event], x: Callable[[dt.date], float], base: float, cid: str) -> tuple[list[str], int]:
    """A marker per event below the axis, each in the first lane where it overlaps no other."""
    out = []
    lanes: list[list[float]] = []
    for idx, ev in enumerate(events, start=1):
        cx = x(ev.date)
        lane = next((i for i, xs in enumerate(lanes) if all(abs(cx - o) >= 2 * _MARKER_R + 1 for o in xs)), None)
        if lane is None:
            lanes.append([])
            lane = len(lanes) - 1
        lanes[lane].append(cx)
        cls = ["event", "seats" if ev.changes_seats else "procedural"]
        if not ev.verified:
            cls.append("unverified")
        src = "; ".join(s.url for s in ev.sources) or "no source given"
        tip = f"{long_date(ev.date)} · {ev.kind}\n{ev.describe()}\nSource: {src}"
        if not ev.verified:
            tip += "\nUnverified" + (f": {ev.note}" if ev.note else "")
        out.append(f'<circle id="{cid}-event-{idx}" class={attr(" ".join(cls))} cx="{num(cx)}" '
                   f'cy="{num(base + lane * _LANE)}" r="{_MARKER_R}"><title>{esc(tip)}</title></circle>')
    if events:
        out.insert(0, text(50, base + 4, "events", cls="tick", anchor="end"))
    return out, max(1, len(lanes))


def _after_change(events: list[Event]) -> str:
    changes = [e for e in events if e.kind == "government-change"]
    if not changes:
        return ""
    return (f"; the change of government on {long_date(changes[0].date)} is marked as an event, and the "
            "lines keep their names")


def _timeline_desc(scenario: Scenario, dates: list[dt.date], shown: dict[str, list[int]], needed: int | None,
                   n_events: int, ref: dt.date, labelled: list[KeyEvent]) -> str:
    parts = [f"Step chart of the seats of each side of the {scenario.chamber.name} as it stood on "
             f"{long_date(ref)}, from {long_date(dates[0])} to {long_date(dates[-1])}, {n_events} events."]
    for side, vals in shown.items():
        parts.append(f"{side.capitalize()} of {long_date(ref)}: {vals[0]} to {vals[-1]}.")
    if needed is not None:
        parts.append(f"The dashed line marks {needed} seats needed.")
    if labelled:
        parts.append("Labelled: " + "; ".join(f"{long_date(k.event.date)}, {k.label}" for k in labelled) + ".")
    return " ".join(parts)


def timeline(scenario: Scenario, **kwargs: object) -> Chart:
    """:func:`render_timeline` as a :class:`Chart` (for notebooks)."""
    return Chart(render_timeline(scenario, **kwargs), "timeline")  # type: ignore[arg-type]


