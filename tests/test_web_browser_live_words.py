"""What the live region says to a screen reader when an open dashboard updates (Playwright driving Debian's
Chromium): under a negative threshold (a Swedish investiture, Instrument of Government 6:4: rejected when more
than half of the Riksdag's 349 members, 175, vote no) the page shows the noes that reject the motion, and the
announcement says so, where it said 'needed n/a'."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import launch, need_chromium
from test_web_browser_live_order import _editor
from test_web_live import PASSWORD, server  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

SE = "investiture"
CASE = """\
chamber: {name: Riksdag, rules: se-riksdag, seats: 349, as_of: 2022-10-01}
parties:
  - {id: a, name: A, seats: 176, side: government}
  - {id: b, name: B, seats: 173, side: opposition}
motion: {kind: investiture, vote: 2022-10-17}
"""


@pytest.mark.browser
def test_an_update_under_a_negative_threshold_says_the_noes_that_reject(
        server: tuple[str, Store], tmp_path: Path) -> None:  # noqa: F811
    need_chromium()
    from playwright.sync_api import expect, sync_playwright

    base, store = server
    (tmp_path / f"{SE}.yaml").write_text(CASE, encoding="utf-8")
    store.save_scenario(load_scenario(str(tmp_path / f"{SE}.yaml")))
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_context().new_page()
            page.goto(f"{base}/login?next=/s/{SE}")
            page.fill("input[name=name]", "vera")
            page.fill("input[name=password]", PASSWORD)
            page.click("form.login button[type=submit]")
            page.wait_for_url(f"{base}/s/{SE}", wait_until="domcontentloaded")
            assert page.inner_text("#reject").strip() == "175 no"
            editor = _editor(base)
            now = {s["subject"]: s["version"] for s in editor.get(f"/api/scenarios/{SE}/stances").json()["stances"]}
            r = editor.post(f"/api/scenarios/{SE}/stances", json={
                "subject": "party:b", "stance": "undecided", "version": now.get("party:b", 0)})
            assert r.status_code == 200, r.text
            expect(page.locator("#live-status")).to_contain_text("rejected at 175 no", timeout=10_000)
            assert "n/a" not in page.inner_text("#live-status")
        finally:
            browser.close()
