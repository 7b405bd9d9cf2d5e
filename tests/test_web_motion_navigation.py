"""Every link of a further motion's pages keeps the reader on that motion: the header's *Dashboard*, *Members &
parties* and *Event log*, the edit links, the stance form's links, the event log's pager and filters, a past
day's *Back to live*; only the links that say they lead to the main motion leave it. The header had led to the
main motion's pages, so an editor who opened *Members & parties* from the first ballot's dashboard edited the
second ballot's stances.

The check follows the links as a reader would, from the first ballot's dashboard (live and on a past day), and
reads on each page it reaches which motion that page counts: the motion the reader chose stays chosen."""

from __future__ import annotations

import html
import re
from collections import deque
from typing import Any
from urllib.parse import parse_qs, urlsplit

from test_web_api import _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
FIRST = "chancellor-first-ballot-2025-05-06"
TO_MAIN = ("Back to the main motion", "The main motion&#39;s", "The main motion's")


def _links(page: str) -> list[tuple[str, str]]:
    """The page's links as (href, text)."""
    return [(html.unescape(h), t) for h, t in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', page, re.S)]


def _counts_first(page: str) -> bool:
    """Whether the page is the first ballot's: its motion chosen in the dashboard's list, or kept by its form (a
    field, or its action's query: the event form, whose events are every motion's, leads back to the motion)."""
    return bool(re.search(rf'<option value="{FIRST}" selected>|name="motion" value="{FIRST}"|'
                          rf'<form method="post" action="[^"]*[?&]motion={FIRST}"', page))


def test_every_link_of_a_further_motions_pages_keeps_it(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    for i in range(3):
        assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:afd",
                                                            "stance": ("no", "absent", "lean-no")[i],
                                                            "version": i}).status_code == 200
    start = [f"/s/{DE}?motion={FIRST}", f"/s/{DE}?motion={FIRST}&on=2025-05-01"]
    seen, queue, checked = set(start), deque(start), 0
    while queue:
        url = queue.popleft()
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
        assert _counts_first(r.text), f"{url} is not the first ballot's page"
        for href, text in _links(r.text):
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith(f"/s/{DE}") or text.strip() in TO_MAIN:
                continue  # another site, or a page of no motion (compare, the API's docs, sign-out)
            assert parse_qs(parts.query).get("motion") == [FIRST], f"{text!r} on {url} leads to {href}"
            checked += 1
            key = href.split("#")[0]
            if key not in seen and len(seen) < 40:
                seen.add(key)
                queue.append(key)
    assert checked > 20
    visited = {urlsplit(u).path for u in seen}
    assert {f"/s/{DE}", f"/s/{DE}/members", f"/s/{DE}/events", f"/s/{DE}/stance"} <= visited


def test_the_event_logs_filters_and_pager_keep_the_motion(store: Store, monkeypatch: Any) -> None:  # noqa: F811
    from whipcount.web import trail

    monkeypatch.setattr(trail, "SHOWN", 1)  # a row a page: the load and alice's write are two pages
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:afd", "stance": "no",
                                                        "version": 0}).status_code == 200
    first = c.get(f"/s/{DE}/events", params={"motion": FIRST}).text
    older = next(h for h, t in _links(first) if t == "Older rows")
    second = c.get(older).text
    assert parse_qs(urlsplit(older).query)["motion"] == [FIRST] and _counts_first(second)
    newest = next(h for h, t in _links(second) if t == "Newest rows")
    assert parse_qs(urlsplit(newest).query) == {"motion": [FIRST]}
    page = c.get(f"/s/{DE}/events", params={"motion": FIRST, "action": "scenario.load"}).text
    assert f'<input type="hidden" name="motion" value="{FIRST}">' in page  # the filter form, sent again
    clear = next(h for h, t in _links(page) if t == "Clear filters")
    assert parse_qs(urlsplit(clear).query) == {"motion": [FIRST]}
    assert _counts_first(c.get(clear).text)
    # the main motion's page, and one asked for with the main motion's id, keep nothing
    main = c.get(f"/s/{DE}/events").text
    assert 'name="motion"' not in main and "?motion=" not in main
    missing = c.get(f"/s/{DE}/events", params={"motion": "third"})
    assert missing.status_code == 404 and "no motion &#39;third&#39;" in missing.text


def test_a_further_motions_past_day_leads_back_to_its_live_page(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    past = c.get(f"/s/{DE}", params={"motion": FIRST, "on": "2025-05-01"}).text
    live = dict((t, h) for h, t in _links(past)).get("Back to live")
    assert live == f"/s/{DE}?motion={FIRST}"
    r: Any = c.get(live)
    assert _counts_first(r.text) and "/static/live.js" in r.text


def test_an_error_page_leads_back_to_the_motion_it_was_of(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    cases = (({"motion": FIRST, "on": "9999-12-31"}, f"/s/{DE}?motion={FIRST}"),  # a day not yet come
             ({"motion": FIRST, "on": "2000-01-01"}, f"/s/{DE}?motion={FIRST}"),  # before the chamber's start
             ({"motion": "third"}, f"/s/{DE}"),  # the motion itself refused: the main one's
             ({"on": "9999-12-31"}, f"/s/{DE}"))
    for params, back in cases:
        r = c.get(f"/s/{DE}", params=params)
        assert r.status_code in (400, 404)
        assert dict((t, h) for h, t in _links(r.text))["Back to the dashboard"] == back, params
    members = c.get(f"/s/{DE}/members", params={"motion": FIRST, "stance": "maybe"})
    assert members.status_code == 422
    assert dict((t, h) for h, t in _links(members.text))["Back to the dashboard"] == f"/s/{DE}?motion={FIRST}"
    nowhere = c.get("/s/nowhere", params={"motion": FIRST})
    assert dict((t, h) for h, t in _links(nowhere.text))["Back to the dashboard"] == "/"


def test_compare_from_a_further_motion_sets_it_beside_the_main_one(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:afd", "stance": "absent",
                                                        "version": 0}).status_code == 200
    page = c.get(f"/s/{DE}", params={"motion": FIRST}).text
    link = dict((t, h) for h, t in _links(page))["Compare"]
    assert parse_qs(urlsplit(link).query) == {"a": [DE], "motion_a": [FIRST]}
    compared = c.get(link).text
    assert f'<option value="{FIRST}" selected>' in compared  # the motion the reader came from, kept in the form
    # its column is the dashboard the reader looked at; B the main motion's
    seen = c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": FIRST}).json()
    main = c.get(f"/api/scenarios/{DE}/dashboard").json()
    both = c.get("/api/compare", params={"a": DE, "b": DE, "motion_a": FIRST}).json()
    assert (both["a"]["motion"]["id"], both["a"]["tally"], both["a"]["yes"]) == (FIRST, seen["tally"], seen["yes"])
    assert (both["b"]["motion"]["id"], both["b"]["tally"]) == (main["motion"]["id"], main["tally"])
    assert seen["tally"] != main["tally"]  # two counts, told apart
    missing = c.get("/api/compare", params={"a": DE, "b": DE, "motion_b": "third"})
    assert missing.status_code == 404 and "no motion 'third'" in missing.json()["error"]
    # from the main motion's pages, Compare is as before
    assert dict((t, h) for h, t in _links(c.get(f"/s/{DE}").text))["Compare"] == "/compare"
