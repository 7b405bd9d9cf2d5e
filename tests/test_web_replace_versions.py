"""A scenario loaded again in place of the stored one (``whipcount db load --replace``) while editors have its
stances open: a version read before the replace is never one of the new scenario's, so a write or a take-back
sent from it is told (409, the stance as it is now), never taken over a stance the editor did not see. Before,
the new scenario's versions started again from its file's (1 for a stance it records), and a write from the
version 1 read before was taken over the stance the desk had loaded in its place."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from test_web_api import _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.storage import Store

CASE = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
events:
  - {date: 2020-02-01, kind: switch-side, party: red, seats: 2, to: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
stances:
  - {party: blue, stance: %s, date: 2020-02-02}
"""
DE = "de-bt-2025"
FIRST = "chancellor-first-ballot-2025-05-06"


def _case(tmp_path: Path, folder: str, blue: str) -> Scenario:
    (tmp_path / folder).mkdir()
    path = tmp_path / folder / "case.yaml"
    path.write_text(CASE % blue, encoding="utf-8")
    return load_scenario(str(path))


def _stance(c: Any, sid: str, subject: str, motion: str | None = None) -> dict[str, Any] | None:
    rows = c.get(f"/api/scenarios/{sid}/stances", params={"motion": motion} if motion else {}).json()["stances"]
    return next((s for s in rows if s["subject"] == subject), None)


def test_a_write_from_a_version_read_before_a_replace_is_a_conflict(store: Store, tmp_path: Path) -> None:  # noqa: F811
    store.save_scenario(_case(tmp_path, "evening", "yes"))
    alice = client(_app(store, seed_scenario=None), "alice")
    read = _stance(alice, "case", "party:blue")
    assert read is not None and read["stance"] == "yes"
    # the desk loads the corrected file: Blue says no
    store.save_scenario(_case(tmp_path, "corrected", "no"), replace=True, user="desk")
    for path, body in (("/api/scenarios/case/stances", {"stance": "lean-yes"}),
                       ("/api/scenarios/case/stances/clear", {"reason": "recorded on the wrong party"})):
        r = alice.post(path, json={"subject": "party:blue", "version": read["version"], **body})
        assert r.status_code == 409, r.text
        assert r.json()["current"]["stance"] == "no" and r.json()["current"]["updated_by"] == "desk"
    now = _stance(alice, "case", "party:blue")
    assert now is not None and now["stance"] == "no"  # the desk's stance stands


def test_a_subject_the_new_file_leaves_out_never_gets_a_version_read_before(
        store: Store, tmp_path: Path) -> None:  # noqa: F811
    store.save_scenario(_case(tmp_path, "evening", "yes"))
    app = _app(store, seed_scenario=None)
    alice, bob = client(app, "alice"), client(app, "bob")
    for version, stance in ((0, "no"), (1, "lean-no")):  # Red's stance recorded, then changed: version 2
        assert alice.post("/api/scenarios/case/stances", json={
            "subject": "party:red", "stance": stance, "version": version}).status_code == 200
    read = _stance(alice, "case", "party:red")
    assert read is not None and read["version"] == 2
    store.save_scenario(_case(tmp_path, "corrected", "no"), replace=True, user="desk")  # no stance on Red
    assert _stance(bob, "case", "party:red") is None
    for stance in ("yes", "undecided"):  # bob records Red twice, from none
        version = (_stance(bob, "case", "party:red") or {"version": 0})["version"]
        assert bob.post("/api/scenarios/case/stances", json={
            "subject": "party:red", "stance": stance, "version": version}).status_code == 200
    r = alice.post("/api/scenarios/case/stances", json={"subject": "party:red", "stance": "absent", "version": 2})
    assert r.status_code == 409, r.text
    assert r.json()["current"]["stance"] == "undecided" and r.json()["current"]["updated_by"] == "bob"


def test_a_further_motions_write_from_before_a_replace_is_a_conflict(store: Store) -> None:  # noqa: F811
    de = load_scenario(DE)
    store.save_scenario(de)
    alice = client(_app(store), "alice")
    read = _stance(alice, DE, "party:spd", FIRST)
    version = read["version"] if read else 0
    # the desk loads the scenario again with the SPD absent on the first ballot, as its own file's entry
    motions = list(de.motions)
    first = next(i for i, m in enumerate(motions) if m.id == FIRST)
    spd = [s for s in motions[first].stances if s.party == "spd"]
    others = [s for s in motions[first].stances if s.party != "spd"]
    entry = dataclasses.replace(spd[-1], stance="absent") if spd else None
    assert entry is not None, "the file records the SPD's stance on the first ballot"
    motions[first] = dataclasses.replace(motions[first], stances=(*others, entry))
    store.save_scenario(dataclasses.replace(de, motions=tuple(motions)), replace=True, user="desk")
    r = alice.post(f"/api/scenarios/{DE}/stances", json={
        "subject": "party:spd", "stance": "no", "version": version, "motion": FIRST})
    assert r.status_code == 409, r.text
    now = _stance(alice, DE, "party:spd", FIRST)
    assert now is not None and now["stance"] == "absent"
