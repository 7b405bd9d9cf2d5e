"""A form's fields are read as the API reads a body's text and the pages a query parameter: stripped, each line
break as one line feed (passwords, and the name a sign-in is for, exactly as typed). A hidden or typed field of
the stance forms with stray whitespace (``" party:afd"``, ``"no "``, a version ``"0 "``, a motion id or a CSRF
token with a line break after it) had been refused (400, 404, 403) where the API took the same text; a field
sent empty is still refused naming it, never read as another value (an empty motion as the main motion)."""

from __future__ import annotations

from typing import Any

import pytest

from test_web_api import PASSWORD, _app, _form_token, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
FIRST = "chancellor-first-ballot-2025-05-06"
PAD = " \r\n\t"


def _editor(store: Store) -> tuple[Any, str]:  # noqa: F811
    """alice, signed in, and the CSRF token of the first ballot's stance form for AfD."""
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    page = c.get(f"/s/{DE}/stance", params={"subject": "party:afd", "motion": FIRST})
    return c, _form_token(page.text)


FIELDS = ["subject", "stance", "version", "motion", "csrf_token", "source", "note", "date", "until"]


@pytest.mark.parametrize("field", FIELDS)
def test_a_stance_forms_field_padded_with_whitespace_reads_as_the_field(store: Store, field: str) -> None:  # noqa: F811
    c, token = _editor(store)
    form = {"subject": "party:afd", "stance": "no", "version": "0", "motion": FIRST, "csrf_token": token,
            "source": "https://example.org/afd", "note": "a note", "date": "2025-05-01", "until": "2025-05-05"}
    r = c.post(f"/s/{DE}/stance", data={**form, field: f"{PAD}{form[field]}{PAD}"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:2000]
    assert r.headers["location"] == f"/s/{DE}?motion={FIRST}"
    row = store.motion_stance(DE, FIRST, "party:afd")
    assert row is not None  # the values as sent without the padding, written by hand
    assert (row.subject, row.stance, row.version, row.source, row.note, row.date.isoformat(), str(row.until)) == (
        "party:afd", "no", 1, "https://example.org/afd", "a note", "2025-05-01", "2025-05-05")
    assert store.stance(DE, "party:afd") is None  # the further motion's, not the main motion's


def test_the_take_back_forms_fields_padded_read_as_the_fields(store: Store) -> None:  # noqa: F811
    c, token = _editor(store)
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:afd", "stance": "no",
                                                         "version": 0, "date": "2025-05-01"}).status_code == 200
    form = {"subject": "party:afd", "version": "1", "motion": FIRST, "csrf_token": token, "how": "ends",
            "until": "2025-05-05", "confirm": "yes", "reason": "said so"}
    r = c.post(f"/s/{DE}/stance/clear", data={k: f"{PAD}{v}{PAD}" for k, v in form.items()}, follow_redirects=False)
    assert r.status_code == 303, r.text[:2000]
    row = store.motion_stance(DE, FIRST, "party:afd")
    assert row is not None and (row.version, str(row.until)) == (2, "2025-05-05")
    assert store.audit(DE, limit=1)[0].reason == "said so"


@pytest.mark.parametrize(("field", "message"), [
    ("motion", "motion: expected a further motion"), ("version", "version: expected a whole number"),
    ("stance", "stance: expected one of"), ("subject", "subject: expected party:ID")])
@pytest.mark.parametrize("blank", ["", PAD])
def test_a_field_sent_blank_is_refused_naming_it(store: Store, field: str, message: str, blank: str) -> None:  # noqa: F811
    c, token = _editor(store)
    form = {"subject": "party:afd", "stance": "no", "version": "0", "motion": FIRST, "csrf_token": token}
    r = c.post(f"/s/{DE}/stance", data={**form, field: blank}, follow_redirects=False)
    assert r.status_code == 400 and message in r.text.replace("&#39;", "'"), r.text[:2000]
    assert store.motion_stance(DE, FIRST, "party:afd") is None and store.stance(DE, "party:afd") is None
    assert store.audit(DE, action="stance.set") == []


@pytest.mark.parametrize("path", ["stances", "stances/clear"])
def test_the_api_refuses_a_blank_motion_rather_than_write_the_main_motions(store: Store, path: str) -> None:  # noqa: F811
    c, _ = _editor(store)
    store.set_stance(DE, "party:afd", stance="no", version=0, user="bob")  # the main motion's, version 1
    r = c.post(f"/api/scenarios/{DE}/{path}", json={"motion": PAD, "subject": "party:afd", "stance": "yes",
                                                    "version": 1} if path == "stances" else
               {"motion": PAD, "subject": "party:afd", "version": 1})
    assert r.status_code == 422 and r.json()["error"].startswith("motion:"), r.text
    row = store.stance(DE, "party:afd")
    assert row is not None and (row.stance, row.version) == ("no", 1)  # the main motion's stance as it was


def test_the_sign_in_form_takes_the_name_and_password_as_typed(store: Store) -> None:  # noqa: F811
    from fastapi.testclient import TestClient

    c = TestClient(_app(store))
    token = _form_token(c.get("/login").text)
    for name, password in ((" alice", PASSWORD), ("alice", f" {PASSWORD}")):
        r = c.post("/login", data={"name": name, "password": password, "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 401, (name, password)  # as POST /api/login takes them: nothing stripped
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": f"{PAD}{token}{PAD}",
                               "next": " /password "}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/password"


def test_the_password_form_reads_its_token_stripped_and_its_passwords_as_typed(store: Store) -> None:  # noqa: F811
    c, _ = _editor(store)
    token = _form_token(c.get("/password").text)
    form = {"current_password": PASSWORD, "new_password": "another long pass phrase",
            "new_password_again": "another long pass phrase ", "csrf_token": f"{PAD}{token}{PAD}"}
    r = c.post("/password", data=form, follow_redirects=False)
    assert r.status_code == 400 and "new password" in r.text  # the token read; the two new ones differ by a space
    r = c.post("/password", data={**form, "new_password_again": form["new_password"]}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/password"
