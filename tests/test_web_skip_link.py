"""Every page of the web app opens with a "Skip to main content" link, the first thing the Tab key reaches, that
leads to the page's one main landmark (``<main id="main">``): a keyboard or screen-reader user goes past the
header's links in one step. Checked over every page template the app renders (a template added later without a
page here fails the sweep), and in Chromium: one Tab from the top of the page focuses the link, Enter moves the
focus to the main landmark and the next Tab to the first link or field inside it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from browser import chromium_browser
from test_web_live import PK, server  # noqa: F401
from whipcount.storage import Store
from whipcount.web.app import create_app

PASSWORD = "a long enough password"
TEMPLATES = Path(__file__).parents[1] / "src" / "whipcount" / "web" / "templates"
PAGES = {  # template: (who is signed in, the page that renders it)
    "login.html": (None, "/login"),
    "dashboard.html": (None, f"/s/{PK}"),
    "members.html": (None, f"/s/{PK}/members"),
    "events.html": (None, f"/s/{PK}/events"),
    "compare.html": (None, "/compare"),
    "error.html": (None, "/s/no-such-scenario"),
    "stance.html": ("alice", f"/s/{PK}/stance?subject=party:ppp"),
    "event_new.html": ("alice", f"/s/{PK}/events/new"),
    "password.html": ("alice", "/password"),
    "audit.html": ("root", "/audit"),
    "api_docs.html": (None, "/api/docs"),
}
"""base.html is the frame of the others; templates named _x.html are parts of a page, not pages."""
FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary", "iframe"}


class _Landmarks(HTMLParser):
    """The first element of the body the Tab key stops at, its attributes and text; the ``<main>`` elements' ids."""

    def __init__(self) -> None:
        super().__init__()
        self.first: tuple[str, dict[str, str | None]] | None = None
        self.first_text = ""
        self.mains: list[str | None] = []
        self._in_first = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "main":
            self.mains.append(a.get("id"))
        if self.first is None and _tabbable(tag, a):
            self.first, self._in_first = (tag, a), True

    def handle_endtag(self, tag: str) -> None:
        if self.first is not None and tag == self.first[0]:
            self._in_first = False

    def handle_data(self, data: str) -> None:
        if self._in_first:
            self.first_text += data


def _tabbable(tag: str, a: dict[str, str | None]) -> bool:
    """Whether the Tab key stops at an element ``tag`` with attributes ``a``."""
    tabindex = a.get("tabindex")
    if tabindex is not None:
        return not tabindex.startswith("-")
    return tag in FOCUSABLE and (tag != "a" or "href" in a) and a.get("type") != "hidden"


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from conftest import make_web_store

    store = make_web_store(tmp_path, monkeypatch, {"root": "admin", "alice": "editor"}, PASSWORD)
    yield create_app(store.url, store=store, secret="skip-" + "x" * 40, public_read=True, fail_delay=0.0)
    store.close()


def test_the_sweep_covers_every_page_template() -> None:
    pages = {p.name for p in TEMPLATES.glob("*.html") if not p.name.startswith("_") and p.name != "base.html"}
    assert pages == set(PAGES)


def test_every_page_opens_with_a_skip_link_to_its_one_main_landmark(app: Any) -> None:
    rendered: list[str] = []
    env = app.state.wc.templates
    get = env.get_template
    env.get_template = lambda name, *a, **kw: rendered.append(name) or get(name, *a, **kw)
    for template, (user, path) in PAGES.items():
        c = TestClient(app)
        if user:
            assert c.post("/api/login", json={"name": user, "password": PASSWORD}).status_code == 200
        rendered.clear()
        r = c.get(path)
        assert r.headers["content-type"].startswith("text/html"), path
        if template != "api_docs.html":  # a static file, not rendered by Jinja
            assert template in rendered, (path, rendered)
        page = _Landmarks()
        page.feed(r.text)
        assert page.mains == ["main"], path  # one main landmark, the skip link's target
        assert page.first is not None, path
        tag, attrs = page.first
        assert (tag, attrs.get("href"), page.first_text.strip()) == ("a", "#main", "Skip to main content"), path
        assert "skip" in (attrs.get("class") or "").split(), path
        assert re.search(r'<link rel="stylesheet" href="/static/skip.css">', r.text), path
    assert TestClient(app).get("/static/skip.css").status_code == 200


@pytest.mark.browser
@pytest.mark.parametrize("path", [f"/s/{PK}", "/login", "/api/docs"])
def test_one_tab_reaches_the_skip_link_and_enter_takes_the_focus_to_the_main_content(
        server: tuple[str, Store], path: str) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        page = browser.new_page()
        page.goto(base + path)
        link = page.locator("a.skip")
        assert link.bounding_box()["y"] < 0  # type: ignore[index]  # out of sight before it has the focus
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
        assert focused == ["skip", "Skip to main content"]
        box = link.bounding_box()
        assert box is not None and box["y"] >= 0 and box["height"] > 10  # in sight now
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        if path != "/api/docs":  # Swagger UI draws its page later; its first control is its own
            page.keyboard.press("Tab")
            assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
            assert page.evaluate("!document.querySelector('header').contains(document.activeElement)")
