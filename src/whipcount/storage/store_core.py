"""The store's core: the engine, read and write transactions (one transaction per write), the revision
each write bumps, the audit trail, and the checks on free text every write shares. :class:`StoreCore` is
the base of :class:`whipcount.storage.whip.WhipCountStore` and so of :class:`whipcount.storage.Store`."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Connection,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from whipcount.errors import InputError, NotFound, StorageError
from whipcount.io.direction import direction_problem
from whipcount.io.limits import MAX_NOTE, MAX_URL, quoted
from whipcount.model import (
    Scenario,
    Stance,
)
from whipcount.storage import schema
from whipcount.storage.accounts import Accounts
from whipcount.storage.audit_query import AuditFilter, audit_query, audit_row, count_query
from whipcount.storage.clash import clash
from whipcount.storage.codec import decode_as
from whipcount.storage.engine import make_engine, normalise_url, refusal, waiting
from whipcount.storage.engine import reason as _reason
from whipcount.storage.engine import safe_url as _safe_url
from whipcount.storage.migrations import migrations
from whipcount.storage.rows import AuditRow, StanceRow, _now, _utc
from whipcount.storage.sessions import Sessions
from whipcount.storage.set_aside import MIGRATE_ACTION
from whipcount.storage.snapshot import Snapshot
from whipcount.storage.system_account import system_account

__all__ = ["AUDIT_ACTIONS", "MAX_NOTE", "MAX_URL", "StoreCore", "check_source", "check_text", "one_line_break",
           "stance_row"]

_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
AUDIT_ACTIONS = ("scenario.load", "scenario.replace", MIGRATE_ACTION, "stance.set", "stance.clear", "stance.end",
                 "event.append", "user.add", "user.remove", "user.role", "user.password")
"""Every action the audit trail records (its ``action`` column); a row of another is never written."""
AUDIT_PAGE = 100  # equivalent mutant: the default size of a page of the audit trail for library callers


def one_line_break(text: str) -> str:
    """``text`` with each line break as one line feed: a browser sends a textarea's line breaks as CR LF, an old
    Mac's text has CR alone; counted and stored as LF, so a note of 2,000 characters typed with line breaks is
    2,000 characters, as the form's ``maxlength`` counts it."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text(field: str, value: str | None, limit: int) -> str | None:
    """A free text written through the API or a form (a note, a reason, a source): its line breaks as line feeds
    (:func:`one_line_break`), stripped, at most ``limit`` characters, no control character but a line feed
    or a tab and no direction control left open (:func:`~whipcount.io.direction.direction_problem`); None when
    nothing is left."""
    if value is None:
        return None
    value = one_line_break(value).strip()
    if not value:
        return None
    if len(value) > limit:
        raise InputError(f"{field}: expected at most {limit:,} characters, got {len(value):,}")
    bad = next((i for i, c in enumerate(value) if unicodedata.category(c) == "Cc" and c not in "\n\t"), None)
    if bad is not None:  # C0, DEL and C1: a line feed and a tab are text (a return is a line feed by now)
        raise InputError(f"{field}: control characters are not allowed (U+{ord(value[bad]):04X} at "
                         f"character {bad + 1})")
    if (problem := direction_problem(value)) is not None:
        raise InputError(f"{field}: {problem}")
    return value


def check_source(url: str | None) -> str | None:
    """A source URL (http or https only, so no ``javascript:`` link is ever stored), or None."""
    url = check_text("source", url, MAX_URL)
    if url is not None and not _URL.fullmatch(url):
        raise InputError(f"source: expected an http:// or https:// URL, got {quoted(url)}")
    if url is not None and not url.isprintable():  # an address shows as it leads: no invisible character in it
        raise InputError(f"source: expected an address without spaces or line breaks, got {quoted(url)} (an "
                         "invisible character, such as a zero-width space or a direction control, in it)")
    return url



class StoreCore:
    """A whipcount database's plumbing. Thread-safe: each call takes its own connection from the pool."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._listeners: list[Callable[[str, int], None]] = []
        self._lock = threading.Lock()
        self._snapshots: dict[str, Snapshot] = {}
        self._snap_lock = threading.Lock()
        self.accounts = Accounts(self._read, self._write, self._audit)
        self.sessions = Sessions(self._read, self._write)
        self.notes: list[str] = []
        """What migrating the database on opening it said for the user (values set aside), for a warning."""
        if migrate:
            try:
                problem = migrations.open_waiting(self.engine, notes=self.notes)
            except SQLAlchemyError as exc:
                raise StorageError(
                    f"{_safe_url(self.url)}: cannot open or migrate the database: {_reason(exc)}"
                ) from None
            if problem is not None:
                self.engine.dispose()
                raise StorageError(f"{_safe_url(self.url)}: cannot use the database: {problem}")

    # -- plumbing --------------------------------------------------------------------------------
    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def subscribe(self, listener: Callable[[str, int], None]) -> None:
        """Call ``listener(scenario_id, revision)`` after every committed write to a scenario."""
        self._listeners.append(listener)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise refusal(self.url, exc, "read") from None

    @contextmanager
    def _write(self, wait: float | None = None) -> Iterator[Connection]:
        """One write transaction (SQLite: BEGIN IMMEDIATE, so concurrent writers queue, never deadlock). ``wait``:
        the seconds it waits for another's lock, if not :data:`~whipcount.storage.engine.BUSY_WAIT` (a write
        a read makes on the way, such as marking a session seen, gives up at once rather than hold the read)."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(whipcount_write=True)
                with waiting(conn, wait), conn.begin():
                    if wait is not None and self.dialect == "postgresql":  # for this transaction alone
                        conn.exec_driver_sql(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")
                    yield conn
        except IntegrityError as exc:  # in the app's words; the database's kept for the log (clash)
            raise clash(exc) from None
        except OperationalError as exc:
            raise refusal(self.url, exc, "write") from None

    def _bump(self, conn: Connection, scenario_id: str) -> int:
        t = schema.scenarios
        res = conn.execute(
            update(t).where(t.c.id == scenario_id).values(revision=t.c.revision + 1, updated_at=_now())
        )
        if res.rowcount != 1:
            raise NotFound(f"no scenario {quoted(scenario_id)} in the database")
        rev = conn.execute(select(t.c.revision).where(t.c.id == scenario_id)).scalar_one()
        return int(rev)

    def _audit(self, conn: Connection, *, user: str | None, scenario_id: str | None, action: str,
               target: str | None = None, before: Any = None, after: Any = None, reason: str | None = None) -> None:
        """One row of the audit trail, in the write's transaction; a write that names no user (the library called
        without one) is recorded under the system account running it, so every row says who wrote it."""
        if action not in AUDIT_ACTIONS:  # the list the API filters by: a new action goes there first
            raise ValueError(f"audit action {action!r} is not one of AUDIT_ACTIONS")
        conn.execute(insert(schema.audit).values(
            at=_now(), user=user or system_account(), scenario_id=scenario_id, action=action, target=target,
            before=before, after=after, reason=reason,
        ))

    def _notify(self, scenario_id: str, revision: int) -> None:
        for listener in list(self._listeners):
            listener(scenario_id, revision)

    def _scenario_in(self, conn: Connection, scenario_id: str, *, history: bool) -> Scenario:
        """The scenario as ``conn`` sees it (:class:`whipcount.storage.Store` reads it)."""
        raise NotImplementedError

    # -- the audit trail ---------------------------------------------------------------------------
    def audit(self, scenario_id: str | None = None, *, limit: int = AUDIT_PAGE, action: str | None = None,
              before: int | None = None, where: AuditFilter | None = None) -> list[AuditRow]:
        """The audit trail (of a scenario, of an action, the rows ``where`` selects), newest first; ``before``
        (a row id, the cursor) pages back through it."""
        with self._read() as conn:
            rows = conn.execute(audit_query(_filter(scenario_id, action, where), before).limit(limit)).all()
        return [audit_row(r) for r in rows]

    def set_aside(self, scenario_id: str) -> list[str]:
        """What migrating the database set aside from the stored scenario as meaning nothing, in the audit
        trail's words (none once the scenario has been replaced since): the dashboard's notes say it."""
        rows = self.audit(scenario_id, action=MIGRATE_ACTION, limit=1)
        if not rows or any(r.id > rows[0].id for r in self.audit(scenario_id, action="scenario.replace", limit=1)):
            return []
        return [rows[0].reason] if rows[0].reason else []

    def audit_pages(self, scenario_id: str | None = None, *, action: str | None = None, before: int | None = None,
                    page: int = AUDIT_PAGE, where: AuditFilter | None = None) -> Iterator[list[AuditRow]]:
        """Every row of the audit trail :meth:`audit` selects (below ``before``, if given), newest first, ``page``
        rows at a time, all read in one transaction: the rows as they stood when the first page was read, none
        written meanwhile. Close the iterator (or read it to the end) to end the transaction."""
        wanted = _filter(scenario_id, action, where)
        with self._read() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            while True:
                rows = conn.execute(audit_query(wanted, before).limit(page)).all()
                yield [audit_row(r) for r in rows]
                if len(rows) < page:
                    return
                before = rows[-1].id

    def count_audit(self, scenario_id: str | None = None, action: str | None = None, *,
                    where: AuditFilter | None = None) -> int:
        """How many audit rows (for a scenario, of an action, that ``where`` selects)."""
        with self._read() as conn:
            return int(conn.execute(count_query(_filter(scenario_id, action, where))).scalar_one())


def _filter(scenario_id: str | None, action: str | None, where: AuditFilter | None) -> AuditFilter:
    """``where`` narrowed to a scenario and an action, when given."""
    where = where or AuditFilter()
    return replace(where, scenario_id=scenario_id if scenario_id is not None else where.scenario_id,
                   action=action if action is not None else where.action)


def stance_row(r: Any) -> StanceRow:
    """A row of ``stances`` as a :class:`StanceRow` (its end, if any, read from the entry it stores)."""
    return StanceRow(r.subject, r.stance, int(r.version), r.date, r.source, r.note, r.updated_by,
                     _utc(r.updated_at), r.seats, decode_as(Stance, r.data).until)
