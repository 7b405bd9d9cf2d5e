"""A whole number a request carries has a range, and an error quotes at most 80 characters of it.

A stance's version of 4,000 nines once came back whole in a 409 (and four times in the form's page); a
version is kept in an Integer column (at most 2,147,483,647) and seats are at most 100,000, as a chamber's
are. Out of range, each is refused (422 from the API, the form again with the error) naming the field and
the range, and nothing is written."""

from __future__ import annotations

import re
from typing import Any

import pytest

from test_web_api import PK, _app, _form_token, assert_error, client, login_form, set_stance, store  # noqa: F401
from whipcount.errors import InputError, cut_long_values
from whipcount.storage import Store

NINES = "9" * 4000
INT_MAX = 2_147_483_647  # PostgreSQL's integer, the column a version is kept in


def _post_raw(c: Any, path: str, body: str) -> Any:
    """A JSON body written by hand: a number of 4,000 digits as JSON has it, not as Python would send it."""
    return c.post(path, content=body, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(("path", "body", "error"), [
    ("stances", f'{{"subject": "party:pti", "stance": "yes", "version": {NINES}}}',
     "version: expected a whole number from 0 to 2,147,483,647"),
    ("stances", f'{{"subject": "party:pti/part", "stance": "yes", "version": 0, "seats": {NINES}}}',
     "seats: expected a whole number from 1 to 100,000"),
    ("stances/clear", f'{{"subject": "party:pti", "version": {NINES}}}',
     "version: expected a whole number from 1 to 2,147,483,647"),
    ("events", f'{{"date": "2022-04-10", "kind": "resign", "party": "pti", "seats": {NINES}, "confirm": true}}',
     "seats: expected a whole number from 0 to 100,000"),
])
def test_a_huge_number_is_refused_naming_the_field_and_its_range(store: Store, path: str, body: str,  # noqa: F811
                                                                 error: str) -> None:
    c = client(_app(store), "alice")
    rev = store.revision(PK)
    message = assert_error(_post_raw(c, f"/api/scenarios/{PK}/{path}", body), 422)["error"]
    assert message == f"{error}, got {'9' * 79}…"
    assert store.revision(PK) == rev


def test_the_ends_of_each_range_are_taken(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    # the highest version is a version: read by nobody, so a conflict (409), not a refusal of the number
    assert_error(set_stance(c, "party:pti", "yes", INT_MAX), 409, f"since you read version {INT_MAX}")
    assert_error(set_stance(c, "party:pti", "yes", INT_MAX + 1), 422, "from 0 to 2,147,483,647, got 2147483648$")
    assert_error(set_stance(c, "party:pti", "yes", -1), 422, "from 0 to 2,147,483,647, got -1$")
    # 100,000 seats is a number of seats (PTI has not that many: the count says so), 100,001 is not
    assert_error(set_stance(c, "party:pti/part", "yes", 0, seats=100_000), 400, "stance for 100000 seats")
    assert_error(set_stance(c, "party:pti/part", "yes", 0, seats=100_001), 422, "from 1 to 100,000, got 100001$")
    assert_error(c.post(f"/api/scenarios/{PK}/stances/clear", json={"subject": "party:pti", "version": 0}), 422,
                 "^version: expected a whole number from 1 to 2,147,483,647, got 0$")


def _page_error(r: Any) -> str:
    m = re.search(r'<p class="error" role="alert"[^>]*>(.*?)</p>', r.text, re.S)
    assert m is not None, r.text[:300]
    return m.group(1)


def test_the_forms_refuse_a_huge_number_and_quote_80_characters_of_it(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    token = _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:pti"}).text)
    rev = store.revision(PK)
    sent = [
        ("/stance", {"subject": "party:pti", "stance": "yes", "version": NINES}, "version", "0 to 2,147,483,647"),
        ("/stance", {"subject": "party:pti/part", "stance": "yes", "version": "0", "seats": NINES}, "seats",
         "1 to 100,000"),
        ("/stance/clear", {"subject": "party:pti", "version": NINES, "confirm": "yes"}, "version",
         "1 to 2,147,483,647"),
    ]
    for path, data, field, span in sent:
        r = c.post(f"/s/{PK}{path}", data={**data, "csrf_token": token}, follow_redirects=False)
        assert r.status_code == 400
        assert _page_error(r) == f"{field}: expected a whole number from {span}, got &#39;{'9' * 79}…&#39;"
        assert "9" * 81 not in r.text  # not in the error, nor in the fields shown again
    assert store.revision(PK) == rev


def test_the_store_refuses_what_the_database_cannot_hold(store: Store) -> None:  # noqa: F811
    with pytest.raises(InputError, match=r"^version: expected the version you read \(0 to 2,147,483,647\), got "
                                         r"2147483648$"):
        store.set_stance(PK, "party:pti", stance="yes", version=INT_MAX + 1, user="ed")
    with pytest.raises(InputError, match=r"^seats: .*\(1 to 100,000\), got 100001$"):
        store.set_stance(PK, "party:pti/part", stance="yes", version=0, user="ed", seats=100_001)
    with pytest.raises(InputError, match=r"^version: .*take back \(1 to 2,147,483,647\), got 99999.{74}…$"):
        store.clear_stance(PK, "party:pti", version=int(NINES), user="ed")


def test_every_error_cuts_a_long_number() -> None:
    assert cut_long_values("moves 12 of " + "7" * 300 + " seats") == "moves 12 of " + "7" * 79 + "… seats"
    assert cut_long_values("1" * 80) == "1" * 80 and cut_long_values("2" * 81) == "2" * 79 + "…"


# every whole number a JSON body carries, with a body it is valid in (the number given as 4)
WHOLE_NUMBERS = [
    ("stances", {"subject": "party:pti", "stance": "yes"}, "version"),
    ("stances", {"subject": "party:pti/part", "stance": "yes", "version": 0}, "seats"),
    ("stances/clear", {"subject": "party:pti"}, "version"),
    ("events", {"date": "2022-04-10", "kind": "resign", "party": "pti", "confirm": True}, "seats"),
]


@pytest.mark.parametrize(("path", "body", "field"), WHOLE_NUMBERS, ids=[f"{p}.{f}" for p, _, f in WHOLE_NUMBERS])
@pytest.mark.parametrize("sent", ["4", "4.0", "+4", " 4 ", "1_0", "0x4", 4.0, True, ""])
def test_a_whole_number_in_a_json_body_is_a_json_integer(store: Store, path: str, body: dict[str, Any],  # noqa: F811
                                                         field: str, sent: Any) -> None:
    c = client(_app(store), "alice")
    rev = store.revision(PK)
    message = assert_error(c.post(f"/api/scenarios/{PK}/{path}", json={**body, field: sent}), 422)["error"]
    assert message.startswith(f"{field}: expected a whole number"), message
    assert store.revision(PK) == rev


def test_a_whole_number_in_quotes_is_told_as_such_and_the_integer_is_taken(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert_error(set_stance(c, "party:ppp", "no", "1_0"), 422,  # type: ignore[arg-type]
                 r"^version: expected a whole number \(a JSON integer such as 4, not in quotes\), got a string")
    assert set_stance(c, "party:ppp", "no", 0).status_code == 200
    r = c.post(f"/api/scenarios/{PK}/events", json={"date": "2022-04-10", "kind": "resign", "party": "pti",
                                                   "seats": 1, "confirm": True})
    assert r.status_code == 201, r.text


@pytest.mark.parametrize("field", ["confirm", "repeat"])
@pytest.mark.parametrize("sent", ["yes", "true", 1, 0, "", None])
def test_a_yes_or_no_in_a_json_body_is_a_json_boolean(store: Store, field: str, sent: Any) -> None:  # noqa: F811
    # as a whole number must be a JSON integer, a yes or no must be true or false: "yes", "true" and 1 had been
    # read as true (and "no", 0 as false), so a script's typo or a form's "on" passed unnoticed; nothing is written
    c = client(_app(store), "alice")
    rev = store.revision(PK)
    body = {"date": "2022-04-10", "kind": "resign", "party": "pti", "seats": 1, "confirm": True, field: sent}
    message = assert_error(c.post(f"/api/scenarios/{PK}/events", json=body), 422)["error"]
    assert message.startswith(f"{field}: expected true or false"), message
    assert store.revision(PK) == rev
