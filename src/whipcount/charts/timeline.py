"""Seats per side over the event log, and the forecast distribution of the vote: SVG strings out.

:func:`render_timeline` draws one step line per side from the scenario's starting state through the
state after each event (``Scenario.history()``), the threshold as a horizontal line, and a marker for
every event whose hover title gives its date, summary and source (unverified events dashed).

:func:`render_forecast` draws P(exactly k yes votes) as bars from a plain probability vector over
``0..seats`` (a numpy array, as the tally's exact forecast returns), the bars that pass in a different
colour and the threshold as a line between the last failing and the first passing count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from whipcount.charts.colours import PALETTE, SIDE_COLOURS
from whipcount.charts.hemicycle import Chart, long_date
from whipcount.charts.svg import attr, document, esc, num, slug, text
from whipcount.charts.views import needed_for
from whipcount.errors import ChartError
from whipcount.model import Event, Scenario, format_probability

__all__ = ["forecast", "render_forecast", "render_timeline", "timeline", "timeline_series"]

_STYLE = """
#{cid} .axis{{stroke:#888888;stroke-width:1}}
#{cid} .grid{{stroke:#e3e3e3;stroke-width:1}}
#{cid} .tick{{font-size:12px;fill:#555555}}
#{cid} .heading{{font-size:20px;font-weight:700;fill:#111111}}
#{cid} .sub{{font-size:13px;fill:#444444}}
#{cid} .series{{fill:none;stroke-width:3;stroke-linejoin:round}}
#{cid} .end{{font-size:13px;font-weight:700}}
#{cid} .threshold{{stroke:#111111;stroke-width:1.5;stroke-dasharray:6 4;fill:none}}
#{cid} .tlabel{{font-size:12px;font-weight:600;fill:#111111}}
#{cid} .event{{stroke:#333333;stroke-width:1.2}}
#{cid} .event.procedural{{fill:#ffffff}}
#{cid} .event.seats{{fill:#333333}}
#{cid} .event.unverified{{stroke-dasharray:2 1.5}}
#{cid} .event:hover{{stroke-width:2.5}}
#{cid} .bar{{stroke:none}}
#{cid} .bar.pass{{fill:#1a9850}}
#{cid} .bar.fail{{fill:#bdbdbd}}
#{cid} .bar:hover{{fill:#111111}}
#{cid} .note{{font-size:11px;fill:#555555}}
"""


def _style(cid: str) -> str:
    return _STYLE.format(cid=cid)


def timeline_series(scenario: Scenario) -> tuple[list[dt.date], dict[str, list[int]], list[Event]]:
    """Dates (the start, then one per day with events), seats per side at the end of each, and the events."""
    dates: list[dt.date] = []
    series: dict[str, list[int]] = {}
    events: list[Event] = []
    for ev, state in scenario.history():
        if ev is not None:
            events.append(ev)
        day = state.date
        sides = state.sides()
        if dates and dates[-1] == day:
            for s, n in sides.items():
                series.setdefault(s, [0] * len(dates))[-1] = n
            continue
        dates.append(day)
        for s in series:
            series[s].append(series[s][-1] if series[s] else 0)
        for s, n in sides.items():
            if s not in series:
                series[s] = [0] * len(dates)
            series[s][-1] = n
    return dates, series, events


def _ticks(lo: dt.date, hi: dt.date) -> list[dt.date]:
    days = (hi - lo).days
    if days <= 16:
        step = 1 if days <= 8 else 2
        return [lo + dt.timedelta(d) for d in range(0, days + 1, step)]
    if days <= 120:
        first = lo + dt.timedelta((7 - lo.weekday()) % 7)  # Mondays
        return [first + dt.timedelta(7 * i) for i in range((hi - first).days // 7 + 1)]
    out = []
    y, m = lo.year, lo.month
    months = 1 if days <= 400 else (3 if days <= 1500 else 12)
    while True:
        d = dt.date(y, m, 1)
        if d > hi:
            break
        if d >= lo:
            out.append(d)
        m += months
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return out


def _nice_step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= 8:
            return step
    return 1000 * math.ceil(span / 8000)


def render_timeline(
    scenario: Scenario,
    *,
    needed: int | None = None,
    needed_label: str | None = None,
    title: str | None = None,
    chart_id: str | None = None,
    heading: bool = True,
) -> str:
    """Seats per side over ``scenario``'s event log as an SVG string.

    ``needed`` defaults to what the main motion needs on the last date (through the rules); pass it to
    draw another line. Sides that never hold a seat are left out.
    """
    dates, series, events = timeline_series(scenario)
    if needed is None:
        last = scenario.state(scenario.last_date)
        needed, _ = needed_for(last, scenario.motion.kind if scenario.motion else None)
    start = dates[0]
    end = max(scenario.last_date, dates[-1], start + dt.timedelta(days=1))
    lo_d, hi_d = start - dt.timedelta(days=1), end + dt.timedelta(days=1)
    shown = {s: v for s, v in series.items() if any(v)}
    values = [n for v in shown.values() for n in v] + ([needed] if needed is not None else [])
    vmin, vmax = min(values), max(values)
    pad_v = max(5, (vmax - vmin) * 0.1)
    step = _nice_step(vmax - vmin + 2 * pad_v)
    y_lo = max(0, math.floor((vmin - pad_v) / step) * step)
    y_hi = math.ceil((vmax + pad_v) / step) * step

    cid = slug(chart_id or f"timeline-{scenario.id}")
    width = 960.0
    left, right = 56.0, 170.0
    top = 70.0 if heading else 20.0
    plot_h = 300.0
    lane = 16.0
    by_day: dict[dt.date, list[Event]] = {}
    for ev in events:
        by_day.setdefault(ev.date, []).append(ev)
    lanes = max((len(v) for v in by_day.values()), default=0)
    height = top + plot_h + 34 + lanes * lane + 44
    span = (hi_d - lo_d).days

    def x(d: dt.date) -> float:
        return left + (width - left - right) * (d - lo_d).days / span

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - y_lo) / (y_hi - y_lo))

    body: list[str] = []
    if heading:
        body.append(text(12, 26, title or f"{scenario.chamber.name}: seats per side", cls="heading"))
        sub = f"{long_date(start)} to {long_date(end)} · {len(events)} events in the log"
        if y_lo > 0:
            sub += f" · the seat axis starts at {y_lo}"
        body.append(text(12, 46, sub, cls="sub"))
    # grid and axes
    v = y_lo
    while v <= y_hi:
        body.append(f'<line class="grid" x1="{num(left)}" x2="{num(width - right)}" y1="{num(y(v))}" '
                    f'y2="{num(y(v))}"/>')
        body.append(text(left - 6, y(v) + 4, str(v), cls="tick", anchor="end"))
        v += step
    body.append(f'<line class="axis" x1="{num(left)}" x2="{num(width - right)}" y1="{num(top + plot_h)}" '
                f'y2="{num(top + plot_h)}"/>')
    for d in _ticks(lo_d, hi_d):
        body.append(f'<line class="axis" x1="{num(x(d))}" x2="{num(x(d))}" y1="{num(top + plot_h)}" '
                    f'y2="{num(top + plot_h + 5)}"/>')
        body.append(text(x(d), top + plot_h + 18, f"{d.day} {d:%b}", cls="tick", anchor="middle"))
    # threshold
    if needed is not None:
        lab = needed_label or f"{needed} to pass"
        body.append(f'<line class="threshold" x1="{num(left)}" x2="{num(width - right)}" y1="{num(y(needed))}" '
                    f'y2="{num(y(needed))}"><title>{esc(lab)}</title></line>')
        body.append(text(width - right + 8, y(needed) + 4, lab, cls="tlabel"))
    # series
    ends: list[tuple[float, str, str, str]] = []
    extra = iter(PALETTE)
    for side, vals in shown.items():
        colour = SIDE_COLOURS.get(side) or next(extra)
        d_attr = f"M{num(x(dates[0]))} {num(y(vals[0]))}"
        for d, n in zip(dates[1:], vals[1:], strict=True):
            d_attr += f"H{num(x(d))}V{num(y(n))}"
        d_attr += f"H{num(x(end))}"
        changes = ", ".join(f"{long_date(d)}: {n}" for d, n in zip(dates, vals, strict=True))
        body.append(f'<path class="series side-{slug(side)}" stroke="{colour}" d="{d_attr}">'
                    f"<title>{esc(side.capitalize())} seats: {esc(changes)}</title></path>")
        ends.append((y(vals[-1]), side, colour, str(vals[-1])))
    ends.sort()
    last_y = -1e9
    for ey, side, colour, seats_ in ends:
        ly = max(ey + 4, last_y + 16)
        last_y = ly
        body.append(f'<text x="{num(width - right + 8)}" y="{num(ly)}" class="end" fill="{colour}">'
                    f"{esc(side.capitalize())} {esc(seats_)}</text>")
    # events
    base = top + plot_h + 34
    body.append(text(left - 6, base + 4, "events", cls="tick", anchor="end"))
    idx = 0
    for day, evs in sorted(by_day.items()):
        for j, ev in enumerate(evs):
            idx += 1
            cls = ["event", "seats" if ev.changes_seats else "procedural"]
            if not ev.verified:
                cls.append("unverified")
            src = "; ".join(s.url for s in ev.sources) or "no source given"
            tip = f"{long_date(ev.date)} · {ev.kind}\n{ev.describe()}\nSource: {src}"
            if not ev.verified:
                tip += "\nUnverified" + (f": {ev.note}" if ev.note else "")
            body.append(f'<circle id="{cid}-event-{idx}" class={attr(" ".join(cls))} cx="{num(x(day))}" '
                        f'cy="{num(base + j * lane)}" r="5.5"><title>{esc(tip)}</title></circle>')
    ny = base + lanes * lane + 16
    body.append(text(12, ny, "Filled markers: events that move seats; hollow: procedural events; "
                             "dashed: not confirmed. Hover a marker for its summary and source.", cls="note"))
    desc = _timeline_desc(scenario, dates, shown, needed, len(events))
    return document(chart_id=cid, kind="timeline", width=width, height=height,
                    title=title or f"{scenario.chamber.name}: seats per side over time",
                    desc=desc, style=_style(cid), body=body)


def _timeline_desc(scenario: Scenario, dates: list[dt.date], shown: dict[str, list[int]], needed: int | None,
                   n_events: int) -> str:
    parts = [f"Step chart of seats per side in the {scenario.chamber.name} from {long_date(dates[0])} "
             f"to {long_date(dates[-1])}, {n_events} events."]
    for side, vals in shown.items():
        parts.append(f"{side.capitalize()}: {vals[0]} to {vals[-1]}.")
    if needed is not None:
        parts.append(f"The dashed line marks {needed} seats needed.")
    return " ".join(parts)


def timeline(scenario: Scenario, **kwargs: object) -> Chart:
    """:func:`render_timeline` as a :class:`Chart` (for notebooks)."""
    return Chart(render_timeline(scenario, **kwargs), "timeline")  # type: ignore[arg-type]


# -- forecast ------------------------------------------------------------------------------------------
def _check_pmf(pmf: Sequence[float] | npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    arr = np.asarray(pmf, dtype=np.float64)
    if arr.ndim != 1 or arr.size < 2:
        raise ChartError(f"forecast: expected a probability vector over 0..seats, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ChartError("forecast: the probability vector holds NaN or infinite values")
    if np.any(arr < -1e-12):
        raise ChartError(f"forecast: probabilities must be >= 0, found {float(arr.min()):.3g}")
    total = float(arr.sum())
    if abs(total - 1) > 1e-6:
        raise ChartError(f"forecast: probabilities must add up to 1, they add up to {total:.6g}")
    return np.clip(arr, 0, None)


def render_forecast(
    pmf: Sequence[float] | npt.NDArray[np.float64],
    *,
    needed: int | None,
    title: str = "Forecast of the vote",
    p_pass: float | None = None,
    method: str = "",
    chart_id: str | None = None,
    heading: bool = True,
    on: dt.date | None = None,
    model: str = "",
) -> str:
    """Bars of P(exactly k yes votes) for the counts that matter, and the threshold.

    ``on`` is the date of the whip count the forecast starts from and ``model`` says in words how
    stances become votes; the subtitle and the description state both, with the ``method``.

    ``pmf[k]`` is the probability of k yes votes, k = 0..seats. Counts whose probability is below 1 in
    10,000 at either tail are left out (the axis says where it starts and ends). ``p_pass`` defaults to
    the mass at or above ``needed``.
    """
    arr = _check_pmf(pmf)
    seats = arr.size - 1
    if needed is not None and not 0 <= needed <= seats:
        raise ChartError(f"forecast: threshold {needed} outside 0..{seats}")
    cdf = np.cumsum(arr)
    lo = int(np.searchsorted(cdf, 1e-4))
    hi = int(np.searchsorted(cdf, 1 - 1e-4))
    if needed is not None:
        lo, hi = min(lo, needed - 1), max(hi, needed)
    lo, hi = max(0, lo - 2), min(seats, hi + 2)
    if hi - lo < 10:
        lo, hi = max(0, lo - 5), min(seats, hi + 5)
    if p_pass is None and needed is not None:
        p_pass = float(arr[needed:].sum())

    cid = slug(chart_id or f"forecast-{title}")
    width = 960.0
    left, right = 56.0, 24.0
    top = 70.0 if heading else 20.0
    plot_h = 300.0
    height = top + plot_h + 64
    n = hi - lo + 1
    bw = (width - left - right) / n
    pmax = float(arr[lo:hi + 1].max()) or 1.0
    ystep = next(s for s in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0) if pmax / s <= 6)
    ytop = math.ceil(pmax / ystep) * ystep

    def y(p: float) -> float:
        return top + plot_h * (1 - p / ytop)

    body: list[str] = []
    if heading:
        body.append(text(12, 26, title, cls="heading"))
        sub = [f"As of {long_date(on)}"] if on is not None else []
        if p_pass is not None:
            sub.append(f"P(pass) = {_pct(p_pass)}")
        if needed is not None:
            sub.append(f"{needed} yes votes needed")
        if model or method:
            sub.append("model: " + " ".join(filter(None, [model, f"({method})" if method and model else method])))
        body.append(text(12, 46, " · ".join(sub), cls="sub"))
    v = 0.0
    while v <= ytop + 1e-12:
        body.append(f'<line class="grid" x1="{num(left)}" x2="{num(width - right)}" y1="{num(y(v))}" '
                    f'y2="{num(y(v))}"/>')
        body.append(text(left - 6, y(v) + 4, _pct(v, grid=True), cls="tick", anchor="end"))
        v += ystep
    tick_every = max(1, _nice_step(n * 1.6) // 2)
    for k in range(lo, hi + 1):
        p = float(arr[k])
        cls = "pass" if needed is not None and k >= needed else "fail"
        bx = left + (k - lo) * bw
        h = max(plot_h * p / ytop, 0.0)
        body.append(f'<rect class="bar {cls}" x="{num(bx + bw * 0.08)}" y="{num(top + plot_h - h)}" '
                    f'width="{num(bw * 0.84)}" height="{num(h)}"><title>{k} yes: {esc(_pct(p))}</title></rect>')
        if k % tick_every == 0:
            body.append(text(bx + bw / 2, top + plot_h + 16, str(k), cls="tick", anchor="middle"))
    body.append(f'<line class="axis" x1="{num(left)}" x2="{num(width - right)}" y1="{num(top + plot_h)}" '
                f'y2="{num(top + plot_h)}"/>')
    body.append(text((left + width - right) / 2, top + plot_h + 36, "yes votes", cls="tick", anchor="middle"))
    if needed is not None and lo <= needed <= hi + 1:
        tx = left + (needed - lo) * bw
        body.append(f'<line class="threshold" x1="{num(tx)}" x2="{num(tx)}" y1="{num(top - 6)}" '
                    f'y2="{num(top + plot_h)}"><title>{needed} to pass</title></line>')
        body.append(text(tx + 4, top + 6, f"{needed} to pass", cls="tlabel"))
    body.append(text(12, height - 8, f"Counts {lo} to {hi} of 0 to {seats} shown; the rest have "
                                     "probability below 0.01%.", cls="note"))
    desc = (f"Bar chart of the probability of each number of yes votes from {lo} to {hi}"
            + (f", forecast from the whip count of {long_date(on)}" if on is not None else "")
            + (f", model: {model}" if model else "") + (f", method: {method}" if method else "") + "."
            + (f" The line marks the {needed} votes needed." if needed is not None else "")
            + (f" The motion passes with probability {_pct(p_pass)}." if p_pass is not None else ""))
    return document(chart_id=cid, kind="forecast", width=width, height=height, title=title, desc=desc,
                    style=_style(cid), body=body)


def _pct(p: float, *, grid: bool = False) -> str:
    if grid:  # an axis tick, not a probability of passing
        return f"{p * 100:.{0 if p * 100 >= 1 or p == 0 else 1}f}%"
    return format_probability(p)


def forecast(pmf: Sequence[float] | npt.NDArray[np.float64], **kwargs: object) -> Chart:
    """:func:`render_forecast` as a :class:`Chart` (for notebooks)."""
    return Chart(render_forecast(pmf, **kwargs), "forecast")  # type: ignore[arg-type]
