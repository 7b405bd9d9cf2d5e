"""The event form's sources, note and mark of an event not verified: rows of sources (three, more at a button that
needs no JavaScript), each refused by the row and field it is wrong in with what was typed kept and nothing
stored; a refusal of the log that no one field is wrong in, at the top of the form; and the event log and the
audit trail showing an appended event's sources (outlet, headline, date, quote) and note, and the dashboard
counting the events not confirmed."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from test_web_api import PASSWORD, PK, _app, login_form, store  # noqa: F401
from test_web_event_form import _field_error, _fields
from whipcount.storage import Store
from whipcount.web.event_fields import field_of

DEATH = {"date": "2022-08-01", "kind": "death", "party": "ppp", "summary": "A PPP member dies",
         "reason": "reported tonight"}
"""An event that fits the log after its last (28 July 2022): nothing to confirm."""


def _rows(page: str) -> list[str]:
    """The rows of sources the form draws, by their legends."""
    return re.findall(r'<fieldset class="source" data-row="\d+">\s*<legend>([^<]*)</legend>', page)


BAD = [
    # (what is typed, the field refused, the words next to it)
    ({"sources_1_url": "javascript:alert(1)"}, "sources_1_url",
     "source 2, address or citation: expected an http(s) address or a citation, got &#39;javascript:alert(1)&#39;"),
    ({"sources_1_url": "javascript:alert(1)", "sources_1_outlet": "Dawn"}, "sources_1_url",
     "source 2, address or citation: expected an http:// or https:// address"),
    ({"sources_1_url": "https://example.org/b", "sources_1_date": "31/07/2022"}, "sources_1_date",
     "source 2, date published: expected a date as YYYY-MM-DD, got &#39;31/07/2022&#39;"),
    ({"sources_1_url": "https://example.org/b", "sources_1_quote": "q" * 2001}, "sources_1_quote",
     "source 2, quote: expected at most 2,000 characters, got 2,001"),
    ({"sources_1_outlet": "Dawn"}, "sources_1_url", "source 2, address or citation: required field is missing"),
    ({"sources_0_url": "", "sources_0_title": "A headline alone"}, "sources_0_url",
     "source 1, address or citation: required field is missing"),
]


@pytest.mark.parametrize(("typed", "field", "words"), BAD)
def test_a_bad_source_is_refused_by_its_row_and_field_keeping_what_was_typed(store: Store, typed: dict[str, str],  # noqa: F811
                                                                              field: str, words: str) -> None:
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    n, revision = len(store.events(PK)), store.revision(PK)
    sent = {**DEATH, "sources_0_url": "https://example.org/a", "note": "not yet confirmed", "unverified": "yes",
            **typed}
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **sent), follow_redirects=False)
    assert r.status_code == 422 and (len(store.events(PK)), store.revision(PK)) == (n, revision)
    assert words in _field_error(r.text, field) and f'href="#f-{field}"' in r.text
    row, part = int(field.split("_")[1]), field.split("_")[2]
    assert f"Source {row + 1}: {'address or citation' if part == 'url' else ''}" in r.text
    for k, v in sent.items():  # what was typed is kept
        if v and k not in ("reason", "unverified"):
            assert html.escape(v if len(v) < 100 else v[:100]) in r.text, k
    assert ">reported tonight</textarea>" in r.text and 'name="unverified" value="yes" checked' in r.text


def test_a_row_left_empty_between_two_is_dropped_and_the_refusal_names_the_row_drawn(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    sent = {**DEATH, "sources_0_url": "https://example.org/a", "sources_2_url": "https://example.org/c",
            "sources_2_date": "someday"}
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **sent), follow_redirects=False)
    assert r.status_code == 422
    assert "source 2, date published" in _field_error(r.text, "sources_1_date")
    assert 'name="sources_1_url" value="https://example.org/c"' in r.text
    assert 'name="sources_2_url" value=""' in r.text and _rows(r.text) == ["Source 1", "Source 2", "Source 3"]


def test_another_row_of_sources_without_javascript(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    assert _rows(page) == ["Source 1", "Source 2", "Source 3"] and 'name="add_source" value="yes"' in page
    n, revision = len(store.events(PK)), store.revision(PK)
    typed = {**DEATH, **{f"sources_{i}_url": f"https://example.org/{i}" for i in range(3)}}
    for rows in range(4, 11):  # each press draws the form again with one more row, what was typed kept
        page = c.post(f"/s/{PK}/events/new", data=_fields(page, **typed, add_source="yes",
                                                          source_rows=re.findall(r'name="source_rows" value="(\d+)"',
                                                                                 page)[0])).text
        assert _rows(page) == [f"Source {i}" for i in range(1, rows + 1)]
        assert 'value="https://example.org/2"' in page and ">A PPP member dies</textarea>" in page
        assert "field-error" not in page and 'id="form-error"' not in page
    assert 'name="add_source"' not in page and "10 sources at most on this form" in page  # the most a form holds
    assert (len(store.events(PK)), store.revision(PK)) == (n, revision)
    typed.update({f"sources_{i}_url": f"https://example.org/{i}" for i in range(10)})
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **typed, source_rows="10"), follow_redirects=False)
    assert r.status_code == 303
    assert [s.url for s in store.events(PK)[-1][1].sources] == [f"https://example.org/{i}" for i in range(10)]


def test_the_log_and_the_audit_trail_show_the_sources_the_note_and_the_mark(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    sent = {**DEATH, "note": "one report so far; the Secretariat has not said", "unverified": "yes",
            "sources_0_url": "https://example.org/death", "sources_0_outlet": "The Example",
            "sources_0_title": "PPP member dies", "sources_0_date": "2022-07-31",
            "sources_0_quote": "died on Sunday, his family said",
            "sources_1_url": "Party statement, read out on 1 August 2022"}
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **sent), follow_redirects=False)
    assert r.status_code == 303
    seq = int(r.headers["location"].rsplit("-", 1)[1])
    event = store.events(PK)[-1][1]
    assert (event.verified, event.note) == (False, "one report so far; the Secretariat has not said")
    assert event.sources[0].date == dt.date(2022, 7, 31)
    log = c.get(r.headers["location"]).text
    row = log[log.index(f'id="event-{seq}"'):].split("</tr>")[0]
    trail = log[log.index('id="audit"'):]
    trail_row = next(r for r in trail.split("<tr>")[1:] if '<td data-label="Action">event.append' in r)
    for shown in (row, trail_row):
        assert "† unverified" in shown and "Note: one report so far; the Secretariat has not said" in shown
        assert shown.count("one report so far") == 1, shown  # the note once, in words on the page, not in a title
        assert ('<a href="https://example.org/death" rel="noopener noreferrer nofollow">The Example, '
                "“PPP member dies”, 31 July 2022</a>: <q>died on Sunday, his family said</q>") in shown
        assert "<li>Party statement, read out on 1 August 2022</li>" in shown
    # the dashboard counts the events not confirmed up to its day: the scenario file marks three (30 March,
    # 9 April, 11 April 2022), and the death appended on 1 August is the fourth
    for day, words in (("2022-04-01", "1 event up to this day is"), ("2022-07-31", "3 events up to this day are"),
                       ("2022-08-01", "4 events up to this day are")):
        board = c.get(f"/s/{PK}", params={"on": day}).text
        assert f'<a class="unverified" href="/s/{PK}/events">{words} not confirmed †</a>' in board, day
    store.add_user("ada", "admin", PASSWORD)
    admin = login_form(_app(store), "ada").get("/audit").text
    assert "<q>died on Sunday, his family said</q>" in admin


def test_a_refusal_of_the_log_about_the_event_as_a_whole_is_at_the_top_with_every_field_kept(
        store: Store) -> None:  # noqa: F811
    # on 1 August 2022 BAP holds 4 seats with the government and 1 with the opposition, Zubaida Jalal's (named):
    # moving that seat by count leaves her sitting where the party holds none; the party, the side, the count or
    # the members named may be what is wrong, so no one field is marked
    c = login_form(_app(store), "alice")
    page = c.get(f"/s/{PK}/events/new").text
    n = len(store.events(PK))
    sent = {"date": "2022-08-01", "kind": "switch-side", "party": "bap", "to": "government",
            "from_side": "opposition", "seats": "1", "sources_0_url": "https://example.org/bap",
            "note": "kept as typed"}
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **sent), follow_redirects=False)
    assert r.status_code == 400 and len(store.events(PK)) == n
    top = r.text[r.text.index('id="form-error"'):].split("</p>")[0]
    assert "1 named member (Zubaida Jalal) of &#39;bap&#39; sits on the opposition side" in top
    assert "name the members who move in the event&#39;s &#39;members&#39; list" in top
    assert "aria-invalid" not in r.text and 'class="field-error"' not in r.text
    for k, v in sent.items():
        assert html.escape(v) in r.text, k


FILLS = "events[0]: fills 2 seat(s) but only 1 seat(s) are vacant on 2022-08-01"


@pytest.mark.parametrize(("typed", "field"), [
    ({"seats": "2"}, "seats"),  # the count typed
    ({"members": "a, b"}, "members"),  # the count of the members named
    ({}, None),  # neither typed: the count the kind takes, not a field's
])
def test_a_count_refused_is_placed_by_the_field_that_gave_it(typed: dict[str, str], field: str | None) -> None:
    assert field_of(FILLS, {"seats": "", "members": "", **typed}) == field


def test_a_count_asked_for_is_asked_by_the_seats() -> None:
    assert field_of("events[0]: split needs seats or members (how many go)", {"seats": "", "members": ""}) == "seats"
