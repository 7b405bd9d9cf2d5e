"""An exact forecast of an outcome that is certain says so exactly: P(pass) is 1 when no outcome the model
can give fails, and 0 when none passes. It had said 0.9999999999999816 for a motion whose certain yes votes
alone cleared the bar (the cells' rounding summed), and 1.9e-16 for one that could not pass (the Fourier
transform's rounding left in outcomes that cannot happen).

The truth is brute-force enumeration of every member's vote (tests/test_tally_model.py), which shares no
formula with the code: an outcome is possible when enumeration gives it a positive probability. The
probabilities are drawn from a grid, so that no product of them underflows (enumeration would call a
possible outcome impossible), and no bloc or group is certain to act as one: the outcomes it can give are
then no longer all those between the least and the most of each (docs/forecast.md, *Exact*).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_tally_model import _combine, _group_outcomes, bloc_outcomes, rules_
from whipcount.tally import p_pass_exact
from whipcount.tally.exact import ranges
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.passing import PassRule

GRID = (0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0)
TIES = st.sampled_from((0.0, 0.3, 0.7))  # cohesion and together: never 1


@st.composite
def grid_blocs(draw: st.DrawFn) -> list[Bloc]:
    out = []
    for i in range(draw(st.integers(1, 4))):
        p_yes = draw(st.sampled_from(GRID))
        p_absent = draw(st.sampled_from([p for p in GRID if p_yes + p <= 1.0]))
        out.append(Bloc(f"b{i}", draw(st.integers(0, 3)), p_yes, p_absent, draw(TIES)))
    return out


def possible(blocs: Sequence[Bloc], groups: Sequence[Group] = ()) -> set[tuple[int, int]]:
    """Every (yes, absent) outcome enumeration gives a positive probability."""
    grouped = {k for g in groups for k in g.blocs}
    parts = [bloc_outcomes(b) for b in blocs if b.key not in grouped]
    parts += [_group_outcomes([b for b in blocs if b.key in g.blocs], g.together) for g in groups]
    return {k for k, p in _combine(parts).items() if p > 0}


def _check(blocs: list[Bloc], rule: PassRule, groups: tuple[Group, ...] = ()) -> None:
    model = ForecastModel(tuple(blocs), rule, groups)
    total = model.seats
    outcomes = possible(blocs, groups)
    passes = {bool(rule.passes(y, total - y - a)) for y, a in outcomes}
    p, _ = p_pass_exact(model)
    if passes == {True}:
        assert p == 1.0
    elif passes == {False}:
        assert p == 0.0
    # the ranges are the least and the most of each that some possible outcome holds (absences counted where
    # they matter, else as noes): no wider, so that no impossible outcome keeps the transform's rounding
    (ylo, yhi), (alo, ahi), (nlo, nhi) = ranges(model)
    ys = [y for y, _ in outcomes]
    assert (ylo, yhi) == (min(ys), max(ys))
    if model.needs_absent:
        absent = [a for _, a in outcomes]
        noes = [total - y - a for y, a in outcomes]
        assert (alo, ahi) == (min(absent), max(absent))
    else:
        noes = [total - y for y in ys]
    assert (nlo, nhi) == (min(noes), max(noes))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_certain_outcomes_are_exactly_certain(data: st.DataObject) -> None:
    blocs = data.draw(grid_blocs())
    _check(blocs, data.draw(rules_(sum(b.seats for b in blocs))))


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_certain_outcomes_are_exactly_certain_with_groups(data: st.DataObject) -> None:
    blocs = data.draw(grid_blocs())
    keys = [b.key for b in blocs]
    grouped = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
    _check(blocs, data.draw(rules_(sum(b.seats for b in blocs))), (Group("g", tuple(grouped), data.draw(TIES)),))


def test_a_certain_pass_in_the_national_assembly_is_one() -> None:
    """342 seats, 172 needed: 180 certain yes votes; 150 members leaning no and 12 undecided cannot undo it."""
    blocs = (Bloc("opp", 180, 1.0), Bloc("gov", 150, 0.25), Bloc("oth", 12, 0.5))
    p, pmf = p_pass_exact(ForecastModel(blocs, PassRule("total", count=172)))
    assert p == 1.0
    assert pmf[:180].sum() == 0.0


@pytest.mark.parametrize("cohesion", [0.0, 0.5])
def test_a_certain_failure_on_the_votes_cast_is_zero(cohesion: float) -> None:
    """3 certain yes against 10 certain no, and 2 members who vote yes or stay away: at most 5 yes against
    10 no, a majority of the votes cast never reached."""
    blocs = (Bloc("y", 3, 1.0), Bloc("n", 10, 0.0), Bloc("maybe", 2, 0.5, p_absent=0.5, cohesion=cohesion))
    p, _ = p_pass_exact(ForecastModel(blocs, PassRule("votes-cast", fraction=Fraction(1, 2), strict=True)))
    assert p == 0.0
