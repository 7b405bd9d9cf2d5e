"""The database holds whatever the readers accept, at its longest, on SQLite and on PostgreSQL (which,
unlike SQLite, refuses a value wider than its column); replacing one scenario leaves every other one as
it was and moves the replaced one's revision on, also for another process that had it in memory; the
whip count's history keeps its versions; identifiers are whole, with nothing after them."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError

from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario
from whipcount.model import Event
from whipcount.model.ids import ID_MAX, is_id
from whipcount.storage import Store, Subject, normalise_url, passwords, schema
from whipcount.storage.engine import reason
from whipcount.storage.schema import NAME_MAX

PK = "pk-na-2022"
ID_LONGEST, NAME_LONGEST = 80, 100  # as the README and docs/web.md state them
LONG = {k: k * ID_LONGEST for k in "spgomq"}  # an id of each kind, as long as an id may be
USER = "u" * NAME_LONGEST


def long_ids_yaml() -> str:
    s, p, g, o, m, q = (LONG[k] for k in "spgomq")
    return f"""\
id: {s}
chamber: {{name: Long Ids, rules: pk-na, seats: 11, as_of: 2020-01-01, sides: [{g}, {o}]}}
parties:
  - {{id: {p}, name: Red, seats: 6, by_side: {{{g}: 5, {o}: 1}}}}
  - {{id: {q}, name: Blue, seats: 4, side: {o}}}
members:
  - {{id: {m}, name: A Member, party: {p}, side: {g}}}
events:
  - {{date: 2020-02-01, kind: switch-side, party: {q}, seats: 1, to: {g}, source: "https://example.org/a"}}
"""


@pytest.fixture
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheap argon2 parameters for accounts made here (the hash is argon2id all the same)."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def test_the_longest_ids_and_names_are_stored_and_read_back_whole(store: Store, write_scenario, cheap_hashes):
    sc = load_scenario(write_scenario(long_ids_yaml()))
    assert sc.id == LONG["s"] and ID_MAX == ID_LONGEST
    store.save_scenario(sc, user=USER)
    back = store.scenario(sc.id)
    assert (back.chamber, back.parties, back.members, back.events) == (sc.chamber, sc.parties, sc.members, sc.events)

    store.add_user(USER, "editor", "a long enough password")
    assert store.user(USER) is not None
    subject = f"party:{LONG['p']}@{LONG['o']}/part"  # the longest kind of subject
    assert len(subject) == 6 + 2 * ID_LONGEST + 1 + 5
    row = store.set_stance(sc.id, subject, stance="lean-no", version=0, user=USER, seats=1)
    assert (row.subject, row.stance, row.updated_by) == (subject, "lean-no", USER)
    member = f"member:{LONG['m']}"
    store.set_stance(sc.id, member, stance="yes", version=0, user=USER)
    assert [h.subject for h in store.history(sc.id)] == [member, subject]
    seq = store.append_event(sc.id, Event(dt.date(2020, 3, 1), "switch-side", party=LONG["q"], seats=1,
                                          to=LONG["o"]), user=USER)
    assert [(s, by) for s, _, by, _ in store.events(sc.id)][-1] == (seq, USER)

    audit = store.audit(sc.id)
    assert {a.user for a in audit} == {USER}
    assert {a.target for a in audit} >= {sc.id, subject, member, f"event:{seq}"}
    assert {a.target for a in store.audit(None, action="user.add")} == {f"user:{USER}"}


@pytest.mark.parametrize("name", ["u" * (NAME_LONGEST + 1), "alice\n", "alice ", ".alice", ""])
def test_a_user_name_too_long_or_with_anything_around_it_is_refused(store: Store, cheap_hashes, name):
    assert NAME_MAX == NAME_LONGEST
    with pytest.raises(InputError, match=f"user name: expected up to {NAME_LONGEST} ASCII letters"):
        store.add_user(name, "viewer", "a long enough password")
    assert store.user_count() == 0


@pytest.mark.parametrize("text", ["abc\n", "a" * (ID_LONGEST + 1), "Abc", "-abc", "", "ab c"])
def test_an_id_is_the_whole_text(text):
    assert not is_id(text)
    with pytest.raises(InputError, match="subject: expected"):
        Subject.parse(f"party:{text}")


def test_ids_at_the_edges_are_ids():
    assert is_id("a" * ID_LONGEST) and is_id("0") and is_id("a.b_c-d")


def test_a_scenario_id_with_a_newline_is_refused_and_nothing_is_written(store: Store):
    sc = load_scenario(PK)
    with pytest.raises(InputError, match="scenario id: expected"):
        store.save_scenario(dataclasses.replace(sc, id=PK + "\n"))
    assert store.scenarios() == []


def _renamed(path: Path, sid: str, name: str) -> object:
    sc = load_scenario(path)
    first = dataclasses.replace(sc.parties[0], name=name)
    return dataclasses.replace(sc, id=sid, parties=(first, *sc.parties[1:]))


def test_replacing_a_scenario_leaves_the_others_whole_and_moves_its_revision_on(loaded: Store, write_scenario,
                                                                                minimal_yaml):
    pk = loaded.scenario(PK)
    pk_stances, pk_revision = loaded.stances(PK), loaded.revision(PK)
    path = write_scenario(minimal_yaml)
    loaded.save_scenario(_renamed(path, "mini", "Red Party"))
    loaded.set_stance("mini", "party:blue", stance="yes", version=0, user="x")
    before = loaded.revision("mini")
    loaded.save_scenario(_renamed(path, "mini", "Crimson Party"), replace=True)
    assert loaded.revision("mini") == before + 1
    assert loaded.scenario("mini").parties[0].name == "Crimson Party"
    assert loaded.stances("mini") == []  # its whip count went with it
    assert loaded.scenario(PK) == pk
    assert (loaded.stances(PK), loaded.revision(PK)) == (pk_stances, pk_revision)


def test_another_process_sees_a_replaced_scenario_with_as_many_events(store: Store, write_scenario, minimal_yaml):
    path = write_scenario(minimal_yaml)
    store.save_scenario(_renamed(path, "mini", "Red Party"))
    other = Store(store.url)
    try:
        assert other.snapshot("mini").scenario.parties[0].name == "Red Party"  # now in its memory
        store.save_scenario(_renamed(path, "mini", "Crimson Party"), replace=True)  # the same log
        snap = other.snapshot("mini")
        assert snap.scenario.parties[0].name == "Crimson Party"
        assert snap.revision == store.revision("mini")
    finally:
        other.close()


def test_each_change_of_a_subject_is_one_version_more_and_history_shows_fifty_by_default(loaded: Store):
    stances = ["yes", "no", "lean-yes", "undecided"]
    for version in range(51):
        loaded.set_stance(PK, "party:mqm-p", stance=stances[version % 4], version=version, user="x")
    rows = loaded.history(PK)
    assert len(rows) == 50 and len(loaded.history(PK, limit=51)) == 51
    assert [r.version for r in rows] == list(range(51, 1, -1))
    assert [r.new_stance for r in rows[:3]] == ["lean-yes", "no", "yes"]  # versions 51, 50, 49
    assert all(r.old_stance == o.new_stance for r, o in zip(rows, rows[1:], strict=False))
    assert loaded.stance(PK, "party:mqm-p").version == 51
    last = loaded.audit(PK, action="stance.set")[0]  # the audit trail names the same versions
    assert (last.before["version"], last.after["version"], last.after["stance"]) == (50, 51, "lean-yes")


def test_a_snapshot_gives_the_chamber_on_any_date_asked(loaded: Store):
    snap = loaded.snapshot(PK)
    early = dt.date(2022, 3, 10)  # before the allies left
    assert snap.live_date() != early
    assert snap.state(early) == snap.scenario.state(early)
    assert snap.state(early) != snap.state()
    assert snap.state() == snap.scenario.state(snap.live_date())


def test_a_database_error_is_told_on_one_line_cut_to_300_characters():
    class Orig(Exception):
        pass

    err = SQLAlchemyError("outer")
    err.orig = Orig("value too long\n  for type character varying(80) " + "x" * 400)  # type: ignore[attr-defined]
    told = reason(err)
    assert told.startswith("value too long for type character varying(80) x") and len(told) == 300
    assert reason(SQLAlchemyError("a\tb  c")) == "a b c"


def test_the_secret_is_read_by_its_key_whatever_else_the_settings_hold(store: Store):
    with store.engine.begin() as conn:
        conn.execute(insert(schema.settings).values(key="a-later-setting", value="not the secret"))
    secret = store.secret()
    assert secret != "not the secret" and len(secret) >= 48
    other = Store(store.url)
    try:
        assert other.secret() == secret  # one secret for every process on the database
    finally:
        other.close()


@pytest.mark.parametrize("cursor", [2**31 - 1, 2**31, 10**20])
def test_an_audit_cursor_past_every_row_id_pages_from_the_newest(loaded: Store, cursor):
    newest = loaded.audit(PK)
    assert newest and loaded.audit(PK, before=cursor) == newest
    assert loaded.audit(PK, before=newest[0].id) == newest[1:]


def test_the_api_pages_the_audit_from_any_cursor_on_either_database(loaded: Store):
    from fastapi.testclient import TestClient

    from whipcount.web.app import create_app

    app = create_app(loaded.url, store=loaded, secret="test-secret-" + "x" * 40, public_read=True)
    with TestClient(app) as client:
        pages = [client.get(f"/api/scenarios/{PK}/audit", params={"before": b} if b else {})
                 for b in (None, 2**31, 10**20)]
    assert [r.status_code for r in pages] == [200, 200, 200]
    assert pages[0].json()["audit"] and pages[1].json() == pages[0].json() == pages[2].json()


def test_a_session_is_marked_seen_at_most_once_a_minute(store: Store, cheap_hashes):
    user = store.add_user("alice", "viewer", "a long enough password")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    now = [start]
    store.sessions.clock = lambda: now[0]
    sid, _ = store.sessions.create(user.id)
    now[0] = start + dt.timedelta(seconds=60)
    assert store.sessions.lookup(sid).last_seen_at == start  # a minute: not written again yet
    now[0] = start + dt.timedelta(seconds=61)
    assert store.sessions.lookup(sid).last_seen_at == now[0]  # past it: written
    now[0] += dt.timedelta(seconds=30)
    assert store.sessions.lookup(sid).last_seen_at == start + dt.timedelta(seconds=61)


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_a_postgresql_url_keeps_a_password_with_a_scheme_like_part(scheme):
    url = f"{scheme}://wc:pa://ss@db.example.org:5432/whip"
    assert normalise_url(url) == "postgresql+psycopg://wc:pa://ss@db.example.org:5432/whip"


def test_an_event_up_to_366_days_after_the_log_needs_no_confirmation(loaded: Store):
    """A year, leap day included, is not 'more than a year' (docs/web.md: confirm: true past it)."""
    last = max(e.date for _, e, _, _ in loaded.events(PK))

    def statement(days: int) -> Event:
        return Event(last + dt.timedelta(days=days), "statement", summary="x", sources=())

    with pytest.raises(InputError, match="more than a year after"):
        loaded.append_event(PK, statement(367), user="ed")
    seq = loaded.append_event(PK, statement(366), user="ed")
    assert [s for s, *_ in loaded.events(PK)][-1] == seq


def test_a_source_of_up_to_1000_characters_is_kept(loaded: Store):
    url = "https://example.org/" + "a" * (1000 - len("https://example.org/"))
    row = loaded.set_stance(PK, "party:mqm-p", stance="no", version=0, user="x", source=url)
    assert row.source == url
    with pytest.raises(InputError, match="source: expected at most 1,000 characters"):
        loaded.set_stance(PK, "party:mqm-p", stance="yes", version=1, user="x", source=url + "a")
    assert loaded.stance(PK, "party:mqm-p").version == 1


def test_another_process_sees_the_first_event_of_a_log_that_had_none(store: Store, write_scenario, minimal_yaml):
    text = minimal_yaml.split("events:")[0] + "motion:" + minimal_yaml.split("motion:")[1]
    store.save_scenario(load_scenario(write_scenario(text)))
    sid = store.scenarios()[0].id
    other = Store(store.url)
    try:
        assert other.snapshot(sid).scenario.events == ()  # now in its memory
        first = Event(dt.date(2020, 2, 1), "switch-side", party="red", seats=2, to="opposition")
        assert store.append_event(sid, first, user="ed") == 1
        assert [e.kind for e in other.snapshot(sid).scenario.events] == ["switch-side"]
        assert other.snapshot(sid).state() == store.scenario(sid).state()  # the chamber after it, as replayed
    finally:
        other.close()


def test_a_password_of_up_to_1000_characters_is_taken(store: Store, cheap_hashes):
    longest = "correct horse battery staple " * 40
    longest = longest[:1000]
    store.add_user("alice", "editor", longest)
    assert store.authenticate("alice", longest) is not None
    with pytest.raises(InputError, match="password: expected at most 1,000 characters"):
        store.add_user("bob", "editor", longest + "x")
    assert store.user("bob") is None


def test_an_event_on_the_chambers_starting_day_is_taken_and_one_before_is_not(store: Store, write_scenario,
                                                                               minimal_yaml):
    text = minimal_yaml.split("events:")[0] + "motion:" + minimal_yaml.split("motion:")[1]
    sc = load_scenario(write_scenario(text))
    store.save_scenario(sc)
    start = sc.chamber.as_of

    def switch(day: dt.date) -> Event:
        return Event(day, "switch-side", party="red", seats=1, to="opposition")

    with pytest.raises(InputError, match="on or after the chamber's starting date"):
        store.append_event(sc.id, switch(start - dt.timedelta(days=1)), user="ed", confirm=True)
    assert store.append_event(sc.id, switch(start), user="ed") == 1


def test_an_unknown_name_with_the_dummy_hashs_password_signs_no_one_in(store: Store):
    """Unknown names are verified against a dummy hash (the same time spent); its password is no key."""
    dummy = "not a real password, used to spend the same time on unknown names"
    assert store.authenticate("nobody", dummy) is None
    assert passwords.verify_password(None, dummy) is False  # whoever calls it for an unknown name


def test_a_refused_user_name_is_echoed_cut_to_120_characters(store: Store, cheap_hashes):
    with pytest.raises(InputError) as caught:
        store.add_user("x" * 200 + "!", "viewer", "a long enough password")
    echoed = str(caught.value).split(", got ", 1)[1]
    assert len(echoed) == 120 and echoed.endswith("…")
