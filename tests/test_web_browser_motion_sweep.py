"""A further motion's pages in a real browser (Playwright driving Debian's Chromium), as a newsroom reads them on
a phone and on a desktop, with JavaScript off and on: the header leads to the same motion's pages, the forms
(the dashboard's day, the members' filters, the stance form, the event log's filters) keep it, each page's title
names it, and the accessibility basics hold: one h1, no heading level skipped, every control labelled, nothing
wider than the screen, and after a stance form refused the focus on what went wrong (it had stayed at the top of
the page, the message below the fold on a phone)."""

from __future__ import annotations

from typing import Any

from browser import chromium_browser
from test_web_live import PASSWORD, PK, server  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

ELECTION = "pm-election-2022-04-11"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
BASICS = """() => {
  const out = [];
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  if (levels.filter(l => l === 1).length !== 1) out.push('h1s: ' + levels.filter(l => l === 1).length);
  levels.forEach((l, i) => { if (i && l > levels[i - 1] + 1) out.push('h' + levels[i - 1] + ' then h' + l); });
  for (const el of document.querySelectorAll('input:not([type=hidden]),select,textarea,button')) {
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.textContent.trim();
    if (!named) out.push('unlabelled: ' + el.outerHTML.slice(0, 80));
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('wider than the screen');
  return out;
}"""


def _sign_in(ctx: Any, base: str) -> Any:
    page = ctx.new_page()
    page.goto(f"{base}/login?next=/s/{PK}")
    page.fill("input[name=name]", "alice")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}/s/{PK}", wait_until="domcontentloaded")
    return page


def _check(page: Any, label: str) -> None:
    assert page.evaluate(BASICS) == [], page.url
    assert label in page.title(), (page.url, page.title())


def test_a_further_motions_pages_on_a_phone_and_a_desktop(server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    sc = load_scenario(PK)
    label = sc.motion_label(next(m for m in sc.motions if m.id == ELECTION))
    with chromium_browser() as browser:
        for script in (False, True):
            for screen in (PHONE, DESKTOP):
                ctx = browser.new_context(java_script_enabled=script, viewport=screen)
                page = _sign_in(ctx, base)
                page.goto(f"{base}/s/{PK}?motion={ELECTION}")
                _check(page, label)
                # the header's Members & parties: the same motion's, its filters kept on it
                page.click("header >> text=Members & parties")
                page.wait_for_load_state()
                _check(page, label)
                page.select_option("select[name=stance]", "absent")
                page.click("form.filters >> text=Filter")
                page.wait_for_load_state()
                assert f"motion={ELECTION}" in page.url and "stance=absent" in page.url
                # an edit link, a stance refused: the focus on the message, the motion kept
                page.click("a[href*='subject=party%3Apti&']")
                page.wait_for_load_state()
                _check(page, label)
                form = page.locator("form.stance:not(.take-back)")
                form.locator("input[name=date]").fill("2000-01-01")
                form.locator("button[type=submit]").click()
                page.wait_for_load_state()
                assert page.evaluate("document.activeElement.id") == "form-error"
                assert "date: expected" in page.evaluate("document.activeElement.textContent")
                _check(page, label)
                # the header's Event log, its filters; then back to the motion's dashboard on a past day
                page.click("header >> text=Event log")
                page.wait_for_load_state()
                _check(page, "Event log")  # the scenario's, every motion's
                page.select_option("select[name=action]", "stance.set")
                page.click("form.filters >> text=Filter")
                page.wait_for_load_state()
                assert f"motion={ELECTION}" in page.url and "action=stance.set" in page.url
                page.click("header >> text=Dashboard")
                page.wait_for_load_state()
                page.fill("main input[name=on]", "2022-04-05")
                page.click("main form.inline button")
                page.wait_for_load_state()
                assert f"motion={ELECTION}" in page.url and "on=2022-04-05" in page.url
                _check(page, label)
                ctx.close()


def test_a_refused_sign_in_or_password_change_puts_the_focus_on_why(server: tuple[str, Store]) -> None:  # noqa: F811
    base, _ = server
    with chromium_browser() as browser:
        ctx = browser.new_context(java_script_enabled=False, viewport=PHONE)
        page = ctx.new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=name]", "alice")
        page.fill("input[name=password]", "not the password")
        page.click("form.login button[type=submit]")
        page.wait_for_load_state()
        assert page.evaluate("document.activeElement.id") == "form-error"
        page = _sign_in(ctx, base)
        page.goto(f"{base}/password")
        page.fill("input[name=current_password]", "not the password")
        page.fill("input[name=new_password]", "a new and long pass phrase")
        page.fill("input[name=new_password_again]", "a new and long pass phrase")
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
        assert page.evaluate("document.activeElement.id") == "form-error"
        ctx.close()
