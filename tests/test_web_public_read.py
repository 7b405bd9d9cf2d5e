"""With ``--public-read`` a reader who is not signed in reads the whip count, its history, the event log and
the audit trail, but not who wrote them (the editors' user names) nor the reasons the audit trail keeps; a
signed-in reader, a viewer too, sees both."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from test_web_api import PK, _app, client, set_stance, store  # noqa: F401
from whipcount.storage import Store

WHY = "internal: heard it from the whips office"


def _written(store: Store) -> Any:  # noqa: F811
    app = _app(store, public_read=True)
    editor = client(app, "alice")
    assert set_stance(editor, "party:mqm-p", "no", 0, note="talks collapsed").status_code == 200
    r = editor.post(f"/api/scenarios/{PK}/events", json={"date": "2022-04-10", "kind": "statement",
                                                         "summary": "a statement", "reason": WHY, "confirm": True})
    assert r.status_code == 201, r.text
    assert editor.post(f"/api/scenarios/{PK}/stances/clear", json={"subject": "party:mqm-p", "version": 1,
                                                                   "reason": WHY}).status_code == 200
    return app


READS = [f"/api/scenarios/{PK}/dashboard", f"/api/scenarios/{PK}/dashboard?on=2022-04-10",
         f"/api/scenarios/{PK}/members", f"/api/scenarios/{PK}/stances", f"/api/scenarios/{PK}/history",
         f"/api/scenarios/{PK}/events", f"/api/scenarios/{PK}/audit", f"/api/scenarios/{PK}/audit?format=csv",
         f"/s/{PK}", f"/s/{PK}?on=2022-04-10", f"/s/{PK}/live", f"/s/{PK}/members", f"/s/{PK}/events"]


def test_a_reader_not_signed_in_is_not_told_who_wrote_what(store: Store) -> None:  # noqa: F811
    app = _written(store)
    anonymous, viewer = TestClient(app), client(app, "vera")
    for url in READS:
        seen = anonymous.get(url)
        assert seen.status_code == 200, (url, seen.text[:200])
        assert "alice" not in seen.text and WHY not in seen.text, (url, seen.text[max(0, seen.text.find("alice") - 300):][:400])
    # the same reads signed in name the editor and the reason
    assert all("alice" in viewer.get(url).text for url in READS if "members" not in url and "stances" not in url)
    assert WHY in viewer.get(f"/api/scenarios/{PK}/audit").text and WHY in viewer.get(f"/s/{PK}/events").text


def test_the_rows_keep_their_shape_without_the_hidden_fields(store: Store) -> None:  # noqa: F811
    app = _written(store)
    anonymous, viewer = TestClient(app), client(app, "vera")
    board = anonymous.get(f"/api/scenarios/{PK}/dashboard").json()
    assert [h["subject"] for h in board["last_changes"][:2]] == ["party:mqm-p", "party:mqm-p"]
    assert all("changed_by" not in h for h in board["last_changes"])
    assert all("updated_by" not in p for p in board["positions"])
    audit = anonymous.get(f"/api/scenarios/{PK}/audit").json()["audit"]
    assert audit[0]["action"] == "stance.clear" and not {"user", "reason"} & set(audit[0])
    full = viewer.get(f"/api/scenarios/{PK}/audit").json()["audit"]
    assert (full[0]["user"], full[0]["reason"]) == ("alice", WHY)
    header = anonymous.get(f"/api/scenarios/{PK}/audit?format=csv").text.splitlines()[0]
    assert header == "id,at,scenario,action,target,before,after"
    changes = anonymous.get(f"/api/scenarios/{PK}/history").json()["history"]
    assert [(h["new_stance"], h.get("note")) for h in changes[:2]] == [("cleared", None), ("no", "talks collapsed")]
    # the event appended last (the highest seq; the log is listed by date)
    events = anonymous.get(f"/api/scenarios/{PK}/events").json()["events"]
    appended = max(events, key=lambda e: e["seq"])
    assert appended["summary"] == "a statement" and "added_by" not in appended
    assert max(viewer.get(f"/api/scenarios/{PK}/events").json()["events"], key=lambda e: e["seq"])["added_by"] == "alice"
    # the ETag of the body a reader not signed in gets is its own: no cache gives one reader the other's
    assert anonymous.get(f"/api/scenarios/{PK}/dashboard").headers["etag"] != \
        viewer.get(f"/api/scenarios/{PK}/dashboard").headers["etag"]
