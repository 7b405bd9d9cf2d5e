"""A stance form sent after its session ended, in a real browser (Playwright driving Debian's Chromium): sign-in leads
back to the same subject's form with what was typed filled in again (the stance, source, note and dates; on the
take-back form the way, the day, the reason and the box), nothing written until the editor sends it again, and then
written once; under the pages' Content Security Policy, nothing refused."""

from __future__ import annotations

import re

from browser import chromium_browser, csp_refusals
from browser_session import end_session, sign_in_again
from test_web_live import PASSWORD, PK, server, sign_in  # noqa: F401
from whipcount.storage import Store

FORM = "form.stance:not(.take-back)"
TAKE_BACK = "form.take-back"
STANCE_PAGE = re.compile(r"/s/pk-na-2022/stance\?subject=party(:|%3A)ppp(#resume)?$")


def test_a_form_sent_after_its_session_ended_comes_back_filled_in(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    with chromium_browser() as browser:
        ctx = browser.new_context()
        refused = csp_refusals(ctx)
        page = sign_in(ctx, base, "alice")
        page.goto(f"{base}/s/{PK}/stance?subject=party:ppp")
        assert page.is_hidden("#resumed")
        page.check(f"{FORM} input[name=stance][value=no]")
        page.fill(f"{FORM} input[name=source]", "https://example.org/ppp-walkout")
        page.fill(f"{FORM} textarea[name=note]", "talks collapsed\nsecond line")
        page.fill(f"{FORM} input[name=date]", "2022-04-01")
        end_session(ctx, store)
        page.click(f"{FORM} button[type=submit]")
        sign_in_again(page, STANCE_PAGE)
        # back on the same subject's form, filled in as typed, and nothing written yet
        assert page.eval_on_selector(f"{FORM} input[name=stance]:checked", "e => e.value") == "no"
        assert page.input_value(f"{FORM} input[name=source]") == "https://example.org/ppp-walkout"
        assert page.input_value(f"{FORM} textarea[name=note]") == "talks collapsed\nsecond line"
        assert page.input_value(f"{FORM} input[name=date]") == "2022-04-01"
        assert page.is_visible("#resumed")
        assert store.stance(PK, "party:ppp") is None
        assert store.history(PK, subject="party:ppp") == []
        page.click(f"{FORM} button[type=submit]")
        page.wait_for_url(f"{base}/s/{PK}", wait_until="domcontentloaded")
        stance = store.stance(PK, "party:ppp")
        assert stance is not None and (stance.stance, stance.version, stance.note) == ("no", 1,
                                                                                     "talks collapsed\nsecond line")
        assert len(store.history(PK, subject="party:ppp")) == 1  # written once

        # the take-back form the same way; a form page opened anew is not filled in from an old copy
        page.goto(f"{base}/s/{PK}/stance?subject=party:ppp")
        assert page.is_hidden("#resumed")
        page.check(f"{TAKE_BACK} input[name=how][value=ends]")
        page.fill(f"{TAKE_BACK} input[name=until]", "2022-04-05")
        page.fill(f"{TAKE_BACK} textarea[name=reason]", "walked back on the 5th")
        page.check(f"{TAKE_BACK} input[name=confirm]")
        end_session(ctx, store)
        page.click(f"{TAKE_BACK} button[type=submit]")
        sign_in_again(page, STANCE_PAGE)
        assert page.is_visible("#resumed")
        assert page.eval_on_selector(f"{TAKE_BACK} input[name=how]:checked", "e => e.value") == "ends"
        assert page.input_value(f"{TAKE_BACK} input[name=until]") == "2022-04-05"
        assert page.input_value(f"{TAKE_BACK} textarea[name=reason]") == "walked back on the 5th"
        assert page.is_checked(f"{TAKE_BACK} input[name=confirm]")
        assert page.input_value(f"{FORM} textarea[name=note]") == "talks collapsed\nsecond line"  # the stored one
        assert store.stance(PK, "party:ppp").until is None  # type: ignore[union-attr]
        page.click(f"{TAKE_BACK} button[type=submit]")
        page.wait_for_url(f"{base}/s/{PK}", wait_until="domcontentloaded")
        assert len(store.history(PK, subject="party:ppp")) == 2
        assert str(store.history(PK, subject="party:ppp")[0].until) == "2022-04-05"
        # a reload of the form after all this fills nothing in
        page.goto(f"{base}/s/{PK}/stance?subject=party:ppp#resume")
        assert page.is_hidden("#resumed")
        assert refused == []
