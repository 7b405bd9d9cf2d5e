"""The API docs (Swagger UI) in a real browser (Playwright driving Debian's Chromium) under the pages' own Content
Security Policy, unloosened: no inline script or style is allowed, the browser refuses nothing the page needs (no
CSP violation in the console), the docs list every operation and run one, and an inline script put in by anything
else is refused. The page is read under a name that is not the loopback's, as a newsroom's server is, where Swagger
UI would show an online validator's badge, an image from another site."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from browser import ARGS, CHROMIUM, csp_refusals, need_chromium
from test_web_live import server  # noqa: F401
from whipcount.storage import Store
from whipcount.web.headers import SECURITY_HEADERS

HOST = "whipcount.test"


@contextmanager
def _browser_naming(host: str) -> Iterator[Any]:
    """Chromium resolving ``host`` to the loopback (no DNS asked), closed after."""
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, f"--host-resolver-rules=MAP {host} 127.0.0.1"])
        try:
            yield browser
        finally:
            browser.close()


def test_the_api_docs_work_under_the_pages_own_policy(server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with _browser_naming(HOST) as browser:
        page = browser.new_page()
        refused = csp_refusals(page)
        answer: Any = page.goto(f"http://{HOST}:{urlsplit(base).port}/api/docs")
        assert answer.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
        page.wait_for_selector(".opblock-summary-path", timeout=15_000)
        paths = page.eval_on_selector_all(".opblock-summary-path", "els => els.map(e => e.textContent.trim())")
        assert "/api/login" in paths and "/api/scenarios/{scenario_id}/stances" in paths
        assert page.inner_text(".info .title").startswith("whipcount")
        page.click("#operations-api-me_api_me_get .opblock-summary")  # GET /api/me: Try it out, Execute
        page.click("button.try-out__btn")
        page.click("button.execute")
        page.wait_for_selector(".live-responses-table tbody .response-col_status", timeout=15_000)
        assert page.inner_text(".live-responses-table tbody .response-col_status").strip().startswith("200")
        page.wait_for_timeout(300)  # a late image or style would be refused by now
        assert refused == []
        # an inline script put in by anything else is refused
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
                      " document.body.appendChild(s); }")
        assert page.evaluate("() => window.ran === undefined")
        assert any("script" in r for r in refused), refused
