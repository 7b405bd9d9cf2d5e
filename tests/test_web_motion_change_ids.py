"""A further motion's changes each have an id of their own (``id`` in ``last_changes`` and in the history),
as the main motion's do: unique among the motion's changes, the same on every read and in every list (the
dashboard's, the live fragment's, a subject's history), and in the order the changes were written, which the
audit trail records independently. Each had been numbered by its subject's writes (the SPD's second change
and the AfD's second change were both 2).

Germany 2025's first ballot (a further motion) has two entries of its own in the file: the CDU/CSU yes, then
the SPD yes."""

from __future__ import annotations

from typing import Any

from test_web_api import _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
FIRST = "chancellor-first-ballot-2025-05-06"
WRITES = ({"subject": "party:spd", "stance": "no", "version": 1},
          {"subject": "party:afd", "stance": "absent", "version": 0},
          {"subject": "party:afd", "stance": "no", "version": 1},
          {"subject": "party:spd", "stance": "lean-no", "version": 2})


def _board(c: Any) -> list[dict[str, Any]]:
    r = c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST})
    assert r.status_code == 200, r.text
    return list(r.json()["last_changes"])


def test_each_change_has_its_own_id_in_the_order_written(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    for body in WRITES:
        assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, **body}).status_code == 200
    rows = _board(c)
    ids = [h["id"] for h in rows]
    assert len(set(ids)) == len(ids) == 6
    # the order written, as the audit trail records it: the file's two entries, then alice's writes
    trail = [(a.target, a.after["stance"]) for a in reversed(store.audit(DE, action="stance.set"))
             if a.after and a.after.get("motion") == FIRST]
    written = [("party:cdu-csu", "yes"), ("party:spd", "yes"), *trail]
    assert trail == [(w["subject"], w["stance"]) for w in WRITES]
    assert [(h["subject"], h["new_stance"]) for h in sorted(rows, key=lambda h: h["id"])] == written
    # the same id on a later read, after one more write, and in each subject's history
    assert c.post(f"/api/scenarios/{DE}/stances/clear",
                  json={"motion": FIRST, "subject": "party:afd", "version": 2}).status_code == 200
    again = {h["id"]: (h["subject"], h["new_stance"]) for h in _board(c)}
    assert all(again.get(h["id"], (h["subject"], h["new_stance"])) == (h["subject"], h["new_stance"]) for h in rows)
    newest = _board(c)[0]
    assert newest["new_stance"] == "cleared" and newest["id"] not in ids
    for subject in ("party:spd", "party:afd"):
        history = c.get(f"/api/scenarios/{DE}/history", params={"motion": FIRST, "subject": subject}).json()["history"]
        assert all(again[h["id"]] == (subject, h["new_stance"]) for h in history)
