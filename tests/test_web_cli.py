"""`whipcount users add`, `whipcount db load|dump`: accounts and scenarios in and out of the database."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from strategies_interchange import without_origins
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
    assert (back.chamber, back.parties) == (original.chamber, original.parties)
    assert without_origins(back).motions == without_origins(original).motions  # a further motion's stances too
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


def _signed_in(db: str, user: str) -> tuple[Any, Any]:
    from fastapi.testclient import TestClient

    from whipcount.web.app import create_app

    store = Store(db)
    app = create_app(db, store=store, secret="cli-test-" + "x" * 40)
    c = TestClient(app)
    r = c.post("/api/login", json={"name": user, "password": "a long enough password"})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c, store


def _add(db: str, name: str, role: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
    assert main(["users", "add", name, "--role", role, "--password-stdin", "--db", db]) == 0


def test_users_list_remove_and_set_role(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    assert main(["db", "load", PK, "--db", db]) == 0
    _add(db, "alice", "editor", monkeypatch)
    _add(db, "vera", "viewer", monkeypatch)
    alice, _ = _signed_in(db, "alice")
    vera, _ = _signed_in(db, "vera")
    capsys.readouterr()
    assert main(["users", "list", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["alice", "editor"], ["vera", "viewer"]]
    assert all(line.endswith("1 session(s)") for line in lines)

    body = {"subject": "party:gda", "stance": "yes", "version": 0}
    assert main(["users", "set-role", "alice", "viewer", "--db", db]) == 0
    # the saved session loses editor rights on its very next request
    assert alice.post(f"/api/scenarios/{PK}/stances", json=body).status_code == 403
    assert main(["users", "set-role", "alice", "editor", "--db", db]) == 0
    assert alice.post(f"/api/scenarios/{PK}/stances", json=body).status_code == 200

    assert vera.get(f"/api/scenarios/{PK}/dashboard").status_code == 200
    assert main(["users", "remove", "vera", "--db", db]) == 0
    assert vera.get(f"/api/scenarios/{PK}/dashboard").status_code == 401
    assert Store(db).user("vera") is None
    capsys.readouterr()
    assert main(["users", "remove", "vera", "--db", db]) == 1
    assert main(["users", "set-role", "alice", "boss", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "no user 'vera'" in err and "boss" in err and "Traceback" not in err


def test_users_set_password_reads_stdin_and_ends_sessions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    assert main(["db", "load", PK, "--db", db]) == 0
    _add(db, "alice", "editor", monkeypatch)
    c, store = _signed_in(db, "alice")
    monkeypatch.setattr(sys, "stdin", io.StringIO("password\n"))
    assert main(["users", "set-password", "alice", "--db", db]) == 1
    assert "too easy to guess" in capsys.readouterr().err
    assert c.get(f"/api/scenarios/{PK}/dashboard").status_code == 200  # a refused change ends nothing
    monkeypatch.setattr(sys, "stdin", io.StringIO("  a new pass phrase  \n"))
    assert main(["users", "set-password", "alice", "--db", db]) == 0
    assert c.get(f"/api/scenarios/{PK}/dashboard").status_code == 401
    assert store.authenticate("alice", "  a new pass phrase  ") is not None  # taken as typed
    assert store.authenticate("alice", "a long enough password") is None


@pytest.mark.parametrize("args", [("db", "dump", "-o", "d.yaml"), ("users", "list"), ("users", "remove", "bob"),
                                  ("users", "set-role", "bob", "admin")])
@pytest.mark.parametrize("url", ["sqlite:///e.db", "e.db"])
def test_a_command_with_nothing_to_store_does_not_create_the_database(
        args: tuple[str, ...], url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([*args, "--db", url]) == 1
    err = capsys.readouterr().err
    assert err == f"error: --db {url}: no database at e.db (`whipcount db load SCENARIO` or `whipcount users " \
                  "add` creates one)\n"
    assert os.listdir(tmp_path) == []


def test_db_dump_of_an_empty_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    Store("sqlite:///e.db").close()  # a database with no scenario in it
    assert main(["db", "dump", "--db", "sqlite:///e.db", "-o", "d.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.endswith("error: db dump: the database sqlite:///e.db holds no scenario (`whipcount db load "
                        "SCENARIO` stores one)\n")
    assert not (tmp_path / "d.yaml").exists()
