"""A vote event's counts and its roll of individual votes: a roll alone gives the counts, and the votes of
members who did not vote, folded into a division's absent count, agree with it when read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.io.csvio import read_csv
from whipcount.io.ocd import import_ocd
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.model import Scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"


@pytest.fixture
def examplia() -> Scenario:
    return read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario


def vote() -> dict[str, Any]:
    return json.loads((HERE / "ocd-vote-examplia.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_roll_call_without_counts_gives_the_yes_no_and_abstain_counts(examplia: Scenario) -> None:
    data = vote()
    del data["counts"]  # the roll alone: by hand, Cleo and Dev yes; Ana, Ben and Gus no; nobody abstains
    d = import_ocd(data, "v.json", examplia).scenario.motions[0].division
    assert d is not None
    assert (d.yes, d.no, d.abstain, d.absent) == (2, 3, 0, None)


def test_the_counts_taken_from_a_roll_are_named_in_a_warning(examplia: Scenario) -> None:
    data = vote()
    del data["counts"]
    warnings = import_ocd(data, "v.json", examplia).warnings
    assert "v.json: no counts: taken from the 8 individual vote(s) listed (yes 2, no 3, abstain 0; absent is " \
        "not counted, since a roll may leave members out)" in warnings


def test_a_popolo_vote_event_with_votes_only_keeps_its_noes() -> None:
    bundle = {
        "persons": [{"id": p, "name": p.upper()} for p in ("ann", "bob", "cy", "dee")],
        "organizations": [{"id": "house", "name": "House", "classification": "legislature"},
                          {"id": "red", "name": "Red", "classification": "party"}],
        "memberships": [{"person_id": p, "organization_id": "house", "on_behalf_of_id": "red",
                         "start_date": "2020-01-01"} for p in ("ann", "bob", "cy", "dee")],
        "motions": [{"id": "m1", "classification": "no-confidence", "organization_id": "house"}],
        "vote_events": [{"id": "v1", "motion_id": "m1", "start_date": "2020-02-01",
                         "votes": [{"voter_id": "ann", "option": "yes"}, {"voter_id": "bob", "option": "no"},
                                   {"voter_id": "cy", "option": "no"}, {"voter_id": "dee", "option": "abstain"}]}],
    }
    d = import_popolo(bundle, "b.json", rules="gb-hc", seats=4).scenario.motions[0].division
    assert d is not None
    assert (d.yes, d.no, d.abstain) == (1, 2, 1)


def test_a_division_with_members_excused_reads_back_without_warnings(examplia: Scenario) -> None:
    # the fixture counts 1 excused and 1 not voting: the division's absent is 2, and its roll keeps the
    # two options; the bundle written counts absent 2 and lists one excused and one not voting
    sc = import_ocd(vote(), "v.json", examplia).scenario
    assert sc.motions[0].division is not None and sc.motions[0].division.absent == 2
    again = import_popolo(json.loads(dump_popolo(sc)), "b.json", strict=True)
    assert again.warnings == ()
    assert again.scenario.motions[0].division == sc.motions[0].division


def test_a_count_of_absent_still_disagrees_with_a_shorter_roll(examplia: Scenario) -> None:
    sc = import_ocd(vote(), "v.json", examplia).scenario
    bundle = json.loads(dump_popolo(sc))
    votes = bundle["vote_events"][0]["votes"]
    bundle["vote_events"][0]["votes"] = [v for v in votes if v["option"] != "excused"]
    del bundle["extras"]["events"]  # read as another publisher's bundle (whipcount's name some voters only)
    for m in bundle["memberships"]:
        m.pop("extras", None)
    warnings = import_popolo(bundle, "b.json").warnings
    assert any("counts say 2 absent but 1 individual absent vote(s) are listed" in w for w in warnings)
