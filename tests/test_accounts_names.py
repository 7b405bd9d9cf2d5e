"""Accounts a newsroom can tell apart: no two names that differ only in case (one would sign in as the
other by a slip of the shift key), and messages that say what was wrong by how much, and who holds a lock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from whipcount.errors import ConflictError, InputError
from whipcount.storage import Store
from whipcount.storage.engine import BUSY_WAIT, reason

GOOD = "a long enough password"


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = Store(f"sqlite:///{tmp_path / 'u.db'}")
    yield s
    s.close()


@pytest.mark.parametrize("second", ["Bob", "BOB", "bOb"])
def test_a_name_that_differs_only_in_case_is_refused(store: Store, second: str) -> None:
    store.accounts.add("bob", "editor", GOOD)
    with pytest.raises(ConflictError, match=f"user '{second}': 'bob' already exists, and names may not differ only"):
        store.accounts.add(second, "viewer", GOOD)
    assert [u.name for u in store.accounts.all()] == ["bob"]
    with pytest.raises(ConflictError, match="user 'bob' already exists$"):
        store.accounts.add("bob", "viewer", GOOD)
    store.accounts.add("bobby", "viewer", GOOD)  # a longer name is another name


def test_the_command_line_says_so_in_one_line(run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    db = f"sqlite:///{tmp_path / 'u.db'}"
    for name, code in (("ann", 0), ("Ann", 1)):
        monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD + "\n"))
        r = run_cli("users", "add", name, "--role", "editor", "--password-stdin", "--db", db)
        assert r.code == code, r.err
    assert "'Ann': 'ann' already exists, and names may not differ only in case" in " ".join(r.err.split())


def test_a_password_too_long_says_how_long(store: Store) -> None:
    with pytest.raises(InputError, match="password: expected at most 1,000 characters, got 1,001"):
        store.accounts.add("carol", "editor", "x" + "yz" * 500)


def test_a_locked_database_says_who_holds_it() -> None:
    locked = OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
    assert reason(locked) == (f"database is locked (another process has been writing to it for {BUSY_WAIT} s, "
                              "or holds a transaction open: try again once it is done)")
    other = OperationalError("SELECT", {}, Exception("no such table: x"))
    assert reason(other) == "no such table: x"
