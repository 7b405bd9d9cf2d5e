"""The log and the audit trail through the API: the event API refuses what the log cannot hold (an append-only
log poisoned by one bad request would spoil dump, tally and report for good), and the audit API pages with a
cursor so a monitor can read every row of a busy day."""

from __future__ import annotations

from test_web_api import PK, _app, assert_error, client, set_stance, store  # noqa: F401
from whipcount.storage import Store


def test_the_event_api_refuses_what_the_log_cannot_hold(store: Store) -> None:  # noqa: F811
    """The log is append-only: one bad request would poison dump, tally and report for good."""
    c = client(_app(store), "alice")
    url = f"/api/scenarios/{PK}/events"
    base = {"kind": "statement", "summary": "x", "source": "https://example.org/a"}
    last = max(e.date for _, e, _, _ in store.events(PK)).isoformat()
    refusals = {
        "0001-01-01": "starting date",
        "2022-04-01": "confirm it",  # before the log's last event
        "2024-01-10": "more than a year",
        "9999-12-31": "or earlier",  # after tomorrow: refused even confirmed
    }
    before = len(store.events(PK))
    for day, words in refusals.items():
        assert_error(c.post(url, json={**base, "date": day}), 400, words)
    assert_error(c.post(url, json={**base, "date": last, "summary": "x" * 10_000}), 422, "expected at most 2,000 characters, got 10,000")
    assert len(store.events(PK)) == before
    assert_error(c.post(url, json={**base, "date": "9999-12-31", "confirm": True}), 400, "or earlier")
    assert c.post(url, json={**base, "date": "2024-01-10", "confirm": True}).status_code == 201


def test_the_audit_api_pages_through_every_row(store: Store) -> None:  # noqa: F811
    """A monitor can read a busy day: limit + the next_before cursor reach every row once, newest first."""
    c = client(_app(store), "alice")
    for i in range(23):
        assert set_stance(c, "party:ppp", ["yes", "no"][i % 2], i).status_code == 200
    everything = store.count_audit(PK)
    seen: list[int] = []
    before = None
    while True:
        page = c.get(f"/api/scenarios/{PK}/audit", params={"limit": 5, **({"before": before} if before else {})})
        body = page.json()
        seen += [row["id"] for row in body["audit"]]
        before = body["next_before"]
        if before is None:
            break
    assert len(seen) == everything >= 23 and seen == sorted(seen, reverse=True) and len(set(seen)) == len(seen)


def test_the_last_page_of_the_audit_says_so_even_when_it_is_full(store: Store) -> None:  # noqa: F811
    """Rows that fill whole pages: the last full page has next_before null (no empty page after it)."""
    c = client(_app(store), "alice")
    total = store.count_audit(PK)
    for i in range(10 - total % 5 if total % 5 else 5):
        assert set_stance(c, "party:ppp", ["yes", "no"][i % 2], i).status_code == 200
    total = store.count_audit(PK)
    assert total % 5 == 0
    pages, before = [], None
    while True:
        body = c.get(f"/api/scenarios/{PK}/audit", params={"limit": 5, **({"before": before} if before else {})}).json()
        pages.append(len(body["audit"]))
        before = body["next_before"]
        if before is None:
            break
    assert pages == [5] * (total // 5)  # no empty page at the end


def test_the_event_log_page_names_kinds_in_words(store: Store) -> None:  # noqa: F811
    """The page shows "Motion filed", not the code ``motion-filed``: the report's words, from one mapping."""
    r = client(_app(store), "alice").get(f"/s/{PK}/events")
    assert r.status_code == 200
    kinds = {e.kind for _, e, _, _ in store.events(PK)}
    assert "motion-filed" in kinds and "<td data-label=\"Kind\">Motion filed</td>" in r.text
    assert [k for k in kinds if f"<td data-label=\"Kind\">{k}</td>" in r.text] == []
