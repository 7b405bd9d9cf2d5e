"""The audit trail is append-only in the database itself: a row is added in the transaction of the write it
records, and no statement changes or deletes one (nor empties the table), whoever sends it: a later version's
bug, a script on the server's database account, a hand edit. The rows stay as written, and every write of
the app (which only ever adds rows) goes on as before, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from storage_fixtures import PK, store  # noqa: F401 - the fixture
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

REFUSED = "the audit trail is append-only"


def _rows(s: Store) -> list[Any]:
    with s.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text('SELECT id, "user", action, target, reason FROM audit '
                                                       "ORDER BY id"))]


def _filled(s: Store) -> list[Any]:
    s.save_scenario(load_scenario(PK), user="desk", reason="first load")
    s.add_user("alice", "editor", "a long enough password", by="desk")
    s.set_stance(PK, "party:anp", stance="no", version=0, user="alice", note="says so")
    rows = _rows(s)
    assert [r[2] for r in rows] == ["scenario.load", "user.add", "stance.set"]
    return rows


@pytest.mark.parametrize("statement", [
    "UPDATE audit SET \"user\" = 'someone-else'",
    "UPDATE audit SET reason = NULL WHERE action = 'stance.set'",
    "DELETE FROM audit WHERE action = 'stance.set'",
    "DELETE FROM audit",
])
def test_no_statement_changes_or_deletes_a_row(store: Store, statement: str) -> None:  # noqa: F811
    rows = _filled(store)
    with pytest.raises(DBAPIError, match=REFUSED), store.engine.begin() as conn:
        conn.execute(sa.text(statement))
    assert _rows(store) == rows


def test_the_table_cannot_be_emptied_on_postgresql(store: Store) -> None:  # noqa: F811
    if store.dialect != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's (SQLite empties a table by DELETE, refused above)")
    rows = _filled(store)
    with pytest.raises(DBAPIError, match=REFUSED), store.engine.begin() as conn:
        conn.execute(sa.text("TRUNCATE audit"))
    assert _rows(store) == rows


def test_the_app_s_writes_go_on_adding_rows(store: Store) -> None:  # noqa: F811
    rows = _filled(store)
    store.clear_stance(PK, "party:anp", version=1, user="alice", reason="wrong party")
    store.accounts.set_role("alice", "viewer", by="desk")
    store.accounts.remove("alice", by="desk")
    store.save_scenario(load_scenario(PK), user="desk", replace=True, reason="again")
    after = _rows(store)
    assert after[: len(rows)] == rows
    assert [r[2] for r in after[len(rows):]] == ["stance.clear", "user.role", "user.remove", "scenario.replace"]


def test_a_database_made_before_is_made_append_only_when_opened(store: Store) -> None:  # noqa: F811
    rows = _filled(store)
    with store.engine.begin() as conn:  # as a database of an earlier whipcount: no guard, no record of it
        if store.dialect == "postgresql":
            conn.execute(sa.text("DROP TRIGGER audit_append_only ON audit"))
            conn.execute(sa.text("DROP TRIGGER audit_not_emptied ON audit"))
        else:
            conn.execute(sa.text("DROP TRIGGER audit_no_update"))
            conn.execute(sa.text("DROP TRIGGER audit_no_delete"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE name = 'm008_audit_append_only'"))
    again = Store(store.url)
    try:
        with pytest.raises(DBAPIError, match=REFUSED), again.engine.begin() as conn:
            conn.execute(sa.text("DELETE FROM audit"))
        assert _rows(again) == rows
    finally:
        again.close()
