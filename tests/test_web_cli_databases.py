"""`whipcount db` and `whipcount users` against databases they cannot use: an in-memory one (what they store
would be gone), one written by a newer whipcount, one that belongs to something else."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from whipcount.storage import Store

PK = "pk-na-2022"
PASSWORD = "a long enough password\n"


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", "sqlite:///:memory:?cache=shared"])
def test_commands_that_store_refuse_an_in_memory_database(run_cli, url: str, monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`db load` said 'loaded' and `users add` 'added' into a database gone when they ended ('sqlite:///'
    was a TypeError traceback)."""
    monkeypatch.chdir(tmp_path)
    for args in (["db", "load", PK], ["db", "dump", "-o", "-"], ["users", "list"]):
        r = run_cli(*args, "--db", url)
        assert r.code == 1, r.out
        line = _one_line(r.err)
        assert f"--db {url}: an in-memory database keeps nothing" in line and "sqlite:///FILE" in line
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    r = run_cli("users", "add", "alice", "--role", "admin", "--password-stdin", "--db", url)
    assert r.code == 1 and "in-memory" in _one_line(r.err)
    assert list(tmp_path.iterdir()) == []


def test_the_library_opens_an_in_memory_database_however_it_is_written() -> None:
    for url in ("sqlite:///", "sqlite:///:memory:?cache=shared"):
        store = Store(url)
        assert store.scenarios() == []
        store.close()
