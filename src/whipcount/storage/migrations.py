"""Registered migrations, applied in order and recorded in ``schema_version`` (as sqlite-utils does).

::

    migrations = Migrations("whipcount")

    @migrations()
    def m001_initial(conn): ...

:meth:`Migrations.apply` runs every migration not yet recorded, each in its own transaction, so a
migration that fails leaves the database as the previous one left it.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Connection, Engine, insert, inspect, select, text
from sqlalchemy.exc import OperationalError

from whipcount.storage import schema

T = TypeVar("T")

__all__ = ["AUDIT_APPEND_ONLY", "Migrations", "migrations"]

MigrationFn = Callable[[Connection], "list[str] | None"]
"""A migration: it changes the database in the transaction it is given, and may return notes for the user
(what it set aside), which :meth:`Migrations.apply` gathers."""


@dataclass
class Migrations:
    """An ordered set of named migration functions."""

    name: str
    _steps: list[tuple[str, MigrationFn]] = field(default_factory=list)

    def __call__(self, *, name: str | None = None) -> Callable[[MigrationFn], MigrationFn]:
        """Register the decorated function as the next migration (named after the function)."""

        def register(fn: MigrationFn) -> MigrationFn:
            step = name or fn.__name__
            if any(step == n for n, _ in self._steps):
                raise ValueError(f"Migration '{step}' is already registered in set '{self.name}'")
            self._steps.append((step, fn))
            return fn

        return register

    @property
    def names(self) -> list[str]:
        """The registered migrations, in order."""
        return [n for n, _ in self._steps]

    def applied(self, engine: Engine) -> list[str]:
        """Migrations recorded in ``schema_version``."""
        if not inspect(engine).has_table("schema_version"):
            return []
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(select(schema.schema_version.c.name))]

    def problem(self, engine: Engine) -> str | None:
        """Why this version must not use the database, or None: it has whipcount's tables but no record of
        migrations (another program's database, which migrating would write into), or it records migrations
        this version does not know (a newer whipcount's schema)."""
        tables = set(inspect(engine).get_table_names())
        if "schema_version" not in tables:
            clash = sorted(tables & set(schema.metadata.tables))
            if clash:
                return (f"expected a whipcount database or an empty one, got one with tables {', '.join(clash)} "
                        "but no schema_version (another program's database?); nothing was written")
            return None
        unknown = [n for n in self.applied(engine) if n not in self.names]
        if unknown:
            return (f"the database was migrated by a newer whipcount ({', '.join(unknown[:3])} unknown to this "
                    "version); expected its own schema: upgrade whipcount to use it; nothing was written")
        return None

    def pending(self, engine: Engine) -> list[str]:
        """Registered migrations not yet applied."""
        done = set(self.applied(engine))
        return [n for n in self.names if n not in done]

    def apply(self, engine: Engine, notes: list[str] | None = None) -> list[str]:
        """Apply every pending migration, each in its own transaction taken under a lock and re-checked
        inside it, so that two servers started together on a fresh database neither run a migration twice
        nor trip over each other (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory
        lock); a migration that fails leaves the database as the previous one left it. What the migrations
        say for the user is added to ``notes``."""
        ran: list[str] = []
        with engine.connect() as conn:
            conn.execution_options(whipcount_write=True)  # the store's engine begins it IMMEDIATE on SQLite
            for step, fn in self._steps:
                with conn.begin():
                    if engine.dialect.name == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(7263610)"))
                    schema.schema_version.create(conn, checkfirst=True)
                    done = {r[0] for r in conn.execute(select(schema.schema_version.c.name))}
                    if step in done:
                        continue
                    said = fn(conn)
                    if notes is not None and said:
                        notes.extend(said)
                    conn.execute(insert(schema.schema_version).values(name=step,
                                                                      applied_at=dt.datetime.now(dt.UTC)))
                ran.append(step)
        return ran

    def open_waiting(self, engine: Engine, wait: float = 30.0, notes: list[str] | None = None) -> str | None:
        """:meth:`problem`, then the pending migrations where there is none, the whole retried while SQLite
        says "database is locked": the first connection to a new file is the one that may be refused at
        once (servers or threads opening it together, one switching it to WAL), and that is
        :meth:`problem`'s. Returns the problem, or None once the database is migrated; the migrations' notes
        go to ``notes``."""

        def attempt() -> str | None:
            problem = self.problem(engine)
            # nothing waiting (read without a lock): no write lock taken, so a command that only reads
            # (`db dump`, `users list`) does not wait on a writer; apply() checks again under its lock, and
            # re-checks each migration inside its own transaction, so a retry never runs one twice
            if problem is None and self.pending(engine):
                self.apply(engine, notes)
            return problem

        return _waiting(engine, attempt, wait)


def _waiting(engine: Engine, attempt: Callable[[], T], wait: float) -> T:
    """``attempt()``, retried for up to ``wait`` seconds while SQLite says "database is locked": a second
    server opening a new file while the first sets it up can be refused at once, before the busy timeout
    applies (switching the file to WAL)."""
    deadline = time.monotonic() + wait
    delay = 0.05
    while True:
        try:
            return attempt()
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:  # equivalent mutant "> -> >=": to the ns
                raise
        engine.dispose()  # a fresh connection sets its pragmas again
        time.sleep(delay)
        delay = min(2 * delay, 1.0)  # equivalent mutants "2 -> 3", "2 -> 1": how often it asks again


migrations = Migrations("whipcount")


@migrations()
def m001_initial(conn: Connection) -> None:
    """Scenarios, parties, members, events, stances, stance history, users, settings and audit."""
    tables = [t for t in schema.metadata.sorted_tables if t.name not in ("schema_version", "sessions")]
    schema.metadata.create_all(conn, tables=tables)


@migrations()
def m002_sessions(conn: Connection) -> None:
    """Server-side sessions (the cookie carries a random id; only its hash is stored)."""
    schema.sessions.create(conn, checkfirst=True)


@migrations()
def m003_audit_indexes(conn: Connection) -> None:
    """Indexes for the audit trail's filters by user and time (a database made before them scanned the
    whole trail for each filtered page)."""
    for index in schema.AUDIT_INDEXES:
        index.create(conn, checkfirst=True)


@migrations()
def m004_audit_target_index(conn: Connection) -> None:
    """An index for the audit trail's filter by target (a database made before it scanned the whole trail for
    each page filtered by target): ordered by code point, as :class:`~whipcount.storage.AuditFilter` compares
    targets, so on PostgreSQL in the collation ``C`` whatever the database's own."""
    column = '"target" COLLATE "C"' if conn.dialect.name == "postgresql" else '"target"'
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {schema.AUDIT_TARGET_INDEX} ON audit ({column})"))


@migrations()
def m005_session_notices(conn: Connection) -> None:
    """A session's one-time notice (``sessions.notice``), which a page shows once instead of a query parameter
    anyone could put in a link (a database made before it keeps its sessions, with no notice)."""
    if "notice" not in {c["name"] for c in inspect(conn).get_columns("sessions")}:
        conn.execute(text(f"ALTER TABLE sessions ADD COLUMN notice VARCHAR({schema.NOTICE_WIDTH})"))


@migrations()
def m006_motion_stances(conn: Connection) -> None:
    """The stances of a further motion recorded on the dashboard (a database made before keeps every row; its
    further motions' stances are those their scenario files gave)."""
    schema.motion_stances.create(conn, checkfirst=True)
    for index in schema.motion_stances.indexes:
        index.create(conn, checkfirst=True)


@migrations()
def m007_motion_take_backs(conn: Connection) -> None:
    """A further motion's stance taken back or ended on the dashboard (``motion_stances.kind``; a database made
    before keeps its rows, every one a stance)."""
    if "kind" not in {c["name"] for c in inspect(conn).get_columns("motion_stances")}:
        conn.execute(text(f"ALTER TABLE motion_stances ADD COLUMN kind VARCHAR({schema.MOTION_WRITE_WIDTH})"))


AUDIT_APPEND_ONLY = "the audit trail is append-only: a row is never changed or deleted"
"""What the database answers a statement that would change, delete or empty a row of the audit trail."""

_PG_APPEND_ONLY = f"""
CREATE OR REPLACE FUNCTION whipcount_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{AUDIT_APPEND_ONLY}';
END $$;
DROP TRIGGER IF EXISTS audit_append_only ON audit;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION whipcount_audit_append_only();
DROP TRIGGER IF EXISTS audit_not_emptied ON audit;
CREATE TRIGGER audit_not_emptied BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION whipcount_audit_append_only();
"""


@migrations()
def m008_audit_append_only(conn: Connection) -> None:
    """The audit trail append-only in the database itself: a statement that changes, deletes (on PostgreSQL
    also empties) a row is refused with :data:`AUDIT_APPEND_ONLY`, whoever sends it; rows are only added, in
    the transaction of the write they record (a database made before keeps its rows, now guarded)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(_PG_APPEND_ONLY)
        return
    for event in ("UPDATE", "DELETE"):
        conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS audit_no_{event.lower()} BEFORE {event} ON audit "
                          f"BEGIN SELECT RAISE(ABORT, '{AUDIT_APPEND_ONLY}'); END"))


@migrations()
def m009_set_aside_idle_values(conn: Connection) -> list[str]:
    """Values that mean nothing, which the file readers now refuse, set aside from the stored scenarios (a
    carried constitution's ``seats: []``, a plurality's ``fraction``, a count quorum's ``strict``...; a member
    stance's ``seats`` and ``side``): each was read and ignored, so no count changes; one audit row per
    scenario keeps the values (:mod:`whipcount.storage.set_aside`)."""
    from whipcount.storage.set_aside import said, set_aside_rows

    return [f"scenario {sid}: set aside values that mean nothing, which the audit trail keeps: {said(took)}"
            for sid, took in set_aside_rows(conn).items()]
