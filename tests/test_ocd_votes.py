"""Open Civic Data vote events attached to a scenario's motion."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import read_csv
from whipcount.io.ocd import import_ocd, read_ocd
from whipcount.io.scenario import load_scenario
from whipcount.model import Motion, Scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"
VOTE = HERE / "ocd-vote-examplia.json"


@pytest.fixture
def examplia() -> Scenario:
    return read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario


def vote() -> dict[str, Any]:
    return json.loads(VOTE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_vote_becomes_the_division_of_a_new_motion(examplia: Scenario) -> None:
    result = read_ocd(VOTE, examplia)
    motion = result.scenario.motion
    assert motion is not None and motion.kind == "no-confidence"
    d = motion.division
    assert d is not None and (d.yes, d.no) == (2, 3)
    votes = dict(d.votes)
    # voter_id ocd-person/<id> matched by id; the rest by name
    assert votes["0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e01"] == "no"
    assert votes["0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e06"] == "excused"
    assert votes["0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e08"] == "not-voting"
    assert len(votes) == 7  # Ida Ives is no member of the scenario
    assert d.sources[0].url == "https://example.org/examplia/votes/2021-1"
    assert any("'Ida Ives' is not a member" in w for w in result.warnings)
    assert any("counted as absent (members who did not vote): excused 1, not voting 1" in w for w in result.warnings)
    assert any("left out: other 1" in w for w in result.warnings)
    assert d.absent == 2  # the excused and the one not voting: members who did not vote
    assert not any("counts say" in w for w in result.warnings)  # 2 yes, 3 no: as the roll says


def test_counts_that_disagree_with_the_roll_are_flagged(examplia: Scenario) -> None:
    data = vote()
    data["counts"][1]["value"] = 4  # one more no than the roll lists: a teller?
    # and one fewer not voting, so the counts still fit the 7 seats (2 + 4 + 1 excused)
    data["counts"] = [c for c in data["counts"] if c["option"] != "not voting"]
    data["votes"] = [v for v in data["votes"] if v["option"] != "not voting"]  # nor on the roll
    result = import_ocd(data, "v.json", examplia)
    assert "v.json: counts say 4 no but 3 individual no vote(s) are listed (tellers, pairs, recusals or a " \
        "partial roll?)" in result.warnings
    with pytest.raises(InterchangeError, match=r"--strict") as err:
        import_ocd(data, "v.json", examplia, strict=True)
    # strict names the first of the warnings a lenient read gives (here six: two of fields left out, one of
    # the excused counted as absent, one of 'other' left out), and how many there are
    assert len(result.warnings) == 6 and "'Ida Ives' is not a member" in result.warnings[0]
    assert str(err.value) == f"{result.warnings[0]} (--strict; 6 warning(s) in all)"


def test_fields_the_division_has_no_place_for_are_named(examplia: Scenario) -> None:
    """By hand from the fixture: the event's _id, legislative_session, organization and result, and Ida Ives's
    note ('teller'); bill (null), extras ({}) and the source's empty note hold nothing to lose."""
    result = import_ocd(vote(), "v.json", examplia)
    assert [w for w in result.warnings if "does not keep" in w] == [
        "v.json: fields whipcount does not keep, left out: _id (1 of 1), legislative_session (1 of 1), "
        "organization (1 of 1), result (1 of 1)",
        "v.json: votes: fields whipcount does not keep, left out: note (1 of 8)",
    ]


def test_attach_to_a_named_motion_of_the_bundled_scenario() -> None:
    sc = load_scenario("pk-na-2022")
    data = {"motion_text": "election of the Prime Minister", "motion_classification": ["pm-election"],
            "start_date": "2022-04-11", "counts": [{"option": "yes", "value": 174}], "votes": []}
    result = import_ocd(data, "pm.json", sc)
    target = next(m for m in result.scenario.motions if m.kind == "pm-election")
    assert target.division is not None and target.division.yes == 174
    assert any("replaces the division already recorded" in w for w in result.warnings)
    with pytest.raises(InterchangeError, match=r"no motion 'nope' to attach the vote to"):
        import_ocd(data, "pm.json", sc, motion="nope")


@pytest.mark.parametrize(
    ("change", "pattern"),
    [
        (lambda d: d["votes"][0].update(option="maybe"), r"^v.json: votes\[0\].option: unknown vote option 'maybe'"),
        (lambda d: d["counts"][0].update(value=-1), r"^v.json: counts\.0\.value: |^v.json: counts\[0\]\.value: "),
        (lambda d: d.update(start_date="15/03/2021"), r"^v.json: start_date: expected a date"),
        # 900 yes, 3 no, 1 excused, 1 not voting (absent): 905
        (lambda d: d["counts"][0].update(value=900), r"^v.json: .*counts 905 members but the chamber has 7 seats"),
        (lambda d: d["votes"][1].update(voter_name="Ana Arrow"), r"^v.json: votes\[1\].voter_id: .* votes twice"),
    ],
)
def test_malformed_vote_events(examplia: Scenario, change: Any, pattern: str) -> None:
    data = copy.deepcopy(vote())
    change(data)
    with pytest.raises(InterchangeError, match=pattern):
        import_ocd(data, "v.json", examplia)


def test_a_voter_is_matched_by_one_of_a_members_identifiers(examplia: Scenario) -> None:
    ben = next(m for m in examplia.members if m.name == "Ben Birch")
    tagged = dataclasses.replace(ben, identifiers=(("openstates", "ocd-person/5f2e"),))
    sc = dataclasses.replace(examplia, members=tuple(tagged if m is ben else m for m in examplia.members))
    data = {"motion_classification": ["no-confidence"], "start_date": "2021-03-01",
            "counts": [{"option": "yes", "value": 1}],
            "votes": [{"option": "yes", "voter_name": "B. Birch", "voter_id": "ocd-person/5f2e"}]}
    result = import_ocd(data, "vote.json", sc)
    assert result.scenario.motion is not None and result.scenario.motion.division is not None
    assert result.scenario.motion.division.votes == ((ben.id, "yes"),)
    assert result.warnings == ()
    # without the identifier, the same voter matches no one (the name differs): counted, not attached
    assert import_ocd(data, "vote.json", examplia).scenario.motions[-1].division.votes == ()  # type: ignore[union-attr]


@pytest.mark.parametrize(("url", "refusal"), [
    ("https://example.org/examplia/votes/2021-1", None),
    ("Hansard, 3 April 2022, col. 12", None),  # a citation is a source too
    ("x", None),  # any text at all
    ("", r"^v\.json: sources\[0\]\.url: expected at least 1 character, got 0$"),
    ("javascript:alert(1)", r"^v\.json: sources\[0\]\.url: expected an http\(s\) address or a citation, got "),
    (" Data:text/html,x", r"^v\.json: sources\[0\]\.url: expected an http\(s\) address or a citation, got "),
])
def test_a_vote_s_source_is_an_address_or_a_citation_named_where_it_is_not(
        examplia: Scenario, url: str, refusal: str | None) -> None:
    data = vote()
    data["sources"] = [{"url": url}]
    if refusal is None:
        division = import_ocd(data, "v.json", examplia).scenario.motion.division  # type: ignore[union-attr]
        assert division is not None and division.sources[0].url == url
        return
    with pytest.raises(InterchangeError, match=refusal):
        import_ocd(data, "v.json", examplia)


D = dt.date


@pytest.mark.parametrize(("filed", "moved", "voted", "refusal"), [
    (D(2021, 3, 10), None, None, None),
    (D(2021, 3, 16), None, None, "the vote on 2021-03-15 comes before motion 'm' was filed on 2021-03-16"),
    # filed before the vote and moved after it: a motion is voted on after it is moved
    (D(2021, 3, 10), D(2021, 3, 16), None, "the vote on 2021-03-15 comes before motion 'm' was moved on 2021-03-16"),
    (None, D(2021, 3, 16), None, "the vote on 2021-03-15 comes before motion 'm' was filed on 2021-03-16"),
    # a sitting past midnight: the day after the vote day is the vote's too, two days after is not
    (None, None, D(2021, 3, 14), None),
    (None, None, D(2021, 3, 13), "expected the day motion 'm' was voted on (2021-03-13), got 2021-03-15; "
                                 "give --motion to attach it to another motion"),
])
def test_a_vote_attached_to_a_motion_falls_on_its_days(examplia: Scenario, filed: dt.date | None,
                                                       moved: dt.date | None, voted: dt.date | None,
                                                       refusal: str | None) -> None:
    # the fixture's vote is of 15 March 2021
    motion = Motion(kind="no-confidence", id="m", filed=filed, moved=moved, vote=voted)
    sc = dataclasses.replace(examplia, motions=(motion,))
    if refusal is None:
        division = import_ocd(vote(), "v.json", sc, motion="m").scenario.motions[0].division
        assert division is not None and division.date == D(2021, 3, 15)
        return
    with pytest.raises(InterchangeError, match=f"^v\\.json: start_date: {re.escape(refusal)}$"):
        import_ocd(vote(), "v.json", sc, motion="m")


@pytest.mark.parametrize("voter_id", ["ocd-person/0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e01",
                                      "https://example.org/people/0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e01"])
def test_a_voter_is_found_by_the_last_part_of_its_id_whatever_name_it_is_given(examplia: Scenario,
                                                                                voter_id: str) -> None:
    data = vote()
    data["votes"][0].update(voter_id=voter_id, voter_name="A. N. Other")  # no member has this name
    votes = dict(import_ocd(data, "v.json", examplia).scenario.motion.division.votes)  # type: ignore[union-attr]
    assert votes["0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e01"] == "no"  # Ana Arrow's vote, by her id


@pytest.mark.parametrize(("value", "got"), [(6.1e1, r"61\.0"), (True, r"a boolean \(true/false\)"),
                                            (60.5, r"60\.5")])
def test_a_count_is_a_whole_number_said_once(examplia: Scenario, value: object, got: str) -> None:
    data = vote()
    data["counts"][1]["value"] = value  # JSON's 6.1e1 is a float, true a boolean: neither is a count
    with pytest.raises(InterchangeError, match=rf"^v\.json: counts\[1\]\.value: expected a whole number, got {got}$"):
        import_ocd(data, "v.json", examplia)
