"""The audit trail filtered by who wrote a row, by its target and by days (UTC), in the API and on the pages:
the whole trail's page for admins (account changes and database loads included, linked from the header for
them alone) and a scenario's under its event log, each linking to the CSV of exactly the rows it filters. The
rows are written by the test, and what each filter selects is counted by hand."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, insert

from conftest import make_web_store
from test_web_api import PASSWORD, PK, _app, assert_error
from whipcount.storage import Store, schema

OTHER = "other-scn"
MARCH = {"from": "2021-03-01", "to": "2021-03-31"}  # the test's rows; the app's own are written today


def _at(day: int, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime(2021, 3, day, hour, minute, second, tzinfo=dt.UTC)


# name: (at, user, scenario, action, target, reason)
ROWS = {
    "pti": (_at(1, 9), "desk-a", PK, "stance.set", "party:pti", "whip's office"),
    "pti-opp": (_at(1, 23, 59, 59), "desk-a", PK, "stance.set", "party:pti@opposition", None),
    "pti-part": (_at(2, 0), "desk-b", PK, "stance.set", "party:pti/part", None),
    "ptix": (_at(2, 12), "desk-b", PK, "stance.set", "party:ptix", None),  # not party:pti's
    "role": (_at(3, 8), "root", None, "user.role", "user:desk-b", None),
    "add": (_at(3, 9), "root", None, "user.add", "user:desk-c", None),
    "load": (_at(4, 10), "ops", OTHER, "scenario.load", OTHER, None),
    "event": (_at(5, 11), "desk-a", PK, "event.append", "event:3", None),
    "upper": (_at(5, 12), "desk-a", PK, "stance.set", "party:PTI", None),  # another target: case counts
}


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"root": "admin", "desk-a": "editor", "vera": "viewer"}, PASSWORD)
    monkeypatch.setenv("USER", "whipcount")  # the system account the server runs as (its first run's load)
    yield s
    s.close()


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """The test's rows written into the trail (after the app's first run), each name with its row id."""
    _app(store)  # the first run loads the bundled scenario before the rows are written
    out = {}
    with store.engine.begin() as conn:
        for name, (at, user, scenario, action, target, reason) in ROWS.items():
            out[name] = conn.execute(insert(schema.audit).values(
                at=at, user=user, scenario_id=scenario, action=action, target=target, before=None,
                after={"n": name}, reason=reason)).inserted_primary_key[0]
    return out


def _client(store: Store, user: str | None = None) -> TestClient:
    c = TestClient(_app(store, public_read=True))
    if user:
        r = c.post("/api/login", json={"name": user, "password": PASSWORD})
        assert r.status_code == 200, r.text
    return c


def _ids(r: Any) -> list[int]:
    assert r.status_code == 200, r.text
    return [row["id"] for row in r.json()["audit"]]


def _newest_first(ids: dict[str, int], *names: str) -> list[int]:
    return sorted((ids[n] for n in names), reverse=True)


# -- the API -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("params", "names"), [
    ({"target": "party:pti"}, ("pti", "pti-opp", "pti-part")),  # its sides and parts, not party:ptix nor PTI
    ({"target": "party:pti/part"}, ("pti-part",)),
    ({"target": "user:desk-b"}, ("role",)),
    ({"target": OTHER}, ("load",)),
    ({"user": "desk-b"}, ("pti-part", "ptix")),
    ({"user": "root"}, ("role", "add")),
    ({"user": "desk-a", "target": "party:pti"}, ("pti", "pti-opp")),
    ({"scenario": OTHER}, ("load",)),
    ({"action": "scenario.load"}, ("load",)),
    ({"from": "2021-03-02", "to": "2021-03-02"}, ("pti-part", "ptix")),  # 23:59:59 the day before: out
    ({"from": "2021-03-01", "to": "2021-03-01"}, ("pti", "pti-opp")),
    ({"from": "2021-03-05"}, ("event", "upper")),  # and the app's rows of today (left out below)
    ({"user": "nobody"}, ()),
    ({"target": "party:nobody"}, ()),
    ({"scenario": "no-such-scenario"}, ()),
])
def test_the_whole_trail_filters_by_user_target_scenario_and_days(store: Store, ids: dict[str, int],
                                                                   params: dict[str, str], names: tuple[str, ...]
                                                                   ) -> None:
    c = _client(store, "root")
    got = _ids(c.get("/api/audit", params={**MARCH, **params}))
    if "from" in params and "to" not in params:  # without an end: through today, the app's rows too
        got = [i for i in _ids(c.get("/api/audit", params=params)) if i in ids.values()]
    assert got == _newest_first(ids, *names)


def test_a_filtered_trail_pages_with_its_cursor_and_exports_the_same_rows(store: Store, ids: dict[str, int]) -> None:
    c = _client(store, "root")
    seen, before = [], None
    for _ in range(5):
        body = c.get("/api/audit", params={"target": "party:pti", "limit": 1, **({"before": before} if before else {})}
                     ).json()
        seen += [r["id"] for r in body["audit"]]
        before = body["next_before"]
        if before is None:
            break
    assert seen == _newest_first(ids, "pti", "pti-opp", "pti-part")
    r = c.get("/api/audit", params={"user": "desk-a", "target": "party:pti", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(row["id"]) for row in rows] == _newest_first(ids, "pti", "pti-opp")
    assert rows[-1]["reason"] == "whip's office"


def test_a_filter_is_a_condition_of_the_query_not_a_sift_of_every_row(store: Store, ids: dict[str, int]) -> None:
    c = _client(store, "root")
    statements: list[tuple[str, Any]] = []

    def seen(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        assert _ids(c.get("/api/audit", params={"user": "desk-b", "from": "2021-03-02", "limit": 5})) == \
            _newest_first(ids, "pti-part", "ptix")
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    reads = [(s, p) for s, p in statements if "FROM audit" in s and "count(" not in s]
    assert len(reads) == 1, reads
    statement, parameters = reads[0]
    where = statement.replace('"', "").split("WHERE", 1)[1]
    assert "audit.user = ?" in where and "audit.at >= ?" in where and "LIMIT ?" in where
    assert "desk-b" in parameters and 5 + 1 in parameters  # one more than the page: is there a next one?


@pytest.mark.parametrize(("params", "error"), [
    ({"from": "2021-3-1"}, r"^query\.from: expected a date as YYYY-MM-DD, got '2021-3-1'$"),
    ({"to": "2021-02-30"}, r"^query\.to: no such day: February 2021 has 28 days, got '2021-02-30'$"),
    ({"from": "2021-03-05", "to": "2021-03-04"}, r"^query\.to: expected a day on or after from \(2021-03-05\)"),
    ({"user": "x" * 101}, r"^query\.user: expected at most 100 characters, got 101$"),
    ({"target": "party:pti\x00"}, r"^query\.target: control characters are not allowed \(U\+0000\)$"),
])
def test_a_malformed_filter_is_a_422_naming_the_parameter(store: Store, ids: dict[str, int], params: dict[str, str],
                                                         error: str) -> None:
    c = _client(store, "root")
    for path in ("/api/audit", f"/api/scenarios/{PK}/audit"):
        assert_error(c.get(path, params=params), 422, error)


def test_the_last_day_the_calendar_has_is_a_bound_too(store: Store, ids: dict[str, int]) -> None:
    c = _client(store, "root")
    got = _ids(c.get("/api/audit", params={"from": "2021-03-05", "to": "9999-12-31"}))
    # the test's two rows of 5 March, and the app's of today: three accounts added, the bundled scenario loaded
    assert got[:2] == _newest_first(ids, "event", "upper") and len(got) == 2 + 3 + 1


def test_a_scenario_s_trail_filters_too_and_never_shows_an_account(store: Store, ids: dict[str, int]) -> None:
    viewer = _client(store, "vera")
    path = f"/api/scenarios/{PK}/audit"
    assert _ids(viewer.get(path, params={"target": "party:pti"})) == _newest_first(ids, "pti", "pti-opp", "pti-part")
    assert _ids(viewer.get(path, params={"user": "desk-b"})) == _newest_first(ids, "pti-part", "ptix")
    assert _ids(viewer.get(path, params={"target": "user:desk-b"})) == []  # an account change is no scenario's
    assert _ids(viewer.get(path, params={"user": "root"})) == []
    assert _ids(viewer.get(path, params={**MARCH, "from": "2021-03-05"})) == _newest_first(ids, "event", "upper")


def test_a_reader_not_signed_in_filters_but_not_by_who(store: Store, ids: dict[str, int]) -> None:
    anonymous = _client(store)
    path = f"/api/scenarios/{PK}/audit"
    r = anonymous.get(path, params={"target": "party:pti", "format": "csv"})
    assert r.text.splitlines()[0] == "id,at,scenario,action,target,before,after"
    assert [int(row["id"]) for row in csv.DictReader(io.StringIO(r.text))] == \
        _newest_first(ids, "pti", "pti-opp", "pti-part")
    assert "desk-a" not in r.text and "whip's office" not in r.text
    assert_error(anonymous.get(path, params={"user": "desk-a"}), 401, r"^query\.user: sign in")
    assert anonymous.get(f"/s/{PK}/events", params={"user": "desk-a"}, follow_redirects=False).status_code == 303
    page = anonymous.get(f"/s/{PK}/events", params={"target": "party:pti"}).text
    assert 'name="user"' not in page and "desk-a" not in page and "whip's office" not in page
    assert _targets(page) == ["party:pti/part", "party:pti@opposition", "party:pti"]


# -- the pages ---------------------------------------------------------------------------------------------
def _targets(page: str) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'data-label="Target">([^<]*)<', page)]


def _link(page: str, cls: str) -> str:
    found = re.search(rf'class="{cls}" href="([^"]*)"', page) or re.search(rf'href="([^"]*)" rel="{cls}"', page)
    assert found, page
    return html.unescape(found.group(1))


def test_only_an_admin_has_the_whole_trail_s_page_and_its_link(store: Store, ids: dict[str, int]) -> None:
    admin = _client(store, "root")
    assert 'href="/audit"' in admin.get(f"/s/{PK}").text
    page = admin.get("/audit", params=MARCH).text
    assert _targets(page) == ["party:PTI", "event:3", OTHER, "user:desk-c", "user:desk-b", "party:ptix",
                              "party:pti/part", "party:pti@opposition", "party:pti"]
    for name in ("desk-a", "vera"):
        c = _client(store, name)
        assert 'href="/audit"' not in c.get(f"/s/{PK}").text
        assert c.get("/audit").status_code == 403
        assert "user:desk-b" not in c.get("/audit").text
    assert _client(store).get("/audit", follow_redirects=False).headers["location"] == "/login?next=/audit"


def test_the_page_s_csv_link_exports_exactly_the_rows_it_filters(store: Store, ids: dict[str, int]) -> None:
    admin = _client(store, "root")
    page = admin.get("/audit", params={"user": "root", "target": "", "scenario": "", "action": "", **MARCH}).text
    assert _targets(page) == ["user:desk-c", "user:desk-b"] and "2 rows match" in page
    r = admin.get(_link(page, "csv"))
    assert r.headers["content-type"].startswith("text/csv")
    assert [row["target"] for row in csv.DictReader(io.StringIO(r.text))] == ["user:desk-c", "user:desk-b"]
    events = admin.get(f"/s/{PK}/events", params={"target": "party:pti", **MARCH}).text
    assert _targets(events) == ["party:pti/part", "party:pti@opposition", "party:pti"]
    export = admin.get(_link(events, "csv")).text
    assert [int(row["id"]) for row in csv.DictReader(io.StringIO(export))] == \
        _newest_first(ids, "pti", "pti-opp", "pti-part")
    assert admin.get("/audit", params={"from": "2021-13-01"}).status_code == 422


def test_the_pages_page_back_through_the_filtered_trail(store: Store, ids: dict[str, int],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("whipcount.web.trail.SHOWN", 2)
    admin = _client(store, "root")
    first = admin.get("/audit", params={"user": "desk-a", **MARCH}).text
    assert _targets(first) == ["party:PTI", "event:3"] and "4 rows match" in first
    second = admin.get(_link(first, "next")).text
    assert _targets(second) == ["party:pti@opposition", "party:pti"]
    assert 'rel="next"' not in second and _link(second, "csv") == _link(first, "csv")
    events = admin.get(f"/s/{PK}/events", params={"target": "party:pti"}).text
    assert _targets(admin.get(_link(events, "next")).text) == ["party:pti"]
