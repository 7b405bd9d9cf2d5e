"""Monte Carlo pivots from one sample (``tally/switchdraws.py``) against independent truths.

Truths: P(pass) with the bloc switched, exactly (``p_pass_exact`` of the switched model) where the model has
no swing, and by Gauss-Hermite quadrature over the shocks of that exact figure where it has one
(``p_pass_quadrature``, itself held to Monte Carlo in ``test_tally_swing``); and the per-bloc
re-simulation (``simulate`` of each switched model), the way pivots were drawn before.

Tolerances come from the number of draws N. A share of N draws has standard deviation sqrt(a (1 - a) / N).
A forecast's P(pass) after a switch is ``base * kept/passed + (1 - base) * gained/failed``, with ``base`` the
headline's share of its own N draws: its error is at most the headline's, sqrt(b (1 - b) / N), times
|kept/passed - gained/failed| <= 1, plus that of the two shares weighted by base and 1 - base, whose
variance is at most 1 / (4N). So its standard deviation is at most (sqrt(b (1 - b)) + 1/2) / sqrt(N),
whatever the correlation of the two samples. The properties run derandomized (a fixed list of examples)
with fixed seeds, at 5 sigma: no test here can fail by chance from one run to the next.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_tally_swing import p_pass_quadrature
from whipcount.errors import ForecastError
from whipcount.rules.chair import CHAIR_KEY
from whipcount.tally import forecast, p_pass_exact, simulate
from whipcount.tally.forecast import _switched, pivots
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.passing import PassRule
from whipcount.tally.switchdraws import switched_draws
from whipcount.tally.switches import switched_p_pass

SIGMAS = 5.0


def _sd_share(a: float, n: int) -> float:
    a = min(max(a, 0.0), 1.0)  # an exact figure may pass 1 by a rounding
    return max(math.sqrt(a * (1.0 - a) / n), 1.0 / n)


def _sd_carried(b: float, n: int) -> float:
    """The bound on a forecast's P(pass) after a switch (module docstring)."""
    return (math.sqrt(b * (1.0 - b)) + 0.5) / math.sqrt(n)


def _switched_model(model: ForecastModel, key: str, new: Bloc) -> ForecastModel:
    return replace(model, blocs=tuple(new if b.key == key else b for b in model.blocs))


def _truth(model: ForecastModel) -> float:
    return p_pass_quadrature(model, nodes=12) if model.swinging else p_pass_exact(model)[0]


def _switches(model: ForecastModel) -> dict[str, Bloc]:
    return {b.key: _switched(b, 0.5)[0] for b in model.blocs if b.seats > 0 and b.key != CHAIR_KEY}


STANCES = ("yes", "lean-yes", "undecided", "lean-no", "no", "absent")


@st.composite
def blocs(draw: st.DrawFn, i: int, party: str) -> Bloc:
    stance = draw(st.sampled_from(STANCES))
    p_yes = draw(st.sampled_from([0.0, 1.0, 0.5]) | st.floats(0.02, 0.98))
    p_absent = draw(st.sampled_from([0.0, 0.0, 0.2]) | st.just(1.0 - p_yes))
    p_absent = min(p_absent, 1.0 - p_yes)
    return Bloc(f"b{i}", draw(st.integers(0, 9)), p_yes, p_absent, draw(st.sampled_from([0.0, 0.4, 1.0])),
                party=party, stance=stance)


RULES = st.sampled_from([
    lambda seats: PassRule("total", count=seats // 2 + 1),
    lambda seats: PassRule("sitting", count=max(seats // 3, 0)),
    lambda seats: PassRule("total", count=max(seats // 3, 1), negative=True),
    lambda seats: PassRule("votes-cast"),
    lambda seats: PassRule("votes-cast", tie_passes=True),
    lambda seats: PassRule("votes-cast", tie_fails=True, quorum=seats // 2),
    lambda seats: PassRule("present-and-voting", fraction=Fraction(2, 3), strict=False),
    lambda seats: PassRule("votes-cast", negative=True, fraction=Fraction(1, 2)),
])


@st.composite
def models(draw: st.DrawFn, swing: bool) -> ForecastModel:
    """Small chambers with every feature the simulator has: absentees, cohesion, a group, the chair out of
    the vote with a casting vote, quorums, ties, negative thresholds, fixed and turnout bases; with
    ``swing``, a chamber swing and a party swing over at most two parties."""
    n = draw(st.integers(1, 6))
    out = [draw(blocs(i, f"p{i % 2}")) for i in range(n)]
    if draw(st.booleans()):
        out.append(Bloc(CHAIR_KEY, 1, 0.0, 1.0, stance="absent", party="p0"))
    seats = sum(b.seats for b in out)
    groups: tuple[Group, ...] = ()
    if n >= 2 and draw(st.booleans()):
        groups = (Group("g", ("b0", "b1"), draw(st.sampled_from([0.3, 1.0]))),)
    sd = (draw(st.sampled_from([0.4, 1.0])), draw(st.sampled_from([0.0, 0.5]))) if swing else (0.0, 0.0)
    return ForecastModel(tuple(out), draw(RULES)(seats), groups, *sd)


SIMS = 20_000


@settings(max_examples=40, deadline=None, derandomize=True)
@given(model=models(swing=False))
def test_switches_from_one_sample_agree_with_the_exact_switched_chamber(model: ForecastModel) -> None:
    switches = _switches(model)
    got = switched_draws(model, switches, sims=SIMS, rng=np.random.default_rng(5))
    assert abs(got.p_pass - _truth(model)) <= SIGMAS * _sd_share(_truth(model), SIMS)
    base = _truth(model)
    for key, new in switches.items():
        truth = _truth(_switched_model(model, key, new))
        assert abs(got.p_after(key) - truth) <= SIGMAS * _sd_share(truth, SIMS), key
        # carried from an exact P(pass) before the switch: only the two shares' error, at most 1 / (2 sqrt N)
        assert abs(got.p_after(key, base) - truth) <= SIGMAS * 0.5 / math.sqrt(SIMS), key


@settings(max_examples=20, deadline=None, derandomize=True)
@given(model=models(swing=True))
def test_switches_from_one_sample_agree_with_quadrature_over_the_swing(model: ForecastModel) -> None:
    switches = _switches(model)
    got = switched_draws(model, switches, sims=SIMS, rng=np.random.default_rng(6))
    for key, new in switches.items():
        truth = _truth(_switched_model(model, key, new))
        assert abs(got.p_after(key) - truth) <= SIGMAS * _sd_share(truth, SIMS) + 1e-4, key  # quadrature: ~1e-5


@settings(max_examples=15, deadline=None, derandomize=True)
@given(model=models(swing=True))
def test_forecast_pivots_agree_with_re_simulating_each_switch(model: ForecastModel) -> None:
    # the old way, one simulation a switched bloc, and the new one, each from N draws of its own seed: they
    # differ by at most the sum of their errors
    fc = forecast(model, method="monte-carlo", sims=SIMS, rng=np.random.default_rng(7))
    rows = pivots(model, fc.p_pass, method="monte-carlo", sims=SIMS, rng=np.random.default_rng(8),
                  limit=None)
    by_key = {p.key: p for p in fc.pivotal}
    for p in rows:
        again = simulate(_switched_model(model, p.key, _switched(model.bloc(p.key), fc.p_pass)[0]),
                         sims=SIMS, rng=np.random.default_rng(9)).p_pass
        tol = SIGMAS * (_sd_carried(p.p_before, SIMS) + _sd_share(again, SIMS))
        assert abs(p.p_after - again) <= tol, p.key
        if p.key in by_key:
            assert abs(by_key[p.key].p_after - again) <= SIGMAS * (_sd_carried(fc.p_pass, SIMS)
                                                                   + _sd_share(again, SIMS)), p.key


def _members(n: int, swing: float) -> ForecastModel:
    rng = np.random.default_rng(2022)
    p = rng.choice([0.75, 0.5, 0.25], size=n)
    stance = {0.75: "lean-yes", 0.5: "undecided", 0.25: "lean-no"}
    blocs = tuple(Bloc(f"m{i}", 1, float(p[i]), stance=stance[float(p[i])]) for i in range(n))
    return ForecastModel(blocs, PassRule("total", count=n // 2 + 1), swing=swing)


def test_without_correlation_the_drawn_pivots_are_the_exact_leave_one_out_ones() -> None:
    # 300 one-member blocs, no swing, drawn by Monte Carlo on request: every pivot's P(pass) after its switch
    # within the bound of the exact leave-one-out figure, and the same blocs listed where the exact change
    # is clear of the listing threshold by more than the error
    model = _members(300, 0.0)
    sims = 40_000
    fc = forecast(model, method="monte-carlo", sims=sims, rng=np.random.default_rng(3))
    exact = forecast(model, method="exact")
    switches = {b.key: _switched(b, exact.p_pass)[0] for b in model.blocs}
    truth = switched_p_pass(model, switches)
    tol = SIGMAS * _sd_carried(exact.p_pass, sims)
    assert abs(fc.p_pass - exact.p_pass) <= SIGMAS * _sd_share(exact.p_pass, sims)
    for p in fc.pivotal:
        assert abs(p.p_after - truth[p.key]) <= tol, p.key
    listed = {p.key for p in fc.pivotal}
    for key, after in truth.items():
        if abs(after - exact.p_pass) > 0.005 + 2 * tol:
            assert key in listed, key


def test_six_hundred_members_with_a_swing_against_quadrature() -> None:
    # the benchmark's chamber: 600 one-member blocs, a swing of 0.5; the truth for every switch by Gauss-
    # Hermite quadrature over the shock of the exact leave-one-out figures
    from test_tally_swing import _nodes, _shifted

    model = _members(600, 0.5)
    sims = 20_000
    switches = {b.key: _switched(b, 0.5)[0] for b in model.blocs}
    base, after = 0.0, dict.fromkeys(switches, 0.0)
    x, w = _nodes(60)
    for z, wz in zip(x, w, strict=True):
        shifted = _shifted(model, z, {})
        base += wz * p_pass_exact(shifted)[0]
        moved = {k: replace(shifted.bloc(k), p_yes=v.p_yes, cohesion=0.0) for k, v in switches.items()}
        for k, v in switched_p_pass(shifted, moved).items():
            after[k] += wz * v
    got = switched_draws(model, switches, sims=sims, rng=np.random.default_rng(1))
    assert abs(got.p_pass - base) <= SIGMAS * _sd_share(base, sims)
    worst = max(abs(got.p_after(k) - after[k]) for k in switches)
    assert worst <= SIGMAS * _sd_share(0.5, sims)
    # and the change each switch makes is the truth's to within a fraction of a point: every draw counted
    # with and without it (a separate sample for each, as before, would be off by about 0.7 points)
    assert max(abs(got.p_after(k) - got.p_pass - (after[k] - base)) for k in switches) < 0.002


def test_the_same_seed_gives_the_same_pivots_on_any_number_of_threads() -> None:
    model = replace(_members(80, 0.5), party_swing=0.3)
    one = forecast(model, sims=6_000, rng=np.random.default_rng(4))
    again = forecast(model, sims=6_000, rng=np.random.default_rng(4))
    two = forecast(model, sims=6_000, rng=np.random.default_rng(4), workers=2)
    assert one.pivotal and one.pivotal == again.pivotal == two.pivotal
    assert all(p.p_before == one.p_pass for p in one.pivotal)


def test_a_switch_that_settles_the_vote_gives_zero_or_one_and_one_that_changes_nothing_the_headline() -> None:
    # 10 certain yes of 21, 11 needed; a member leaning yes and ten certain to vote no: the member switched to
    # no leaves 10 (P = 0); the noes switched to yes make 20 whatever the other does (P = 1); a yes bloc of
    # 0 seats is not switched at all
    model = ForecastModel((Bloc("y", 10, 1.0, stance="yes"), Bloc("u", 1, 0.6, stance="lean-yes"),
                           Bloc("n", 10, 0.0, stance="no"), Bloc("e", 0, 1.0, stance="yes")),
                          PassRule("total", count=11), swing=0.5)
    fc = forecast(model, sims=5_000, rng=np.random.default_rng(2))
    after = {p.key: p.p_after for p in fc.pivotal}
    assert after["u"] == 0.0 and after["n"] == 1.0 and "e" not in after
    drawn = switched_draws(model, _switches(model), sims=5_000, rng=np.random.default_rng(2))
    assert drawn.p_after("y", 0.37) == 0.0  # 10 certain yes away: nothing passes


def test_a_switch_that_moves_no_draw_leaves_the_headline_as_it_is() -> None:
    # 2 yes needed; a bloc of 30 at 0.9 gives at least 2 unless it acts as one against (or all but one of its
    # members vote no, about 1e-27): the member's switch to no changes no draw, so its P(pass) after is the
    # headline's, whatever that is
    model = ForecastModel((Bloc("y", 30, 0.9, cohesion=0.5, stance="lean-yes"), Bloc("z", 1, 0.5)),
                          PassRule("total", count=2), swing=0.5)
    drawn = switched_draws(model, {"z": replace(model.bloc("z"), p_yes=0.0)}, sims=3_000,
                           rng=np.random.default_rng(3))
    assert (drawn.kept["z"], drawn.gained["z"]) == (drawn.passed, 0)
    assert drawn.p_after("z", 0.61) == 0.61


def test_blocks_of_switches_are_read_from_the_same_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    # the switches of a chunk are read a block of blocs at a time to bound memory: a block of one bloc gives
    # the same counts as all at once
    import whipcount.tally.switchdraws as sd

    model = replace(_members(40, 0.5), rule=PassRule("votes-cast"))
    switches = _switches(model)
    whole = switched_draws(model, switches, sims=2_000, rng=np.random.default_rng(1))
    monkeypatch.setattr(sd, "ROW_CELLS", 1)
    split = switched_draws(model, switches, sims=2_000, rng=np.random.default_rng(1))
    assert (whole.passed, whole.kept, whole.gained) == (split.passed, split.kept, split.gained)


def test_a_switched_bloc_must_be_certain() -> None:
    model = _members(5, 0.5)
    with pytest.raises(ForecastError, match=r"switched bloc 'm0': expected its 1 seats voting yes or no as one"):
        switched_draws(model, {"m0": replace(model.bloc("m0"), p_yes=0.5)}, sims=10, rng=np.random.default_rng(1))
    with pytest.raises(ForecastError, match=r"switched bloc 'x': the model has no such bloc"):
        switched_draws(model, {"x": replace(model.bloc("m0"), key="x", p_yes=1.0)}, sims=10,
                       rng=np.random.default_rng(1))
    with pytest.raises(ForecastError, match="number of draws must be positive"):
        switched_draws(model, {}, sims=0, rng=np.random.default_rng(1))
    with pytest.raises(ForecastError, match="workers must be at least 1, got 0"):
        switched_draws(model, {}, sims=10, rng=np.random.default_rng(1), workers=0)


def test_one_draw_is_a_sample_too() -> None:
    # 3 yes needed of 5 certain yes: the one draw passes, and still does with one of them switched to no
    model = ForecastModel(tuple(Bloc(f"m{i}", 1, 1.0, stance="yes") for i in range(5)), PassRule("total", count=3))
    drawn = switched_draws(model, {"m0": replace(model.bloc("m0"), p_yes=0.0)}, sims=1, rng=np.random.default_rng(1))
    assert (drawn.passed, drawn.kept["m0"], drawn.gained["m0"]) == (1, 1, 0)


def test_the_pivots_cost_one_sample_not_one_simulation_a_bloc(monkeypatch: pytest.MonkeyPatch) -> None:
    # 60 one-member blocs with a swing: the pivots draw the chamber once more (sims draws in all), where
    # they used to simulate it once per bloc (60 times sims draws)
    import importlib

    forecast_module = importlib.import_module("whipcount.tally.forecast")
    montecarlo = importlib.import_module("whipcount.tally.montecarlo")
    switchdraws = importlib.import_module("whipcount.tally.switchdraws")
    calls: list[int] = []
    drawn: list[int] = []
    real_simulate, real_draw = forecast_module.simulate, montecarlo.draw

    def counting_simulate(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real_simulate(*args, **kwargs)  # type: ignore[arg-type]

    def counting_draw(plan: object, m: int, rng: np.random.Generator) -> object:
        drawn.append(m)
        return real_draw(plan, m, rng)  # type: ignore[arg-type]

    monkeypatch.setattr(forecast_module, "simulate", counting_simulate)
    monkeypatch.setattr(switchdraws, "draw", counting_draw)
    model = _members(60, 0.5)
    rows = pivots(model, 0.0, method="monte-carlo", sims=3_000, rng=np.random.default_rng(1))
    assert rows  # some bloc is pivotal
    assert len(calls) == 1  # the baseline, given no headline
    assert sum(drawn) == 3_000
    calls.clear()
    drawn.clear()
    forecast(model, sims=3_000, rng=np.random.default_rng(1))
    assert not calls and sum(drawn) == 3_000  # the headline's own sample is drawn by monte_carlo_forecast


@pytest.mark.parametrize("swing", [0.0, 0.6])
def test_a_switch_s_stated_error_is_its_spread_from_seed_to_seed(swing: float) -> None:
    # the truth of a standard error is the spread of the estimate over independent samples: 300 seeds of
    # 2,000 draws each, P(pass) before taken as known (exact, or by quadrature over the shock), and the
    # spread of each switch's "after" against the mean of its stated errors (5 sigma for a spread from 300
    # samples is about 20 %)
    model = _members(30, swing)
    base = _truth(model)
    switches = {b.key: _switched(b, base)[0] for b in model.blocs}
    runs = [switched_draws(model, switches, sims=2_000, rng=np.random.default_rng(seed)) for seed in range(300)]
    checked = 0
    for key in switches:
        after = np.array([r.p_after(key, base) for r in runs])
        stated = np.array([r.stderr(key, base) for r in runs])
        if after.std() < 1e-3:  # a switch that changes almost no draw: nothing to measure
            continue
        checked += 1
        assert 0.78 <= stated.mean() / after.std(ddof=1) <= 1.28, key
    assert checked >= 10


def test_exact_pivots_have_no_error_and_drawn_ones_say_theirs() -> None:
    model = _members(60, 0.0)
    exact = forecast(model, method="exact")
    assert exact.pivotal and all(p.stderr == 0.0 for p in exact.pivotal)
    drawn = forecast(model, method="monte-carlo", sims=4_000, rng=np.random.default_rng(4))
    bound = _sd_carried(drawn.p_pass, 4_000)  # the module docstring's bound, the headline's error included
    assert drawn.pivotal and all(0.0 < p.stderr <= bound for p in drawn.pivotal)
    assert [row["stderr"] for row in drawn.as_dict()["pivotal"]] == [p.stderr for p in drawn.pivotal]


def test_the_table_shows_each_drawn_row_s_error_in_points(run_cli) -> None:  # type: ignore[no-untyped-def]
    args = ("forecast", "pk-na-2022", "--on", "2022-04-08", "--swing", "0.3", "--seed", "1", "--sims", "20000")
    rows = json.loads(run_cli(*args, "--json").out)["pivotal"]
    table = run_cli(*args).out
    shown = [r for r in rows if 0.0005 <= r["stderr"]]
    assert shown  # MMA's switch keeps some passing draws: an error to show
    for row in shown:
        line = next(x for x in table.splitlines() if f" {row['label']} " in x)
        assert f"± {100 * row['stderr']:.1f} pt" in line, line
    for row in rows:
        if row["stderr"] == 0.0:
            line = next(x for x in table.splitlines() if f" {row['label']} " in x)
            assert "±" not in line, line


def test_a_pivot_s_sentence_gives_the_error_only_when_drawn() -> None:
    from whipcount.tally.model import Pivot

    exact = Pivot("mqm", "MQM-P", 7, "yes", "votes no", 0.93, 0.41)
    drawn = replace(exact, p_after=0.877, stderr=0.0012)
    assert exact.sentence() == "if MQM-P votes no, P(pass) goes from 93.0% to 41.0%"
    assert drawn.sentence() == "if MQM-P votes no, P(pass) goes from 93.0% to 87.7% (± 0.1 pt)"


@pytest.mark.parametrize(("before", "after", "words"), [
    (0.808, 2e-7, "from 80.8% to < 0.1%"),  # small but not zero: never "0.000" nor "0.0%"
    (0.645, 0.0, "from 64.5% to 0%"),  # exactly zero
    (0.4994, 0.9996, "from 49.9% to > 99.9%"),
    (0.0, 1.0, "from 0% to 100%"),
])
def test_a_pivot_s_sentence_writes_its_probabilities_as_percentages(before: float, after: float, words: str) -> None:
    from whipcount.tally.model import Pivot

    assert words in Pivot("x", "X", 1, "yes", "votes no", before, after).sentence()
