"""The report on a phone or computer set to dark (``prefers-color-scheme: dark``): a dark page with light text,
every text readable on what is behind it, and paper still dark on white. The page had been white whatever the
reader chose, a glaring sheet on a phone at night.

The truths are the browser's own computed colours (Chromium, emulating the reader's choice) and WCAG 2.x's
contrast ratio, computed here from its definition: 4.5:1 for text, 3:1 for a swatch against the page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import chromium_browser
from whipcount.io.scenario import load_scenario
from whipcount.report import build_report

pytestmark = pytest.mark.browser

CASES = ("pk-na-2022", "il-knesset-2021", "jp-hr-2024")  # Latin, Hebrew, Japanese names

# every visible text outside the charts: its colour and the first opaque background behind it (the page's
# own white where none is set, as a browser paints it)
TEXTS = """() => {
  const bg = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") return c;
    }
    return "rgb(255, 255, 255)";
  };
  const out = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const el = walk.currentNode.parentElement;
    if (!walk.currentNode.data.trim() || !el || el.closest("svg, title, style")) continue;
    if (!el.checkVisibility({checkVisibilityCSS: true})) continue;
    out.push([getComputedStyle(el).color, bg(el), walk.currentNode.data.trim().slice(0, 40)]);
  }
  return out;
}"""
SWATCHES = """() => Array.from(document.querySelectorAll(".sw"), s => {
  const st = getComputedStyle(s);
  return [st.backgroundColor, st.boxShadow];
})"""


def _rgb(css: str) -> tuple[float, float, float]:
    inside = css[css.index("(") + 1:css.index(")")].replace(",", " ").split()
    return (float(inside[0]), float(inside[1]), float(inside[2]))


def _luminance(css: str) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = map(lin, _rgb(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula() -> None:
    assert _contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    assert _contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_browser() as b:
        yield b


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("dark")
    out = {}
    for name in CASES:
        path = folder / f"{name}.html"
        path.write_text(build_report(load_scenario(name)), encoding="utf-8")
        out[name] = path.as_uri()
    return out


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", CASES)
def test_a_dark_page_with_readable_text(browser: Any, reports: dict[str, str], name: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme="dark")
    try:
        page.goto(reports[name])
        body = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert _luminance(body) < 0.02, f"the page stays light in dark mode: {body}"
        texts = page.evaluate(TEXTS)
        assert texts
        low = [(round(_contrast(fg, bg), 2), fg, bg, t) for fg, bg, t in texts if _contrast(fg, bg) < 4.5]
        assert low == [], low[:5]
        page_bg = body
        for fill, shadow in page.evaluate(SWATCHES):
            ring = shadow[:shadow.index(")") + 1] if shadow.startswith("rgb") else fill
            assert max(_contrast(fill, page_bg), _contrast(ring, page_bg)) >= 3, (fill, shadow)
    finally:
        page.close()


def test_print_stays_dark_on_white(browser: Any, reports: dict[str, str]) -> None:
    page = browser.new_page(viewport={"width": 680, "height": 1100}, color_scheme="dark")
    try:
        page.emulate_media(media="print", color_scheme="dark")
        page.goto(reports["pk-na-2022"])
        assert _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.9
        texts = page.evaluate(TEXTS)
        assert all(_luminance(fg) < 0.2 for fg, _, _ in texts), [t for t in texts if _luminance(t[0]) >= 0.2][:5]
    finally:
        page.close()
