"""An open live stream ends when its session does (sign-out, a new password, the account removed), not at
its five-minute lifetime; and an open dashboard whose session has ended says so instead of swapping the
sign-in page into itself (Playwright driving Debian's Chromium)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from browser import launch, need_chromium
from test_web_live import PASSWORD, PK, _login, running, sign_in
from whipcount.storage import Store


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store, Any]]:
    with running(tmp_path_factory.mktemp("signout")) as served:
        yield served


def _sign_out(http: httpx.Client, token: str, store: Store) -> None:
    assert http.post("/api/logout", headers={"X-CSRF-Token": token}).status_code == 200


def _new_password(http: httpx.Client, token: str, store: Store) -> None:
    store.accounts.set_password("vera", PASSWORD + " again")


def _removed(http: httpx.Client, token: str, store: Store) -> None:
    store.accounts.remove("vera")


@pytest.mark.parametrize("end", [_sign_out, _new_password, _removed])
def test_the_stream_ends_when_its_session_does(live: tuple[str, Store, Any],
                                                end: Callable[[httpx.Client, str, Store], None]) -> None:
    base, store, app = live
    app.state.sse_recheck = 0.2
    _vera_back(store)
    with httpx.Client(base_url=base, timeout=10) as http:
        token = _login(http, "vera")
        with http.stream("GET", "/events/stream", params={"scenario": PK}) as stream:
            lines = stream.iter_lines()
            assert any(line.startswith("event: revision") for line in _take(lines, 3))
            end(http, token, store)
            started = time.monotonic()
            rest = list(lines)  # the stream must end by itself, long before its lifetime
        assert time.monotonic() - started < 5
        assert "event: signed-out" in rest, rest



def test_the_stream_and_its_rechecks_do_not_count_as_the_persons_activity(live: tuple[str, Store, Any]) -> None:
    """Six hours after sign-in, opening the stream and its re-checks every 0.2 s leave the session's last
    request where it was: only what the person does extends the idle timeout."""
    base, store, app = live
    app.state.sse_recheck = 0.2
    _vera_back(store)
    real = store.sessions.clock
    with httpx.Client(base_url=base, timeout=10) as http:
        _login(http, "vera")
        cookie = http.cookies["whipcount_session"]
        before = store.sessions.lookup(cookie, touch=False)
        assert before is not None
        store.sessions.clock = lambda: real() + dt.timedelta(hours=6)
        try:
            with http.stream("GET", "/events/stream", params={"scenario": PK}) as stream:
                lines = stream.iter_lines()
                assert any(line.startswith("event: revision") for line in _take(lines, 3))
                time.sleep(0.6)  # a few re-checks
            after = store.sessions.lookup(cookie, touch=False)
            assert after is not None and after.last_seen_at == before.last_seen_at
            assert http.get(f"/s/{PK}").status_code == 200  # a page the person opens does count
            touched = store.sessions.lookup(cookie, touch=False)
            assert touched is not None and touched.last_seen_at > before.last_seen_at
        finally:
            store.sessions.clock = real


def _vera_back(store: Store) -> None:
    """The viewer as the server started with her (a test before may have removed her or changed her password)."""
    if store.user("vera") is None:
        store.add_user("vera", "viewer", PASSWORD)
    store.accounts.set_password("vera", PASSWORD)


def _take(lines: Iterator[str], n: int) -> list[str]:
    return [next(lines) for _ in range(n)]


@pytest.mark.browser
def test_a_dashboard_signed_out_elsewhere_says_so(live: tuple[str, Store, Any]) -> None:
    need_chromium()
    from playwright.sync_api import expect, sync_playwright

    base, store, app = live
    app.state.sse_recheck = 3600.0  # the stream does not notice: the fragment's redirect to /login must be caught
    _vera_back(store)
    with sync_playwright() as p:
        browser = launch(p)
        try:
            ctx = browser.new_context()
            page = sign_in(ctx, base, "vera")
            other = ctx.new_page()  # the same browser signs out in another tab
            other.goto(f"{base}/s/{PK}/members")
            other.click("form[action='/logout'] button")
            other.wait_for_url(f"{base}/login")
            with httpx.Client(base_url=base, timeout=10) as http:
                token = _login(http, "alice")
                current = store.stance(PK, "party:anp")
                r = http.post(f"/api/scenarios/{PK}/stances", headers={"X-CSRF-Token": token},
                              json={"subject": "party:anp", "stance": "no" if current and current.stance != "no"
                                    else "undecided", "version": current.version if current else 0})
                assert r.status_code == 200, r.text
            expect(page.locator("#live-ended")).to_be_visible(timeout=10_000)
            assert page.locator("#live form.login").count() == 0
            assert page.locator("#live #tally").count() == 1
            assert "Signed out" in page.inner_text("#live-status")
        finally:
            browser.close()
