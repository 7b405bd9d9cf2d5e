"""The whip count in the store: the snapshot kept in memory (the chamber replayed once per event log,
each stance write checked against and applied to the snapshot the previous write left), the stance rows
with their versions, and their history. Every write is one transaction that also appends to the audit
trail and bumps the scenario's revision; a write against a newer version raises
:class:`~whipcount.errors.ConflictError` carrying the newer row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    func,
    insert,
    select,
    update,
)

from whipcount.errors import ConflictError, InputError, NotFound, StorageError
from whipcount.io.limits import quoted
from whipcount.model import (
    Source,
    Stance,
)
from whipcount.storage import schema
from whipcount.storage.codec import decode_as, encode
from whipcount.storage.fit import timeline_problem
from whipcount.storage.rows import HistoryRow, StanceRow, Subject, _now, _utc
from whipcount.storage.scenario_rows import stored_version_base
from whipcount.storage.snapshot import Snapshot, _Base
from whipcount.storage.stance_checks import check_request, check_until, stance_day
from whipcount.storage.store_core import MAX_NOTE, StoreCore, check_source, check_text, stance_row
from whipcount.storage.timeline import Cleared, Ended, Write, counted_by, timeline_pairs

__all__ = ["CLEARED", "ENDED", "WhipCountStore"]

CLEARED = "cleared"
"""``new_stance`` of a stance history row that takes a stance back as wrong (:meth:`Store.clear_stance`)."""
ENDED = "ended"
"""``new_stance`` of a stance history row that ends a stance on a day (:meth:`Store.clear_stance` with
``until``); its entry's ``until`` is that day."""


class WhipCountStore(StoreCore):
    """Snapshots and stances (see the module docstring); :class:`whipcount.storage.Store` adds scenarios,
    the event log, accounts and settings."""

    # -- the snapshot ------------------------------------------------------------------------------
    def snapshot(self, scenario_id: str) -> Snapshot:
        """The scenario's whip count at its current revision, read consistently (one read transaction).

        Served from memory when nothing changed since; when another process wrote, only the stance
        rows are read again (and the chamber, parties and log only if those changed too).
        """
        with self._read() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            return self._snapshot_in(conn, scenario_id)

    def cached_snapshot(self, scenario_id: str) -> Snapshot | None:
        """The newest snapshot in memory (no database read; it may be behind another process's writes)."""
        return self._snapshots.get(scenario_id)

    def _head(self, conn: Connection, scenario_id: str) -> tuple[int, tuple[Any, ...]]:
        """The revision and the key of what a :class:`_Base` holds (changes on a reload, a new event, or a stance
        recorded for a further motion, which the base's scenario carries)."""
        sc, ev, ms = schema.scenarios, schema.events, schema.motion_stances
        last = select(func.coalesce(func.max(ev.c.seq), 0)).where(ev.c.scenario_id == scenario_id).scalar_subquery()
        further = (select(func.coalesce(func.max(ms.c.id), 0)).where(ms.c.scenario_id == scenario_id)
                   .scalar_subquery())
        row = conn.execute(select(sc.c.revision, sc.c.created_at, last, further).where(sc.c.id == scenario_id)).first()
        if row is None:
            raise NotFound(f"no scenario {quoted(scenario_id)} in the database")
        return int(row[0]), (str(row[1]), int(row[2]), int(row[3]))

    def _snapshot_in(self, conn: Connection, scenario_id: str, *, revision: int | None = None) -> Snapshot:
        """The snapshot as ``conn`` sees it (inside a write: as of the revision before the write's bump)."""
        rev, key = self._head(conn, scenario_id)
        if revision is not None:
            rev = revision
        cached = self._snapshots.get(scenario_id)
        if cached is not None and cached.revision == rev and cached.base.key == key:
            return cached
        base = cached.base if cached is not None and cached.base.key == key else None
        if base is None:
            base = _Base(replace(self._scenario_in(conn, scenario_id, history=False), stances=()), key)
        t = schema.stances
        rows = conn.execute(select(t).where(t.c.scenario_id == scenario_id).order_by(t.c.date, t.c.subject)).all()
        snap = Snapshot.of(rev, base, [stance_row(r) for r in rows], timeline_pairs(self._writes_in(conn, scenario_id)))
        if revision is None:
            self._remember(scenario_id, snap)
        return snap

    @contextmanager
    def _revising(self, scenario_id: str) -> Iterator[tuple[Connection, int, Snapshot]]:
        """A write's transaction on ``scenario_id``: its connection, the revision it makes (bumped first, which
        locks the scenario, so that writes to it queue from here on) and the whip count as the previous write
        left it (from memory when that write was ours)."""
        with self._write() as conn:
            rev = self._bump(conn, scenario_id)
            before = self._snapshot_in(conn, scenario_id, revision=rev - 1)  # equivalent mutant "- -> +": read anew
            yield conn, rev, before

    def _remember(self, scenario_id: str, snap: Snapshot) -> None:
        with self._snap_lock:
            old = self._snapshots.get(scenario_id)
            if old is None or old.revision < snap.revision or old.base.key != snap.base.key:
                self._snapshots[scenario_id] = snap

    def _forget(self, scenario_id: str) -> None:
        with self._snap_lock:
            self._snapshots.pop(scenario_id, None)

    # -- the whip count --------------------------------------------------------------------------
    def stances(self, scenario_id: str) -> list[StanceRow]:
        """The current whip count: one row per subject."""
        t = schema.stances
        with self._read() as conn:
            rows = conn.execute(select(t).where(t.c.scenario_id == scenario_id).order_by(t.c.subject)).all()
        return [stance_row(r) for r in rows]

    def stance(self, scenario_id: str, subject: str) -> StanceRow | None:
        """The current stance on one subject, or None if none was ever recorded."""
        t = schema.stances
        with self._read() as conn:
            r = conn.execute(select(t).where(t.c.scenario_id == scenario_id, t.c.subject == subject)).first()
        return stance_row(r) if r else None

    def set_stance(self, scenario_id: str, subject: str | Subject, *, stance: str, version: int, user: str | None,
                   source: str | None = None, note: str | None = None, date: dt.date | None = None,
                   seats: int | None = None, until: dt.date | None = None) -> StanceRow:
        """Change the stance on ``subject`` from the row at ``version`` (0: none recorded yet).

        ``seats`` is required for a part (``party:ID/part``) and refused otherwise. ``until``, the first day the
        stance no longer holds, as a scenario file's (an earlier entry still in force applies again from
        then, else the default), must be after its date and no later than ``date`` may be. The whole whip count
        is checked with the change, inside the write's transaction and against the snapshot the previous
        write left, before anything is written, on every day from the stance's date through the live
        dashboard's (a part larger than the party on some day, a party with no seats...).
        Raises :class:`ConflictError` (with ``.current``, the newer row) when someone else changed it
        since that version; :class:`InputError` for anything not valid.
        """
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        key = str(subj)
        check_request(subj, stance, version, seats)
        source = check_source(source)
        note = check_text("note", note, MAX_NOTE)
        now = _now()
        try:
            with self._revising(scenario_id) as (conn, rev, snap):
                self._check_subject(snap, scenario_id, subj)
                day = stance_day(snap, date, now)
                check_until(until, day, snap.scenario.chamber.as_of, now.date())
                # one spelling per position, so that the version checked is the one every writer sees
                subj = snap.canonical(subj, max(snap.live_date(), day))
                key = str(subj)
                row = StanceRow(key, stance, self._next_version(conn, scenario_id, key, version), day, source,
                                note, user, now, seats, until)
                entry = _entry(subj, row)
                after = snap.with_stance(rev, row, entry)
                self._check_count(after, since=day)  # every day from the stance's own
                self._record_stance(conn, scenario_id, version, row, entry)
        except ConflictError as exc:
            raise self._with_current(exc, scenario_id, key, version) from None
        self._settled(scenario_id, rev, after)
        return row

    def _with_current(self, exc: ConflictError, scenario_id: str, key: str, version: int) -> ConflictError:
        """A write's conflict carrying the subject's row as it now is (a conflict raised before the row was
        read, by the scenario's revision, reads it here)."""
        if getattr(exc, "current", None) is None:
            return _conflict(key, version, self.stance(scenario_id, key))
        return exc

    def _settled(self, scenario_id: str, revision: int, after: Snapshot) -> None:
        """Once a stance write is committed: the snapshot it left kept in memory (a failed write leaves memory
        as it was), and every open dashboard told."""
        self._remember(scenario_id, after)
        self._notify(scenario_id, revision)

    def stance_timeline(self, scenario_id: str) -> list[Stance]:
        """The stance history as the whip count reads it on any day (:func:`stance_timeline`): every entry
        still in force on some day, in the order written; on a past day the count is what it was then."""
        with self._read() as conn:
            return self._timeline_in(conn, scenario_id)

    @classmethod
    def _timeline_in(cls, conn: Connection, scenario_id: str) -> list[Stance]:
        return [s for _, s in timeline_pairs(cls._writes_in(conn, scenario_id))]

    @staticmethod
    def _writes_in(conn: Connection, scenario_id: str) -> list[Write]:
        """The stance history, in the order written, as :mod:`whipcount.storage.timeline` reads it."""
        t = schema.stance_history
        rows = conn.execute(select(t.c.subject, t.c.new_stance, t.c.data)
                            .where(t.c.scenario_id == scenario_id).order_by(t.c.id))
        return [(r.subject, _written(r.new_stance, r.data)) for r in rows]

    @staticmethod
    def _next_version(conn: Connection, scenario_id: str, key: str, version: int) -> int:
        """The version a write from ``version`` gives the subject's row: the next one; from none recorded
        (0), the next after the subject's stance history, which may hold a stance since taken back."""
        if version:
            return version + 1
        h = schema.stance_history
        last = conn.execute(select(func.coalesce(func.max(h.c.version), 0))
                            .where(h.c.scenario_id == scenario_id, h.c.subject == key)).scalar_one()
        # nor any version the scenario this one replaced handed out (a subject its file no longer has)
        return max(int(last), stored_version_base(conn, scenario_id)) + 1

    def _record_stance(self, conn: Connection, scenario_id: str, version: int, row: StanceRow,
                       entry: Stance) -> None:
        """Write the subject's new row (from ``version``: a row at another one is a conflict), append it to the
        stance history and the audit trail."""
        key, stance, seats, source = row.subject, row.stance, row.seats, row.source
        t = schema.stances
        cur = conn.execute(select(t).where(t.c.scenario_id == scenario_id, t.c.subject == key)).first()
        values = {"stance": stance, "version": row.version, "date": row.date, "seats": seats,
                  "data": encode(entry), "source": source, "note": row.note, "updated_by": row.updated_by,
                  "updated_at": row.updated_at}
        _write_row(conn, scenario_id, key, version, cur, values)
        conn.execute(insert(schema.stance_history).values(
            scenario_id=scenario_id, subject=key, version=row.version,
            old_stance=cur.stance if cur else None, new_stance=stance, data=encode(entry),
            changed_by=row.updated_by, changed_at=row.updated_at,
        ))
        self._audit(conn, user=row.updated_by, scenario_id=scenario_id, action="stance.set", target=key,
                    before=_audited(stance_row(cur)) if cur else None, after=_audited(row), reason=row.note)

    def current_stances(self, scenario_id: str) -> list[Stance]:
        """The whip count as model stances: the current entry of every subject."""
        t = schema.stances
        with self._read() as conn:
            rows = conn.execute(
                select(t.c.data).where(t.c.scenario_id == scenario_id).order_by(t.c.date, t.c.subject)
            ).scalars().all()
        return [decode_as(Stance, d) for d in rows]

    @staticmethod
    def _check_count(snap: Snapshot, *, since: dt.date) -> None:
        """Refuse a write leaving ``snap``, unless its count builds on every day from ``since`` (the earliest
        day the write changes) through the live dashboard's (:func:`~whipcount.storage.fit.timeline_problem`)."""
        problem = timeline_problem(snap.scenario, [s for _, s in snap.timeline], since, snap.state)
        if problem is not None:
            raise InputError(f"{problem}; nothing was written")

    def check_subject(self, scenario_id: str, subject: str | Subject) -> Subject:
        """``subject`` parsed, checked against the scenario (as a stance write would check it), so a form
        for a party, side or member the scenario does not have is refused before anyone fills it in, and
        spelled as a write would store it (:meth:`Snapshot.canonical`).
        Raises :class:`NotFound` (no such scenario, party or member) or :class:`InputError`."""
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        snap = self.snapshot(scenario_id)
        self._check_subject(snap, scenario_id, subj)
        return snap.canonical(subj, snap.live_date())

    @staticmethod
    def _check_subject(snap: Snapshot, scenario_id: str, subj: Subject) -> None:
        if subj.kind == "member":
            if subj.ref not in snap.base.members:
                raise NotFound(f"subject: no member {subj.ref!r} in scenario {quoted(scenario_id)}")
            return
        if subj.ref not in snap.base.parties:
            raise NotFound(f"subject: no party {subj.ref!r} in scenario {quoted(scenario_id)}")
        sides = snap.scenario.chamber.sides
        if subj.side is not None and subj.side not in sides:
            raise InputError(f"subject: unknown side {subj.side!r} (expected one of: {', '.join(sides)})")

    def history(self, scenario_id: str, *, limit: int = 50, subject: str | None = None,
                before: int | None = None) -> list[HistoryRow]:
        """Stance changes, newest first; a stance taken back as wrong (:meth:`Store.clear_stance`) has
        ``new_stance`` :data:`CLEARED`, the reason as its note, and no date or seats (no stance holds from it);
        one that ends has :data:`ENDED` and the day it ends as ``until``. ``subject`` is read as a write reads it
        (:meth:`Snapshot.stored_key`: ``party:ppp@opposition`` finds the rows of ``party:ppp`` while PPP sits in
        opposition). ``before`` (a row's id, the cursor) pages back: the changes before that one."""
        t = schema.stance_history
        q = select(t).where(t.c.scenario_id == scenario_id)
        if before is not None and before <= schema.INT_MAX:  # above it, every id is before it (and SQLite
            q = q.where(t.c.id < before)                     # cannot compare past 2**63)
        if subject:
            q = q.where(t.c.subject == self.snapshot(scenario_id).stored_key(Subject.parse(subject)))
        with self._read() as conn:
            rows = conn.execute(q.order_by(t.c.id.desc()).limit(limit)).all()
        return [_history_row(r) for r in rows]

    def history_by(self, scenario_id: str, day: dt.date, *, limit: int = 50) -> list[HistoryRow]:
        """The last ``limit`` stance changes, newest first (as :meth:`history`), of those that change the count of
        ``day`` or of a day before it (:func:`~whipcount.storage.timeline.counted_by`): the changes behind a past
        day's count."""
        t = schema.stance_history
        with self._read() as conn:
            rows = conn.execute(select(t).where(t.c.scenario_id == scenario_id).order_by(t.c.id)).all()
        counted = counted_by([(r.subject, _written(r.new_stance, r.data)) for r in rows], day)
        return [_history_row(r) for r, kept in zip(rows[::-1], counted[::-1], strict=True) if kept][:limit]


def _history_row(r: Row[Any]) -> HistoryRow:
    """A row of ``stance_history`` as a stance change."""
    s = decode_as(Stance, r.data)
    held = r.new_stance not in (CLEARED, ENDED)
    return HistoryRow(r.id, r.subject, r.version, r.old_stance, r.new_stance, s.sources[0].url if s.sources else None,
                      s.note, r.changed_by, _utc(r.changed_at), s.date if held else None, s.seats if held else None,
                      s.until if r.new_stance != CLEARED else None)


def _written(new_stance: str, data: Any) -> Stance | Cleared | Ended:
    """What a stance history row wrote: an entry, a take-back, or an end (the day its entry's ``until`` says)."""
    if new_stance == CLEARED:
        return Cleared()
    entry = decode_as(Stance, data)
    if new_stance != ENDED:
        return entry
    if entry.until is None:
        words = ("a stored stance end cannot be read: its entry has no until (was the row edited by hand, or written "
                 "by another version of whipcount?)")
        raise StorageError(words, public=words)
    return Ended(entry.until)


CONFLICT_ADVICE = "reload, check the newer value and try again"
"""How a refused write (409) ends its message: a form that keeps what was typed says what to do instead."""


def _conflict(key: str, version: int, current: StanceRow | None) -> ConflictError:
    now = f"{current.stance!r} (version {current.version}, by {current.updated_by or 'unknown'})" if current else "none"
    exc = ConflictError(f"stance on {key} changed since you read version {version}: it is now {now}; {CONFLICT_ADVICE}")
    exc.current = current  # type: ignore[attr-defined]
    return exc


def _entry(subj: Subject, row: StanceRow) -> Stance:
    """The stance ``row`` records on ``subj``, as the model's value (what the history and the snapshot keep)."""
    return Stance(
        date=row.date, stance=row.stance,
        party=subj.ref if subj.kind == "party" else None,
        member=subj.ref if subj.kind == "member" else None,
        seats=row.seats, side=subj.side, sources=(Source(row.source),) if row.source else (), note=row.note,
        until=row.until,
    )


def _audited(row: StanceRow) -> dict[str, Any]:
    """A stance as the audit trail keeps it, before and after a write: everything a writer can change (the
    date too: a later date moves the live dashboard; ``until`` where the stance ends)."""
    out = {"stance": row.stance, "version": row.version, "date": row.date.isoformat(), "seats": row.seats,
           "source": row.source, "note": row.note}
    if row.until is not None:  # a stance that ends: the first day it no longer holds
        out["until"] = row.until.isoformat()
    return out


def _write_row(conn: Connection, scenario_id: str, key: str, version: int, cur: Row[Any] | None,
               values: dict[str, Any]) -> None:
    """Insert the subject's row or update it from ``version``; a row at another version is a conflict."""
    t = schema.stances
    current_version = int(cur.version) if cur else 0
    if current_version != version:
        raise _conflict(key, version, stance_row(cur) if cur else None)
    if cur is None:
        conn.execute(insert(t).values(scenario_id=scenario_id, subject=key, **values))
        return
    res = conn.execute(update(t).where(
        t.c.scenario_id == scenario_id, t.c.subject == key, t.c.version == version
    ).values(**values))
    if res.rowcount != 1:  # pragma: no cover - the scenario row lock makes this unreachable
        raise _conflict(key, version, None)
