"""The first run's scenario: the web app loads the bundled case into an **empty** database only. A
database that holds any scenario (even another one) is left as it is, and no seed means none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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
