"""A stored whip count's stance history read as a timeline: what the whip count reads on any day.

Three kinds of write make the history, each a row of ``stance_history`` in the order written:

* a stance (an entry, maybe with its own ``until``): it replaces what the subject's earlier entries said from
  its own date on, so an entry of the subject dated after it leaves the timeline (a mistyped 2030 corrected
  to 2022 is not in force in 2030 either; one of the same date stays, as a file gives it, the later in force);
* a stance taken back as wrong (:class:`Cleared`): every entry of the subject written before it leaves the
  timeline, so that on every day the subject counts as if it had never been recorded;
* a stance that ends on a day (:class:`Ended`): every entry of the subject written before it holds no longer
  from that day (its ``until`` becomes that day, or stays if earlier), so the subject counts as never
  recorded from then on while the days before keep what was recorded.

The timeline is what a past day's dashboard counts and what ``whipcount db dump`` writes, so the dumped file
and the dashboard agree on every day; the live dashboard counts :func:`in_force` on its day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from whipcount.model import Stance
from whipcount.storage.rows import Subject

__all__ = ["Cleared", "Ended", "Write", "counted_by", "end_entry", "in_force", "stance_timeline", "timeline_pairs"]


@dataclass(frozen=True, slots=True)
class Cleared:
    """A stance taken back as wrong: the subject as if never recorded, on every day."""


@dataclass(frozen=True, slots=True)
class Ended:
    """A stance that ends: the subject as if never recorded from ``on`` (the first day it no longer holds)."""

    on: dt.date


Write = tuple[str, Stance | Cleared | Ended]
"""One row of the stance history: the subject it is stored under and what was written."""


def end_entry(entry: Stance, on: dt.date) -> Stance:
    """``entry`` holding no longer from ``on`` (an earlier end of its own stays)."""
    if entry.until is not None and entry.until <= on:
        return entry
    return replace(entry, until=on)


def timeline_pairs(writes: Iterable[Write]) -> list[tuple[str, Stance]]:
    """The entries still in force on some day after ``writes`` (in the order written), with their subjects:
    see the module docstring."""
    lines: dict[str, list[tuple[int, Stance]]] = {}
    for i, (subject, what) in enumerate(writes):
        if isinstance(what, Cleared):
            lines.pop(subject, None)
            continue
        line = lines.setdefault(subject, [])
        if isinstance(what, Ended):
            line[:] = [(j, end_entry(s, what.on)) for j, s in line]
            continue
        while line and line[-1][1].date > what.date:  # one of the same date stays: the later wins there
            line.pop()
        line.append((i, what))
    ordered = sorted((i, subject, s) for subject, line in lines.items() for i, s in line)
    return [(subject, s) for _, subject, s in ordered]


def stance_timeline(writes: Iterable[tuple[str, Stance | None] | Write]) -> list[Stance]:
    """:func:`timeline_pairs` without the subjects: the timeline the whip count reads on any day (each
    subject's latest entry holding on the day). An entry of None is a stance taken back, as :class:`Cleared`."""
    return [s for _, s in timeline_pairs((subject, Cleared() if what is None else what) for subject, what in writes)]


def in_force(entries: Sequence[Stance], day: dt.date) -> list[Stance]:
    """The entry of each subject the whip count reads on ``day``: the latest-dated of its entries holding that
    day (:meth:`Stance.holds_on`; of two with one date, the later in ``entries``), ordered by date and subject,
    as the store lists its rows."""
    chosen: dict[str, Stance] = {}
    for s in entries:
        if s.holds_on(day):
            key = str(Subject.of(s))
            old = chosen.get(key)
            if old is None or s.date >= old.date:
                chosen[key] = s
    return sorted(chosen.values(), key=lambda s: (s.date, str(Subject.of(s))))


def counted_by(writes: Iterable[Write], day: dt.date) -> list[bool]:
    """For each of ``writes`` (in the order written), whether it changes the count of ``day`` or of a day
    before it, so that a past day's dashboard lists it among the changes behind its count: a stance from its
    date, an end from its day, a take-back as wrong from the earliest date of the entries it takes back (from
    then on they count as if never made)."""
    out: list[bool] = []
    dates: dict[str, list[dt.date]] = {}
    for subject, what in writes:
        held = dates.setdefault(subject, [])
        if isinstance(what, Cleared):
            out.append(bool(held) and min(held) <= day)
            held.clear()
        elif isinstance(what, Ended):
            out.append(what.on <= day)
        else:
            held.append(what.date)
            out.append(what.date <= day)
    return out
