"""The swing: a shock shared by the chamber (and by each party) on the logit scale, drawn by Monte Carlo.

Independent truths: Gauss-Hermite quadrature over the normal shock (numpy only) of the exact conditional
distribution (itself held to brute-force enumeration in ``test_tally_model``), and, for one bloc of n
members at p = 1/2, the law of total variance worked by hand:

    Var(Y) = E[Var(Y | Z)] + Var(E[Y | Z]) = n E[q(1-q)] + n² Var(q),   q = expit(σZ), E[q] = 1/2 (symmetry)
           = n/4 + n(n-1) Var(q)

and, since expit is 1/4-Lipschitz, 0 < Var(q) <= σ²/16: so n/4 < Var(Y) <= n/4 + n(n-1)σ²/16.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest

from whipcount.errors import ForecastError
from whipcount.model import Scenario
from whipcount.tally import forecast, model_from_count, p_pass_exact, simulate
from whipcount.tally.count import count_scenario
from whipcount.tally.model import Bloc, ForecastModel, Group
from whipcount.tally.passing import PassRule


def _nodes(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Hermite nodes and weights for E[f(Z)], Z ~ N(0, 1) (probabilists' Hermite polynomials)."""
    x, w = np.polynomial.hermite_e.hermegauss(k)
    return x, w / math.sqrt(2 * math.pi)


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _shifted(model: ForecastModel, z: float, z_party: dict[str, float]) -> ForecastModel:
    """The model given the shocks, straight from the definition: every bloc that swings has the logit of
    its p_yes among those who turn up moved by swing*z + party_swing*z_party[its party]."""
    blocs = []
    for b in model.blocs:
        if b.stance not in ("yes", "no", "absent") and 0.0 < b.p_yes < 1.0 - b.p_absent:
            turned = 1.0 - b.p_absent
            base = b.p_yes / turned
            shock = model.swing * z + model.party_swing * z_party.get(b.party or b.key, 0.0)
            b = replace(b, p_yes=turned * _expit(math.log(base / (1.0 - base)) + shock))
        blocs.append(b)
    return ForecastModel(tuple(blocs), model.rule, model.groups)


def p_pass_quadrature(model: ForecastModel, nodes: int = 24) -> float:
    """P(pass) = E[P(pass | shocks)], by a product Gauss-Hermite rule over the chamber's and each party's shock."""
    parties = sorted({b.party or b.key for b in model.blocs}) if model.party_swing > 0 else []
    x, w = _nodes(nodes)
    chamber = list(zip(x, w, strict=True)) if model.swing > 0 else [(0.0, 1.0)]
    px, pw = _nodes(max(6, nodes // 2))
    total = 0.0
    for z, wz in chamber:
        for combo in itertools.product(range(len(px)), repeat=len(parties)):
            weight = wz * math.prod(pw[i] for i in combo)
            total += weight * p_pass_exact(_shifted(model, z, {p: px[i] for p, i in zip(parties, combo, strict=True)}))[0]
    return total


def _within(p_mc: float, p_true: float, sims: int) -> bool:
    sigma = max(math.sqrt(p_true * (1.0 - p_true) / sims), 1.0 / sims)
    return abs(p_mc - p_true) <= 4 * sigma


def _moments(hist: np.ndarray) -> tuple[float, float, float]:
    """Mean, variance and the standard error of the sample variance (from the fourth central moment)."""
    n = hist.sum()
    f = hist / n
    k = np.arange(len(hist))
    mean = float(f @ k)
    var = float(f @ (k - mean) ** 2)
    m4 = float(f @ (k - mean) ** 4)
    return mean, var, math.sqrt(max(m4 - var**2, 0.0) / n)


MIXED = (
    Bloc("gov", 12, 0.98, stance="yes", party="gov"),
    Bloc("opp", 10, 0.01, stance="no", party="opp"),
    Bloc("rebels", 5, 0.75, cohesion=0.5, stance="lean-yes", party="gov"),
    Bloc("swing-a", 4, 0.5, cohesion=0.3, stance="undecided", party="mid"),
    Bloc("swing-b", 3, 0.25, cohesion=0.0, stance="lean-no", party="mid"),
    Bloc("wobbly", 3, 0.6, p_absent=0.2, cohesion=0.4, stance="undecided", party="opp"),
)


def _mixed(rule: PassRule, *, swing: float = 0.0, party_swing: float = 0.0, grouped: bool = True) -> ForecastModel:
    groups = (Group("g", ("rebels", "swing-a"), 0.5),) if grouped else ()
    return ForecastModel(MIXED, rule, groups, swing, party_swing)


RULES = [PassRule("total", count=19), PassRule("votes-cast"), PassRule("present", fraction=Fraction(3, 5)),
         PassRule("total", count=15, negative=True)]


# -- sigma = 0: the swing's simulation is the plain model ----------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.basis}{'-neg' if r.negative else ''}")
def test_tiny_swing_monte_carlo_agrees_with_exact_within_4_sigma(rule: PassRule) -> None:
    # a swing of 1e-12 takes the swing's drawing path (every uncommitted bloc drawn bloc by bloc, shocks
    # drawn) yet moves no probability by more than 1e-12: the result must be the exact one's
    sims = 40_000
    for swing, party in ((1e-12, 0.0), (0.0, 1e-12)):
        model = _mixed(rule, swing=swing, party_swing=party)
        assert model.swinging
        fc = forecast(model, sims=sims, rng=np.random.default_rng(2022), pivotal=False)
        assert fc.method == "monte-carlo"
        truth = p_pass_exact(_mixed(rule))[0]
        assert abs(fc.p_pass - truth) <= 4 * max(fc.stderr, 1 / sims), (fc.p_pass, truth)


@pytest.mark.parametrize("rule", RULES[:2], ids=lambda r: r.basis)
def test_tiny_swing_drawn_bloc_by_bloc_keeps_the_committed_blocs_probabilities(rule: PassRule) -> None:
    # bloc by bloc (collapse=False) the committed blocs are drawn too, in classes no shock moves, through
    # the same per-draw probabilities as the shocked ones: they must come out at their own p_yes (a yes bloc
    # at 0.98 drawn at 0.96 would move the mean by a quarter of a vote, over 10 standard errors here)
    sims = 40_000
    model = _mixed(rule, swing=1e-12, party_swing=1e-12)
    res = simulate(model, sims=sims, rng=np.random.default_rng(11), collapse=False)
    truth, pmf = p_pass_exact(_mixed(rule))
    assert _within(res.p_pass, truth, sims), (res.p_pass, truth)
    mean, var, _ = _moments(res.yes_hist)
    exact_mean = float(pmf @ np.arange(len(pmf)))
    assert abs(mean - exact_mean) <= 4 * math.sqrt(var / sims), (mean, exact_mean)


def test_zero_swing_drawn_bloc_by_bloc_agrees_with_exact() -> None:
    model = _mixed(RULES[0])
    res = simulate(model, sims=40_000, rng=np.random.default_rng(7), collapse=False)
    assert _within(res.p_pass, p_pass_exact(model)[0], 40_000)


# -- sigma > 0: against quadrature of the exact conditional distribution -------------------------------


@pytest.mark.parametrize("rule", RULES[:2], ids=lambda r: r.basis)
def test_chamber_swing_agrees_with_quadrature(rule: PassRule) -> None:
    model = _mixed(rule, swing=0.8)
    truth = p_pass_quadrature(model, nodes=32)
    sims = 60_000
    res = simulate(model, sims=sims, rng=np.random.default_rng(11))
    assert _within(res.p_pass, truth, sims), (res.p_pass, truth)
    # and the swing matters here: the exact figure without it lies far outside 4 sigma
    assert not _within(truth, p_pass_exact(_mixed(rule))[0], sims)


def test_chamber_and_party_swing_agree_with_quadrature() -> None:
    # 3 shocks (chamber, gov, mid; opp's uncommitted bloc is its own): a 3-D product rule
    model = _mixed(RULES[0], swing=0.5, party_swing=0.9, grouped=False)
    truth = p_pass_quadrature(model, nodes=12)
    sims = 60_000
    res = simulate(model, sims=sims, rng=np.random.default_rng(12), workers=2)
    assert _within(res.p_pass, truth, sims), (res.p_pass, truth)


def test_blocs_of_one_party_share_its_shock() -> None:
    # two undecided blocs of 20; party swing only. Same party: one shock moves both, so
    # Var = 2*(20/4 + 380 Var q) + 2*400 Var q; different parties: the cross term vanishes
    def var(parties: tuple[str, str]) -> float:
        blocs = tuple(Bloc(k, 20, 0.5, stance="undecided", party=p) for k, p in zip("ab", parties, strict=True))
        model = ForecastModel(blocs, PassRule("total", count=21), party_swing=1.0)
        return _moments(simulate(model, sims=100_000, rng=np.random.default_rng(3)).yes_hist)[1]

    x, w = _nodes(80)
    var_q = float(w @ (1 / (1 + np.exp(-x))) ** 2) - 0.25
    shared, apart = var(("p", "p")), var(("p", "q"))
    assert shared == pytest.approx(2 * (5 + 380 * var_q) + 800 * var_q, rel=0.03)
    assert apart == pytest.approx(2 * (5 + 380 * var_q), rel=0.03)


# -- the distribution widens, and P(pass) moves toward 1/2 --------------------------------------------


@pytest.mark.parametrize("sigma", [0.3, 1.0])
def test_swing_widens_one_bloc_by_the_law_of_total_variance(sigma: float) -> None:
    n = 40
    model = ForecastModel((Bloc("u", n, 0.5, stance="undecided"),), PassRule("total", count=21), swing=sigma)
    mean, var, se = _moments(simulate(model, sims=200_000, rng=np.random.default_rng(5)).yes_hist)
    x, w = _nodes(80)
    var_q = float(w @ (1 / (1 + np.exp(-sigma * x))) ** 2) - 0.25
    truth = n / 4 + n * (n - 1) * var_q
    assert abs(var - truth) <= 4 * se, (var, truth, se)
    assert mean == pytest.approx(n / 2, abs=0.1)
    # strictly wider than without the swing (binomial n/4), by at most n(n-1)σ²/16
    assert n / 4 + 4 * se < var <= n / 4 + n * (n - 1) * sigma**2 / 16 + 4 * se
    assert n / 4 < truth < n / 4 + n * (n - 1) * sigma**2 / 16


@pytest.mark.parametrize(("p", "above"), [(0.55, True), (0.45, False)])
def test_swing_moves_p_pass_toward_one_half_near_the_bar(p: float, above: bool) -> None:
    # 101 undecided members, 51 needed: mean 55.6 (or 45.5), a few standard deviations from the bar
    rule = PassRule("total", count=51)
    base = p_pass_exact(ForecastModel((Bloc("u", 101, p, stance="undecided"),), rule))[0]
    assert (base > 0.8) if above else (base < 0.2)
    distances = [abs(base - 0.5)]
    for sigma in (0.25, 0.5, 1.0):
        model = ForecastModel((Bloc("u", 101, p, stance="undecided"),), rule, swing=sigma)
        fc = forecast(model, sims=40_000, rng=np.random.default_rng(9), pivotal=False)
        assert distances[-1] - abs(fc.p_pass - 0.5) > 4 * fc.stderr, (sigma, fc.p_pass, distances)
        assert (fc.p_pass > 0.5) == above  # toward 1/2, not past it
        distances.append(abs(fc.p_pass - 0.5))


def test_committed_blocs_do_not_swing() -> None:
    blocs = (Bloc("y", 10, 0.98, stance="yes"), Bloc("n", 9, 0.01, stance="no"),
             Bloc("a", 3, 0.2, p_absent=0.8, stance="absent"))
    model = ForecastModel(blocs, PassRule("votes-cast"), swing=2.0, party_swing=2.0)
    assert not model.swinging
    fc = forecast(model, pivotal=False)  # no generator needed: auto stays exact
    assert fc.method == "exact"
    assert fc.p_pass == pytest.approx(p_pass_exact(ForecastModel(blocs, PassRule("votes-cast")))[0], abs=1e-15)


def test_a_bloc_certain_among_those_who_turn_up_does_not_swing() -> None:
    # undecided by stance, but every member who turns up votes yes (p_yes = 1 - p_absent): on the logit
    # scale a certainty stays one, so the swing leaves it alone and the exact method still applies
    sure = Bloc("sure", 4, 0.75, p_absent=0.25, stance="undecided")
    assert not sure.swings and not replace(sure, p_yes=0.0).swings and replace(sure, p_yes=0.5).swings
    assert replace(sure, seats=1, p_yes=0.5).swings  # one member may waver too
    model = ForecastModel((sure, Bloc("n", 3, 0.01, stance="no")), PassRule("votes-cast"), swing=1.0)
    assert not model.swinging
    assert forecast(model, pivotal=False).method == "exact"
    # nor does a bloc with no seats (a party's part that has left): nothing of it can move
    empty = ForecastModel((*model.blocs, Bloc("gone", 0, 0.5, stance="undecided")), PassRule("votes-cast"), swing=1.0)
    assert not empty.swinging and forecast(empty, pivotal=False).method == "exact"


def test_deterministic_means_certain_in_both_respects() -> None:
    # a bloc drawn from the exact distribution even bloc by bloc: its yes and its turnout both certain
    def det(p_yes: float, p_absent: float) -> bool:
        return Bloc("b", 2, p_yes, p_absent=p_absent).deterministic

    assert det(1.0, 0.0) and det(0.0, 0.0) and det(0.0, 1.0)
    assert not det(0.3, 0.0) and not det(0.0, 0.5) and not det(0.5, 0.5)


def test_the_chamber_shock_reaches_every_party() -> None:
    # two parties of 50 undecided members each, a large chamber shock and a small party shock: the two
    # halves move together, so the total's variance is far above twice one half's; the member-by-member
    # simulation from the definition is the truth
    blocs = (Bloc("a", 50, 0.5, cohesion=0.0, stance="undecided", party="a"),
             Bloc("b", 50, 0.5, cohesion=0.0, stance="undecided", party="b"))
    model = ForecastModel(blocs, PassRule("total", count=51), swing=2.0, party_swing=0.2)
    sims = 40_000
    _, yes_slow = _member_by_member(model, sims, np.random.default_rng(12))
    _, var, se_var = _moments(simulate(model, sims=sims, rng=np.random.default_rng(13)).yes_hist)
    assert var > 700  # about 100**2 Var(q) with q = expit(2 Z): independent halves would give about 330
    assert abs(var - yes_slow.var()) <= 4 * math.sqrt(2) * se_var, (var, yes_slow.var())


def test_swing_is_reproducible_and_thread_independent() -> None:
    model = _mixed(RULES[1], swing=0.6, party_swing=0.3)
    one = simulate(model, sims=30_000, rng=np.random.default_rng(8), chunk=4_000)
    two = simulate(model, sims=30_000, rng=np.random.default_rng(8), chunk=4_000, workers=2)
    assert one.passed == two.passed
    assert np.array_equal(one.yes_hist, two.yes_hist)


# -- from a scenario, and bad input ----------------------------------------------------------------------


def test_scenario_model_swings_only_the_uncommitted(pakistan: Scenario) -> None:
    wc = count_scenario(pakistan, dt.date(2022, 3, 28))  # the day the motion was moved
    model = model_from_count(wc, swing=0.4, party_swing=0.2)
    moving = {b.stance for b in model.blocs if b.swings}
    assert moving and moving <= {"lean-yes", "undecided", "lean-no"}
    assert any(b.stance == "lean-yes" and b.swings for b in model.blocs)  # PTI's dissidents
    assert (model.swing, model.party_swing) == (0.4, 0.2)
    fc = forecast(model, sims=20_000, rng=np.random.default_rng(1), pivotal=False)
    assert fc.method == "monte-carlo" and fc.as_dict()["swing"] == 0.4
    plain = forecast(model_from_count(wc), pivotal=False)
    # 168 committed of 172 needed, 13 leaning yes: the swing only moves the 13 uncommitted
    assert 0.9 < fc.p_pass < 1.0 and abs(fc.p_pass - plain.p_pass) < 0.05


@pytest.mark.parametrize("value", [-0.1, float("nan"), float("inf")])
def test_model_rejects_bad_swings(value: float) -> None:
    with pytest.raises(ForecastError, match="finite standard deviation >= 0"):
        ForecastModel(MIXED, RULES[0], swing=value)
    with pytest.raises(ForecastError, match="party swing must be"):
        ForecastModel(MIXED, RULES[0], party_swing=value)


def test_exact_refuses_a_swing() -> None:
    model = _mixed(RULES[0], swing=0.5)
    with pytest.raises(ForecastError, match="no closed form"):
        forecast(model, method="exact")
    with pytest.raises(ForecastError, match="no closed form"):
        p_pass_exact(model)
    with pytest.raises(ForecastError, match="random generator"):
        forecast(model)


# -- chamber and party swings with groups, cohesion and absences: against a member-by-member simulation ------

BIG = (
    Bloc("gov", 90, 0.98, stance="yes", party="gov"),
    Bloc("opp", 80, 0.01, stance="no", party="opp"),
    Bloc("floor", 70, 0.5, cohesion=0.0, stance="undecided", party="mid"),  # more than the tables' 63
    Bloc("rebels", 30, 0.75, cohesion=0.5, stance="lean-yes", party="gov"),
    Bloc("waverers", 20, 0.5, cohesion=0.4, stance="undecided", party="opp"),
    Bloc("doubters", 12, 0.25, cohesion=0.3, stance="lean-no", party="mid"),
    Bloc("drifters", 9, 0.6, p_absent=0.25, cohesion=0.5, stance="undecided", party="gov"),
    Bloc("loners", 7, 0.5, cohesion=0.0, stance="undecided", party="gov"),
    Bloc("absentees", 6, 0.1, p_absent=0.8, stance="absent", party="opp"),
)
BIG_GROUPS = (Group("pact", ("waverers", "doubters", "opp"), 0.6),)


def _member_by_member(model: ForecastModel, sims: int, rng: np.random.Generator) -> tuple[float, np.ndarray]:
    """P(pass) and the yes votes of each draw, straight from the model's definition: the shocks, then each
    group's switch and shared uniform, each bloc's cohesion switch and uniform, and one uniform per member
    (yes below q, away from 1 - p_absent on); no pooling, no binomial."""
    parties = sorted({b.party or b.key for b in model.blocs})
    group_of = {k: g for g in model.groups for k in g.blocs}
    passed, yes_all = 0, []
    for _ in range(sims // 10_000):
        m = 10_000
        z = rng.standard_normal(m) * model.swing
        z_party = {p: rng.standard_normal(m) * model.party_swing for p in parties}
        gate = {g.key: rng.random(m) < g.together for g in model.groups}
        shared = {g.key: rng.random(m) for g in model.groups}
        yes = np.zeros(m, dtype=np.int64)
        away = np.zeros(m, dtype=np.int64)
        for b in model.blocs:
            q = np.full(m, b.p_yes)
            if b.stance not in ("yes", "no", "absent"):
                turned = 1.0 - b.p_absent
                logit = math.log(b.p_yes / turned) - math.log1p(-b.p_yes / turned)
                q = turned / (1.0 + np.exp(-(logit + z + z_party[b.party or b.key])))
            g = group_of.get(b.key)
            whole = rng.random(m) < b.cohesion
            u_bloc = rng.random(m)
            if g is not None:
                whole = whole | gate[g.key]
                u_bloc = np.where(gate[g.key], shared[g.key], u_bloc)
            u = np.where(whole[:, None], u_bloc[:, None], rng.random((m, b.seats)))
            yes += (u < q[:, None]).sum(axis=1)
            away += (u >= 1.0 - b.p_absent).sum(axis=1)
        passed += int(np.count_nonzero(model.rule.passes(yes, model.seats - yes - away)))
        yes_all.append(yes)
    return passed / sims, np.concatenate(yes_all)


@pytest.mark.parametrize("rule", [PassRule("total", count=170), PassRule("votes-cast")], ids=lambda r: r.basis)
def test_chamber_and_party_swing_with_groups_agree_with_member_by_member(rule: PassRule) -> None:
    model = ForecastModel(BIG, rule, BIG_GROUPS, swing=0.5, party_swing=0.4)
    sims = 100_000
    p_slow, yes_slow = _member_by_member(model, sims, np.random.default_rng(2026))
    res = simulate(model, sims=sims, rng=np.random.default_rng(17))
    assert 0.1 < p_slow < 0.9  # the bar is within reach: P(pass) is sensitive to the whole distribution
    se = math.sqrt(p_slow * (1 - p_slow) / sims + res.p_pass * (1 - res.p_pass) / sims)
    assert abs(res.p_pass - p_slow) <= 4 * se, (res.p_pass, p_slow, se)
    mean, var, se_var = _moments(res.yes_hist)
    se_mean = math.sqrt(2 * var / sims)
    assert abs(mean - yes_slow.mean()) <= 4 * se_mean, (mean, yes_slow.mean())
    assert abs(var - yes_slow.var()) <= 4 * math.sqrt(2) * se_var, (var, yes_slow.var())


@pytest.mark.parametrize("p", [1e-310, 1e-300, 0.3])
def test_a_huge_swing_moves_a_probability_far_out_by_its_whole_logit(p: float) -> None:
    # a member at p = 1e-310 (logit -713.8: odds against yes beyond any float's range) under a chamber swing of
    # SD 1000: yes with probability E[expit(L + 1000 Z)], which is Phi(L / 1000) to within 0.4 / 1000**2 (expit
    # less a step at 0 is odd, with integral of |u| times it pi**2 / 6 over both sides, and phi is 0.25-Lipschitz)
    logit = math.log(p) - math.log1p(-p)
    truth = 0.5 * math.erfc(-logit / (1000.0 * math.sqrt(2.0)))
    model = ForecastModel((Bloc("u", 1, p, stance="undecided"),), PassRule("total", count=1), swing=1000.0)
    res = simulate(model, sims=1_000_000, rng=np.random.default_rng(9))
    assert abs(res.p_pass - truth) <= 4 * res.stderr, (res.p_pass, truth, res.stderr)
