"""The ``abstain`` stance: members present in the chamber who vote neither way, weighed as each rule weighs
an abstention. Checked against a brute force that knows nothing of how the forecast maps the stance: every
outcome of every member as (yes, no, abstain, absent), judged by the pass rule's own four counts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import brute_votes
from conftest import CliResult
from whipcount.errors import ForecastError
from whipcount.model import Chamber, Party, Stance, replay
from whipcount.tally import PassRule, WhipCount, forecast, model_from_count, p_pass_exact, whip_count
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.whatif import Change, apply_change

D = dt.date
CHAMBER = Chamber("Test Assembly", 14, "pk-na", D(2020, 1, 1))
PARTIES = (Party("red", "Red Party", 5, "government"), Party("blue", "Blue Party", 4, "opposition"),
           Party("green", "Green Party", 3, "other"), Party("gold", "Gold Party", 2, "opposition"))
COHESION = 0.5

# the documented defaults (docs/forecast.md, "The model"): P(yes), and where the rest of a stance goes
P_YES = {"yes": 0.98, "lean-yes": 0.75, "undecided": 0.5, "lean-no": 0.25, "no": 0.01, "abstain": 0.0, "absent": 0.0}
REST = {"yes": "absent", "absent": "absent", "abstain": "abstain"}  # every other stance: the rest vote no
OUTCOMES = ("yes", "no", "abstain", "absent")


def _count(rule: PassRule, green: str = "abstain", p_yes: float | None = None) -> WhipCount:
    """Red 5 (government: no on a no-confidence motion), blue 4 (yes), green 3 (``green``), gold 2
    (lean-yes)."""
    state = replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1))
    stances = (Stance(D(2020, 2, 1), green, party="green", p_yes=p_yes),
               Stance(D(2020, 2, 1), "lean-yes", party="gold"))
    return whip_count(state, stances, kind="no-confidence", rule=rule)


def _member(stance: str, p_yes: float) -> dict[str, float]:
    rest = REST.get(stance, "no")
    out = dict.fromkeys(OUTCOMES, 0.0)
    out["yes"] += p_yes
    out[rest] += 1.0 - p_yes
    return out


def _bloc(seats: int, stance: str, p_yes: float, cohesion: float) -> dict[tuple[int, ...], float]:
    """P(counts of yes, no, abstain, absent) of one bloc: as one with ``cohesion``, else member by member."""
    one = _member(stance, p_yes)
    dist: dict[tuple[int, ...], float] = {}
    for picks in itertools.product(OUTCOMES, repeat=seats):  # members on their own
        p = (1.0 - cohesion) * math.prod(one[o] for o in picks)
        key = tuple(picks.count(o) for o in OUTCOMES)
        dist[key] = dist.get(key, 0.0) + p
    for o in OUTCOMES:  # the bloc as one
        key = tuple(seats if x == o else 0 for x in OUTCOMES)
        dist[key] = dist.get(key, 0.0) + cohesion * one[o]
    return dist


def _brute(blocs: Iterable[tuple[int, str, float]], rule: PassRule) -> float:
    """P(pass) over every outcome, each judged by the rule with its yes, no and abstain counts."""
    total: dict[tuple[int, ...], float] = {(0, 0, 0, 0): 1.0}
    for seats, stance, p_yes in blocs:
        cohesion = COHESION if seats > 1 else 0.0
        nxt: dict[tuple[int, ...], float] = {}
        for (a, pa), (b, pb) in itertools.product(total.items(), _bloc(seats, stance, p_yes, cohesion).items()):
            key = tuple(x + y for x, y in zip(a, b, strict=True))
            nxt[key] = nxt.get(key, 0.0) + pa * pb
        total = nxt
    return sum(p for (y, n, ab, _), p in total.items() if rule.passes_one(y, n, ab))


def _blocs_of(count: WhipCount) -> list[tuple[int, str, float]]:
    return [(p.seats, p.stance, p.p_yes if p.p_yes is not None else P_YES[p.stance]) for p in count.positions]


RULES = {
    "a majority of the members present": PassRule("present"),
    "a majority of the members present, quorum 10": PassRule("present", quorum=10),
    "a majority of the votes cast": PassRule("votes-cast"),
    "a majority of the votes cast, quorum 10": PassRule("votes-cast", quorum=10),
    "a majority of the members present and voting, quorum 12": PassRule("present-and-voting", quorum=12),
    "a majority of the votes cast, a tie to the chair": PassRule("votes-cast", tie_passes=True),
    "two thirds of the votes cast": PassRule("votes-cast", fraction=Fraction(2, 3), strict=False),
    "6 of the total": PassRule("total", count=6),
    "6 of the total, quorum 11": PassRule("total", count=6, quorum=11),
    "rejected by 6 noes, quorum 11": PassRule("total", count=6, negative=True, quorum=11),
    "rejected by a majority of the votes cast, quorum 9": PassRule("votes-cast", negative=True, quorum=9),
    "rejected by a majority of the members present": PassRule("present", negative=True),
    "rejected by a majority of the members present, quorum 12": PassRule("present", negative=True, quorum=12),
}


@pytest.mark.parametrize("name", list(RULES))
def test_an_abstaining_party_is_weighed_as_the_rule_weighs_an_abstention(name: str) -> None:
    rule = RULES[name]
    count = _count(rule)
    model = model_from_count(count, cohesion=COHESION)
    want = _brute(_blocs_of(count), rule)
    assert p_pass_exact(model)[0] == pytest.approx(want, abs=1e-12)
    drawn = forecast(model, method="monte-carlo", sims=200_000, rng=np.random.default_rng(7), pivotal=False)
    assert abs(drawn.p_pass - want) <= 5 * drawn.stderr + 1e-9


@pytest.mark.parametrize("name", list(RULES))
@pytest.mark.parametrize("p_yes", [0.3, 0.9])
def test_abstainers_who_may_vote_yes(name: str, p_yes: float) -> None:
    """An abstaining party that may turn to yes, under every rule: where a quorum or the members present
    whose noes reject tell an abstention from an absence and from a no, its abstentions are a third count."""
    rule = RULES[name]
    count = _count(rule, p_yes=p_yes)
    want = _brute(_blocs_of(count), rule)
    model = model_from_count(count, cohesion=COHESION)
    assert p_pass_exact(model)[0] == pytest.approx(want, abs=1e-12)
    drawn = forecast(model, method="monte-carlo", sims=100_000, rng=np.random.default_rng(11), pivotal=False)
    assert abs(drawn.p_pass - want) <= 5 * drawn.stderr + 1e-9


def test_abstaining_is_neither_a_no_nor_an_absence_under_a_quorum_on_the_votes_cast() -> None:
    """Blue's 4 and gold's 2 vote yes, red's 5 vote no, green's 3 abstain: 6 to 5 of the votes cast, 14 present,
    so a quorum of 12 is met only because the abstainers count toward it."""
    rule = PassRule("votes-cast", quorum=12)
    probabilities = {"yes": 1.0, "lean-yes": 1.0, "no": 0.0}
    count = _count(rule)
    assert p_pass_exact(model_from_count(count, probabilities=probabilities))[0] == 1.0
    for instead in ("no", "absent"):  # 6 to 8 fails; 11 present misses the quorum
        other = _count(rule, green=instead)
        assert p_pass_exact(model_from_count(other, probabilities=probabilities))[0] == 0.0


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.quorum or (r.basis == "present" and r.negative)])
@pytest.mark.parametrize("method", ["exact", "monte-carlo"])
def test_pivotal_blocs_beside_a_party_that_may_abstain_or_vote_yes(name: str, method: str) -> None:
    """Each bloc switched to yes or no as one, with green abstaining or voting yes (a third count of the
    vote): P(pass) after the switch as the brute force gives it with that bloc's votes certain."""
    rule = RULES[name]
    count = _count(rule, p_yes=0.3)
    blocs = _blocs_of(count)
    model = model_from_count(count, cohesion=COHESION)
    result = forecast(model, method=method, sims=100_000, rng=np.random.default_rng(5))
    assert result.pivotal, "some switch moves P(pass) here"
    keys = [p.key for p in count.positions]
    for pivot in result.pivotal:
        i = keys.index(pivot.key)
        switched = (blocs[i][0], "yes", 1.0) if pivot.change == "votes yes" else (blocs[i][0], "no", 0.0)
        want = _brute([*blocs[:i], switched, *blocs[i + 1:]], rule)
        if method == "exact":
            assert pivot.p_after == pytest.approx(want, abs=1e-9), pivot
        else:
            assert abs(pivot.p_after - want) <= 5 * pivot.stderr + 0.003, pivot


def test_a_party_that_may_abstain_or_vote_yes_in_a_group_is_drawn() -> None:
    """Green moving with gold (a group) has no closed form here: auto draws it, and exact says why."""
    count = _count(PassRule("votes-cast", quorum=10), p_yes=0.3)
    model = replace(model_from_count(count, cohesion=COHESION), groups=(Group("g", ("green", "gold"), 0.5),))
    with pytest.raises(ForecastError, match=r"'green' may abstain or vote yes and moves with group 'g'"):
        forecast(model, method="exact")
    drawn = forecast(model, sims=20_000, rng=np.random.default_rng(3), pivotal=False)
    assert drawn.method == "monte-carlo" and "moves with group 'g'" in drawn.method_reason
    rule = PassRule("votes-cast", quorum=10)
    blocs = dict(zip([p.key for p in count.positions], _blocs_of(count), strict=True))
    apart = _brute(blocs.values(), rule)
    # acting as one, one uniform U: green votes yes below 0.3 (else abstains), gold below 0.75 (else no)
    as_one = 0.0
    for width, green, gold in ((0.3, ("yes", 1.0), ("yes", 1.0)), (0.45, ("abstain", 0.0), ("yes", 1.0)),
                               (0.25, ("abstain", 0.0), ("no", 0.0))):
        certain = {**blocs, "green": (3, *green), "gold": (2, *gold)}
        as_one += width * _brute(certain.values(), rule)
    want = 0.5 * apart + 0.5 * as_one
    assert abs(want - apart) > 0.01  # moving together matters here
    assert abs(drawn.p_pass - want) <= 5 * drawn.stderr


def test_magic_number_leaves_abstainers_out_of_the_votes_cast() -> None:
    """Rajoy's investiture, 29 October 2016: 170 yes, 111 no, 68 abstaining, one seat vacant of 350 (laSexta,
    https://lasexta.com/noticias/nacional/mariano-rajoy-convierte-presidente-gobierno-abstencion-psoe-apoyo-ciudadanos_201610295814e87a0cf2d6cc9cc361f7.html).
    On the votes cast the bar is a majority of 281, 141; were the 68 counted as present against, 175 of 349."""
    chamber = Chamber("Congreso", 350, "es-cd", D(2016, 7, 19))
    parties = (Party("pp-cs", "PP and allies", 170, "government"), Party("left", "No", 111, "opposition"),
               Party("psoe", "PSOE", 68, "opposition"))
    state = replay(chamber, parties, (), on=D(2016, 10, 29))
    stances = (Stance(D(2016, 10, 23), "abstain", party="psoe"),)
    cast = whip_count(state, stances, kind="investiture", rule=PassRule("votes-cast"))
    assert (cast.present, cast.voting, cast.needed, cast.short) == (349, 281, 141, 0)
    assert cast.carried_as_committed() is True
    assert "the 281 members not abstaining all vote" in cast.needed_words()
    present = whip_count(state, stances, kind="investiture", rule=PassRule("present"))
    assert (present.voting, present.needed, present.short) == (349, 175, 5)
    # the 68 are in the basis without voting: the bar is for all 349 attending, not all 349 voting
    assert "175 if all 349 members attend (68 of them abstaining)" in present.needed_words()
    assert present.carried_as_committed() is False


def test_a_quorum_counts_the_abstainers_present() -> None:
    count = _count(PassRule("votes-cast", quorum=14))
    assert count.by_stance()["abstain"] == 3 and count.present == 14 and count.quorum_short == 0
    assert _count(PassRule("votes-cast", quorum=14), green="absent").quorum_short == 3


def test_abstainers_who_turn_to_yes_raise_the_bar_of_the_votes_cast() -> None:
    """Green's 3 abstain, red's 5 are against, blue's 4 for and gold's 2 lean yes; at two thirds of the votes
    cast, 8 of 11. Gold's 2 and green's 3 more yes would be 9 of 14 votes cast, short of two thirds (10), where
    the same 5 from members already voting would carry 9 of 11."""
    count = _count(PassRule("votes-cast", fraction=Fraction(2, 3), strict=False))
    assert (count.voting, count.needed, count.short) == (11, 8, 4)
    green = next(p for p in count.positions if p.party == "green")
    assert count._coming(green) == 3
    assert count._gap_closed(2 + 3, 3) is False and count._gap_closed(2 + 3, 0) is True
    assert count._gap_closed(2 + 3 + 1, 3) is True  # 10 of 14
    present = _count(PassRule("present", fraction=Fraction(2, 3), strict=False))
    assert present._coming(next(p for p in present.positions if p.party == "green")) == 0


def test_a_switch_sends_abstainers_against_the_way_the_party_stood() -> None:
    """An abstaining party stands on neither side: a switch sends it to yes (none of it leaned yes)."""
    count = apply_change(_count(PassRule("votes-cast")), Change("switch", "green", None))
    assert {p.stance for p in count.positions if p.party == "green"} == {"yes"}


def test_count_json_gives_the_abstainers(write_scenario: Callable[..., Path],
                                        run_cli: Callable[..., CliResult]) -> None:
    scenario = write_scenario(
        "chamber: {name: Congreso, rules: es-cd, seats: 350, as_of: 2016-07-19}\n"
        "parties:\n"
        "  - {id: pp, name: PP and allies, seats: 170, side: government}\n"
        "  - {id: left, name: The noes, seats: 111, side: opposition}\n"
        "  - {id: psoe, name: PSOE, seats: 68, side: opposition}\n"
        "motion: {kind: investiture, target: Mariano Rajoy, moved: 2016-10-26, vote: 2016-10-29}\n"
        "stances:\n"
        "  - {date: 2016-10-23, party: psoe, stance: abstain, source: 'https://example.org/psoe'}\n")
    done = run_cli("count", str(scenario), "--json")
    assert done.code == 0, done.err
    data = json.loads(done.out)
    assert (data["abstain"], data["present"], data["committed_no"]) == (68, 349, 111)


RAJOY_SECOND_VOTE = (
    "chamber: {name: Congreso, rules: es-cd, seats: 350, as_of: 2016-07-19}\n"
    "parties:\n"
    "  - {id: pp, name: PP and allies, seats: 170, side: government}\n"
    "  - {id: left, name: The noes, seats: 111, side: opposition}\n"
    "  - {id: psoe, name: PSOE, seats: 68, side: opposition}\n"
    "motion: {kind: investiture, target: Mariano Rajoy, moved: 2016-10-26, vote: 2016-10-29, round: 2}\n"
    "stances:\n"
    "  - {date: 2016-10-23, party: psoe, stance: abstain, source: 'https://example.org/psoe'}\n")


def test_a_stance_chart_draws_the_whip_counts_magic_number_wherever_it_is_drawn(
        write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    """The second vote needs more yes than no (Art. 99(3)): with the PSOE's 68 abstaining, 141 of the 281 votes
    cast if all vote. The command's chart and the report's draw that line, as the dashboard's seat chart does
    (the rules alone cannot give a number on a turnout basis, and the chart had drawn none)."""
    scenario = write_scenario(RAJOY_SECOND_VOTE)
    svg, html = tmp_path / "c.svg", tmp_path / "r.html"
    assert run_cli("chart", str(scenario), "--by", "stance", "-o", str(svg)).code == 0
    assert run_cli("report", str(scenario), "-o", str(html)).code == 0
    for text in (svg.read_text(encoding="utf-8"), html.read_text(encoding="utf-8")):
        assert "141 seats needed" in text


def test_what_if_a_party_abstains(write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult]) -> None:
    """Had the PSOE's 68 voted no at Rajoy's second vote, 170 to 179 would have defeated him; abstaining
    (what they did), 141 of the 281 votes cast were needed and 170 carried it."""
    scenario = write_scenario(RAJOY_SECOND_VOTE.replace("stance: abstain", "stance: no"))
    r = run_cli("what-if", str(scenario), "--abstain", "psoe", "--json")
    assert r.code == 0, r.err
    base, abstaining = json.loads(r.out)["runs"]
    assert (base["needed"], abstaining["label"], abstaining["needed"]) == (175, "psoe abstain", 141)
    assert base["p_pass"] < 0.05 and abstaining["p_pass"] > 0.99


def test_a_forecast_under_japans_quorum_weighs_a_party_that_may_abstain_or_vote_yes(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """The run-off of 11 November 2024 (Art. 56's quorum of a third) with Ishin and the DPP voting for Noda and
    Komeito abstaining or voting for Ishiba: the exact figures, pivots included, agree with Monte Carlo, which
    draws every bloc and counts its abstainers in each draw (it shares no formula with the exact method)."""
    bundled = Path(__file__).parents[1] / "src/whipcount/data/scenarios/jp-hr-2024.yaml"
    scenario = tmp_path / "jp.yaml"
    text = bundled.read_text(encoding="utf-8")
    start = text.index("\nstances:\n")  # the record's runoff stances make way for the what-if's
    text = text[:start] + text[text.index("\nmotions:\n", start):]
    scenario.write_text(text + (
        "stances:\n"
        "  - {date: 2024-11-10, party: ishin, stance: no, source: 'https://example.org/ishin'}\n"
        "  - {date: 2024-11-10, party: dpp, stance: no, source: 'https://example.org/dpp'}\n"
        "  - {date: 2024-11-10, party: komeito, stance: abstain, p_yes: 0.5, source: 'https://example.org/k'}\n"),
        encoding="utf-8")
    runs = {}
    for method in ("exact", "monte-carlo"):
        done = run_cli("forecast", str(scenario), "--method", method, "--seed", "3", "--json")
        assert done.code == 0, done.err
        runs[method] = json.loads(done.out)
    exact, drawn = runs["exact"], runs["monte-carlo"]
    assert 0.1 < exact["p_pass"] < 0.9
    assert abs(exact["p_pass"] - drawn["p_pass"]) <= 5 * drawn["stderr"]
    after = {p["bloc"]: p for p in drawn["pivotal"]}
    assert "komeito" in after
    for p in exact["pivotal"]:
        assert abs(p["p_after"] - after[p["bloc"]]["p_after"]) <= 5 * after[p["bloc"]]["stderr"] + 1e-9, p


@pytest.mark.parametrize("rule", [PassRule("votes-cast", quorum=9), PassRule("present", negative=True),
                                  PassRule("present-and-voting", quorum=8, fraction=Fraction(2, 3)),
                                  PassRule("present"), PassRule("present", fraction=Fraction(3, 5), strict=False)])
def test_blocs_that_may_abstain_vote_yes_or_vote_no(rule: PassRule) -> None:
    """Two blocs whose members may each abstain, vote yes or vote no (built in code: a stance gives one of
    the two), one acting as one at times, and one that abstains or votes no, beside blocs that may be absent:
    exact and Monte Carlo against every member's vote. On the members present an abstainer is present (against
    the motion), whether the bloc is certain to abstain or not."""
    blocs = [Bloc("a", 4, 0.2, 0.5, 0.4, abstains=True), Bloc("b", 3, 0.5, 0.3, abstains=True),
             Bloc("c", 4, 0.9, 0.1, 0.3), Bloc("d", 3, 0.1, 0.2), Bloc("e", 2, 0.0, 0.5, abstains=True)]
    model = ForecastModel(tuple(blocs), rule)
    want, yes = brute_votes.p_pass(blocs, rule), brute_votes.yes_distribution(blocs)
    assert 0.01 < want < 0.99
    p, pmf = p_pass_exact(model)
    assert p == pytest.approx(want, abs=1e-12)
    assert len(pmf) == model.seats + 1  # 'e' never votes yes: the distribution still runs to every seat
    assert pmf == pytest.approx(yes, abs=1e-12)
    drawn = forecast(model, method="monte-carlo", sims=100_000, rng=np.random.default_rng(2), pivotal=False)
    assert abs(drawn.p_pass - want) <= 5 * drawn.stderr


def test_a_group_never_on_leaves_a_party_that_may_abstain_or_vote_yes_exact() -> None:
    """A group that never acts as one (together 0) changes nothing: the exact method counts green as if no
    group were there, as the brute force does."""
    rule = PassRule("votes-cast", quorum=10)
    count = _count(rule, p_yes=0.3)
    model = replace(model_from_count(count, cohesion=COHESION), groups=(Group("g", ("green", "gold"), 0.0),))
    result = forecast(model, pivotal=False)
    assert result.method == "exact"
    assert result.p_pass == pytest.approx(_brute(_blocs_of(count), rule), abs=1e-12)


def test_the_outcomes_of_parties_that_may_abstain_are_counted_as_the_cost_reckons_them() -> None:
    """A party that may vote yes, no or abstain, each with some chance, has every (yes, abstaining) pair with
    yes + abstaining <= n: (n + 1)(n + 2) / 2 of them; one that abstains or votes yes, n + 1."""
    from whipcount.tally.abstainers import outcome_cells, outcomes

    three = Bloc("a", 6, 0.2, 0.5, 0.3, abstains=True)
    two = Bloc("b", 5, 0.4, 0.6, 0.3, abstains=True)
    assert len(outcomes([three]).p) == outcome_cells([three]) == 7 * 8 // 2
    assert len(outcomes([two]).p) == outcome_cells([two]) == 6
    assert len(outcomes([three, two]).p) <= outcome_cells([three, two]) == 12 * 13 // 2
