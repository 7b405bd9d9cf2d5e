"""Where the chair's casting vote decides a tie, the number needed says so: the whip count's magic number,
the outcome's `needed` and the power game's quota are the fewest yes votes that carry the motion, as the
verdict (and so the forecast) has it. A constitution file of one's own may give the chair's vote either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import write_case
from whipcount.io.constitution import load_constitution_file
from whipcount.rules import Threshold, judge, pass_rule_for


def _house(tie: str) -> str:
    """A fictional House of 10 whose confidence votes need a majority of the votes cast; ``tie`` is the
    threshold's tie fields."""
    return ("id: tie-house\nname: Tie House\nseats: 10\nmotions:\n  - kind: confidence\n"
            f'    threshold: {{basis: votes-cast, fraction: "1/2", {tie}}}\n'
            '    source: {article: "Art. 1", url: "https://example.org/t"}\n')


# (threshold fields, whether a tie carries): a tie of 5 to 5 carries only where the chair votes yes
TIES = [
    ('strict: true, tie: casting-vote, tie_convention: "yes"', True),
    ('strict: true, tie: casting-vote, tie_convention: "no"', False),
    ('strict: false, tie: casting-vote, tie_convention: "no"', False),
    ('strict: false, tie: casting-vote, tie_convention: "yes"', True),
    ("strict: false", True),  # "at least one half", no casting vote: a tie reaches the bar
    ("strict: true", False),
]


@pytest.mark.parametrize("convention", [None, "yes", "no"])
@pytest.mark.parametrize("strict", [True, False])
@pytest.mark.parametrize("basis", ["votes-cast", "present"])
def test_the_bar_is_the_fewest_yes_votes_that_carry(basis: str, strict: bool, convention: str | None) -> None:
    th = Threshold(basis, strict=strict, tie="casting-vote", tie_convention=convention)  # type: ignore[arg-type]
    rule = pass_rule_for(th, seats=30)
    for n in range(1, 25):  # every split of n votes for and against, by brute force
        carried = [yes for yes in range(n + 1) if rule.passes_one(yes, n - yes)]
        assert rule.bar(n) == min(carried), (n, carried)
        assert carried == list(range(min(carried), n + 1))


@pytest.mark.parametrize("tie,carries", TIES)
def test_a_tie_of_five_to_five(tie: str, carries: bool, tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(_house(tie), encoding="utf-8")
    o = judge(load_constitution_file(path), "confidence", yes=5, no=5)
    assert o.passed is carries
    assert o.needed == (5 if carries else 6)  # of 10 votes cast, by the hand count above
    below = judge(load_constitution_file(path), "confidence", yes=4, no=6)
    assert below.needed == o.needed and f"; {o.needed} needed" in below.explanation


SCENARIO = """\
chamber: {name: Tie House, rules: rules.yaml, seats: 10, vacancies: 0, as_of: 2026-01-01}
parties:
  - {id: a, name: A, seats: 5, side: government}
  - {id: b, name: B, seats: 5, side: opposition}
motion: {kind: confidence, vote: 2026-03-01}
stances:
  - {date: 2026-02-15, party: a, stance: yes, p_yes: 1}
  - {date: 2026-02-15, party: b, stance: no, p_yes: 0}
"""


@pytest.mark.parametrize("tie,carries", TIES)
def test_count_forecast_and_power_agree_with_the_verdict(  # type: ignore[no-untyped-def]
        run_cli, tie: str, carries: bool, tmp_path: Path) -> None:
    case = str(write_case(tmp_path, _house(tie), SCENARIO))
    # every member votes as committed: 5 yes, 5 no; the verdict is the tie's
    forecast = json.loads(run_cli("forecast", case, "--json").out)
    assert forecast["p_pass"] == (1.0 if carries else 0.0)
    count = json.loads(run_cli("count", case, "--json").out)
    assert (count["needed"], count["short"]) == ((5, 0) if carries else (6, 1))
    assert forecast["needed"] == count["needed"]
    r = run_cli("power", case, "--index", "banzhaf", "--json")
    assert r.code == 0, r.err
    power = json.loads(r.out)
    assert power["quota"] == count["needed"]
    # two players of 5: with either quota each is pivotal in one coalition of the two it can join
    assert [i["exact"] for i in power["indices"]["banzhaf"]] == ["1/2", "1/2"]
