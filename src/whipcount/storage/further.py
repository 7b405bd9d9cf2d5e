"""A further motion's whip count in the store (``motions[i].stances`` of a scenario file; the main motion's is
:mod:`whipcount.storage.whip`'s).

What is recorded on the dashboard for a further motion (a stance, a stance taken back as wrong, a stance
ended on a day) is appended to the table ``motion_stances`` and read after the motion's own ``stances:``
from the file, in the order written, as one line per subject (:mod:`whipcount.storage.further_line`): the
motion's stances are what ``whipcount count --motion ID`` counts, and what ``db dump`` writes. A subject's
version on a motion is how many writes its line holds (0: it holds no entry), so a writer names the version
it read, as for the main motion's stances, and a write from an older one is a conflict carrying the newer
entry. Each write is checked as one of the main motion's is (the subject, the stance, the seats of a part,
the source, the note, the day it holds from and the day it ends, the motion's whole count on every day from
the first day it changes through its live dashboard's) and is one transaction with its audit row
(``stance.set``, ``stance.clear`` or ``stance.end``, the motion's id under ``motion`` in ``before`` and
``after``) and the scenario's revision.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, func, insert, select

from whipcount.errors import InputError, NotFound
from whipcount.io.limits import quoted
from whipcount.model import Motion, Scenario, Stance
from whipcount.model.ids import did_you_mean
from whipcount.storage import schema
from whipcount.storage.codec import decode, encode
from whipcount.storage.fit import timeline_problem
from whipcount.storage.further_line import Line, Written, changes, held, key_of, written_of
from whipcount.storage.rows import HistoryRow, StanceRow, Subject, _now
from whipcount.storage.scenario_rows import stored_version_base
from whipcount.storage.snapshot import Snapshot, default_stance_date, live_date
from whipcount.storage.stance_checks import check_day, check_request, check_until
from whipcount.storage.store_core import MAX_NOTE, check_source, check_text
from whipcount.storage.take_back import ClearingStore, check_take_back_version
from whipcount.storage.timeline import Cleared, Ended, counted_by
from whipcount.storage.whip import CLEARED, ENDED, _audited, _conflict, _entry

__all__ = ["FurtherStore", "further_motion", "with_written"]


def further_motion(scenario: Scenario, motion_id: str) -> Motion:
    """The scenario's further motion ``motion_id``; the main motion's id, or an id it lacks, is refused naming
    the ones it has."""
    return _further(scenario.id, scenario.motions, motion_id)


def _further(scenario_id: str, motions: tuple[Motion, ...], motion_id: str) -> Motion:
    ids = [m.id for m in motions]
    if motions and motions[0].id == motion_id:
        raise InputError(f"motion: {motion_id!r} is the main motion; its stances are written without motion")
    for m in motions[1:]:
        if m.id == motion_id:
            return m
    raise NotFound(f"motion: no motion {quoted(motion_id)} in scenario {quoted(scenario_id)} (it has: "
                   f"{', '.join(str(i) for i in ids) or 'none'})"
                   f"{did_you_mean(str(motion_id), (str(i) for i in ids[1:] if i))}")


def with_written(conn: Connection, scenario: Scenario) -> Scenario:
    """``scenario`` with what was recorded on the dashboard for its further motions read after their own
    stances (:func:`~whipcount.storage.further_line.held`)."""
    t = schema.motion_stances
    rows = conn.execute(select(t.c.motion_id, t.c.subject, t.c.kind, t.c.data).where(t.c.scenario_id == scenario.id)
                        .order_by(t.c.id)).all()
    if not rows:
        return scenario
    written: dict[str, list[tuple[str, Written]]] = {}
    for r in rows:
        written.setdefault(r.motion_id, []).append((r.subject, written_of(r.kind, r.data)))
    motions = tuple(replace(m, stances=held([(key_of(s), s) for s in m.stances] + written.get(m.id or "", [])))
                    if i else m for i, m in enumerate(scenario.motions))
    return replace(scenario, motions=motions)


def _writes(conn: Connection, scenario_id: str, motion_id: str,
            subject: str | None = None) -> list[tuple[str, Written, Any, int]]:
    """Every write on the further motion (on ``subject`` only, if given) in the order written: its file's
    entries, read from the scenario's row, then the table's rows; each with its subject, the table's row (None
    for an entry of the file) and its id on the motion: its place among all the motion's writes (1 for the
    file's first entry), so that no two of the motion's changes share one and each keeps its own on every read
    (rows are only ever appended)."""
    row = conn.execute(select(schema.scenarios.c.data).where(schema.scenarios.c.id == scenario_id)).first()
    if row is None:
        raise NotFound(f"no scenario {quoted(scenario_id)} in the database")
    motion = _further(scenario_id, decode(tuple[Motion, ...], row.data["motions"]), motion_id)
    out: list[tuple[str, Written, Any, int]] = [(key_of(s), s, None, n) for n, s in enumerate(motion.stances, 1)
                                                if subject is None or key_of(s) == subject]
    t = schema.motion_stances
    ranked = select(t, func.row_number().over(order_by=t.c.id).label("n")).where(
        t.c.scenario_id == scenario_id, t.c.motion_id == motion_id).subquery()
    q = select(ranked)
    if subject is not None:
        q = q.where(ranked.c.subject == subject)
    first = len(motion.stances)
    out.extend((r.subject, written_of(r.kind, r.data), r, first + r.n) for r in conn.execute(q.order_by(ranked.c.id)))
    return out


def _lines(conn: Connection, scenario_id: str, motion_id: str, subject: str | None = None) -> dict[str, Line]:
    """The line of every subject of the further motion (of ``subject`` only, if given)."""
    writes: dict[str, list[tuple[Written, Any]]] = {}
    ids: dict[str, list[int]] = {}
    for key, what, who, n in _writes(conn, scenario_id, motion_id, subject):
        writes.setdefault(key, []).append((what, who))
        ids.setdefault(key, []).append(n)
    base = stored_version_base(conn, scenario_id)
    return {k: Line(k, tuple(w), tuple(ids[k]), base) for k, w in writes.items()}


def _line(conn: Connection, scenario_id: str, motion_id: str, key: str) -> Line:
    found = _lines(conn, scenario_id, motion_id, key).get(key)
    return found or Line(key, (), (), stored_version_base(conn, scenario_id))


class FurtherStore(ClearingStore):
    """The further motions' stances (see the module docstring) over the main motion's store."""

    def motion_stance(self, scenario_id: str, motion_id: str, subject: str) -> StanceRow | None:
        """The current entry of ``subject`` on the further motion, with its version, or None if it has none."""
        with self._read() as conn:
            return _line(conn, scenario_id, motion_id, subject).current()

    def motion_stances(self, scenario_id: str, motion_id: str) -> list[StanceRow]:
        """The further motion's whip count: the current entry of each subject holding one, with its version."""
        with self._read() as conn:
            lines = _lines(conn, scenario_id, motion_id)
        rows = (lines[k].current() for k in sorted(lines))
        return [r for r in rows if r is not None]

    def motion_history(self, scenario_id: str, motion_id: str, subject: str, *, limit: int | None = None,
                       before: int | None = None) -> list[HistoryRow]:
        """The writes on ``subject`` on the further motion, newest first (those of its scenario file by
        ``import``; a take-back ``cleared``, an end ``ended``, as :meth:`history` gives them), the last ``limit``
        of them (all by default) before the change ``before`` (an id, the cursor), if given."""
        with self._read() as conn:
            rows = _line(conn, scenario_id, motion_id, subject).history()
        rows = [h for h in rows if before is None or h.id < before]
        return rows if limit is None else rows[:limit]

    def motion_changes(self, scenario_id: str, motion_id: str, *, limit: int = 50,
                       by: dt.date | None = None) -> list[HistoryRow]:
        """The further motion's last ``limit`` stance changes, every subject's, newest first, as :meth:`history`
        gives the main motion's (those of its scenario file by ``import``, first in the order written); with
        ``by``, of those that change the count of that day or of a day before it, as :meth:`history_by`."""
        with self._read() as conn:
            writes = _writes(conn, scenario_id, motion_id)
            base = stored_version_base(conn, scenario_id)
        rows = changes(writes, base)
        if by is not None:
            counted = counted_by([(key, what) for key, what, _, _ in writes], by)[::-1]
            rows = [h for h, kept in zip(rows, counted, strict=True) if kept]
        return rows[:limit]

    def set_motion_stance(self, scenario_id: str, motion_id: str, subject: str | Subject, *, stance: str,
                          version: int, user: str | None, source: str | None = None, note: str | None = None,
                          date: dt.date | None = None, seats: int | None = None,
                          until: dt.date | None = None) -> StanceRow:
        """Record a stance on ``subject`` for the further motion ``motion_id``, from the ``version`` read (0:
        none recorded), checked as :meth:`set_stance` checks one of the main motion's. Raises
        :class:`ConflictError` (with ``.current``) when the subject has another version on that motion,
        :class:`NotFound` for a motion, party or member the scenario lacks, :class:`InputError` otherwise."""
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        check_request(subj, stance, version, seats)
        source = check_source(source)
        note = check_text("note", note, MAX_NOTE)
        now = _now()
        with self._revising(scenario_id) as (conn, rev, snap):
            focus = _focus(snap, scenario_id, subj, motion_id)
            day = date or default_stance_date(focus, now.date())
            check_day(day, focus.chamber.as_of, now.date())
            check_until(until, day, focus.chamber.as_of, now.date())
            subj = snap.canonical(subj, max(live_date(focus, focus.stances), day))
            line = _read(conn, scenario_id, motion_id, str(subj), version)
            row = StanceRow(str(subj), stance, line.next_version, day, source, note, user, now, seats, until)
            entry = _entry(subj, row)
            _check_count(focus, motion_id, [*focus.stances, entry], day)
            self._record(conn, scenario_id, motion_id, row, entry, None)
            self._audit(conn, user=user, scenario_id=scenario_id, action="stance.set", target=row.subject,
                        before=_motion_audited(motion_id, line.current()),
                        after=_motion_audited(motion_id, row), reason=row.note)
        self._forget(scenario_id)
        self._notify(scenario_id, rev)
        return row

    def clear_motion_stance(self, scenario_id: str, motion_id: str, subject: str | Subject, *, version: int,
                            user: str | None, reason: str | None = None,
                            until: dt.date | None = None) -> StanceRow:
        """Take back the stance on ``subject`` of the further motion ``motion_id``, at ``version``, as wrong,
        or with ``until`` as ended on that day, as :meth:`clear_stance` does one of the main motion's (the
        same checks, the same errors, audited as ``stance.clear`` or ``stance.end`` with the motion's id);
        return the entry taken back (as wrong) or as the end leaves it."""
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        check_take_back_version(version)
        reason = check_text("reason", reason, MAX_NOTE)
        now = _now()
        with self._revising(scenario_id) as (conn, rev, snap):
            focus = _focus(snap, scenario_id, subj, motion_id)
            key = str(snap.canonical(subj, live_date(focus, focus.stances)))
            line = _read(conn, scenario_id, motion_id, key, version)
            row = line.current()
            if row is None:  # pragma: no cover - _read: a version of 1 or more is a current entry's
                raise _conflict(key, version, None)
            last = line.entries()[-1]
            what: Written = Cleared() if until is None else Ended(until)
            if until is None:
                since, result, after = min(s.date for s in line.entries()), row, None
            else:
                _check_end(row, until, focus.chamber.as_of, now.date())
                since, result = until, replace(row, version=row.version + 1, until=until, updated_by=user,
                                               updated_at=now)
                after = _motion_audited(motion_id, result)
            _check_count(focus, motion_id, held([(key_of(s), s) for s in focus.stances] + [(key, what)]), since)
            self._record(conn, scenario_id, motion_id, replace(row, version=row.version + 1, updated_by=user,
                                                               updated_at=now),
                         replace(last, note=reason, sources=(), until=until or last.until),
                         CLEARED if until is None else ENDED)
            self._audit(conn, user=user, scenario_id=scenario_id, action="stance.clear" if until is None
                        else "stance.end", target=key, before=_motion_audited(motion_id, row), after=after,
                        reason=reason)
        self._forget(scenario_id)
        self._notify(scenario_id, rev)
        return result

    @staticmethod
    def _record(conn: Connection, scenario_id: str, motion_id: str, row: StanceRow, entry: Stance,
                kind: str | None) -> None:
        """Append a write (``row``: its subject, version, writer and time) to ``motion_stances``."""
        conn.execute(insert(schema.motion_stances).values(
            scenario_id=scenario_id, motion_id=motion_id, subject=row.subject, version=row.version,
            data=encode(entry), changed_by=row.updated_by, changed_at=row.updated_at, kind=kind))


def _focus(snap: Snapshot, scenario_id: str, subj: Subject, motion_id: str) -> Scenario:
    """The scenario seen from the further motion ``motion_id`` (refused as :func:`further_motion` refuses
    it), once the subject is checked against it."""
    further_motion(snap.scenario, motion_id)
    FurtherStore._check_subject(snap, scenario_id, subj)
    return snap.scenario.for_motion(motion_id)


def _read(conn: Connection, scenario_id: str, motion_id: str, key: str, version: int) -> Line:
    """The subject's line, once the ``version`` the writer read is its own; else a conflict carrying the
    current entry (or none)."""
    line = _line(conn, scenario_id, motion_id, key)
    if line.version != version:
        raise _conflict(key, version, line.current())
    return line


def _check_end(row: StanceRow, until: dt.date, as_of: dt.date, today: dt.date) -> None:
    if row.until is not None:
        raise InputError(f"until: the stance on {row.subject} ends already, on {row.until.isoformat()}; to "
                         "change when it ends, record it again (from its date) and end that; nothing "
                         "was written")
    check_until(until, row.date, as_of, today)


def _check_count(focus: Scenario, motion_id: str, stances: tuple[Stance, ...] | list[Stance], since: dt.date) -> None:
    problem = timeline_problem(focus, list(stances), since)
    if problem is not None:
        raise InputError(f"motion {motion_id}: {problem}; nothing was written")


def _motion_audited(motion_id: str, row: StanceRow | None) -> dict[str, Any] | None:
    """A further motion's stance as the audit trail keeps it: the main motion's fields and the motion's id."""
    return {"motion": motion_id, **_audited(row)} if row is not None else None
