"""Scenario → Popolo JSON → Scenario loses nothing."""

from __future__ import annotations

import dataclasses
import json

from hypothesis import HealthCheck, given, settings

from strategies_interchange import scenarios, states, without_origins
from whipcount.io.popolo import dump_popolo, export_popolo, import_popolo
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Scenario


def through_json(sc: Scenario) -> Scenario:
    result = import_popolo(json.loads(dump_popolo(sc)), "bundle.json")
    return result.scenario


def test_bundled_scenario_round_trips() -> None:
    original = load_scenario("pk-na-2022")
    again = through_json(original)
    assert without_origins(again) == without_origins(original)
    assert states(again) == states(original)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_any_scenario_round_trips(sc: Scenario) -> None:
    again = through_json(sc)
    assert without_origins(again) == without_origins(sc)
    assert states(again) == states(sc)
    # and a second trip gives the same bundle: export is a function of the scenario alone
    assert export_popolo(again) == export_popolo(sc)


def test_an_event_on_the_start_date_round_trips() -> None:
    # a member moved on the chamber's as_of day: the bundle ends the first membership that day and the log
    # takes over; read back, the member holds the seat as the day begins and the event moves them
    original = load_scenario("pk-na-2022")
    day = original.chamber.as_of
    member = next(m for m in original.members if m.seated and m.party == "pti")
    moved = Event(date=day, kind="switch-side", party="pti", to="opposition", members=(member.id,))
    sc = dataclasses.replace(original, events=(moved, *original.events))
    again = through_json(sc)
    assert without_origins(again) == without_origins(sc)
    assert states(again) == states(sc)
    assert next(m for m in again.members if m.id == member.id).seated


def test_each_constituency_has_one_area_and_one_post_of_the_same_number() -> None:
    # the bundled members sit for their constituencies: one area and one post for each, numbered alike
    # from 1 in the members' order (post-k stands in area-k), every member's membership on its post
    sc = load_scenario("pk-na-2022")
    bundle = export_popolo(sc)
    places = list(dict.fromkeys(m.constituency for m in sc.members if m.constituency is not None))
    assert len(places) > 1
    assert [a["name"] for a in bundle["areas"]] == places
    assert [a["id"] for a in bundle["areas"]] == [f"area-{k}" for k in range(1, len(places) + 1)]
    assert [(p["id"], p["area_id"]) for p in bundle["posts"]] == [
        (f"post-{k}", f"area-{k}") for k in range(1, len(places) + 1)]


def test_motions_without_ids_are_numbered_by_their_place_from_1() -> None:
    original = load_scenario("pk-na-2022")
    sc = dataclasses.replace(original, motions=tuple(dataclasses.replace(m, id=None) for m in original.motions))
    bundle = export_popolo(sc)
    assert [m["id"] for m in bundle["motions"]] == ["motion-1", "motion-2"]
    assert [v["motion_id"] for v in bundle["vote_events"]] == ["motion-1", "motion-2"]
    assert [m["extras"]["id"] for m in bundle["motions"]] == ["", ""]  # an id made up, not the motion's


def test_a_member_gets_one_membership_per_change_of_party_side_or_seat() -> None:
    # counted from the replayed log: one span to start, one more each day the member's party, side or seat moves
    sc = load_scenario("pk-na-2022")
    spans: dict[str, int] = {}
    last: dict[str, tuple[object, ...]] = {}
    for _, state in sc.history():
        for m in state.members:
            now = (m.party, m.side, m.seated)
            if last.get(m.id) != now:
                spans[m.id] = spans.get(m.id, 0) + 1
                last[m.id] = now
    exported = export_popolo(sc)["memberships"]
    counted = {pid: sum(1 for x in exported if x.get("person_id") == pid) for pid in spans}
    assert counted == spans
    assert counted["zubaida-jalal"] == 2  # with the government, then with the opposition after the vote


def test_a_motion_is_dated_by_its_filing_else_by_its_moving() -> None:
    sc = load_scenario("pk-na-2022")
    motion = sc.motions[0]
    for filed, moved, date in ((motion.filed, None, "2022-03-08"), (None, motion.moved, "2022-03-28"),
                               (None, None, None)):
        mo = dataclasses.replace(motion, filed=filed, moved=moved)
        exported = export_popolo(dataclasses.replace(sc, motions=(mo, *sc.motions[1:])))["motions"][0]
        assert exported.get("date") == date


def test_the_side_of_a_member_not_yet_seated_round_trips() -> None:
    # a member who takes a seat only at a later by-election says the side they will sit on; the bundle
    # has no membership for them on the as_of date, so the side travels in the person's extras
    original = load_scenario("pk-na-2022")
    newcomer = dataclasses.replace(original.members[0], id="newcomer", seated=False, side="opposition")
    sc = dataclasses.replace(original, members=(*original.members, newcomer))
    again = through_json(sc)
    assert next(m for m in again.members if m.id == "newcomer").side == "opposition"
    assert without_origins(again) == without_origins(sc)
