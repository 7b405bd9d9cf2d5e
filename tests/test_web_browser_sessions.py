"""Sessions in a real browser (Playwright driving Debian's Chromium): a cookie saved before signing out no
longer signs anyone in, and a cross-site form posting to /logout neither signs the visitor out nor
replaces the visitor's session cookie."""

from __future__ import annotations

from typing import Any

import pytest

from browser import launch, need_chromium
from test_web_live import server, sign_in  # noqa: F401
from whipcount.storage import Store
from whipcount.web.auth import SESSION_COOKIE


def _me(ctx: Any, base: str) -> Any:
    return ctx.request.get(f"{base}/api/me").json()["user"]


@pytest.fixture
def chromium() -> None:
    need_chromium()


def test_a_cookie_saved_before_sign_out_signs_no_one_in(server: tuple[str, Store], chromium: None) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context()
            page = sign_in(ctx, base, "vera")
            saved = ctx.cookies()
            assert _me(ctx, base) == "vera"
            page.click("form[action='/logout'] button")
            page.wait_for_load_state("domcontentloaded")
            assert _me(ctx, base) is None
            thief = browser.new_context()
            thief.add_cookies(saved)
            assert _me(thief, base) is None
        finally:
            browser.close()


def test_a_cross_site_post_to_logout_changes_nothing(server: tuple[str, Store], chromium: None) -> None:  # noqa: F811
    from playwright.sync_api import sync_playwright

    base, _ = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context()
            sign_in(ctx, base, "vera")
            before = {c["name"]: c["value"] for c in ctx.cookies()}
            assert before.get(SESSION_COOKIE)  # signed in: the session cookie is there
            evil = ctx.new_page()  # a page of another origin posting a form to /logout
            evil.set_content(f'<form id="f" method="post" action="{base}/logout">'
                             '<input name="csrf_token" value="guess"></form>')
            with evil.expect_navigation():
                evil.evaluate("document.getElementById('f').submit()")
            after = {c["name"]: c["value"] for c in ctx.cookies()}
            assert after.get(SESSION_COOKIE) == before[SESSION_COOKIE]
            assert _me(ctx, base) == "vera"
        finally:
            browser.close()
