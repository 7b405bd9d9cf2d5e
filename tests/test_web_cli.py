"""`whipcount users add`, `whipcount db load|dump`: accounts and scenarios in and out of the database."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from whipcount.cli.main import main
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

PK = "pk-na-2022"


def test_users_add_reads_the_password_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    assert main(["users", "add", "alice", "--role", "editor", "--password-stdin", "--db", db]) == 0
    assert "added alice (editor)" in capsys.readouterr().out
    store = Store(db)
    assert store.authenticate("alice", "a long enough password") is not None
    assert store.authenticate("alice", "a long enough password\n") is None


def test_users_add_refuses_a_bad_role_or_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    assert main(["users", "add", "bob", "--role", "boss", "--db", db]) == 1
    assert "boss" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["users", "add", "bob", "--role", "viewer", "--password-stdin", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "at least 8" in err and "Traceback" not in err
    assert Store(db).user("bob") is None


def test_db_load_then_dump_gives_back_the_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["db", "load", PK, "--db", db]) == 0
    store = Store(db)
    store.set_stance(PK, "party:mqm-p", stance="lean-no", version=0, user="ed",
                     source="https://example.org/a", note="wavering")
    out = tmp_path / "dump.yaml"
    assert main(["db", "dump", PK, "--db", db, "-o", str(out)]) == 0
    back, original = load_scenario(out), load_scenario(PK)
    assert (back.chamber, back.parties, back.motions) == (original.chamber, original.parties, original.motions)
    assert [e.summary for e in back.events] == [e.summary for e in original.events]
    assert len(back.stances) == len(original.stances) + 1
    assert (back.stances[-1].party, back.stances[-1].stance, back.stances[-1].note) == ("mqm-p", "lean-no", "wavering")
    # and the dump loads into another database
    assert main(["db", "load", str(out), "--db", f"sqlite:///{tmp_path / 'other.db'}"]) == 0


def test_db_load_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert main(["db", "load", "no-such-scenario", "--db", db]) == 1
    assert main(["db", "load", PK, "--db", db]) == 0
    capsys.readouterr()
    assert main(["db", "load", PK, "--db", db]) == 1
    err = capsys.readouterr().err
    assert "already in the database" in err and len(err.strip().splitlines()) <= 2
    assert main(["db", "load", PK, "--db", db, "--replace"]) == 0
    assert main(["db", "dump", "nope", "--db", db, "-o", str(tmp_path / "x.yaml")]) == 1
    assert not (tmp_path / "x.yaml").exists()
