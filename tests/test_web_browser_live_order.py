"""A slow live update in a real browser (Playwright driving Debian's Chromium): when the fragment fetched for
an earlier change arrives after the one fetched for a later change, the open dashboard keeps the later count,
and never goes back to the earlier one (which no further change would have corrected)."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from browser import launch, need_chromium
from test_web_live import PASSWORD, PK, server, sign_in  # noqa: F401
from whipcount.storage import Store


def _editor(base: str) -> httpx.Client:
    http = httpx.Client(base_url=base, timeout=10)
    r = http.post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert r.status_code == 200, r.text
    http.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return http


def _wait(page: Any, until: Any, what: str, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not until():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        page.wait_for_timeout(50)


@pytest.mark.browser
def test_a_late_fragment_of_an_earlier_change_does_not_undo_a_later_one(server: tuple[str, Store]) -> None:  # noqa: F811
    need_chromium()
    from playwright.sync_api import sync_playwright

    base, store = server
    held: list[tuple[Any, Any]] = []

    def hold_the_first(route: Any) -> None:
        if not held:  # the fragment of the first change, read now and delivered late
            held.append((route, route.fetch()))
        else:
            route.continue_()

    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = sign_in(browser.new_context(), base, "vera")
            page.route(f"**/s/{PK}/live*", hold_the_first)
            yes = int(page.inner_text("#yes"))
            editor = _editor(base)
            versions = {s["subject"]: s["version"] for s in editor.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
            # PML-N's 84 seats (83 on the vote's day: Ayaz Sadiq presides), yes by default as the opposition,
            # go undecided; then PPP's 56 too
            first = editor.post(f"/api/scenarios/{PK}/stances", json={
                "subject": "party:pml-n", "stance": "undecided", "version": versions.get("party:pml-n", 0)})
            assert first.status_code == 200, first.text
            _wait(page, lambda: bool(held), "the first change's fragment")
            second = editor.post(f"/api/scenarios/{PK}/stances", json={
                "subject": "party:ppp", "stance": "undecided", "version": versions.get("party:ppp", 0)})
            assert second.status_code == 200, second.text
            later = yes - 83 - 56
            _wait(page, lambda: page.inner_text("#yes").strip() == str(later), "the second change on the page")
            route, response = held[0]
            route.fulfill(response=response)  # the first change's fragment arrives now, late
            page.wait_for_timeout(1000)
            assert page.inner_text("#yes").strip() == str(later)
            rev = store.revision(PK)
            assert page.get_attribute("#live", "data-revision") == str(rev)
        finally:
            browser.close()
