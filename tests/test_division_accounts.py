"""A division that gives its absent members accounts for every member who sat that day.

A division adding up to more members than sat was refused; one adding up to fewer, with ``absent`` given,
was taken as it stood (Sweden's 181 + 109 + 51 with ``absent: 7`` where 8 were away would have summed to
348 of 349 unsaid). It is now an error naming the division's line and how many are missing. A division
that does not give ``absent`` claims nothing about the rest and is taken as before. An imported vote's
members who were excused, paired or not voting are counted as absent (with a warning naming them), so
an imported division accounts for everyone it counts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount import load_scenario
from whipcount.errors import WhipcountError

SCENARIO = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
motion: {{kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}}
division: {{yes: 6, no: 3, {rest}}}
"""


@pytest.mark.parametrize(("rest", "missing"), [("absent: 1", 1), ("abstain: 1, absent: 0", 1),
                                               ("absent: 0, present_not_voting: 1", 1), ("absent: 0", 2),
                                               ("absent: 0, invalid: 1", 1)])
def test_a_division_short_of_the_members_who_sat_is_refused(tmp_path: Path, rest: str, missing: int) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(rest=rest), encoding="utf-8")
    with pytest.raises(WhipcountError, match=rf"case.yaml:6: division: the division accounts for {11 - missing} of "
                                             rf"the 11 members who sat on 2020-02-05; {missing} missing"):
        load_scenario(path)


@pytest.mark.parametrize("rest", ["absent: 2", "abstain: 1, absent: 1", "absent: 1, present_not_voting: 1",
                                  "abstain: 2", "absent: 1, invalid: 1"])
def test_a_division_that_accounts_for_everyone_or_claims_nothing_stands(tmp_path: Path, rest: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(rest=rest), encoding="utf-8")
    d = load_scenario(path).motion.division
    assert d is not None and (d.yes, d.no) == (6, 3)


def test_every_bundled_division_with_its_absent_accounts_for_the_chamber() -> None:
    """The bundled cases hold to it: Germany 2025's invalid ballots (3 and 1) are counted as such."""
    from whipcount.io.scenario import bundled_scenarios

    for sid in bundled_scenarios():
        sc = load_scenario(sid)
        for m in sc.motions:
            d = m.division
            if d is None or d.absent is None or m.vote is None:
                continue
            state = sc.state(max(m.vote, sc.chamber.as_of))
            counted = d.yes + (d.no or 0) + (d.abstain or 0) + d.absent + (d.present_not_voting or 0) + (d.invalid or 0)
            assert counted == state.seats - state.vacancies, (sid, m.id)


def test_an_imported_vote_counts_the_excused_and_paired_as_absent(run_cli: Any, tmp_path: Path) -> None:
    """Popolo's and Open Civic Data's excused, paired and not voting are members who did not vote yes, no or
    abstain: absent in a whipcount division, said in a warning; 324 + 310 + 10 + 3 + 2 + 1 = 650."""
    exported = tmp_path / "uk.json"
    assert run_cli("export", "popolo", "gb-hc-2019", "-o", str(exported)).code == 0
    bundle = json.loads(exported.read_text(encoding="utf-8"))
    (ve,) = bundle["vote_events"]
    ve["counts"] = [{"option": "yes", "value": 306}, {"option": "no", "value": 325},
                    {"option": "absent", "value": 14}, {"option": "excused", "value": 3},
                    {"option": "paired", "value": 2}]
    ve["votes"] = []
    exported.write_text(json.dumps(bundle), encoding="utf-8")
    out = tmp_path / "back.yaml"
    r = run_cli("import", "popolo", str(exported), "-o", str(out))
    assert r.code == 0, r.err
    assert "counted as absent (members who did not vote): excused 3, paired 2" in " ".join(r.err.split())
    d = load_scenario(out).motion.division
    assert d is not None and (d.yes, d.no, d.absent) == (306, 325, 19)  # 306 + 325 + 19 = 650, the Commons


CHAIRED = """\
chamber:
  name: Test Assembly
  rules: chaired.yaml
  seats: 11
  as_of: 2020-01-01{speaker}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
motion: {{kind: confidence, moved: 2020-02-01, vote: 2020-02-05}}
division: {{yes: 5, no: {no}, absent: 0}}
"""
OWN_RULES = """\
id: chaired
name: Chaired Assembly
seats: 11{note}
motions:
  - kind: confidence
    threshold: {{basis: votes-cast, fraction: "1/2", strict: true{tie}}}
    source: {{article: "Art. 1", url: "https://example.org/rules#1"}}
"""
SPEAKER = "\n  speaker: {name: Ann Chair, party: red}"
GIVE = "give every member who did not vote as absent"


@pytest.mark.parametrize(("speaker", "note", "tie", "no", "said"), [
    (SPEAKER, "", "", 5, f"1 missing: the Speaker (Ann Chair), who does not vote, may be counted as absent; {GIVE}"),
    ("", "", ", tie: casting-vote", 5, f"1 missing: the Speaker, who does not vote, may be counted as absent; {GIVE}"),
    ("", "\nnote: The Speaker votes only to break a tie.", "", 5,
     f"1 missing: the Speaker, who does not vote, may be counted as absent; {GIVE}"),
    (SPEAKER, "", "", 4,
     f"2 missing: the Speaker (Ann Chair), who does not vote, may be one of them, to be counted as absent; {GIVE}"),
    ("", "", "", 5, f"1 missing: {GIVE}"),  # no chair known: said as before
])
def test_a_division_short_by_the_chair_says_the_chair_does_not_vote(
        tmp_path: Path, speaker: str, note: str, tie: str, no: int, said: str) -> None:
    """A record of the votes cast leaves out the Speaker's seat: 5 + 5 of the 11 who sat is one short. Where
    the chamber has a presiding officer who does not vote (a speaker in the chamber, a casting vote only, or
    the rules' note) the error says who that one may be; it had said '1 missing' alone."""
    (tmp_path / "chaired.yaml").write_text(OWN_RULES.format(note=note, tie=tie), encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(CHAIRED.format(speaker=speaker, no=no), encoding="utf-8")
    with pytest.raises(WhipcountError) as e:
        load_scenario(path)
    message = str(e.value)
    assert message.startswith(f"{path}:{10 + bool(speaker)}: division: the division accounts for {5 + no} of the 11 "
                              "members who sat on 2020-02-05; ")
    assert said in message
