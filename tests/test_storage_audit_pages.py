"""The audit trail read a page at a time for an export (Store.audit_pages): the pages together are the
trail that one query reads, and rows committed while an export is under way stay out of it, on PostgreSQL
too, where a row can commit after a newer one (its id drawn first, its transaction ended later)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import closing

import pytest
from sqlalchemy import insert, text

from storage_fixtures import loaded, pg_database, store  # noqa: F401  (fixtures)
from whipcount.storage import Store, schema

NOW = dt.datetime(2026, 12, 6, tzinfo=dt.UTC)


def _ids(pages: Iterator[list]) -> list[int]:  # type: ignore[type-arg]
    return [row.id for rows in pages for row in rows]


def _row(n: int) -> dict[str, object]:
    return {"at": NOW, "user": "writer", "scenario_id": None, "action": "test-write", "target": f"row {n}",
            "before": None, "after": None, "reason": None}


@pytest.mark.parametrize("page", [1, 2, 7, 1000])
def test_the_pages_together_are_the_trail_one_query_reads(loaded: Store, page: int) -> None:  # noqa: F811
    with loaded.engine.begin() as conn:
        conn.execute(insert(schema.audit), [_row(n) for n in range(9)])
    whole = [a.id for a in loaded.audit(limit=10_000)]
    assert len(whole) >= 10 and whole == sorted(whole, reverse=True)
    with closing(loaded.audit_pages(page=page)) as pages:
        assert _ids(pages) == whole  # newest first, none twice, none missed
    with closing(loaded.audit_pages(page=page, before=whole[1])) as pages:
        assert _ids(pages) == whole[2:]


@pytest.mark.postgres
def test_a_row_committed_during_an_export_stays_out_of_it_on_postgresql(pg_database: str) -> None:  # noqa: F811
    """Writer A draws an id and holds its transaction open; writer B draws the next id and commits. The
    export's first page shows B's row; A then commits. Read committed, the next page would show A's row,
    older by id but not there when the export began: the export reads one snapshot instead."""
    s = Store(pg_database)
    try:
        with s.engine.connect() as setup:
            # the scratch database's trail emptied for this test alone: the database refuses it otherwise
            setup.execute(text("ALTER TABLE audit DISABLE TRIGGER audit_append_only"))
            setup.execute(schema.audit.delete())
            setup.execute(text("ALTER TABLE audit ENABLE TRIGGER audit_append_only"))
            setup.execute(insert(schema.audit), [_row(0), _row(1)])
            setup.commit()
        with s.engine.connect() as a, s.engine.connect() as b:
            a.execute(insert(schema.audit), [_row(2)])  # id drawn, transaction open
            b.execute(insert(schema.audit), [_row(3)])
            b.commit()
            with closing(s.audit_pages(page=1)) as pages:
                first = next(pages)
                a.commit()
                rest = _ids(pages)
        targets = {r.id: r.target for r in s.audit(limit=10)}
        assert [targets[r.id] for r in first] == ["row 3"]
        assert [targets[i] for i in rest] == ["row 1", "row 0"]  # not row 2, committed after the export began
        assert sorted(targets.values()) == ["row 0", "row 1", "row 2", "row 3"]  # which is in the trail
    finally:
        s.close()
