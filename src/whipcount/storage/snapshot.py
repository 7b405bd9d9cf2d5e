"""A scenario's whip count at one revision, kept in memory by the store (see :class:`Snapshot`), and the
date the live dashboard counts on."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from whipcount.errors import InputError
from whipcount.model import ChamberState, Scenario, Stance
from whipcount.storage.rows import StanceRow, Subject, _now
from whipcount.storage.timeline import Ended, end_entry, in_force, stance_timeline

__all__ = ["Snapshot", "default_stance_date", "horizon", "live_date", "stance_timeline"]


class _Base:
    """What a scenario is apart from its whip count (chamber, parties, members, the event log...), with
    the chamber replayed once per date asked for. Shared, read-only, by every :class:`Snapshot` of the
    scenario until the log or the scenario itself changes (``key``: when the row was created, last event)."""

    __slots__ = ("_lock", "_states", "key", "members", "parties", "scenario")

    def __init__(self, scenario: Scenario, key: tuple[Any, ...]) -> None:
        self.scenario = scenario
        self.key = key
        self.members = frozenset(m.id for m in scenario.members)
        known = {p.id for p in scenario.parties}
        for e in scenario.events:
            known.update(x for x in (e.into, e.to_party) if x)
            if e.new_party is not None:
                known.add(e.new_party.id)
        self.parties = frozenset(known)
        self._states: dict[dt.date, ChamberState] = {}
        self._lock = threading.Lock()

    def state(self, on: dt.date) -> ChamberState:
        """The chamber at the end of ``on``, replayed once (a frozen value, safe to share)."""
        hit = self._states.get(on)
        if hit is not None:
            return hit
        state = self.scenario.state(on)
        with self._lock:
            if len(self._states) > 64:  # equivalent mutants "> -> >=", "64 -> 65", "64 -> 63": a memory bound
                self._states.clear()
            self._states[on] = state
        return state


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A scenario's whip count as it stood at one ``revision``: the stored rows, one per subject with its
    version; the ``timeline`` of every entry still in force on some day, ``(subject, entry)`` in the order
    written (:mod:`whipcount.storage.timeline`); and the scenario, whose ``stances`` are the entries the live
    dashboard counts on its day (:func:`~whipcount.storage.timeline.in_force`: the current entry of each subject,
    or, where that one has ended, an earlier entry still in force).

    The store keeps the newest snapshot of each scenario in memory: a stance write made through it
    derives the next one from it (the chamber is not replayed again, only the new stance applied), and
    :meth:`Store.snapshot` reloads only what changed when another process wrote.
    """

    revision: int
    scenario: Scenario
    rows: tuple[StanceRow, ...]
    base: _Base = field(repr=False, compare=False)
    timeline: tuple[tuple[str, Stance], ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, revision: int, base: _Base, rows: Sequence[StanceRow],
           timeline: Sequence[tuple[str, Stance]]) -> Snapshot:
        """The snapshot of ``rows`` and ``timeline``, its scenario counting what is in force on its live day."""
        entries = [s for _, s in timeline]
        day = live_date(base.scenario, entries)
        return cls(revision, replace(base.scenario, stances=tuple(in_force(entries, day))),
                   tuple(sorted(rows, key=lambda r: (r.date, r.subject))), base, tuple(timeline))

    @property
    def stances(self) -> tuple[Stance, ...]:
        """The whip count: the entry of each subject in force on the live day."""
        return self.scenario.stances

    def live_date(self) -> dt.date:
        """The date the live dashboard counts on (:func:`live_date` of the whole timeline)."""
        return live_date(self.scenario, [s for _, s in self.timeline])

    def state(self, on: dt.date | None = None) -> ChamberState:
        """The chamber on ``on`` (default: :meth:`live_date`), replayed once per date and scenario log."""
        return self.base.state(on or self.live_date())

    def with_stance(self, revision: int, row: StanceRow, entry: Stance) -> Snapshot:
        """The next snapshot: this one with ``row`` (and its model ``entry``) written, at ``revision``."""
        rows = [r for r in self.rows if r.subject != row.subject]
        timeline = [(k, s) for k, s in self.timeline if k != row.subject or s.date <= entry.date]
        return Snapshot.of(revision, self.base, [*rows, row], [*timeline, (row.subject, entry)])

    def without(self, revision: int, subject: str) -> Snapshot:
        """The next snapshot: this one with the row stored under ``subject`` taken back as wrong (:class:`Cleared`),
        at ``revision``."""
        return Snapshot.of(revision, self.base, [r for r in self.rows if r.subject != subject],
                           [(k, s) for k, s in self.timeline if k != subject])

    def ended(self, revision: int, row: StanceRow, end: Ended) -> Snapshot:
        """The next snapshot: this one with the subject of ``row`` (its row as the end leaves it) ending on
        ``end.on`` (:class:`Ended`), at ``revision``."""
        rows = [r for r in self.rows if r.subject != row.subject]
        timeline = [(k, end_entry(s, end.on) if k == row.subject else s) for k, s in self.timeline]
        return Snapshot.of(revision, self.base, [*rows, row], timeline)

    def stored_key(self, subject: Subject) -> str:
        """The spelling the rows of ``subject`` are stored under: as given when a row has it, else the one
        spelling of its position (:meth:`canonical`), which a stance write would have used (a reader asking for
        ``party:mqm-p@opposition`` finds the rows of ``party:mqm-p``)."""
        key = str(subject)
        if any(r.subject == key for r in self.rows):
            return key
        try:
            return str(self.canonical(subject, self.live_date()))
        except InputError:  # a spelling from before a change of government: no row is stored under the one given
            return key

    def canonical(self, subject: Subject, on: dt.date) -> Subject:
        """The one spelling of the position ``subject`` names on ``on``: the spelling a stored row already
        uses for it (a file may have said ``party:ppp@opposition``), else without the side when that is the
        party's main side (``party:ppp@opposition`` is ``party:ppp`` while PPP sits in opposition). Two
        spellings of one position would each carry a version, and two writers could both pass the check.

        A side a stored row names is the side of its own date, as the whip count reads it; where a change of
        government lies between that date and ``on`` (which a write takes no earlier than its own date), the
        spelling cannot be carried over, and the write is refused (:class:`InputError`) rather than given to
        the wrong seats."""
        if subject.kind != "party":
            return subject
        state = self.state(on)
        try:
            main = state.party(subject.ref).side
        except KeyError:  # no seats that day: the count refuses it, under the spelling given
            return subject
        wanted = (subject.ref, subject.side or main, subject.part, subject.office)
        for row in self.rows:
            stored = Subject.parse(row.subject)
            if (stored.kind != "party" or stored.ref != subject.ref or stored.part != subject.part
                    or stored.office != subject.office):
                continue
            now = state.side_named_on(stored.side, row.date) if stored.side else main
            if (stored.ref, now, stored.part, stored.office) == wanted or stored == subject:
                if stored.side is not None and state.changes_between(row.date, on):
                    raise InputError(_across_a_change(row, state))
                return stored
        return Subject(subject.kind, subject.ref, None if subject.side == main else subject.side, subject.part,
                       subject.office)


def _across_a_change(row: StanceRow, state: ChamberState) -> str:
    changes = [d.isoformat() for d in state.changes_between(row.date, state.date)]
    return (f"{row.subject} was recorded on {row.date.isoformat()}, before the change of government of "
            f"{', '.join(changes)}, and names the side of that day: a stance naming a side cannot be carried "
            "across a change of government on the dashboard; record it in the scenario file and load it again "
            "(whipcount db load --replace); nothing was written")


def default_stance_date(scenario: Scenario, today: dt.date) -> dt.date:
    """The date a stance recorded without one holds from: today, or the day of the vote if that has passed
    (a stance recorded now about a vote already held belongs to that vote, not to a later chamber)."""
    vote = scenario.motion.vote if scenario.motion is not None else None
    if vote is not None and vote < today:  # equivalent mutant "< -> <=": on the vote's day, that day either way
        return max(vote, scenario.chamber.as_of)
    return today


def horizon(as_of: dt.date, today: dt.date | None = None) -> dt.date:
    """The last day that can be live: tomorrow (``today``: the date in UTC, the clock the web API checks a
    date by; a day's slack for time zones ahead of it), or the chamber's ``as_of`` if that is later."""
    return max((today or _now().date()) + dt.timedelta(days=1), as_of)


def live_date(scenario: Scenario, stances: Sequence[Stance] = (), today: dt.date | None = None) -> dt.date:
    """The date a live dashboard shows: the day of the vote (the end of the log if no vote day is set),
    or the latest day a stance starts or ends on (its ``date``, its ``until``) if that is later, so that a
    stance recorded today, or ended today, counts (the whip count ignores entries dated after the day it
    counts on); never past the :func:`horizon`. A day after tomorrow is not yet live: a vote set for next
    month, an event or a file's stance dated 2030 moves no dashboard there (the dashboard counts on
    tomorrow until that day comes), as the web API refuses such a day. (The server's local date would
    disagree with the API's for hours a day under a ``TZ`` far from UTC: at ``TZ=Etc/GMT+12`` a stance the
    API took for tomorrow, as a newsroom in Kiribati dates it, was not counted.)"""
    motion = scenario.motion
    base = motion.vote if motion is not None and motion.vote is not None else scenario.last_date
    last = horizon(scenario.chamber.as_of, today)
    days = [s.date for s in stances] + [s.until for s in stances if s.until is not None]
    return min(max([base, *(d for d in days if d <= last)]), last)
