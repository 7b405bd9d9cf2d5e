"""A database an earlier version wrote, holding values the readers now refuse in a file (a carried
constitution's seats: [], a plurality's fraction, strict and negative, a count quorum's strict, a window of
neither bound, a tie_source without a casting vote; a member stance's seats and side; a division's
candidates: {}), still opens on every path a user has: the migration sets the values aside, says so (the
command line's stderr, the dashboard's notes, the audit trail, naming each value) and the counts are what that
version counted, since it ignored them. What is dumped is a file the reader accepts. SQLite and PostgreSQL."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update

from conftest import CliResult
from constitutions import my_parliament
from whipcount.errors import InputError
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import load_scenario
from whipcount.model import Stance
from whipcount.rules import get_constitution
from whipcount.storage import Store, schema
from whipcount.web.app import create_app

SID = "case"
TOTAL = 'threshold: {basis: total, fraction: "3/5", strict: false}'
CASE = """\
id: case
title: A case
chamber: {name: My Parliament, rules: own.yaml, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 60, side: government}
  - {id: blue, name: Blue Party, seats: 41, side: opposition}
members:
  - {id: ann, name: Ann Red, party: red}
motions:
  - {kind: no-confidence, vote: 2024-02-10, division: {yes: 41, no: 59, absent: 1}}
  - id: budget
    kind: no-confidence
    vote: 2024-02-20
    stances: [{date: 2024-01-06, member: ann, stance: "no"}]
stances:
  - {date: 2024-01-05, member: ann, stance: "yes"}
  - {date: 2024-01-05, party: blue, stance: "yes"}
"""
# what an earlier version read and ignored, as it stored it
IDLE = ("id: my-parliament\nname: My Parliament\nseats: []\nmotions:\n- kind: no-confidence\n  threshold:\n"
        "    basis: total\n    fraction: 3/5\n    strict: false\n    tie_source: {article: Art. 9, url: "
        "'https://example.org/9'}\n    quorum: {count: 30, strict: true}\n  window: {after: motion-filed}\n"
        "  runoff:\n    threshold: {basis: plurality, fraction: 1/2, strict: true, negative: false}\n"
        "  source: {article: Art. 12(3), url: 'https://example.org/constitution#12'}\n")
# the same constitution as the reader takes it, written by hand without them
KEPT = ("id: my-parliament\nname: My Parliament\nmotions:\n- kind: no-confidence\n  threshold:\n"
        "    basis: total\n    fraction: 3/5\n    strict: false\n    quorum: {count: 30}\n"
        "  runoff:\n    threshold: {basis: plurality}\n"
        "  source: {article: Art. 12(3), url: 'https://example.org/constitution#12'}\n")
SET_ASIDE = ["constitutions[0] (my-parliament).seats: []",
             "constitutions[0] (my-parliament).motions[0].threshold.tie_source: {",
             "constitutions[0] (my-parliament).motions[0].threshold.quorum.strict: true",
             "constitutions[0] (my-parliament).motions[0].runoff.threshold.fraction: \"1/2\"",
             "constitutions[0] (my-parliament).motions[0].runoff.threshold.strict: true",
             "constitutions[0] (my-parliament).motions[0].runoff.threshold.negative: false",
             "constitutions[0] (my-parliament).motions[0].window: {\"after\": \"motion-filed\"}",
             "stances (member:ann).seats: 3", "stances (member:ann).side: \"opposition\"",
             "motions[1].stances[0] (member:ann).seats: 2", "motions[1].stances[0] (member:ann).side: \"government\"",
             "motion stances (member:ann).seats: 3"]


def _edit(conn: Any, table: Any, where: Any, change: Any) -> None:
    data = copy.deepcopy(conn.execute(select(table.c.data).where(where)).scalar_one())
    change(data)
    conn.execute(update(table).where(where).values(data=data))


def _older(store: Store, tmp_path: Path) -> str:
    """The store's database as an earlier version left it: the case stored with the values it ignored, and
    no record of the migration that sets them aside. Returns its URL (the store is closed)."""
    (tmp_path / "own.yaml").write_text(my_parliament(), encoding="utf-8")
    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    store.save_scenario(load_scenario(tmp_path / "case.yaml"), user="loader")
    store.set_motion_stance(SID, "budget", "member:ann", stance="lean-no", version=1, user="editor",
                            date=dt.date(2024, 1, 8))

    def idle(data: dict[str, Any]) -> None:
        data["constitutions"][0][1] = IDLE
        data["motions"][0]["division"]["candidates"] = []
        data["motions"][1]["stances"][0].update(seats=2, side="government")

    def member(data: dict[str, Any]) -> None:
        data.update(seats=3, side="opposition")

    with store.engine.begin() as conn:
        _edit(conn, schema.scenarios, schema.scenarios.c.id == SID, idle)
        for t in (schema.stance_history, schema.stances):
            _edit(conn, t, (t.c.scenario_id == SID) & (t.c.subject == "member:ann"), member)
        conn.execute(update(schema.stances).where(schema.stances.c.subject == "member:ann").values(seats=3))
        _edit(conn, schema.motion_stances, schema.motion_stances.c.subject == "member:ann", member)
        conn.execute(delete(schema.schema_version).where(schema.schema_version.c.name.like("m009%")))
    store.close()
    return store.url


def _said_all(text: str) -> None:
    for value in SET_ASIDE:
        assert value in text, (value, text)


def test_the_library_opens_it_with_the_values_set_aside_and_the_same_rules(store: Store, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("USER", "newsdesk")  # the system account the migrating process runs as
    reopened = Store(_older(store, tmp_path))
    try:
        [note] = reopened.notes
        assert note.startswith(f"scenario {SID}: set aside values that mean nothing")
        _said_all(note)
        sc = reopened.scenario(SID)
        kept = parse_constitution_text(KEPT, "kept.yaml")
        carried = get_constitution("my-parliament")
        assert carried.seats == kept.seats and carried.motions[0].threshold == kept.motions[0].threshold
        assert carried.motions[0].window is None and carried.motions[0].runoff == kept.motions[0].runoff
        ann = next(s for s in sc.stances if s.member == "ann")
        assert (ann.seats, ann.side) == (None, None)
        [row] = reopened.audit(SID, action="scenario.migrate")
        assert row.user == "newsdesk"
        assert row.before["stances (member:ann).seats"] == 3 and row.before[
            "constitutions[0] (my-parliament).seats"] == []
        _said_all(row.reason or "")
        assert reopened.stances(SID)[0].seats is None  # the current row's column too
    finally:
        reopened.close()
    again = Store(store.url)  # migrated once: no second rewrite, no second note
    try:
        assert again.notes == [] and len(again.audit(SID, action="scenario.migrate")) == 1
    finally:
        again.close()


def test_the_command_line_warns_and_dumps_a_file_the_reader_takes(store: Store, tmp_path: Path, run_cli: Any,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    url = _older(store, tmp_path)
    out = tmp_path / "dumped.yaml"
    r: CliResult = run_cli("db", "dump", SID, "--db", url, "-o", str(out))
    assert r.code == 0, r.err
    assert r.err.count("warning: scenario case: set aside values that mean nothing") == 1
    _said_all(" ".join(r.err.split()).replace("( ", "(").replace(" )", ")"))
    dumped = load_scenario(out)  # the reader, as strict as it now is, takes it
    assert "seats: []" not in out.read_text(encoding="utf-8")
    assert [(s.member, s.seats, s.side) for s in dumped.stances] == [("ann", None, None), (None, None, None)]
    monkeypatch.chdir(tmp_path)
    assert run_cli("db", "load", str(out), "--db", f"sqlite:///{tmp_path / 'fresh.db'}").code == 0
    r = run_cli("db", "dump", SID, "--db", url, "-o", str(tmp_path / "again.yaml"))
    assert r.code == 0 and "warning" not in r.err  # said once, when the database was migrated
    assert run_cli("count", str(out)).code == 0
    budget = next(m for m in dumped.motions if m.id == "budget")
    assert [(s.member, s.stance, s.seats, s.side) for s in budget.stances] == [
        ("ann", "no", None, None), ("ann", "lean-no", None, None)]


def test_the_dashboard_and_the_api_serve_it_and_say_what_was_set_aside(store: Store, tmp_path: Path) -> None:
    reopened = Store(_older(store, tmp_path))
    try:
        c = TestClient(create_app(reopened.url, store=reopened, public_read=True, secret="s" * 48,
                                  seed_scenario=None))
        d = c.get(f"/api/scenarios/{SID}/dashboard")
        assert d.status_code == 200, d.text
        # 41 of blue, yes; Ann, one seat of red, yes (her stored seats: 3 were never counted)
        assert d.json()["tally"]["yes"] == 42
        _said_all(" ".join(d.json()["notes"]))
        page = c.get(f"/s/{SID}")
        assert page.status_code == 200 and "set aside on migrating the database" in page.text
        for path in ("", "/stances", "/history", "/events", "/members"):
            assert c.get(f"/api/scenarios/{SID}{path}").status_code == 200, path
        assert c.get(f"/s/{SID}/members").status_code == 200
        further = c.get(f"/api/scenarios/{SID}/dashboard?motion=budget")
        assert further.status_code == 200 and further.json()["tally"]["lean-no"] == 1  # Ann's one seat
    finally:
        reopened.close()


def test_a_member_stance_with_seats_or_side_is_not_stored_from_python(store: Store) -> None:
    sc = load_scenario("pk-na-2022")
    member = next(m.id for m in sc.members)
    bad = Stance(sc.stances[0].date, "yes", member=member, seats=2)
    with pytest.raises(InputError, match=r"stances\[\d+\]\.seats: a member's stance is about one seat"):
        store.save_scenario(sc.__class__(**{**{f: getattr(sc, f) for f in sc.__dataclass_fields__},
                                            "stances": (*sc.stances, bad)}), user="x")
    assert store.scenarios() == []


def test_many_values_are_named_up_to_twenty_and_counted_beyond(store: Store, tmp_path: Path) -> None:
    url = _older(store, tmp_path)
    older = Store(url, migrate=False)
    with older.engine.begin() as conn:  # 30 more members, each stance stored with seats: 2
        for i in range(30):
            row = {"date": "2024-01-05", "stance": "no", "member": f"m{i}", "seats": 2}
            conn.execute(schema.stance_history.insert().values(
                scenario_id=SID, subject=f"member:m{i}", version=1, old_stance=None, new_stance="no", data=row,
                changed_by="loader", changed_at=dt.datetime(2024, 1, 5, tzinfo=dt.UTC)))
    older.close()
    reopened = Store(url)
    try:
        [note] = reopened.notes
        # 13 of the case's own (7 in the constitution, 2 of Ann's, 2 in the budget motion's, 2 recorded) + 30
        assert note.endswith(" and 23 more (the audit row keeps each under before)")
        [row] = reopened.audit(SID, action="scenario.migrate")
        assert len(row.before) == 43 and row.before["stances (member:m29).seats"] == 2
    finally:
        reopened.close()
