"""The database refusing a request (locked by another writer, read-only, out of reach): the reader of the
dashboard or the API is told what happened and that nothing was written, in words that name no file, folder,
host or account of the server, with ``Retry-After`` when waiting helps; the server's log keeps the
database's own words for the operator."""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from conftest import make_web_store
from storage_fixtures import pg_database  # noqa: F401 - the fixture
from test_web_api import PASSWORD, _form_token, client, login_form
from whipcount.errors import StorageError
from whipcount.storage import Store
from whipcount.web.app import create_app

PK = "pk-na-2022"
WRITE = {"subject": "party:anp", "stance": "no", "version": 0}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"rita": "editor"}, PASSWORD)
    yield s
    s.close()


@pytest.fixture
def app(store: Store) -> Any:
    return create_app(store.url, store=store, secret="refusals-" + "x" * 40, fail_delay=0.0)


def make_web_store_on(url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    """A store on ``url`` with the editor rita (cheap argon2 parameters, as :func:`make_web_store`'s)."""
    from argon2 import PasswordHasher

    from whipcount.storage import passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s = Store(url)
    s.add_user("rita", "editor", PASSWORD)
    return s


def _on_connect(store: Store, sql: str) -> None:
    """Every new connection of ``store`` runs ``sql`` after the store's own settings (the pooled ones dropped)."""
    event.listen(store.engine, "connect", lambda dbapi, _record: dbapi.execute(sql))
    store.engine.dispose()


def _private(store: Store, text: str) -> list[str]:
    """What of the server's own the text names: the database file, its folder, its URL."""
    path = str(Path(store.url.partition(":///")[2]))
    return [x for x in (path, str(Path(path).parent), store.url, "web.db", "sqlite") if x in text]


def _locked(store: Store) -> Callable[[], None]:
    """Another process holds the file's write lock (released by the function returned); a writer of the store
    waits 0.2 s for it, not 30."""
    _on_connect(store, "PRAGMA busy_timeout=200")
    other = sqlite3.connect(store.url.partition(":///")[2], timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    return other.rollback


def test_a_write_to_a_locked_database_says_it_is_busy_without_naming_the_file(app: Any, store: Store,
                                                                              caplog: pytest.LogCaptureFixture
                                                                              ) -> None:
    rita = client(app, "rita")
    release = _locked(store)
    try:
        with caplog.at_level(logging.WARNING, logger="whipcount.web"):
            r = rita.post(f"/api/scenarios/{PK}/stances", json=WRITE)
    finally:
        release()
    body = r.json()
    assert r.status_code == 503, body
    assert body["error"].startswith("the database refused the write; nothing was written: ")
    assert "busy" in body["error"] and "try again" in body["error"]
    assert _private(store, r.text) == []
    assert r.headers["retry-after"] == "5"
    # the operator reads the database's own words in the server's log
    assert "database is locked" in caplog.text and store.url in caplog.text
    assert rita.post(f"/api/scenarios/{PK}/stances", json=WRITE).status_code == 200  # nothing had been written


def test_the_stance_form_on_a_locked_database_says_so_without_naming_the_file(app: Any, store: Store) -> None:
    c = login_form(app, "rita")
    token = _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:anp"}).text)
    release = _locked(store)
    try:
        r = c.post(f"/s/{PK}/stance", data={**WRITE, "version": "0", "csrf_token": token}, follow_redirects=False)
    finally:
        release()
    assert r.status_code == 503
    assert "nothing was written" in r.text and "busy" in r.text
    assert _private(store, r.text) == []


def test_a_read_only_database_says_so_without_naming_the_file(app: Any, store: Store) -> None:
    rita = client(app, "rita")
    _on_connect(store, "PRAGMA query_only=ON")  # as a file the server's account may read but not write
    r = rita.post(f"/api/scenarios/{PK}/stances", json=WRITE)
    body = r.json()
    assert r.status_code == 503, body
    assert body["error"] == ("the database refused the write; nothing was written: the database is read-only "
                             "(the server's log says more)")
    assert _private(store, r.text) == [] and "retry-after" not in r.headers
    assert rita.get(f"/api/scenarios/{PK}/stances").status_code == 200  # reading goes on


@pytest.mark.parametrize(("words", "cause"), [
    ('connection to server at "db.newsroom.internal" (10.0.0.5), port 5432 failed: FATAL: password '
     'authentication failed for user "whip"', "the database cannot be reached"),
    ("could not translate host name \"db.newsroom.internal\" to address", "the database cannot be reached"),
    ("database or disk is full", "the database's disk is full"),
    ("disk I/O error", "the database could not do it"),
    ("canceling statement due to lock timeout", "the database is busy with another write (try again in a moment)"),
])
def test_the_words_a_reader_is_given_name_no_host_account_or_file(words: str, cause: str) -> None:
    from whipcount.storage.engine import refusal

    url = "postgresql+psycopg://whip:s3cret@db.newsroom.internal/whipcount"
    exc = refusal(url, OperationalError("INSERT INTO audit ...", {}, Exception(words)), "write")
    assert isinstance(exc, StorageError)
    assert str(exc).startswith("postgresql+psycopg://whip:***@db.newsroom.internal/whipcount: the database "
                               "refused the write; nothing was written: ") and words in str(exc)
    assert exc.public is not None and exc.public.startswith("the database refused the write; nothing was written: ")
    assert exc.public.endswith(cause + " (the server's log says more)")
    for private in ("db.newsroom", "10.0.0.5", "whip", "s3cret", "5432", "INSERT", "audit"):
        assert private not in exc.public.removeprefix("the database refused the write")


def test_a_failed_read_names_no_file_either(app: Any, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from whipcount.storage.engine import refusal

    rita = client(app, "rita")

    def refused(*_args: Any, **_kw: Any) -> Any:
        raise refusal(store.url, OperationalError("SELECT", {}, Exception("unable to open database file")), "read")

    monkeypatch.setattr(Store, "stances", refused)
    r = rita.get(f"/api/scenarios/{PK}/stances")
    assert r.status_code == 503
    assert r.json()["error"] == "the database refused a read: the database could not do it (the server's log says more)"
    assert _private(store, r.text) == []
    assert re.search("unable to open", r.text) is None


@pytest.mark.postgres
def test_a_write_waiting_on_a_postgresql_lock_is_refused_after_the_busy_wait(
        pg_database: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """A transaction elsewhere (a psql session, a long ``db load``) holds the scenario's row: a write waits as
    long as SQLite's would (the busy wait), then is a 503 saying the database is busy, nothing written; it had
    waited for as long as the other transaction lasted, holding a worker of the server all that time."""
    import psycopg
    from sqlalchemy import create_engine

    from whipcount.storage import engine as engine_module
    from whipcount.storage import normalise_url, schema

    monkeypatch.setattr(engine_module, "BUSY_WAIT", 1)
    scratch = create_engine(normalise_url(pg_database))
    schema.metadata.drop_all(scratch)
    scratch.dispose()
    s = make_web_store_on(pg_database, monkeypatch)
    try:
        rita = client(create_app(s.url, store=s, secret="refusals-" + "x" * 40, fail_delay=0.0), "rita")
        answers: list[Any] = []
        with psycopg.connect(pg_database) as other:
            other.execute("SELECT * FROM scenarios FOR UPDATE")  # held until the block ends
            started = time.monotonic()
            writer = threading.Thread(target=lambda: answers.append(rita.post(f"/api/scenarios/{PK}/stances",
                                                                               json=WRITE)), daemon=True)
            writer.start()
            writer.join(15)
            waited = time.monotonic() - started
        writer.join(15)
        assert waited < 15, "the write was still waiting for the lock after 15 s"
        r = answers[0]
        body = r.json()
        assert r.status_code == 503, body
        assert body["error"] == ("the database refused the write; nothing was written: the database is busy with "
                                 "another write (try again in a moment) (the server's log says more)")
        assert r.headers["retry-after"] == "5" and 1 <= waited < 10
        assert rita.post(f"/api/scenarios/{PK}/stances", json=WRITE).status_code == 200  # nothing had been written
    finally:
        s.close()
