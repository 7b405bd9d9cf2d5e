"""The audit trail's CSV for Excel: ``bom=1`` starts the file with a UTF-8 byte-order mark (EF BB BF), as the command
line's ``--bom`` does, so that Excel opening it with a double-click reads a note in Urdu as written; the rest of
the file is byte for byte the CSV without it. The pages link to both. ``bom`` without ``format=csv`` is refused."""

from __future__ import annotations

import csv
import html
import io
import re
from typing import Any

import pytest

from test_web_api import PK, _app, assert_error, client, login_form, store  # noqa: F401
from whipcount.storage import Store

URDU = "\u0627\u062a\u062d\u0627\u062f\u06cc \u0686\u06be\u0648\u0691 \u06af\u0626\u06d2"  # 'the allies left'
EF_BB_BF = b"\xef\xbb\xbf"


@pytest.fixture
def app(store: Store) -> Any:  # noqa: F811
    web = _app(store)  # loads the scenario
    store.set_stance(PK, "party:mqm-p", stance="no", version=0, user="alice", note=URDU)
    return web


@pytest.mark.parametrize("path", [f"/api/scenarios/{PK}/audit", "/api/audit"])
def test_bom_starts_the_csv_with_a_byte_order_mark_and_changes_nothing_else(app: Any, path: str) -> None:
    c = client(app, "alice")
    plain = c.get(path, params={"format": "csv"})
    excel = c.get(path, params={"format": "csv", "bom": "1"})
    assert plain.status_code == excel.status_code == 200
    assert not plain.content.startswith(EF_BB_BF) and plain.content.startswith(b"id,at,")
    assert excel.content == EF_BB_BF + plain.content
    assert excel.headers["content-length"] == str(len(plain.content) + 3)
    rows = list(csv.DictReader(io.StringIO(excel.content.decode("utf-8-sig"))))  # as Excel reads it
    assert URDU in [r for r in rows if r["action"] == "stance.set"][0]["after"]
    assert list(rows[0])[0] == "id"


@pytest.mark.parametrize("path", [f"/api/scenarios/{PK}/audit", "/api/audit"])
@pytest.mark.parametrize("params", [{"bom": "1"}, {"bom": "true", "format": "json"}])
def test_bom_without_a_csv_is_refused(app: Any, path: str, params: dict[str, str]) -> None:
    assert_error(client(app, "alice").get(path, params=params), 422, r"^query\.bom: .*format=csv")


def test_the_event_log_page_links_to_the_csv_for_excel(app: Any) -> None:
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/events", params={"action": "stance.set"}).text
    links = [html.unescape(h) for h in re.findall(r'<a class="csv" href="([^"]+)" download>', page)]
    assert len(links) == 2 and "bom" not in links[0] and links[1] == links[0] + "&bom=1"
    excel = c.get(links[1])
    assert excel.content.startswith(EF_BB_BF) and excel.content[3:] == c.get(links[0]).content
    assert ">for Excel</a>" in page
