"""The forecast distribution of the vote: P(exactly k yes votes) as bars, SVG out.

:func:`render_forecast` draws the bars from a plain probability vector over ``0..seats`` (a numpy array,
as the tally's exact forecast returns), the bars that pass in a different colour and the threshold as a
line between the last failing and the first passing count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from whipcount.charts.axes import chart_style, nice_step
from whipcount.charts.hemicycle import Chart, long_date
from whipcount.charts.svg import document, esc, num, slug, text
from whipcount.errors import ChartError
from whipcount.model import format_probability

__all__ = ["forecast", "render_forecast"]


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
    tick_every = max(1, nice_step(n * 1.6) // 2)
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
                    style=chart_style(cid), body=body)


def _pct(p: float, *, grid: bool = False) -> str:
    if grid:  # an axis tick, not a probability of passing
        return f"{p * 100:.{0 if p * 100 >= 1 or p == 0 else 1}f}%"
    return format_probability(p)


def forecast(pmf: Sequence[float] | npt.NDArray[np.float64], **kwargs: object) -> Chart:
    """:func:`render_forecast` as a :class:`Chart` (for notebooks)."""
    return Chart(render_forecast(pmf, **kwargs), "forecast")  # type: ignore[arg-type]
