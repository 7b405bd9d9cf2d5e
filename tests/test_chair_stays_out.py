"""The chair who votes only in a tie stays out of the vote in every view of the count.

Under a rule that gives the presiding officer a casting vote only, one seat of the Speaker's party does not
vote. `what-if --switch PARTY` turned that seat into a yes vote (the chair is an "absent" position, and a
switch sends anything but yes to yes), the count named the chair among those who could supply the missing
votes, and the forecast listed the chair as a pivotal bloc that "votes yes". The truths are counted by
hand from the file: Red holds 6 seats, one of them the Speaker's, so 5 Red members vote; Blue holds 5.
"""

from __future__ import annotations

import json
from math import comb
from pathlib import Path

import pytest

from conftest import write_case

CONSTITUTION = """\
id: chair-rules
name: Chair Rules
seats: 11
motions:
  - kind: confidence
    threshold: {basis: votes-cast, fraction: "1/2", strict: true, tie: casting-vote, tie_convention: "no"}
    source: {article: "Art. 1", url: "https://example.org/1"}
"""

SCENARIO = """\
chamber: {name: Chamber, rules: rules.yaml, seats: 11, as_of: 2024-01-01,
          speaker: {name: The Speaker, party: red, side: government, source: "https://example.org/sp"}}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
motion: {kind: confidence, vote: 2024-02-10}
stances:
  - {date: 2024-02-01, party: red, stance: lean-yes, source: "https://example.org/s"}
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    return write_case(tmp_path, CONSTITUTION, SCENARIO)


def _json(run_cli, *args: str):  # type: ignore[no-untyped-def]
    r = run_cli(*args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_switching_a_party_leaves_its_chair_out(run_cli, case: Path) -> None:  # type: ignore[no-untyped-def]
    runs = {r["label"]: r for r in _json(run_cli, "what-if", str(case), "--switch", "blue", "--switch", "red")["runs"]}
    assert runs["baseline"]["committed_yes"] == 0  # Red's 5 lean yes, Blue's 5 vote no
    assert runs["blue switch"]["committed_yes"] == 5  # Blue's 5 to yes
    assert runs["red switch"]["committed_yes"] == 0  # Red's 5 voting members to no; the chair does not vote
    assert runs["all changes"]["committed_yes"] == 5  # Blue's 5 yes, Red's 5 no: a tie, the chair votes no
    # it passes only if yes > no: B of Blue's 5 turn up (0.98 each, the rest stay away) and R of Red's 5 slip
    # to yes (0.01 each, the rest vote no): B + R > 5 - R, so R = 1 with B >= 4, or R >= 2 with B >= 2
    p_b = {b: comb(5, b) * 0.98**b * 0.02 ** (5 - b) for b in range(6)}
    p_r = {r: comb(5, r) * 0.01**r * 0.99 ** (5 - r) for r in range(6)}
    by_hand = sum(p_b[b] * p_r[r] for b in range(6) for r in range(6) if b + 2 * r > 5)
    assert runs["all changes"]["p_pass"] == pytest.approx(by_hand, abs=1e-12)
    r = run_cli("what-if", str(case), "--switch", "red:6")
    assert r.code == 1 and "only 5 seats" in r.err and "chair" in r.err, r.err


def test_the_chair_supplies_no_vote_and_is_no_pivot(run_cli, case: Path) -> None:  # type: ignore[no-untyped-def]
    count = _json(run_cli, "count", str(case))
    assert any(p["key"] == "chair" for p in count["positions"])  # the Speaker's seat is counted apart
    assert [p["key"] for p in count["could_supply"]] == ["red", "blue"]  # 5 lean yes, then 5 no
    fc = _json(run_cli, "forecast", str(case))
    assert "chair" not in {p["bloc"] for p in fc["pivotal"]}
    assert {p["bloc"] for p in fc["pivotal"]} <= {"red", "blue"}
