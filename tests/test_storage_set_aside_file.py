"""A backup an earlier version dumped (``db dump``), holding values that version read and ignored and the
readers now refuse (a carried constitution's seats: [], a plurality's fraction, strict and negative, a count
quorum's strict, a window of neither bound; a member stance's seats and side), restores with ``db load``: the
values are set aside as the database's migration sets them aside, the command names each one with the file,
the audit trail and the dashboard keep them, and the counts are what that version counted, since it ignored
them. A file written by hand with one is still refused by every other reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import load_scenario
from whipcount.rules import get_constitution
from whipcount.storage import Store
from whipcount.web.app import create_app

# what `whipcount db dump` wrote, run by the version before constitution files refused these values
OLDER_DUMP = """\
id: case
title: A case
chamber:
  name: My Parliament
  rules: my-parliament
  seats: 101
  vacancies: 0
  as_of: 2024-01-01
  sides: [government, opposition, other]
parties:
  - id: red
    name: Red Party
    seats: 60
    side: government
  - id: blue
    name: Blue Party
    seats: 41
    side: opposition
members:
  - id: ann
    name: Ann Red
    party: red
motion:
  id: no-confidence
  kind: no-confidence
  vote: 2024-02-10
division:
  'yes': 41
  'no': 59
  absent: 1
motions:
  - id: budget
    kind: no-confidence
    vote: 2024-02-20
    stances:
      - date: 2024-01-06
        stance: 'no'
        member: ann
        seats: 2
        side: government
stances:
  - date: 2024-01-05
    stance: 'yes'
    member: ann
    seats: 3
    side: opposition
  - date: 2024-01-05
    stance: 'yes'
    party: blue
constitutions:
  - id: my-parliament
    name: My Parliament
    seats: []
    motions:
      - kind: no-confidence
        threshold:
          basis: total
          fraction: 3/5
          strict: false
          quorum:
            count: 30
            strict: true
        window:
          after: motion-filed
        runoff:
          threshold:
            basis: plurality
            fraction: 1/2
            strict: true
            negative: false
        source:
          article: Art. 12(3)
          url: https://example.org/constitution#12
"""
# its constitution as the reader takes it, written by hand without them
KEPT = ("id: my-parliament\nname: My Parliament\nmotions:\n- kind: no-confidence\n  threshold:\n"
        "    basis: total\n    fraction: 3/5\n    strict: false\n    quorum: {count: 30}\n"
        "  runoff:\n    threshold: {basis: plurality}\n"
        "  source: {article: Art. 12(3), url: 'https://example.org/constitution#12'}\n")
SET_ASIDE = {"constitutions[0].seats": [], "constitutions[0].motions[0].threshold.quorum.strict": True,
             "constitutions[0].motions[0].runoff.threshold.fraction": "1/2",
             "constitutions[0].motions[0].runoff.threshold.strict": True,
             "constitutions[0].motions[0].runoff.threshold.negative": False,
             "constitutions[0].motions[0].window": {"after": "motion-filed"},
             "stances[0].seats": 3, "stances[0].side": "opposition",
             "motions[0].stances[0].seats": 2, "motions[0].stances[0].side": "government"}


def _older(tmp_path: Path) -> Path:
    path = tmp_path / "backup.yaml"
    path.write_text(OLDER_DUMP, encoding="utf-8")
    return path


def test_db_load_restores_it_names_each_value_and_counts_as_that_version_did(
        tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _older(tmp_path)
    monkeypatch.chdir(tmp_path)
    url = f"sqlite:///{tmp_path / 'restored.db'}"
    r = run_cli("db", "load", "backup.yaml", "--db", url)
    assert r.code == 0, r.err
    said = " ".join(r.err.split())
    assert "warning: " in said and "backup.yaml: set aside values that mean nothing" in said
    for place in SET_ASIDE:
        assert f"{place}: " in said, (place, said)
    store = Store(url)
    try:
        sc = store.scenario("case")
        kept = parse_constitution_text(KEPT, "kept.yaml")
        carried = get_constitution("my-parliament")
        assert carried.seats == kept.seats and carried.motions[0].threshold == kept.motions[0].threshold
        assert carried.motions[0].window is None and carried.motions[0].runoff == kept.motions[0].runoff
        assert [(s.member, s.seats, s.side) for s in sc.stances] == [("ann", None, None), (None, None, None)]
        [row] = store.audit("case", action="scenario.migrate")
        assert row.before == SET_ASIDE
        assert (row.reason or "").startswith("set aside on loading backup.yaml, as meaning nothing")
        c = TestClient(create_app(url, store=store, public_read=True, secret="s" * 48, seed_scenario=None))
        d = c.get("/api/scenarios/case/dashboard")
        assert d.status_code == 200, d.text
        # 41 of blue, yes; Ann, one seat of red, yes (her seats: 3 were never counted)
        assert d.json()["tally"]["yes"] == 42
        assert any("set aside on loading backup.yaml" in n for n in d.json()["notes"])
    finally:
        store.close()
    again = tmp_path / "again.yaml"
    assert run_cli("db", "dump", "case", "--db", url, "-o", str(again)).code == 0
    r = run_cli("db", "load", "backup.yaml", "--db", url)  # the id is taken: nothing stored, nothing set aside
    assert r.code == 1 and "already in the database" in r.err and "set aside" not in r.err
    # what is dumped now, the reader takes as it is
    assert [(s.member, s.party, s.stance, s.seats, s.side) for s in load_scenario(again).stances] == [
        ("ann", None, "yes", None, None), (None, "blue", "yes", None, None)]


def test_a_file_with_none_of_them_is_loaded_without_a_word(tmp_path: Path, run_cli: Any) -> None:
    url = f"sqlite:///{tmp_path / 'db.db'}"
    r = run_cli("db", "load", "pk-na-2022", "--db", url)
    assert r.code == 0 and r.err == ""
    store = Store(url)
    try:
        assert store.audit("pk-na-2022", action="scenario.migrate") == []
        assert store.set_aside("pk-na-2022") == []
    finally:
        store.close()


def test_every_other_reader_still_refuses_them(tmp_path: Path, run_cli: Any) -> None:
    r = run_cli("tally", str(_older(tmp_path)))
    assert r.code == 1 and "backup.yaml:39: motions[0].stances[0].seats" in r.err


def test_the_main_motion_written_as_motion_has_its_member_stances_set_aside() -> None:
    from whipcount.io.idle_values import scenario_file_set_aside

    doc: dict[str, Any] = {"motion": {"stances": [{"member": "ann", "seats": 2}, {"party": "red", "seats": 5}]},
                           "stances": [{"member": "bo", "side": None}]}
    assert scenario_file_set_aside(doc) == {"motion.stances[0].seats": 2}
    # a party's seats count; a member's side given as null said nothing and is only dropped
    assert doc == {"motion": {"stances": [{"member": "ann"}, {"party": "red", "seats": 5}]},
                   "stances": [{"member": "bo"}]}
