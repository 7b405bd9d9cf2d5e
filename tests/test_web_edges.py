"""The web app at its edges: a body of exactly the limit, a request a browser marks cross-site, broken
JSON, a route's own security header, sign-out's redirect, a member found by constituency, a past date's
page, the stance form's own subject, a position's first source, a scenario with no motion yet."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest

from test_web_api import PK, _app, _form_token, assert_error, client, login_form, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store
from whipcount.web.errors import unread_body
from whipcount.web.headers import SecurityHeaders


def _stance(c: Any, body: bytes, **headers: str) -> Any:
    return c.post(f"/api/scenarios/{PK}/stances", content=body,
                  headers={"content-type": "application/json", **headers})


def test_a_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(store: Store) -> None:  # noqa: F811
    c = client(_app(store, max_body=2048), "alice")
    base = {"subject": "party:ppp", "stance": "no", "version": 0, "note": ""}
    fill = 2048 - len(json.dumps(base).encode())
    exact = json.dumps({**base, "note": "n" * fill}).encode()
    assert len(exact) == 2048
    assert _stance(c, exact).status_code == 200
    over = json.dumps({**base, "version": 1, "note": "n" * (fill + 1)}).encode()
    assert_error(_stance(c, over), 413, "at most 2048 bytes")
    assert store.stance(PK, "party:ppp").version == 1  # type: ignore[union-attr]


def test_a_read_is_never_refused_for_the_body_it_declares(store: Store) -> None:  # noqa: F811
    c = client(_app(store, max_body=1024), "vera")
    r = c.request("GET", f"/api/scenarios/{PK}/stances", content=b"x" * 2000)
    assert r.status_code == 200 and r.json()["ok"] is True


def test_a_request_the_browser_marks_cross_site_is_refused_with_403(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    body = json.dumps({"subject": "party:ppp", "stance": "no", "version": 0}).encode()
    assert_error(_stance(c, body, **{"sec-fetch-site": "cross-site"}), 403, "cross-site request refused")
    assert store.stance(PK, "party:ppp") is None
    assert _stance(c, body, **{"sec-fetch-site": "same-origin"}).status_code == 200


def test_broken_json_is_told_with_where_and_why(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    body = assert_error(_stance(c, b'{"subject": "party:ppp", "stance": }'), 422,
                        r"^request body: expected JSON, got invalid JSON at character \d+ \(.+\)$")
    assert body["error"].endswith("(Expecting value)")  # the parser's own words


def test_a_route_keeps_its_own_security_header_and_gets_the_others_once() -> None:
    sent: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-frame-options", b"SAMEORIGIN")]})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request", "body": b""}

    scope = {"type": "http", "path": "/s/x", "method": "GET", "headers": []}
    asyncio.run(SecurityHeaders(app)(scope, receive, send))
    names = [k for k, _ in sent[0]["headers"]]
    assert names.count(b"x-frame-options") == 1 and (b"x-frame-options", b"SAMEORIGIN") in sent[0]["headers"]
    assert names.count(b"content-security-policy") == 1 and names.count(b"referrer-policy") == 1


def test_signing_out_redirects_to_the_sign_in_page_with_see_other(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    token = _form_token(c.get(f"/s/{PK}").text)
    r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"


def test_a_member_is_found_by_constituency(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "vera")
    # the scenario file: Mohammad Aslam Bhootani, NA-272 Lasbela-cum-Gwadar
    found = c.get(f"/api/scenarios/{PK}/members", params={"q": "lasbela"}).json()["members"]
    assert [m["name"] for m in found] == ["Mohammad Aslam Bhootani"]


def test_a_past_dates_page_shows_that_date_and_keeps_it_in_the_form(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    html = c.get(f"/s/{PK}", params={"on": "2022-03-10"}).text
    live = c.get(f"/s/{PK}").text
    assert 'value="2022-03-10"' in html and 'value="2022-03-10"' not in live
    # on 10 March MQM-P still sat with the government: the opposition held 162 seats, not 177 (docs, data)
    board = c.get(f"/api/scenarios/{PK}/dashboard", params={"on": "2022-03-10"}).json()
    assert board["sides"]["opposition"] == 162


def test_the_stance_form_shows_the_subjects_own_position(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    html = c.get(f"/s/{PK}/stance", params={"subject": "party:mqm-p"}).text
    # MQM-P (its short name in the scenario file), shown with the stance it is counted with
    assert "<h1>Stance of MQM-P</h1>" in html and "party:mqm-p · no stance recorded: shown as <b>Yes</b>" in html


def test_a_position_names_its_first_source(store: Store, write_scenario) -> None:  # noqa: F811
    first, second = "https://example.org/first", "https://example.org/second"
    store.save_scenario(load_scenario(write_scenario(NO_MOTION.rstrip(" ") + f"""\
    motion: {{kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}}
    stances:
      - {{date: 2020-01-02, party: blue, stance: no, sources: ["{first}", "{second}"]}}
    """)))
    c = client(_app(store), "vera")
    rows = c.get("/api/scenarios/no-motion/members").json()["positions"]
    assert [r["source"] for r in rows if r["subject"] == "party:blue"] == [first]
    page = c.get("/s/no-motion").text  # the seat chart's seats cite the same source
    assert f"Stance source: {first}" in page and second not in page


NO_MOTION = """\
    id: no-motion
    chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
    parties:
      - {id: red, name: Red Party, seats: 6, side: government}
      - {id: blue, name: Blue Party, seats: 4, side: opposition}
    """


def test_a_scenario_without_a_motion_counts_nothing_yet(store: Store, write_scenario) -> None:  # noqa: F811
    store.save_scenario(load_scenario(write_scenario(NO_MOTION)))
    board = client(_app(store), "vera").get("/api/scenarios/no-motion/dashboard").json()
    assert board["motion"] is None and board["magic_number"] is None and board["yes"] == 0
    assert board["yes_and_leaning"] == 0 and board["short_by"] is None and board["p_pass"] is None
    assert set(board["tally"].values()) == {0}
    assert board["sides"] == {"government": 6, "opposition": 4, "other": 0}


def test_the_live_chart_marks_a_majority_that_needs_every_seat(store: Store, write_scenario) -> None:  # noqa: F811
    """Two seats, a majority of the total membership: both are needed (Art. 95's rule on a chamber of 2)."""
    store.save_scenario(load_scenario(write_scenario("""\
    id: two-seats
    chamber: {name: Two Seats, rules: pk-na, seats: 2, as_of: 2020-01-01}
    parties:
      - {id: red, name: Red Party, seats: 1, side: government}
      - {id: blue, name: Blue Party, seats: 1, side: opposition}
    motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
    """)))
    c = login_form(_app(store), "alice")
    assert c.get("/api/scenarios/two-seats/dashboard").json()["magic_number"] == 2
    html = c.get("/s/two-seats").text
    assert html.count('<path class="threshold majority"') == 2  # the wide chart and the phone's
    assert "<title>2 to pass</title>" in html


def test_settle_says_whether_the_worker_finished_in_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    import threading

    from whipcount.web import state

    gate = threading.Event()
    real = state.forecast_fields

    def slow(*args: Any, **kw: Any) -> Any:
        gate.wait(10)  # the worker's P(pass) held back until the test lets it go
        return real(*args, **kw)

    app = _app(store)
    c = client(app, "alice")
    monkeypatch.setattr(state, "forecast_fields", slow)
    body = json.dumps({"subject": "party:ppp", "stance": "no", "version": 0}).encode()
    assert _stance(c, body).status_code == 200  # the count now; P(pass) queued for the worker
    assert app.state.wc.settle(0.2) is False
    gate.set()
    assert app.state.wc.settle(10) is True


def test_the_revision_is_the_stores_whether_read_again_or_remembered(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = client(app, "vera")
    wc = app.state.wc
    assert c.get(f"/api/scenarios/{PK}").json()["revision"] == store.revision(PK)
    assert wc.revision(PK, fresh=True) == wc.revision(PK) == wc.revision(PK) == store.revision(PK)


def test_errors_are_cut_where_they_repeat_what_was_sent(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "s" * 300, "version": 0})
    said = assert_error(r, 422, "^stance: ")["error"]
    echoed = said.split(", got ", 1)[1]
    assert len(echoed) == 80 and echoed.endswith("…'")  # the value sent, cut to 80 characters, its quote closed
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "s" * 78, "version": 0})
    assert assert_error(r, 422, "^stance: ")["error"].endswith(", got '" + "s" * 78 + "'")  # 80 exactly: whole
    long_path = "/api/" + "p" * 3000
    said = assert_error(c.get(long_path), 404, "^not found: /api/ppp")["error"]
    assert said == "not found: " + long_path[:79] + "…"  # a path is a value sent: cut to 80 characters too


_ROW = re.compile(r'<tr><td data-label="Who"><svg class="swatch"[^>]*><rect [^>]*/></svg>([^<]*)</td>\n'
                  r'<td data-label="Side">([^<]*)</td><td data-label="Seats">\d+</td>\n'
                  r'<td data-label="Stance"><svg class="swatch"[^>]*><rect [^>]*/></svg>([^<]*)')


def test_the_members_page_filters_by_side_party_and_stance(store: Store) -> None:  # noqa: F811
    c = login_form(_app(store), "alice")
    every = _ROW.findall(c.get(f"/s/{PK}/members").text)
    sides = {side for _, side, _ in every}
    assert {"government", "opposition"} <= sides
    for params, keep in (({"side": "government"}, lambda r: r[1] == "government"),
                         ({"party": "mqm-p"}, lambda r: r[0].startswith("MQM-P")),
                         ({"stance": "no"}, lambda r: r[2].strip() == "No")):
        rows = _ROW.findall(c.get(f"/s/{PK}/members", params=params).text)
        assert rows and rows == [r for r in every if keep(r)], params


def test_the_members_page_lists_parties_by_their_short_names(store: Store) -> None:  # noqa: F811
    html = login_form(_app(store), "alice").get(f"/s/{PK}/members").text
    # the scenario file's short names; the independents' label is "Ind. (...)" by side
    for pid, short in (("pti", "PTI"), ("mqm-p", "MQM-P"), ("independent", "Ind.")):
        assert f'<option value="{pid}" >{short}</option>' in html
        assert html.count(f'<option value="{pid}" ') == 1  # once, however many positions the party has


def test_the_stance_form_answers_its_readers_and_refuses_the_others(store: Store) -> None:  # noqa: F811
    app = _app(store)
    editor, viewer = login_form(app, "alice"), login_form(app, "vera")
    form = editor.get(f"/s/{PK}/stance", params={"subject": "party:ppp"})
    assert form.status_code == 200
    token = _form_token(viewer.get(f"/s/{PK}").text)
    r = viewer.post(f"/s/{PK}/stance", data={"subject": "party:ppp", "stance": "no", "version": "0",
                                             "csrf_token": token})
    assert r.status_code == 403 and "vera is a viewer" in r.text
    token = _form_token(form.text)
    r = editor.post(f"/s/{PK}/stance", data={"subject": "party:PPP", "stance": "no", "version": "0",
                                             "csrf_token": token})
    assert r.status_code == 400 and "subject: expected" in r.text
    assert store.stance(PK, "party:ppp") is None


def test_the_bar_of_seats_draws_every_position_one_seat_ones_too(store: Store) -> None:  # noqa: F811
    from whipcount.web.board import STANCE_COLOURS, STANCE_LABELS
    from whipcount.web.seats import bar_svg

    board = client(_app(store), "vera").get(f"/api/scenarios/{PK}/dashboard").json()
    svg = bar_svg(board, STANCE_COLOURS, STANCE_LABELS)
    drawn = [p for p in board["positions"] if p["seats"] > 0]
    assert any(p["seats"] == 1 for p in drawn)  # e.g. AML's one seat (scenario file)
    bars = re.findall(r"<title>[^<]*: (\d+) · [^<]*</title></rect>", svg)
    assert len(bars) == len(drawn)
    assert sum(map(int, bars)) == board["chamber"]["seats"] - board["vacancies"]  # 342 less the vacant seat


def test_history_and_events_of_an_unknown_scenario_are_404(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "vera")
    for path in ("history", "events", "stances", "audit"):
        assert_error(c.get(f"/api/scenarios/no-such-case/{path}"), 404, "no scenario 'no-such-case'")


def test_a_part_of_one_seat_can_be_recorded(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:mqm-p/part", "stance": "no", "version": 0,
                                                      "seats": 1, "date": "2022-04-01"})
    assert r.status_code == 200, r.text
    assert store.stance(PK, "party:mqm-p/part").seats == 1  # type: ignore[union-attr]
    assert_error(c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:mqm-p/part", "stance": "yes",
                                                                "version": 1, "seats": 0}), 422, "^seats: ")


def test_the_dashboard_says_how_p_pass_was_computed(store: Store) -> None:  # noqa: F811
    board = client(_app(store), "vera").get(f"/api/scenarios/{PK}/dashboard").json()
    assert board["p_pass_note"].startswith("exact: ")  # the cohesion model's exact distribution
    assert 0.0 < board["p_pass"] <= 1.0


def test_a_stream_that_ends_stops_listening() -> None:
    from whipcount.web.live import Broadcaster

    async def go() -> tuple[int, int, int]:
        b = Broadcaster()
        first, second = b.subscribe(), b.subscribe()
        during = b.listeners
        b.unsubscribe(first)
        after = b.listeners
        b.unsubscribe(second)
        return during, after, b.listeners

    assert asyncio.run(go()) == (2, 1, 0)


def test_the_home_page_of_an_empty_database_says_how_to_load_one(store: Store) -> None:  # noqa: F811
    from sqlalchemy import delete

    from whipcount.storage import schema

    c = login_form(_app(store), "alice")  # the app loads the bundled case into the empty database
    with store.engine.begin() as conn:
        conn.execute(delete(schema.scenarios))
    r = c.get("/", headers={"accept": "text/html"})
    assert r.status_code == 404 and "whipcount db load SCENARIO" in r.text


def test_the_bar_of_seats_leaves_out_positions_without_seats() -> None:
    from whipcount.web.seats import bar_svg

    board = {"chamber": {"name": "T", "seats": 10}, "magic_number": 6, "positions": [
        {"stance": "yes", "label": "Red", "seats": 6}, {"stance": "no", "label": "Gone", "seats": 0},
        {"stance": "no", "label": "Blue", "seats": 4}]}
    svg = bar_svg(board, {"yes": "#000", "no": "#fff"}, {"yes": "Yes", "no": "No"})
    assert "<title>Red: 6" in svg and "<title>Blue: 4" in svg and "Gone" not in svg


def test_a_fresh_read_of_the_revision_is_remembered(store: Store) -> None:  # noqa: F811
    app = _app(store)
    wc = app.state.wc
    wc.revision_ttl = 60.0  # a minute: no re-read by age during the test, however slow the machine
    before = wc.revision(PK)
    other = Store(store.url)  # another process writes
    try:
        other.set_stance(PK, "party:ppp", stance="no", version=0, user="bob")
    finally:
        other.close()
    assert wc.revision(PK) == before  # within the TTL the remembered one is served
    assert wc.revision(PK, fresh=True) == before + 1
    assert wc.revision(PK) == before + 1  # and from then on the fresh one


def test_a_split_partys_positions_name_their_side_and_take_a_stance_there(store: Store) -> None:  # noqa: F811
    # BAP sat on both sides on the day of the vote (1 with the government, 4 with the opposition) and no
    # stance of its own is stored: each position's subject names its side, a whole party's does not
    c = client(_app(store), "alice")
    board = c.get(f"/api/scenarios/{PK}/dashboard").json()
    subject = {p["key"]: p["subject"] for p in board["positions"]}
    assert subject["bap@government"] == "party:bap@government"
    assert subject["bap@opposition"] == "party:bap@opposition"
    assert subject["ppp"] == "party:ppp"
    # the subject shown is the one a stance is taken on: the government's BAP seat turns to yes alone
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:bap@government", "stance": "yes",
                                                      "version": 0})
    assert r.status_code == 200, r.text
    after = {p["key"]: p for p in c.get(f"/api/scenarios/{PK}/dashboard").json()["positions"]}
    assert after["bap@government"]["stance"] == "yes" and after["bap@government"]["seats"] == 1
    assert after["bap@opposition"]["stance"] == board_stance(board, "bap@opposition")


def board_stance(board: dict[str, Any], key: str) -> str:
    return next(p["stance"] for p in board["positions"] if p["key"] == key)


def test_yes_and_leaning_adds_the_leaning_seats_to_the_committed_ones(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    body = {"subject": "party:mqm-p", "stance": "lean-yes", "version": 0}
    assert c.post(f"/api/scenarios/{PK}/stances", json=body).status_code == 200
    board = c.get(f"/api/scenarios/{PK}/dashboard").json()
    seats = {st: sum(p["seats"] for p in board["positions"] if p["stance"] == st) for st in ("yes", "lean-yes")}
    assert seats["lean-yes"] >= 7  # MQM-P's seven, leaning now
    assert board["yes"] == seats["yes"] and board["yes_and_leaning"] == seats["yes"] + seats["lean-yes"]


def test_a_board_is_counted_on_its_own_day_whatever_state_it_is_handed(store: Store) -> None:  # noqa: F811
    import datetime as dt

    from whipcount.web.board import build_board

    sc = load_scenario(PK)
    day, other = dt.date(2022, 4, 10), dt.date(2022, 3, 8)  # one seat vacant on the day of the vote, none before
    board = build_board(sc, sc.stances, [], [], revision=1, on=day, state=sc.state(other), forecast=False).data
    assert board["date"] == "2022-04-10" and board["vacancies"] == sc.state(day).vacancies == 1


_NOT_UTF8 = b'{"subject": "party:\xff", "stance": "no", "version": 0}'


@pytest.mark.parametrize(("body", "error"), [
    # Python turns at most 4,300 digits into an int: the parser stops there, not at a syntax error
    (b'{"subject": "party:ppp", "stance": "no", "version": ' + b"9" * 5000 + b"}",
     r"^request body: expected whole numbers of at most 4,300 digits, got a longer one$"),
    (b"[" * 20_000 + b"]" * 20_000, r"^request body: expected JSON, got arrays or objects nested too deeply"),
    (_NOT_UTF8, rf"^request body: expected JSON in UTF-8, got a byte that is not \(invalid start byte, at byte "
                rf"{_NOT_UTF8.index(0xFF)}\)$"),
])
def test_a_body_the_parser_gives_up_on_is_told_why(store: Store, body: bytes, error: str) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    rev = store.revision(PK)
    assert_error(_stance(c, body), 422, error)
    assert store.revision(PK) == rev


def test_any_other_reason_a_body_is_unread_is_named() -> None:
    assert unread_body(OSError("disconnected")) == "request body: expected JSON, could not read it (OSError)"
    assert unread_body(ValueError("not a number")).endswith("could not read it (ValueError)")


def test_another_400_keeps_its_own_words() -> None:
    """Only FastAPI's own words for a body it could not read are replaced; any other 400 says what it said."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient
    from starlette.exceptions import HTTPException

    from whipcount.web.errors import UNREAD_BODY, add_error_handlers

    app = FastAPI()
    add_error_handlers(app)

    @app.get("/api/other")
    def other() -> None:
        raise HTTPException(400, "the cursor is from another list")

    @app.get("/api/unread")
    def unread() -> None:
        raise HTTPException(400, UNREAD_BODY) from RecursionError()

    c = TestClient(app)
    assert c.get("/api/other").json()["error"] == "the cursor is from another list"
    r = c.get("/api/unread")
    assert r.status_code == 422 and "nested too deeply to read (at most 64 levels)" in r.json()["error"]
