"""Every account change and every load from the command line can say why (``--reason``), kept in its row of the
audit trail beside who made it, when, and from what to what, as a stance's note and an event's reason are: the
desk reading the trail learns why alice lost her editor's rights, where the row said nothing."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from whipcount.cli.main import main
from whipcount.storage import Store

PASSWORD = "a long enough password\n"


def _rows(db: str) -> dict[str, tuple[str | None, object, object]]:
    store = Store(db)
    try:
        return {r.action: (r.reason, r.before, r.after) for r in store.audit(None, limit=50)}
    finally:
        store.close()


def test_each_account_change_and_a_load_keep_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert main(["users", "add", "alice", "--role", "editor", "--password-stdin", "--db", db,
                 "--reason", "joins the night desk"]) == 0
    assert main(["users", "set-role", "alice", "viewer", "--db", db, "--reason", "moved to the web team"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("another long pass phrase\n"))
    assert main(["users", "set-password", "alice", "--password-stdin", "--db", db,
                 "--reason", "her laptop was stolen"]) == 0
    assert main(["users", "remove", "alice", "--db", db, "--reason", "  left the paper\r\n"]) == 0
    assert main(["db", "load", "pk-na-2022", "--db", db, "--reason", "the evening's file"]) == 0
    rows = _rows(db)
    assert rows["user.add"] == ("joins the night desk", None, {"role": "editor"})
    assert rows["user.role"] == ("moved to the web team", {"role": "editor"}, {"role": "viewer"})
    assert rows["user.password"][0] == "her laptop was stolen"
    assert rows["user.remove"] == ("left the paper", {"role": "viewer"}, None)  # read as a note is: stripped
    assert rows["scenario.load"][0] == "whipcount db load pk-na-2022: the evening's file"
    capsys.readouterr()


@pytest.mark.parametrize(("reason", "words"), [
    ("said so\x07", "control characters are not allowed (U+0007 at character 8)"),
    ("x" * 2001, "expected at most 2,000 characters, got 2,001"),
    ("he says \u202eon", "right-to-left override (U+202E)"),
])
def test_a_reason_that_is_no_text_of_a_note_is_refused_with_nothing_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], reason: str,
        words: str) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert main(["users", "add", "alice", "--role", "editor", "--password-stdin", "--db", db]) == 0
    capsys.readouterr()
    assert main(["users", "set-role", "alice", "viewer", "--db", db, "--reason", reason]) != 0
    err = capsys.readouterr().err
    assert "--reason" in err and words in " ".join(err.split()) and "Traceback" not in err
    assert "user.role" not in _rows(db)


def test_setting_the_role_an_account_has_changes_nothing_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD))
    assert main(["users", "add", "alice", "--role", "editor", "--password-stdin", "--db", db]) == 0
    capsys.readouterr()
    assert main(["users", "set-role", "alice", "editor", "--db", db, "--reason", "checking"]) == 0
    assert "alice is editor already; nothing was changed" in capsys.readouterr().out
    assert "user.role" not in _rows(db)  # no row of a change from editor to editor

