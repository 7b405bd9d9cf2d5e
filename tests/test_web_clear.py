"""Taking a stance back on the dashboard: the API route and the stance form's button, for editors only,
with the CSRF token, a version check (409 with the row as it is) and a confirmation that needs no script."""

from __future__ import annotations

from typing import Any

from test_web_api import PK, _form_token, app, assert_error, client, login_form, set_stance, store  # noqa: F401
from whipcount.storage import Store


def clear(c: Any, subject: str, version: int, **kw: Any) -> Any:
    return c.post(f"/api/scenarios/{PK}/stances/clear", json={"subject": subject, "version": version, **kw})


def mqm(board: dict[str, Any]) -> tuple[str, bool]:
    p = next(p for p in board["positions"] if p["party"] == "mqm-p")
    return p["stance"], p["default"]


def test_an_editor_takes_a_stance_back_and_the_dashboard_counts_the_default_again(app: Any) -> None:  # noqa: F811
    c = client(app, "alice")
    before = c.get(f"/api/scenarios/{PK}/dashboard").json()
    assert mqm(before) == ("yes", True)  # the opposition's default (MQM-P crossed on 30 March)
    assert set_stance(c, "party:mqm-p", "no", 0, date="2022-04-01").status_code == 200
    r = clear(c, "party:mqm-p", 1, reason="meant MQM-H")
    assert r.status_code == 200, r.text
    assert {k: r.json()["cleared"][k] for k in ("subject", "stance", "version")} == {
        "subject": "party:mqm-p", "stance": "no", "version": 1}
    after = c.get(f"/api/scenarios/{PK}/dashboard").json()
    assert (after["yes"], mqm(after)) == (before["yes"], ("yes", True))  # MQM-P's 7 seats back
    assert after["revision"] == before["revision"] + 2
    assert after["last_changes"][0]["new_stance"] == "cleared"
    assert c.get(f"/api/scenarios/{PK}/dashboard", params={"on": "2022-04-05"}).json()["yes"] == \
        client(app, "vera").get(f"/api/scenarios/{PK}/dashboard", params={"on": "2022-04-05"}).json()["yes"]
    assert mqm(c.get(f"/api/scenarios/{PK}/dashboard", params={"on": "2022-04-05"}).json()) == ("yes", True)
    [row] = c.get(f"/api/scenarios/{PK}/audit", params={"action": "stance.clear"}).json()["audit"]
    assert (row["user"], row["target"], row["after"], row["reason"]) == ("alice", "party:mqm-p", None, "meant MQM-H")
    assert row["before"]["stance"] == "no" and row["before"]["date"] == "2022-04-01"
    assert [s["subject"] for s in c.get(f"/api/scenarios/{PK}/stances").json()["stances"]
            if s["subject"] == "party:mqm-p"] == []


def test_only_an_editor_with_the_csrf_token_may_take_a_stance_back(app: Any, store: Store) -> None:  # noqa: F811
    set_stance(client(app, "alice"), "party:gda", "yes", 0)
    assert_error(clear(client(app), "party:gda", 1), 401)
    assert_error(clear(client(app, "vera"), "party:gda", 1), 403, "viewer")
    c = client(app, "bob")
    del c.headers["X-CSRF-Token"]
    assert_error(clear(c, "party:gda", 1), 403, "CSRF")
    c.headers["X-CSRF-Token"] = "not-the-token"
    assert_error(clear(c, "party:gda", 1), 403, "CSRF")
    assert store.stance(PK, "party:gda") is not None and store.count_audit(PK, action="stance.clear") == 0
    assert_error(clear(client(app, "bob"), "party:gda", 0), 422, "version")
    assert_error(clear(client(app, "bob"), "party:nope", 1), 404, "nope")


def test_a_stale_take_back_is_a_409_carrying_the_current_row(app: Any, store: Store) -> None:  # noqa: F811
    alice, bob = client(app, "alice"), client(app, "bob")
    set_stance(alice, "party:ppp", "lean-yes", 0)
    set_stance(bob, "party:ppp", "yes", 1, note="bob's source")
    body = assert_error(clear(alice, "party:ppp", 1), 409, "changed since you read version 1")
    assert body["current"]["version"] == 2 and body["current"]["updated_by"] == "bob"
    assert store.stance(PK, "party:ppp").stance == "yes"  # type: ignore[union-attr]
    assert clear(bob, "party:ppp", 2).status_code == 200
    body = assert_error(clear(alice, "party:ppp", 2), 409, "it is now none")
    assert body["current"] is None
    body = assert_error(set_stance(alice, "party:ppp", "no", 2), 409, "it is now none")  # name 0 now
    assert body["current"] is None
    assert set_stance(alice, "party:ppp", "no", 0).json()["stance"]["version"] == 4


def test_the_form_takes_a_stance_back_once_confirmed(app: Any, store: Store) -> None:  # noqa: F811
    store.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="bob")
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text
    assert f'action="/s/{PK}/stance/clear?subject=party%3Appp"' in page and 'name="confirm" value="yes" required' in page
    base = {"subject": "party:ppp", "version": "1", "reason": "wrong party", "csrf_token": _form_token(page)}
    r = c.post(f"/s/{PK}/stance/clear", data=base)  # the box not ticked (a browser would not send it)
    assert r.status_code == 400 and "tick the box" in r.text
    assert store.stance(PK, "party:ppp") is not None
    r = c.post(f"/s/{PK}/stance/clear", data={k: v for k, v in base.items() if k != "csrf_token"} | {"confirm": "yes"})
    assert r.status_code == 403 and "CSRF" in r.text
    r = c.post(f"/s/{PK}/stance/clear", data=base | {"confirm": "yes"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}"
    assert store.stance(PK, "party:ppp") is None
    page = c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text
    assert "/stance/clear" not in page and 'name="version" value="0"' in page  # nothing left to take back
    assert "taken back" in page and "wrong party" in page
    assert "taken back" in c.get(f"/s/{PK}").text  # the last changes


def test_the_form_shows_a_stale_take_back_with_the_newer_stance(app: Any, store: Store) -> None:  # noqa: F811
    store.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="bob")
    c = login_form(app, "alice")
    token = _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text)
    store.set_stance(PK, "party:ppp", stance="no", version=1, user="bob")  # bob changes it meanwhile
    r = c.post(f"/s/{PK}/stance/clear", data={"subject": "party:ppp", "version": "1", "confirm": "yes",
                                              "csrf_token": token})
    assert r.status_code == 409 and "bob" in r.text
    assert '<input type="hidden" name="version" value="2">' in r.text  # to take back the newer one, deliberately
    assert store.stance(PK, "party:ppp").stance == "no"  # type: ignore[union-attr]


def test_a_viewer_sees_no_form_and_cannot_post_one(app: Any, store: Store) -> None:  # noqa: F811
    store.set_stance(PK, "party:ppp", stance="lean-no", version=0, user="bob")
    c = login_form(app, "vera")
    assert c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).status_code == 403
    r = c.post(f"/s/{PK}/stance/clear", data={"subject": "party:ppp", "version": "1", "confirm": "yes",
                                              "csrf_token": _form_token(c.get(f"/s/{PK}").text)})
    assert r.status_code == 403
    assert store.stance(PK, "party:ppp") is not None
