"""Two editors appending to one event log: an append names the scenario's revision it read (optional, as
documented) and is refused with 409 when anything changed since, nothing written, saying what changed and how
to send it again; the same event twice (date, kind, subject, sources) is refused naming the one in the log,
revision or not, unless the second is declared another event of its own (``repeat``)."""

from __future__ import annotations

from typing import Any

from test_web_api import PK, _app, assert_error, client, set_stance, store  # noqa: F401
from whipcount.storage import Store

EVENTS = f"/api/scenarios/{PK}/events"
STATEMENT = {"date": "2022-08-01", "kind": "statement", "party": "pti", "summary": "PTI says it will return",
             "source": {"url": "https://example.org/pti-returns"}}


def _revision(c: Any) -> int:
    """The revision the event log was read at, as a client reads it (the event log's answer)."""
    body = c.get(EVENTS).json()
    return int(body["revision"])


def test_the_event_log_names_the_revision_it_was_read_at(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert _revision(c) == store.revision(PK) == 1  # the scenario as loaded: one write
    assert set_stance(c, "party:ppp", "no", 0).status_code == 200
    assert _revision(c) == 2


def test_an_append_from_a_stale_revision_is_refused_saying_what_changed(store: Store) -> None:  # noqa: F811
    app = _app(store)
    alice, bob = client(app, "alice"), client(app, "bob")
    read = _revision(alice)
    n = len(store.events(PK))
    assert set_stance(bob, "party:ppp", "no", 0).status_code == 200  # bob writes after alice read
    body = assert_error(alice.post(EVENTS, json={**STATEMENT, "revision": read}), 409,
                        r"^revision: the scenario changed since you read revision 1")
    assert "stance on party:ppp" in body["error"] and "bob" in body["error"]  # what changed, by whom
    assert "send it again with revision 2" in body["error"]  # how to retry
    assert body["revision"] == 2
    assert len(store.events(PK)) == n and store.revision(PK) == 2  # nothing written, not even the revision
    assert store.count_audit(PK, action="event.append") == 0
    r = alice.post(EVENTS, json={**STATEMENT, "revision": 2})
    assert r.status_code == 201, r.text
    assert r.json()["seq"] == n + 1


def test_a_revision_the_scenario_never_had_is_refused(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert_error(c.post(EVENTS, json={**STATEMENT, "revision": 7}), 409,
                 r"^revision: the scenario is at revision 1, not 7")
    assert store.count_audit(PK, action="event.append") == 0


def test_two_editors_appending_the_same_event_record_it_once(store: Store) -> None:  # noqa: F811
    app = _app(store)
    alice, bob = client(app, "alice"), client(app, "bob")
    n = len(store.events(PK))
    assert alice.post(EVENTS, json=STATEMENT).status_code == 201  # no revision: the version is optional
    body = assert_error(bob.post(EVENTS, json={**STATEMENT, "reason": "seen on TV"}), 409,
                        rf"^the event is already in the log as event:{n + 1} ")
    assert "alice" in body["error"] and "repeat: true" in body["error"]
    assert body["existing"]["seq"] == n + 1
    assert len(store.events(PK)) == n + 1
    # with the revision read after alice's append it is the same event all the same
    assert_error(bob.post(EVENTS, json={**STATEMENT, "revision": store.revision(PK)}), 409, "already in the log")
    # a source in another order, or the same source with another summary, is the same event
    assert_error(bob.post(EVENTS, json={**STATEMENT, "summary": "another wording"}), 409, "already in the log")
    assert len(store.events(PK)) == n + 1


def test_an_event_of_the_file_is_a_duplicate_too(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    last = {"date": "2022-07-28", "kind": "resign", "party": "pti", "seats": 11, "confirm": True,
            "source": {"url": "https://www.samaaenglish.tv/news/40013522/na-speaker-accepts-resignations-of-11-pti-mnas"}}
    assert_error(c.post(EVENTS, json=last), 409, r"already in the log as event:\d+ \(2022-07-28")


def test_a_different_event_is_not_a_duplicate_and_repeat_records_a_second_of_its_own(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    n = len(store.events(PK))
    assert c.post(EVENTS, json=STATEMENT).status_code == 201
    for other in ({"party": "ppp"}, {"kind": "ruling"}, {"source": {"url": "https://example.org/another"}},
                  {"date": "2022-08-02"}):
        r = c.post(EVENTS, json={**STATEMENT, **other})
        assert r.status_code == 201, (other, r.text)
    r = c.post(EVENTS, json={**STATEMENT, "repeat": True, "confirm": True})
    assert r.status_code == 201, r.text
    assert len(store.events(PK)) == n + 6

