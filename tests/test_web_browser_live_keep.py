"""An open dashboard that updates keeps what its reader had open and where the keyboard was (Playwright driving
Debian's Chromium): the table of seats by stance, opened, stays open, and the focus stays on its summary or on a
table scrolled by keyboard, as the docs say, where each update closed the table and dropped the focus to the
top of the page, so that a keyboard reader started again from the header."""

from __future__ import annotations

import pytest

from browser import launch, need_chromium
from test_web_browser_live_order import _editor, _wait
from test_web_live import PK, server, sign_in  # noqa: F401
from whipcount.storage import Store


@pytest.mark.browser
@pytest.mark.parametrize(("focus", "subject", "seats"), [
    ("summary", "party:bnp-m", 4),  # the table's summary, reached by Tab and opened with Enter
    ("region", "party:jwp", 1),  # the table itself, scrolled with the arrow keys
])
def test_an_update_keeps_the_table_open_and_the_focus(server: tuple[str, Store],  # noqa: F811
                                                      focus: str, subject: str, seats: int) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = sign_in(browser.new_context(), base, "vera")
            yes = int(page.inner_text("#yes"))
            summary = page.locator("#live details.data > summary")
            summary.focus()
            page.keyboard.press("Enter")  # opens the table
            assert page.locator("#live details.data").evaluate("d => d.open")
            if focus == "region":
                page.locator("#live details.data .scroll[tabindex='0']").focus()
            before = page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")
            editor = _editor(base)
            now = {s["subject"]: s["version"] for s in editor.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
            r = editor.post(f"/api/scenarios/{PK}/stances", json={
                "subject": subject, "stance": "undecided", "version": now.get(subject, 0)})
            assert r.status_code == 200, r.text
            _wait(page, lambda: page.inner_text("#yes").strip() == str(yes - seats), "the change on the page")
            assert page.locator("#live details.data").evaluate("d => d.open")  # still open
            assert page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)") == before
            assert page.evaluate("() => document.getElementById('live').contains(document.activeElement)")
        finally:
            browser.close()
