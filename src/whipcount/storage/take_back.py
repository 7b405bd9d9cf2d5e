"""Taking a stance back, in one of two ways (:meth:`ClearingStore.clear_stance`):

* **as wrong** (no ``until``): the subject's current stance is removed, so that its position counts as if
  the subject had never been recorded (its side's default, or the rest of its party) on every day. The stance
  history gets a row marking the take-back (``new_stance`` :data:`~whipcount.storage.whip.CLEARED`), which
  the timeline (:mod:`whipcount.storage.timeline`) reads as the end of the subject's entries: every entry
  written before it leaves it, so a past day's dashboard and ``whipcount db dump`` show the subject unrecorded
  on every day too. A stance recorded after it starts the subject again, from version 0 (none recorded).
* **as ended on a day** (``until``: the first day it no longer holds): the subject counts as never recorded
  from that day on, and the days before keep what was recorded. The row stays, at the next version, its
  entry ending on ``until``; the history row (``new_stance`` :data:`~whipcount.storage.whip.ENDED`) gives every
  entry of the subject written before it that end, so the dumped file says ``until:`` on each of them.

The history and the audit trail (``stance.clear``, ``stance.end``) keep what was taken back or ended.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import Connection, delete, insert, select, update

from whipcount.errors import ConflictError, InputError
from whipcount.io.limits import quoted
from whipcount.model import Stance
from whipcount.storage import schema
from whipcount.storage.codec import decode_as, encode
from whipcount.storage.rows import StanceRow, Subject, _now
from whipcount.storage.snapshot import Snapshot
from whipcount.storage.stance_checks import check_until, now_date
from whipcount.storage.store_core import MAX_NOTE, check_text, stance_row
from whipcount.storage.timeline import Ended
from whipcount.storage.whip import CLEARED, ENDED, WhipCountStore, _audited, _conflict

__all__ = ["ClearingStore", "check_take_back_version"]


class ClearingStore(WhipCountStore):
    """:class:`WhipCountStore` with stances that can be taken back (see the module docstring)."""

    def clear_stance(self, scenario_id: str, subject: str | Subject, *, version: int, user: str | None,
                     reason: str | None = None, until: dt.date | None = None) -> StanceRow:
        """Take back the stance on ``subject``, the row at ``version``, as wrong, or with ``until`` as ended on
        that day (see the module docstring); return the row taken back (as wrong) or as the end leaves it.

        As :meth:`set_stance`: one transaction (the row removed, or kept at the next version with its end; a
        history row; an audit row, action ``stance.clear`` with the whole row ``before`` and ``after`` null, or
        ``stance.end`` with the row before and after; the revision bumped), the whole count checked first, and
        open dashboards told. Raises :class:`ConflictError` (with ``.current``, the row as it is, or None) when
        the subject's stance is no longer at ``version``; :class:`InputError` for a version that is not 1 or
        more, a reason that is not text, an end not after the stance's date or after tomorrow, or a stance that
        ends already (record it again to change its end).
        """
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        check_take_back_version(version)
        reason = check_text("reason", reason, MAX_NOTE)
        key = str(subj)
        try:
            with self._revising(scenario_id) as (conn, rev, snap):
                self._check_subject(snap, scenario_id, subj)
                key = snap.stored_key(subj)
                row, entry = _current(conn, scenario_id, key, version)
                if until is None:
                    result, after = row, snap.without(rev, key)
                    # on every day the subject held a stance: taking one back frees seats, but the count says so
                    self._check_count(after, since=min((s.date for k, s in snap.timeline if k == key),
                                                       default=row.date))
                    self._record_clear(conn, scenario_id, row, entry, user, reason)
                else:
                    result, after = self._end(conn, scenario_id, snap, rev, (row, entry), user, reason, until)
        except ConflictError as exc:
            raise self._with_current(exc, scenario_id, key, version) from None
        self._settled(scenario_id, rev, after)
        return result

    def _end(self, conn: Connection, scenario_id: str, snap: Snapshot, rev: int, current: tuple[StanceRow, Stance],
             user: str | None, reason: str | None, until: dt.date) -> tuple[StanceRow, Snapshot]:
        """Within :meth:`clear_stance`'s transaction: the stance ``current`` (its row and entry) ends on
        ``until``; returns the row as the end leaves it and the snapshot after."""
        row, entry = current
        if row.until is not None:
            raise InputError(f"until: the stance on {row.subject} ends already, on {row.until.isoformat()}; to "
                             "change when it ends, record it again (from its date) and end that; nothing "
                             "was written")
        check_until(until, row.date, snap.scenario.chamber.as_of, now_date())
        ended = replace(row, version=row.version + 1, until=until, updated_by=user, updated_at=_now())
        after = snap.ended(rev, ended, Ended(until))
        self._check_count(after, since=until)
        self._record_end(conn, scenario_id, row, ended, replace(entry, until=until), reason)
        return ended, after

    def _record_end(self, conn: Connection, scenario_id: str, row: StanceRow, ended: StanceRow, entry: Stance,
                    reason: str | None) -> None:
        """Keep the subject's row at its next version with its end; append the end to the stance history and
        the audit trail."""
        t = schema.stances
        conn.execute(update(t).where(t.c.scenario_id == scenario_id, t.c.subject == row.subject,
                                     t.c.version == row.version)
                     .values(version=ended.version, data=encode(entry), updated_by=ended.updated_by,
                             updated_at=ended.updated_at))
        conn.execute(insert(schema.stance_history).values(
            scenario_id=scenario_id, subject=row.subject, version=ended.version,
            old_stance=row.stance, new_stance=ENDED,
            data=encode(replace(entry, note=reason, sources=())),
            changed_by=ended.updated_by, changed_at=ended.updated_at,
        ))
        self._audit(conn, user=ended.updated_by, scenario_id=scenario_id, action="stance.end", target=row.subject,
                    before=_audited(row), after=_audited(ended), reason=reason)

    def _record_clear(self, conn: Connection, scenario_id: str, row: StanceRow, entry: Stance,
                      user: str | None, reason: str | None) -> None:
        """Remove the subject's row, append the take-back to the stance history and the audit trail."""
        t = schema.stances
        conn.execute(delete(t).where(t.c.scenario_id == scenario_id, t.c.subject == row.subject,
                                     t.c.version == row.version))
        conn.execute(insert(schema.stance_history).values(
            scenario_id=scenario_id, subject=row.subject, version=row.version + 1,
            old_stance=row.stance, new_stance=CLEARED,
            # the position taken back, with the reason as its note (the audit trail keeps the whole row)
            data=encode(replace(entry, note=reason, sources=())),
            changed_by=user, changed_at=_now(),
        ))
        self._audit(conn, user=user, scenario_id=scenario_id, action="stance.clear", target=row.subject,
                    before=_audited(row), after=None, reason=reason)


def check_take_back_version(version: object) -> None:
    if isinstance(version, bool) or not isinstance(version, int) or not 1 <= version <= schema.INT_MAX:
        raise InputError(f"version: expected the version of the stance you take back (1 to {schema.INT_MAX:,}), "
                         f"got {quoted(version)}")


def _current(conn: Connection, scenario_id: str, key: str, version: int) -> tuple[StanceRow, Stance]:
    """The subject's row and its entry, at ``version``; else a conflict carrying the row as it is (or none)."""
    t = schema.stances
    cur = conn.execute(select(t).where(t.c.scenario_id == scenario_id, t.c.subject == key)).first()
    if cur is None:
        raise _conflict(key, version, None)
    if int(cur.version) != version:
        raise _conflict(key, version, stance_row(cur))
    return stance_row(cur), decode_as(Stance, cur.data)
