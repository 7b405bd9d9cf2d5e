"""The audit trail's ``action`` filter takes the actions the trail records, the ones the documentation lists;
another (a typo) is a 422 naming them, not an empty page that reads as "nothing happened"."""

from __future__ import annotations

import re
from pathlib import Path

from test_web_api import PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

DOCS = Path(__file__).parent.parent / "docs" / "web.md"


def _documented() -> set[str]:
    return set(re.findall(r"`((?:scenario|stance|event|user)\.[a-z]+)`", DOCS.read_text(encoding="utf-8")))


def test_every_documented_action_filters_and_a_typo_is_named(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "no", "version": 0}
                  ).status_code == 200
    documented = _documented()
    assert {"stance.set", "stance.clear", "stance.end", "user.add", "user.role", "event.append"} <= documented
    for action in sorted(documented):
        for path in ("/api/audit", f"/api/scenarios/{PK}/audit"):
            rows = c.get(path, params={"action": action}).json()["audit"]
            assert all(r["action"] == action for r in rows), (path, action)
    assert [r["target"] for r in c.get("/api/audit", params={"action": "stance.set"}).json()["audit"]] == ["party:ppp"]
    for path in ("/api/audit", f"/api/scenarios/{PK}/audit"):
        error = assert_error(c.get(path, params={"action": "stance.change"}), 422, "^query.action: ")["error"]
        assert all(f"'{a}'" in error for a in documented) and "got 'stance.change'" in error
