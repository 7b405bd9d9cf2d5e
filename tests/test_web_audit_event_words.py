"""An appended event's row in the audit trail's pages (the scenario's, under its event log, and the whole trail)
reads as the event log lists it, its day, its kind in words and what it moved, parties by their names, as the
docs say: '2022-07-29 Resignation: 1 of PTI: seat vacated (resign)', where the page showed the event's JSON
({"by": null, "date": "2022-07-29", ...}). The API and the CSV keep the JSON."""

from __future__ import annotations

import html
import re

from test_web_api import PASSWORD, PK, _app, client, store  # noqa: F401
from whipcount.storage import Store


def _cells(page: str, action: str) -> list[str]:
    """The text of the cells of the trail's first row of ``action``."""
    row = next(r for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if f">{action}<" in r)
    return [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def test_an_appended_event_reads_in_words_on_both_trails(store: Store) -> None:  # noqa: F811
    store.add_user("desk", "admin", PASSWORD)
    app = _app(store)
    alice = client(app, "alice")
    r = alice.post(f"/api/scenarios/{PK}/events", json={
        "date": "2022-07-29", "kind": "resign", "party": "pti", "reason": "reported by Dawn",
        "source": {"url": "https://example.org/resign"}})
    assert r.status_code == 201, r.text
    r = alice.post(f"/api/scenarios/{PK}/events", json={
        "date": "2022-07-30", "kind": "statement", "party": "pti", "summary": "<b>PTI</b> says it will boycott",
        "reason": "r", "source": {"url": "https://example.org/boycott"}})
    assert r.status_code == 201, r.text
    for reader, path in ((alice, f"/s/{PK}/events"), (client(app, "desk"), "/audit")):
        page = reader.get(path, params={"action": "event.append"}).text
        cells = _cells(page, "event.append")
        # the summary, as text, then its source, by its host
        assert "2022-07-30 Statement: <b>PTI</b> says it will boycottexample.org" in cells
        assert "<b>PTI</b>" not in page
        rows = [c for r in re.findall(r"<tr>(.*?)</tr>", page, re.S) if ">event.append<" in r
                for c in [html.unescape(re.sub(r"<[^>]+>", "", r))]]
        assert any("2022-07-29 Resignation: 1 of PTI: seat vacated (resign)" in c for c in rows), rows
        assert '"date": "2022-07-29"' not in html.unescape(page)
    api = alice.get(f"/api/scenarios/{PK}/audit", params={"action": "event.append"}).json()["audit"]
    assert api[0]["after"]["kind"] == "statement" and api[1]["after"]["date"] == "2022-07-29"  # the JSON kept
