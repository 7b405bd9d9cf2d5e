"""`whipcount db` and `whipcount users` against databases they cannot use: an in-memory one (what they store
would be gone), one written by a newer whipcount, one that belongs to something else."""

from __future__ import annotations

import gc
import io
import sqlite3
import sys
from pathlib import Path

import pytest

from storage_fixtures import pg_database  # noqa: F401  (a fixture)
from whipcount.storage import Store

PK = "pk-na-2022"
PASSWORD = "a long enough password\n"


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///:memory:?cache=shared",
                                 "sqlite:///file:board?mode=memory&uri=true"])
def test_commands_that_store_refuse_an_in_memory_database(run_cli, url: str, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`db load` said 'loaded' and `users add` 'added' into a database gone when they ended ('sqlite:///'
    was a TypeError traceback)."""
    monkeypatch.chdir(tmp_path)
    for args in (["db", "load", PK], ["db", "dump", "-o", "-"], ["users", "list"]):
        r = run_cli(*args, "--db", url)
        assert r.code == 1, r.out
        line = _one_line(r.err)
        assert f"--db {url}: an in-memory database keeps nothing" in line and "sqlite:///FILE" in line
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    r = run_cli("users", "add", "alice", "--role", "admin", "--password-stdin", "--db", url)
    assert r.code == 1 and "in-memory" in _one_line(r.err)
    assert list(tmp_path.iterdir()) == []


def test_the_library_opens_an_in_memory_database_however_it_is_written() -> None:
    for url in ("sqlite:///", "sqlite:///:memory:?cache=shared", "sqlite:///file:board?mode=memory&uri=true"):
        store = Store(url)
        assert store.scenarios() == []
        store.close()


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _tables(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()


def test_a_database_of_a_newer_whipcount_is_refused_and_left_alone(run_cli, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """A migration this version does not know: the commands wrote into a schema they did not know."""
    path = tmp_path / "newer.db"
    db = f"sqlite:///{path}"
    assert run_cli("db", "load", PK, "--db", db).code == 0
    # the load's store is closed once collected: were its pooled connection still open, the INSERT below would
    # wait in the write-ahead log, and the checkpoint when that connection is collected, at any later moment,
    # would change the file's bytes (not its rows) under the comparison below
    gc.collect()
    _sqlite(path, "INSERT INTO schema_version VALUES ('m999_future', '2030-01-01 00:00:00')")
    before = path.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    for args in (["users", "add", "bob", "--role", "editor", "--password-stdin"], ["db", "load", PK, "--replace"],
                 ["db", "dump", "-o", "-"], ["users", "list"]):
        r = run_cli(*args, "--db", db)
        assert r.code == 1, r.out
        line = _one_line(r.err)
        assert line.startswith(f"error: {db}: ") and "newer whipcount" in line and "m999_future" in line
        assert "nothing was written" in line
    assert path.read_bytes() == before


def test_another_programs_database_with_whipcounts_table_names_is_refused_not_migrated(
        run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A 'users' table of someone else's: whipcount's tables were created beside it, then every command
    failed on 'no such column: users.name'."""
    path = tmp_path / "other.db"
    _sqlite(path, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)", "INSERT INTO users VALUES (1, 'x@y')")
    before = path.read_bytes()
    for args in (["users", "list"], ["db", "load", PK]):
        r = run_cli(*args, "--db", f"sqlite:///{path}")
        assert r.code == 1, r.out
        line = _one_line(r.err)
        assert "expected a whipcount database or an empty one, got one with tables users" in line
    assert _tables(path) == ["users"]
    # not even switched to WAL (bytes 18 and 19 of the header: 1 and 1 for a rollback journal, 2 and 2 for WAL)
    assert path.read_bytes() == before and before[18:20] == b"\x01\x01"
    assert not (tmp_path / "other.db-wal").exists()


def test_a_database_with_unrelated_tables_is_used_beside_them(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shared.db"
    _sqlite(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    assert run_cli("db", "load", PK, "--db", f"sqlite:///{path}").code == 0
    assert "notes" in _tables(path) and "scenarios" in _tables(path)


@pytest.mark.postgres
def test_postgresql_refuses_a_newer_schema_and_another_programs_tables_too(pg_database: str) -> None:  # noqa: F811
    """The same two refusals on PostgreSQL, where the tables are read through the server's catalogue."""
    from sqlalchemy import create_engine, text

    from whipcount.errors import StorageError
    from whipcount.storage import normalise_url, schema

    engine = create_engine(normalise_url(pg_database))
    schema.metadata.drop_all(engine)
    Store(pg_database).close()  # migrated
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO schema_version VALUES ('m999_future', '2030-01-01 00:00:00+00')"))
    with pytest.raises(StorageError, match="migrated by a newer whipcount.*m999_future.*nothing was written"):
        Store(pg_database)
    schema.metadata.drop_all(engine)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)"))
    with pytest.raises(StorageError, match="expected a whipcount database or an empty one, got one with tables users"):
        Store(pg_database)
    with engine.connect() as conn:
        tables = sorted(r[0] for r in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")))
    assert tables == ["users"]
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE users"))
    engine.dispose()


def test_mode_memory_without_uri_names_a_file_and_is_stored_in_it(run_cli, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Without ``uri=true`` SQLite opens the file ``board.db`` and ignores ``mode``, but SQLAlchemy took the
    URL for memory and refused the pool's size: a TypeError traceback, and an empty file left behind."""
    monkeypatch.chdir(tmp_path)
    r = run_cli("db", "load", PK, "--db", "sqlite:///board.db?mode=memory")
    assert (r.code, r.err) == (0, "") and r.out.startswith(f"loaded {PK}: ")
    conn = sqlite3.connect(tmp_path / "board.db")  # the truth: the file holds the scenario
    assert conn.execute("SELECT id FROM scenarios").fetchall() == [(PK,)]
    conn.close()


@pytest.mark.parametrize("query", ["timeout=abc", "check_same_thread=maybe", "detect_types=x"])
def test_a_url_whose_options_cannot_be_read_leaves_no_file(run_cli, query: str, monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The database file was made before the URL was read: refused, it stayed behind, empty."""
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///board.db?{query}"
    r = run_cli("db", "load", PK, "--db", url)
    assert r.code == 1
    assert _one_line(r.err).startswith(f"error: {url}: not a database URL whipcount can open (expected "
                                       "sqlite:///FILE or postgresql://USER@HOST/DB): ")
    assert list(tmp_path.iterdir()) == []
