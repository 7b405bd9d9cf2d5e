"""A cursor (``before``) beyond every row's id pages from the newest row, on every list that pages by one: the
stance history in the API and on the stance form, the audit trails in the API and on their pages. A cursor
past what SQLite can compare (2**63) had been a 500 on the stance history."""

from __future__ import annotations

import re
from typing import Any

import pytest

from test_web_api import PK, _app, client, login_form, store  # noqa: F401
from whipcount.storage import Store

HUGE = [2**31 - 1, 2**31, 2**63, 10**30]


def two_changes(c: Any) -> None:
    """Two stance changes of PPP (versions 1 and 2): its history has exactly these two rows."""
    for version, stance in ((0, "no"), (1, "yes")):
        r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": stance, "version": version})
        assert r.status_code == 200, r.text


@pytest.mark.parametrize("before", HUGE)
def test_the_api_history_from_a_cursor_beyond_every_row_is_the_whole_history(store: Store,  # noqa: F811
                                                                             before: int) -> None:
    c = client(_app(store), "alice")
    two_changes(c)
    r = c.get(f"/api/scenarios/{PK}/history", params={"subject": "party:ppp", "before": str(before)})
    assert r.status_code == 200, r.text
    assert [h["new_stance"] for h in r.json()["history"]] == ["yes", "no"]  # newest first


@pytest.mark.parametrize("before", HUGE)
def test_every_page_and_trail_takes_a_cursor_beyond_every_row(store: Store, before: int) -> None:  # noqa: F811
    app = _app(store)
    two_changes(client(app, "alice"))
    api = client(app, "alice")
    for path in (f"/api/scenarios/{PK}/audit", "/api/audit", f"/api/scenarios/{PK}/audit?format=csv"):
        r = api.get(path, params={"before": str(before), "action": "stance.set"})
        assert r.status_code == 200, (path, r.text)
        if "csv" in path:
            assert r.text.count("stance.set") == 2, r.text
        else:
            assert [a["after"]["stance"] for a in r.json()["audit"]] == ["yes", "no"]
    admin = login_form(app, "alice")
    page = admin.get(f"/s/{PK}/stance", params={"subject": "party:ppp", "before": str(before)})
    assert page.status_code == 200, page.text
    history = page.text.split('<h2 id="history">', 1)[1]
    assert re.findall(r"(\S+ → \S+) from", history) == ["No → Yes", "none → No"]  # newest first
    for path in (f"/s/{PK}/events",):
        r = admin.get(path, params={"before": str(before)})
        assert r.status_code == 200, (path, r.text[:300])
