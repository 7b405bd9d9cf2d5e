"""`whipcount users` given bytes that are not UTF-8, as a shell passes them: a password on standard input, a
user name on the command line (Python keeps such a byte as a lone surrogate, which no database or hash takes)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from whipcount.storage import Store

GOOD = "a long enough password"


def _stdin(data: bytes) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="surrogateescape")


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'u.db'}"
    Store(url).add_user("bob", "editor", GOOD)
    return url


@pytest.mark.parametrize("command", [["users", "add", "carol", "--role", "viewer"], ["users", "set-password", "bob"]])
def test_a_password_that_is_not_utf8_is_refused_with_where(run_cli, db: str, command: list[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """It was argon2's UnicodeEncodeError traceback."""
    monkeypatch.setattr(sys, "stdin", _stdin(b"abc\xff\xfedefghij\n"))
    r = run_cli(*command, "--db", db)
    assert r.code == 1, r.out
    assert _one_line(r.err) == ("error: password: expected UTF-8 text, got a character that is not (U+DCFF at "
                                "character 4: a byte that is not UTF-8?)")
    store = Store(db)
    assert [u.name for u in store.accounts.all()] == ["bob"]
    assert store.authenticate("bob", GOOD) is not None  # the old password still holds


@pytest.mark.parametrize("command", [["set-role", "b\udcff", "admin"], ["remove", "b\udcff"],
                                     ["set-password", "b\udcff"]])
def test_a_user_name_that_is_not_utf8_is_no_user(run_cli, db: str, command: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The name reached the database, whose driver raised UnicodeEncodeError (a traceback)."""
    monkeypatch.setattr(sys, "stdin", _stdin(b"a new pass phrase\n"))
    r = run_cli("users", *command, "--db", db)
    assert r.code == 1, r.out
    assert _one_line(r.err) == r"error: no user 'b\udcff' in the database"
    assert Store(db).user("bob") is not None


def test_signing_in_with_a_lone_surrogate_is_a_failed_sign_in(db: str) -> None:
    store = Store(db)
    assert store.authenticate("b\udcff", GOOD) is None
    assert store.authenticate("bob", "abc\udcffdefghij") is None
    assert store.accounts.get("b\udcff") is None
