"""A session's one-time notice (the page after a change of one's own password says it was made) is kept in the
database, shown once; a database made before the column existed gets it (migration ``m005_session_notices``)
and keeps its sessions."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from storage_fixtures import column_names
from whipcount.storage import Store


def test_a_notice_is_taken_once_and_only_by_its_own_session(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    user = store.accounts.add("alice", "editor", "a long enough password", by="admin")
    told, _ = store.sessions.create(user.id, notice="password-changed")
    other, _ = store.sessions.create(user.id)
    assert store.sessions.take_notice(other) is None
    assert store.sessions.take_notice("not a session") is None
    assert store.sessions.take_notice(told) == "password-changed"
    assert store.sessions.take_notice(told) is None
    assert store.sessions.lookup(told) is not None  # the session itself goes on
    store.close()


def test_a_database_made_before_the_notices_gets_them_and_keeps_its_sessions(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store(url)
    user = store.accounts.add("alice", "editor", "a long enough password", by="admin")
    sid, _ = store.sessions.create(user.id)
    store.close()
    engine = sa.create_engine(url)  # as the last release left it: no such column, no such migration
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE sessions DROP COLUMN notice"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE name = 'm005_session_notices'"))
    engine.dispose()
    assert "notice" not in column_names(url, "sessions")
    store = Store(url)
    assert store.sessions.lookup(sid) is not None and store.sessions.take_notice(sid) is None
    store.close()
    assert "notice" in column_names(url, "sessions")
