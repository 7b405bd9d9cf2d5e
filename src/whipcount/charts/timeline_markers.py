"""The timeline's event markers, below the date axis.

The events that look alike (they move seats or not, confirmed or not) and fall within a marker's width of
one another (one day's, or on a crowded axis a few days') share one marker, with their number in its hover
title and beside it where that is clear of the next marker ("×15"): a log of fifteen moves a day gives one
marker a day, not fifteen rows, and a year of daily events on a phone a row or two, not fourteen. Markers
close in time go in lanes below one another, never on top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from itertools import groupby

from whipcount.charts.axes import PlotSizes
from whipcount.charts.describe import long_date
from whipcount.charts.svg import attr, esc, num, text
from whipcount.charts.textwidth import text_width
from whipcount.model import Event
from whipcount.model.events import kind_label

__all__ = ["MARKER_LANE", "markers"]

MARKER_R = 5.5
MARKER_LANE = 16.0
_LISTED = 8
_LABEL_END = 50.0
"""Where the name of the markers' row ("events") ends, left of the plot."""
_LABEL_GAP = 3.0
"""The least room between that name and a marker."""
"""The most events a marker's hover title lists one by one."""


def _classes(ev: Event) -> tuple[str, ...]:
    return ("event", "seats" if ev.changes_seats else "procedural", *(() if ev.verified else ("unverified",)))


def markers(events: list[Event], x: Callable[[dt.date], float], base: float, cid: str, names: dict[str, str],
            sz: PlotSizes) -> tuple[list[str], int]:
    """A marker per day and kind of event below the axis (``base``: the first lane's centre), and the lanes
    used."""
    out: list[str] = []
    lanes: list[list[tuple[float, float]]] = []
    groups = _groups(events, x)
    placed = [(x(g[0].date), _lane(lanes, (x(g[0].date) - MARKER_R, x(g[0].date) + MARKER_R))) for g in groups]
    for idx, (group, (cx, lane)) in enumerate(zip(groups, placed, strict=True), start=1):
        cy = base + lane * MARKER_LANE
        out.append(f'<circle id="{cid}-event-{idx}" class={attr(" ".join(_classes(group[0])))} cx="{num(cx)}" '
                   f'cy="{num(cy)}" r="{MARKER_R}" data-events="{len(group)}"><title>{esc(_tip(group, names))}'
                   "</title></circle>")
        count = f"×{len(group)}"
        end = cx + MARKER_R + 2 + text_width(count, sz.tick)
        if len(group) > 1 and end <= sz.width - 2 and not any(
                lane == other and cx < ox and ox - MARKER_R < end + 1 for ox, other in placed):
            out.append(text(cx + MARKER_R + 2, cy + sz.tick / 3, count, cls="tick"))
    if events and not sz.narrow:
        # the row's name ends left of the plot, and clear of a marker on the window's first day
        first = min((cx for cx, lane in placed if lane == 0), default=_LABEL_END + MARKER_R + _LABEL_GAP)
        end = min(_LABEL_END, first - MARKER_R - _LABEL_GAP)
        out.insert(0, text(end, base + 4, "events", cls="tick", anchor="end"))
    return out, max(1, len(lanes))


def _groups(events: list[Event], x: Callable[[dt.date], float]) -> list[list[Event]]:
    """The events that share a marker: of one look (:func:`_classes`), each group starting at its first
    event and taking the later ones that would draw within a marker's width of it (the events of one day,
    and on a crowded axis those of a few days), so markers of one look never overlap and the lanes stay
    few however long the log."""
    out: list[list[Event]] = []
    for _, alike in groupby(sorted(events, key=lambda e: (_classes(e), e.date)), key=_classes):
        for ev in alike:
            if out and _classes(out[-1][0]) == _classes(ev) and x(ev.date) - x(out[-1][0].date) < 2 * MARKER_R + 1:
                out[-1].append(ev)
            else:
                out.append([ev])
    return sorted(out, key=lambda g: (g[0].date, _classes(g[0])))


def _lane(lanes: list[list[tuple[float, float]]], span: tuple[float, float]) -> int:
    """The first lane where ``span`` meets no marker, else a new one; ``span`` is added to it."""

    def overlap(lane: list[tuple[float, float]]) -> float:
        return sum(max(0.0, min(span[1], b) - max(span[0], a) + 1) for a, b in lane)

    free = next((i for i, lane in enumerate(lanes) if overlap(lane) == 0), None)
    if free is None:
        lanes.append([])
        free = len(lanes) - 1
    lanes[free].append(span)
    return free


def _tip(group: list[Event], names: dict[str, str]) -> str:
    """The hover title: each event's date, kind, summary and source (the first few, then how many more)."""
    parts = []
    for ev in group[:_LISTED]:
        src = "; ".join(s.url for s in ev.sources) or "no source given"
        tip = f"{long_date(ev.date)} · {kind_label(ev.kind)}\n{ev.describe(names)}\nSource: {src}"
        if not ev.verified:
            tip += "\nUnverified" + (f": {ev.note}" if ev.note else "")
        parts.append(tip)
    first, last = long_date(group[0].date), long_date(group[-1].date)
    when = f"on {first}" if first == last else f"from {first} to {last}"
    if len(group) > _LISTED:
        parts.append(f"and {len(group) - _LISTED} more events {when}")
    head = [f"{len(group)} events {when}"] if len(group) > 1 else []
    return "\n\n".join([*head, *parts])
