"""The list pages on a phone (Chromium at 390 CSS pixels): the members page's and the event log's tables
stack one card a row, so every row's stance and its *edit* link are in view without scrolling sideways; on
a desktop they stay tables, columns side by side."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_browser_sessions import chromium  # noqa: F401
from test_web_live import PK, launch, server, sign_in  # noqa: F401
from whipcount.storage import Store

pytestmark = pytest.mark.browser

# every cell of the list tables that a reader needs, and whether it lies inside the viewport's width
CELLS = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll(
      "table.list td[data-label=Stance], table.list td[data-label=Action], table.list td[data-label=What], "
      + "table.list td a"),
    el => [el.textContent.trim().slice(0, 30), el.getBoundingClientRect().right <= width + 0.5]);
}"""
# where each shown cell of a table's first row starts: one place when the row is a card
LEFTS = ("() => Array.from(document.querySelectorAll('table.list tbody tr:first-child td'))"
         ".filter(td => td.getClientRects().length).map(td => Math.round(td.getBoundingClientRect().left))")


def test_the_lists_stack_on_a_phone(server: tuple[str, Store], chromium: None) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for width, stacked in ((390, True), (1280, False)):
                ctx = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=stacked,
                                          has_touch=stacked)
                page = sign_in(ctx, base, "alice")
                for path in ("members", "events"):
                    page.goto(f"{base}/s/{PK}/{path}")
                    cells: list[Any] = page.evaluate(CELLS)
                    assert cells and (path == "events" or any(t == "edit" for t, _ in cells))
                    if stacked:
                        assert [t for t, inside in cells if not inside] == [], path
                        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
                    assert (len(set(page.evaluate(LEFTS))) == 1) is stacked, (path, width)
                ctx.close()
        finally:
            browser.close()
