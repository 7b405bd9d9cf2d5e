"""Ending a stance on a day through the take-back form in a real browser (Playwright driving Debian's Chromium):
the choice, the date and the confirming box are sent as a person fills them in, with no script of ours."""

from __future__ import annotations

import datetime as dt

from test_web_live import PK, server, signed_in  # noqa: F401
from whipcount.storage import Store


def test_an_editor_ends_a_stance_from_a_day_through_the_form(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    before = store.stance(PK, "party:ji")  # the file's undecided of 30 March
    assert before is not None and before.until is None
    with signed_in(base, "alice") as page:
        page.goto(f"{base}/s/{PK}/stance?subject=party:ji")
        form = page.locator("form.take-back")
        form.locator("input[name=how][value=ends]").check()
        form.locator("input[name=until]").fill("2022-04-06")
        form.locator("textarea[name=reason]").fill("back with the alliance")
        form.locator("button[type=submit]").click()  # the box unticked: the browser refuses to send it
        assert page.url == f"{base}/s/{PK}/stance?subject=party:ji"
        assert store.stance(PK, "party:ji") == before
        form.locator("input[name=confirm]").check()
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/s/{PK}", wait_until="domcontentloaded")
        assert "ended from 2022-04-06" in page.locator("#changes").inner_text()
    after = store.stance(PK, "party:ji")
    assert after is not None and (after.version, after.until) == (before.version + 1, dt.date(2022, 4, 6))
    [h, *_] = store.history(PK, subject="party:ji")
    assert (h.new_stance, h.until, h.note, h.changed_by) == ("ended", dt.date(2022, 4, 6), "back with the alliance",
                                                              "alice")
