"""Who ran a command is in the audit trail even where ``USER`` is not set (a service, a container, cron): the
system's name for the account, as `db load` and every `users` command record it; a name longer than the
audit's user column is cut to its width."""

from __future__ import annotations

import pwd
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from whipcount.storage import Store, passwords
from whipcount.storage.schema import NAME_MAX


def _audit_users(url: str) -> dict[str, str | None]:
    store = Store(url)
    try:
        return {row.action: row.user for row in store.audit(limit=100)}
    finally:
        store.close()


def _run_every_command(run_cli: Any, url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    assert run_cli("db", "load", "pk-na-2022", "--db", url).code == 0
    for args in (["add", "ann", "--role", "viewer"], ["set-role", "ann", "editor"], ["set-password", "ann"],
                 ["remove", "ann"]):
        monkeypatch.setattr(sys, "stdin", io.StringIO("a long enough password\n"))
        stdin = ["--password-stdin"] if args[0] in ("add", "set-password") else []
        result = run_cli("users", *args, *stdin, "--db", url)
        assert result.code == 0, result.err


def test_without_user_the_system_account_name_is_recorded(tmp_path: Path, run_cli: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("USER", "LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _run_every_command(run_cli, url, monkeypatch)
    import os

    me = pwd.getpwuid(os.getuid()).pw_name
    assert _audit_users(url) == {action: me for action in
                                 ("scenario.load", "user.add", "user.role", "user.password", "user.remove")}


def test_a_long_user_is_cut_to_the_column(tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "u" * 300)
    url = f"sqlite:///{tmp_path / 'b.db'}"
    _run_every_command(run_cli, url, monkeypatch)
    assert set(_audit_users(url).values()) == {"u" * NAME_MAX}
