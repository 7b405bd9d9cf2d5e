"""The audit trail's filters by user and time read an index, in a new database and in one made
before the indexes existed (a migration adds them, keeping every row): each filtered page had scanned the
whole trail."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from storage_fixtures import index_names
from whipcount.storage import AuditFilter, Store
from whipcount.storage.audit_query import audit_query

NAMES = {"ix_audit_user", "ix_audit_at"}


def _plan(url: str, where: AuditFilter) -> str:
    engine = sa.create_engine(url)
    try:
        query = audit_query(where, None).limit(200).compile(engine, compile_kwargs={"literal_binds": True})
        with engine.connect() as conn:
            return " ".join(str(r[-1]) for r in conn.execute(sa.text(f"EXPLAIN QUERY PLAN {query}")))
    finally:
        engine.dispose()


def test_a_new_database_has_them_and_the_filters_read_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    Store(url).close()
    assert NAMES <= index_names(url, "audit")
    assert "ix_audit_user" in _plan(url, AuditFilter(user="alice"))
    import datetime as dt

    assert "ix_audit_at" in _plan(url, AuditFilter(since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                                                   until=dt.datetime(2026, 1, 2, tzinfo=dt.UTC)))


def test_a_database_made_before_them_gets_them_and_keeps_its_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    store.accounts.add("alice", "editor", "a long enough password", by="admin")
    rows = len(store.audit())
    store.close()
    engine = sa.create_engine(url)  # as the last release left it: no such indexes, no such migration
    with engine.begin() as conn:
        for name in NAMES:
            conn.execute(sa.text(f"DROP INDEX {name}"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE name = 'm003_audit_indexes'"))
    engine.dispose()
    assert not NAMES & index_names(url, "audit")
    store = Store(url)
    assert len(store.audit()) == rows == 1
    store.close()
    assert NAMES <= index_names(url, "audit")
