"""The collapsed units of the Monte Carlo: Walker's alias tables against the distributions they stand for,
and the draws of both kinds of unit (alias table, binary search in the CDF) against the exact forecast.

Independent truths: the probabilities each table was built from, and the exact distribution of yes votes
and exact P(pass) (themselves checked against brute-force enumeration in test_tally_model.py).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.tally import Bloc, ForecastModel, Group, PassRule, drawplan, p_pass_exact, simulate
from whipcount.tally.alias import alias_table


def _given_back(keep: np.ndarray, alias: np.ndarray) -> np.ndarray:
    """What an alias table draws: each cell's kept share, plus the shares other cells give way to it."""
    w = len(keep)
    got = keep / w
    np.add.at(got, alias, (1.0 - keep) / w)
    return got


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0.0, 1.0) | st.just(0.0), min_size=1, max_size=300).filter(lambda x: sum(x) > 0))
def test_an_alias_table_gives_back_its_distribution(weights: list[float]) -> None:
    pmf = np.array(weights) / sum(weights)
    keep, alias = alias_table(pmf)
    assert np.all((keep >= 0) & (keep <= 1))
    assert np.all((alias >= 0) & (alias < len(pmf)))
    assert np.abs(_given_back(keep, alias) - pmf).max() < 1e-12
    # a cell of probability 0 is never kept, and never anyone's alias
    nothing = pmf == 0
    assert np.all(keep[nothing] == 0)
    assert not np.isin(np.flatnonzero(nothing), alias[keep < 1]).any()


def test_alias_tables_by_hand() -> None:
    # one cell: kept whole; two cells at 1/4 and 3/4: the first kept half the time, else the second
    keep, alias = alias_table(np.array([1.0]))
    assert keep.tolist() == [1.0] and alias.tolist() == [0]
    keep, alias = alias_table(np.array([0.25, 0.75]))
    assert keep.tolist() == [0.5, 1.0] and alias.tolist() == [1, 1]


CHAMBER = (Bloc("a", 30, 0.6, cohesion=0.3), Bloc("b", 25, 0.4, p_absent=0.2, cohesion=0.5),
           Bloc("c", 20, 0.5, p_absent=0.1), Bloc("d", 15, 0.7, cohesion=0.8), Bloc("e", 10, 0.2))
GROUPS = (Group("cd", ("c", "d"), 0.4),)
RULES = [PassRule("total", count=52), PassRule("votes-cast", fraction=Fraction(1, 2))]


@pytest.mark.parametrize("rule", RULES, ids=["total", "votes-cast"])
@pytest.mark.parametrize("cells", [drawplan.ALIAS_CELLS, 0], ids=["alias-tables", "binary-search"])
def test_units_draw_the_exact_distribution(rule: PassRule, cells: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # every bloc collapsed into units (one for the blocs outside the group, one for the group): the draws'
    # histogram of yes votes and P(pass) against the exact ones, each count expected 20 times or more within
    # 4.5 standard errors, and the whole distribution by its largest gap from the exact CDF (Kolmogorov's
    # bound at the 0.1 % level: 1.95 / sqrt(draws))
    monkeypatch.setattr(drawplan, "ALIAS_CELLS", cells)
    model = ForecastModel(CHAMBER, rule, GROUPS)
    plan = drawplan.plan(model, collapse=True)
    assert len(plan.units) == 2 and len(plan.cls_p_yes) == 0
    assert all((u.alias is not None) == (cells > 0) for u in plan.units)
    sims = 200_000
    res = simulate(model, sims=sims, rng=np.random.default_rng(17))
    p_exact, pmf = p_pass_exact(model)
    freq = res.yes_hist / sims
    se = np.sqrt(pmf * (1 - pmf) / sims)
    often = pmf * sims >= 20
    assert often.sum() >= 40
    assert np.all(np.abs(freq - pmf)[often] <= 4.5 * se[often])
    assert np.abs(np.cumsum(freq) - np.cumsum(pmf)).max() <= 1.95 / np.sqrt(sims)
    assert abs(res.p_pass - p_exact) <= 4.5 * res.stderr + 1e-12
