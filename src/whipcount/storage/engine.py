"""Opening a database: the URL (SQLite file or PostgreSQL), the engine with its pool and, for SQLite,
WAL mode and ``BEGIN IMMEDIATE`` for writes; a new SQLite file is private to its owner (0600)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import QueuePool, StaticPool

from whipcount.errors import StorageError

__all__ = ["in_memory", "make_engine", "normalise_url", "reason", "refusal", "safe_url", "sqlite_file", "waiting"]

POOL = {
    "pool_size": 16,  # equivalent mutants "16 -> 15", "16 -> 17": how long a request may wait, not what it reads
    "max_overflow": 16,  # equivalent mutants "16 -> 15", "16 -> 17": as above
}
"""Connections kept open, and opened beyond them at busy times, per process (a file or a server)."""
BUSY_WAIT = 30  # equivalent mutants "30 -> 29", "30 -> 31": how long, not whether, a writer waits
"""Seconds a writer waits for another's lock before it is refused (SQLite's busy timeout, PostgreSQL's
``lock_timeout``)."""
CONNECT_WAIT = 10  # equivalent mutants "10 -> 9", "10 -> 11": how long, not whether, a connection is awaited
"""Seconds a PostgreSQL server is awaited before it is said to be out of reach (unless the URL sets
``connect_timeout``)."""


def normalise_url(url: str) -> str:
    """A database URL for SQLAlchemy: ``postgresql://`` becomes ``postgresql+psycopg://`` (psycopg 3);
    a bare path becomes an SQLite URL."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.partition("://")[2]
    if "://" not in url:
        return f"sqlite:///{url}"
    return url


def reason(exc: SQLAlchemyError) -> str:
    """The database's own words for ``exc``, on one line; for SQLite's "database is locked", who holds it."""
    orig = getattr(exc, "orig", None)
    text = " ".join(str(orig if orig is not None else exc).split())[:300]
    if text == "database is locked" or text.startswith("canceling statement due to lock timeout"):
        text += (f" (another process has been writing to it for {BUSY_WAIT} s, or holds a transaction open: "
                 "try again once it is done)")
    return text


_CAUSES = (
    # (words in the database's message, lower case; what a reader is told; whether a moment's wait may help)
    (("database is locked", "database table is locked", "lock timeout", "could not obtain lock", "deadlock"),
     "the database is busy with another write (try again in a moment)", True),
    (("readonly database", "read-only", "read only"), "the database is read-only", False),
    (("disk is full", "no space left"), "the database's disk is full", False),
    (("connection to server", "could not connect", "could not translate host", "connection refused",
      "server closed the connection", "terminating connection", "the database system is"),
     "the database cannot be reached", True),
)


def refusal(url: str, exc: SQLAlchemyError, doing: str) -> StorageError:
    """The error for the database refusing ``doing`` (``read`` or ``write``): its message names the database
    (the password hidden) and gives the database's own words, for the operator; its ``public`` words name no
    file, folder, host or account (a web reader is told what happened, never where), and ``busy`` says
    whether trying again in a moment may help."""
    said = "the database refused a read" if doing == "read" else "the database refused the write; nothing was written"
    text = reason(exc)
    lower = text.lower()
    cause, busy = next(((words, wait) for marks, words, wait in _CAUSES if any(m in lower for m in marks)),
                       ("the database could not do it", False))
    return StorageError(f"{safe_url(url)}: {said}: {text}", public=f"{said}: {cause} (the server's log says more)",
                        busy=busy)


@contextmanager
def waiting(conn: Connection, wait: float | None) -> Iterator[None]:
    """On SQLite, ``conn`` waits ``wait`` seconds for another's lock (its busy timeout) until the block ends,
    then as long as before; None, or another database, changes nothing (PostgreSQL sets ``lock_timeout`` for
    the one transaction: :meth:`whipcount.storage.store_core.StoreCore._write`)."""
    if wait is None or conn.dialect.name != "sqlite":
        yield
        return
    raw: Any = conn.connection.dbapi_connection  # isolation_level None: a PRAGMA begins no transaction
    before = raw.execute("PRAGMA busy_timeout").fetchone()[0]
    raw.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA busy_timeout={int(before)}")


def _postgresql(url: str) -> Engine:
    """A PostgreSQL engine whose writer waits for another's lock as long as an SQLite writer does, then is
    refused (``lock_timeout``; without it a write waited as long as the other transaction lasted, a psql
    session left open, holding a worker of the server), and which awaits the server :data:`CONNECT_WAIT`
    seconds."""
    connect = {} if "connect_timeout=" in url else {"connect_timeout": CONNECT_WAIT}
    engine = create_engine(url, **POOL, pool_pre_ping=True, connect_args=connect)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {int(BUSY_WAIT * 1000)}")  # milliseconds; a number of ours
        dbapi_conn.commit()  # kept for the session, not rolled back with the pool's reset

    return engine


def safe_url(url: str) -> str:
    """The URL with any password hidden."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def sqlite_file(url: str) -> str | None:
    """The file an SQLite URL names (``sqlite:///whipcount.db`` → ``whipcount.db``); None for an in-memory
    database or another kind of database. A name starting ``file:`` is a file of that name, as SQLite opens
    it, unless the URL asks for URI names (``?uri=true``: ``sqlite:///file:data.db?mode=ro&uri=true`` is
    ``data.db``); it had been taken for no file at all, so a command that must not create a database, or must
    create it private, did neither."""
    if not url.startswith("sqlite"):
        return None
    path, _, query = url.partition(":///")[2].partition("?")
    params = query.lower().split("&")
    if path.startswith("file:") and "uri=true" in params:
        path = path.removeprefix("file:")
        if "mode=memory" in params:
            return None
    return path if path and path != ":memory:" else None


def in_memory(url: str) -> bool:
    """Whether an SQLite URL names an in-memory database: no file (``sqlite://``, ``sqlite:///``, as
    SQLAlchemy reads them), ``:memory:`` with or without a query, or a URI name asking for memory
    (``sqlite:///file:board?mode=memory&uri=true``): whatever names no file (:func:`sqlite_file`)."""
    return url.startswith("sqlite") and sqlite_file(url) is None


def _private_file(url: str) -> None:
    """Create an SQLite database file readable and writable by its owner only (0600); an existing
    file keeps its mode."""
    path = sqlite_file(url)
    if path is not None:
        problem = _no_place_for(path)
        if problem is not None:  # SQLite would say only "unable to open database file"
            raise StorageError(f"{safe_url(url)}: cannot open the database: {problem}")
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        except FileExistsError:
            pass
        except OSError:
            pass  # a folder it may not write in, say: SQLite says so on connect


def _no_place_for(path: str) -> str | None:
    """Why an SQLite file cannot be at ``path`` (a folder there, or no folder to hold it), or None."""
    if os.path.isdir(path):
        return f"{path} is a folder; expected an SQLite database file (such as {os.path.join(path, 'whipcount.db')})"
    folder = os.path.dirname(path) or "."
    if os.path.isdir(folder):
        effective = os.access in os.supports_effective_ids
        if os.access(folder, os.W_OK | os.X_OK, effective_ids=effective) or all(
                os.access(path + end, os.W_OK, effective_ids=effective) for end in ("-wal", "-shm")):
            return None  # (the journal's files already there, and writable, will do)
        return (f"folder {folder} is not writable; expected a folder you may write in (SQLite keeps its journal, "
                f"{os.path.basename(path)}-wal, beside the database file, even to read it)")
    if os.path.lexists(folder):
        return f"{folder} is not a folder; expected the folder to hold the database file"
    return f"folder {folder} does not exist; expected an existing folder to hold the database file (create it)"


def _ours_or_empty(cur: Any) -> bool:
    """Whether the SQLite file holds no table yet, or whipcount's (its ``schema_version``): only such a file
    is switched to WAL, which rewrites the file's header (another program's was changed before it was
    refused)."""
    tables = {row[0] for row in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return not tables or "schema_version" in tables


def make_engine(url: str) -> Engine:
    if not url.startswith(("sqlite:", "sqlite+pysqlite:", "postgresql+psycopg:")):  # normalised: see normalise_url
        kind = url.partition(":")[0]
        raise StorageError(f"{safe_url(url)}: whipcount stores in SQLite or PostgreSQL, not {kind!r} (expected "
                           "sqlite:///FILE or postgresql://USER@HOST/DB)")
    try:
        if url.startswith("sqlite"):
            memory = in_memory(url)
            # a file's pool is named: SQLAlchemy takes "?mode=memory" for memory, without "uri=true" too (SQLite
            # then opens the file), and its pool for memory has no size (a TypeError, said as a traceback)
            pool: dict[str, Any] = {"poolclass": StaticPool} if memory else {"poolclass": QueuePool, **POOL}
            engine = create_engine(
                url,
                connect_args={"check_same_thread": False, "timeout": BUSY_WAIT},
                **pool,
            )
            if not memory:  # once the URL is read: one refused ("?timeout=abc") leaves no empty file behind
                _private_file(url)

            @event.listens_for(engine, "connect")
            def _connect(dbapi_conn: Any, _record: Any) -> None:
                dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
                cur = dbapi_conn.cursor()
                if not memory and _ours_or_empty(cur):  # another program's file is refused (migrations), untouched
                    cur.execute("PRAGMA journal_mode=WAL")
                cur.execute(f"PRAGMA busy_timeout={int(BUSY_WAIT * 1000)}")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()

            @event.listens_for(engine, "begin")
            def _begin(conn: Connection) -> None:
                immediate = conn.get_execution_options().get("whipcount_write")
                conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

            return engine
        return _postgresql(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StorageError(f"{safe_url(url)}: not a database URL whipcount can open (expected sqlite:///FILE or "
                           f"postgresql://USER@HOST/DB): {exc}") from None
