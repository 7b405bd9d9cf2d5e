"""A stance form's history lists a subject's 20 latest changes, on a further motion as on the main one, and
*Older changes* pages back through the rest (a plain link: no script needed), *Newest changes* back to the
first page; the pages together hold every change the editor made, each once, newest first. A further
motion's form had listed every change on one page, however many.

Germany 2025: the second ballot is the main motion, the first a further one; an editor records 25 changes on
the AfD's stance on each."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from test_web_api import _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
MAIN, FIRST = "chancellor-second-ballot-2025-05-06", "chancellor-first-ballot-2025-05-06"
SUBJECT = "party:afd"
STANCES = ("no", "absent", "lean-no", "undecided")


def _version(c: Any, motion: str) -> int:
    rows = c.get(f"/api/scenarios/{DE}/stances", params={"motion": motion}).json()["stances"]
    return next((r["version"] for r in rows if r["subject"] == SUBJECT), 0)


def _notes(page: str) -> list[str]:
    """The notes of the history's changes, in the order listed."""
    listed = page[page.index('id="history"'):]
    listed = listed[:listed.index("</ul>")]
    return [html.unescape(q) for q in re.findall(r"<q>(.*?)</q>", listed)]


def _link(page: str, text: str) -> str | None:
    found = re.search(rf'<a href="([^"]*)"[^>]*>{text}</a>', page)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("motion", [MAIN, FIRST])
def test_the_history_pages_back_through_every_change(store: Store, motion: str) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    version = _version(c, motion)
    made = []
    for n in range(25):
        note = f"change {n + 1}"
        body = {"subject": SUBJECT, "stance": STANCES[n % 4], "version": version, "note": note}
        r = c.post(f"/api/scenarios/{DE}/stances", json={**body, **({"motion": motion} if motion == FIRST else {})})
        assert r.status_code == 200, r.text
        version = r.json()["stance"]["version"]
        made.append(note)
    newest_first = made[::-1]
    query = {"subject": SUBJECT, **({"motion": motion} if motion == FIRST else {})}
    first = c.get(f"/s/{DE}/stance", params=query)
    assert first.status_code == 200
    assert _notes(first.text) == newest_first[:20]
    assert _link(first.text, "Newest changes") is None
    older = _link(first.text, "Older changes")
    assert older is not None and (motion != FIRST or f"motion={FIRST}" in older)
    second = c.get(older)
    assert second.status_code == 200
    assert _notes(second.text) == newest_first[20:]  # the rest, each once
    assert _link(second.text, "Older changes") is None
    back = _link(second.text, "Newest changes")
    assert back is not None and _notes(c.get(back).text) == newest_first[:20]
    # the API pages with the same cursor
    api = c.get(f"/api/scenarios/{DE}/history", params={**query, "limit": 20}).json()["history"]
    rest = c.get(f"/api/scenarios/{DE}/history", params={**query, "before": api[-1]["id"]}).json()["history"]
    assert [h["note"] for h in api + rest if h["note"] in made] == newest_first


def test_a_cursor_that_is_no_whole_number_is_refused(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    r = c.get(f"/s/{DE}/stance", params={"subject": SUBJECT, "motion": FIRST, "before": "x"})
    assert r.status_code == 422 and "before" in r.text
