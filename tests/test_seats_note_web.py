"""The dashboard, its compare page and the JSON API say where a stored scenario's chamber is not the size its
rules profile fixes on the day, as the command line does: a toy Assembly of 101 seats under Pakistan's profile,
whose National Assembly had 342 seats in 2022 (Art. 51), against the same Assembly of 342."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import make_web_store
from whipcount.io.scenario import load_scenario
from whipcount.web.app import create_app

SAID = ("the scenario's chamber has 101 seats where the rules profile 'pk-na' fixes 342 on 2022-04-09: the "
        "scenario's are counted")


def _case(seats: int) -> str:
    government = seats // 2 + 5
    return f"""\
id: toy-{seats}
title: A toy Assembly under Pakistan's rules
chamber: {{name: Toy Assembly, rules: pk-na, seats: {seats}, as_of: 2022-03-01}}
parties:
  - {{id: red, name: Red Party, seats: {government}, side: government}}
  - {{id: blue, name: Blue Party, seats: {seats - government}, side: opposition}}
motion: {{kind: no-confidence, filed: 2022-03-08, vote: 2022-04-09}}
"""


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    store = make_web_store(tmp_path, monkeypatch, {})
    for seats in (101, 342):
        path = tmp_path / f"toy-{seats}.yaml"
        path.write_text(_case(seats), encoding="utf-8")
        store.save_scenario(load_scenario(str(path)))
    app = create_app(store.url, store=store, secret="seats-note-" + "x" * 40, fail_delay=0.0, public_read=True,
                     seed_scenario=None)
    yield TestClient(app)
    store.close()


def _page(c: TestClient, path: str, **params: Any) -> str:
    r = c.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.text.replace("&#39;", "'").replace("&#x27;", "'")


def test_the_dashboard_and_its_api_say_so(client: TestClient) -> None:
    board = client.get("/api/scenarios/toy-101/dashboard").json()
    # a majority of the scenario's 101 seats, not of the profile's 342
    assert board["needed"]["count"] == 51 and board["notes"] == [SAID]
    assert board["needed"]["explanation"].endswith(f"({SAID})")
    assert SAID in _page(client, "/s/toy-101")
    same = client.get("/api/scenarios/toy-342/dashboard").json()
    assert same["needed"]["count"] == 172 and same["notes"] == []
    assert "where the rules profile" not in _page(client, "/s/toy-342")


def test_compare_says_so_for_the_side_at_odds(client: TestClient) -> None:
    both = {"a": "toy-101", "b": "toy-342"}
    data = client.get("/api/compare", params=both).json()
    assert (data["a"]["notes"], data["b"]["notes"]) == ([SAID], [])
    page = _page(client, "/compare", **both)
    assert f"A: {SAID}" in page and "B: the scenario" not in page
