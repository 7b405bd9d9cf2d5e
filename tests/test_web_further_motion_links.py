"""A further motion's pages lead to that motion's pages: every link from a further motion's dashboard (and from
the pages it leads to) to another page of the same scenario keeps the motion where the page reads it (``motion``
on the scenario's pages, ``motion_a`` on the comparison), but for the links that say they lead to the main
motion."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from test_web_api import PK, _app, login_form, store  # noqa: F401
from whipcount.storage import Store

FURTHER = "pm-election-2022-04-11"
"""pk-na-2022's further motion: the election of Shehbaz Sharif as Prime Minister on 11 April 2022."""

TO_MAIN = {"Back to the main motion", "The main motion's"}
"""The words of the links that lead to the main motion's pages on purpose."""

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.S)


def _links(page: str) -> list[tuple[str, str]]:
    """Each link of ``page``: its address and its words (tags dropped)."""
    return [(html.unescape(href), re.sub(r"<[^>]+>", "", words).strip()) for href, words in LINK.findall(page)]


def _kept(href: str) -> bool | None:
    """Whether a link keeps the further motion where its page reads it; None for a link to elsewhere."""
    parts = urlsplit(href)
    query = parse_qs(parts.query)
    if parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path == f"/s/{PK}" or parts.path.startswith(f"/s/{PK}/"):
        return query.get("motion") == [FURTHER]
    if parts.path == "/compare" and query.get("a") == [PK]:
        return query.get("motion_a") == [FURTHER]
    return None


@pytest.mark.parametrize("on", ["", "&on=2022-04-10"])  # live, and on a past day
def test_every_link_of_a_further_motions_pages_keeps_the_motion(store: Store, on: str) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")  # an editor, shown the links to the forms too
    start = f"/s/{PK}?motion={FURTHER}{on}"
    dashboard = c.get(start).text
    assert "not confirmed †" in dashboard  # the bundled log holds events not confirmed, linked to the log
    seen, checked, to_visit = {start}, 0, [(start, 0)]
    while to_visit:
        url, depth = to_visit.pop()
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code)
        for href, words in _links(r.text):
            kept = _kept(href)
            if kept is None or words in TO_MAIN:
                continue
            checked += 1
            assert kept, f"{url}: the link {words!r} to {href} drops the motion"
            path = urlsplit(href).path
            if depth < 2 and path not in {urlsplit(u).path for u in seen} and not href.endswith(".csv"):
                seen.add(href)
                to_visit.append((href, depth + 1))
    assert {urlsplit(u).path for u in seen} >= {f"/s/{PK}", f"/s/{PK}/members", f"/s/{PK}/events",
                                                f"/s/{PK}/events/new", f"/s/{PK}/stance"}
    assert checked > 20
