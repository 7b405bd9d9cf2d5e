"""The HTML report opens with a "Skip to main content" link, as every page of the web app does: the first thing
the Tab key reaches, leading past the report's header and its list of sections to its one main landmark
(``<main id="main">``), its style inline as the rest of the report's (the file fetches nothing). Checked on every
bundled scenario's report, parsed, and in Chromium: one Tab focuses the link, in sight, Enter moves the focus to
the main landmark and the next Tab to the first link inside it, not to the list of sections."""

from __future__ import annotations

import re

import pytest

from browser import chromium_browser
from test_web_skip_link import _Landmarks
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.report import build_report

PK = "pk-na-2022"


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_the_report_opens_with_a_skip_link_to_its_one_main_landmark(name: str) -> None:
    report = build_report(load_scenario(name))
    page = _Landmarks()
    page.feed(report)
    assert page.mains == ["main"]
    assert page.first is not None
    tag, attrs = page.first
    assert (tag, attrs.get("href"), page.first_text.strip()) == ("a", "#main", "Skip to main content")
    assert "skip" in (attrs.get("class") or "").split()
    # the main landmark comes after the header and the list of sections, which the link leads past
    body = report.split("</head>", 1)[1]
    assert body.index("</header>") < body.index('<nav aria-label="Sections">') < body.index('<main id="main"')
    style = re.search(r"<style>(.*?)</style>", report, re.S)
    assert style and "a.skip{" in style.group(1) and "a.skip:focus{" in style.group(1)
    assert "<link" not in report  # nothing fetched: the link's style is inline


@pytest.mark.browser
def test_one_tab_reaches_the_reports_skip_link_and_enter_takes_the_focus_to_the_main_content(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.html"
    path.write_text(build_report(load_scenario(PK)), encoding="utf-8")
    with chromium_browser() as browser:
        page = browser.new_page()
        page.goto(path.as_uri())
        link = page.locator("a.skip")
        assert link.bounding_box()["y"] < 0  # type: ignore[index]  # out of sight before it has the focus
        page.keyboard.press("Tab")
        assert page.evaluate("[document.activeElement.className, document.activeElement.textContent]") == [
            "skip", "Skip to main content"]
        box = link.bounding_box()
        assert box is not None and box["y"] >= 0 and box["height"] > 10  # in sight now
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        page.keyboard.press("Tab")
        assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
        assert page.evaluate("!document.querySelector('nav').contains(document.activeElement)")
