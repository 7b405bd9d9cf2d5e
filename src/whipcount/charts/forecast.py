"""The forecast distribution of the vote: P(exactly k yes votes) as bars, SVG out.

:func:`render_forecast` draws the bars from a plain probability vector over ``0..seats`` (a numpy array,
as the tally's exact forecast returns), the bars that pass in a different colour and the threshold as a
line between the last failing and the first passing count.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from whipcount.charts.axes import chart_style, nice_step, plot_sizes
from whipcount.charts.credit import credit_marks, credit_text
from whipcount.charts.describe import count_of, sentence
from whipcount.charts.hemicycle import Chart, long_date
from whipcount.charts.seatstyle import wrap
from whipcount.charts.svg import document, esc, num, slug, text
from whipcount.charts.textwidth import text_width
from whipcount.errors import ChartError
from whipcount.model import format_probability
from whipcount.model.arguments import check_count

__all__ = ["ForecastLike", "forecast", "forecast_notes", "render_forecast"]


@runtime_checkable
class ForecastLike(Protocol):
    """What the chart reads of a :class:`whipcount.tally.Forecast` (charts sit beside tally, not above it)."""

    @property
    def yes_pmf(self) -> npt.NDArray[np.float64]: ...
    @property
    def needed(self) -> int | None: ...
    @property
    def p_pass(self) -> float: ...
    @property
    def method(self) -> str: ...

CREDIT_FONT = plot_sizes(None).note
"""The credit line's size in the forecast chart: the notes' size of the desktop style it is drawn with."""
TLABEL = plot_sizes(None).tlabel
"""The size of the threshold's words ("51 to pass")."""


# -- forecast ------------------------------------------------------------------------------------------
_WHAT_TO_PASS = ("pass the Forecast that whipcount.tally.forecast returns, or its distribution of the yes vote "
                 "(forecast.yes_pmf) with needed=N (None: no line)")


class _Unset:
    """``needed`` not given: a Forecast knows it, a bare distribution does not."""


_UNSET = _Unset()


def _check_pmf(pmf: object) -> npt.NDArray[np.float64]:
    try:
        arr = np.asarray(pmf, dtype=np.float64)
    except (TypeError, ValueError) as exc:  # a ForecastModel, a WhipCount, text: say what the chart takes
        raise ChartError(f"forecast: expected a distribution of the yes vote, got {type(pmf).__name__}; "
                         f"{_WHAT_TO_PASS}") from exc
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
    pmf: ForecastLike | Sequence[float] | npt.NDArray[np.float64], *, needed: int | None | _Unset = _UNSET,
    title: str = "Forecast of the vote", p_pass: float | None = None, method: str = "",
    chart_id: str | None = None, heading: bool = True, on: dt.date | None = None, model: str = "",
    credit: Sequence[str] | None = None, fit: float | None = None, needs: str = "", said: Sequence[str] = (),
) -> str:
    """Bars of P(exactly k yes votes) for the counts that matter, and the threshold.

    ``on`` is the date of the whip count the forecast starts from and ``model`` says in words how
    stances become votes; the subtitle and the description state both, with the ``method``. ``credit``
    names the outlets of a credit line at the foot (:mod:`whipcount.charts.credit`; None: no line, for a
    page that credits its sources itself). ``fit``: the most height in units the picture may take (a card's,
    so that its text stays readable there): a taller one gives its plot up to :data:`_CARD_LEAST_PLOT` units
    less. ``needs`` says in words what the motion needs where no line can be drawn (``needed`` None: a
    majority of the votes cast, whose number depends on turnout); a note under the plot gives it. ``said``:
    further notes under the plot (a chamber not the size its rules profile fixes; of a Forecast, by default,
    what the votes needed are a share of where seats were vacant: :func:`forecast_notes`).

    ``pmf[k]`` is the probability of k yes votes, k = 0..seats. Counts whose probability is below 1 in
    10,000 at either tail are left out (the axis says where it starts and ends). ``p_pass`` defaults to
    the mass at or above ``needed``. ``pmf`` may be the :class:`~whipcount.tally.Forecast` itself: its
    distribution, votes needed, P(pass) and method are drawn, unless given here; a bare distribution needs
    ``needed``.
    """
    if isinstance(pmf, ForecastLike):
        needed = pmf.needed if isinstance(needed, _Unset) else needed
        p_pass = pmf.p_pass if p_pass is None else p_pass
        method = method or pmf.method
        said = said or forecast_notes(pmf)
        pmf = pmf.yes_pmf
    arr = _check_pmf(pmf)
    if isinstance(needed, _Unset):
        raise ChartError(f"forecast: needed= is missing (the votes the motion needs); {_WHAT_TO_PASS}")
    seats = arr.size - 1
    needed = None if needed is None else check_count(needed, "needed")
    if needed is not None and not 0 <= needed <= seats:
        raise ChartError(f"forecast: threshold {needed} outside 0..{seats}")
    lo, hi = _shown(arr, needed)
    if p_pass is None and needed is not None:
        p_pass = float(arr[needed:].sum())
    cid = slug(chart_id or f"forecast-{title}" + (f"-{on.isoformat()}" if on is not None else ""))
    f = _frame(arr, lo, hi, heading)
    head, last = _heading(title, _subtitle(on, p_pass, needed, model, method), f.width - 24) if heading \
        else ([], 46.0)
    f = replace(f, top=f.top + last - 46)  # a long title (a chamber's name) wraps, and the plot moves down
    notes = [_shown_note(arr, lo, hi)]
    no_line = f"No line for the votes needed: the motion {needs.rstrip('.')}." if needed is None and needs else ""
    if no_line:
        notes += _fit(no_line, _NOTE_ROOM, plot_sizes(None).note)
    for note in said:  # a note the bar's words already say in full (the chamber's size) is not said twice
        if _bare(note) not in _bare(no_line):
            notes += _fit(note, _NOTE_ROOM, plot_sizes(None).note)
    g, note_y, credit_body, end = _layout(f, needed, arr, credit, len(notes))
    if fit is not None and end + 8 > fit:  # on a card: the plot gives up height before the text shrinks
        g, note_y, credit_body, end = _layout(replace(f, plot_h=max(_CARD_LEAST_PLOT, f.plot_h - (end + 8 - fit))),
                                              needed, arr, credit, len(notes))
    f = g
    body: list[str] = []
    body += head
    body += _grid(f)
    body += _bars(f, arr[lo:hi + 1], needed)
    body += _threshold(f, needed, arr)
    body += [text(12, note_y + _NOTE_LINE * i, line, cls="note") for i, line in enumerate(notes)]
    body += credit_body
    desc = _description(f, hi, needed, p_pass, on=on, model=model, method=method, credit=credit) \
        + (f" {' '.join(notes[1:])}" if len(notes) > 1 else "")
    return document(chart_id=cid, kind="forecast", width=f.width, height=end + 8, title=title, desc=desc,
                    style=chart_style(cid), body=body)


_CARD_LEAST_PLOT = 200.0
"""The least height of the plot when it gives up height to fit a card."""


def _layout(f: _Frame, needed: int | None, arr: npt.NDArray[np.float64],
            credit: Sequence[str] | None, notes: int = 1) -> tuple[_Frame, float, list[str], float]:
    """The plot moved down where the threshold's words go over it, the baseline of the first of the ``notes``
    lines under it, the credit and the y under that."""
    if needed is not None and _beside(f, needed, arr) is None:  # the line's words go over the plot: make room
        f = replace(f, top=f.top + _LIFT)
    note_y = f.top + f.plot_h + 56
    last = note_y + _NOTE_LINE * (notes - 1)
    credit_body, end = credit_marks(credit, 12, last + 22, f.width - 24, CREDIT_FONT) if credit is not None \
        else ([], last)
    return f, note_y, credit_body, end


def _frame(arr: npt.NDArray[np.float64], lo: int, hi: int, heading: bool) -> _Frame:
    """The plot of the counts ``lo`` to ``hi``: under the heading if there is one, its probability axis up
    to a round step above the largest bar."""
    pmax = float(arr[lo:hi + 1].max()) or 1.0  # equivalent mutant "1 -> 0": _shown keeps the counts with mass
    ystep = next(s for s in (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1.0) if pmax / s <= 6)
    return _Frame(top=70.0 if heading else 20.0, lo=lo, n=hi - lo + 1, ystep=ystep,
                  ytop=math.ceil(pmax / ystep) * ystep)


def _threshold(f: _Frame, needed: int | None, arr: npt.NDArray[np.float64]) -> list[str]:
    """The line at the votes needed and its words, beside it at the top of the plot or above the plot."""
    if needed is None:
        return []
    tx = f.left + (needed - f.lo) * f.bw
    words = f"{needed} to pass"
    w = text_width(words, TLABEL, bold=True)
    x, y, anchor = _beside(f, needed, arr) or (min(max(tx, 2 + w / 2), f.width - 2 - w / 2), f.top - 11, "middle")
    return [f'<line class="threshold" x1="{num(tx)}" x2="{num(tx)}" y1="{num(f.top - 6)}" '
            f'y2="{num(f.top + f.plot_h)}"><title>{needed} to pass</title></line>',
            text(x, y, words, cls="tlabel", anchor=anchor)]


def _heading(title: str, sub: str, width: float) -> tuple[list[str], float]:
    """The title and the subtitle, each wrapped to ``width`` (a chamber's name can be long), and the
    baseline of the last line: the title's first at 26 units, its lines 24 apart, the subtitle's first 20
    under the title's last and its lines 17 apart (one line each: 26 and 46)."""
    sizes = plot_sizes(None)
    out, y = [], 26.0
    for line in _fit(title, width, sizes.heading, bold=True):
        out.append(text(12, y, line, cls="heading"))
        y += sizes.heading + 4
    y -= 4
    for line in _fit(sub, width, sizes.sub):
        out.append(text(12, y, line, cls="sub"))
        y += sizes.sub + 4
    return out, y - sizes.sub - 4


def _fit(line: str, width: float, font: float, *, bold: bool = False) -> list[str]:
    """``line`` as it is where it fits ``width``, else wrapped."""
    return [line] if text_width(line, font, bold=bold) <= width else wrap(line, width, font, bold=bold)


_NOTE_LINE = 17.0
"""From one line of the notes under the plot to the next."""

_NOTE_ROOM = 640.0
"""How wide a wrapped note under the plot is set: narrow enough to stay in the picture where a page sets
the notes larger (the report, on a phone and in print: 11-unit notes at up to 15.5 pixels)."""

_LIFT = 14.0
"""How far the plot moves down when the threshold's words go over it (they fit beside the line nowhere)."""


def _beside(f: _Frame, needed: int, arr: npt.NDArray[np.float64]) -> tuple[float, float, str] | None:
    """Where the threshold's words go beside the line, at the top of the plot (x, baseline, anchor): right
    of it, else left of it, wherever they stay inside the picture and clear of every bar; None when they fit
    on neither side (a bar reaches the top on each side, or the picture's edge is in the way)."""
    tx = f.left + (needed - f.lo) * f.bw
    w = text_width(f"{needed} to pass", TLABEL, bold=True)
    base = f.top + 6
    for x0, x, anchor in ((tx + 4, tx + 4, "start"), (tx - 4 - w, tx - 4, "end")):
        if 2 <= x0 and x0 + w <= f.width - 2 and not any(
                _meets(f, f.lo + i, float(arr[f.lo + i]), (x0, x0 + w), base + 4) for i in range(f.n)):
            return x, base, anchor
    return None


def _meets(f: _Frame, k: int, p: float, span: tuple[float, float], low: float) -> bool:
    """True when the bar of count ``k`` (of probability ``p``) reaches into the box ``span`` across whose
    lower edge is at ``low``."""
    bx = f.left + (k - f.lo) * f.bw + f.bw * 0.08
    return p > 0 and bx < span[1] and bx + f.bw * 0.84 > span[0] and f.y(p) < low


def _description(f: _Frame, hi: int, needed: int | None, p_pass: float | None, *, on: dt.date | None, model: str,
                 method: str, credit: Sequence[str] | None) -> str:
    """The chart in words: the counts shown, the whip count's date, the model and method, the votes needed,
    P(pass) and the credit."""
    return (f"Bar chart of the probability of each number of yes votes from {f.lo} to {hi}"
            + (f", forecast from the whip count of {long_date(on)}" if on is not None else "")
            + (f", model: {model}" if model else "") + (f", method: {method}" if method else "") + "."
            + (f" The line marks the {count_of(needed, 'vote')} needed." if needed is not None else "")
            + (f" The motion passes with probability {_pct(p_pass)}." if p_pass is not None else "")
            + (f" {credit_text(credit)}." if credit is not None else ""))


def _shown_note(arr: npt.NDArray[np.float64], lo: int, hi: int) -> str:
    """The note on the counts shown: every one, or ``lo`` to ``hi`` and how probable the others are together (the
    tails are cut where each holds under 1 in 10,000, so together they may hold up to 2)."""
    seats = arr.size - 1
    if lo == 0 and hi == seats:
        return f"Every count from 0 to {seats} shown."
    rest = float(arr[:lo].sum() + arr[hi + 1:].sum())
    words = "0%" if rest <= 0 else f"below {(math.floor(rest * 1e4) + 1) / 100:g}%"
    return f"Counts {lo} to {hi} of 0 to {seats} shown; the others have probability {words} together."


def _shown(arr: npt.NDArray[np.float64], needed: int | None) -> tuple[int, int]:
    """The counts shown: all but the tails below 1 in 10,000, the threshold included, two more each side,
    and at least ten or so."""
    seats = arr.size - 1
    cdf = np.cumsum(arr)
    lo = int(np.searchsorted(cdf, 1e-4))
    hi = int(np.searchsorted(cdf, 1 - 1e-4))
    if needed is not None:
        lo, hi = min(lo, needed - 1), max(hi, needed)
    lo, hi = max(0, lo - 2), min(seats, hi + 2)
    if hi - lo < 10:
        lo, hi = max(0, lo - 5), min(seats, hi + 5)
    return lo, hi


@dataclass(frozen=True, slots=True)
class _Frame:
    """The plot's geometry: counts ``lo .. lo + n - 1`` across, probabilities up to ``ytop`` (a multiple
    of the grid's ``ystep``) upwards."""

    top: float
    lo: int
    n: int
    ystep: float
    ytop: float
    width: float = 960.0
    left: float = 56.0
    right: float = 24.0
    plot_h: float = 300.0

    @property
    def bw(self) -> float:
        return (self.width - self.left - self.right) / self.n

    def y(self, p: float) -> float:
        return self.top + self.plot_h * (1 - p / self.ytop)


def _subtitle(on: dt.date | None, p_pass: float | None, needed: int | None, model: str, method: str) -> str:
    sub = [f"As of {long_date(on)}"] if on is not None else []
    if p_pass is not None:
        sub.append(f"P(pass) = {_pct(p_pass)}")
    if needed is not None:
        sub.append(f"{count_of(needed, 'yes vote')} needed")
    if model or method:
        sub.append("model: " + " ".join(filter(None, [model, f"({method})" if method and model else method])))
    return " · ".join(sub)


def _grid(f: _Frame) -> list[str]:
    """A grid line and its label at every step of the probability axis."""
    out: list[str] = []
    v = 0.0
    while v <= f.ytop + 1e-12:
        out.append(f'<line class="grid" x1="{num(f.left)}" x2="{num(f.width - f.right)}" y1="{num(f.y(v))}" '
                   f'y2="{num(f.y(v))}"/>')
        # the bottom label sits on the axis, clear of the first count's label below it
        out.append(text(f.left - 6, f.y(v) + (4 if v > 0 else 0), _pct(v, grid=True), cls="tick", anchor="end"))
        v += f.ystep
    return out


def _bars(f: _Frame, shown: npt.NDArray[np.float64], needed: int | None) -> list[str]:
    """One bar a count (passing counts and failing ones told apart), count labels, the axis."""
    out: list[str] = []
    bottom = f.top + f.plot_h
    tick_every = max(1, nice_step(f.n * 1.6) // 2)
    for k in range(f.lo, f.lo + f.n):
        p = float(shown[k - f.lo])
        cls = "pass" if needed is not None and k >= needed else "fail"
        bx = f.left + (k - f.lo) * f.bw
        h = max(f.plot_h * p / f.ytop, 0.0)
        out.append(f'<rect class="bar {cls}" x="{num(bx + f.bw * 0.08)}" y="{num(bottom - h)}" '
                   f'width="{num(f.bw * 0.84)}" height="{num(h)}"><title>{k} yes: {esc(_pct(p))}</title></rect>')
        if k % tick_every == 0:
            out.append(text(bx + f.bw / 2, bottom + 16, str(k), cls="tick", anchor="middle"))
    out.append(f'<line class="axis" x1="{num(f.left)}" x2="{num(f.width - f.right)}" y1="{num(bottom)}" '
               f'y2="{num(bottom)}"/>')
    out.append(text((f.left + f.width - f.right) / 2, bottom + 36, "yes votes", cls="tick", anchor="middle"))
    return out


def _pct(p: float, *, grid: bool = False) -> str:
    if grid:  # an axis tick, not a probability of passing
        return f"{p * 100:.{0 if p * 100 >= 1 or p == 0 else 1}f}%"
    return format_probability(p)


def forecast_notes(fc: ForecastLike) -> list[str]:
    """What a forecast says of its bar under its figures: where seats were vacant and the bar is a share of the
    membership, what it is a share of and whether the vacant seats were counted (the rule's words, as every
    other statement of the bar gives them)."""
    note = getattr(fc, "vacancy_note", "")
    return [sentence(note)] if isinstance(note, str) and note else []


def forecast(pmf: ForecastLike | Sequence[float] | npt.NDArray[np.float64], **kwargs: object) -> Chart:
    """:func:`render_forecast` as a :class:`Chart` (for notebooks): ``forecast(whipcount.tally.forecast(model))``,
    or a distribution with ``needed=``."""
    return Chart(render_forecast(pmf, **kwargs), "forecast")  # type: ignore[arg-type]


def _bare(sentence: str) -> str:
    """A sentence's words, without its capital and full stop, to find it inside another."""
    words = " ".join(sentence.split()).rstrip(".")
    return words[:1].lower() + words[1:]
