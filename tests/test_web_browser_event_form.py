"""The event form filled in a real browser on a 360-pixel phone (Playwright driving Debian's Chromium), by keyboard
and with JavaScript on: reached from the event log, a party the scenario lacks shown next to the party field with
the focus on the message, the date before the log's last event confirmed with the box, a session that ended on the
way leading back to the form filled in (the box confirming the date ticked as it was), and the event then in the
log, once; nothing wider than the screen, nothing refused by the Content Security Policy."""

from __future__ import annotations

import re

from browser import chromium_browser, csp_refusals
from browser_session import end_session, sign_in_again
from test_web_live import PASSWORD, PK, server, sign_in  # noqa: F401
from whipcount.storage import Store

FORM = "form.event"
PHONE = {"width": 360, "height": 740}


def _fits(page: object) -> None:
    """Nothing of the page is wider than the screen (no sideways scrolling)."""
    width = page.evaluate("() => document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    assert width <= PHONE["width"], width


def test_an_editor_appends_a_defect_from_a_phone(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    n = len(store.events(PK))
    with chromium_browser() as browser:
        ctx = browser.new_context(viewport=PHONE)
        refused = csp_refusals(ctx)
        page = sign_in(ctx, base, "alice")
        page.goto(f"{base}/s/{PK}/events")
        page.click("text=Append an event")
        page.wait_for_url(f"{base}/s/{PK}/events/new", wait_until="load")
        _fits(page)
        page.fill(f"{FORM} input[name=date]", "2022-04-09")
        page.focus(f"{FORM} select[name=kind]")
        page.select_option(f"{FORM} select[name=kind]", label="Crossed the floor")
        page.keyboard.press("Tab")  # on to the party, by keyboard
        assert page.evaluate("() => document.activeElement.id") == "f-party"
        page.keyboard.type("pml-z")
        page.select_option(f"{FORM} select[name=to]", "opposition")
        page.fill(f"{FORM} input[name=seats]", "2")
        page.fill(f"{FORM} textarea[name=summary]", "Two PML-Q members cross over")
        page.fill(f"{FORM} input[name=sources_0_url]", "https://example.org/pml-q-crosses")
        page.click(f"{FORM} button.append")
        page.wait_for_load_state("load")
        # the log's last event is of 2022-07-28: the date is asked to be confirmed, the focus on the message
        assert page.evaluate("() => document.activeElement.id") == "form-error"
        assert "before the log's last event (2022-07-28)" in page.inner_text("#date-error")
        page.check("#f-confirm")
        page.click(f"{FORM} button.append")
        page.wait_for_load_state("load")
        assert page.evaluate("() => document.activeElement.id") == "form-error"  # read first, no scrolling
        assert "unknown party 'pml-z'" in page.inner_text("#party-error")
        assert page.get_attribute("#f-party", "aria-describedby") == "party-error party-hint"
        assert page.input_value("#f-seats") == "2" and page.input_value("#f-to") == "opposition"
        assert page.is_checked("#f-confirm")
        _fits(page)
        page.fill("#f-party", "pml-q")
        end_session(ctx, store)
        page.click(f"{FORM} button.append")
        sign_in_again(page, f"{base}/s/{PK}/events/new")
        assert page.is_visible("#resumed") and page.input_value("#f-party") == "pml-q"
        assert page.input_value("#f-date") == "2022-04-09" and page.input_value("#f-seats") == "2"
        assert page.is_visible("#f-confirm") and page.is_checked("#f-confirm")  # the date stays confirmed
        assert len(store.events(PK)) == n  # nothing written yet
        page.click(f"{FORM} button.append")
        page.wait_for_url(re.compile(rf"/s/{PK}/events#event-{n + 1}$"), wait_until="load")
        row = page.inner_text(f"#event-{n + 1}")
        assert "Crossed the floor" in row and "2022-04-09" in row
        _fits(page)
        assert len(store.events(PK)) == n + 1 and refused == []
