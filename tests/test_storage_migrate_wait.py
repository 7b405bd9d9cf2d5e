"""Two servers started together on one new SQLite file: the second may be told "database is locked" at
once while the first sets the file up. Migrating waits and retries then, and only then; and a real file
opened by two stores at the same moment ends up migrated once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from whipcount.storage import schema
from whipcount.storage.migrations import Migrations, migrations
from whipcount.storage.store_core import StoreCore


def _locked() -> OperationalError:
    return OperationalError("PRAGMA journal_mode=WAL", {}, Exception("database is locked"))


def test_a_locked_database_is_retried_until_it_frees(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def apply(self: Migrations, engine: object, notes: list[str] | None = None) -> list[str]:
        calls.append(1)
        if len(calls) < 3:
            raise _locked()
        return ["m001_initial"]

    monkeypatch.setattr(Migrations, "apply", apply)
    monkeypatch.setattr(Migrations, "pending", lambda self, engine: ["m001_initial"])
    monkeypatch.setattr(Migrations, "problem", lambda self, engine: None)
    monkeypatch.setattr("time.sleep", lambda s: None)

    class _Engine:
        def dispose(self) -> None:
            pass

    assert migrations.open_waiting(_Engine(), wait=5.0) is None  # type: ignore[arg-type]
    assert len(calls) == 3


def test_other_errors_and_a_lock_past_the_wait_are_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Migrations, engine: object, notes: object = None) -> list[str]:
        raise OperationalError("CREATE TABLE", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Migrations, "apply", broken)
    monkeypatch.setattr(Migrations, "pending", lambda self, engine: ["m001_initial"])
    monkeypatch.setattr(Migrations, "problem", lambda self, engine: None)
    with pytest.raises(OperationalError, match="disk I/O error"):
        migrations.open_waiting(None, wait=5.0)  # type: ignore[arg-type]

    def locked(self: Migrations, engine: object, notes: object = None) -> list[str]:
        raise _locked()

    monkeypatch.setattr(Migrations, "apply", locked)
    with pytest.raises(OperationalError, match="locked"):
        migrations.open_waiting(None, wait=0.0)  # type: ignore[arg-type]


def test_stores_opened_together_on_a_new_file_migrate_it_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    stores: list[StoreCore] = []
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            stores.append(StoreCore(url))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(stores) == 4
    with stores[0].engine.connect() as conn:
        names = [r[0] for r in conn.execute(select(schema.schema_version.c.name))]
    assert len(names) == len(set(names)) and names
    for s in stores:
        s.close()


def test_a_migrated_database_opens_for_reading_while_another_process_writes(tmp_path: Path) -> None:
    """`users list` or `db dump` while a writer holds SQLite's write lock: nothing waits to be migrated, so
    opening takes no lock and reads (WAL lets a reader past a writer); it had waited 30 s on the lock for
    migrations it did not need, then failed with "database is locked"."""
    import sqlite3

    from whipcount.storage import Store

    path = tmp_path / "busy.db"
    Store(f"sqlite:///{path}").close()  # created and migrated
    writer = sqlite3.connect(path, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # another process's write transaction, held open
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):  # the lock is really held
            sqlite3.connect(path, isolation_level=None, timeout=0).execute("BEGIN IMMEDIATE")
        store = Store(f"sqlite:///{path}")
        assert store.accounts.all() == []
        store.close()
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_store_whose_first_look_is_refused_at_once_waits_and_opens(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The first connection to a new file is the schema check's (``Migrations.problem``), before any
    migration: it too can be told "database is locked" at once while another opener switches the file to
    WAL. It had been outside the retry, and one of several threads opening a new file failed now and then."""
    real = Migrations.problem
    calls: list[int] = []

    def refused_twice(self: Migrations, engine: object) -> str | None:
        calls.append(1)
        if len(calls) <= 2:
            raise _locked()
        return real(self, engine)  # type: ignore[arg-type]

    monkeypatch.setattr(Migrations, "problem", refused_twice)
    monkeypatch.setattr("time.sleep", lambda s: None)
    store = StoreCore(f"sqlite:///{tmp_path / 'new.db'}")
    assert len(calls) == 3
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(select(schema.schema_version.c.name))]
    assert names == migrations.names

