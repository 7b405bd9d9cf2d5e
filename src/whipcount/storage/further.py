"""A further motion's whip count in the store (``motions[i].stances`` of a scenario file; the main motion's is
:mod:`whipcount.storage.whip`'s).

A stance recorded on the dashboard for a further motion is appended to the table ``motion_stances`` and read
after the motion's own ``stances:`` from the file, in the order written, as one timeline: the motion's stances
are what ``whipcount count --motion ID`` counts, and what ``db dump`` writes. A subject's version on a motion
is how many of its entries the motion holds (0: none), so a writer names the version it read, as for the
main motion's stances, and a write from an older one is a conflict carrying the newer entry. Each write is
checked as a stance of the main motion is (the subject, the stance, the seats of a part, the source, the
note, the day it holds from and the day it ends, the motion's whole count on every day from that day through
its live dashboard's) and is one transaction with its audit row (``stance.set``, the motion's id under
``motion`` in ``before`` and ``after``) and the scenario's revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, insert, select

from whipcount.errors import InputError, NotFound
from whipcount.io.limits import quoted
from whipcount.model import Motion, Scenario, Stance
from whipcount.storage import schema
from whipcount.storage.codec import decode_as, encode
from whipcount.storage.fit import timeline_problem
from whipcount.storage.rows import HistoryRow, StanceRow, Subject, _now, _utc
from whipcount.storage.snapshot import default_stance_date, live_date
from whipcount.storage.stance_checks import check_day, check_request, check_until
from whipcount.storage.store_core import MAX_NOTE, check_source, check_text
from whipcount.storage.take_back import ClearingStore
from whipcount.storage.whip import _audited, _conflict, _entry

__all__ = ["FurtherStore", "further_motion", "with_written"]


def further_motion(scenario: Scenario, motion_id: str) -> Motion:
    """The scenario's further motion ``motion_id``; the main motion's id, or an id it lacks, is refused naming
    the ones it has."""
    ids = [m.id for m in scenario.motions]
    if scenario.motions and scenario.motions[0].id == motion_id:
        raise InputError(f"motion: {motion_id!r} is the main motion; its stances are written without motion")
    for m in scenario.motions[1:]:
        if m.id == motion_id:
            return m
    raise NotFound(f"motion: no motion {quoted(motion_id)} in scenario {quoted(scenario.id)} (it has: "
                   f"{', '.join(str(i) for i in ids) or 'none'})")


def with_written(conn: Connection, scenario: Scenario) -> Scenario:
    """``scenario`` with the stances recorded on the dashboard for its further motions after their own."""
    t = schema.motion_stances
    rows = conn.execute(select(t.c.motion_id, t.c.data).where(t.c.scenario_id == scenario.id)
                        .order_by(t.c.id)).all()
    if not rows:
        return scenario
    written: dict[str, list[Stance]] = {}
    for r in rows:
        written.setdefault(r.motion_id, []).append(decode_as(Stance, r.data))
    motions = tuple(replace(m, stances=(*m.stances, *written.get(m.id or "", ()))) if i else m
                    for i, m in enumerate(scenario.motions))
    return replace(scenario, motions=motions)


def _key(s: Stance) -> str:
    return str(Subject.of(s))


def _row(key: str, entries: list[Stance], who: Any) -> StanceRow:
    """The current entry of ``key`` (the last of its ``entries``), its version their number; ``who``: the
    table's row of that version (who wrote it and when), None for an entry of the scenario file."""
    last = entries[-1]
    at = _utc(who.changed_at) if who else _now()
    return StanceRow(key, last.stance, len(entries), last.date, last.sources[0].url if last.sources else None,
                     last.note, who.changed_by if who else None, at, last.seats, last.until)


class FurtherStore(ClearingStore):
    """The further motions' stances (see the module docstring) over the main motion's store."""

    def motion_stance(self, scenario_id: str, motion_id: str, subject: str) -> StanceRow | None:
        """The current entry of ``subject`` on the further motion, with its version, or None if it has none."""
        with self._read() as conn:
            scenario = self._scenario_in(conn, scenario_id, history=True)
            return self._current(conn, scenario, further_motion(scenario, motion_id), subject)

    def motion_stances(self, scenario_id: str, motion_id: str) -> list[StanceRow]:
        """The further motion's whip count: the current entry of each subject, with its version."""
        with self._read() as conn:
            scenario = self._scenario_in(conn, scenario_id, history=True)
            motion = further_motion(scenario, motion_id)
            by_key: dict[str, list[Stance]] = {}
            for s in motion.stances:
                by_key.setdefault(_key(s), []).append(s)
            t = schema.motion_stances
            who = {(r.subject, r.version): r for r in conn.execute(
                select(t.c.subject, t.c.version, t.c.changed_by, t.c.changed_at).where(
                    t.c.scenario_id == scenario_id, t.c.motion_id == motion_id))}
        return [_row(k, by_key[k], who.get((k, len(by_key[k])))) for k in sorted(by_key)]

    def motion_history(self, scenario_id: str, motion_id: str, subject: str) -> list[HistoryRow]:
        """The entries of ``subject`` on the further motion, newest first (those of its scenario file by
        ``import``)."""
        with self._read() as conn:
            scenario = self._scenario_in(conn, scenario_id, history=True)
            motion = further_motion(scenario, motion_id)
            entries = [s for s in motion.stances if _key(s) == subject]
            t = schema.motion_stances
            who = {r.version: r for r in conn.execute(select(t.c.version, t.c.changed_by, t.c.changed_at).where(
                t.c.scenario_id == scenario_id, t.c.motion_id == motion_id, t.c.subject == subject))}
        out = []
        for n, s in enumerate(entries, 1):
            by = who.get(n)
            out.append(HistoryRow(n, subject, n, entries[n - 2].stance if n > 1 else None, s.stance,
                                  s.sources[0].url if s.sources else None, s.note, by.changed_by if by else None,
                                  _utc(by.changed_at) if by else dt.datetime.combine(s.date, dt.time(), dt.UTC),
                                  s.date, s.seats, s.until))
        return out[::-1]

    @staticmethod
    def _current(conn: Connection, scenario: Scenario, motion: Motion, key: str) -> StanceRow | None:
        entries = [s for s in motion.stances if _key(s) == key]
        if not entries:
            return None
        t = schema.motion_stances
        who = conn.execute(select(t.c.changed_by, t.c.changed_at).where(
            t.c.scenario_id == scenario.id, t.c.motion_id == motion.id, t.c.subject == key,
            t.c.version == len(entries))).first()
        return _row(key, entries, who)

    def set_motion_stance(self, scenario_id: str, motion_id: str, subject: str | Subject, *, stance: str,
                          version: int, user: str | None, source: str | None = None, note: str | None = None,
                          date: dt.date | None = None, seats: int | None = None,
                          until: dt.date | None = None) -> StanceRow:
        """Record a stance on ``subject`` for the further motion ``motion_id``, from the ``version`` read (0:
        none recorded), checked as :meth:`set_stance` checks one of the main motion's. Raises
        :class:`ConflictError` (with ``.current``) when the subject has another version on that motion,
        :class:`NotFound` for a motion, party or member the scenario lacks, :class:`InputError` otherwise."""
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        check_request(subj, stance, version, seats, further=True)
        source = check_source(source)
        note = check_text("note", note, MAX_NOTE)
        now = _now()
        with self._write() as conn:
            rev = self._bump(conn, scenario_id)  # locks the scenario: writes to it queue from here on
            snap = self._snapshot_in(conn, scenario_id, revision=rev - 1)
            scenario = snap.scenario
            motion = further_motion(scenario, motion_id)
            self._check_subject(snap, scenario_id, subj)
            focus = scenario.for_motion(motion_id)
            day = date or default_stance_date(focus, now.date())
            check_day(day, scenario.chamber.as_of, now.date())
            check_until(until, day, scenario.chamber.as_of, now.date())
            subj = snap.canonical(subj, max(live_date(focus, focus.stances), day))
            key = str(subj)
            current = self._current(conn, scenario, motion, key)
            if (current.version if current else 0) != version:
                raise _conflict(key, version, current)
            row = StanceRow(key, stance, version + 1, day, source, note, user, now, seats, until)
            entry = _entry(subj, row)
            problem = timeline_problem(focus, [*focus.stances, entry], day)
            if problem is not None:
                raise InputError(f"motion {motion_id}: {problem}; nothing was written")
            self._record_motion_stance(conn, scenario_id, motion_id, current, row, entry)
        self._forget(scenario_id)
        self._notify(scenario_id, rev)
        return row

    def _record_motion_stance(self, conn: Connection, scenario_id: str, motion_id: str, current: StanceRow | None,
                              row: StanceRow, entry: Stance) -> None:
        t = schema.motion_stances
        conn.execute(insert(t).values(scenario_id=scenario_id, motion_id=motion_id, subject=row.subject,
                                      version=row.version, data=encode(entry), changed_by=row.updated_by,
                                      changed_at=row.updated_at))
        self._audit(conn, user=row.updated_by, scenario_id=scenario_id, action="stance.set", target=row.subject,
                    before={"motion": motion_id, **_audited(current)} if current else None,
                    after={"motion": motion_id, **_audited(row)}, reason=row.note)
