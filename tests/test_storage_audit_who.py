"""Every row of the audit trail names who wrote it: a write through the library that names no user (a script's
``store.save_scenario(scenario)``, an account added with no ``by``) is recorded under the system account running
it, as a command's writes are; a write that names its user keeps that name."""

from __future__ import annotations

from pathlib import Path

import pytest
from argon2 import PasswordHasher

from whipcount.io.scenario import load_scenario
from whipcount.storage import Store, passwords


def test_a_write_with_no_user_is_the_system_accounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    monkeypatch.setenv("USER", "night-desk")
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        store.save_scenario(load_scenario("pk-na-2022"))
        store.add_user("ann", "editor", "a long enough password")
        store.set_stance("pk-na-2022", "party:ppp", stance="no", version=0, user=None)
        store.set_stance("pk-na-2022", "party:ppp", stance="lean-no", version=1, user="ann")
        rows = [(r.action, r.user) for r in store.audit(limit=10)]
    finally:
        store.close()
    assert sorted(rows) == [("scenario.load", "night-desk"), ("stance.set", "ann"), ("stance.set", "night-desk"),
                            ("user.add", "night-desk")]
