"""The timeline's threshold: the votes the motion needs on each date shown, and the line that draws it.

The bar is the rules' answer for the chamber of each day (:func:`~whipcount.charts.views.needed_with`), so on
a basis of the members in office it follows resignations, deaths and by-elections (a majority of 101
sitting members is 51, of 98 it is 50), and it follows a change of the rule itself. On a basis of the
total membership it holds all along, and the chart draws one straight line, labelled "51 to pass" at
its end. A bar that changes is drawn as a dashed step line, each stretch labelled with its bar where the
label fits, and its key says the bar at the end, since when, and the earlier ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from whipcount.charts.axes import PlotSizes
from whipcount.charts.describe import long_date, seats_text, sentence
from whipcount.charts.story import Coalitions, Step
from whipcount.charts.svg import attr, esc, num, text
from whipcount.charts.textwidth import text_width
from whipcount.charts.timeline_axes import ValueAxis
from whipcount.charts.timeline_keys import LineKey, day_label
from whipcount.charts.views import needed_with
from whipcount.errors import WhipcountError
from whipcount.model import Scenario
from whipcount.rules import get_constitution
from whipcount.rules.needed import needed as needed_of
from whipcount.rules.needed import seats_note, vacancy_notes

__all__ = ["Bar", "bar_sentence", "chamber_bar", "step_bar", "threshold_marks", "vacancy_words"]

INK = "#111111"


@dataclass(frozen=True, slots=True)
class Bar:
    """What the motion needs over the dates shown: ``stretches`` holds the first day shown and each day the
    bar changes, with the bar from that day on (None where the rules set no number: a turnout basis)."""

    stretches: tuple[tuple[dt.date, int | None], ...]

    @property
    def steps(self) -> bool:
        """True when the bar changes over the dates shown."""
        return len(self.stretches) > 1

    @property
    def values(self) -> list[int]:
        return [n for _, n in self.stretches if n is not None]

    def on(self, day: dt.date) -> int | None:
        """The bar at the end of ``day`` (the first stretch's before it)."""
        return next((n for start, n in reversed(self.stretches) if start <= day), self.stretches[0][1])


def step_bar(scenario: Scenario, needed: int | None = None) -> Callable[[Step], int | None]:
    """What the main motion needs after a step of the log, on its chamber (``needed``: a bar given instead)."""
    if needed is not None:
        return lambda _step: needed
    known: dict[tuple[int, dt.date], int | None] = {}  # each step is asked about more than once

    def bar(step: Step) -> int | None:
        key = (step.vacancies, step.date)
        if key not in known:
            known[key] = needed_with(scenario.chamber, step.vacancies, step.date, scenario.motion)[0]
        return known[key]

    return bar


def bar_notes(scenario: Scenario, bar: Bar | None, needed: int | None = None) -> list[str]:
    """Where the bar is the rules' (no ``needed`` given) and the scenario's chamber is not the size the rules
    profile fixes on a day the bar starts or changes, the note saying so: once for each size the profile fixes."""
    if bar is None or needed is not None:
        return []
    motion = scenario.motion
    rules = (motion.rules if motion is not None else None) or scenario.chamber.rules
    out: dict[int, str] = {}
    for day, n in bar.stretches:
        period = get_constitution(rules).seats_on(day)
        said = seats_note(rules, day, scenario.chamber.seats, "counted") if n is not None else None
        if said and period is not None:
            out.setdefault(period.seats, sentence(said))
    return list(out.values())


def chamber_bar(scenario: Scenario, co: Coalitions, first: dt.date, last: dt.date,
                needed: int | None = None) -> Bar | None:
    """The bar from ``first`` to ``last``: worked out on every day the chamber or the rule changes (``needed``:
    one bar given instead, held all along); None when the rules never set a number."""
    if needed is not None:
        return Bar(((first, needed),))
    stretches: list[tuple[dt.date, int | None]] = []
    for day in _bar_days(scenario, co, first, last):
        n, _ = needed_with(scenario.chamber, co.step_on(day).vacancies, day, scenario.motion)
        if not stretches or stretches[-1][1] != n:
            stretches.append((day, n))
    bar = Bar(tuple(stretches))
    return bar if bar.values else None


def _bar_days(scenario: Scenario, co: Coalitions, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from ``first`` to ``last`` the bar is worked out on: the first, and each the chamber or the rule
    changes."""
    return sorted({first, *(s.date for s in co.steps if first < s.date <= last),
                   *(d for d in _rule_changes(scenario) if first < d <= last)})


def vacancy_words(scenario: Scenario, co: Coalitions, first: dt.date, last: dt.date,
                  needed: int | None = None) -> list[str]:
    """Where seats are vacant on the dates shown and the rules' bar (no ``needed`` given) is a share of the
    membership, what it is a share of and whether the vacant seats were counted, as every other statement of
    the bar says it (:func:`~whipcount.rules.needed.vacancy_notes`: the least and most vacant where they
    change)."""
    motion = scenario.motion
    if needed is not None:
        return []
    rules = (motion.rules if motion is not None else None) or scenario.chamber.rules
    needs = []
    for day in _bar_days(scenario, co, first, last):
        vacancies = co.step_on(day).vacancies
        if not vacancies:
            continue
        try:
            kind = motion.kind if motion is not None else get_constitution(rules).main_kind(day)
            needs.append(needed_of(rules, kind, seats=scenario.chamber.seats, vacancies=vacancies, on=day,
                                   round=motion.round if motion is not None else 1))
        except WhipcountError:  # no bar that day: needed_with says why
            continue
    return [sentence(words) for words in vacancy_notes(needs)]


def _rule_changes(scenario: Scenario) -> set[dt.date]:
    """The days a version of a motion rule of the scenario's constitution starts or ends."""
    motion = scenario.motion
    rules = (motion.rules if motion is not None else None) or scenario.chamber.rules
    try:
        constitution = get_constitution(rules)
    except WhipcountError:  # needed_for says why on every day: no bar
        return set()
    return {d for m in constitution.motions for d in (m.start, m.end) if d is not None}


def _to_pass(n: int | None) -> str:
    return f"{n} to pass" if n is not None else "no set number to pass"


def bar_sentence(bar: Bar | None) -> str:
    """The line in words, for the chart's description."""
    if bar is None:
        return ""
    if not bar.steps:
        n = bar.stretches[0][1]
        assert n is not None  # a bar without any number is no bar (chamber_bar)
        return f"The dashed line marks {seats_text(n)} needed."
    parts = [f"{n if n is not None else 'no set number'} from {long_date(d)}" for d, n in bar.stretches]
    return ("The dashed line marks the seats needed, which change over these dates: "
            + ", ".join(parts[:-1]) + f" and {parts[-1]}.")


def threshold_marks(bar: Bar, xy: tuple[Callable[[dt.date], float], ValueAxis], span: tuple[float, float],
                    years: bool, sz: PlotSizes, label: str | None = None) -> tuple[list[str], LineKey]:
    """The threshold across the plot (``span``: its left and right ends) and its key: one line as ever when
    the bar holds (``label``: its words, default "N to pass"), else a step line with each stretch's bar."""
    x, y = xy
    if not bar.steps:
        n = bar.stretches[0][1]
        assert n is not None  # a bar without any number is no bar (chamber_bar)
        what = label or _to_pass(n)
        return ([f'<line class="threshold" x1="{num(span[0])}" x2="{num(span[1])}" y1="{num(y(n))}" '
                 f'y2="{num(y(n))}"><title>{esc(what)}</title></line>'], LineKey(y(n), what, "", INK, threshold=True))
    ends = [max(span[0], x(d)) for d, _ in bar.stretches[1:]] + [span[1]]
    starts = [span[0], *ends[:-1]]
    path, out, pen_down = "", [], False
    for (_, n), x0, x1 in zip(bar.stretches, starts, ends, strict=True):
        if n is None:
            pen_down = False
            continue
        path += (f"V{num(y(n))}" if pen_down else f"M{num(x0)} {num(y(n))}") + f"H{num(x1)}"
        pen_down = True
        # each stretch's bar, in words where they fit, else its number alone where that fits
        words = next((w for w in (_to_pass(n), str(n)) if text_width(w, sz.tlabel, bold=True) + 8 <= x1 - x0), None)
        if words is not None:
            out.append(text(x0 + 4, y(n) - 5, words, cls="tlabel tstep"))
    data = " ".join(f"{d.isoformat()}:{'' if n is None else n}" for d, n in bar.stretches)
    listing = ", ".join(f"{_to_pass(n)} from {long_date(d)}" for d, n in bar.stretches)
    line = (f'<path class="threshold steps" d="{path}" data-needed={attr(data)}>'
            f"<title>Votes needed: {esc(listing)}</title></path>")
    (last_day, last), earlier = bar.stretches[-1], bar.stretches[:-1]
    key = LineKey(y(last if last is not None else bar.values[-1]), _to_pass(last), f"from {day_label(last_day, years)}",
                  INK, threshold=True,
                  value="earlier: " + ", ".join(f"{_to_pass(n).removesuffix(' to pass')} from {day_label(d, years)}"
                                                for d, n in earlier))
    return [line, *out], key
