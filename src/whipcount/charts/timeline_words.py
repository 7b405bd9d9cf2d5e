"""The words of the timeline chart: the notes under it and its description for screen readers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from whipcount.charts.axes import PlotSizes
from whipcount.charts.describe import count_of, long_date, seats_text
from whipcount.charts.seatstyle import wrap
from whipcount.charts.story import KeyEvent
from whipcount.model import Event, Scenario

__all__ = ["read_notes", "timeline_desc", "timeline_notes"]


def read_notes(events: list[Event], ref: dt.date, hidden: int, *, opened: str | None = "filed",
               said: Sequence[str] = ()) -> list[str]:
    """The notes under the chart that say something of the figures, which the description reads out too: whose
    sides the lines follow, how many events fall outside the dates (``hidden``) and ``said``, the notes on the
    bar (a chamber not the size its rules profile fixes) and on the sides under the dates. ``opened``: ``ref``
    is the day the motion was ``"filed"`` or ``"moved"``; None: it is the day the record begins, and the note
    does not call it either (the motion has neither date)."""
    when = (f"when the motion was {opened} on {long_date(ref)}" if opened else
            f"on {long_date(ref)}, where the record begins (no filing date is recorded for the motion)")
    notes = [f"Lines follow the sides as they stood {when}" + _after_change(events) + "."]
    if hidden:
        notes.append(f"{count_of(hidden, 'event')} of the log {'falls' if hidden == 1 else 'fall'} outside these "
                     "dates.")
    return notes + list(said)


def timeline_notes(read: Sequence[str], room: float, sz: PlotSizes, *, hover: bool = True) -> list[tuple[str, str]]:
    """The notes under the chart and their class: those :func:`read_notes` gives (``read``), and after the first
    the key to the markers and the hint to hover. The hint is left off the narrow variant (a phone or paper
    cannot hover) and a picture nobody can hover (``hover`` False: a PNG), and has a class of its own (a page
    hides it on touch screens). Every note is wrapped to ``room``, the desktop picture's too (the note on a
    change of government runs to 180 characters)."""
    notes = [(read[0], "note"),
             ("Markers below the axis: filled, events that move seats; hollow, procedural; dashed, not confirmed.",
              "note")]
    if hover and not sz.narrow:
        notes.append(("Hover a marker for its summary and source.", "note hint"))
    notes += [(note, "note") for note in read[1:]]
    return [(part, cls) for line, cls in notes for part in wrap(line, room, sz.note)]


def _after_change(events: list[Event]) -> str:
    days = sorted({e.date for e in events if e.kind == "government-change"})
    if not days:
        return ""
    if len(days) == 1:
        return (f"; the change of government on {long_date(days[0])} is marked as an event, and the lines "
                "keep their names")
    listed = ", ".join(map(long_date, days[:-1])) + f" and {long_date(days[-1])}"
    return f"; the changes of government on {listed} are marked as events, and the lines keep their names"


def timeline_desc(scenario: Scenario, span: tuple[dt.date, dt.date], shown: dict[str, list[int]],
                   bar: str, n_events: int, ref: dt.date, labelled: list[KeyEvent]) -> str:
    """The words read out for the chart: ``span`` is the first and the last date the lines are drawn on,
    ``bar`` the threshold line in words (empty without one)."""
    first, last = span
    parts = [f"Step chart of the seats of each side of the {scenario.chamber.name} as it stood on "
             f"{long_date(ref)}, from {long_date(first)} to {long_date(last)}, {count_of(n_events, 'event')}."]
    for side, vals in shown.items():
        parts.append(f"{side.capitalize()} as it stood on {long_date(ref)}: {seats_text(vals[0])} on "
                     f"{long_date(first)}, {vals[-1]} on {long_date(last)}.")
    if bar:
        parts.append(bar)
    if labelled:
        parts.append("Labelled: " + "; ".join(f"{long_date(k.event.date)}, {k.label}" for k in labelled) + ".")
    return " ".join(parts)
