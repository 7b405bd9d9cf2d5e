"""A further motion's stance edited in a real browser (Playwright driving Debian's Chromium), as a person does
it: from the motion's dashboard (``?motion=ID``) to the stance form and back, with no script of ours; the
main motion's whip count stays as it was."""

from __future__ import annotations

import httpx

from test_web_live import PASSWORD, PK, server, signed_in  # noqa: F401
from whipcount.storage import Store

ELECTION = "pm-election-2022-04-11"


def test_an_editor_changes_a_further_motions_stance_through_the_form(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    before = store.motion_stance(PK, ELECTION, "party:pti")  # the file's absent: PTI boycotted the election
    main = store.stance(PK, "party:pti")
    assert before is not None and before.stance == "absent"
    with signed_in(base, "alice") as page:
        page.goto(f"{base}/s/{PK}?motion={ELECTION}")
        page.locator("#motion-stances summary").click()
        page.locator('#motion-stances a[href*="subject=party%3Apti&"]').click()
        page.wait_for_url(f"{base}/s/{PK}/stance?subject=party%3Apti&motion={ELECTION}",
                          wait_until="domcontentloaded")
        assert ELECTION in page.locator("#motion").inner_text()
        form = page.locator("form.stance:not(.take-back)")
        form.locator("input[name=stance][value=no]").check()
        form.locator("textarea[name=note]").fill("a test of the form")
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/s/{PK}?motion={ELECTION}", wait_until="domcontentloaded")
    after = store.motion_stance(PK, ELECTION, "party:pti")
    assert after is not None and (after.stance, after.version, after.note, after.updated_by) == (
        "no", before.version + 1, "a test of the form", "alice")
    assert store.stance(PK, "party:pti") == main  # the main motion's whip count is untouched


def test_an_editor_takes_a_further_motions_stance_back_through_the_form(server: tuple[str, Store]) -> None:  # noqa: F811
    base, store = server
    before = store.motion_stance(PK, ELECTION, "party:pti")
    main = store.stance(PK, "party:pti")
    assert before is not None
    with signed_in(base, "alice") as page:
        page.goto(f"{base}/s/{PK}/stance?subject=party%3Apti&motion={ELECTION}")
        form = page.locator("form.take-back")
        form.locator("input[name=how][value=wrong]").check()
        form.locator("textarea[name=reason]").fill("entered on the wrong motion")
        form.locator("input[name=confirm]").check()
        form.locator("button[type=submit]").click()
        page.wait_for_url(f"{base}/s/{PK}?motion={ELECTION}", wait_until="domcontentloaded")
    assert store.motion_stance(PK, ELECTION, "party:pti") is None
    row = store.audit(PK, limit=1)[0]
    assert (row.action, row.user, row.reason) == ("stance.clear", "alice", "entered on the wrong motion")
    assert row.before is not None and row.before["motion"] == ELECTION
    assert store.stance(PK, "party:pti") == main


def test_a_further_motions_open_dashboard_shows_a_new_change_without_a_reload(
        server: tuple[str, Store]) -> None:  # noqa: F811
    """Its last changes are swapped in live, as the main motion's are: an editor's change through the API
    appears on a viewer's open page of the motion, as text, with no reload."""
    from playwright.sync_api import expect

    base, store = server
    current = store.motion_stance(PK, ELECTION, "party:mqm-p")
    main = store.stance(PK, "party:mqm-p")
    with signed_in(base, "vera") as page:
        page.goto(f"{base}/s/{PK}?motion={ELECTION}")
        page.evaluate("window.__marker = 'not reloaded'")
        assert "<i>late</i>" not in page.inner_text("#changes")
        with httpx.Client(base_url=base, timeout=10) as editor:
            token = editor.post("/api/login", json={"name": "alice", "password": PASSWORD}).json()["csrf_token"]
            r = editor.post(f"/api/scenarios/{PK}/stances", headers={"X-CSRF-Token": token}, json={
                "motion": ELECTION, "subject": "party:mqm-p", "stance": "undecided",
                "version": current.version if current else 0, "note": "<i>late</i>"})
            assert r.status_code == 200, r.text
        expect(page.locator("#changes li").first).to_contain_text("<i>late</i>", timeout=10_000)
        assert page.locator("#changes i").count() == 0  # shown as text, not markup
        assert page.evaluate("window.__marker") == "not reloaded"
        assert page.get_attribute("#live", "data-revision") == str(store.revision(PK))
    assert store.stance(PK, "party:mqm-p") == main  # the main motion's whip count is untouched
