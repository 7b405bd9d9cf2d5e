"""Every bundled case's report and dashboard in a real Chromium, at a 320- and a 390-pixel phone and a 1280-pixel
laptop: every visible text is at least 10 CSS pixels, nothing overflows the page sideways (no page scrollbar,
no chart text cut off), and every region that scrolls sideways can be scrolled from the keyboard (it takes focus
or holds something that does; WCAG 2.1.1).

One browser for the module; each case is loaded once per kind of screen (a phone's touch screen, a laptop's), and
the phone's page is laid out at both its widths. The truths are Chromium's own layout of the pages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import chromium_browser
from test_phone_browser import OUTSIDE, TEXT_SIZES
from test_web_live import running, sign_in
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.report import build_report
from whipcount.storage import Store
from whipcount.storage.system_account import system_account

pytestmark = pytest.mark.browser

CASES = sorted(bundled_scenarios())
PHONES = (390, 320)
LAPTOP = 1280
PHONE_CONTEXT: dict[str, Any] = {"viewport": {"width": PHONES[0], "height": 900}, "has_touch": True, "is_mobile": True}
LAPTOP_CONTEXT: dict[str, Any] = {"viewport": {"width": LAPTOP, "height": 900}}

# Regions that scroll sideways (their content wider than their box, and overflow-x auto or scroll) that neither
# take focus nor hold an element that does: no key can scroll them (axe-core's scrollable-region-focusable).
UNREACHABLE = """() => {
  const focusable = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  return Array.from(document.querySelectorAll("body *")).filter(el => {
    const ox = getComputedStyle(el).overflowX;
    if (!(ox === "auto" || ox === "scroll") || el.scrollWidth <= el.clientWidth + 1) return false;
    if (!el.checkVisibility()) return false;
    return !(el.tabIndex >= 0 || el.querySelector(focusable));
  }).map(el => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " +
                (el.getAttribute("aria-label") || el.textContent.trim().slice(0, 40)));
}"""
# against the layout's width, not the window's: on a phone the window widens to what overflows
PAGE_OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def problems(page: Any, where: str) -> list[str]:
    """What fails on ``page`` as laid out now, each line naming ``where``."""
    out = [f"{where}: text {s:.2f}px <{tag}> {t!r}" for s, tag, t in page.evaluate(TEXT_SIZES) if s < 10 - 1e-6]
    out += [f"{where}: chart text cut off: {t!r}" for t in page.evaluate(OUTSIDE)]
    extra = page.evaluate(PAGE_OVERFLOW)
    if extra > 0:
        out.append(f"{where}: the page scrolls sideways by {extra} px")
    out += [f"{where}: no key scrolls {r!r}" for r in page.evaluate(UNREACHABLE)]
    return out


def at_every_width(pages: dict[str, Any], url: str, what: str) -> list[str]:
    """``url`` loaded once on the phone (laid out at 390 and 320 pixels) and once on the laptop: its problems."""
    found = []
    phone = pages["phone"]
    phone.set_viewport_size({"width": PHONES[0], "height": 900})
    for page in (phone, pages["laptop"]):
        response = page.goto(url)
        assert response is None or response.ok, f"{what}: {url} answered {response.status}"
    for width in PHONES:
        phone.set_viewport_size({"width": width, "height": 900})
        found += problems(phone, f"{what} at {width}")
    found += problems(pages["laptop"], f"{what} at {LAPTOP}")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium_browser() as b:
        yield b


def test_every_report_at_every_width(browser: Any, tmp_path: Any) -> None:
    pages = {"phone": browser.new_page(**PHONE_CONTEXT), "laptop": browser.new_page(**LAPTOP_CONTEXT)}
    found = []
    for name in CASES:
        path = tmp_path / f"{name}.html"
        path.write_text(build_report(load_scenario(name)), encoding="utf-8")
        found += at_every_width(pages, path.as_uri(), f"report {name}")
    assert found == [], "\n".join(found)


def test_every_dashboard_at_every_width(browser: Any, tmp_path: Any) -> None:
    with running(tmp_path) as (base, store, _):
        _save_every_case(store)
        contexts = [browser.new_context(**PHONE_CONTEXT), browser.new_context(**LAPTOP_CONTEXT)]
        try:
            pages = {"phone": sign_in(contexts[0], base, "vera"), "laptop": sign_in(contexts[1], base, "vera")}
            found = []
            for name in CASES:
                found += at_every_width(pages, f"{base}/s/{name}", f"dashboard {name}")
        finally:
            for ctx in contexts:
                ctx.close()
    assert found == [], "\n".join(found)


def _save_every_case(store: Store) -> None:
    """Every bundled case in ``store`` (the server seeds one of them)."""
    for name in CASES:
        if not store.has_scenario(name):
            store.save_scenario(load_scenario(name), user=system_account(), reason="every case")


def test_the_checks_find_what_they_look_for(browser: Any) -> None:
    """A page with a word too long for a phone, a table that scrolls where no key can reach it, a chart
    text cut off and 9-pixel text: each is found, and named."""
    page = browser.new_page(**PHONE_CONTEXT)
    page.set_content(
        "<meta name='viewport' content='width=device-width'><p>" + "x" * 80 + "</p>"
        "<div style='overflow-x:auto'><table><tr>" + "<td>cell</td>" * 40 + "</tr></table></div>"
        "<svg viewBox='0 0 100 20' width='100'><text x='60' y='15' font-size='12'>cut off here</text></svg>"
        "<p style='font-size:9px'>small</p>")
    found = problems(page, "here")
    page.close()
    assert [f.split(":")[1].split()[0] for f in found] == ["text", "chart", "the", "no"], found
