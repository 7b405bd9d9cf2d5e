"""Reading Popolo bundles written by others (EveryPolitician's shape), and every malformed input."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.popolo import (
    ImportResult,
    export_popolo,
    import_popolo,
    parse_partial_date,
    popolo_json_schema,
    read_popolo,
)
from whipcount.io.scenario import load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "interchange" / "ep-popolo-examplia.json"
SIDES = {"red": "government", "green": "government", "blue": "opposition", "independent": "other"}
P = "0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e0"  # the fixture's person ids, without the last digit


def examplia(**options: Any) -> ImportResult:
    return read_popolo(FIXTURE, **{"rules": "pk-na", "term": "term/2", "sides": SIDES, **options})


def seats_on(result: Any, day: str) -> tuple[dict[str, int], int]:
    state = result.scenario.state(dt.date.fromisoformat(day))
    return {p.id: p.seats for p in state.parties}, state.vacancies


def test_everypolitician_bundle_replays_the_term_by_hand() -> None:
    result = examplia()
    # Term 2 opens on 2019-05-01 (its legislative period's start_date) with the 7 seats of the file.
    assert result.scenario.chamber.as_of == dt.date(2019, 5, 1)
    assert result.scenario.chamber.seats == 7
    assert seats_on(result, "2019-05-01") == ({"red": 2, "blue": 3, "green": 1, "independent": 1}, 0)
    # Eli Eames's membership ends 2020-03-10: the green seat is vacant ...
    assert seats_on(result, "2020-03-10") == ({"red": 2, "blue": 3, "green": 0, "independent": 1}, 1)
    # ... until Fay Frost's starts in June 2020 (given to the month: read as 1 June).
    assert seats_on(result, "2020-05-31")[1] == 1
    assert seats_on(result, "2020-06-01") == ({"red": 2, "blue": 3, "green": 1, "independent": 1}, 0)
    # Gus Green: blue until 2021-01-31, red from 2021-02-01 — one seat crosses over.
    assert seats_on(result, "2021-01-31")[0]["blue"] == 3
    assert seats_on(result, "2021-02-01") == ({"red": 3, "blue": 2, "green": 1, "independent": 1}, 0)
    sides = result.scenario.state(dt.date(2021, 2, 1)).sides()
    assert sides == {"government": 4, "opposition": 2, "other": 1}


def test_identifiers_names_and_constituencies_are_kept() -> None:
    sc = examplia().scenario
    parties = {p.id: p for p in sc.parties}
    assert parties["red"].wikidata == "Q900201" and parties["red"].parlgov == 4242
    assert parties["blue"].short == "BP"
    members = {m.id: m for m in sc.members}
    assert members[P + "1"].wikidata == "Q900001"
    assert members[P + "1"].constituency == "North"
    assert members[P + "6"].seated is False  # Fay Frost came in by the June 2020 fill
    assert sc.chamber.wikidata == "Q900100"


def test_vote_event_counts_above_the_roll_are_flagged() -> None:
    result = examplia()
    assert result.scenario.motion is not None
    division = result.scenario.motion.division
    assert division is not None
    assert (division.yes, division.no, division.absent) == (2, 4, 1)  # the counts as published
    assert len(division.votes) == 6
    flagged = [w for w in result.warnings if "vote_events[0]" in w]
    # Hal Hume, counted absent, is not on the roll: a partial roll, warned of; yes and no are as listed
    assert [w.split("vote_events[0]: ", 1)[1] for w in flagged if "counts say" in w] == [
        "counts say 1 absent but 0 individual absent vote(s) are listed (tellers, pairs, recusals or a partial roll?)"]


def test_reduced_precision_dates_are_read_as_the_first_day_and_said_so() -> None:
    result = examplia()
    assert any("memberships[6].start_date: '2020-06' has month precision; read as 2020-06-01" in w
               for w in result.warnings)
    fill = next(e for e in result.scenario.events if e.kind == "fill-seat")
    assert dict(fill.extras)["date_precision"] == "month"
    assert parse_partial_date("2018") == (dt.date(2018, 1, 1), "year")
    assert parse_partial_date("2018-04-05T10:00:00") == (dt.date(2018, 4, 5), "day")


def test_strict_turns_the_first_warning_into_an_error() -> None:
    with pytest.raises(InterchangeError, match=r"--strict"):
        examplia(strict=True)


def test_two_terms_need_a_choice() -> None:
    with pytest.raises(InterchangeError, match=r"2 legislative periods \(term/1, term/2\); choose one with --term"):
        read_popolo(FIXTURE, rules="pk-na")


def test_rules_are_needed_for_a_foreign_bundle() -> None:
    with pytest.raises(InterchangeError, match=r"rules profile is not in the file; give --rules"):
        read_popolo(FIXTURE, term="term/2")


def test_parties_without_sides_go_to_other_with_a_warning() -> None:
    result = examplia(sides={})
    assert {p.side for p in result.scenario.parties} == {"other"}
    assert any("no side given for red, blue, green, independent" in w for w in result.warnings)


# -- malformed input: one line naming the path inside the file ----------------------------------------


def load_fixture() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def fails(data: Any, pattern: str, **options: Any) -> None:
    opts = {"rules": "pk-na", "term": "term/2", "sides": SIDES, **options}
    with pytest.raises(InterchangeError, match=pattern) as info:
        import_popolo(data, "ep.json", **opts)
    assert "\n" not in str(info.value)


def test_unknown_organization() -> None:
    data = load_fixture()
    data["memberships"][3]["on_behalf_of_id"] = "party/pti2"
    fails(data, r"^ep.json: memberships\[3\].on_behalf_of_id: unknown organization 'party/pti2'$")
    data = load_fixture()
    data["memberships"][4]["organization_id"] = "pti2"
    fails(data, r"^ep.json: memberships\[4\].organization_id: unknown organization 'pti2'$")


@pytest.mark.parametrize(("collection", "index", "field", "typed", "what", "meant"), [
    ("memberships", 3, "on_behalf_of_id", "party/gren", "organization", "party/green"),
    ("memberships", 1, "area_id", "area/nort", "area", "area/north"),
    ("memberships", 4, "organization_id", "legislatur", "organization", "legislature"),
    ("vote_events", 0, "motion_id", "motion/2021-l", "motion", "motion/2021-1"),
])
def test_a_mistyped_reference_is_named_with_the_nearest_id(collection: str, index: int, field: str, typed: str,
                                                           what: str, meant: str) -> None:
    # README: a mistyped id is named with the nearest when one is close; ids that share a prefix only
    # ('party/pti2' and 'party/red' above) are not close, so the hint reads what follows the '/'
    data = load_fixture()
    data[collection][index][field] = typed
    fails(data, rf"^ep.json: {collection}\[{index}\].{field}: unknown {what} {re.escape(repr(typed))}; "
                rf"did you mean {re.escape(repr(meant))}\?$")


def test_unknown_person_area_and_voter() -> None:
    data = load_fixture()
    data["memberships"][2]["person_id"] = "nobody"
    fails(data, r"^ep.json: memberships\[2\].person_id: unknown person 'nobody'$")
    data = load_fixture()
    data["memberships"][1]["area_id"] = "area/east"
    fails(data, r"^ep.json: memberships\[1\].area_id: unknown area 'area/east'$")
    data = load_fixture()  # a post's area too, and one that names none is fine
    data["posts"] = [{"id": "post/1", "organization_id": "legislature"},
                     {"id": "post/2", "organization_id": "legislature", "area_id": "area/east"}]
    fails(data, r"^ep.json: posts\[1\].area_id: unknown area 'area/east'$")
    data["posts"][1]["area_id"] = "area/north"
    assert import_popolo(data, "ep.json", rules="pk-na", term="term/2", sides=SIDES).scenario.parties
    data = load_fixture()
    data["vote_events"][0]["votes"][2]["voter_id"] = "ghost"
    fails(data, r"^ep.json: vote_events\[0\].votes\[2\].voter_id: unknown person 'ghost'$")


def test_bad_values() -> None:
    data = load_fixture()
    data["memberships"][5]["end_date"] = "2020-13-10"
    fails(data, r"^ep.json: memberships\[5\].end_date: no such date: .2020-13-10.$")
    data = load_fixture()
    data["memberships"][5]["end_date"] = "10/03/2020"
    fails(data, r"^ep.json: memberships\[5\].end_date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got .10/03/2020.$")
    data = load_fixture()
    data["memberships"][5]["end_date"] = "2019-01-01"
    fails(data, r"^ep.json: memberships\[5\].end_date: ends \(2019-01-01\) before it starts \(2019-05-01\)$")
    data = load_fixture()
    data["vote_events"][0]["counts"][0]["option"] = "maybe"
    fails(data, r"^ep.json: vote_events\[0\].counts\[0\].option: unknown vote option 'maybe'")
    data = load_fixture()
    data["vote_events"][0]["counts"][0]["value"] = -2
    fails(data, r"^ep.json: vote_events\.0\.counts\.0\.value|^ep.json: vote_events\[0\]\.counts\[0\]\.value: ")
    data = load_fixture()
    data["persons"][1]["id"] = data["persons"][0]["id"]
    fails(data, r"^ep.json: persons\[1\].id: person id '.*' is used twice$")
    data = load_fixture()
    data["persons"] = {"not": "a list"}
    fails(data, r"^ep.json: persons: expected a list \[...\], got a mapping$")
    fails([1, 2], r"^ep.json: expected a JSON object")


def test_overlapping_memberships_are_named_by_their_path() -> None:
    data = load_fixture()
    data["memberships"][6]["start_date"] = "2020-01-01"  # Fay Frost sworn in before Eli Eames's seat is free
    fails(data, r"^ep.json: memberships\[6\].start_date: fills 1 seat\(s\) but only 0 seat\(s\) are vacant")


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "persons": [\n    {"id": "a",}\n  ]\n}\n', encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"bad.json:3: not valid JSON"):
        read_popolo(bad)


def test_whipcount_extras_errors_point_into_extras() -> None:
    data = export_popolo(load_scenario("pk-na-2022"))
    broken = copy.deepcopy(data)
    broken["extras"]["events"][3]["party"] = "pti2"
    with pytest.raises(InterchangeError, match=r"^pk.json: extras.events\[3\].party: unknown party 'pti2'"):
        import_popolo(broken, "pk.json")
    broken = copy.deepcopy(data)
    broken["organizations"][2]["extras"]["side"] = "sideways"
    with pytest.raises(InterchangeError, match=r"^pk.json: organizations\[2\].extras.side: "):
        import_popolo(broken, "pk.json")
    broken = copy.deepcopy(data)
    broken["organizations"][1]["extras"]["seats"] = 400
    with pytest.raises(InterchangeError, match=r"^pk.json: .*organizations: parties hold 586 seats but the chamber has only 342"):
        import_popolo(broken, "pk.json")


def test_schema_describes_the_bundle() -> None:
    schema = popolo_json_schema()
    assert schema["title"] == "whipcount Popolo bundle"
    assert {"persons", "organizations", "memberships", "motions", "vote_events", "extras"} <= set(
        schema["properties"]
    )
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(export_popolo(load_scenario("pk-na-2022")), schema)
    jsonschema.validate(load_fixture(), schema)


def test_a_person_without_a_seat_is_left_out_and_a_chamber_id_made_an_id() -> None:
    # a bundle may list candidates and members of other chambers; and a chamber's id may be any text
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data["persons"].append({"id": "cand-1", "name": "Carl Candidate"})
    for m in data["memberships"]:
        if m.get("organization_id") == "legislature":
            m["organization_id"] = "Legislature of Examplia"
    data["organizations"][0]["id"] = "Legislature of Examplia"
    result = import_popolo(data, "x.json", rules="pk-na", term="term/2", sides=SIDES)
    assert result.scenario.chamber.id == "legislature-of-examplia"
    assert "cand-1" not in {m.id for m in result.scenario.members} and len(result.scenario.members) == 8
    for day in ("2019-05-01", "2020-03-10", "2021-02-01"):
        assert seats_on(result, day) == seats_on(examplia(), day)


@pytest.mark.parametrize(("seats", "size", "said"), [
    (9, 9, None),
    (None, 7, None),
    (True, 7, "True"),
    ("9", 7, "'9'"),
    (9.5, 7, "9.5"),
    ("9" * 38, 7, "'" + "9" * 38 + "'"),  # 40 characters with its quotes: echoed whole
    ("9" * 39, 7, "'" + "9" * 38 + "…"),  # 41: cut to 40
])
def test_the_chamber_s_size_from_its_organization_or_else_the_seats_held(seats: object, size: int,
                                                                         said: str | None) -> None:
    # the legislature's seats (here 9, where 7 are held) when it is a whole number; otherwise the seats
    # held on the start date, warned, and a value that is not a whole number named where it is
    data = load_fixture()
    del data["organizations"][0]["seats"]
    if seats is not None:
        data["organizations"][0]["seats"] = seats
    result = import_popolo(data, "ep.json", rules="pk-na", term="term/2", sides=SIDES)
    assert result.scenario.chamber.seats == size
    fallback = "ep.json: the chamber's size is not in the file: taken as 7, the seats held on 2019-05-01 (give --seats)"
    assert (fallback in result.warnings) == (size == 7)
    named = [w for w in result.warnings if "organizations[0].seats" in w]
    assert named == ([] if said is None else
                     [f"ep.json: organizations[0].seats: expected a whole number, got {said}: left out"])


@pytest.mark.parametrize(("value", "got"), [(4.0, r"4\.0"), (False, r"a boolean \(true/false\)")])
def test_a_vote_event_count_is_a_whole_number(value: object, got: str) -> None:
    data = load_fixture()
    data["vote_events"][0]["counts"][0]["value"] = value
    fails(data, rf"^ep\.json: vote_events\[0\]\.counts\[0\]\.value: expected a whole number, got {got}$")


def test_a_vote_event_s_day_is_its_motion_s_vote_day(tmp_path: Path) -> None:
    """A bundle from another publisher says when a vote was held only in its vote event's start_date
    (2021-03-15; the motion's own date is its filing): the motion is voted on that day, in the scenario
    written out and read back, so it is decided the day after, not pending forever."""
    from whipcount.io.writer import dump_scenario
    from whipcount.tally.phase import motion_phase

    motion = examplia().scenario.motion
    assert motion is not None and motion.vote == dt.date(2021, 3, 15)
    path = tmp_path / "examplia.yaml"
    path.write_text(dump_scenario(examplia().scenario), encoding="utf-8")
    assert "vote: 2021-03-15" in path.read_text(encoding="utf-8")
    again = load_scenario(path)
    assert again.motion is not None and again.motion.vote == dt.date(2021, 3, 15)
    assert motion_phase(again, dt.date(2021, 3, 16)).status == "decided"


@pytest.mark.parametrize("seats", ["many", 342.5, True])
def test_a_size_whipcount_wrote_that_is_no_whole_number_is_an_error(seats: object) -> None:
    """A whipcount bundle's chamber size (extras.seats) is the size, not a guess: one that is no whole
    number is an error naming it, not a warning and a chamber of the seats held (341, so 171 needed)."""
    data = json.loads(json.dumps(export_popolo(load_scenario("pk-na-2022"))))
    chamber = next(i for i, o in enumerate(data["organizations"]) if "seats" in o.get("extras", {}))
    data["organizations"][chamber]["extras"]["seats"] = seats
    with pytest.raises(InterchangeError, match=rf"organizations\[{chamber}\]\.extras\.seats: expected a whole "
                                               r"number \(the chamber's size\), got"):
        import_popolo(data, "pk.json")
