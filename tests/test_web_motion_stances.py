"""A further motion's whip count (``motions[i].stances``: Germany 2025's first ballot for Merz beside the
second, the main motion) is edited as the main motion's is: through the API (``motion`` in the body) and the
stance form (``?motion=ID``), by editors with the CSRF token, from the version read (409 when another wrote
first), checked as a stance is (the seats of a part against the party's), in the audit trail under the
motion's id, kept in the scenario (``db dump``), and leaving the other motion's count as it was."""

from __future__ import annotations

import re
from typing import Any

from test_web_api import _app, _form_token, assert_error, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

DE = "de-bt-2025"
MAIN, FIRST = "chancellor-second-ballot-2025-05-06", "chancellor-first-ballot-2025-05-06"


def _version(c: Any, subject: str, motion: str | None = FIRST) -> int:
    rows = c.get(f"/api/scenarios/{DE}/stances", params={"motion": motion} if motion else {}).json()["stances"]
    return next((s["version"] for s in rows if s["subject"] == subject), 0)


def _yes(c: Any, motion: str) -> int:
    return int(c.get(f"/api/scenarios/{DE}/dashboard", params={"motion": motion}).json()["yes"])


def _write(c: Any, body: dict[str, Any]) -> Any:
    return c.post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, **body})


def test_an_editor_changes_a_further_motions_stance_and_only_its_count(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    assert (_yes(c, FIRST), _yes(c, MAIN)) == (328, 328)  # both ballots: CDU/CSU 208 + SPD 120
    version = _version(c, "party:spd")
    r = _write(c, {"subject": "party:spd", "stance": "no", "version": version, "note": "18 dissenters, reported"})
    assert r.status_code == 200, r.text
    assert r.json()["stance"]["version"] == version + 1
    assert _yes(c, FIRST) == 328 - 120  # the SPD's 120 seats move to no on the first ballot
    assert _yes(c, MAIN) == 328  # the main motion keeps its own whip count
    assert _version(c, "party:spd") == version + 1 and _version(c, "party:spd", None) == _version(c, "party:spd", MAIN)
    row = store.audit(DE, limit=1)[0]
    assert (row.action, row.target, row.user) == ("stance.set", "party:spd", "alice")
    assert row.after["motion"] == FIRST and row.after["stance"] == "no"
    assert row.reason == "18 dissenters, reported"
    # kept with the scenario: a dump (and `count --motion`) reads the motion's stances with it
    spd = [s for s in store.scenario(DE).motions[1].stances if s.party == "spd"]
    assert spd[-1].stance == "no" and spd[-1].note == "18 dissenters, reported"


def test_two_editors_from_one_version_get_200_and_409(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    app = _app(store)
    alice, bob = client(app, "alice"), client(app, "bob")
    version = _version(alice, "party:afd")
    assert _write(alice, {"subject": "party:afd", "stance": "absent", "version": version}).status_code == 200
    body = assert_error(_write(bob, {"subject": "party:afd", "stance": "yes", "version": version}), 409,
                        "changed since you read")
    assert body["current"]["stance"] == "absent" and body["current"]["version"] == version + 1
    assert _write(bob, {"subject": "party:afd", "stance": "yes", "version": version + 1}).status_code == 200


def test_the_same_checks_as_the_main_motions(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    app = _app(store)
    alice = client(app, "alice")
    write = {"subject": "party:spd", "stance": "no", "version": _version(alice, "party:spd")}
    assert_error(client(app).post(f"/api/scenarios/{DE}/stances", json={"motion": FIRST, **write}), 401)
    assert_error(_write(client(app, "vera"), write), 403, "viewer")
    no_token = client(app, "alice")
    del no_token.headers["X-CSRF-Token"]
    assert_error(_write(no_token, write), 403)
    assert_error(_write(alice, {**write, "motion": "third"}), 404, f"no motion 'third'.*{MAIN}, {FIRST}")
    assert_error(_write(alice, {**write, "stance": "maybe"}), 422, "stance")
    assert_error(_write(alice, {**write, "subject": "party:nobody"}), 404, "no party 'nobody'")
    # a part larger than its party: the SPD holds 120 seats
    assert_error(_write(alice, {"subject": "party:spd/part", "stance": "no", "version": 0, "seats": 121}), 400,
                 f"motion {FIRST}: .*spd")
    assert_error(_write(alice, {**write, "date": "2020-01-01"}), 400, "date")
    assert _yes(alice, FIRST) == 328 and len(store.audit(DE, action="stance.set")) == 0  # nothing written


def test_the_stance_form_of_a_further_motion(store: Store) -> None:  # noqa: F811
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    board = c.get(f"/s/{DE}", params={"motion": FIRST}).text
    link = f"/s/{DE}/stance?subject=party%3Aspd&amp;motion={FIRST}"
    assert link in board  # the further motion's dashboard leads to its stances' forms
    assert "Edit this motion" not in client(_app(store), "vera").get(f"/s/{DE}", params={"motion": FIRST}).text
    page = c.get(link.replace("&amp;", "&"))
    assert page.status_code == 200 and f'name="motion" value="{FIRST}"' in page.text
    version = re.search(r'name="version" value="(\d+)"', page.text)
    assert version
    form = {"subject": "party:spd", "stance": "no", "version": version.group(1), "motion": FIRST,
            "csrf_token": _form_token(page.text)}
    r = c.post(f"/s/{DE}/stance", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{DE}?motion={FIRST}"
    assert _yes(c, FIRST) == 208 and _yes(c, MAIN) == 328
    again = c.post(f"/s/{DE}/stance", data={**form, "stance": "yes"}, follow_redirects=False)  # the old version
    assert again.status_code == 409 and "what you typed is kept" in again.text
    assert f'name="motion" value="{FIRST}"' in again.text
    assert c.get(f"/s/{DE}/stance", params={"subject": "party:spd", "motion": "third"}).status_code == 404


def test_members_and_history_read_the_motion_asked_for(store: Store) -> None:  # noqa: F811
    """``?motion=`` on the members and the history had been ignored: the first ballot's members were the second
    ballot's, and its history the main motion's, with no word that the motion asked for was not the one read."""
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    assert _write(c, {"subject": "party:spd", "stance": "abstain", "version": _version(c, "party:spd"),
                      "note": "the first ballot"}).status_code == 200

    def spd(motion: str | None) -> str:
        rows = c.get(f"/api/scenarios/{DE}/members", params={"motion": motion} if motion else {}).json()["positions"]
        return str(next(p["stance"] for p in rows if p["subject"] == "party:spd"))

    assert (spd(FIRST), spd(MAIN), spd(None)) == ("abstain", "yes", "yes")
    first = c.get(f"/api/scenarios/{DE}/history", params={"motion": FIRST, "subject": "party:spd"}).json()["history"]
    assert [(h["new_stance"], h["note"]) for h in first][0] == ("abstain", "the first ballot")
    assert [h["new_stance"] for h in first] == ["abstain", "yes"]  # the write, then the file's own entry
    main = c.get(f"/api/scenarios/{DE}/history", params={"motion": MAIN, "subject": "party:spd"}).json()["history"]
    assert all(h["new_stance"] != "abstain" for h in main)
    assert_error(c.get(f"/api/scenarios/{DE}/history", params={"motion": FIRST}), 422, "one subject at a time")
    assert_error(c.get(f"/api/scenarios/{DE}/members", params={"motion": "third"}), 404, "no motion 'third'")
    assert_error(c.get(f"/api/scenarios/{DE}/history", params={"motion": "third", "subject": "party:spd"}), 404,
                 "no motion 'third'")


def test_office_seats_are_refused_alike_on_every_motion(store: Store) -> None:  # noqa: F811
    """Seats that cannot vote by office are set in the file; a take-back or an end can still be made on the
    dashboard, of the main motion's stance as of a further motion's, and the refusal says so for both."""
    store.save_scenario(load_scenario(DE))
    c = client(_app(store), "alice")
    further = assert_error(_write(c, {"subject": "party:cdu/office", "stance": "yes", "version": 0}), 400)["error"]
    main = assert_error(c.post(f"/api/scenarios/{DE}/stances", json={
        "subject": "party:cdu/office", "stance": "yes", "version": 0}), 400)["error"]
    assert further == main and "a take-back or an end still can" in main
