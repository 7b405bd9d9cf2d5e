"""Each bloc's switch counted at once (leave-one-out products of the units) gives the P(pass) of recounting
the whole chamber with that bloc switched, the old way, for any model where the yes count decides: blocs
of every size and cohesion, certain ones, groups that move together, fixed and turnout rules, ties."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.rules.decide import PassRule
from whipcount.tally.exact import p_pass_exact
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.switches import one_dimensional, switched_p_pass

probability = st.sampled_from([0.0, 1.0, 0.5]) | st.floats(0.01, 0.99)


@st.composite
def models(draw: st.DrawFn) -> ForecastModel:
    n = draw(st.integers(1, 14))
    blocs = tuple(Bloc(f"b{i}", draw(st.integers(0, 30)), draw(probability),
                       cohesion=draw(st.sampled_from([0.0, 0.0, 0.4, 1.0]))) for i in range(n))
    seats = sum(b.seats for b in blocs)
    rule = draw(st.sampled_from([PassRule("total", count=draw(st.integers(0, seats + 1))),
                                 PassRule("votes-cast"), PassRule("votes-cast", tie_passes=True)]))
    groups: tuple[Group, ...] = ()
    if n >= 3 and draw(st.booleans()):
        groups = (Group("g", tuple(b.key for b in blocs[:3]), draw(st.floats(0.0, 1.0))),)
    return ForecastModel(blocs, rule, groups)


def _recounted(model: ForecastModel, key: str, new: Bloc) -> float:
    blocs = tuple(new if b.key == key else b for b in model.blocs)
    return p_pass_exact(replace(model, blocs=blocs))[0]


@settings(max_examples=150, deadline=None)
@given(model=models(), data=st.data())
def test_switching_each_bloc_at_once_equals_recounting_the_chamber(model: ForecastModel, data: st.DataObject) -> None:
    assert one_dimensional(model)
    switches = {b.key: replace(b, p_yes=data.draw(st.sampled_from([0.0, 1.0])), cohesion=0.0)
                for b in model.blocs if b.seats > 0}
    got = switched_p_pass(model, switches)
    assert set(got) == set(switches)
    for key, new in switches.items():
        assert abs(got[key] - _recounted(model, key, new)) < 1e-9, key


def test_six_hundred_one_member_blocs_match_a_sample_of_recounts() -> None:
    blocs = tuple(Bloc(f"m{i}", 1, (i % 7) / 7 + 0.05) for i in range(600))
    model = ForecastModel(blocs, PassRule("total", count=301))
    switches = {b.key: replace(b, p_yes=1.0 - round(b.p_yes)) for b in blocs}
    got = switched_p_pass(model, switches)
    for key in ("m0", "m3", "m299", "m599"):
        assert abs(got[key] - _recounted(model, key, switches[key])) < 1e-9


def test_a_long_convolution_through_the_transform_is_the_direct_sum() -> None:
    from whipcount.tally.switches import DIRECT_MAX, _convolve

    rng = np.random.default_rng(3)
    for n, m in ((DIRECT_MAX, DIRECT_MAX), (300, 97), (1000, 1000)):
        a, b = rng.random(n), rng.random(m)
        a, b = a / a.sum(), b / b.sum()
        got = _convolve(a, b)
        assert got.shape == (n + m - 1,)
        assert np.allclose(got, np.convolve(a, b), rtol=0, atol=1e-15)


def test_pivots_where_absentees_matter_are_recounted_and_match() -> None:
    """A rule on the votes cast with members who may stay away needs the (yes, absent) table: the pivots of
    such a model are each recounted, and equal p_pass_exact with the bloc switched."""
    from whipcount.tally.forecast import pivots

    blocs = (Bloc("a", 40, 0.7, p_absent=0.2), Bloc("b", 35, 0.3, p_absent=0.1), Bloc("c", 25, 0.5),
             Bloc("d", 3, 0.4, p_absent=0.5))
    model = ForecastModel(blocs, PassRule("votes-cast"))
    assert model.needs_absent and not one_dimensional(model)
    base = p_pass_exact(model)[0]
    found = {p.key: p.p_after for p in pivots(model, base, method="exact")}
    assert found
    for key, after in found.items():
        b = model.bloc(key)
        new = replace(b, p_yes=0.0 if b.p_yes > 0.5 or (b.p_yes == 0.5 and base >= 0.5) else 1.0,
                      p_absent=0.0, cohesion=0.0)
        assert abs(after - _recounted(model, key, new)) < 1e-12, key
