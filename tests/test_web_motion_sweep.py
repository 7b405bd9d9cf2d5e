"""A further motion's pages as a reader and an attacker use them: the members page counts the motion asked for
(it had shown the main motion's under ``?motion=`` of another, and 200 for a motion the scenario lacks), an
empty ``motion`` is the main motion on the dashboard's API as on the page, a day before the chamber's seats
start is refused naming the parameter, and a motion's text from a scenario file is shown as text."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from test_web_api import XSS, _app, assert_error, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
MAIN, FIRST = "chancellor-second-ballot-2025-05-06", "chancellor-first-ballot-2025-05-06"


def _spd_no_on_the_first_ballot(store: Store) -> Any:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:spd", "stance": "no",
                                                         "version": 1}).status_code == 200
    return c


def _spd_row(html: str) -> str:
    row = next(r for r in html.split("<tr>") if "party%3Aspd" in r and "/part" not in r)
    return " ".join(row.split())


def test_the_members_page_counts_the_motion_asked_for(store: Store) -> None:  # noqa: F811
    c = _spd_no_on_the_first_ballot(store)
    first = c.get(f"/s/{DE}/members", params={"motion": FIRST})
    assert first.status_code == 200
    spd = _spd_row(first.text)
    assert "No" in spd and "Yes" not in spd  # the SPD's no, written on the first ballot
    assert f"subject=party%3Aspd&amp;motion={FIRST}" in spd  # its edit link opens the first ballot's form
    assert f'<input type="hidden" name="motion" value="{FIRST}">' in first.text  # the filters keep the motion
    main = _spd_row(c.get(f"/s/{DE}/members").text)
    assert "Yes" in main and "motion=" not in main  # the main motion's: the file's yes
    assert c.get(f"/s/{DE}/members", params={"motion": MAIN}).text.count("party%3Aspd&amp;motion") == 0
    missing = c.get(f"/s/{DE}/members", params={"motion": "third"})
    assert missing.status_code == 404 and "no motion &#39;third&#39;" in missing.text


def test_an_empty_motion_is_the_main_one_on_the_api_as_on_the_page(store: Store) -> None:  # noqa: F811
    c = _spd_no_on_the_first_ballot(store)
    empty = c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": " "})
    assert empty.status_code == 200, empty.text
    assert empty.json() == c.get(f"/api/scenarios/{DE}/dashboard").json()
    assert empty.json()["motion"]["id"] == MAIN


@pytest.mark.parametrize(("path", "params", "field"), [
    (f"/api/scenarios/{DE}/dashboard", {"on": "2025-03-24"}, "on"),
    (f"/api/scenarios/{DE}/dashboard", {"on": "1900-01-01", "motion": FIRST}, "on"),
    (f"/api/scenarios/{DE}/members", {"on": "2024-12-31", "motion": FIRST}, "on"),
    ("/api/compare", {"a": DE, "b": DE, "on_b": "2025-01-01"}, "on_b"),
])
def test_a_day_before_the_seats_start_is_refused_naming_the_parameter(store: Store, path: str,  # noqa: F811
                                                                        params: dict[str, str], field: str) -> None:
    c = _spd_no_on_the_first_ballot(store)
    assert_error(c.get(path, params=params), 400, f"^{field}: expected 2025-03-25 or later")  # the file's as_of
    page = c.get(f"/s/{DE}", params={"motion": FIRST, "on": "2025-03-24"})
    assert page.status_code == 400 and "on: expected 2025-03-25 or later" in page.text
    assert c.get(f"/s/{DE}", params={"motion": FIRST, "on": "2025-03-25"}).status_code == 200


def test_a_motions_text_from_the_file_is_shown_as_text(store: Store) -> None:  # noqa: F811
    de = load_scenario(DE)
    store.save_scenario(replace(de, motions=(de.motions[0], replace(de.motions[1], target=XSS), *de.motions[2:])))
    c = client(_app(store), "alice")
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:spd", "stance": "no",
                                                         "version": 1, "note": XSS}).status_code == 200
    for path in (f"/s/{DE}", f"/s/{DE}/live", f"/s/{DE}/members", f"/s/{DE}/stance?subject=party:spd"):
        for params in ({}, {"motion": FIRST}):
            html = c.get(path, params=params).text
            assert XSS not in html, (path, params)
    page = c.get(f"/s/{DE}", params={"motion": FIRST}).text
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in page


def test_a_form_naming_the_main_motion_writes_the_main_motions_stance(store: Store) -> None:  # noqa: F811
    from test_web_api import _form_token

    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    token = _form_token(c.get(f"/s/{DE}/stance", params={"subject": "party:afd", "motion": MAIN}).text)
    r = c.post(f"/s/{DE}/stance", data={"subject": "party:afd", "stance": "absent", "version": "0", "motion": MAIN,
                                        "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{DE}"
    row = store.stance(DE, "party:afd")
    assert row is not None and row.stance == "absent"
    assert store.motion_stance(DE, FIRST, "party:afd") is None
