"""The audit trail's CSV export (``?format=csv``) is whole or an error: a failure partway through the rows is
the API's JSON error with its status, never a 200 with a file cut short; a long trail comes out complete,
row for row the database's, and byte for byte what the export gave when it streamed its pages."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from conftest import make_web_store
from test_web_api import PASSWORD
from whipcount.errors import StorageError
from whipcount.storage import Store, schema
from whipcount.web import audit
from whipcount.web.app import create_app

PK = "pk-na-2022"
ROWS = 2_345  # written by the test, besides the app's own (accounts added, the scenario loaded)
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet runs as a formula (docs/web.md: an apostrophe first)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"desk": "editor"}, PASSWORD)
    yield s
    s.close()


@pytest.fixture
def desk(store: Store) -> TestClient:
    app = create_app(store.url, store=store, secret="audit-export-" + "x" * 40, fail_delay=0.0)
    c = TestClient(app, raise_server_exceptions=False)  # as a browser sees it: the error answer, not the exception
    r = c.post("/api/login", json={"name": "desk", "password": PASSWORD})
    assert r.status_code == 200, r.text
    c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def _fill(store: Store) -> None:
    """A long trail of awkward text: commas, quotes, line breaks, formula starts, other scripts, JSON."""
    texts = ["plain", "a, b", 'say "no"', "two\nlines", "=SUM(A1:A9)", "+92 300", "-1", "@here", "اردو", ""]
    start = dt.datetime(2022, 3, 8, 9, 0, tzinfo=dt.UTC)
    rows = [{"at": start + dt.timedelta(minutes=7 * i), "user": ["desk", "rita", None][i % 3],
             "scenario_id": [PK, None][i % 4 == 3], "action": ["stance.set", "event.add", "user.role"][i % 3],
             "target": f"party:{texts[i % len(texts)]}" if i % 5 else None,
             "before": {"stance": "no", "note": texts[i % len(texts)], "n": i} if i % 2 else None,
             "after": {"stance": "yes", "seats": [i, i + 1], "note": texts[(i + 3) % len(texts)]},
             "reason": texts[(i * 7) % len(texts)] or None} for i in range(ROWS)]
    with store.engine.begin() as conn:
        conn.execute(insert(schema.audit), rows)


def _database(store: Store) -> list[tuple[Any, ...]]:
    """The audit table read with sqlite3, not through the store: newest first."""
    path = store.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as db:
        return db.execute('SELECT id, at, "user", scenario_id, action, target, "before", "after", reason '
                          "FROM audit ORDER BY id DESC").fetchall()


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA) else value


def _streamed_as_before(store: Store, scenario_id: str | None) -> bytes:
    """What the export sent before it was written whole first: its pages, streamed one after the other."""
    from whipcount.io.csv_cells import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(audit.CSV_COLUMNS)
    before = None
    while True:
        rows = store.audit(scenario_id, limit=1000, before=before)
        for a in rows:
            d = a.as_dict()
            writer.writerow([safe_cell(v if k not in ("before", "after") or v is None
                                        else json.dumps(v, ensure_ascii=False, sort_keys=True))
                             for k, v in ((c, d[c]) for c in audit.CSV_COLUMNS)])
        if len(rows) < 1000:
            return out.getvalue().encode("utf-8")
        before = rows[-1].id


@pytest.mark.parametrize("spool", [audit.SPOOL, 4_096])  # in memory; spilled to a temporary file
def test_a_long_trail_is_exported_whole_and_row_for_row_the_database_s(store: Store, desk: TestClient,
                                                                        monkeypatch: pytest.MonkeyPatch,
                                                                        spool: int) -> None:
    _fill(store)
    monkeypatch.setattr(audit, "SPOOL", spool)
    r = desk.get("/api/audit", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="audit.csv"'
    assert int(r.headers["content-length"]) == len(r.content)
    assert (len(r.content) > spool) == (spool == 4_096)  # 400 KB: in memory, or past the small spool
    assert r.content == _streamed_as_before(store, None)
    got = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"), newline="")))
    expected = _database(store)
    assert len(got) == len(expected) > ROWS
    for row, (rid, at, user, scenario, action, target, before, after, reason) in zip(got, expected, strict=True):
        assert int(row["id"]) == rid
        assert dt.datetime.fromisoformat(row["at"]).replace(tzinfo=None) == dt.datetime.fromisoformat(at)
        assert (row["user"], row["scenario"], row["action"], row["target"], row["reason"]) == (
            _cell(user), _cell(scenario), _cell(action), _cell(target), _cell(reason))
        for name, stored in (("before", before), ("after", after)):
            assert (json.loads(row[name]) if row[name] else None) == (json.loads(stored) if stored else None)


def test_a_scenario_s_export_holds_its_rows_only(store: Store, desk: TestClient) -> None:
    _fill(store)
    r = desk.get(f"/api/scenarios/{PK}/audit", params={"format": "csv"})
    got = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"), newline="")))
    ids = [row[0] for row in _database(store) if row[3] == PK]
    assert [int(x["id"]) for x in got] == ids and len(ids) > ROWS // 2
    assert r.content == _streamed_as_before(store, PK)


class _Files:
    """Every temporary file the export opens, to see that each is closed."""

    def __init__(self) -> None:
        self.opened: list[Any] = []
        self.real = tempfile.SpooledTemporaryFile

    def __call__(self, *args: Any, **kw: Any) -> Any:
        f = self.real(*args, **kw)
        self.opened.append(f)
        return f


@pytest.mark.parametrize(("fault", "status", "error"), [
    (RuntimeError("the disk is gone"), 500, "internal error (RuntimeError); nothing was written"),
    (StorageError("sqlite:///web.db: the database refused a read: disk I/O error",
                  public="the database refused a read: the database could not do it (the server's log says more)"),
     503, "the database refused a read: the database could not do it (the server's log says more)"),
])
@pytest.mark.parametrize("after", [0, 1, 1_500])
def test_a_failure_partway_is_an_error_answer_and_no_csv(store: Store, desk: TestClient,
                                                         monkeypatch: pytest.MonkeyPatch, fault: Exception,
                                                         status: int, error: str, after: int) -> None:
    _fill(store)
    real = audit._rows

    def failing(*args: Any) -> Iterator[Any]:
        for n, row in enumerate(real(*args)):
            if n == after:
                raise fault
            yield row

    files = _Files()
    monkeypatch.setattr(audit, "_rows", failing)
    monkeypatch.setattr(audit.tempfile, "SpooledTemporaryFile", files)
    monkeypatch.setattr(audit, "SPOOL", 4_096)  # past 1,500 rows the file is on disk
    r = desk.get("/api/audit", params={"format": "csv"})
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    assert r.json() == {"ok": False, "error": error, "errors": [error], "status": status}
    assert b"id,at,user" not in r.content
    assert len(files.opened) == 1 and files.opened[0].closed
    assert desk.get("/api/audit", params={"format": "csv"}).status_code == status  # and again, the same


def test_the_export_s_temporary_file_is_closed_once_sent(store: Store, desk: TestClient,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(store)
    files = _Files()
    monkeypatch.setattr(audit.tempfile, "SpooledTemporaryFile", files)
    monkeypatch.setattr(audit, "SPOOL", 4_096)
    r = desk.get("/api/audit", params={"format": "csv"})
    assert r.status_code == 200 and len(r.content) > 4_096
    assert len(files.opened) == 1 and files.opened[0]._rolled  # written to disk, being past the spool's size
    assert files.opened[0].closed
