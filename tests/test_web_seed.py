"""The first run's scenario: the web app loads the bundled case into an **empty** database only. A
database that holds any scenario (even another one) is left as it is, and no seed means none."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import pwd
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from whipcount.cli.new import template
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store
from whipcount.web.app import DEFAULT_SCENARIO, create_app

SECRET = "seed-" + "x" * 40


def _ids(store: Store) -> list[str]:
    return [s.id for s in store.scenarios()]


def test_an_empty_database_gets_the_bundled_case_once(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'a.db'}")
    try:
        create_app(store=store, secret=SECRET, public_read=True)
        assert _ids(store) == [DEFAULT_SCENARIO]
        revision = store.scenarios()[0].revision
        create_app(store=store, secret=SECRET, public_read=True)  # a restart: nothing loaded again
        assert _ids(store) == [DEFAULT_SCENARIO] and store.scenarios()[0].revision == revision
    finally:
        store.close()


def test_a_database_with_another_scenario_is_left_alone(tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    own.write_text(template("gb-hc", str(own), dt.date(2026, 1, 1)), encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'b.db'}")
    try:
        store.save_scenario(load_scenario(own), user=None, reason="a newsroom's own case")
        create_app(store=store, secret=SECRET, public_read=True)
        assert _ids(store) == ["my-case"]
    finally:
        store.close()


def test_no_seed_leaves_an_empty_database_empty(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        app = create_app(store=store, secret=SECRET, public_read=True, seed_scenario=None)
        assert _ids(store) == []
        assert TestClient(app).get("/api/scenarios").json() == {"ok": True, "scenarios": []}
    finally:
        store.close()


def _seed_rows(tmp_path: Path, name: str) -> list[tuple[str, str | None]]:
    store = Store(f"sqlite:///{tmp_path / name}")
    try:
        create_app(store=store, secret=SECRET, public_read=True)
        return [(row.action, row.user) for row in store.audit(limit=10)]
    finally:
        store.close()


def test_the_first_runs_scenario_is_recorded_under_the_system_account(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "newsdesk")
    assert _seed_rows(tmp_path, "d.db") == [("scenario.load", "newsdesk")]
    monkeypatch.delenv("USER")
    for name in ("LOGNAME", "LNAME", "USERNAME"):
        monkeypatch.delenv(name, raising=False)
    assert _seed_rows(tmp_path, "e.db") == [("scenario.load", pwd.getpwuid(os.getuid()).pw_name)]


def test_an_account_with_no_name_is_recorded_by_its_user_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def nameless() -> str:
        raise KeyError("getpwuid(): uid not found: 4242")

    monkeypatch.delenv("USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", nameless)
    assert _seed_rows(tmp_path, "f.db") == [("scenario.load", f"uid {os.getuid()}")]
