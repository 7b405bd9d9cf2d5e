"""Each bloc's switch counted at once (leave-one-out products of the units) gives the P(pass) of recounting
the whole chamber with that bloc switched, the old way, for any model where the yes count decides: blocs
of every size and cohesion, certain ones, groups that move together, fixed and turnout rules, ties."""

from __future__ import annotations

from dataclasses import replace

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
