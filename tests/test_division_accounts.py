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
