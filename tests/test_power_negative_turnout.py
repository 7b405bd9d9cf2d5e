"""A motion that stands unless a majority of the votes cast reject it (a negative bar on a turnout basis, as
a constitution file may write it) is played in the power game with every member voting: the yes side wins
when the noes stay under the bar, so its quota is the voters less the bar plus one, not the bar itself."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

from conftest import write_case
from whipcount.io.constitution import load_constitution_file
from whipcount.rules import judge

RULES = """\
id: lilliput
name: Lilliput Diet
seats: 20
motions:
  - kind: investiture
    threshold: {basis: votes-cast, fraction: "1/2", strict: true, negative: true}
    source: {article: "Art. 3", url: "https://example.org/l#3"}
"""

SCENARIO = """\
chamber: {name: Lilliput Diet, rules: rules.yaml, seats: 20, vacancies: 0, as_of: 2026-01-01}
parties:
  - {id: big, name: Bigendians, seats: 10, side: government}
  - {id: little, name: Littlendians, seats: 7, side: opposition}
  - {id: mid, name: Middlers, seats: 3, side: other}
motion: {kind: investiture, vote: 2026-03-01}
"""
WEIGHTS = {"big": 10, "little": 7, "mid": 3}


def _wins(coalition: tuple[str, ...], rules: Path) -> bool:
    """Every member votes: the coalition yes, the rest no; judged as a recorded division would be."""
    yes = sum(WEIGHTS[p] for p in coalition)
    return judge(load_constitution_file(rules), "investiture", yes=yes, no=20 - yes).passed


def test_the_quota_and_the_coalitions_are_the_verdict_s(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case = write_case(tmp_path, RULES, SCENARIO)
    rules = tmp_path / "rules.yaml"
    # by hand: 20 voting, more than half of them (11) reject; so 10 yes (10 no) carry it, 9 do not
    assert _wins(("big",), rules) and not _wins(("little",), rules)
    r = run_cli("power", str(case), "--index", "banzhaf", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["quota"] == 10
    coalitions = json.loads(run_cli("coalitions", str(case), "--kind", "minimal", "--json").out)
    listed = {frozenset(c["members"]) for c in coalitions["coalitions"]}
    winning = [set(c) for k in range(1, 4) for c in combinations(WEIGHTS, k) if _wins(c, rules)]
    minimal = {frozenset(c) for c in winning if not any(o < c for o in winning)}
    assert minimal == {frozenset({"big"}), frozenset({"little", "mid"})}
    assert listed == minimal
