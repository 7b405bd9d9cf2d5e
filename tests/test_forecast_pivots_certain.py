"""A pivot's P(pass) after a switch that makes the outcome certain is exactly 1 (or 0), as the exact headline's
is, not the rounding of the transform it is read through (0.9999999999999933, printed "> 99.9 %")."""

from __future__ import annotations

import pytest

from whipcount.tally import Bloc, ForecastModel, PassRule, forecast


def _chamber() -> ForecastModel:
    """Gov's 20 vote yes with 0.01 each (acting as one half the time), Opp's 18 vote yes with 0.98 and are
    otherwise away (never no), Small's 3 are away: a majority of the votes cast."""
    return ForecastModel((Bloc("gov", 20, 0.01, 0.0, 0.5), Bloc("opp", 18, 0.98, 0.02),
                          Bloc("small", 3, 0.0, 1.0, stance="absent")), PassRule("votes-cast"))


def test_a_switch_that_leaves_no_vote_against_carries_it_for_certain() -> None:
    """Gov's 20 switched to yes: nobody is left who can vote no (Opp's members vote yes or stay away), so every
    outcome passes."""
    after = {p.key: p for p in forecast(_chamber(), method="exact").pivotal}
    assert after["gov"].p_after == 1.0
    assert after["gov"].delta == 1.0 - after["gov"].p_before


def test_a_switch_that_leaves_a_chance_keeps_it() -> None:
    """Opp's 18 switched to no: it passes only when all 20 of Gov vote yes (20 to 18), with 0.5 * 0.01 as one
    plus 0.5 * 0.01 ** 20 one by one; a chance that small is kept, not cleared to 0."""
    after = {p.key: p for p in forecast(_chamber(), method="exact").pivotal}
    assert after["opp"].p_after == pytest.approx(0.5 * 0.01 + 0.5 * 0.01**20, rel=1e-9)


def test_a_certain_switch_under_a_quorum_with_abstainers() -> None:
    """Blue's 3 vote yes, Red's 2 no, Green's 2 abstain, 2 more are away; a majority of the 9 present, a quorum
    of 6. The 2 away coming in to vote yes make it 5 of 9: certain; Red's 2 voting yes, 5 of 7: certain."""
    model = ForecastModel((Bloc("blue", 3, 1.0), Bloc("red", 2, 0.0),
                           Bloc("green", 2, 0.0, 1.0, abstains=True, stance="abstain"),
                           Bloc("away", 2, 0.0, 1.0, stance="absent")), PassRule("present", quorum=6))
    result = forecast(model, method="exact")
    assert result.p_pass == 0.0  # 3 of 7 present
    assert {p.key: p.p_after for p in result.pivotal} == {"away": 1.0, "green": 1.0, "red": 1.0}
