"""The audit trail's filter by target reads an index (on SQLite and on PostgreSQL), in a new database and in
one made before the index existed (a migration adds it, keeping every row), and still means what docs/web.md
says: the target exactly, and a subject with its sides and parts, its characters taken as themselves (``%``
and ``_`` are no wildcards)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage_fixtures import index_names, pg_url, store  # noqa: F401  (a fixture)
from whipcount.storage import AuditFilter, Store, normalise_url, schema
from whipcount.storage.audit_query import audit_query, count_query

INDEX = "ix_audit_target"
TARGETS = [
    "party:pti", "party:pti@opposition", "party:pti/part", "party:pti@government/part", "party:ptix",
    "party:pti-x", "party:ptiA", "party:pti0", "party:pti?", "party:PTI",
    "party:p_i", "party:p_i@opposition", "party:pxi", "party:pxi/part", "party:p%", "party:p%x", "party:p%/part",
    "party:pq", "party:ptia", "party:pti@A", "event:3", "event:30", "user:a_b", "user:axb",
]


def _plan(url: str, query: object) -> str:
    engine = sa.create_engine(url)
    try:
        sql = query.compile(engine, compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
        with engine.connect() as conn:
            return " ".join(str(r[-1]) for r in conn.execute(sa.text(f"EXPLAIN QUERY PLAN {sql}")))
    finally:
        engine.dispose()


def test_the_filter_by_target_reads_the_index_on_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    Store(url).close()
    assert INDEX in index_names(url, "audit")
    where = AuditFilter(target="party:pti")
    for query in (audit_query(where, None).limit(200), count_query(where)):
        plan = _plan(url, query)
        # each of the three ranges (the target, its sides, its parts) is a search of the index, no scan
        assert plan.count(f"INDEX {INDEX}") == 3, plan
        assert "SCAN audit" not in plan, plan


def test_a_database_made_before_the_index_gets_it_and_keeps_its_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url)
    old.accounts.add("alice", "editor", "a long enough password", by="admin")
    old.close()
    engine = sa.create_engine(url)  # as the last release left it: no such index, no such migration
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP INDEX {INDEX}"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE name = 'm004_audit_target_index'"))
    engine.dispose()
    assert INDEX not in index_names(url, "audit")
    again = Store(url)
    assert [r.target for r in again.audit(where=AuditFilter(target="user:alice"))] == ["user:alice"]
    again.close()
    assert INDEX in index_names(url, "audit")


def _expected(target: str) -> set[str]:
    """The documented meaning, by hand: the target itself, or it followed by '@' or '/' (a side, a part)."""
    return {t for t in TARGETS if t == target or (t.startswith(target) and t[len(target)] in "@/")}


def _insert_targets(into: Store) -> None:
    with into.engine.begin() as conn:
        conn.execute(sa.insert(schema.audit), [
            {"at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), "user": "alice", "scenario_id": "s", "action": "stance.set",
             "target": t} for t in TARGETS])


@pytest.mark.parametrize("target", ["party:pti", "party:p_i", "party:p%", "party:p", "party:pti@opposition",
                                    "event:3", "user:a_b", "party:%", "party:____", "PARTY:pti", "party:pti@"])
def test_the_target_is_matched_as_documented_with_no_wildcards(store: Store, target: str) -> None:  # noqa: F811
    _insert_targets(store)
    rows = store.audit(where=AuditFilter(target=target), limit=1000)
    assert {r.target for r in rows} == _expected(target)
    with store.engine.connect() as conn:
        assert conn.execute(count_query(AuditFilter(target=target))).scalar_one() == len(_expected(target))


@pytest.fixture
def pg_store() -> Iterator[Store]:
    """A store in a new PostgreSQL database whose collation orders text as a language does (ICU's en-US:
    ``party:ptia`` between ``party:pti@`` and ``party:ptiA``), not by code point."""
    base = pg_url()
    name = "wc_test_" + uuid.uuid4().hex[:10]
    admin = sa.create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE \"{name}\" LOCALE_PROVIDER icu ICU_LOCALE 'en-US' "
                             "TEMPLATE template0"))
    s = Store(base.rsplit("/", 1)[0] + "/" + name)
    try:
        yield s
    finally:
        s.close()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("target", ["party:pti", "party:p_i", "party:p%", "party:pti@"])
def test_postgresql_in_a_language_collation_matches_as_documented(pg_store: Store, target: str) -> None:
    _insert_targets(pg_store)
    rows = pg_store.audit(where=AuditFilter(target=target), limit=1000)
    assert {r.target for r in rows} == _expected(target)


@pytest.mark.postgres
def test_the_filter_by_target_reads_the_index_on_postgresql(pg_store: Store) -> None:
    assert INDEX in {i["name"] for i in sa.inspect(pg_store.engine).get_indexes("audit")}
    query = audit_query(AuditFilter(target="party:pti"), None).limit(200)
    sql = query.compile(pg_store.engine, compile_kwargs={"literal_binds": True})
    with pg_store.engine.begin() as conn:
        conn.execute(sa.text("SET LOCAL enable_seqscan = off"))  # an empty table is read whole otherwise
        plan = " ".join(r[0] for r in conn.execute(sa.text(f"EXPLAIN {sql}")))
    assert INDEX in plan, plan
