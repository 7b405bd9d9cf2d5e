"""A write the database refuses by one of its constraints (a clash with a row stored at the same moment, or a
rule of the database's own) is a ConflictError in the app's words: the field as the API and the files name
it, never a table, a column, a constraint or the database's own message; those go to the server's log."""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, insert, text

from conftest import make_web_store
from storage_fixtures import loaded, pg_database, store  # noqa: F401 - the fixtures
from test_web_api import PASSWORD, client
from whipcount.errors import ConflictError
from whipcount.storage import Store, schema
from whipcount.web.app import create_app

PK = "pk-na-2022"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
DATABASE_WORDS = re.compile(r"UNIQUE|constraint|duplicate key|violates|_pkey|_key\b|uq_|ix_|\b(users|scenarios|events"
                            r"|stance_history|stances|sessions|scenario_id)\b|sqlite|psycopg", re.IGNORECASE)


def _user(conn: Connection) -> None:
    conn.execute(insert(schema.users).values(name="alice", role="editor", password_hash="x", created_at=NOW))


def _scenario(conn: Connection) -> None:
    conn.execute(insert(schema.scenarios).values(id=PK, title="t", chamber={}, data={}, revision=1,
                                                 created_at=NOW, updated_at=NOW))


def _event(conn: Connection) -> None:
    conn.execute(insert(schema.events).values(scenario_id=PK, seq=1, date=dt.date(2022, 4, 1), kind="statement",
                                              data={}, created_at=NOW))


def _history(conn: Connection) -> None:
    for _ in range(2):
        conn.execute(insert(schema.stance_history).values(scenario_id=PK, subject="party:pti", version=9,
                                                          new_stance="no", data={}, changed_at=NOW))


@pytest.mark.parametrize(("write", "field"), [(_user, "name"), (_scenario, "id"), (_event, "revision"),
                                              (_history, "version")])
def test_a_clash_is_told_in_the_apps_words(loaded: Store, write: Callable[[Connection], None],  # noqa: F811
                                           field: str) -> None:
    loaded.add_user("alice", "editor", PASSWORD) if write is _user else None
    with pytest.raises(ConflictError) as caught:
        with loaded._write() as conn:
            write(conn)
    said = str(caught.value)
    assert said.startswith(f"{field}: "), said
    assert "at the same moment" in said and "nothing was written" in said, said
    assert not DATABASE_WORDS.search(said), said
    assert DATABASE_WORDS.search(caught.value.said or ""), "the database's words are kept for the log"


def test_a_rule_of_the_databases_own_is_named_by_what_it_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    """An index added to the database by hand (one statement a day) refuses an append: a 409 that names the event,
    in the app's words, nothing written; the server's log has the database's words."""
    s = make_web_store(tmp_path, monkeypatch, {"rita": "editor"})
    try:
        rita = client(create_app(s.url, store=s, secret="clash-" + "x" * 40, fail_delay=0.0), "rita")
        with s.engine.begin() as conn:  # the bundled log holds one statement, of 11 May 2022
            conn.execute(text("CREATE UNIQUE INDEX one_event_a_day ON events (scenario_id, date) "
                              "WHERE kind = 'statement'"))
        n = len(s.events(PK))
        with caplog.at_level(logging.WARNING, logger="whipcount.web"):
            r = rita.post(f"/api/scenarios/{PK}/events", json={"date": "2022-05-11", "kind": "statement",
                                                                "party": "ppp", "confirm": True})
        body: dict[str, Any] = r.json()
        assert r.status_code == 409, body
        assert body["error"].startswith("event: "), body
        assert "nothing was written" in body["error"]
        assert not DATABASE_WORDS.search(body["error"]) and "one_event_a_day" not in body["error"], body
        assert len(s.events(PK)) == n
        assert "UNIQUE constraint failed: events.scenario_id, events.date" in caplog.text, caplog.text
    finally:
        s.close()
