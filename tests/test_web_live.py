"""Live updates over a real socket: the server-sent event stream, and two browsers (Playwright driving
Debian's Chromium) where one editor's change appears on another's open dashboard without a reload."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from argon2 import PasswordHasher

from browser import chromium_browser, launch, need_chromium
from whipcount.storage import Store, passwords
from whipcount.web.app import create_app

PK = "pk-na-2022"
PASSWORD = "a long enough password"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The app under uvicorn on a free loopback port, in a thread; an editor and a viewer exist."""
    with running(tmp_path_factory.mktemp("live")) as (base, store, _):
        yield base, store


@contextmanager
def running(folder: Path) -> Iterator[tuple[str, Store, Any]]:
    """The app under uvicorn on a free loopback port, in a thread (its address, store and app); an editor
    and a viewer exist."""
    fast = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    old, passwords._hasher = passwords._hasher, fast
    store = Store(f"sqlite:///{folder / 'live.db'}")
    store.add_user("alice", "editor", PASSWORD)
    store.add_user("vera", "viewer", PASSWORD)
    app = create_app(store.url, store=store, secret="live-test-" + "x" * 40)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=1)
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while not srv.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start within 10 s")
            time.sleep(0.02)
        yield f"http://127.0.0.1:{port}", store, app
    finally:
        srv.should_exit = True
        thread.join(timeout=5)
        store.close()
        passwords._hasher = old


def sign_in(ctx: Any, base: str, user: str) -> Any:
    """Sign ``user`` in through the login form of a browser context; the dashboard page it lands on."""
    page = ctx.new_page()
    page.goto(f"{base}/login?next=/s/{PK}")
    page.fill("input[name=name]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/s/{PK}", wait_until="domcontentloaded")
    return page


@contextmanager
def signed_in(base: str, user: str) -> Iterator[Any]:
    """A Chromium signed in as ``user`` through the login form (:func:`sign_in`): the page it lands on."""
    with chromium_browser() as browser:
        yield sign_in(browser.new_context(), base, user)


def _login(http: httpx.Client, user: str) -> str:
    r = http.post("/api/login", json={"name": user, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["csrf_token"])


def _next_event(lines: Iterator[str]) -> dict[str, Any]:
    kind = None
    for line in lines:
        if line.startswith("event:"):
            kind = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and kind == "revision":
            return dict(json.loads(line.split(":", 1)[1]))
    raise AssertionError("the stream ended without an event")


def test_the_stream_announces_every_change(server: tuple[str, Store]) -> None:
    base, store = server
    with httpx.Client(base_url=base, timeout=10) as reader, httpx.Client(base_url=base, timeout=10) as writer:
        _login(reader, "vera")
        token = _login(writer, "alice")
        with reader.stream("GET", "/events/stream", params={"scenario": PK}) as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            lines = stream.iter_lines()
            first = _next_event(lines)
            assert first == {"scenario": PK, "revision": store.revision(PK)}
            r = writer.post(f"/api/scenarios/{PK}/stances", headers={"X-CSRF-Token": token},
                            json={"subject": "party:anp", "stance": "lean-no", "version": 0})
            assert r.status_code == 200, r.text
            second = _next_event(lines)
            assert second == {"scenario": PK, "revision": first["revision"] + 1}


def test_the_stream_needs_a_session_unless_public(server: tuple[str, Store]) -> None:
    base, _ = server
    r = httpx.get(f"{base}/events/stream", params={"scenario": PK}, timeout=5)
    assert r.status_code == 401 and r.json()["ok"] is False


@pytest.mark.browser
def test_an_open_dashboard_updates_when_an_editor_changes_a_stance(server: tuple[str, Store]) -> None:
    need_chromium()
    from playwright.sync_api import expect, sync_playwright

    base, store = server
    with sync_playwright() as p:
        browser = launch(p)
        try:
            watcher, editor = browser.new_context(), browser.new_context()
            for ctx, user in ((watcher, "vera"), (editor, "alice")):
                sign_in(ctx, base, user)
            watch = watcher.pages[0]
            watch.evaluate("window.__marker = 'not reloaded'")
            yes_before = int(watch.inner_text("#yes"))
            rev_before = watch.get_attribute("#live", "data-revision")
            # the editor marks PML-N (84 seats, default yes as the opposition) as undecided: 83 of them on the
            # vote's day, which the dashboard shows (Ayaz Sadiq, presiding, has a stance of his own: absent)
            edit = editor.pages[0]
            edit.goto(f"{base}/s/{PK}/stance?subject=party:pml-n")
            edit.check("input[name=stance][value=undecided]")
            edit.fill("input[name=source]", "https://example.org/pml-n")
            edit.fill("textarea[name=note]", "<b>wavering</b>")
            edit.fill("input[name=date]", "2022-04-01")
            edit.click("form.stance button[type=submit]")
            edit.wait_for_url(f"{base}/s/{PK}", wait_until="domcontentloaded")
            expect(watch.locator("#yes")).to_have_text(str(yes_before - 83), timeout=10_000)
            # the polite live region (outside the swapped fragment) says what changed, for screen readers
            expect(watch.locator("#live-status")).to_contain_text(f"yes {yes_before - 83}", timeout=10_000)
            assert watch.get_attribute("#live-status", "aria-live") == "polite"
            assert watch.evaluate("window.__marker") == "not reloaded"
            assert watch.get_attribute("#live", "data-revision") != rev_before
            assert "<b>wavering</b>" in watch.inner_text("#changes")  # shown as text, not markup
            assert watch.locator("#changes b", has_text="wavering").count() == 0
            assert store.stance(PK, "party:pml-n").stance == "undecided"  # type: ignore[union-attr]
        finally:
            browser.close()
