"""The API docs (Swagger UI) in a real browser (Playwright driving Debian's Chromium) under the pages' Content
Security Policy: no inline script but its own set-up runs, no other site may frame it, and the docs still list
every operation and run one."""

from __future__ import annotations

from typing import Any

from browser import chromium_browser, csp_refusals
from test_web_live import server  # noqa: F401
from whipcount.storage import Store


def test_the_api_docs_work_under_the_pages_policy(server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        page = browser.new_page()
        refused = csp_refusals(page)
        answer: Any = page.goto(f"{base}/api/docs")
        policy = answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        page.wait_for_selector(".opblock-summary-path", timeout=15_000)
        paths = page.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.textContent.trim())")
        assert "/api/login" in paths and "/api/scenarios/{scenario_id}/stances" in paths
        page.click("#operations-api-me_api_me_get .opblock-summary")  # GET /api/me: Try it out, Execute
        page.click("button.try-out__btn")
        page.click("button.execute")
        page.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=15_000)
        assert page.inner_text(".live-responses-table tbody .response-col_status").strip().startswith("200")
        # an inline script put in by anything else is refused
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                      " document.body.appendChild(s); }")
        assert page.evaluate("() => window.ran === undefined")
        assert any("script" in r for r in refused), refused
        assert not [r for r in refused if "style" in r or "img" in r], refused
