"""The ``abstain`` stance: members present in the chamber who vote neither way, weighed as each rule weighs
an abstention. Checked against a brute force that knows nothing of how the forecast maps the stance: every
outcome of every member as (yes, no, abstain, absent), judged by the pass rule's own four counts."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Callable, Iterable
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from conftest import CliResult
from whipcount.errors import ForecastError
from whipcount.model import Chamber, Party, Stance, replay
from whipcount.tally import PassRule, WhipCount, forecast, model_from_count, p_pass_exact, whip_count
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


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.quorum == 0 or r.abstain_as_no])
def test_abstainers_who_may_vote_yes(name: str) -> None:
    """Where no quorum tells an abstention from an absence or a no, an abstaining party may turn to yes."""
    rule = RULES[name]
    count = _count(rule, p_yes=0.3)
    want = _brute(_blocs_of(count), rule)
    assert p_pass_exact(model_from_count(count, cohesion=COHESION))[0] == pytest.approx(want, abs=1e-12)


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


def test_a_party_that_may_abstain_or_vote_yes_under_a_quorum_on_the_votes_cast_is_refused() -> None:
    count = _count(PassRule("votes-cast", quorum=10), p_yes=0.3)
    with pytest.raises(ForecastError, match=r"'green'.*quorum of 10.*abstain for sure or vote yes for sure"):
        model_from_count(count)


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
