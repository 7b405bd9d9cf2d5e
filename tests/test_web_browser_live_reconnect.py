"""A live-update stream answered with an error (a proxy's 502 while the server restarts, a 503), in a real
browser (Playwright driving Debian's Chromium): the browser's EventSource gives up on such an answer for
good, so the dashboard connects again by itself and shows what changed meanwhile, or says it is signed out
when its session ended meanwhile, rather than going on showing a count that no longer moves."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from browser import launch, need_chromium
from test_web_browser_live_order import _editor, _wait
from test_web_live import PK, server, sign_in  # noqa: F401
from whipcount.storage import Store


def _refuse_the_first_stream(page: Any, status: int) -> list[int]:
    """Answer the page's next live-update stream with ``status``, as a proxy does while the server restarts;
    later streams go through. Returns the list of streams asked for (by their number), growing."""
    asked: list[int] = []

    def handler(route: Any) -> None:
        asked.append(len(asked))
        if len(asked) == 1:
            route.fulfill(status=status, content_type="text/html", body="<h1>Bad gateway</h1>")
        else:
            route.continue_()

    page.route("**/events/stream*", handler)
    return asked


@pytest.mark.browser
@pytest.mark.parametrize("status", [502, 503])
def test_the_dashboard_reconnects_after_its_stream_is_refused_and_shows_what_changed(
        server: tuple[str, Store], status: int) -> None:  # noqa: F811
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = sign_in(browser.new_context(), base, "vera")
            asked = _refuse_the_first_stream(page, status)
            page.reload()
            _wait(page, lambda: len(asked) >= 1, "the refused stream")
            yes = int(page.inner_text("#yes"))
            editor = _editor(base)
            now = {s["subject"]: s["version"] for s in editor.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
            # an opposition party's seats, yes by default, go undecided while the stream is down (BNP-M's 4,
            # then JWP's 1: the server is the module's)
            subject, seats = {502: ("party:bnp-m", 4), 503: ("party:jwp", 1)}[status]
            r = editor.post(f"/api/scenarios/{PK}/stances", json={
                "subject": subject, "stance": "undecided", "version": now.get(subject, 0)})
            assert r.status_code == 200, r.text
            _wait(page, lambda: page.inner_text("#yes").strip() == str(yes - seats), "the change on the page", 20)
            assert len(asked) >= 2  # connected again
        finally:
            browser.close()


@pytest.mark.browser
def test_a_dashboard_whose_session_ended_while_its_stream_was_down_says_it_is_signed_out(
        server: tuple[str, Store]) -> None:  # noqa: F811
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, store = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context()
            page = sign_in(ctx, base, "vera")
            asked = _refuse_the_first_stream(page, 502)
            page.reload()
            _wait(page, lambda: len(asked) >= 1, "the refused stream")
            http = httpx.Client(base_url=base, timeout=10,
                                cookies={c["name"]: c["value"] for c in ctx.cookies()})
            csrf = http.get("/api/me").json()["csrf_token"]
            assert http.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 200  # in another tab
            _wait(page, lambda: page.is_visible("#live-ended"), "the page to say it is signed out", 20)
            assert "Signed out" in page.inner_text("#live-status")
        finally:
            browser.close()
