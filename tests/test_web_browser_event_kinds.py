"""The event form in a real browser (Playwright driving Debian's Chromium), with JavaScript on: the fields of the
kind chosen are shown and the others hidden and not sent; a party split sent after its session ended comes back
after sign-in with every field as typed (the new party's, the reason, the box confirming its date and the box
saying it is another event of its own), and sent again it is in the log once; nothing refused by the Content
Security Policy."""

from __future__ import annotations

import re

from browser import chromium_browser, csp_refusals
from browser_session import end_session, sign_in_again
from test_web_live import PASSWORD, PK, server, sign_in  # noqa: F401
from whipcount.storage import Store

FORM = "form.event"
SPLIT = {"#f-date": "2022-04-09", "#f-party": "pti", "#f-seats": "5", "#f-new_party_id": "pti-f",
         "#f-new_party_name": "PTI Forward", "#f-new_party_colour": "#00aa00", "#f-by": "the dissidents",
         "#f-summary": "Five PTI members form PTI Forward", "#f-sources_0_url": "https://example.org/pti-forward",
         "#f-reason": "reported tonight\nsecond line"}


def test_the_kind_shows_its_fields_and_a_split_comes_back_whole_after_sign_in(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        refused = csp_refusals(ctx)
        page = sign_in(ctx, base, "alice")
        page.goto(f"{base}/s/{PK}/events/new")
        assert page.is_visible("#f-parties") and page.is_visible("#f-new_party_name")  # no kind yet: all
        page.select_option(f"{FORM} select[name=kind]", label="Parties merged")
        assert page.is_visible("#f-parties") and page.is_visible("#f-into") and page.is_hidden("#f-seats")
        assert page.is_hidden("#f-party") and page.is_hidden("#f-effect")
        page.fill("#f-parties", "gda, aml")  # typed, then another kind chosen: hidden, and not sent
        page.select_option(f"{FORM} select[name=kind]", label="Vote")
        assert page.is_visible("#f-effect") and page.is_visible("#f-members") and page.is_hidden("#f-parties")
        page.select_option(f"{FORM} select[name=kind]", label="Party split")
        assert page.is_visible("#f-new_party_name") and page.is_visible("#f-seats") and page.is_hidden("#f-into")
        assert page.is_hidden("#f-parties") and page.is_visible("#f-by")
        for selector, value in SPLIT.items():
            page.fill(selector, value)
        page.select_option("#f-new_party_side", "opposition")
        n = len(store.events(PK))
        page.click(f"{FORM} button.append")  # 9 April is before the log's last event: confirm it
        page.wait_for_load_state("load")
        assert "before the log's last event" in page.inner_text("#date-error")
        page.check("#f-confirm")
        end_session(ctx, store)
        page.click(f"{FORM} button.append")
        sign_in_again(page, f"{base}/s/{PK}/events/new")
        assert page.is_visible("#resumed") and len(store.events(PK)) == n
        assert page.input_value("#f-kind") == "split" and page.input_value("#f-new_party_side") == "opposition"
        for selector, value in SPLIT.items():
            assert page.input_value(selector) == value, selector
        assert page.is_visible("#f-confirm") and page.is_checked("#f-confirm")
        assert page.is_hidden("#f-parties") and page.is_visible("#f-new_party_id")  # the split's fields
        page.click(f"{FORM} button.append")
        page.wait_for_url(re.compile(rf"/s/{PK}/events#event-{n + 1}$"), wait_until="load")
        assert len(store.events(PK)) == n + 1
        event = store.events(PK)[-1][1]
        assert (event.kind, event.party, event.seats, event.by, event.parties) == ("split", "pti", 5,
                                                                                  "the dissidents", ())
        assert event.new_party is not None and (event.new_party.id, event.new_party.name, event.new_party.colour,
                                                event.new_party.side) == ("pti-f", "PTI Forward", "#00aa00",
                                                                          "opposition")

        # the same event again: the log asks whether it is another of its own; the box ticked survives sign-in
        page.goto(f"{base}/s/{PK}/events/new")
        page.select_option(f"{FORM} select[name=kind]", "resign")
        for selector, value in {"#f-date": "2022-08-01", "#f-party": "pml-n",
                                "#f-sources_0_url": "https://example.org/r"}.items():
            page.fill(selector, value)
        page.click(f"{FORM} button.append")
        page.wait_for_url(re.compile(rf"/s/{PK}/events#event-{n + 2}$"), wait_until="load")
        page.goto(f"{base}/s/{PK}/events/new")
        page.select_option(f"{FORM} select[name=kind]", "resign")
        for selector, value in {"#f-date": "2022-08-01", "#f-party": "pml-n",
                                "#f-sources_0_url": "https://example.org/r"}.items():
            page.fill(selector, value)
        page.click(f"{FORM} button.append")
        page.wait_for_load_state("load")
        assert page.is_visible("#f-repeat") and not page.is_checked("#f-repeat")
        page.check("#f-repeat")
        end_session(ctx, store)
        page.click(f"{FORM} button.append")
        sign_in_again(page, f"{base}/s/{PK}/events/new")
        assert page.is_visible("#f-repeat") and page.is_checked("#f-repeat")
        assert len(store.events(PK)) == n + 2
        page.click(f"{FORM} button.append")
        page.wait_for_url(re.compile(rf"/s/{PK}/events#event-{n + 3}$"), wait_until="load")
        assert len(store.events(PK)) == n + 3 and refused == []
