"""The count and the dashboard with crossed members leaning yes whose yes the defection rule does not count:
they stay leaning yes by their stance, but are no source of a yes (Art. 63A's uncounted period)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import CliResult
from test_defection_leaning import NOT_COUNTED, _write
from whipcount.io.scenario import load_scenario


def _path(tmp_path: Path) -> Path:
    """A no-confidence motion: the opposition's 3 certain yes, the governing party's 2 loyal members certain no,
    its 3 who crossed to the opposition leaning yes (a yes against the party: not counted)."""
    return _write(tmp_path, kind="no-confidence", basis="votes-cast", when=NOT_COUNTED, loyal=2, opp=3,
                  crossed="lean-yes", certain=True)


def test_the_count_says_their_yes_is_not_counted(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("count", str(_path(tmp_path)))
    assert r.code == 0, r.err
    assert "leaning yes 3 (3 of them crossed the floor: a yes of theirs is not counted)" in " ".join(r.out.split())


def test_the_dashboard_leaves_them_out_of_yes_and_leaning(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from whipcount.storage import Store
    from whipcount.web.app import create_app

    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        store.save_scenario(load_scenario(_path(tmp_path)))
        app = create_app(store.url, store=store, secret="test-secret-" + "x" * 40, public_read=True, fail_delay=0.0)
        board = TestClient(app).get(f"/api/scenarios/small-crossing/dashboard?on={NOT_COUNTED[1]}").json()
        assert (board["yes"], board["tally"]["lean-yes"], board["yes_and_leaning"]) == (3, 3, 3)
    finally:
        store.close()
