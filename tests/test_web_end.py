"""A stance that ends on a day, on the dashboard: ``until`` on ``POST /api/scenarios/ID/stances/clear`` and on
the take-back form (the subject counts as never recorded from that day, earlier days keep it), and ``until`` on
a stance recorded through the API or the form (as a scenario file's).

Hand counts from the bundled Pakistan file: JI (1 seat, opposition) is recorded undecided from 30 March 2022,
so JI's seat counts yes (the opposition's default on a no-confidence motion) only where no JI stance holds.
``whipcount count --on`` on the dumped file must agree with ``?on=`` on either side of the end.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from test_web_api import PK, _form_token, app, assert_error, client, login_form, set_stance, store  # noqa: F401
from whipcount.io.writer import dump_scenario
from whipcount.storage import Store


def board(c: Any, on: str | None = None) -> dict[str, Any]:
    r = c.get(f"/api/scenarios/{PK}/dashboard", params={"on": on} if on else {})
    assert r.status_code == 200, r.text
    return dict(r.json())


def position(b: dict[str, Any], party: str) -> tuple[str, bool, str | None]:
    [p] = [p for p in b["positions"] if p["party"] == party]
    return p["stance"], p["default"], p["until"]


def end(c: Any, subject: str, version: int, **kw: Any) -> Any:
    return c.post(f"/api/scenarios/{PK}/stances/clear", json={"subject": subject, "version": version, **kw})


def test_an_ended_stance_counts_before_its_end_and_never_after_on_every_view(
        app: Any, store: Store, run_cli: Any, tmp_path: Path) -> None:  # noqa: F811
    c = client(app, "alice")
    before = {d: board(c, d)["yes"] for d in ("2022-03-31", "2022-04-05", "2022-04-06")}
    assert set_stance(c, "party:ji", "no", 1, date="2022-04-02").status_code == 200
    r = end(c, "party:ji", 2, reason="back with the alliance", until="2022-04-06")
    assert r.status_code == 200, r.text
    assert {k: r.json()["ended"][k] for k in ("subject", "stance", "version", "date", "until")} == {
        "subject": "party:ji", "stance": "no", "version": 3, "date": "2022-04-02", "until": "2022-04-06"}
    # by hand: undecided (its file entry) on 31 March, no on 5 April, as never recorded (yes) from 6 April
    assert position(board(c, "2022-03-31"), "ji") == ("undecided", False, "2022-04-06")
    assert position(board(c, "2022-04-05"), "ji") == ("no", False, "2022-04-06")
    assert position(board(c, "2022-04-06"), "ji")[:2] == ("yes", True)
    assert position(board(c), "ji")[:2] == ("yes", True)  # the live board, on the vote's day
    after = {d: board(c, d)["yes"] for d in before}
    assert after == {"2022-03-31": before["2022-03-31"], "2022-04-05": before["2022-04-05"],
                     "2022-04-06": before["2022-04-06"] + 1}
    path = tmp_path / "dump.yaml"
    path.write_text(dump_scenario(store.scenario(PK)), encoding="utf-8")
    for day in before:
        r = run_cli("count", str(path), "--on", day, "--json")
        assert r.code == 0, r.err
        assert json.loads(r.out)["committed_yes"] == board(c, day)["yes"], day
    live = board(c)
    assert live["last_changes"][0]["new_stance"] == "ended" and live["last_changes"][0]["until"] == "2022-04-06"
    [row] = c.get(f"/api/scenarios/{PK}/audit", params={"action": "stance.end"}).json()["audit"]
    assert (row["user"], row["target"], row["reason"]) == ("alice", "party:ji", "back with the alliance")
    assert (row["before"]["version"], row["after"]["version"], row["after"]["until"]) == (2, 3, "2022-04-06")
    assert "until" not in row["before"]


def test_a_stance_recorded_with_an_end_gives_way_to_the_earlier_one_on_the_live_board(app: Any) -> None:  # noqa: F811
    c = client(app, "bob")
    assert set_stance(c, "party:ji", "no", 1, date="2022-04-01", until="2022-04-05").status_code == 200
    assert position(board(c, "2022-04-04"), "ji") == ("no", False, "2022-04-05")
    assert position(board(c), "ji") == ("undecided", False, None)  # the file's entry of 30 March again
    [h] = c.get(f"/api/scenarios/{PK}/history", params={"subject": "party:ji", "limit": 1}).json()["history"]
    assert (h["new_stance"], h["date"], h["until"]) == ("no", "2022-04-01", "2022-04-05")


def test_ending_is_checked_as_any_write(app: Any, store: Store) -> None:  # noqa: F811
    alice, bob = client(app, "alice"), client(app, "bob")
    set_stance(alice, "party:ji", "no", 1, date="2022-04-02")
    set_stance(bob, "party:ji", "lean-no", 2, date="2022-04-02")
    body = assert_error(end(alice, "party:ji", 2, until="2022-04-06"), 409, "changed since you read version 2")
    assert body["current"]["version"] == 3 and body["current"]["updated_by"] == "bob"
    assert_error(end(client(app, "vera"), "party:ji", 3, until="2022-04-06"), 403, "viewer")
    del bob.headers["X-CSRF-Token"]
    assert_error(end(bob, "party:ji", 3, until="2022-04-06"), 403, "CSRF")
    assert_error(end(alice, "party:ji", 3, until="2022-04-02"), 400,
                 "until: expected a day after the stance's date 2022-04-02")
    assert_error(end(alice, "party:ji", 3, until="6 April"), 422, "until")
    assert store.stance(PK, "party:ji").until is None  # type: ignore[union-attr]
    assert store.count_audit(PK, action="stance.end") == 0


def test_the_form_ends_a_stance_or_takes_it_back_as_wrong_as_chosen(app: Any, store: Store) -> None:  # noqa: F811
    store.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="bob", date=dt.date(
        2022, 4, 1))
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text
    assert 'name="how" value="ends"' in page and 'name="until"' in page
    base = {"subject": "party:ppp", "version": "1", "confirm": "yes", "csrf_token": _form_token(page)}
    r = c.post(f"/s/{PK}/stance/clear", data=base | {"how": "ends"})
    assert r.status_code == 400 and "until: a stance that ends needs the first day it no longer holds" in r.text
    r = c.post(f"/s/{PK}/stance/clear", data=base | {"how": "wrong", "until": "2022-04-06"})
    assert r.status_code == 400 and "until: a stance taken back as wrong has no end" in r.text
    assert store.stance(PK, "party:ppp").version == 1  # type: ignore[union-attr]
    r = c.post(f"/s/{PK}/stance/clear", data=base | {"how": "ends", "until": "2022-04-06", "reason": "said so"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}"
    row = store.stance(PK, "party:ppp")
    assert row is not None and (row.version, row.until) == (2, dt.date(2022, 4, 6))
    page = c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text
    assert "ending on 2022-04-06" in page and "ended from 2022-04-06" in page and "said so" in page
    assert "ended from 2022-04-06" in c.get(f"/s/{PK}").text  # the last changes


def test_the_stance_form_records_an_end(app: Any, store: Store) -> None:  # noqa: F811
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/stance", params={"subject": "party:anp"}).text
    data = {"subject": "party:anp", "version": "0", "stance": "no", "date": "2022-04-01", "until": "2022-04-05",
            "csrf_token": _form_token(page)}
    r = c.post(f"/s/{PK}/stance", data=data | {"until": "2022-04-01"})
    assert r.status_code == 400 and "until: expected a day after the stance&#39;s date 2022-04-01" in r.text
    assert 'name="until" value="2022-04-01"' in r.text  # what was typed, kept
    assert c.post(f"/s/{PK}/stance", data=data, follow_redirects=False).status_code == 303
    assert store.stance(PK, "party:anp").until == dt.date(2022, 4, 5)  # type: ignore[union-attr]
    assert "until 2022-04-05" in c.get(f"/s/{PK}/stance", params={"subject": "party:anp"}).text
