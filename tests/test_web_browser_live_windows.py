"""Many dashboard windows of one browser, all in view (Playwright driving Debian's Chromium): a browser opens at
most six connections to one server over HTTP/1.1 and each live-update stream holds one, so with a stream per
window the seventh window never loaded, and no page or form of the site answered that browser any more. The
windows now share one stream, whatever their scenarios: one window holds it (a stream of no one scenario, which
carries every scenario's revision, then every change) and passes its events on to the others, each taking its own
scenario's; when that window closes or goes out of view, another takes the stream up."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from browser import chromium_browser
from test_web_browser_live_order import _editor, _wait
from test_web_browser_live_tabs import HIDE
from test_web_live import PASSWORD, PK, _next_event, server, sign_in  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-1982"
OTHERS = ["de-bt-1972", "es-cd-2018", "gb-hc-1979", "gb-hc-2019", "il-knesset-2021", "se-riksdag-2021"]
"""Bundled scenarios, loaded into the database for windows on as many scenarios as windows."""
LOAD = 5000
"""Milliseconds a page of the site may take to load: on a loopback server it takes well under one."""


def _streams(ctx: Any) -> list[str]:
    """The live-update streams the windows of ``ctx`` ask for from now on (their addresses), growing."""
    asked: list[str] = []
    ctx.on("request", lambda r: asked.append(r.url) if "/events/stream" in r.url else None)
    return asked


def _undecided(editor: httpx.Client, scenario: str, party: str) -> None:
    """Record ``party`` of ``scenario`` as undecided, through the API."""
    now = {s["subject"]: s["version"] for s in editor.get(f"/api/scenarios/{scenario}/stances").json()["stances"]}
    subject = f"party:{party}"
    r = editor.post(f"/api/scenarios/{scenario}/stances",
                    json={"subject": subject, "stance": "undecided", "version": now.get(subject, 0)})
    assert r.status_code == 200, r.text


def _yes(page: Any) -> int:
    return int(page.inner_text("#yes"))


def _all_show(pages: list[Any], yes: int, what: str) -> None:
    for i, page in enumerate(pages):
        _wait(page, lambda page=page: _yes(page) == yes, f"{what} in window {i + 1} of {len(pages)}")


@pytest.mark.browser
def test_eight_windows_on_one_scenario_share_one_stream_and_the_site_still_answers(
        server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        asked = _streams(ctx)
        windows = [sign_in(ctx, base, "vera")]
        for _ in range(7):  # all in view: a newsroom's wall of screens
            window = ctx.new_page()
            window.goto(f"{base}/s/{PK}", timeout=LOAD)
            windows.append(window)
        yes = _yes(windows[0])
        editor = _editor(base)
        # BNP-M's 4 seats, yes by default as the opposition, go undecided
        _undecided(editor, PK, "bnp-m")
        _all_show(windows, yes - 4, "BNP-M's 4 seats gone from yes")
        ctx.new_page().goto(f"{base}/s/{PK}/members", timeout=LOAD)  # the site still answers this browser
        assert asked == [f"{base}/events/stream"]  # one stream for the eight windows
        # the window holding the stream closes: another takes it up, and the rest still hear of changes
        windows.pop(0).close()
        _undecided(editor, PK, "jwp")  # JWP's 1 seat, yes by the replayed log's day
        _all_show(windows, yes - 5, "JWP's seat gone from yes after the first window closed")
        assert len(asked) == 2, asked


def _load(store: Store, scenarios: list[str]) -> None:
    for sid in scenarios:
        if not store.has_scenario(sid):
            store.save_scenario(load_scenario(sid))


def test_a_stream_of_no_one_scenario_carries_every_scenarios_revision_then_every_change(
        server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    _load(store, [DE])
    with httpx.Client(base_url=base, timeout=10) as reader:
        assert reader.post("/api/login", json={"name": "vera", "password": PASSWORD}).status_code == 200
        with reader.stream("GET", "/events/stream") as stream:
            lines = stream.iter_lines()
            ids = [s.id for s in store.scenarios()]
            assert {DE, PK} <= set(ids)
            first = [_next_event(lines) for _ in ids]
            assert sorted(first, key=lambda e: e["scenario"]) == [
                {"scenario": sid, "revision": store.revision(sid)} for sid in sorted(ids)]
            editor = _editor(base)
            _undecided(editor, DE, "spd")
            de = {"scenario": DE, "revision": store.revision(DE)}
            assert _next_event(lines) == de
            _undecided(editor, PK, "pml-n")
            pk = {"scenario": PK, "revision": store.revision(PK)}
            after = _next_event(lines)
            while after == de:  # the same revision again once its P(pass) has landed
                after = _next_event(lines)
            assert after == pk


@pytest.mark.browser
def test_eight_windows_on_eight_scenarios_share_one_stream_each_hearing_of_its_own(
        server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    _load(store, [DE, *OTHERS])
    with chromium_browser() as browser:
        ctx = browser.new_context()
        asked = _streams(ctx)
        windows = {PK: sign_in(ctx, base, "vera")}
        for sid in [DE, *OTHERS]:  # more scenarios in view than a browser has connections
            windows[sid] = ctx.new_page()
            windows[sid].goto(f"{base}/s/{sid}", timeout=LOAD)
        yes = {sid: _yes(w) for sid, w in windows.items()}
        editor = _editor(base)
        # the FDP's 53 seats (1982, opposition: yes by default) go undecided; no other scenario's count moves
        _undecided(editor, DE, "fdp")
        _all_show([windows[DE]], yes[DE] - 53, "the FDP's 53 seats gone from yes")
        # the ANP's 1 seat (opposition) goes undecided
        _undecided(editor, PK, "anp")
        _all_show([windows[PK]], yes[PK] - 1, "the ANP's seat gone from yes")
        assert {sid: _yes(w) for sid, w in windows.items()} == {**yes, DE: yes[DE] - 53, PK: yes[PK] - 1}
        assert asked == [f"{base}/events/stream"]  # one stream for the browser
        ctx.new_page().goto(f"{base}/compare", timeout=LOAD)  # the site still answers this browser


@pytest.mark.browser
def test_the_window_holding_the_stream_goes_out_of_view_and_a_sign_out_reaches_every_window(
        server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        asked = _streams(ctx)
        windows = [sign_in(ctx, base, "vera")]
        for _ in range(3):
            window = ctx.new_page()
            window.goto(f"{base}/s/{PK}", timeout=LOAD)
            windows.append(window)
        yes = _yes(windows[0])
        windows[0].evaluate(HIDE, True)  # the first window, which holds the stream, goes out of view
        _wait(windows[1], lambda: len(asked) == 2, "another window to take the stream up")
        # the PPP's 56 seats (opposition, no stance recorded: yes) go undecided
        _undecided(_editor(base), PK, "ppp")
        _all_show(windows[1:], yes - 56, "the PPP's seats gone from yes")
        assert _yes(windows[0]) == yes  # out of view: not told
        windows[0].evaluate(HIDE, False)  # back in view: asks the window now holding the stream
        _all_show(windows[:1], yes - 56, "the change in the window back in view")
        assert len(asked) == 2, asked
        # signed out in another tab: the window holding the stream hears it and tells the others
        http = httpx.Client(base_url=base, timeout=10, cookies={c["name"]: c["value"] for c in ctx.cookies()})
        csrf = http.get("/api/me").json()["csrf_token"]
        assert http.post("/api/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
        for i, window in enumerate(windows):
            _wait(window, lambda window=window: window.is_visible("#live-ended"), f"window {i + 1} signed out", 20)
            assert "Signed out" in window.inner_text("#live-status")


@pytest.mark.browser
def test_windows_of_a_browser_without_web_locks_each_keep_a_stream_of_their_scenario(
        server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        # as a page served over plain HTTP from another host sees it: no navigator.locks
        ctx.add_init_script("Object.defineProperty(Navigator.prototype, 'locks', {value: undefined});")
        asked = _streams(ctx)
        windows = [sign_in(ctx, base, "vera"), ctx.new_page()]
        windows[1].goto(f"{base}/s/{PK}", timeout=LOAD)
        yes = _yes(windows[0])
        # the MMA's 14 seats (opposition, no stance recorded: yes) go undecided
        _undecided(_editor(base), PK, "mma")
        _all_show(windows, yes - 14, "the MMA's seats gone from yes")
        assert asked == [f"{base}/events/stream?scenario={PK}"] * 2  # a stream each, as before
