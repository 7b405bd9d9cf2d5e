"""``db load --replace`` keeps what it replaces: the audit row ``scenario.replace`` holds, under ``before``, the
replaced scenario as a scenario file holds it (its chamber, parties, members, event log and every stance
recorded on the dashboard, as ``db dump`` writes them), beside the revision it had. Before, it kept the revision
alone, and the evening's whip count and the log as loaded were gone from the database. The pages of the trail
show such a row in one line; the API and the CSV give the whole."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi.testclient import TestClient

from storage_fixtures import PK, store  # noqa: F401 - the fixture
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.writer import dump_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.storage import Store
from whipcount.web.app import create_app


def _evening(s: Store) -> None:
    """The file loaded, then a desk's evening: ANP says no from 5 April, leans no from 7 April; JWP's stance
    of the file taken back as wrong."""
    s.save_scenario(load_scenario(PK), user="desk", reason="first load")
    s.set_stance(PK, "party:anp", stance="no", version=0, user="rita", note="ANP says no",
                 source="https://example.org/anp", date=dt.date(2022, 4, 5))
    s.set_stance(PK, "party:anp", stance="lean-no", version=1, user="rita", date=dt.date(2022, 4, 7))


def _replaced(s: Store) -> dict[str, Any]:
    (row,) = s.audit(PK, action="scenario.replace")
    assert row.user == "desk" and row.reason == "the file again"
    return row.before


def test_the_replaced_scenario_is_kept_in_the_audit_trail_and_loads_again(store: Store) -> None:  # noqa: F811
    _evening(store)
    revision = store.revision(PK)
    kept_text = dump_scenario(store.scenario(PK))
    store.save_scenario(load_scenario(PK), user="desk", replace=True, reason="the file again")
    assert [s for s in store.current_stances(PK) if str(s.party) == "anp"] == []  # the evening is gone from the tables

    before = _replaced(store)
    assert before["revision"] == revision
    kept = parse_scenario(load_yaml_text(json.dumps(before["scenario"]), "kept.json"))  # as db load reads a .json
    anp = [(s.stance, s.date.isoformat(), s.note) for s in kept.stances if s.party == "anp"]
    assert anp == [("no", "2022-04-05", "ANP says no"), ("lean-no", "2022-04-07", None)]
    assert len(kept.events) == len(load_scenario(PK).events) and len(kept.parties) == len(load_scenario(PK).parties)
    assert dump_scenario(kept) == kept_text  # what `db dump` wrote before the replace, whole


def test_the_trail_pages_show_a_replace_in_one_line_and_name_no_one_to_a_public_reader(store: Store) -> None:  # noqa: F811
    _evening(store)
    store.clear_stance(PK, "party:anp", version=2, user="rita", reason="ended on the word of its whip",
                       until=dt.date(2022, 4, 9))
    store.save_scenario(load_scenario(PK), user="desk", replace=True, reason="the file again")
    title = load_scenario(PK).title
    app = create_app(store.url, store=store, secret="kept-" + "x" * 40, public_read=True, seed_scenario=None)
    anonymous = TestClient(app)
    page = anonymous.get(f"/s/{PK}/events")
    assert page.status_code == 200
    assert "ANP says no" not in page.text  # not the whole scenario in a cell
    assert f"revision {store.revision(PK) - 1}: {title}" in page.text.replace("&#39;", "'")
    answer = anonymous.get(f"/api/scenarios/{PK}/audit", params={"action": "scenario.replace"}).json()
    (row,) = answer["audit"]
    assert row["before"]["scenario"]["id"] == PK and "user" not in row
    said = json.dumps(row)
    assert "rita" not in said and "desk" not in said and "word of its whip" not in said  # who, and why: not told
    assert '"until": "2022-04-09"' in said  # the end itself is part of the count
