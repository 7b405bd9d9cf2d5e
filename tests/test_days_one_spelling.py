"""A day is written YYYY-MM-DD wherever whipcount takes one as text: the web API's bodies, query parameters
(``?on=``, ``on_a``), the stance and take-back forms, and the command line's date options, all read by one
reader with one message. Python's ``date.fromisoformat`` alone reads other ISO 8601 spellings too (a week
date: 2022-W14-7 is 10 April 2022, the Pakistan vote), which the API's bodies refused and the rest took."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest

from test_web_api import PK, _app, _form_token, assert_error, client, login_form, set_stance, store  # noqa: F401
from whipcount.io.days import read_day, read_day_field
from whipcount.storage import Store

VOTE = dt.date(2022, 4, 10)
# each of these is 10 April 2022 to date.fromisoformat (checked below), and none is YYYY-MM-DD
OTHER_SPELLINGS = ["2022-W14-7", "2022W147", "20220410"]
NOT_A_DAY = [*OTHER_SPELLINGS, "10/04/2022", "2022-4-10", "2022-04-10T00:00", " 2022-04-10", "２０２２-04-10"]


# written YYYY-MM-DD, but not in the calendar: named as such (February 2022 had 28 days)
NO_SUCH_DAY = "2022-02-30"


def expected(field: str, text: str) -> str:
    if text == NO_SUCH_DAY:
        return f"{field}: no such day: February 2022 has 28 days, got {text!r}"
    return f"{field}: expected a date as YYYY-MM-DD, got {text!r}"


def test_the_other_spellings_are_days_to_python_but_not_to_whipcount() -> None:
    for text in OTHER_SPELLINGS:
        assert dt.date.fromisoformat(text) == VOTE  # the independent reading: the bug's source
    assert read_day("2022-04-10") == VOTE and read_day("2024-02-29") == dt.date(2024, 2, 29)
    for text in NOT_A_DAY:
        with pytest.raises(ValueError, match=re.escape(f"expected a date as YYYY-MM-DD, got {text!r}")):
            read_day(text)
    with pytest.raises(ValueError, match=re.escape(f"no such day: February 2022 has 28 days, got {NO_SUCH_DAY!r}")):
        read_day(NO_SUCH_DAY)
    assert read_day_field("on", "") is None and read_day_field("on", None) is None


def test_a_query_parameter_takes_only_yyyy_mm_dd(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "vera")
    assert c.get(f"/api/scenarios/{PK}/dashboard", params={"on": "2022-04-10"}).json()["date"] == "2022-04-10"
    # a query's text is read as a body's (whipcount.web.query): padding is stripped, so " 2022-04-10" is the day
    assert c.get(f"/api/scenarios/{PK}/dashboard", params={"on": " 2022-04-10 "}).json()["date"] == "2022-04-10"
    for text in [*(t for t in NOT_A_DAY if t.strip() != "2022-04-10"), NO_SUCH_DAY]:
        body = assert_error(c.get(f"/api/scenarios/{PK}/dashboard", params={"on": text}), 400)
        assert body["error"] == expected("on", text)
        assert assert_error(c.get(f"/api/scenarios/{PK}/members", params={"on": text}), 400)["error"] == \
            expected("on", text)
        r = c.get(f"/s/{PK}", params={"on": text})
        assert r.status_code == 400 and expected("on", text) in html.unescape(r.text)
    body = assert_error(c.get("/api/compare", params={"a": PK, "b": PK, "on_b": "2022-W14-7"}), 400)
    assert body["error"] == expected("on_b", "2022-W14-7")
    assert c.get("/compare", params={"a": PK, "b": PK, "on_a": "2022-W14-7"}).status_code == 400


def test_a_body_takes_only_yyyy_mm_dd_with_the_same_words(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    for field in ("date", "until"):
        body = assert_error(set_stance(c, "party:anp", "no", 0, **{field: "2022-W14-7"}), 422)
        assert body["error"] == expected(field, "2022-W14-7")
    assert store.stance(PK, "party:anp") is None


def _form_error(r: Any) -> str:
    m = re.search(r'<p class="error" role="alert"[^>]*>(.*?)</p>', r.text, re.S)
    assert m is not None, r.text[:300]
    return html.unescape(m.group(1))


def test_the_forms_take_only_yyyy_mm_dd(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    token = _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:anp"}).text)
    base = {"subject": "party:anp", "stance": "no", "version": "0", "source": "", "note": "", "seats": "",
            "date": "", "until": "", "csrf_token": token}
    for field in ("date", "until"):
        r = c.post(f"/s/{PK}/stance", data={**base, field: "2022-W14-7"}, follow_redirects=False)
        assert r.status_code == 400 and _form_error(r) == expected(field, "2022-W14-7")
    assert store.stance(PK, "party:anp") is None
    assert c.post(f"/s/{PK}/stance", data={**base, "date": "2022-04-10"}, follow_redirects=False).status_code == 303
    r = c.post(f"/s/{PK}/stance/clear", data={"subject": "party:anp", "version": "1", "reason": "", "confirm": "yes",
                                             "how": "ends", "until": "20220411", "csrf_token": token},
               follow_redirects=False)
    assert r.status_code == 400 and _form_error(r) == expected("until", "20220411")
    assert store.stance(PK, "party:anp").until is None  # type: ignore[union-attr]


@pytest.mark.parametrize("option", ["--on", "--as-of"])
def test_the_command_line_takes_only_yyyy_mm_dd(run_cli: Any, option: str) -> None:
    args = ["tally", PK] if option == "--on" else ["import", "csv", "no-such.csv"]
    r = run_cli(*args, option, "2022-W14-7")
    assert r.code == 1 and r.out == ""
    assert r.err.strip().endswith(f"{option}: expected a date as YYYY-MM-DD, today or yesterday, got '2022-W14-7'")
    assert "Traceback" not in r.err
    assert run_cli("tally", PK, "--on", "2022-04-10").code == 0
