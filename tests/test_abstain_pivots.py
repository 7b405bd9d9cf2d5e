"""Pivotal blocs among abstainers: a switched abstaining bloc votes, so it no longer counts toward a quorum
as abstaining, and a bloc that abstains on neither side is asked to vote against the likelier outcome.
Checked against a brute force over every member's (yes, no, abstain, absent), and against the record of
Rajoy's investiture of 29 October 2016."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from brute_votes import p_pass
from whipcount.model import Chamber, Party, Stance, replay
from whipcount.tally import Bloc, ForecastModel, PassRule, forecast, model_from_count, p_pass_exact, whip_count
from whipcount.tally.switchdraws import switched_draws
from whipcount.tally.switches_joint import switched_p_pass_joint

D = dt.date
def _model(rule: PassRule) -> ForecastModel:
    """Yes 4 (one lost in fifty), lean-yes 2 (cohesion 0.5), no 5 who may stay away, 3 certain to abstain."""
    blocs = (Bloc("blue", 4, 0.9, 0.1), Bloc("gold", 2, 0.75, 0.0, 0.5), Bloc("red", 5, 0.0, 0.2),
             Bloc("green", 3, 0.0, 1.0, abstains=True))
    return ForecastModel(blocs, rule)


RULES = {
    "votes cast, quorum 12": PassRule("votes-cast", quorum=12),
    "votes cast, quorum 10": PassRule("votes-cast", quorum=10),
    "present and voting, quorum 11": PassRule("present-and-voting", quorum=11),
    "rejected by a majority of the votes cast, quorum 9": PassRule("votes-cast", negative=True, quorum=9),
}


@pytest.mark.parametrize("name", list(RULES))
@pytest.mark.parametrize("vote", [0.0, 1.0])
def test_a_switched_abstaining_bloc_is_not_counted_present_twice(name: str, vote: float) -> None:
    rule = RULES[name]
    model = _model(rule)
    switched = {b.key: replace(b, p_yes=vote, p_absent=0.0, cohesion=0.0) for b in model.blocs}
    want = {k: p_pass([new if b.key == k else b for b in model.blocs], rule) for k, new in switched.items()}
    got = switched_p_pass_joint(model, switched)
    for k in switched:
        assert got[k] == pytest.approx(want[k], abs=1e-9), k
    drawn = switched_draws(model, switched, sims=40_000, rng=np.random.default_rng(11))
    for k in switched:
        assert abs(drawn.p_after(k) - want[k]) <= 5 * max(drawn.stderr(k), 1e-3), k


def _belgium(abstainers: int, away: int) -> ForecastModel:
    """Belgium's Chamber on a question of confidence: a majority of the votes cast, with a majority of its
    150 members present (Art. 53 of the Constitution: 76). 40 for, 30 against, the rest abstaining or away."""
    chamber = Chamber("Chamber", 150, "be-ch", D(2020, 1, 1))
    parties = (Party("gov", "Government", 40, "government"), Party("opp", "Opposition", 30, "opposition"),
               Party("abs", "Abstainers", abstainers, "other"), Party("away", "Away", away, "other"))
    stances = (Stance(D(2020, 1, 20), "abstain", party="abs"), Stance(D(2020, 1, 20), "absent", party="away"))
    count = whip_count(replay(chamber, parties, (), on=D(2020, 2, 3)), stances, kind="confidence",
                       rule=PassRule("votes-cast", quorum=76))
    return model_from_count(count, probabilities={"yes": 1.0, "no": 0.0})


@pytest.mark.parametrize("method", ["exact", "monte-carlo"])
def test_abstainers_voting_yes_bring_nobody_more_into_the_chamber(method: str) -> None:
    """40 + 30 + 4 abstaining is 74 present, two short of 76: the 4 voting yes instead still leave 74, so the
    motion cannot pass (it was shown as 0% -> 95%); the 76 away turning up to vote yes carry it."""
    fc = forecast(_belgium(4, 76), method=method, sims=20_000, rng=np.random.default_rng(5))
    assert fc.p_pass == 0.0
    after = {p.key: p.p_after for p in fc.pivotal}
    assert "abs" not in after
    assert after["away"] == pytest.approx(1.0, abs=1e-12)


def test_the_abstainers_who_made_a_vote_pass_are_pivotal_voting_no() -> None:
    """Rajoy's investiture, 29 October 2016 (laSexta, https://lasexta.com/noticias/nacional/mariano-rajoy-
    convierte-presidente-gobierno-abstencion-psoe-apoyo-ciudadanos_201610295814e87a0cf2d6cc9cc361f7.html):
    170 yes, 111 no, 68 PSOE abstentions, passed on a simple majority (Art. 99(3): more yes than no). Had the
    68 voted no, 179 against 170 would have defeated it: the forecast asks them that, not to vote yes."""
    chamber = Chamber("Congreso", 350, "es-cd", D(2016, 7, 19))
    parties = (Party("pp-cs", "PP and allies", 170, "government"), Party("left", "No", 111, "opposition"),
               Party("psoe", "PSOE", 68, "opposition"))
    stances = (Stance(D(2016, 10, 23), "abstain", party="psoe"),)
    count = whip_count(replay(chamber, parties, (), on=D(2016, 10, 29)), stances, kind="investiture",
                       rule=PassRule("votes-cast"))
    fc = forecast(model_from_count(count, probabilities={"yes": 1.0, "no": 0.0}), method="exact")
    assert fc.p_pass == 1.0
    psoe = {p.key: p for p in fc.pivotal}["psoe"]
    assert psoe.change == "votes no" and psoe.p_after == pytest.approx(0.0, abs=1e-12)


def test_where_an_abstention_counts_against_the_abstainers_are_asked_to_vote_yes() -> None:
    """On a basis of the members present an abstention is a no: the abstainers lean against, as the noes do."""
    model = _model(PassRule("present"))
    green = replace(model.bloc("green"), p_absent=0.0)  # as model_from_count gives them on that basis
    model = replace(model, blocs=(*model.blocs[:3], green))
    fc = forecast(model, method="exact")
    changes = {p.key: p.change for p in fc.pivotal}
    assert changes.get("green", "votes yes") == "votes yes"


def _negative_present_count(rule: PassRule) -> object:
    """Red 5 (government), blue 4 and gold 2 (opposition), green 3 abstaining, on a motion the government
    moves: red for, blue and gold against."""
    chamber = Chamber("Test Assembly", 14, "pk-na", D(2020, 1, 1))
    parties = (Party("red", "Red Party", 5, "government"), Party("blue", "Blue Party", 4, "opposition"),
               Party("green", "Green Party", 3, "other"), Party("gold", "Gold Party", 2, "opposition"))
    stances = (Stance(D(2020, 2, 1), "abstain", party="green"), Stance(D(2020, 2, 1), "lean-no", party="gold"))
    return whip_count(replay(chamber, parties, (), on=D(2020, 3, 1)), stances, kind="confidence", rule=rule)


@pytest.mark.parametrize("quorum", [0, 12])
def test_where_the_noes_of_the_members_present_reject_an_abstention_is_no_no(quorum: int) -> None:
    """Rejected by a majority of the members present: an abstention adds to the members present, not to the
    noes. Red's 5 for, blue's 4 and gold's 2 against, green's 3 abstaining: 6 noes of 14 present reject
    nothing, where 9 noes of 14 would. The forecast agrees with the brute force over every member."""
    rule = PassRule("present", negative=True, quorum=quorum)
    count = _negative_present_count(rule)
    assert (count.voting, count.needed) == (14, 8)  # more than half of the 14 present
    model = model_from_count(count, cohesion=0.5)
    want = p_pass(list(model.blocs), rule)  # green: abstaining for sure, present, on neither side
    assert p_pass_exact(model)[0] == pytest.approx(want, abs=1e-12)
    certain = model_from_count(count, probabilities={"yes": 1.0, "lean-no": 0.0, "no": 0.0})
    assert p_pass_exact(certain)[0] == 1.0


def test_a_party_away_from_a_vote_on_the_votes_cast_is_asked_to_come_in_against_the_likelier_outcome() -> None:
    """Red's 10 vote yes and blue's 8 no, green's 5 stay away: 10 to 8 of the votes cast carries the motion. Green
    coming in to vote yes changes nothing; coming in to vote no, 10 to 13, defeats it: the pivot to show."""
    chamber = Chamber("Test Assembly", 23, "pk-na", D(2020, 1, 1))
    parties = (Party("red", "Red", 10, "government"), Party("blue", "Blue", 8, "opposition"),
               Party("green", "Green", 5, "other"))
    state = replay(chamber, parties, (), on=D(2020, 3, 1))
    stances = (Stance(D(2020, 2, 1), "yes", party="red"), Stance(D(2020, 2, 1), "no", party="blue"),
               Stance(D(2020, 2, 1), "absent", party="green"))
    count = whip_count(state, stances, kind="confidence", rule=PassRule("votes-cast"))
    model = model_from_count(count, probabilities={"yes": 1.0, "no": 0.0})
    result = forecast(model, method="exact")
    assert result.p_pass == 1.0
    green = [p for p in result.pivotal if p.key == "green"]
    assert [p.change for p in green] == ["votes no"] and green[0].p_after == pytest.approx(0.0, abs=1e-12)
