"""Every region of the report that scrolls sideways (a table wider than a 320-pixel phone: the parties, the
events, voting power, a chart's table of seats) takes keyboard focus and is named, so that a reader without a
mouse or touch screen can scroll it (WCAG 2.1.1; axe-core's scrollable-region-focusable, "serious"). At 320
pixels the power table of pk-na-2022, il-knesset-2021 and jp-hr-2024 overflowed in a region no key could reach.

The truths are the page's own markup, parsed, and Chromium's layout of it with axe-core's rules."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

from browser import chromium_browser
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.report import build_report

WIDE = ("pk-na-2022", "il-knesset-2021", "jp-hr-2024")


class _Regions(HTMLParser):
    """The attributes of every element of class ``scroll``."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if "scroll" in (a.get("class") or "").split():
            self.found.append(a)


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_every_scrolling_region_is_focusable_and_named(name: str) -> None:
    parser = _Regions()
    parser.feed(build_report(load_scenario(name)))
    assert parser.found
    for region in parser.found:
        assert region.get("tabindex") == "0", region
        assert region.get("role") == "region", region
        assert (region.get("aria-label") or "").strip(), region


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_browser() as b:
        yield b


@pytest.mark.browser
@pytest.mark.parametrize("name", WIDE)
def test_a_320_pixel_phone_can_scroll_every_region_from_the_keyboard(browser: Any, tmp_path: Any, name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    path = tmp_path / f"{name}.html"
    path.write_text(build_report(load_scenario(name)), encoding="utf-8")
    page = browser.new_page(viewport={"width": 320, "height": 900}, is_mobile=True, has_touch=True)
    try:
        page.goto(path.as_uri())
        results = Axe().run(page, options={"runOnly": ["scrollable-region-focusable"]})
        assert [v["nodes"][0]["target"] for v in results.response["violations"]] == []
    finally:
        page.close()
