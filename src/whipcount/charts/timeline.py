"""Seats per side over the event log, as the sides stood when the motion was filed: SVG out.

:func:`render_timeline` draws one step line per side of the filing date (see
:mod:`whipcount.charts.story`: a change of government is an event, not a swap of lines) over the motion's
window or the dates asked for, the threshold (a step line where the bar changes), labels on the key events (the filing,
the vote, rulings that dismiss or restore the motion, a change of government, seat moves that carry a
side across the threshold) placed so that none overlaps another, a marker for every event whose
hover title gives its date, summary and source (unverified events dashed), and a credit line naming the
outlets of the scenario's sources (:mod:`whipcount.charts.credit`).

The forecast chart lives in :mod:`whipcount.charts.forecast` (re-exported here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from whipcount.charts.axes import PlotSizes, chart_style, plot_sizes
from whipcount.charts.colours import PALETTE, SIDE_COLOURS
from whipcount.charts.credit import credit_marks, credit_text, scenario_credit
from whipcount.charts.describe import seats_text
from whipcount.charts.forecast import forecast, render_forecast
from whipcount.charts.hemicycle import Chart, long_date
from whipcount.charts.seatstyle import wrap
from whipcount.charts.story import (
    Box,
    Coalitions,
    KeyEvent,
    Label,
    Step,
    coalitions,
    key_events,
    motion_window,
    place_labels,
)
from whipcount.charts.svg import attr, document, esc, num, slug, text
from whipcount.charts.textwidth import shortened, text_width
from whipcount.charts.timeline_axes import ValueAxis, axis_marks, below_axis, value_axis
from whipcount.charts.timeline_bar import (
    Bar,
    bar_notes,
    bar_sentence,
    chamber_bar,
    step_bar,
    threshold_marks,
    vacancy_words,
)
from whipcount.charts.timeline_below import below_notes, below_rows
from whipcount.charts.timeline_keys import LineKey, day_label, line_legend, right_labels
from whipcount.charts.timeline_markers import MARKER_LANE, markers
from whipcount.charts.timeline_words import read_notes, timeline_desc, timeline_notes
from whipcount.charts.views import motion_part
from whipcount.errors import ChartError
from whipcount.model import Event, Scenario
from whipcount.model.arguments import check_count, check_date, check_instance

__all__ = ["forecast", "label_width", "render_forecast", "render_timeline", "timeline"]


_LABEL_LANES = 5
_CARD_LEAST_PLOT = 240.0
"""The least height of the desktop plot, labels included, when it gives up height to fit a card."""
_MAX_LANES = 8
_NARROW_LANES = (6, 14)  # a narrow plot has fewer labels side by side, so more lanes


def label_width(label: str, size: float = 11) -> float:
    """The room an event label takes at ``size`` units: its text and 4 units (at 11) to keep two labels side
    by side apart."""
    return text_width(label, size) + 4 * size / 11


def render_timeline(scenario: Scenario, *, needed: int | None = None, needed_label: str | None = None,
                    title: str | None = None, chart_id: str | None = None, heading: bool = True,
                    start: dt.date | None = None, end: dt.date | None = None, width: float | None = None,
                    hover: bool = True, fit: float | None = None) -> str:
    """Seats of each side as it stood when the main motion was filed, from ``start`` to ``end``.

    The dates default to the motion's window (from its filing to its vote, with a little room); the
    lines keep the names of the filing date through a change of government, which is marked as an
    event. The key events carry labels (see :func:`whipcount.charts.story.key_events`); every event in
    the window has a marker with its summary and source. The threshold is what the main motion needs on
    each day (through the rules: on a basis of the members in office it steps with vacancies, see
    :mod:`whipcount.charts.timeline_bar`); ``needed`` draws one bar all along instead. Sides that never hold a
    seat are left out.

    ``width`` is the width in CSS pixels the chart will be shown at: under 560 it is laid out for it
    (the narrow variant, for a phone or paper: no text under 13 units, fewer date ticks, the lines
    named in a legend under the plot, and its id ends in ``-narrow``). ``hover`` False: a picture nobody
    can hover (a PNG), without the hint to hover a marker.

    ``fit`` is the most height in units the desktop picture may take (a card's, so that its text stays
    readable there): a taller one gives its plot up to :data:`_CARD_LEAST_PLOT` units less, labels and text
    unchanged.
    """
    check_instance(scenario, Scenario, "scenario", "load_scenario(...) or Scenario(...) makes one")
    for day, name in ((start, "start"), (end, "end")):
        if day is not None:
            check_date(day, name)
    if needed is not None:
        needed = check_count(needed, "needed")
    sz = plot_sizes(width)
    how = {"needed": needed, "needed_label": needed_label, "title": title, "chart_id": chart_id,
           "heading": heading, "hover": hover}
    svg, height = _timeline(scenario, sz, (start, end), how)
    if fit is not None and height > fit and not sz.narrow:
        sz = replace(sz, plot=max(_CARD_LEAST_PLOT, sz.plot - (height - fit)))
        svg, _ = _timeline(scenario, sz, (start, end), how)
    return svg


def _timeline(scenario: Scenario, sz: PlotSizes, span: tuple[dt.date | None, dt.date | None],
              how: dict[str, Any]) -> tuple[str, float]:
    """The timeline at sizes ``sz`` (see :func:`render_timeline` for ``span`` and the options in ``how``), and
    its height."""
    start, end = span
    needed, needed_label, title, chart_id = how["needed"], how["needed_label"], how["title"], how["chart_id"]
    heading, hover = how["heading"], how["hover"]
    co = coalitions(scenario)
    lo, hi = _window(scenario, co, start, end)
    dates, shown = _seats_shown(scenario, co, lo, hi)
    bar = chamber_bar(scenario, co, dates[0], hi, needed)
    events = [e for e in sorted(scenario.events, key=lambda e: e.date) if lo <= e.date <= hi]
    cid = slug(chart_id or f"timeline-{scenario.id}-{lo.isoformat()}-{hi.isoformat()}{motion_part(scenario)}") \
        + ("-narrow" if sz.narrow else "")
    p = _plot(scenario, co, shown, (bar, step_bar(scenario, needed)), (lo, hi), sz, heading=heading, title=title)
    stop = min(hi, max(scenario.last_date, motion_window(scenario)[1]))  # the lines stop where the record does
    years, x1 = lo.year != hi.year, sz.width - p.right
    line, bar_key = threshold_marks(bar, (p.x, p.y), (p.left, x1), years, sz, needed_label) if bar else ([], None)
    lines, sides = _lines(p.plotted, dates, (p.x, p.y), stop, co.reference, years)
    ends = [*([bar_key] if bar_key else []), *sides, *_below_keys(p.below, shown, p.bottom, stop, years)]
    # the threshold over the lines: a side that holds exactly the bar would hide it
    body = [*p.head, *axis_marks(p.y, p.x, lo, hi, p.left, x1, p.bottom, sz), *lines, *line]
    if not sz.narrow:
        body += right_labels(ends, x1 + 8, p.right - 12)
    labelled = [p.keys[lab.index] for lab in p.labels]
    body += _key_labels([p.drawn[lab.index] for lab in p.labels], p.labels, p.bottom)
    outlets = scenario_credit(scenario)
    # a side too small for the axis gets a row under the dates, so that its changes are drawn too
    strip, drop = below_rows(p.below, shown, dates, p.x, (p.bottom + 12 + sz.tick, x1 if not sz.narrow
                                                          else sz.width - 2, stop), sz)
    read = read_notes(events, co.reference, len(scenario.events) - len(events), opened=_opened(scenario, co.reference),
                      said=[*below_notes(p.below, shown, dates), *bar_notes(scenario, bar, needed),
                            *(vacancy_words(scenario, co, dates[0], hi, needed) if bar else [])])
    foot, ny = _under_plot(scenario, events, ends, p, (cid, outlets), sz, hover=hover, read=read, drop=drop)
    body += strip + foot
    desc = " ".join([timeline_desc(scenario, (dates[0], stop), shown, bar_sentence(bar), len(events), co.reference,
                                   labelled), *read, credit_text(outlets)])
    return document(chart_id=cid, kind="timeline" + (" narrow" if sz.narrow else ""), width=sz.width,
                    height=ny, title=title or f"{scenario.chamber.name}: seats per side over time",
                    desc=desc, style=chart_style(cid, sz), body=body), ny


def _seats_shown(scenario: Scenario, co: Coalitions, lo: dt.date, hi: dt.date) -> tuple[list[dt.date],
                                                                                         dict[str, list[int]]]:
    """The days from ``lo`` to ``hi`` and the seats on each of them of every side that holds any."""
    dates, series = co.daily(lo, hi)
    shown = {s: v for s, v in series.items() if any(v)}
    if not shown:
        raise ChartError(f"timeline of {scenario.id}: no side holds a seat from {lo.isoformat()} to {hi.isoformat()}: "
                         "nothing to draw (give --from and --to around a date with members)")
    return dates, shown


@dataclass(frozen=True, slots=True)
class _Plot:
    """The plot's frame: dates to x between the ``left`` edge and the ``right`` margin, seats to y (``y``)
    from ``top`` down to ``bottom``, the heading above, the key events and their labels in the band under
    the heading, the sides drawn (``plotted``) and those named at the axis's foot (``below``)."""

    x: Callable[[dt.date], float]
    y: ValueAxis
    left: float
    right: float
    top: float
    bottom: float
    head: list[str]
    keys: list[KeyEvent]
    labels: list[Label]
    drawn: list[str]  # each key event's label as drawn (cut to fit), by the index of keys
    plotted: dict[str, list[int]]
    below: list[str]


def _plot(scenario: Scenario, co: Coalitions, shown: dict[str, list[int]],
          bars: tuple[Bar | None, Callable[[Step], int | None]], window: tuple[dt.date, dt.date], sz: PlotSizes, *,
          heading: bool, title: str | None) -> _Plot:
    """The frame of the plot: the margins, the heading (if ``heading``), the key events' labels in as many
    lanes as they need under it, and the seat axis under them (``bars``: the bar over the dates shown, and
    the bar after each step of the log)."""
    lo, hi = window
    left, right = (40.0, 14.0) if sz.narrow else (56.0, 190.0)
    marks = bars[0].values if bars[0] is not None else []
    seats = scenario.chamber.seats  # the axis ends at (or near) the chamber's size
    below = below_axis(shown, marks, seats)
    plotted = {s: v for s, v in shown.items() if s not in below}
    y_lo = value_axis(plotted, marks, 0, 1, seats).lo
    head, head_y = _heading(scenario, title, lo, hi, co.reference, y_lo, sz) if heading else ([], -4.0)
    top = head_y + 24
    width_, span = sz.width, (hi - lo).days

    def x(d: dt.date) -> float:
        return left + (width_ - left - right) * (d - lo).days / span

    keys = key_events(scenario, co, bars[1], lo, hi)
    area = Box(left, top, width_ - right, top + _plot_height(sz, _NARROW_LANES[1] * sz.lane))
    fitted = _fitted(keys, x, area, sz)
    labels = _place(fitted, x, area, sz)
    band = max((lab.box.y1 for lab in labels), default=top) - top + 8
    bottom = top + _plot_height(sz, band)
    y = value_axis(plotted, marks, top + band, bottom, seats)
    return _Plot(x, y, left, right, top, bottom, head, keys, labels, [k.label for k in fitted], plotted, below)


def _below_keys(below: list[str], shown: dict[str, list[int]], bottom: float, stop: dt.date,
                years: bool) -> list[LineKey]:
    """The keys of the sides named at the axis's foot, with their seats on ``stop``."""
    return [LineKey(bottom, side.capitalize(), "below the axis", SIDE_COLOURS.get(side) or "#8e8e8e",
                    value=f"{seats_text(shown[side][-1])} on {day_label(stop, years)}") for side in below]


def _key_labels(drawn: list[str], labels: list[Label], bottom: float) -> list[str]:
    """Each key event's label and the dashed leader from it down to the axis."""
    out = []
    for words, lab in zip(drawn, labels, strict=True):
        out.append(f'<line class="leader" x1="{num(lab.leader)}" x2="{num(lab.leader)}" y1="{num(lab.box.y0)}" '
                   f'y2="{num(bottom)}"/>')
        out.append(text(lab.x, lab.baseline, words, cls="elabel", anchor=lab.anchor))
    return out


def _opened(scenario: Scenario, ref: dt.date) -> str | None:
    """Whether the day the lines' sides are of is the day the main motion was "filed" or "moved" (None: neither,
    the day the record begins)."""
    motion = scenario.motion
    return None if motion is None or motion.opened != ref else "filed" if motion.filed == ref else "moved"


def _under_plot(scenario: Scenario, events: list[Event], ends: list[LineKey], p: _Plot,
                about: tuple[str, list[str]], sz: PlotSizes, *, hover: bool,
                read: list[str], drop: float = 0.0) -> tuple[list[str], float]:
    """What goes under the plot: a marker per event, the lines' legend (narrow), the notes and the credit
    (``about``: the chart's id and the outlets credited; ``read``: the notes of :func:`read_notes`;
    ``drop``: the height of the rows of the sides under the dates, above the markers); and the y under them."""
    cid, outlets = about
    base = p.bottom + 22 + sz.tick + drop
    out, lanes = markers(events, p.x, base, cid, scenario.names, sz)
    ny = base + lanes * MARKER_LANE + 10
    if sz.narrow:
        legend, ny = line_legend(ends, 12.0, ny + 4, sz.width - 24, sz)
        out += legend
    for line, cls in timeline_notes(read, sz.width - 24, sz, hover=hover):
        out.append(text(12, ny, line, cls=cls))
        ny += sz.note + 4
    credit, ny = credit_marks(outlets, 12, ny + 4, sz.width - 24, sz.note)
    return out + credit, ny


def _lines(shown: dict[str, list[int]], dates: list[dt.date], xy: tuple[Callable[[dt.date], float], ValueAxis],
           last: dt.date, ref: dt.date, years: bool) -> tuple[list[str], list[LineKey]]:
    """One step line a side (up to ``last``), and the keys naming them at their ends: the side as it stood on
    ``ref``, and its seats on ``last``, the date the line ends at (``years``: with the year, for a chart over
    more than one)."""
    x, y = xy
    out: list[str] = []
    ends: list[LineKey] = []
    extra = iter(PALETTE)
    for side, vals in shown.items():
        colour = SIDE_COLOURS.get(side) or next(extra)
        out.append(_series_path(side, colour, dates, vals, x, y, last, ref))
        ends.append(LineKey(y(vals[-1]), side.capitalize(), f"as it stood on {day_label(ref, years)}", colour,
                         value=f"{seats_text(vals[-1])} on {day_label(last, years)}"))
    return out, ends


def _plot_height(sz: PlotSizes, band: float) -> float:
    """The desktop plot is ``sz.plot`` units high (340; less on a card), labels included; a narrow one gives
    its lines 190 under the labels."""
    return band + 190 if sz.narrow else sz.plot


def _fitted(keys: list[KeyEvent], x: Callable[[dt.date], float], area: Box, sz: PlotSizes) -> list[KeyEvent]:
    """The key events with each label cut in the middle (:func:`shortened`) where it is wider than the plot
    leaves beside its date on either side: such a label fitted in no lane and was left out, a side's
    crossing of the bar too (a long party name on a phone). The description reads the labels whole."""
    pad = label_width("", sz.label)
    return [replace(k, label=shortened(k.label, max(area.x1 - x(k.event.date) - 3, x(k.event.date) - 3 - area.x0)
                                       - pad, sz.label)) for k in keys]


def _place(keys: list[KeyEvent], x: Callable[[dt.date], float], area: Box, sz: PlotSizes) -> list[Label]:
    """The labels of the key events, in as few lanes as fit every label that must be shown."""
    wanted = [(x(k.event.date), label_width(k.label, sz.label), k.rank) for k in keys]
    must = sum(1 for k in keys if k.rank == 0)
    least, most = _NARROW_LANES if sz.narrow else (_LABEL_LANES, _MAX_LANES)
    labels: list[Label] = []
    for lanes in range(least, most + 1):  # more lanes only to fit every key event
        labels = place_labels(wanted, area=area, lane=sz.lane, lanes=lanes)
        if sum(1 for lab in labels if keys[lab.index].rank == 0) == must:
            break
    return labels


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


def _heading(scenario: Scenario, title: str | None, lo: dt.date, hi: dt.date, ref: dt.date, y_lo: int,
             sz: PlotSizes) -> tuple[list[str], float]:
    """The title and the subtitle (wrapped to the width: a chamber's name can be long), and the baseline of
    their last line."""
    head = title or f"{scenario.chamber.name}: seats per side"
    sub = f"{long_date(lo)} to {long_date(hi)} · seats of each side as it stood on {long_date(ref)}"
    if y_lo > 0:
        sub += f" · the seat axis starts at {y_lo}"
    out, y = [], 26.0
    for line in wrap(head, sz.width - 24, sz.heading, bold=True):
        out.append(text(12, y, line, cls="heading"))
        y += sz.heading + 4
    y -= 0 if sz.narrow else 4  # the desktop subtitle sits 20 under the title
    for line in wrap(sub, sz.width - 24, sz.sub):
        out.append(text(12, y, line, cls="sub"))
        y += sz.sub + 4
    return out, y - sz.sub - 4


def _series_path(side: str, colour: str, dates: list[dt.date], vals: list[int], x: Callable[[dt.date], float],
                 y: ValueAxis, hi: dt.date, ref: dt.date) -> str:
    d_attr = f"M{num(x(dates[0]))} {num(y(vals[0]))}"
    for d, n in zip(dates[1:], vals[1:], strict=True):
        d_attr += f"H{num(x(d))}V{num(y(n))}"
    d_attr += f"H{num(x(hi))}"
    changes = ", ".join(f"{long_date(d)}: {n}" for d, n in zip(dates, vals, strict=True))
    data = " ".join(f"{d.isoformat()}:{n}" for d, n in zip(dates, vals, strict=True))
    return (f'<path class="series side-{slug(side)}" stroke="{colour}" d="{d_attr}" data-seats={attr(data)}>'
            f"<title>{esc(side.capitalize())} of {esc(long_date(ref))}, seats: {esc(changes)}</title></path>")


def timeline(scenario: Scenario, **kwargs: object) -> Chart:
    """:func:`render_timeline` as a :class:`Chart` (for notebooks)."""
    return Chart(render_timeline(scenario, **kwargs), "timeline")  # type: ignore[arg-type]


