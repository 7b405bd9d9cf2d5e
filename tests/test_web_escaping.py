"""Every text a reader sees that someone else wrote is shown as text, never as markup: every name, title, note,
summary, outlet, headline, quote and address of a scenario file as loaded (parties, members, the chamber, the
motions, the events, the stances, their sources), and what editors type (an appended event's words and sources, a
stance's note, the reason of a take-back), on every page the app draws, read from the app itself (a page added
later fails here until it is given its query), in the HTML, in the SVG charts the pages embed and in their
attributes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute

from test_web_api import PK, _app, client, set_stance, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import scenario_to_dict
from whipcount.storage import Store

MARK = "\"'><i>x</i>"
"""Closes an attribute of either quote and opens an element: shown as text, it is ``&#34;&#39;&gt;&lt;i&gt;...``."""
SHOWN = "&#34;&#39;&gt;&lt;i&gt;x&lt;/i&gt;"  # MARK as text
TEXT = {"name", "short", "title", "description", "note", "summary", "by", "outlet", "quote", "label", "target",
        "successor", "office", "constituency", "unverified", "url", "sources"}
"""The keys of a scenario file whose values are free text (or an address, or a citation in words)."""
SID = "marked"
MOTION = "pm-election-2022-04-11"  # the further motion of pk-na-2022
PAGES = {"/": None, "/login": {}, "/password": {}, "/s/{scenario_id}": {}, "/s/{scenario_id}/live": {},
         "/s/{scenario_id}/members": {}, "/s/{scenario_id}/events": {}, "/s/{scenario_id}/events/new": {},
         "/s/{scenario_id}/stance": {"subject": "party:mqm-p"}, "/compare": {"a": SID, "b": SID, "motion_b": MOTION}, "/audit": {},
         "/api/docs": {}, "/events/stream": None}
"""The query each page is drawn with (None: no page of its own: the first dashboard, the live stream)."""
FURTHER = ("/s/{scenario_id}", "/s/{scenario_id}/live", "/s/{scenario_id}/members")  # drawn for the motion too


def marked(value: Any, key: str | None = None) -> Any:
    """``value`` (a scenario file's data) with :data:`MARK` after every free text (:data:`TEXT`)."""
    if isinstance(value, dict):
        return {k: marked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [marked(v, key) for v in value]
    return value + MARK if isinstance(value, str) and key in TEXT else value


def test_every_page_has_its_query(store: Store) -> None:  # noqa: F811
    pages = {r.path for r in _app(store).routes
             if isinstance(r, APIRoute) and "GET" in r.methods and not r.path.startswith("/api/")} | {"/api/docs"}
    assert pages == set(PAGES)


def test_no_text_anyone_wrote_is_markup_on_any_page(store: Store, tmp_path: Path) -> None:  # noqa: F811
    data = marked(scenario_to_dict(load_scenario(PK)))
    file = tmp_path / f"{SID}.json"
    file.write_text(json.dumps({**data, "id": SID}, default=str), encoding="utf-8")
    store.save_scenario(load_scenario(str(file)), user="loader")
    store.add_user("root", "admin", "a long enough password")
    app = _app(store)
    editor = client(app, "alice")
    base = f"/api/scenarios/{SID}"
    sources = [{"url": "https://example.org/marked", "outlet": "Outlet" + MARK, "title": "Headline" + MARK,
                "quote": "Quote" + MARK}, "Gazette No. 7" + MARK]
    assert editor.post(f"{base}/events", json={"date": "2022-07-28", "kind": "statement", "party": "pti",
                                               "summary": "Summary" + MARK, "note": "Note" + MARK, "by": "By" + MARK,
                                               "sources": sources, "reason": "Reason" + MARK,
                                               "repeat": True}).status_code == 201
    assert editor.post(f"{base}/stances", json={"subject": "party:ppp", "stance": "no", "version": 0,
                                                "note": "Stance" + MARK}).status_code == 200
    assert editor.post(f"{base}/stances/clear", json={"subject": "party:ppp", "version": 1,
                                                      "reason": "Wrong" + MARK}).status_code == 200
    admin = client(app, "root")
    drawn = [(path, query) for path, query in PAGES.items() if query is not None]
    drawn += [(path, {"motion": MOTION}) for path in FURTHER]
    for path, query in drawn:
        page = admin.get(path.replace("{scenario_id}", SID), params=query)
        assert page.status_code == 200, (path, query, page.text[:300])
        assert "<i>x</i>" not in page.text, (path, query, page.text[max(0, page.text.find("<i>x</i>") - 300):][:400])
    seen = {path: admin.get(path.replace("{scenario_id}", SID)).text.count(SHOWN) for path in
            ("/s/{scenario_id}", "/s/{scenario_id}/members", "/s/{scenario_id}/events", "/audit")}
    assert all(seen.values()), seen  # the texts are there, as text
    log = admin.get(f"/s/{SID}/events").text
    for said in ("Summary", "Note", "Outlet", "Headline", "Quote", "Gazette No. 7", "Reason", "Wrong"):
        assert said + SHOWN in log, said
