"""A past day's dashboard (``?on=DATE``) lists the changes behind its count, of the main motion and of a further
one alike: those that change the count of that day or of a day before it, newest first (a stance from the day it
holds from, an end from the day it ends, a take-back as wrong from the first day of what it took back), whenever
they were recorded; both had listed the latest changes, a stance from a later day among them. A day after
tomorrow (UTC) is refused naming ``on``, on both, as on a comparison (``on_a``, ``on_b``): both had counted it.

Germany 2025, both ballots; an editor records, in this order (the days are the stances' own):
w1 the AfD no from 1 April; w2 the Left absent from 5 May; w3 the Greens leaning no from 20 April; w4 the
Greens' stance ended from 25 April; w5 the SSW no from 10 April; w6 the SSW's stance taken back as wrong; w7 the
Left's taken back as wrong."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest

from test_web_api import _app, assert_error, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
MAIN, FIRST = "chancellor-second-ballot-2025-05-06", "chancellor-first-ballot-2025-05-06"
# by hand: the first day each write changes the count of
EFFECT = {"w1": "2025-04-01", "w2": "2025-05-05", "w3": "2025-04-20", "w4": "2025-04-25", "w5": "2025-04-10",
          "w6": "2025-04-10", "w7": "2025-05-05"}


def _write(c: Any, motion: str) -> None:
    which = {"motion": motion} if motion == FIRST else {}
    url = f"/api/scenarios/{DE}/stances"
    versions = {r["subject"]: r["version"] for r in c.get(url, params=which).json()["stances"]}

    def post(path: str, **body: Any) -> None:
        r = c.post(url + path, json={**which, **body})
        assert r.status_code == 200, r.text
        row = r.json().get("stance") or r.json().get("ended")
        versions[body["subject"]] = row["version"] if row else 0

    def set_(subject: str, stance: str, date: str, note: str) -> None:
        post("", subject=subject, stance=stance, date=date, note=note, version=versions.get(subject, 0))

    def back(subject: str, reason: str, until: str | None = None) -> None:
        post("/clear", subject=subject, reason=reason, version=versions[subject], **({"until": until} if until else {}))

    set_("party:afd", "no", "2025-04-01", "w1")
    set_("party:linke", "absent", "2025-05-05", "w2")
    set_("party:greens", "lean-no", "2025-04-20", "w3")
    back("party:greens", "w4", until="2025-04-25")
    set_("party:ssw", "no", "2025-04-10", "w5")
    back("party:ssw", "w6")
    back("party:linke", "w7")


@pytest.mark.parametrize("motion", [MAIN, FIRST])
@pytest.mark.parametrize("day", ["2025-04-22", "2025-04-30"])
def test_a_past_day_lists_the_changes_behind_its_count(store: Store, motion: str, day: str) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    _write(c, motion)
    which = {"motion": motion} if motion == FIRST else {}
    rows = c.get(f"/api/scenarios/{DE}/dashboard", params={**which, "on": day}).json()["last_changes"]
    mine = [h["note"] for h in rows if h.get("note") in EFFECT]
    assert mine == [w for w in sorted(EFFECT, reverse=True) if EFFECT[w] <= day]  # newest first
    assert all(h["date"] <= day for h in rows if h.get("note") not in EFFECT)  # the file's own entries
    # the page says the same, and the live list keeps every change
    page = c.get(f"/s/{DE}", params={**which, "on": day}).text
    listed = page[page.index('id="changes"'):]
    assert f"Last changes <small>of this motion's stances</small> <small>counted by {day}</small>" in page
    assert [w for w in EFFECT if f"<q>{w}</q>" in listed] == [w for w in EFFECT if EFFECT[w] <= day]
    live = c.get(f"/api/scenarios/{DE}/dashboard", params=which).json()["last_changes"]
    assert [h["note"] for h in live if h.get("note") in EFFECT] == sorted(EFFECT, reverse=True)


def test_a_backdated_stance_is_listed_on_the_days_it_counts(store: Store) -> None:  # noqa: F811
    """Recorded today, it holds from 1 April: the page of 2 April counts it and lists it, with its day."""
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    r = c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:afd", "stance": "no",
                                                     "version": 0, "date": "2025-04-01", "note": "backdated"})
    assert r.status_code == 200, r.text
    page = c.get(f"/s/{DE}", params={"motion": FIRST, "on": "2025-04-02"}).text
    listed = " ".join(html.unescape(page[page.index('id="changes"'):]).split())
    assert "party:afd none → No from 2025-04-01" in listed
    before = c.get(f"/s/{DE}", params={"motion": FIRST, "on": "2025-03-31"}).text
    assert "backdated" not in before[before.index('id="changes"'):]


@pytest.mark.parametrize("motion", [None, FIRST])
def test_a_day_after_tomorrow_is_refused(store: Store, motion: str | None) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    which = {"motion": motion} if motion else {}
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    later = (tomorrow + dt.timedelta(days=1)).isoformat()
    for day in (later, "9999-12-31"):
        assert_error(c.get(f"/api/scenarios/{DE}/dashboard", params={**which, "on": day}), 400,
                     rf"^on: expected {tomorrow.isoformat()} or earlier .*, got {day}$")
        page = c.get(f"/s/{DE}", params={**which, "on": day})
        assert page.status_code == 400 and f"on: expected {tomorrow.isoformat()} or earlier" in page.text
    assert c.get(f"/api/scenarios/{DE}/dashboard", params={**which, "on": tomorrow.isoformat()}).status_code == 200
    assert_error(c.get("/api/compare", params={"a": DE, "b": DE, "on_b": later}), 400, r"^on_b: expected")
    assert re.search("on_a: expected", c.get("/compare", params={"a": DE, "on_a": later}).text)
