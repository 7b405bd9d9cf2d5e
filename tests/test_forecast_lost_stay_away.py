"""A committed supporter who does not vote yes stays away; every other stance's non-yes is a no.

docs/forecast.md says so with a toy chamber under Sweden's investiture rule (the motion stands unless 11 of 21
vote against): A's 8 `yes`, B's 9 `no`, C's 4 `undecided`, each member deciding alone. The figure is worked out
here from the binomials, apart from the forecast's code: the noes are B's and C's alone.
"""

from __future__ import annotations

import datetime as dt
from math import comb

import pytest

from whipcount import Chamber, Motion, Party, Scenario
from whipcount.tally import count_scenario, forecast, model_from_count

DAY = dt.date(2024, 1, 10)


def _binomial(n: int, p: float) -> list[float]:
    return [comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)]


def _noes_under(bar: int, *blocs: tuple[int, float]) -> float:
    """P(the noes stay under ``bar``), each bloc's members voting no on their own with the given chance."""
    dist = [1.0]
    for n, p_no in blocs:
        step = _binomial(n, p_no)
        dist = [sum(dist[i] * step[k - i] for i in range(len(dist)) if 0 <= k - i < len(step))
                for k in range(len(dist) + n)]
    return sum(dist[:bar])


def test_a_committed_supporter_lost_is_away_not_a_no() -> None:
    toy = Scenario(id="toy", title="Toy investiture",
                   chamber=Chamber(name="Toy Riksdag", seats=21, rules="se-riksdag", as_of=dt.date(2024, 1, 1),
                                   vacancies=0),
                   parties=(Party(id="a", name="A", seats=8, side="government"),
                            Party(id="b", name="B", seats=9, side="opposition"),
                            Party(id="c", name="C", seats=4, side="other")),
                   motions=(Motion(kind="investiture", vote=DAY),))
    count = count_scenario(toy, DAY)
    assert count.rule.negative and count.rule.count == 11
    p = forecast(model_from_count(count, cohesion=0.0)).p_pass
    stays_away = _noes_under(11, (9, 0.99), (4, 0.5))
    votes_no = _noes_under(11, (8, 0.02), (9, 0.99), (4, 0.5))
    assert p == pytest.approx(stays_away, abs=1e-12)
    assert round(stays_away, 3) == 0.346 and round(votes_no, 3) == 0.306  # the figures docs/forecast.md gives
