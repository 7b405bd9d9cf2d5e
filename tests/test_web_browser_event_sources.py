"""The event form's sources in a real browser (Playwright driving Debian's Chromium), with JavaScript on: the button
asking for another source adds a row in the page, without sending the form; an event with four sources, a note and
its mark of not verified, sent after its session ended (by Enter in a field), comes back after sign-in with its four rows as typed, and
sent again is stored with them; nothing refused by the Content Security Policy."""

from __future__ import annotations

import datetime as dt
import re

from browser import chromium_browser, csp_refusals
from browser_session import end_session, sign_in_again
from test_web_live import PASSWORD, PK, server, sign_in  # noqa: F401
from whipcount.storage import Store

FORM = "form.event"
TYPED = {"#f-date": "2022-08-01", "#f-party": "ppp", "#f-summary": "A PPP member dies",
         "#f-note": "one report so far", "#f-sources_0_url": "https://example.org/a",
         "#f-sources_3_url": "https://example.org/d", "#f-sources_3_outlet": "The Example",
         "#f-sources_3_title": "PPP member dies", "#f-sources_3_date": "2022-07-31",
         "#f-sources_3_quote": "died on Sunday, his family said"}


def test_another_source_is_added_in_the_page_and_comes_back_after_sign_in(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        refused = csp_refusals(ctx)
        page = sign_in(ctx, base, "alice")
        page.goto(f"{base}/s/{PK}/events/new")
        page.select_option(f"{FORM} select[name=kind]", "death")
        assert page.locator("fieldset.source").count() == 3
        page.evaluate("window.notReloaded = true")
        page.click(f"{FORM} button.add-source")
        assert page.evaluate("window.notReloaded === true")  # no page sent for it
        assert page.locator("fieldset.source").count() == 4
        assert page.inner_text("fieldset.source[data-row='3'] legend") == "Source 4"
        assert page.evaluate("document.activeElement.id") == "f-sources_3_url"
        assert page.input_value("#f-sources_3_url") == "" and page.input_value("input[name=source_rows]") == "4"
        for selector, value in TYPED.items():
            page.fill(selector, value)
        page.check("#f-unverified")
        n = len(store.events(PK))
        end_session(ctx, store)
        page.press("#f-sources_3_outlet", "Enter")  # Enter sends the form, and asks for no other row
        sign_in_again(page, f"{base}/s/{PK}/events/new")
        assert page.is_visible("#resumed") and len(store.events(PK)) == n
        assert page.locator("fieldset.source").count() == 4
        for selector, value in TYPED.items():
            assert page.input_value(selector) == value, selector
        assert page.is_checked("#f-unverified")
        for _ in range(6):  # up to ten rows; then the button goes, and a note says why
            page.click(f"{FORM} button.add-source")
        assert page.locator("fieldset.source").count() == 10
        assert page.is_hidden(f"{FORM} button.add-source") and page.is_visible("#sources-max")
        page.click(f"{FORM} button.append")
        page.wait_for_url(re.compile(rf"/s/{PK}/events#event-{n + 1}$"), wait_until="load")
        event = store.events(PK)[-1][1]
        assert (event.kind, event.party, event.verified, event.note) == ("death", "ppp", False, "one report so far")
        assert [(s.url, s.outlet, s.title, s.date, s.quote) for s in event.sources] == [
            ("https://example.org/a", None, None, None, None),
            ("https://example.org/d", "The Example", "PPP member dies", dt.date(2022, 7, 31),
             "died on Sunday, his family said")]
        row = page.inner_text(f"#event-{n + 1}")
        assert "The Example, “PPP member dies”, 31 July 2022: died on Sunday, his family said" in row
        assert "† unverified" in row and "Note: one report so far" in row
        assert refused == []
