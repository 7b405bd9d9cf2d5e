"""The forecast models: exact results against brute-force enumeration, Monte Carlo against both.

The brute force enumerates every member's vote (and, for groups, the intervals of the shared draw); it
shares no formula with the code under test.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import ForecastError
from whipcount.tally import exact_forecast, forecast, p_pass_exact, simulate
from whipcount.tally.exact import binomial_pmf
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.montecarlo import MonteCarloResult
from whipcount.tally.passing import PassRule

OUTCOMES = ("yes", "no", "absent")


def _probs(b: Bloc) -> dict[str, float]:
    return {"yes": b.p_yes, "no": max(0.0, 1.0 - b.p_yes - b.p_absent), "absent": b.p_absent}


def bloc_outcomes(b: Bloc, forced: str | None = None) -> dict[tuple[int, int], float]:
    """P(yes = y, absent = a) for one bloc by enumeration; ``forced``: the bloc acts as one this way."""
    if forced is not None:
        return {(b.seats if forced == "yes" else 0, b.seats if forced == "absent" else 0): 1.0}
    pr = _probs(b)
    out: dict[tuple[int, int], float] = {}
    # acting as one
    for o in OUTCOMES:
        key = (b.seats if o == "yes" else 0, b.seats if o == "absent" else 0)
        out[key] = out.get(key, 0.0) + b.cohesion * pr[o]
    # each member alone: every combination of member votes
    for votes in itertools.product(OUTCOMES, repeat=b.seats):
        p = 1.0 - b.cohesion
        for v in votes:
            p *= pr[v]
        key = (votes.count("yes"), votes.count("absent"))
        out[key] = out.get(key, 0.0) + p
    return out


def _combine(parts: Sequence[dict[tuple[int, int], float]]) -> dict[tuple[int, int], float]:
    acc: dict[tuple[int, int], float] = {(0, 0): 1.0}
    for part in parts:
        nxt: dict[tuple[int, int], float] = {}
        for (y1, a1), p1 in acc.items():
            for (y2, a2), p2 in part.items():
                k = (y1 + y2, a1 + a2)
                nxt[k] = nxt.get(k, 0.0) + p1 * p2
        acc = nxt
    return acc


def _group_outcomes(blocs: Sequence[Bloc], together: float) -> dict[tuple[int, int], float]:
    """The joint outcome of blocs tied by a group: with ``together`` one uniform U decides every bloc."""
    apart = _combine([bloc_outcomes(b) for b in blocs])
    cuts = sorted({0.0, 1.0} | {b.p_yes for b in blocs} | {b.p_yes + _probs(b)["no"] for b in blocs})
    joint: dict[tuple[int, int], float] = {k: (1.0 - together) * v for k, v in apart.items()}
    for lo, hi in itertools.pairwise(cuts):
        if hi - lo <= 0:
            continue
        u = (lo + hi) / 2
        forced = []
        for b in blocs:
            pr = _probs(b)
            o = "yes" if u < pr["yes"] else ("no" if u < pr["yes"] + pr["no"] else "absent")
            forced.append(bloc_outcomes(b, o))
        for k, v in _combine(forced).items():
            joint[k] = joint.get(k, 0.0) + together * (hi - lo) * v
    return joint


def brute_p_pass(blocs: Sequence[Bloc], rule: PassRule, groups: Sequence[Group] = ()) -> tuple[float, list[float]]:
    """P(pass) and P(yes = k) by enumeration."""
    grouped = {k for g in groups for k in g.blocs}
    parts = [bloc_outcomes(b) for b in blocs if b.key not in grouped]
    for g in groups:
        parts.append(_group_outcomes([b for b in blocs if b.key in g.blocs], g.together))
    joint = _combine(parts)
    total = sum(b.seats for b in blocs)
    p_pass = 0.0
    pmf = [0.0] * (total + 1)
    for (y, a), p in joint.items():
        pmf[y] += p
        if bool(rule.passes(y, total - y - a)):
            p_pass += p
    return p_pass, pmf


# -- strategies -------------------------------------------------------------------------------------------

PROBS = st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0]) | st.floats(0.0, 1.0)


@st.composite
def blocs_(draw: st.DrawFn, max_blocs: int = 4, max_seats: int = 3, absent: bool = True) -> list[Bloc]:
    out = []
    for i in range(draw(st.integers(1, max_blocs))):
        p_yes = draw(PROBS)
        p_absent = draw(st.floats(0.0, 1.0 - p_yes)) if absent and draw(st.booleans()) else 0.0
        out.append(Bloc(f"b{i}", draw(st.integers(0, max_seats)), p_yes, min(p_absent, 1.0 - p_yes),
                        draw(st.sampled_from([0.0, 0.3, 1.0]) | st.floats(0.0, 1.0))))
    return out


@st.composite
def rules_(draw: st.DrawFn, total: int) -> PassRule:
    if draw(st.booleans()):
        return PassRule("total", count=draw(st.integers(0, total + 1)), negative=draw(st.booleans()))
    return PassRule(
        draw(st.sampled_from(["votes-cast", "present"])),
        fraction=draw(st.sampled_from([Fraction(1, 2), Fraction(2, 3), Fraction(3, 5)])),
        strict=draw(st.booleans()),
        negative=draw(st.booleans()),
        tie_passes=draw(st.booleans()),
    )


# -- exact against brute force ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_exact_matches_enumeration(data: st.DataObject) -> None:
    blocs = data.draw(blocs_())
    rule = data.draw(rules_(sum(b.seats for b in blocs)))
    model = ForecastModel(tuple(blocs), rule)
    p, pmf = p_pass_exact(model)
    bp, bpmf = brute_p_pass(blocs, rule)
    assert p == pytest.approx(bp, abs=1e-9)
    assert np.allclose(pmf, bpmf, atol=1e-9)


def test_exact_binomial_by_hand() -> None:
    # 3 independent members at p = 1/2, need 2 yes: P = (3 + 1) / 8
    model = ForecastModel((Bloc("a", 3, 0.5),), PassRule("total", count=2))
    assert p_pass_exact(model)[0] == pytest.approx(0.5)
    # the same bloc acting as one half the time: 0.5 * 0.5 + 0.5 * 0.5
    model = ForecastModel((Bloc("a", 3, 0.5, cohesion=0.5),), PassRule("total", count=2))
    assert p_pass_exact(model)[0] == pytest.approx(0.5)
    # need all 3: independent 1/8; as one half the time: 0.5 * 1/8 + 0.5 * 1/2
    model = ForecastModel((Bloc("a", 3, 0.5, cohesion=0.5),), PassRule("total", count=3))
    assert p_pass_exact(model)[0] == pytest.approx(0.0625 + 0.25)


def test_votes_cast_with_absences_by_hand() -> None:
    # one sure yes; one member who votes no with 1/2 or stays away with 1/2: passes (majority of votes
    # cast) only when the second stays away
    blocs = (Bloc("a", 1, 1.0), Bloc("b", 1, 0.0, p_absent=0.5))
    assert p_pass_exact(ForecastModel(blocs, PassRule("votes-cast")))[0] == pytest.approx(0.5)
    # with a tie passing on a casting vote: always
    assert p_pass_exact(ForecastModel(blocs, PassRule("votes-cast", tie_passes=True)))[0] == pytest.approx(1.0)


def test_summary_quantiles_by_hand() -> None:
    # 2 members at 1/2: P(0)=1/4, P(1)=1/2, P(2)=1/4 -> median 1, 5th pct 0, 95th pct 2
    f = exact_forecast(ForecastModel((Bloc("a", 2, 0.5),), PassRule("total", count=2)))
    assert (f.median, f.interval) == (1, (0, 2))
    assert f.mean_yes == pytest.approx(1.0)
    out = f.as_dict()  # the --json shape: the interval low end first
    assert (out["median"], out["interval"], out["p_pass"]) == (1, [0, 2], pytest.approx(0.25))


def test_binomial_pmf_at_its_edges_and_with_a_table_too_short() -> None:
    assert binomial_pmf(3, 0.0).tolist() == [1.0, 0.0, 0.0, 0.0]
    assert binomial_pmf(3, 1.0).tolist() == [0.0, 0.0, 0.0, 1.0]
    truth = [math.comb(4, k) * 0.25**k * 0.75 ** (4 - k) for k in range(5)]
    # a table of log-factorials that stops short of n (here junk, four cells for n = 4) is not used
    assert np.allclose(binomial_pmf(4, 0.25, np.full(4, 7.0)), truth, rtol=1e-12, atol=0)
    # a longer one is (log k! for k = 0..5)
    assert np.allclose(binomial_pmf(4, 0.25, np.log([1.0, 1, 2, 6, 24, 120])), truth, rtol=1e-12, atol=0)


def test_monte_carlo_standard_error_is_the_binomial_one() -> None:
    # 30 passes in 100 draws: sqrt(0.3 * 0.7 / 100); none or all: 0
    res = MonteCarloResult(100, 30, np.zeros(3, dtype=np.int64))
    assert (res.p_pass, res.stderr) == (0.3, pytest.approx((0.21 / 100) ** 0.5))
    assert MonteCarloResult(50, 50, np.zeros(1, dtype=np.int64)).stderr == 0.0


def test_exact_large_chamber_is_normalised_and_has_the_right_mean() -> None:
    rng = np.random.default_rng(7)
    seats = rng.multinomial(543 - 40, np.ones(40) / 40) + 1
    blocs = tuple(Bloc(f"b{i}", int(n), float(p), cohesion=float(c))
                  for i, (n, p, c) in enumerate(zip(seats, rng.random(40), rng.random(40), strict=True)))
    model = ForecastModel(blocs, PassRule("total", count=272))
    p, pmf = p_pass_exact(model)
    assert pmf.sum() == pytest.approx(1.0, abs=1e-12)
    mean = sum(b.seats * b.p_yes for b in blocs)  # linearity of expectation, independent of the code
    assert float(np.dot(np.arange(544), pmf)) == pytest.approx(mean, rel=1e-9)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_exact_with_groups_matches_enumeration(data: st.DataObject) -> None:
    blocs = data.draw(blocs_())
    rule = data.draw(rules_(sum(b.seats for b in blocs)))
    keys = [b.key for b in blocs]
    grouped = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
    groups = (Group("g", tuple(grouped), data.draw(PROBS)),)  # a group of one bloc too: on, it acts as one
    model = ForecastModel(tuple(blocs), rule, groups)
    p, pmf = p_pass_exact(model)
    bp, bpmf = brute_p_pass(blocs, rule, groups)
    assert p == pytest.approx(bp, abs=1e-9)
    assert np.allclose(pmf, bpmf, atol=1e-9)


def test_exact_group_by_hand() -> None:
    # two one-member blocs at 1/2, together half the time: P(both yes) = 1/2 * 1/4 + 1/2 * 1/2 = 3/8
    model = ForecastModel((Bloc("a", 1, 0.5), Bloc("b", 1, 0.5)), PassRule("total", count=2),
                          (Group("ab", ("a", "b"), 0.5),))
    assert p_pass_exact(model)[0] == pytest.approx(3 / 8)


def test_a_group_of_one_bloc_acts_as_one_when_on() -> None:
    # two members at 1/2 who decide alone (cohesion 0), in a group of their own that is on half the time:
    # P(2 yes) = 1/2 * 1/2 (on: both yes or both no) + 1/2 * 1/4 (off) = 3/8, P(1 yes) = 1/2 * 1/2 = 1/4
    model = ForecastModel((Bloc("a", 2, 0.5, cohesion=0.0),), PassRule("total", count=2), (Group("a", ("a",), 0.5),))
    p, pmf = p_pass_exact(model)
    assert p == pytest.approx(3 / 8) and pmf[1] == pytest.approx(1 / 4)
    res = simulate(model, sims=40_000, rng=np.random.default_rng(3), collapse=False)
    assert _within(res.p_pass, 3 / 8, 40_000) and _within(res.yes_hist[1] / 40_000, 1 / 4, 40_000)


def test_monte_carlo_needs_a_generator() -> None:
    model = ForecastModel((Bloc("a", 2, 0.5),), PassRule("total", count=1))
    with pytest.raises(ForecastError, match="random generator"):
        forecast(model, method="monte-carlo")
    with pytest.raises(ForecastError, match="expected one of"):
        forecast(model, method="guess")


# -- Monte Carlo against exact and brute force (4 sigma) -------------------------------------------------


def _within(p_mc: float, p_true: float, sims: int) -> bool:
    p_true = min(max(p_true, 0.0), 1.0)
    sigma = max((p_true * (1 - p_true) / sims) ** 0.5, 1 / sims)
    return abs(p_mc - p_true) <= 4 * sigma


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.data(), st.integers(0, 2**32 - 1))
def test_monte_carlo_per_bloc_agrees_with_exact(data: st.DataObject, seed: int) -> None:
    blocs = data.draw(blocs_(max_blocs=5, max_seats=6))
    rule = data.draw(rules_(sum(b.seats for b in blocs)))
    model = ForecastModel(tuple(blocs), rule)
    sims = 20_000
    for collapse in (False, True):
        res = simulate(model, sims=sims, rng=np.random.default_rng(seed), collapse=collapse, chunk=7_000)
        assert _within(res.p_pass, p_pass_exact(model)[0], sims)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.data(), st.integers(0, 2**32 - 1))
def test_monte_carlo_groups_agree_with_enumeration(data: st.DataObject, seed: int) -> None:
    blocs = data.draw(blocs_(max_blocs=4, max_seats=3))
    rule = data.draw(rules_(sum(b.seats for b in blocs)))
    keys = [b.key for b in blocs]
    grouped = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
    groups = (Group("g", tuple(grouped), data.draw(PROBS)),)
    model = ForecastModel(tuple(blocs), rule, groups)
    sims = 20_000
    truth, _ = brute_p_pass(blocs, rule, groups)
    for collapse in (False, True):
        res = simulate(model, sims=sims, rng=np.random.default_rng(seed), collapse=collapse)
        assert _within(res.p_pass, truth, sims)


def test_group_moving_as_one_by_hand() -> None:
    # two one-member blocs at 1/2, always together: both yes (1/2) or both no (1/2); need 1 yes
    model = ForecastModel((Bloc("a", 1, 0.5), Bloc("b", 1, 0.5)), PassRule("total", count=1),
                          (Group("ab", ("a", "b"), 1.0),))
    res = simulate(model, sims=40_000, rng=np.random.default_rng(1), collapse=False)
    assert _within(res.p_pass, 0.5, 40_000)  # independent blocs would give 3/4
    assert res.yes_hist[1] == 0


@pytest.mark.parametrize("lone", [0.0, 1e-320], ids=["cohesion-0", "cohesion-denormal"])
@pytest.mark.parametrize("rule", [PassRule("total", count=5), PassRule("votes-cast")], ids=["total", "votes-cast"])
def test_drawn_group_of_lone_members_agrees_with_enumeration_vote_by_vote(rule: PassRule, lone: float) -> None:
    """Blocs in a group whose members otherwise decide alone (cohesion 0, or one too small to invert),
    with absentees, drawn bloc by bloc: the whole distribution of yes votes, cell by cell, and P(pass),
    against brute force. Were such a bloc to act as one outside its group's draws, the middle counts
    would all but vanish."""
    blocs = [Bloc("a", 3, 0.6, cohesion=lone), Bloc("b", 2, 0.3, p_absent=0.3, cohesion=lone),
             Bloc("c", 2, 0.5, p_absent=0.2, cohesion=0.3), Bloc("d", 2, 0.5, cohesion=0.5)]
    groups = (Group("abc", ("a", "b", "c"), 0.4),)
    model = ForecastModel(tuple(blocs), rule, groups)
    truth, pmf = brute_p_pass(blocs, rule, groups)
    sims = 60_000
    res = simulate(model, sims=sims, rng=np.random.default_rng(8), collapse=False)
    assert _within(res.p_pass, truth, sims)
    for k, p in enumerate(pmf):
        assert abs(res.yes_hist[k] / sims - p) <= 4.5 * max((p * (1 - p) / sims) ** 0.5, 1 / sims), (k, p)


def test_monte_carlo_is_reproducible_and_thread_independent() -> None:
    model = ForecastModel((Bloc("a", 30, 0.6, cohesion=0.3), Bloc("b", 20, 0.4, cohesion=0.2)),
                          PassRule("total", count=26), (Group("ab", ("a", "b"), 0.4),))
    one = simulate(model, sims=30_000, rng=np.random.default_rng(5), chunk=4_000)
    two = simulate(model, sims=30_000, rng=np.random.default_rng(5), chunk=4_000, workers=2)
    assert one.passed == two.passed
    assert np.array_equal(one.yes_hist, two.yes_hist)
    seen: list[int] = []
    simulate(model, sims=30_000, rng=np.random.default_rng(5), chunk=4_000, progress=seen.append)
    assert sum(seen) == 30_000
    # 150 chunks: generators are spawned a wave at a time (64 chunks a wave and worker), which must not
    # change the draws: one worker (3 waves) and three (one wave) agree, and progress sees every chunk
    seen.clear()
    waves = simulate(model, sims=30_000, rng=np.random.default_rng(6), chunk=200, progress=seen.append)
    one_wave = simulate(model, sims=30_000, rng=np.random.default_rng(6), chunk=200, workers=3)
    assert np.array_equal(waves.yes_hist, one_wave.yes_hist)
    assert seen == [200] * 150


def test_monte_carlo_rejects_bad_counts() -> None:
    model = ForecastModel((Bloc("a", 3, 0.5),), PassRule("total", count=2))
    with pytest.raises(ForecastError, match="positive"):
        simulate(model, sims=0, rng=np.random.default_rng(0))
    with pytest.raises(ForecastError, match="workers must be at least 1, got 0"):
        simulate(model, sims=10, rng=np.random.default_rng(0), workers=0)
    one = simulate(model, sims=1, rng=np.random.default_rng(0))  # one draw is a draw
    assert one.sims == 1 and one.passed in (0, 1) and one.yes_hist.sum() == 1


# -- bad models --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"p_yes": 1.5}, r"p_yes must be a probability in \[0, 1\], got 1.5"),
        ({"p_yes": -0.1}, "p_yes must be a probability"),
        ({"p_yes": 0.5, "cohesion": 2.0}, "cohesion must be a probability"),
        ({"p_yes": 0.8, "p_absent": 0.5}, "must not exceed 1"),
        ({"p_yes": float("nan")}, "p_yes must be a probability"),
    ],
)
def test_bloc_rejects_bad_probabilities(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ForecastError, match=message):
        Bloc("pti", 3, **kwargs)


def test_model_rejects_unknown_and_shared_blocs() -> None:
    a, b = Bloc("a", 1, 0.5), Bloc("b", 1, 0.5)
    rule = PassRule("total", count=1)
    with pytest.raises(ForecastError, match="unknown bloc 'c'"):
        ForecastModel((a, b), rule, (Group("g", ("a", "c")),))
    with pytest.raises(ForecastError, match="in two groups"):
        ForecastModel((a, b), rule, (Group("g", ("a", "b")), Group("h", ("a",))))
    with pytest.raises(ForecastError, match="bloc keys must be unique, a repeat$"):
        ForecastModel((a, a, b), rule)


@pytest.mark.parametrize("method", ["exact", "monte-carlo"])
def test_a_forecasts_distribution_cannot_be_changed_under_its_summary(method: str) -> None:
    # 3 members at 1/2: P(k yes) = 1, 3, 3, 1 eighths; writing into yes_pmf would leave the median, the
    # interval and the mean describing another distribution
    model = ForecastModel((Bloc("a", 3, 0.5),), PassRule("total", count=2))
    fc = forecast(model, method=method, sims=2_000, rng=np.random.default_rng(1))
    with pytest.raises(ValueError, match="read-only"):
        fc.yes_pmf[0] = 1.0
    if method == "exact":
        assert fc.yes_pmf.tolist() == pytest.approx([1 / 8, 3 / 8, 3 / 8, 1 / 8])
