"""The legislative period in a Popolo bundle: every bundle whipcount writes has one (Popolo's event of
classification ``legislative period``), every membership of the chamber names it, and the scenario's facts come
back from it whole; a period another publisher wrote becomes the scenario's ``chamber.term`` and is written back
as it was read."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from whipcount.errors import ScenarioError
from whipcount.io import dump_scenario, load_scenario
from whipcount.io.popolo import export_popolo, import_popolo
from whipcount.model import Scenario

SCENARIOS = sorted(p.stem for p in (Path(__file__).parents[1] / "src" / "whipcount" / "data" / "scenarios")
                   .glob("*.yaml"))
EXAMPLIA = Path(__file__).parent / "fixtures" / "interchange" / "ep-popolo-examplia.json"


def _through(sc: Scenario) -> tuple[dict, Scenario]:
    bundle = json.loads(json.dumps(export_popolo(sc)))
    return bundle, import_popolo(bundle, "bundle.json", strict=True).scenario


def _days(sc: Scenario) -> list[dt.date]:
    """The chamber's start, each day of an event and the day after, and each motion's vote day."""
    days = {sc.chamber.as_of}
    for e in sc.events:
        days |= {e.date, e.date + dt.timedelta(days=1)}
    days |= {m.vote for m in sc.motions if m.vote is not None and m.vote >= sc.chamber.as_of}
    return sorted(d for d in days if d >= sc.chamber.as_of)  # an event of the log may be dated before it


def _seats_on(sc: Scenario, day: dt.date) -> tuple[int, dict[str, int], dict[str, int]]:
    state = sc.state(day)
    return state.vacancies, {p.id: p.seats for p in state.parties if p.seats}, dict(state.sides())


def test_there_are_bundled_scenarios_to_take_through() -> None:
    assert len(SCENARIOS) >= 15 and "pk-na-2022" in SCENARIOS


@pytest.mark.parametrize("case", SCENARIOS)
def test_each_bundled_scenario_has_one_period_its_memberships_name(case: str) -> None:
    sc = load_scenario(case)
    bundle = export_popolo(sc)
    (chamber,) = [o for o in bundle["organizations"] if o["classification"] == "legislature"]
    (period,) = bundle["events"]
    assert period["classification"] == "legislative period"
    assert period["organization_id"] == chamber["id"]
    assert sc.chamber.name in period["name"] and sc.chamber.as_of.isoformat() in period["name"]
    assert "start_date" not in period and "end_date" not in period  # no bundled case says when its term began
    # as an EveryPolitician reader finds a term's memberships: by period and organization together
    of_chamber = [m for m in bundle["memberships"] if m["organization_id"] == chamber["id"]]
    in_period = [m for m in bundle["memberships"] if m.get("legislative_period_id") == period["id"]
                 and m["organization_id"] == period["organization_id"]]
    assert in_period == of_chamber == bundle["memberships"]
    assert len(of_chamber) >= sum(1 for m in sc.members if m.seated)


@pytest.mark.parametrize("case", SCENARIOS)
def test_each_bundled_scenario_s_facts_come_back(case: str) -> None:
    """What the scenario file says (the truth here), read back from its bundle: members, parties, the event log,
    sources, and the seats on every day something happens."""
    sc = load_scenario(case)
    bundle, again = _through(sc)
    assert [(m.id, m.name, m.party, m.side, m.seated, m.constituency, m.sources) for m in again.members] == [
        (m.id, m.name, m.party, m.side, m.seated, m.constituency, m.sources) for m in sc.members]
    assert [(p.id, p.name, p.seats, p.side, p.by_side, p.sources) for p in again.parties] == [
        (p.id, p.name, p.seats, p.side, p.by_side, p.sources) for p in sc.parties]
    assert [replace(e, origin=None) for e in again.events] == [replace(e, origin=None) for e in sc.events]
    assert (again.chamber.sources, again.sources) == (sc.chamber.sources, sc.sources)
    assert "term" not in again.extras  # the period made for the bundle is no term the scenario gave
    for day in _days(sc):
        assert _seats_on(again, day) == _seats_on(sc, day), day
    assert export_popolo(again) == bundle  # and export -> import -> export writes the same bundle


def test_a_period_read_from_another_publisher_is_the_term_and_is_written_back() -> None:
    # ep-popolo-examplia.json: term/2 is "2nd Assembly", from 2019-05-01, no end; term/1 ran 2015-05-01 to 2019-04-30
    data = json.loads(EXAMPLIA.read_text(encoding="utf-8"))
    two = import_popolo(data, "ep.json", rules="pk-na", term="term/2").scenario
    assert two.extras["term"]["id"] == "term/2" and two.extras["term"]["name"] == "2nd Assembly"
    assert (two.extras["term"]["start"], two.extras["term"]["end"]) == ("2019-05-01", None)
    bundle = export_popolo(two)
    assert bundle["events"] == [{"id": "term/2", "name": "2nd Assembly", "classification": "legislative period",
                                 "organization_id": "legislature", "start_date": "2019-05-01"}]
    assert {m["legislative_period_id"] for m in bundle["memberships"]} == {"term/2"}
    again = import_popolo(json.loads(json.dumps(bundle)), "again.json", strict=True).scenario
    assert again.extras["term"] == two.extras["term"]
    assert export_popolo(again) == bundle
    data["motions"] = data["vote_events"] = []  # its vote names members of term/2 only
    one = import_popolo(data, "ep.json", rules="pk-na", term="term/1", as_of=dt.date(2015, 5, 1)).scenario
    assert export_popolo(one)["events"] == [
        {"id": "term/1", "name": "1st Assembly", "classification": "legislative period",
         "organization_id": "legislature", "start_date": "2015-05-01", "end_date": "2019-04-30"}]


def test_a_period_dated_to_the_month_gives_the_term_no_start() -> None:
    data = json.loads(EXAMPLIA.read_text(encoding="utf-8"))
    data["events"][1]["start_date"] = "2019-05"
    result = import_popolo(data, "ep.json", rules="pk-na", term="term/2", as_of=dt.date(2019, 5, 1))
    assert "start" not in {k for k, v in result.scenario.extras["term"].items() if v is not None}
    assert any("events[1].start_date: '2019-05' has month precision: the term keeps no start date" in w
               for w in result.warnings)
    assert "start_date" not in export_popolo(result.scenario)["events"][0]


def test_the_term_of_a_scenario_file_is_the_bundle_s_period(tmp_path: Path) -> None:
    text = dump_scenario(load_scenario("pk-na-2022")).replace(
        "  sides: [government, opposition, other]\n",
        "  sides: [government, opposition, other]\n  term:\n    id: na-15\n    name: 15th National Assembly\n"
        "    start: 2018-08-13\n    source: https://example.org/na-15\n", 1)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    sc = load_scenario(path)
    assert "term:\n    id: na-15\n" in dump_scenario(sc)  # and the file writes it back
    bundle = export_popolo(sc)
    assert bundle["events"] == [{"id": "na-15", "name": "15th National Assembly",
                                 "classification": "legislative period", "organization_id": "pk-na",
                                 "start_date": "2018-08-13", "sources": [{"url": "https://example.org/na-15"}]}]
    assert {m["legislative_period_id"] for m in bundle["memberships"]} == {"na-15"}
    _, again = _through(sc)
    assert again.extras["term"] == sc.extras["term"]
    assert again.chamber.sources == sc.chamber.sources  # the term's source stays the term's


def test_a_term_that_ends_before_it_starts_is_refused(tmp_path: Path) -> None:
    text = dump_scenario(load_scenario("pk-na-2022")).replace(
        "  sides: [government, opposition, other]\n",
        "  sides: [government, opposition, other]\n  term:\n    id: na-15\n    start: 2018-08-13\n"
        "    end: 2018-08-12\n", 1)
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"chamber\.term.*ends \(2018-08-12\) before it starts \(2018-08-13\)"):
        load_scenario(path)
