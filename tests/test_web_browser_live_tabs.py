"""Many tabs of the dashboard in one browser (Playwright driving Debian's Chromium): a browser opens at most six
connections to one server over HTTP/1.1, and each open live-update stream holds one, so a sixth dashboard tab
waited for ever, and so did every page and form of the site in that browser. A tab out of sight now lets its
stream go and takes it up again when it comes back into view, with what changed meanwhile."""

from __future__ import annotations

import pytest

from browser import launch, need_chromium
from test_web_browser_live_order import _editor, _wait
from test_web_live import PK, server, sign_in  # noqa: F401
from whipcount.storage import Store

HIDE = """hidden => {
  Object.defineProperty(document, "hidden", {value: hidden, configurable: true});
  Object.defineProperty(document, "visibilityState", {value: hidden ? "hidden" : "visible", configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""
"""What a browser does to a tab that goes out of view (another tab chosen) and comes back (headless Chromium
keeps every tab in view)."""


@pytest.mark.browser
def test_tabs_out_of_view_let_their_streams_go_and_catch_up_when_back(server: tuple[str, Store]) -> None:  # noqa: F811
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context()
            tabs = [sign_in(ctx, base, "vera")]
            yes = int(tabs[0].inner_text("#yes"))
            for _ in range(7):  # a newsroom's evening: a tab per scenario, motion and page, one in view at a time
                tabs[-1].evaluate(HIDE, True)
                tab = ctx.new_page()
                tab.goto(f"{base}/s/{PK}", timeout=8000)
                tabs.append(tab)
            tab.goto(f"{base}/s/{PK}/members", timeout=8000)  # the site still answers this browser
            editor = _editor(base)
            now = {s["subject"]: s["version"] for s in editor.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
            # BNP-M's 4 seats, yes by default as the opposition, go undecided while the first tab is out of view
            r = editor.post(f"/api/scenarios/{PK}/stances", json={
                "subject": "party:bnp-m", "stance": "undecided", "version": now.get("party:bnp-m", 0)})
            assert r.status_code == 200, r.text
            first = tabs[0]
            first.wait_for_timeout(500)
            assert first.inner_text("#yes").strip() == str(yes)  # out of view: no stream, no change yet
            first.evaluate(HIDE, False)
            _wait(first, lambda: first.inner_text("#yes").strip() == str(yes - 4), "the change in the tab back in view")
        finally:
            browser.close()
