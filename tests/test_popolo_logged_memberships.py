"""A bundle whipcount wrote: its memberships after the first are written from the event log, which is the
record. An edit to one is never dropped without a word: a value that cannot be read is an error, one that
the log does not give a warning naming the field (an error under --strict, and no file written)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from strategies_interchange import scenarios
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario

GOOD = "id: kept\n"


def bundle(run_cli: Callable[..., Any], tmp_path: Path, edit: Callable[[list[dict[str, Any]]], None]) -> Path:
    """pk-na-2022 exported, its memberships edited by ``edit``."""
    path = tmp_path / "pk.json"
    assert run_cli("export", "popolo", "pk-na-2022", "-o", str(path)).code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    ms = data["memberships"]
    # what the edits below rely on: Khalid Magsi (BAP) sits for the opposition from 28 March, then the government
    assert ms[0]["person_id"] == "khalid-magsi" and "from_event_log" not in ms[0].get("extras", {})
    assert ms[1]["extras"] == {"side": "opposition", "from_event_log": True} and ms[1]["end_date"] == "2022-04-11"
    edit(ms)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_unreadable_date_in_a_logged_membership_is_an_error(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    path = bundle(run_cli, tmp_path, lambda ms: ms[1].update(end_date="2022-13-40"))
    out = tmp_path / "out.yaml"
    out.write_text(GOOD, encoding="utf-8")
    r = run_cli("import", "popolo", str(path), "-o", str(out))
    assert r.code == 1 and r.out == ""
    assert r.err == f"error: {path}:1: memberships[1].end_date: no such date: '2022-13-40'\n"  # one line of JSON
    assert out.read_text(encoding="utf-8") == GOOD


@pytest.mark.parametrize(("edit", "said"), [
    (lambda ms: ms[1].update(on_behalf_of_id="pti"),
     "memberships[1].on_behalf_of_id: 'pti' is not what the event log gives ('bap')"),
    (lambda ms: ms[1].update(end_date="2022-04-20"),
     "memberships[1].end_date: '2022-04-20' is not what the event log gives ('2022-04-11')"),
    (lambda ms: ms[1]["extras"].update(side="government"),
     "memberships[1].extras.side: 'government' is not what the event log gives ('opposition')"),
    (lambda ms: ms[0].update(end_date="2022-04-01"),  # the first membership: its end is the log's too
     "memberships[0].end_date: '2022-04-01' is not what the event log gives ('2022-03-28')"),
    (lambda ms: ms[1].update(end_date="2022-04-20", extras={"side": "opposition"}),  # unflagged, held all the same
     "memberships[1].end_date: '2022-04-20' is not what the event log gives ('2022-04-11')"),
    (lambda ms: ms.pop(1),
     "memberships: the event log seats 'khalid-magsi' for 'bap' from 2022-03-28 to 2022-04-11, and no "
     "membership says so"),
    (lambda ms: ms.append({**ms[2], "start_date": "2022-05-01"}),
     "memberships[74]: a seat of 'khalid-magsi' for 'bap' from 2022-05-01 on that the event log does not give"),
], ids=["party", "end", "side", "first-end", "unflagged", "dropped", "added"])
def test_a_logged_membership_the_log_does_not_give_is_named(
    run_cli: Callable[..., Any], tmp_path: Path, edit: Callable[[list[dict[str, Any]]], None], said: str
) -> None:
    path = bundle(run_cli, tmp_path, edit)
    out = tmp_path / "out.yaml"
    r = run_cli("import", "popolo", str(path), "-o", str(out))
    assert r.code == 0, r.err
    assert f"warning: {path}:1: {said}" in r.err and "the event log (extras.events) is the record" in r.err
    assert "(1 warning)" in r.out
    out.write_text(GOOD, encoding="utf-8")
    r = run_cli("import", "popolo", str(path), "--strict", "-o", str(out))
    assert r.code == 1 and f"error: {path}:1: {said}" in r.err and "--strict" in r.err
    assert out.read_text(encoding="utf-8") == GOOD


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_bundle_as_written_is_read_without_a_warning(sc: Scenario) -> None:
    warnings = import_popolo(json.loads(dump_popolo(sc)), "bundle.json").warnings
    assert not [w for w in warnings if "event log" in w]


SPLIT = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
members:
  - {id: ana, name: Ana Arrow, party: red}
events:
  - {date: 2020-02-01, kind: split, party: red, members: [ana], new_party: {id: pink, name: Pink Party},
     to: opposition, source: "https://example.org/a"}
"""


def split_bundle(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A bundle in which Ana leaves Red for a party the split creates (Pink), edited by ``edit``."""
    data = json.loads(dump_popolo(parse_scenario(load_yaml_text(SPLIT, "split.yaml"))))
    pink = data["organizations"][-1]
    assert pink["id"] == "pink" and pink["extras"] == {"created_by_event": True}
    edit(data)
    path = tmp_path / "split.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_party_the_log_creates_is_held_against_it(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    path = split_bundle(tmp_path, lambda d: d["organizations"][-1].update(name="Rose Party"))
    r = run_cli("import", "popolo", str(path), "-o", str(tmp_path / "out.yaml"))
    assert r.code == 0, r.err
    assert f"warning: {path}:1: organizations[3].name: 'Rose Party' is not what the event log gives ('Pink Party')" \
        in r.err
    path = split_bundle(tmp_path, lambda d: d["organizations"][2]["extras"].update(created_by_event=True))
    r = run_cli("import", "popolo", str(path), "--strict", "-o", str(tmp_path / "out.yaml"))
    assert r.code == 1, r.err
    assert f"error: {path}:1: organizations[2].extras.created_by_event: no event of the log creates 'blue'" in r.err


def test_without_the_log_a_party_events_created_is_read_as_a_party(run_cli: Callable[..., Any],
                                                                    tmp_path: Path) -> None:
    path = split_bundle(tmp_path, lambda d: d["extras"].pop("events"))
    out = tmp_path / "out.yaml"
    r = run_cli("import", "popolo", str(path), "-o", str(out))
    assert r.code == 0, r.err
    r = run_cli("tally", str(out), "--on", "2020-03-01", "--json")
    parties = {p["id"]: p["seats"] for p in json.loads(r.out)["parties"]}
    assert parties == {"red": 5, "blue": 5, "pink": 1}
