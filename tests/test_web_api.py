"""The JSON API and the pages, in process: one error shape, sessions, CSRF, roles, conflicts, no XSS."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from whipcount.io.scenario import load_scenario
from whipcount.storage import Store, passwords
from whipcount.web.app import create_app

PK = "pk-na-2022"
PASSWORD = "a long enough password"
XSS = '<script>alert("owned")</script>'


@pytest.fixture
def store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    # cheap argon2 parameters keep the tests fast; the stored hash is argon2id all the same
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s = Store(f"sqlite:///{tmp_path / 'web.db'}")
    for name, role in (("alice", "editor"), ("bob", "editor"), ("vera", "viewer")):
        s.add_user(name, role, PASSWORD)
    yield s
    s.close()


def _app(store: Store, **kw: Any) -> Any:
    kw.setdefault("fail_delay", 0.0)  # failed sign-ins answer at once here (1 s late by default)
    return create_app(store.url, store=store, secret="test-secret-" + "x" * 40, **kw)


@pytest.fixture
def app(store: Store) -> Any:
    return _app(store)


def client(app: Any, user: str | None = None) -> TestClient:
    c = TestClient(app)
    if user:
        r = c.post("/api/login", json={"name": user, "password": PASSWORD})
        assert r.status_code == 200, r.text
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
    return c


def assert_error(r: Any, status: int, match: str = "") -> dict[str, Any]:
    body = r.json()
    assert r.status_code == status, body
    assert set(body) >= {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["errors"], list) and body["errors"]
    assert re.search(match, body["error"]), body["error"]
    return dict(body)


def set_stance(c: TestClient, subject: str, stance: str, version: int, **kw: Any) -> Any:
    return c.post(f"/api/scenarios/{PK}/stances", json={"subject": subject, "stance": stance, "version": version, **kw})


# -- the dashboard's numbers --------------------------------------------------------------------------------
def test_first_run_loads_the_bundled_scenario_and_shows_the_magic_number(app: Any) -> None:
    d = client(app, "vera").get(f"/api/scenarios/{PK}/dashboard").json()
    # Art. 95(4): a majority of the total membership of 342
    assert d["magic_number"] == 342 // 2 + 1 == 172
    assert d["chamber"]["seats"] == 342
    assert d["date"] == "2022-04-10"  # the day of the vote
    assert d["sides"]["opposition"] == 177  # the expected 177 after MQM-P's switch (scenario description)
    assert sum(d["tally"].values()) == 342 - d["vacancies"]
    assert 0.0 <= d["p_pass"] <= 1.0


def test_a_stance_change_shows_on_the_dashboard_at_once(app: Any) -> None:
    c = client(app, "alice")
    before = c.get(f"/api/scenarios/{PK}/dashboard").json()
    r = set_stance(c, "party:mqm-p", "no", 0, date="2022-04-01", note="talks collapsed",
                   source="https://example.org/mqm")
    assert r.status_code == 200 and r.json()["stance"]["version"] == 1
    after = c.get(f"/api/scenarios/{PK}/dashboard").json()
    assert after["revision"] == before["revision"] + 1
    assert after["yes"] == before["yes"] - 7  # MQM-P's 7 seats, from the scenario file
    assert after["last_changes"][0]["subject"] == "party:mqm-p"
    assert after["last_changes"][0]["changed_by"] == "alice"
    assert after["p_pass"] <= before["p_pass"]


def test_the_dashboard_has_an_etag(app: Any) -> None:
    c = client(app, "vera")
    r = c.get(f"/api/scenarios/{PK}/dashboard")
    assert c.get(f"/api/scenarios/{PK}/dashboard", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    # another day's board is another body: its tag is not the vote day's, and sending the vote day's tag for
    # it gets the body, not a 304 (the tag had named the scenario and revision only)
    other = c.get(f"/api/scenarios/{PK}/dashboard", params={"on": "2022-03-20"},
                  headers={"If-None-Match": r.headers["etag"]})
    assert other.status_code == 200 and other.json()["date"] == "2022-03-20"
    assert other.headers["etag"] != r.headers["etag"]
    pm = c.get(f"/api/scenarios/{PK}/dashboard", params={"motion": "pm-election-2022-04-11"},
               headers={"If-None-Match": r.headers["etag"]})
    assert pm.status_code == 200 and pm.json()["motion"]["id"] == "pm-election-2022-04-11"


def test_compare_one_scenario_on_two_dates(app: Any) -> None:
    r = client(app, "vera").get("/api/compare", params={"a": PK, "b": PK, "on_a": "2022-03-08", "on_b": "2022-03-30"})
    body = r.json()
    # filed on 8 March: government 179, opposition 162; MQM-P's switch took the opposition to 177
    assert (body["a"]["sides"]["government"], body["a"]["sides"]["opposition"]) == (179, 162)
    assert body["b"]["sides"]["opposition"] == 177


def test_member_and_party_filters(app: Any) -> None:
    c = client(app, "vera")
    opp = c.get(f"/api/scenarios/{PK}/members", params={"side": "opposition"}).json()["positions"]
    assert opp and all(p["side"] == "opposition" for p in opp)
    assert sum(p["seats"] for p in opp) == 177
    found = c.get(f"/api/scenarios/{PK}/members", params={"q": "mqm"}).json()["positions"]
    assert [p["party"] for p in found] == ["mqm-p"]
    assert_error(c.get(f"/api/scenarios/{PK}/members", params={"stance": "maybe"}), 422, "stance")


# -- one error shape ----------------------------------------------------------------------------------------
def test_every_error_has_the_same_shape(app: Any) -> None:
    anon, viewer, editor = client(app), client(app, "vera"), client(app, "alice")
    assert_error(anon.get(f"/api/scenarios/{PK}/dashboard"), 401, "sign in")
    assert_error(viewer.get("/api/no-such-thing"), 404, "not found")
    assert_error(viewer.get("/api/scenarios/nope/dashboard"), 404, "nope")
    assert_error(viewer.delete("/api/scenarios"), 405, "DELETE")
    assert_error(editor.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:pti"}), 422, "stance")
    assert_error(set_stance(editor, "party:pti", "yes", 0, colour="red"), 422, "colour")
    assert_error(set_stance(editor, "party:nope", "yes", 0), 404, "nope")
    assert_error(set_stance(editor, "party:pti", "yes", 0, source="javascript:alert(1)"), 400, "https://")
    assert_error(set_stance(viewer, "party:pti", "yes", 0), 403, "viewer")
    assert_error(viewer.get(f"/api/scenarios/{PK}/dashboard", params={"on": "10/04/2022"}), 400, "YYYY-MM-DD")
    assert_error(viewer.get(f"/api/scenarios/{PK}/dashboard", params={"on": "2020-01-01"}), 400, "2022-03-08")
    set_stance(editor, "party:pti", "no", 0)
    assert_error(set_stance(editor, "party:pti", "yes", 0), 409, "changed since")


def test_bad_input_stores_nothing(app: Any, store: Store) -> None:
    c = client(app, "alice")
    rev = store.revision(PK)
    for body in ({"subject": "party:pti", "stance": "maybe", "version": 0},
                 {"subject": "party:pti/part", "stance": "yes", "version": 0, "seats": 999},
                 {"subject": "party:pti", "stance": "yes", "version": -1},
                 {"subject": "party:pti", "stance": "yes", "version": 0, "note": "x" * 3000}):
        assert c.post(f"/api/scenarios/{PK}/stances", json=body).status_code in (400, 422)
    assert store.revision(PK) == rev and store.count_audit(PK, action="stance.set") == 0


# -- sessions, roles, CSRF ------------------------------------------------------------------------------------
def test_writes_need_an_editor_session_and_the_csrf_token(app: Any, store: Store) -> None:
    assert_error(set_stance(client(app), "party:gda", "yes", 0), 401)
    c = client(app, "alice")
    token = c.headers.pop("X-CSRF-Token")
    assert_error(set_stance(c, "party:gda", "yes", 0), 403, "CSRF")
    c.headers["X-CSRF-Token"] = token[:-2] + "xx"
    assert_error(set_stance(c, "party:gda", "yes", 0), 403, "CSRF")
    assert store.stance(PK, "party:gda") is None
    c.headers["X-CSRF-Token"] = token
    assert set_stance(c, "party:gda", "yes", 0).status_code == 200


def test_a_forged_session_cookie_is_ignored(app: Any) -> None:
    c = TestClient(app)
    c.cookies.set("whipcount_session", "eyJ1c2VyIjogImFsaWNlIiwgInJvbGUiOiAiYWRtaW4ifQ==.forged.sig")
    assert_error(c.get(f"/api/scenarios/{PK}/dashboard"), 401)


def test_public_read_mode_reads_without_login_but_never_writes(store: Store) -> None:
    app = _app(store, public_read=True)
    anon = client(app)
    assert anon.get(f"/api/scenarios/{PK}/dashboard").status_code == 200
    assert anon.get(f"/s/{PK}").status_code == 200
    assert_error(set_stance(anon, "party:pti", "yes", 0), 401)


def test_login_is_rate_limited_per_user_and_address(app: Any) -> None:
    now = [1000.0]
    app.state.wc.limiter.clock = lambda: now[0]
    c = TestClient(app)
    for _ in range(5):
        assert_error(c.post("/api/login", json={"name": "alice", "password": "wrong"}), 401, "wrong")
    # the right password is refused too once the limit is reached
    assert_error(c.post("/api/login", json={"name": "alice", "password": PASSWORD}), 429, "too many")
    assert c.post("/api/login", json={"name": "bob", "password": PASSWORD}).status_code == 200  # another user
    now[0] += 61
    assert c.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200


# -- conflicts between two editors -----------------------------------------------------------------------------
def test_two_editors_never_silently_overwrite_each_other(app: Any) -> None:
    alice, bob = client(app, "alice"), client(app, "bob")
    subject = "party:gda"
    seen = {p["subject"]: p["version"] for p in alice.get(f"/api/scenarios/{PK}/dashboard").json()["positions"]}
    v = seen[subject]
    assert set_stance(alice, subject, "yes", v, note="alice's source").status_code == 200
    body = assert_error(set_stance(bob, subject, "no", v), 409, "alice")
    assert body["current"]["stance"] == "yes" and body["current"]["updated_by"] == "alice"
    rows = {r["subject"]: r for r in bob.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
    assert rows[subject]["stance"] == "yes"
    assert set_stance(bob, subject, "no", body["current"]["version"]).status_code == 200


# -- pages ---------------------------------------------------------------------------------------------------
def test_pages_redirect_to_login_unless_public(app: Any) -> None:
    r = client(app).get(f"/s/{PK}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def _form_token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m
    return m.group(1)


def login_form(app: Any, user: str) -> TestClient:
    c = TestClient(app)
    token = _form_token(c.get("/login").text)
    r = c.post("/login", data={"name": user, "password": PASSWORD, "csrf_token": token, "next": f"/s/{PK}"},
               follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/s/{PK}"
    return c


def test_the_stance_form_saves_and_escapes_a_script_in_the_note(app: Any, store: Store) -> None:
    c = login_form(app, "alice")
    page = c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text
    r = c.post(f"/s/{PK}/stance", data={"subject": "party:ppp", "stance": "lean-no", "version": "0",
                                        "source": "https://example.org/x", "note": XSS, "date": "2022-04-01",
                                        "csrf_token": _form_token(page)}, follow_redirects=False)
    assert r.status_code == 303
    assert store.stance(PK, "party:ppp").note == XSS  # type: ignore[union-attr]
    for path in (f"/s/{PK}", f"/s/{PK}/live", f"/s/{PK}/members", f"/s/{PK}/events",
                 f"/s/{PK}/stance?subject=party:ppp"):
        html = c.get(path).text
        assert XSS not in html, path
        assert "&lt;script&gt;alert(" in html, path
    assert "script-src 'self'" in c.get(f"/s/{PK}").headers["content-security-policy"]


def test_the_form_refuses_a_post_without_the_csrf_token(app: Any, store: Store) -> None:
    c = login_form(app, "alice")
    r = c.post(f"/s/{PK}/stance", data={"subject": "party:ppp", "stance": "no", "version": "0"})
    assert r.status_code == 403 and "CSRF" in r.text
    assert store.stance(PK, "party:ppp") is None


def test_the_form_shows_bad_input_and_conflicts(app: Any, store: Store) -> None:
    c = login_form(app, "alice")
    token = _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text)
    base = {"subject": "party:ppp", "stance": "no", "version": "0", "csrf_token": token}
    r = c.post(f"/s/{PK}/stance", data={**base, "source": "ftp://nope"})
    assert r.status_code == 400 and "http:// or https://" in r.text
    r = c.post(f"/s/{PK}/stance", data={**base, "date": "1 April"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.text
    assert store.stance(PK, "party:ppp") is None
    store.set_stance(PK, "party:ppp", stance="lean-yes", version=0, user="bob")  # bob gets there first
    r = c.post(f"/s/{PK}/stance", data=base)
    assert r.status_code == 409 and "bob" in r.text and 'name="version" value="1"' in r.text
    assert store.stance(PK, "party:ppp").stance == "lean-yes"  # type: ignore[union-attr]


def test_viewers_cannot_open_the_form(app: Any) -> None:
    c = login_form(app, "vera")
    assert c.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).status_code == 403


def test_every_page_renders(app: Any) -> None:
    c = login_form(app, "alice")
    for path in (f"/s/{PK}", f"/s/{PK}/members?side=government", f"/s/{PK}/events", "/compare",
                 f"/compare?a={PK}&b={PK}&on_a=2022-03-08", f"/s/{PK}?on=2022-03-30", "/api/docs"):
        assert c.get(path).status_code == 200, path
    html = c.get(f"/s/{PK}/events").text
    assert "MQM-P leaves the coalition" in html or "mqm-p" in html.lower()
    r = c.get("/nope", headers={"accept": "text/html"})
    assert r.status_code == 404 and "<html" in r.text


def test_openapi_documents_the_api(app: Any) -> None:
    paths = client(app).get("/api/openapi.json").json()["paths"]
    for p in ("/api/login", "/api/scenarios/{scenario_id}/dashboard", "/api/scenarios/{scenario_id}/stances",
              "/api/scenarios/{scenario_id}/events", "/api/compare", "/api/scenarios/{scenario_id}/audit"):
        assert p in paths


def test_appending_an_event_through_the_api(app: Any, store: Store) -> None:
    c = client(app, "alice")
    n = len(load_scenario(PK).events)
    assert_error(c.post(f"/api/scenarios/{PK}/events", json={"date": "2022-04-01", "confirm": True, "kind": "switch-side",
                                                             "party": "aml", "seats": 3, "to": "opposition"}),
                 400, "nothing was written")
    assert_error(c.post(f"/api/scenarios/{PK}/events", json={"date": "2022-04-01", "kind": "teleport"}),
                 422, "unknown event kind")
    assert len(store.events(PK)) == n
    r = c.post(f"/api/scenarios/{PK}/events", json={"date": "2022-04-01", "confirm": True, "kind": "switch-side", "party": "aml",
                                                    "to": "opposition", "reason": "test"})
    assert r.status_code == 201 and r.json()["seq"] == n + 1
    d = c.get(f"/api/scenarios/{PK}/dashboard").json()
    assert d["sides"]["opposition"] == 178  # 177 + AML's one seat


# -- found by using the site ----------------------------------------------------------------------------------
def test_the_live_fragment_says_which_day_it_counts_and_its_vacancies(app: Any) -> None:
    c = login_form(app, "alice")
    assert "counted on 2022-04-10" in c.get(f"/s/{PK}/live").text and "1 vacant" in c.get(f"/s/{PK}/live").text
    # a stance holding from 29 July 2022 moves the count past the 11 PTI resignations accepted on 28 July
    # (Art. 64(1)): the open dashboards must say so, not keep the vote day's header
    r = set_stance(client(app, "bob"), "party:ppp", "yes", 0, date="2022-07-29")
    assert r.status_code == 200, r.text
    live = c.get(f"/s/{PK}/live").text
    assert "counted on 2022-07-29" in live and "12 vacant" in live


def test_the_stance_form_is_refused_for_a_subject_the_scenario_lacks(app: Any) -> None:
    c = login_form(app, "alice")
    r = c.get(f"/s/{PK}/stance", params={"subject": "party:nope"})
    assert r.status_code == 404 and "no party &#39;nope&#39;" in r.text
    assert c.get(f"/s/{PK}/stance", params={"subject": "member:nobody"}).status_code == 404
    r = c.get(f"/s/{PK}/stance", params={"subject": "party:pti@nowhere"})
    assert r.status_code == 400 and "unknown side" in r.text


def test_members_without_a_stance_of_their_own_filter_as_their_party(app: Any) -> None:
    c = client(app, "vera")
    # BAP's Zubaida Jalal stayed with the government and has no stance of her own: counted No with BAP's
    # government seat (the government's default on the motion); PTI's named members all have their own
    bap_no = c.get(f"/api/scenarios/{PK}/members", params={"party": "bap", "stance": "no"}).json()["members"]
    assert [(m["id"], m["stance"], m["counted_as"]) for m in bap_no] == [("zubaida-jalal", None, "no")]
    # only JI's one MNA counts as undecided (JI's stance in the file), not every member without a stance
    undecided = c.get(f"/api/scenarios/{PK}/members", params={"stance": "undecided"}).json()["members"]
    assert [m["id"] for m in undecided] == ["abdul-akbar-chitrali"]
    page = login_form(app, "alice").get(f"/s/{PK}/members", params={"party": "bap", "stance": "no"}).text
    assert page.count("<em>(with party)</em>") == 1
    assert '<option value="party:pti/part">' in page  # a part of a party can be opened from the page


def test_a_body_that_is_not_json_says_so(app: Any) -> None:
    c = client(app, "alice")
    r = c.post(f"/api/scenarios/{PK}/stances", content=b"subject=party:ppp",
               headers={"content-type": "application/json"})
    assert_error(r, 422, r"^request body: expected JSON")


def test_a_javascript_source_from_a_scenario_file_is_never_a_link(app: Any, store: Store,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The store refuses such a source, as a file's reader does; a database written otherwise (an older
    version, another program) still never gets one rendered as a link."""
    import dataclasses

    from whipcount.errors import InputError
    from whipcount.model import Source
    from whipcount.storage import store as store_module

    sc = load_scenario(PK)
    bad = Source("javascript:alert(document.cookie)")
    sc = dataclasses.replace(sc, id="pk-js", stances=tuple(dataclasses.replace(s, sources=(bad,)) for s in sc.stances),
                             events=tuple(dataclasses.replace(e, sources=(bad,)) for e in sc.events))
    with pytest.raises(InputError, match=r"^scenario pk-js: events\[0\]\.source: expected an http\(s\) address"):
        store.save_scenario(sc, user="loader")
    assert not store.has_scenario("pk-js")
    monkeypatch.setattr(store_module, "check_storable", lambda scenario: None)  # written as by something else
    store.save_scenario(sc, user="loader")
    c = login_form(app, "vera")
    for path in ("/s/pk-js", "/s/pk-js/live", "/s/pk-js/members", "/s/pk-js/events"):
        html = c.get(path).text
        assert 'href="javascript:' not in html.lower(), path
    assert 'href="#"' in c.get("/s/pk-js/live").text  # the last changes still say there is a source


@pytest.mark.parametrize(("field", "value"), [("seats", True), ("seats", 2.0), ("version", False), ("version", 0.0)])
def test_a_count_in_a_stance_write_is_a_whole_number(app: Any, field: str, value: Any) -> None:
    """As in a scenario file: true is not 1, nor 2.0 a count (pydantic alone would take both)."""
    editor = client(app, "alice")
    body = {"subject": "party:pti/part", "stance": "lean-no", "version": 0, "seats": 2, field: value}
    r = editor.post(f"/api/scenarios/{PK}/stances", json=body)
    assert_error(r, 422, "whole number")
