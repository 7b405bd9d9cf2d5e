"""A threshold with a floor: a majority of the members present that may not be fewer than two fifths of the
membership. Checked on a chamber of 10 (the floor: 2/5 of 10 = 4 yes votes) against truths worked out by hand
and, for the forecast, against every member's vote enumerated and judged by the two conditions written here,
not by the rule's own code."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import brute_votes
from conftest import CliResult
from whipcount.errors import ConstitutionFileError, RulesError
from whipcount.io.constitution import parse_constitution_text
from whipcount.model import Chamber, Party, Stance, replay
from whipcount.rules import Floor, Threshold, judge, needed, pass_rule_for
from whipcount.tally import p_pass_exact, whip_count
from whipcount.tally.model import Bloc, ForecastModel
from whipcount.tally.montecarlo import monte_carlo_forecast

TEN = """\
id: floor-ten
name: A chamber of ten
seats: 10
motions:
  - kind: confidence
    threshold:
      basis: present
      floor: {fraction: "2/5"}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
  - kind: no-confidence
    threshold: {basis: total}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
"""


def _ten() -> object:
    return parse_constitution_text(TEN, "ten.yaml")


def _carries(yes: int, no: int, abstain: int, floor: int = 4) -> bool:
    """The rule by hand: more yes than half of those present (an abstention counts against), and ``floor`` yes."""
    return 2 * yes > yes + no + abstain and yes >= floor


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passed", "bar", "decides"),
    [
        (4, 0, 0, True, 4, "both are reached (the floor is the higher of the two)"),
        (3, 0, 0, False, 4, "the floor decides: the share is reached, the floor is not"),  # 3 of 3 present
        (3, 1, 0, False, 4, "the floor decides"),  # a majority of 4 is 3, reached; the floor is not
        (4, 4, 0, False, 5, "the share decides: the floor is reached, the share is not"),
        (5, 4, 0, True, 5, "both are reached (the share is the higher of the two)"),
        (3, 4, 0, False, 4, "neither the share nor the floor is reached"),
        (4, 3, 1, False, 5, "the share decides"),  # 8 present: 5 needed, the abstention counts against
        (4, 2, 0, True, 4, "both are reached (both ask the same number)"),  # a majority of 6 is 4
    ],
)
def test_outcome_names_the_condition_that_decided(yes: int, no: int, abstain: int, passed: bool, bar: int,
                                                   decides: str) -> None:
    out = judge(_ten(), "confidence", yes=yes, no=no, abstain=abstain)  # type: ignore[arg-type]
    assert out.passed is passed is _carries(yes, no, abstain)
    assert out.needed == bar
    assert decides in out.explanation
    assert "not fewer than 4: two fifths of the total membership of 10" in out.explanation


def test_every_division_of_ten_is_judged_by_both_conditions() -> None:
    rule = pass_rule_for(Threshold("present", floor=Floor(Fraction(2, 5))), seats=10)
    cases = [(y, n, a) for y, n, a in itertools.product(range(11), repeat=3) if y + n + a <= 10]
    y, n, a = (np.array(c) for c in zip(*cases, strict=True))
    want = [_carries(*c) for c in cases]
    assert rule.passes(y, n, a).tolist() == want
    assert [rule.passes_one(*c) for c in cases] == want
    # the floor alone turns some of them: 3 of 5 present is a majority, and short of it
    assert rule.passes_one(3, 2) is False and _carries(3, 2, 0, floor=0)


@pytest.mark.parametrize(
    ("basis", "strict", "vacancies", "floor"),
    [("total", False, 0, 4), ("total", False, 3, 4),  # the seats: vacancies change nothing
     ("sitting", False, 1, 4),  # 2/5 of 9 = 3.6
     ("sitting", False, 3, 3),  # 2/5 of 7 = 2.8
     ("total", True, 0, 5)],  # more than 2/5 of 10 = 4
)
def test_the_floor_counts_seats_or_members_in_office(basis: str, strict: bool, vacancies: int, floor: int) -> None:
    text = TEN.replace('floor: {fraction: "2/5"}', f'floor: {{fraction: "2/5", basis: {basis}, '
                                                   f'strict: {str(strict).lower()}}}')
    c = parse_constitution_text(text, "ten.yaml")
    assert needed(c, "confidence", vacancies=vacancies).floor == floor
    # floor - 1 yes of floor - 1 present is a majority of those present, and not enough
    assert not judge(c, "confidence", yes=floor - 1, no=0, vacancies=vacancies).passed
    assert judge(c, "confidence", yes=floor, no=0, vacancies=vacancies).passed


@pytest.mark.parametrize(
    ("floor", "pattern"),
    [
        ('{fraction: "2/5"}\n      negative: true', r"negative: true the noes decide"),
        ('{fraction: "3/2"}', r"threshold\.floor\.fraction: expected a fraction above 0 and below 1"),
        ('{fraction: "2/5", basis: present}', r"threshold\.floor\.basis: .*'total' or 'sitting'"),
        ('{fraction: "2/5", of: total}', r"threshold\.floor\.of: unknown field"),
        ("{}", r"threshold\.floor\.fraction: required field is missing"),
    ],
)
def test_a_bad_floor_is_named_by_file_line_and_field(floor: str, pattern: str) -> None:
    with pytest.raises(ConstitutionFileError, match=r"^ten\.yaml:\d+: motions\[0\]\..*" + pattern):
        parse_constitution_text(TEN.replace('{fraction: "2/5"}', floor), "ten.yaml")


def test_a_floor_on_a_membership_basis_is_refused() -> None:
    text = TEN.replace("basis: present\n", "basis: total\n")
    with pytest.raises(ConstitutionFileError, match=r"^ten\.yaml:6: motions\[0\]\.threshold: floor: .* a number "
                                                    r"fixed before the vote; give the larger of the two shares"):
        parse_constitution_text(text, "ten.yaml")
    with pytest.raises(RulesError, match="threshold floor: "):
        Threshold("sitting", floor=Floor(Fraction(2, 5)))


def test_the_magic_number_is_the_floor_when_few_are_present() -> None:
    # 3 yes, 7 absent: a majority of the 3 present is 2, the floor 4
    chamber = Chamber("Ten", 10, "floor-ten", dt.date(2020, 1, 1))
    parties = (Party("a", "A", 3, "government"), Party("b", "B", 4, "opposition"), Party("c", "C", 3, "other"))
    state = replay(chamber, parties, (), on=dt.date(2020, 3, 1))
    stances = (Stance(dt.date(2020, 2, 1), "yes", party="a"), Stance(dt.date(2020, 2, 1), "absent", party="b"),
               Stance(dt.date(2020, 2, 1), "absent", party="c"))
    rule = pass_rule_for(_ten().motion("confidence").threshold, seats=10)  # type: ignore[attr-defined]
    count = whip_count(state, stances, kind="confidence", rule=rule)
    assert (count.needed, count.short) == (4, 1)
    assert count.carried_as_committed() is False  # 3 of 3 present: a majority, short of the floor


BLOCS = [Bloc("a", 3, 0.9, 0.05, cohesion=0.3), Bloc("b", 3, 0.2, 0.5, cohesion=0.5),
         Bloc("c", 2, 0.5, 0.3), Bloc("d", 2, 0.1, 0.6)]


def _brute() -> float:
    """P(pass) over every member's vote, each outcome judged by :func:`_carries`."""
    return sum(p for (y, n, ab, _), p in brute_votes.votes(BLOCS).items() if _carries(y, n, ab))


def test_the_exact_forecast_and_monte_carlo_match_every_vote_enumerated() -> None:
    rule = pass_rule_for(_ten().motion("confidence").threshold, seats=10)  # type: ignore[attr-defined]
    model = ForecastModel(tuple(BLOCS), rule)
    truth = _brute()
    without_floor = sum(p for (y, n, ab, _), p in brute_votes.votes(BLOCS).items() if _carries(y, n, ab, 0))
    assert truth < without_floor - 0.01  # the floor bites in this chamber
    assert p_pass_exact(model)[0] == pytest.approx(truth, abs=1e-12)
    sims = 200_000
    mc = monte_carlo_forecast(model, sims=sims, rng=np.random.default_rng(7))
    assert abs(mc.p_pass - truth) < 4 * math.sqrt(truth * (1 - truth) / sims)


def test_rules_show_gives_the_floor_in_words_and_json(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    path = tmp_path / "ten.yaml"
    path.write_text(TEN, encoding="utf-8")
    words = run_cli("rules", "show", str(path))
    assert words.code == 0, words.err
    flat = " ".join(words.out.split())
    assert "not fewer than two fifths of the total membership" in flat
    assert "never fewer than 4: two fifths of the total membership of 10" in flat
    data = json.loads(run_cli("rules", "show", str(path), "--json").out)
    floor = data["motions"][0]["floor"]
    assert (floor["fraction"], floor["basis"], floor["strict"], floor["count"]) == ("2/5", "total", False, 4)
    assert set(floor) == {"fraction", "basis", "strict", "words", "count", "source"}  # as docs/rules.md lists them
    assert data["motions"][1]["floor"] is None


CASE = """\
chamber: {name: Ten, rules: ten.yaml, seats: 10, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 3, side: government}
  - {id: blue, name: Blue Party, seats: 7, side: opposition}
motion: {kind: confidence, vote: 2024-02-10}
division: {yes: 3, no: 0, absent: 7}
"""


def test_a_scenario_and_its_popolo_bundle_judge_under_the_floor(run_cli: Callable[..., CliResult],
                                                                 tmp_path: Path) -> None:
    # 3 yes of 3 present: a majority of those present, short of the floor of 4; the bundle carries the rule
    (tmp_path / "ten.yaml").write_text(TEN, encoding="utf-8")
    (tmp_path / "case.yaml").write_text(CASE, encoding="utf-8")
    bundle, back = tmp_path / "case.json", tmp_path / "back.yaml"
    assert run_cli("export", "popolo", str(tmp_path / "case.yaml"), "-o", str(bundle)).code == 0
    assert run_cli("import", "popolo", str(bundle), "-o", str(back)).code == 0
    for scenario in (tmp_path / "case.yaml", back):
        r = run_cli("outcome", str(scenario), "--json")
        assert r.code == 0, r.err
        judged = json.loads(r.out)["motions"][0]["outcome"]
        assert (judged["passed"], judged["needed"]) == (False, 4)
        assert "the floor decides" in judged["explanation"]


@pytest.mark.parametrize(("yes", "passed"), [(3, False), (4, True)])
def test_a_tie_the_chair_carries_must_reach_the_floor_too(yes: int, passed: bool) -> None:
    # votes cast, the chair's casting vote for the motion: 3 to 3 is carried by the share, short of the floor of 4
    text = TEN.replace("basis: present\n", "basis: votes-cast\n      tie: casting-vote\n")
    out = judge(parse_constitution_text(text, "ten.yaml"), "confidence", yes=yes, no=yes, casting_vote="yes")
    assert (out.passed, out.needed) == (passed, 4)
