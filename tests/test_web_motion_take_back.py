"""A further motion's stance is taken back as wrong, or ended on a day, as the main motion's is: through the API
(``motion`` in the body of ``POST .../stances/clear``) and the stance form's *Take back*, by editors with the
CSRF token, from the version read (409 when another wrote first), audited (``stance.clear``, ``stance.end``
under the motion's id), kept in the scenario (what ``db dump`` writes), the other motion's count untouched.

Germany 2025's first ballot (a further motion; the second is the main one) has the file's own stances: the
CDU/CSU yes from 28 April, the SPD yes from 30 April (its version 1)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

from test_web_api import _app, _form_token, assert_error, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
MAIN, FIRST = "chancellor-second-ballot-2025-05-06", "chancellor-first-ballot-2025-05-06"


def _yes(c: Any, scenario: str = DE, motion: str = FIRST, on: str | None = None) -> int:
    params = {"motion": motion, **({"on": on} if on else {})}
    return int(c.get(f"/api/scenarios/{scenario}/dashboard", params=params).json()["yes"])


def _clear(c: Any, body: dict[str, Any]) -> Any:
    return c.post(f"/api/scenarios/{DE}/stances/clear", json={"motion": FIRST, **body})


def _spd(s: Store) -> list[Any]:
    return [x for x in s.scenario(DE).motions[1].stances if x.party == "spd"]


def test_a_further_motions_stance_taken_back_as_wrong(store: Store) -> None:  # noqa: F811
    de = load_scenario(DE)
    store.save_scenario(de)
    # the truth: the same scenario with the file's SPD entry of the first ballot left out
    first = de.motions[1]
    store.save_scenario(replace(de, id="de-without-spd", motions=(de.motions[0], replace(
        first, stances=tuple(s for s in first.stances if s.party != "spd")), *de.motions[2:])))
    c = client(_app(store), "alice")
    assert c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:spd", "stance": "no",
                                                         "version": 1}).status_code == 200
    assert _yes(c) == 328 - 120  # the SPD's 120 seats no
    r = _clear(c, {"subject": "party:spd", "version": 2, "reason": "entered on the wrong ballot"})
    assert r.status_code == 200, r.text
    assert r.json()["cleared"]["stance"] == "no"
    assert _yes(c) == _yes(c, "de-without-spd")  # the file's yes taken back too: the side's default
    assert _yes(c, motion=MAIN) == 328  # the main motion keeps its whip count
    assert _spd(store) == [] and store.motion_stance(DE, FIRST, "party:spd") is None
    rows = c.get(f"/api/scenarios/{DE}/stances", params={"motion": FIRST}).json()["stances"]
    assert [s["subject"] for s in rows] == ["party:cdu-csu"]
    row = store.audit(DE, limit=1)[0]
    assert (row.action, row.target, row.user, row.reason) == ("stance.clear", "party:spd", "alice",
                                                               "entered on the wrong ballot")
    assert row.before is not None and (row.before["motion"], row.before["stance"], row.before["version"]) == (
        FIRST, "no", 2)
    assert row.after is None
    history = c.get(f"/api/scenarios/{DE}/history", params={"motion": FIRST, "subject": "party:spd"}).json()
    assert [(h["version"], h["old_stance"], h["new_stance"], h["note"]) for h in history["history"]] == [
        (3, "no", "cleared", "entered on the wrong ballot"), (2, "yes", "no", None), (1, None, "yes", None)]
    # recorded again from none (version 0): the next version after the take-back
    again = c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:spd",
                                                          "stance": "abstain", "version": 0})
    assert again.status_code == 200 and again.json()["stance"]["version"] == 4
    assert [s.stance for s in _spd(store)] == ["abstain"]


def test_a_take_back_from_an_old_version_is_a_conflict(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    app = _app(store)
    alice, bob = client(app, "alice"), client(app, "bob")
    assert _clear(alice, {"subject": "party:spd", "version": 1}).status_code == 200
    body = assert_error(_clear(bob, {"subject": "party:spd", "version": 1}), 409, "changed since you read")
    assert body.get("current") is None
    assert alice.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:spd",
                                                             "stance": "no", "version": 0}).status_code == 200
    body = assert_error(_clear(bob, {"subject": "party:spd", "version": 1}), 409, "changed since you read")
    assert (body["current"]["stance"], body["current"]["version"]) == ("no", 3)
    assert len(store.audit(DE, action="stance.clear")) == 1


def test_a_further_motions_stance_ended_on_a_day(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    w = c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, "subject": "party:spd", "stance": "no",
                                                      "version": 1, "date": "2025-05-05"})
    assert w.status_code == 200 and w.json()["stance"]["version"] == 2
    r = _clear(c, {"subject": "party:spd", "version": 2, "until": "2025-05-06", "reason": "the party line held"})
    assert r.status_code == 200, r.text
    assert (r.json()["ended"]["version"], r.json()["ended"]["until"]) == (3, "2025-05-06")
    # the SPD's 120 seats: no on 5 May, and from 6 May never recorded (neither entry holds any more)
    assert _yes(c, on="2025-05-05") == 328 - 120
    assert [(s.stance, s.until) for s in _spd(store)] == [("yes", dt.date(2025, 5, 6)), ("no", dt.date(2025, 5, 6))]
    row = store.audit(DE, limit=1)[0]
    assert (row.action, row.reason) == ("stance.end", "the party line held")
    assert row.before is not None and row.after is not None
    assert (row.before["motion"], row.before["version"], row.before.get("until")) == (FIRST, 2, None)
    assert (row.after["motion"], row.after["version"], row.after["until"]) == (FIRST, 3, "2025-05-06")
    assert_error(_clear(c, {"subject": "party:spd", "version": 3, "until": "2025-05-06"}), 400, "ends already")
    assert_error(_clear(c, {"subject": "party:cdu-csu", "version": 1, "until": "2025-04-28"}), 400,
                 "after the stance's date")
    assert _yes(c, motion=MAIN) == 328


def test_the_same_rules_as_the_main_motions_take_back(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    app = _app(store)
    body = {"subject": "party:spd", "version": 1}
    assert_error(client(app).post(f"/api/scenarios/{DE}/stances/clear", json={"motion": FIRST, **body}), 401)
    assert_error(_clear(client(app, "vera"), body), 403, "viewer")
    no_token = client(app, "alice")
    del no_token.headers["X-CSRF-Token"]
    assert_error(_clear(no_token, body), 403)
    alice = client(app, "alice")
    assert_error(_clear(alice, {**body, "motion": "third"}), 404, "no motion 'third'")
    assert_error(_clear(alice, {**body, "version": 0}), 422, "version")
    assert [a for a in store.audit(DE) if a.action.startswith("stance.")] == [] and len(_spd(store)) == 1


def test_the_stance_forms_take_back_of_a_further_motion(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    page = c.get(f"/s/{DE}/stance", params={"subject": "party:spd", "motion": FIRST})
    take_back = page.text[page.text.index('class="stance take-back"'):]
    assert f'name="motion" value="{FIRST}"' in take_back and 'name="version" value="1"' in take_back
    form = {"subject": "party:spd", "version": "1", "motion": FIRST, "how": "wrong", "confirm": "yes",
            "reason": "wrong ballot", "csrf_token": _form_token(page.text)}
    r = c.post(f"/s/{DE}/stance/clear", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{DE}?motion={FIRST}"
    assert _spd(store) == [] and store.audit(DE, limit=1)[0].action == "stance.clear"
    stale = c.post(f"/s/{DE}/stance/clear", data=form, follow_redirects=False)  # the version since taken back
    assert stale.status_code == 409 and "changed since you read version 1" in stale.text
    assert re.search(r"taken back as wrong", c.get(f"/s/{DE}/stance", params={"subject": "party:spd",
                                                                              "motion": FIRST}).text)


def test_a_database_made_before_take_backs_keeps_its_further_stances(tmp_path: Any) -> None:
    """A database whose ``motion_stances`` has no ``kind`` (made before a further motion's stance could be
    taken back) gets it, and reads every row it had as a stance."""
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'old.db'}"
    s = Store(url)
    s.save_scenario(load_scenario(DE))
    s.set_motion_stance(DE, FIRST, "party:spd", stance="no", version=1, user="alice")
    s.close()
    engine = sa.create_engine(url)  # as the last release left it
    with engine.begin() as conn:
        conn.execute(sa.text("ALTER TABLE motion_stances DROP COLUMN kind"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE name = 'm007_motion_take_backs'"))
    engine.dispose()
    s = Store(url)
    try:
        assert [x.stance for x in s.scenario(DE).motions[1].stances if x.party == "spd"] == ["yes", "no"]
        s.clear_motion_stance(DE, FIRST, "party:spd", version=2, user="alice")
        assert s.motion_stance(DE, FIRST, "party:spd") is None
    finally:
        s.close()


def test_a_file_entrys_time_is_its_date_on_every_read(store: Store) -> None:  # noqa: F811
    """An entry of the scenario file had been said to be written at the moment it was read, a new time on each
    read; it is the start of its date (UTC), as its history row says."""
    store.save_scenario(load_scenario(DE))
    first, again = store.motion_stance(DE, FIRST, "party:spd"), store.motion_stance(DE, FIRST, "party:spd")
    assert first is not None and first == again
    assert first.updated_at == dt.datetime(2025, 4, 30, tzinfo=dt.UTC)
    assert store.motion_history(DE, FIRST, "party:spd")[0].changed_at == first.updated_at
