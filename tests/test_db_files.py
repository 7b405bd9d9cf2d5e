"""The database file is a file the command reads: no output replaces it (db dump -o the database itself, or
a link to it, had turned every account, stance and audit row into YAML), and an SQLite name starting
``file:`` is the file of that name, so the commands that must not create a database do not (one had been
created, world-readable, beside the user's)."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from whipcount.storage.engine import sqlite_file

Run = Callable[..., CliResult]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}


@pytest.mark.parametrize("through_a_link", [False, True])
def test_db_dump_never_writes_over_its_database(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               through_a_link: bool) -> None:
    monkeypatch.chdir(tmp_path)
    assert run_cli("db", "load", "pk-na-2022", "--db", "w.db").code == 0
    before = (tmp_path / "w.db").read_bytes()
    target = "w.db"
    if through_a_link:
        os.symlink("w.db", "link.yaml")
        target = "link.yaml"
    r = run_cli("db", "dump", "pk-na-2022", "--db", "w.db", "-o", target)
    assert r.code == 1 and "it is a file this command reads" in r.err and "Traceback" not in r.err
    assert (tmp_path / "w.db").read_bytes() == before
    assert "scenarios" in _tables(tmp_path / "w.db")
    assert run_cli("db", "dump", "pk-na-2022", "--db", "w.db", "-o", "out.yaml").code == 0  # elsewhere: fine


def test_a_file_colon_name_is_a_file_and_is_not_created(run_cli: Run, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = run_cli("users", "list", "--db", "file:nothere.db")
    assert r.code == 1 and "no database at file:nothere.db" in r.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("url", "file"), [
    ("sqlite:///whipcount.db", "whipcount.db"),
    ("sqlite:///file:data.db", "file:data.db"),  # no URI names asked for: SQLite opens a file of that name
    ("sqlite:///file:data.db?mode=ro&uri=true", "data.db"),
    ("sqlite:///file:mem?mode=memory&uri=true", None),
    ("sqlite:///:memory:", None),
    ("sqlite://", None),
    ("postgresql+psycopg://u@h/db", None),
])
def test_the_file_an_sqlite_url_names(url: str, file: str | None) -> None:
    assert sqlite_file(url) == file


@pytest.mark.parametrize("url", ["mysql://x/y", "https://example.com/x.db", "oracle://u@h/db"])
def test_a_database_of_another_kind_is_named_not_its_driver(run_cli: Run, url: str) -> None:
    """Not "No module named 'MySQLdb'" or "Can't load plugin: sqlalchemy.dialects:https"."""
    r = run_cli("users", "list", "--db", url)
    kind = url.partition(":")[0]
    assert r.code == 1 and f"not {kind!r}" in r.err and "sqlite:///FILE or postgresql://" in r.err
    assert "module" not in r.err and "plugin" not in r.err and "Traceback" not in r.err


def test_set_password_reads_standard_input_as_users_add_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             run_cli: Run) -> None:
    import io

    from whipcount.storage import Store

    db = str(tmp_path / "u.db")
    monkeypatch.setattr("sys.stdin", io.StringIO("a fine pass phrase\n"))
    assert run_cli("users", "add", "zed", "--role", "viewer", "--db", db, "--password-stdin").code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("another fine phrase\n"))
    r = run_cli("users", "set-password", "zed", "--db", db, "--password-stdin")
    assert r.code == 0, r.err
    store = Store(db)
    try:
        assert store.accounts.authenticate("zed", "another fine phrase") is not None
        assert store.accounts.authenticate("zed", "a fine pass phrase") is None
    finally:
        store.close()


def test_db_load_counts_in_words(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 minimal_yaml: str) -> None:
    # a scenario of one event had been "loaded: 2 parties, 1 events, 0 stances"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.yaml").write_text(minimal_yaml, encoding="utf-8")  # 2 parties, 1 event, no stance
    r = run_cli("db", "load", "one.yaml", "--db", "w.db")
    assert r.code == 0 and r.out.strip() == "loaded one: 2 parties, 1 event, 0 stances", r.out
