"""Through the API: an event that would break the recorded whip count is refused and the dashboard keeps
counting; a board whose count cannot be built (rows written another way) shows no P(pass), never an older
revision's as if it were current."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_api import PK, _app, assert_error, client, set_stance, store  # noqa: F401
from whipcount.storage import Store

RESIGN_80 = {"date": "2022-04-09", "kind": "resign", "party": "pml-n", "seats": 80, "confirm": True}


def test_an_event_that_breaks_a_recorded_stance_is_refused_and_the_count_goes_on(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert set_stance(c, "party:pml-n/part", "lean-no", 0, seats=10).status_code == 200
    before = c.get(f"/api/scenarios/{PK}/dashboard").json()
    body = assert_error(c.post(f"/api/scenarios/{PK}/events", json=RESIGN_80), 400,
                        r"party:pml-n/part: stance for 10 seats.*holds only 4")
    assert "nothing was written" in body["error"]
    assert len(c.get(f"/api/scenarios/{PK}/events").json()["events"]) == len(store.events(PK))
    after = c.get(f"/api/scenarios/{PK}/dashboard").json()
    assert after["yes"] == before["yes"] > 0 and after["magic_number"] == 172 and not after["problems"]
    assert set_stance(c, "party:ppp", "no", 0).status_code == 200  # other writes still go through


def test_a_board_that_cannot_be_counted_shows_no_older_p_pass(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    app = _app(store)
    c = client(app, "alice")
    assert set_stance(c, "party:pml-n/part", "lean-no", 0, seats=10).status_code == 200
    app.state.wc.settle(10)
    assert c.get(f"/api/scenarios/{PK}/dashboard").json()["p_pass"] is not None
    # as if written by another version of whipcount, without the check
    monkeypatch.setattr(store, "_check_fits", lambda *a, **kw: None, raising=False)
    assert c.post(f"/api/scenarios/{PK}/events", json=RESIGN_80).status_code == 201
    app.state.wc.settle(10)
    d: dict[str, Any] = c.get(f"/api/scenarios/{PK}/dashboard").json()
    assert d["problems"] and "holds only 4" in d["problems"][0]
    assert d["p_pass"] is None and d["p_pass_pending"] is False
    assert d["p_pass_revision"] in (None, d["revision"])
