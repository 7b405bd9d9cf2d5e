"""Exact switches where absentees matter (``tally/switches_joint.py``) against recounting the chamber.

Truth: ``p_pass_exact`` of the chamber with the one bloc switched, the way every switch was counted before
(itself held to brute-force enumeration of every member's vote in ``test_tally_exact``). Random chambers
carry every feature of the exact method: blocs certain to stay away, blocs that may stay away, cohesion,
groups acting as one, the chair, quorums, ties and negative thresholds on votes-cast bases.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.tally import forecast, p_pass_exact
from whipcount.tally.forecast import _switched, choose_method
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.passing import PassRule
from whipcount.tally.switches_joint import switched_p_pass_joint

RULES = st.sampled_from([
    lambda seats: PassRule("votes-cast"),
    lambda seats: PassRule("votes-cast", tie_passes=True),
    lambda seats: PassRule("votes-cast", tie_fails=True, quorum=seats // 2),
    lambda seats: PassRule("votes-cast", negative=True),
    lambda seats: PassRule("present-and-voting", fraction=Fraction(2, 3), strict=False),
])


@st.composite
def blocs(draw: st.DrawFn, i: int) -> Bloc:
    p_yes = draw(st.sampled_from([0.0, 1.0, 0.5]) | st.floats(0.02, 0.98))
    p_absent = min(draw(st.sampled_from([0.0, 0.3, 1.0 - p_yes]) | st.floats(0.0, 1.0 - p_yes)), 1.0 - p_yes)
    return Bloc(f"b{i}", draw(st.integers(0, 9)), p_yes, p_absent, draw(st.sampled_from([0.0, 0.4, 1.0])),
                stance="undecided")


@st.composite
def models(draw: st.DrawFn) -> ForecastModel:
    n = draw(st.integers(1, 9))
    out = [draw(blocs(i)) for i in range(n)]
    groups: tuple[Group, ...] = ()
    if n >= 3 and draw(st.booleans()):
        groups = (Group("g", ("b0", "b1", "b2"), draw(st.sampled_from([0.3, 1.0]))),)
    seats = sum(b.seats for b in out)
    return ForecastModel(tuple(out), draw(RULES)(seats), groups)


def _recount(model: ForecastModel, key: str, new: Bloc) -> float:
    return p_pass_exact(replace(model, blocs=tuple(new if b.key == key else b for b in model.blocs)))[0]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(model=models(), lean=st.sampled_from([0.3, 0.5, 0.7]))
def test_every_switch_is_the_recounted_chamber(model: ForecastModel, lean: float) -> None:
    switches = {b.key: _switched(b, lean)[0] for b in model.blocs if b.seats > 0}
    got = switched_p_pass_joint(model, switches)
    assert set(got) == set(switches)
    for key, new in switches.items():
        assert got[key] == pytest.approx(_recount(model, key, new), abs=1e-12), key


@pytest.mark.parametrize("room", [1, 3 * 16 * 31 * 16])  # two grids kept at most, then three
def test_within_a_small_memory_the_halves_are_multiplied_out_again(monkeypatch: pytest.MonkeyPatch,
                                                                   room: int) -> None:
    # 30 one-member blocs on a 31 x 16 half grid: with room for a few grids only, the products of short
    # halves are not kept but built again when the walk needs them, with the same answers
    import whipcount.tally.switches_joint as joint

    rng = np.random.default_rng(11)
    model = ForecastModel(tuple(Bloc(f"m{i}", 1, float(rng.uniform(0.2, 0.8)), float(rng.uniform(0.0, 0.2)),
                                     stance="undecided") for i in range(30)), PassRule("votes-cast"))
    switches = {b.key: _switched(b, 0.5)[0] for b in model.blocs}
    monkeypatch.setattr(joint, "TREE_BYTES", room)
    got = switched_p_pass_joint(model, switches)
    for key, new in switches.items():
        assert got[key] == pytest.approx(_recount(model, key, new), abs=1e-12), key


def test_a_votes_cast_chamber_of_sixty_parties_lists_its_pivots_exactly() -> None:
    # sixty blocs of five that may each stay away, a majority of the votes cast: counting every switch by
    # recounting the chamber was estimated beyond the exact method's bound, so auto drew by Monte Carlo
    rng = np.random.default_rng(5)
    model = ForecastModel(tuple(Bloc(f"p{i}", 5, float(rng.uniform(0.3, 0.7)), float(rng.uniform(0.02, 0.1)),
                                     0.5, stance="undecided") for i in range(60)), PassRule("votes-cast"))
    assert choose_method(model, "auto", pivotal=True) == ("exact", "")
    fc = forecast(model)
    assert fc.method == "exact" and fc.pivotal
    for p in fc.pivotal:
        assert p.p_after == pytest.approx(_recount(model, p.key, _switched(model.bloc(p.key), fc.p_pass)[0]),
                                          abs=1e-12)


def test_switches_whose_walk_would_outgrow_the_memory_bound_are_drawn() -> None:
    # eleven parties of 170 that may stay away: the headline's table (1,871 x 1,871 cells) is within the
    # exact method's bound, but the walk over the switches would hold a dozen half grids of 28 MB each
    from whipcount.tally.cost import BYTES_PER_CELL, EXACT_MAX_CELLS, exact_cost, switches_cost

    model = ForecastModel(tuple(Bloc(f"p{i}", 170, 0.5, 0.05, stance="undecided") for i in range(11)),
                          PassRule("votes-cast"))
    cost = exact_cost(model)
    assert cost.cells <= EXACT_MAX_CELLS
    walk = switches_cost(model, cost).walk_bytes
    half_grid = 16 * 1871 * (1870 // 2 + 1)
    assert walk >= 12 * half_grid > EXACT_MAX_CELLS * BYTES_PER_CELL
    how, why = choose_method(model, "auto", pivotal=True)
    assert how == "monte-carlo" and "MB for the switches" in why
    assert choose_method(model, "auto", pivotal=False) == ("exact", "")


def test_exact_switches_of_a_swinging_chamber_are_refused_not_counted_without_the_swing() -> None:
    from whipcount.errors import ForecastError
    from whipcount.tally.forecast import pivots

    model = ForecastModel((Bloc("a", 3, 0.5, 0.1, stance="undecided"), Bloc("b", 2, 0.6, 0.0, stance="lean-yes")),
                          PassRule("votes-cast"), swing=0.5)
    with pytest.raises(ForecastError, match="swing"):
        pivots(model, 0.5, method="exact")
    with pytest.raises(ForecastError, match="swing"):
        pivots(replace(model, rule=PassRule("total", count=3)), 0.5, method="exact")
