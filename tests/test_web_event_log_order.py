"""The web app's event log (the page and the API) lists the events in the order the count applies them, by
date and, within a day, as entered, and describes them by the names a reader knows the parties by.

An event appended later with an earlier date (history corrected, ``confirm: true``) had been listed last,
after events it precedes, while every count applied it in its place; and an event without a summary read
"aml to the opposition" (the party's id) where the report and the chart say "AML". The truth here is the
scenario file read as plain YAML: its events sorted by date (file order within a day), the appended one after
the file's events of its own day; and the party's short name as the file gives it.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

import yaml
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, _app, store  # noqa: F401  (the store fixture)
from whipcount.storage import Store

PK = "pk-na-2022"


def _file() -> dict[str, Any]:
    text = resources.files("whipcount.data.scenarios").joinpath(f"{PK}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _signed_in(app: Any) -> TestClient:
    c = TestClient(app)
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def test_an_event_appended_with_an_earlier_date_is_listed_where_it_applies(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = _signed_in(app)
    r = c.post(f"/api/scenarios/{PK}/events", json={"date": "2022-03-29", "confirm": True, "kind": "switch-side",
                                                    "party": "aml", "to": "opposition", "reason": "late report"})
    assert r.status_code == 201, r.text
    data = _file()
    file_events = [(str(e["date"]), e["kind"]) for e in data["events"]]
    expected = sorted([*file_events, ("2022-03-29", "switch-side")], key=lambda de: de[0])  # stable: file order
    listed = c.get(f"/api/scenarios/{PK}/events").json()["events"]
    assert [(e["date"], e["kind"]) for e in listed] == expected
    # the appended event comes after the file's events of 29 March and before those of 30 March
    appended = next(i for i, e in enumerate(listed) if e["seq"] == len(file_events) + 1)
    assert [e["date"] for e in listed[appended - 1:appended + 2]] == ["2022-03-29", "2022-03-29", "2022-03-30"]
    page = c.get(f"/s/{PK}/events").text
    dates = re.findall(r'<td class="date" data-label="Date">(\d{4}-\d\d-\d\d)</td>', page)
    assert dates == [d for d, _ in expected]


def test_an_event_without_a_summary_is_described_by_the_party_s_name(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = _signed_in(app)
    r = c.post(f"/api/scenarios/{PK}/events", json={"date": "2022-04-01", "confirm": True, "kind": "switch-side",
                                                    "party": "aml", "to": "opposition", "reason": "test"})
    assert r.status_code == 201, r.text
    short = next(p["short"] for p in _file()["parties"] if p["id"] == "aml")
    listed = c.get(f"/api/scenarios/{PK}/events").json()["events"]
    appended = max(listed, key=lambda e: e["seq"])
    assert appended["description"] == f"{short} to the opposition"
    assert f"{short} to the opposition" in c.get(f"/s/{PK}/events").text
