"""The exact forecast's size is estimated before it starts: ``auto`` draws by Monte Carlo beyond the bound
(saying why), ``exact`` beyond it is a one-line error, and Monte Carlo stays bounded at 100,000 seats."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from limited import GIB, run_limited
from whipcount.errors import ForecastError
from whipcount.io.scenario import load_scenario
from whipcount.tally import Bloc, ForecastModel, Group, PassRule, cost, count_scenario, forecast, p_pass_exact
from whipcount.tally.drawplan import plan
from whipcount.tally.exact import model_table
from whipcount.tally.forecast import choose_method


def _model(no: int, away: int, groups: bool = False) -> ForecastModel:
    """``no`` members voting no (none absent), ``away`` committed supporters who may stay away, one waverer;
    judged on the votes cast."""
    blocs = (Bloc("gov", no, 0.01, 0.0, 0.0, stance="no"), Bloc("opp", away, 0.98, 0.02, 0.0, stance="yes"),
             Bloc("ind", 1, 0.5, 0.0, 0.0, stance="undecided"))
    rule = PassRule("votes-cast")
    return ForecastModel(blocs, rule, (Group("g", ("gov", "ind"), 0.3),) if groups else ())


def _under_and_over(away: int) -> tuple[int, int]:
    """The government's seats that put the table, (seats + 1) x (away + 1) cells, just under and just over."""
    rows = cost.EXACT_MAX_CELLS // (away + 1)  # the most rows within the bound
    return rows - 1 - away - 1, rows - away - 1  # seats = no + away + 1 = rows - 1, then rows


def test_auto_is_exact_just_under_the_bound_and_monte_carlo_just_over():
    under, over = _under_and_over(999)
    assert (under + 999 + 2) * 1000 <= cost.EXACT_MAX_CELLS < (over + 999 + 2) * 1000
    assert choose_method(_model(under, 999), "auto") == ("exact", "")
    how, why = choose_method(_model(over, 999), "auto")
    assert how == "monte-carlo" and f"{over + 999 + 2:,} x 1,000 table" in why
    with pytest.raises(ForecastError, match=r"exact method would need .* use the auto or monte-carlo method"):
        choose_method(_model(over, 999), "exact")
    assert choose_method(_model(over, 999), "monte-carlo") == ("monte-carlo", "")


@pytest.mark.parametrize("groups", [False, True])
def test_the_estimate_is_the_table_the_exact_method_builds(groups):
    model = _model(40, 25, groups)
    table, _ = model_table(model)
    need = cost.exact_cost(model)
    assert table.size <= need.cells and (need.rows, need.cols) in {table.shape, (41 + 25 + 1, 26)}


@pytest.mark.parametrize("groups", [False, True])
def test_over_the_bound_monte_carlo_draws_bloc_by_bloc_and_agrees_with_exact(monkeypatch, groups):
    model = _model(160, 139, groups)
    exact = p_pass_exact(model)[0]
    monkeypatch.setattr(cost, "EXACT_MAX_CELLS", 1000)
    assert all(u.width == 1 for u in plan(model, True).units)  # no (yes, absent) table: too large
    fc = forecast(model, sims=200_000, rng=np.random.default_rng(5), pivotal=False)
    assert fc.method == "monte-carlo" and "table" in fc.method_reason
    assert abs(fc.p_pass - exact) < 4 * max(fc.stderr, 1e-3)


def _truth_huge(path: Path) -> float:
    """P(pass) of the 100,000-seat chamber, summed directly: the opposition's yes votes are binomial (the
    rest stay away), the government's too (the rest vote no), the one waverer a coin; the rule is asked."""
    sc = load_scenario(str(path))
    rule = count_scenario(sc, None).rule

    def pmf(n: int, p: float) -> np.ndarray:
        k = np.arange(n + 1)
        logs = np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, n + 1)))))
        return np.exp(logs[n] - logs - logs[::-1] + k * np.log(p) + (n - k) * np.log1p(-p))

    opp, gov = pmf(49_999, 0.98), pmf(50_000, 0.01)
    yes_opp = np.arange(49_999 + 1)
    total = 0.0
    for ya in np.flatnonzero(gov > 1e-20):
        for yc in (0, 1):
            ok = rule.passes(yes_opp + ya + yc, np.full(len(yes_opp), 50_000 - ya + 1 - yc))
            total += gov[ya] * 0.5 * float(opp[ok].sum())
    return total


@pytest.fixture(scope="module")
def huge(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("huge") / "huge.yaml"
    path.write_text(
        "chamber: {name: Huge, rules: gb-hc, seats: 100000, as_of: 2023-01-01}\n"
        "parties:\n"
        "  - {id: a, name: Party A, seats: 50000, side: government}\n"
        "  - {id: b, name: Party B, seats: 49999, side: opposition}\n"
        "  - {id: c, name: Party C, seats: 1, side: other}\n"
        "motion: {kind: no-confidence, target: X, filed: 2023-01-10, vote: 2023-01-15}\n", encoding="utf-8")
    return path


def test_a_chamber_of_100000_seats_is_forecast_by_monte_carlo_within_a_memory_bound(huge):
    res = run_limited("forecast", str(huge), "--json", "--seed", "7", "--sims", "100000", "--workers", "1",
                      limit=GIB + GIB // 2)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["method"] == "monte-carlo" and "100,001 x 50,000 table" in out["method_reason"]
    assert abs(out["p_pass"] - _truth_huge(huge)) < 4 * out["stderr"]
    res = run_limited("forecast", str(huge), "--method", "exact", limit=GIB + GIB // 2)
    assert res.returncode == 1 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "use the auto or monte-carlo method" in res.stderr


@pytest.mark.parametrize("args", [("report", "-o", "{dir}/r.html"), ("chart", "--kind", "forecast", "-o", "{dir}/c.svg"),
                                  ("what-if", "--absent", "b:10", "--seed", "1"), ("demo", "--no-report", "--scenario")])
def test_every_path_to_a_forecast_goes_through_the_bound(huge, args):
    words = [a.format(dir=huge.parent) for a in args]
    argv = [*words, str(huge)] if words[0] == "demo" else [words[0], str(huge), *words[1:]]
    res = run_limited(*argv, limit=GIB + GIB // 2)
    assert res.returncode == 0, res.stderr
    if words[0] == "report":
        assert "the exact method would need a 100,001 x 50,000 table" in (huge.parent / "r.html").read_text()
    if words[0] == "what-if":
        assert "drawn by Monte Carlo" in res.stdout
