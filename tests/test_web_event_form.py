"""The event form (/s/ID/events/new): an editor appends an event without the API, every refusal the API gives
shown on the form next to the field it names, what was typed kept; viewers and other sites write nothing."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

from test_web_api import PASSWORD, PK, _app, _form_token, client, login_form, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

SOURCE = "https://www.dawn.com/news/1683947"


def _fields(page: str, **changes: str) -> dict[str, str]:
    """What the form would send: its CSRF token and revision as drawn, the fields given."""
    revision = re.search(r'name="revision" value="(\d+)"', page)
    assert revision
    return {"csrf_token": _form_token(page), "revision": revision.group(1), **changes}


DEFECT = {"date": "2022-04-09", "kind": "defect", "party": "pml-q", "to": "opposition", "seats": "2",
          "summary": "Two PML-Q members cross over", "sources_0_url": SOURCE, "reason": "reported tonight"}


def _field_error(page: str, field: str) -> str:
    """The error shown next to ``field``, which the field names in its aria-describedby."""
    tag = re.search(rf'<[^>]*id="f-{field}"[^>]*>', page)
    assert tag and f'aria-describedby="{field}-error' in tag.group(0) and 'aria-invalid="true"' in tag.group(0)
    m = re.search(rf'<span class="field-error" id="{field}-error">([^<]*)</span>', page)
    assert m
    return m.group(1)


def test_the_form_appends_a_defect_and_the_log_and_dashboard_show_it(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    assert 'href="/s/pk-na-2022/events/new"' in c.get(f"/s/{PK}/events").text  # linked for an editor
    n = len(store.events(PK))
    page = c.get(f"/s/{PK}/events/new").text
    # the log's last event is of 2022-07-28: an event of 9 April asks to be confirmed first
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **DEFECT), follow_redirects=False)
    assert r.status_code == 400 and len(store.events(PK)) == n
    assert "before the log&#39;s last event (2022-07-28)" in _field_error(r.text, "date")
    assert 'name="confirm" value="yes"' in r.text and 'value="Two PML-Q members cross over"' not in r.text
    assert ">Two PML-Q members cross over</textarea>" in r.text and f'value="{SOURCE}"' in r.text
    r = c.post(f"/s/{PK}/events/new", data=_fields(r.text, **DEFECT, confirm="yes"), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}/events#event-{n + 1}"
    log = c.get(r.headers["location"]).text
    row = log[log.index(f'id="event-{n + 1}"'):].split("</tr>")[0]
    assert "2022-04-09" in row and "Crossed the floor" in row
    d = client(app, "alice").get(f"/api/scenarios/{PK}/dashboard").json()
    # by hand: on 10 April 342 seats, 1 vacant (Khayal Zaman's), 177 with the opposition, so 164 with the
    # government; PML-Q's 5 sat 4 with the government, whose stance is no, and 1 (Cheema) with the opposition, yes
    assert d["sides"] == {"government": 164 - 2, "opposition": 177 + 2, "other": 0}
    assert [p["seats"] for p in d["positions"] if p["subject"] == "party:pml-q@government"] == [4 - 2]
    assert [p["seats"] for p in d["positions"] if p["subject"] == "party:pml-q@opposition"] == [1 + 2]
    audit = store.audit(limit=1)[0]
    assert (audit.action, audit.user, audit.reason) == ("event.append", "alice", "reported tonight")


def test_a_viewer_gets_403_and_nothing_is_written(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "vera")
    assert "/events/new" not in c.get(f"/s/{PK}/events").text
    assert c.get(f"/s/{PK}/events/new").status_code == 403
    token = _form_token(c.get(f"/s/{PK}/events").text)
    n, revision = len(store.events(PK)), store.revision(PK)
    r = c.post(f"/s/{PK}/events/new", data={**DEFECT, "confirm": "yes", "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 403 and (len(store.events(PK)), store.revision(PK)) == (n, revision)


def test_a_form_without_the_csrf_token_is_refused(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/events/new").text
    n = len(store.events(PK))
    data = {k: v for k, v in _fields(page, **DEFECT, confirm="yes").items() if k != "csrf_token"}
    r = c.post(f"/s/{PK}/events/new", data=data, follow_redirects=False)
    assert r.status_code == 403 and len(store.events(PK)) == n


def test_a_party_the_scenario_lacks_is_shown_next_to_the_party_field(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/events/new").text
    n = len(store.events(PK))
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **{**DEFECT, "party": "pml-z"}, confirm="yes"),
               follow_redirects=False)
    assert r.status_code == 400 and len(store.events(PK)) == n  # the API's status for what the log refuses
    assert "unknown party &#39;pml-z&#39;" in _field_error(r.text, "party")
    assert 'href="#f-party"' in r.text  # the message at the top leads to the field
    assert 'value="pml-z"' in r.text and 'value="2"' in r.text and f'value="{SOURCE}"' in r.text
    assert '<option value="defect" selected>' in r.text and '<option value="opposition" selected>' in r.text
    # an id that is no id at all is refused by the API's model: 422, as the API's
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **{**DEFECT, "party": "PML Q"}, confirm="yes"),
               follow_redirects=False)
    assert r.status_code == 422 and "expected an id" in _field_error(r.text, "party") and 'value="PML Q"' in r.text


def test_a_stale_revision_gives_the_409_words_and_keeps_what_was_typed(store: Store) -> None:  # noqa: F811
    app = _app(store)
    alice, bob = login_form(app, "alice"), login_form(app, "bob")
    page = alice.get(f"/s/{PK}/events/new").text
    bobs = bob.get(f"/s/{PK}/events/new").text
    resign = {"date": "2022-04-09", "kind": "resign", "party": "pti", "sources_0_url": "https://example.org/r",
              "confirm": "yes"}
    assert bob.post(f"/s/{PK}/events/new", data=_fields(bobs, **resign), follow_redirects=False).status_code == 303
    n = len(store.events(PK))
    r = alice.post(f"/s/{PK}/events/new", data=_fields(page, **DEFECT, confirm="yes"), follow_redirects=False)
    assert r.status_code == 409 and len(store.events(PK)) == n
    read = int(_fields(page)["revision"])
    error = r.text[r.text.index('id="form-error"'):].split("</p>")[0]
    assert f"the scenario changed since you read revision {read}" in error and "appended by bob" in error
    assert ">Two PML-Q members cross over</textarea>" in r.text and 'value="pml-q"' in r.text
    assert f'name="revision" value="{read + 1}"' in r.text  # sent again, it is recorded on the newer log
    r = alice.post(f"/s/{PK}/events/new", data=_fields(r.text, **DEFECT, confirm="yes"), follow_redirects=False)
    assert r.status_code == 303 and len(store.events(PK)) == n + 1


def test_a_date_before_the_last_event_asks_to_confirm_and_is_recorded_confirmed(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/events/new").text
    # asked only when the date needs it: drawn hidden, to be filled in again after a sign-in
    assert '<label class="check" hidden><input type="checkbox" id="f-confirm" name="confirm" value="yes">' in page
    n = len(store.events(PK))
    death = {"date": "2022-04-01", "kind": "death", "party": "pti", "sources_0_url": "https://example.org/d"}
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **death), follow_redirects=False)
    assert r.status_code == 400 and len(store.events(PK)) == n
    words = _field_error(r.text, "date")
    assert "2022-04-01 is before the log&#39;s last event (2022-07-28)" in words and "tick the box" in words
    assert "confirm: true" not in words  # the API's words for its body, not the form's
    assert '<label class="check"><input type="checkbox" id="f-confirm" name="confirm" value="yes">' in r.text  # not ticked
    r = c.post(f"/s/{PK}/events/new", data=_fields(r.text, **death, confirm="yes"), follow_redirects=False)
    assert r.status_code == 303 and len(store.events(PK)) == n + 1
    d = client(app, "alice").get(f"/api/scenarios/{PK}/dashboard").json()
    assert d["vacancies"] == 1 + 1  # Khayal Zaman's seat, and this one


def test_an_event_without_a_source_is_taken_alike_from_a_file_the_api_and_the_form(
        store: Store, tmp_path: Path) -> None:  # noqa: F811
    # a file from a user's own archive may hold an event with no source: it is read, not marked unverified,
    # and shown as having no source given; the API and the form take the same event the same way
    death = {"date": "2022-08-01", "kind": "death", "party": "ppp", "summary": "A PPP member dies"}
    text = files("whipcount.data.scenarios").joinpath(f"{PK}.yaml").read_text(encoding="utf-8")
    assert text.count("\nevents:\n") == 1
    line = "  - {date: 2022-08-01, kind: death, party: ppp, summary: A PPP member dies}\n"  # after every other
    (tmp_path / "archive.yaml").write_text(text.replace("\nevents:\n", "\nevents:\n" + line), encoding="utf-8")
    (from_file,) = (ev for ev in load_scenario(tmp_path / "archive.yaml").events if ev.date == dt.date(2022, 8, 1))
    assert (from_file.date, from_file.sources, from_file.verified) == (dt.date(2022, 8, 1), (), True)

    app = _app(store)
    n = len(store.events(PK))
    r = client(app, "alice").post(f"/api/scenarios/{PK}/events", json={**death, "reason": "by the API"})
    assert r.status_code == 201, r.text
    c = login_form(app, "bob")
    page = c.get(f"/s/{PK}/events/new").text
    assert 'name="sources_0_url"' in page and not re.search(r'<input[^>]*name="sources_0_url"[^>]*required', page)
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **death, reason="by the form", repeat="yes"),  # a second death
               follow_redirects=False)
    assert r.status_code == 303, r.text
    by_api, by_form = (row[1] for row in store.events(PK)[n:])
    for stored in (by_api, by_form):
        assert replace(stored, origin=from_file.origin) == from_file
    log = c.get(f"/s/{PK}/events").text
    for seq in (n + 1, n + 2):
        row = log[log.index(f'id="event-{seq}"'):].split("</tr>")[0]
        assert '<td data-label="Sources">no source given</td>' in row and "unverified" not in row


def test_a_form_sent_after_its_session_ended_leads_back_to_it(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/events/new").text
    c.cookies.clear()
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **DEFECT), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")
    assert "events/new%23resume" in r.headers["location"] or "events/new#resume" in r.headers["location"]


def test_an_event_already_in_the_log_is_a_409_and_a_box_records_another_of_its_own(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    resign = {"date": "2022-04-09", "kind": "resign", "party": "pti", "sources_0_url": "https://example.org/r",
              "confirm": "yes"}
    page = c.get(f"/s/{PK}/events/new").text
    assert '<label class="check" hidden><input type="checkbox" id="f-repeat" name="repeat" value="yes">' in page
    assert c.post(f"/s/{PK}/events/new", data=_fields(page, **resign), follow_redirects=False).status_code == 303
    n = len(store.events(PK))
    page = c.get(f"/s/{PK}/events/new").text
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **resign), follow_redirects=False)
    assert r.status_code == 409 and len(store.events(PK)) == n
    assert f"already in the log as event:{n}" in r.text
    assert '<label class="check"><input type="checkbox" id="f-repeat" name="repeat" value="yes">' in r.text
    assert "repeat: true" not in r.text and "tick the box above the button" in r.text  # the form's words
    r = c.post(f"/s/{PK}/events/new", data=_fields(r.text, **resign, repeat="yes"), follow_redirects=False)
    assert r.status_code == 303 and len(store.events(PK)) == n + 1
    d = client(app, "alice").get(f"/api/scenarios/{PK}/dashboard").json()
    assert d["vacancies"] == 1 + 2  # Khayal Zaman's seat, and these two


def test_a_form_opened_before_a_sign_in_elsewhere_comes_back_with_what_was_typed(store: Store) -> None:  # noqa: F811
    app = _app(store)
    old_tab = login_form(app, "alice")
    page = old_tab.get(f"/s/{PK}/events/new").text
    token = _form_token(old_tab.get("/login").text)  # signed in again in another tab: the open form's token is old
    old_tab.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token, "next": "/"})
    n = len(store.events(PK))
    r = old_tab.post(f"/s/{PK}/events/new", data=_fields(page, **DEFECT, confirm="yes"),
                     headers={"origin": "http://testserver"}, follow_redirects=False)
    assert r.status_code == 403 and "opened under an earlier sign-in" in r.text and len(store.events(PK)) == n
    assert ">Two PML-Q members cross over</textarea>" in r.text and _form_token(r.text) != _form_token(page)
    r = old_tab.post(f"/s/{PK}/events/new", data=_fields(r.text, **DEFECT, confirm="yes"),
                     headers={"origin": "http://testserver"}, follow_redirects=False)
    assert r.status_code == 303 and len(store.events(PK)) == n + 1


def test_an_event_a_recorded_stance_would_no_longer_fit_is_refused_with_the_stance_named(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = login_form(app, "alice")
    # 10 of PPP's 56 seats lean no from 9 April; 52 of them resigning that day would leave 4
    store.set_stance(PK, "party:ppp/part", stance="lean-no", seats=10, version=0, user="bob", date=dt.date(2022, 4, 9))
    page = c.get(f"/s/{PK}/events/new").text
    n = len(store.events(PK))
    resign = {"date": "2022-04-09", "kind": "resign", "party": "ppp", "seats": "52",
              "sources_0_url": "https://example.org/p", "confirm": "yes"}
    r = c.post(f"/s/{PK}/events/new", data=_fields(page, **resign), follow_redirects=False)
    assert r.status_code == 400 and len(store.events(PK)) == n
    error = r.text[r.text.index('id="form-error"'):].split("</p>")[0]  # about a stance, not a field of the form
    assert "no longer fits" in error and "party:ppp/part: stance for 10 seats" in error and "only 4" in error
    assert 'value="52"' in r.text and 'value="ppp"' in r.text and 'aria-invalid' not in r.text


def test_from_a_further_motion_the_form_leads_back_to_its_log(store: Store) -> None:  # noqa: F811
    # the events are every motion's; reached from the election of 11 April's pages, the form keeps that motion in
    # its links and its action, and the appended event's row is shown on that motion's event log
    further = "pm-election-2022-04-11"
    c = login_form(_app(store), "alice")
    log = c.get(f"/s/{PK}/events?motion={further}").text
    assert f'href="/s/{PK}/events/new?motion={further}"' in log
    page = c.get(f"/s/{PK}/events/new?motion={further}").text
    assert f'action="/s/{PK}/events/new?motion={further}"' in page and f'href="/s/{PK}/events?motion={further}"' in page
    n = len(store.events(PK))
    r = c.post(f"/s/{PK}/events/new?motion={further}", data=_fields(page, **DEFECT, confirm="yes"),
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}/events?motion={further}#event-{n + 1}"
    assert c.get(f"/s/{PK}/events/new?motion=nope").status_code == 404  # a motion the scenario lacks
