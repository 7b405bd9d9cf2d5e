"""The exact forecast's (yes, absent) table holds exactly nothing where no outcome reaches, and its P(pass)
is exactly 0 or 1 where the motion cannot pass or cannot fail: checked against an enumeration in exact
fractions of every bloc's votes, groups acting as one included (whipcount.tally.support)."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from fractions import Fraction
from math import factorial

import numpy as np
import pytest

from whipcount.rules.decide import PassRule
from whipcount.tally.exact import model_table, p_pass_exact
from whipcount.tally.model import Bloc, ForecastModel, Group

Dist = dict[tuple[int, int, int], Fraction]  # (yes, no, absent) -> probability


def _add(a: Dist, b: Dist) -> Dist:
    out: Dist = defaultdict(Fraction)
    for (y1, n1, a1), p in a.items():
        for (y2, n2, a2), q in b.items():
            out[(y1 + y2, n1 + n2, a1 + a2)] += p * q
    return out


def _mix(parts: list[tuple[Fraction, Dist]]) -> Dist:
    out: Dist = defaultdict(Fraction)
    for w, d in parts:
        for k, p in d.items():
            out[k] += w * p
    return out


def _probs(b: Bloc) -> tuple[Fraction, Fraction, Fraction]:
    y, a = Fraction(b.p_yes), Fraction(b.p_absent)
    return y, 1 - y - a, a


def _apart(b: Bloc) -> Dist:
    """Every member on their own: the multinomial, written out."""
    py, pn, pa = _probs(b)
    n = b.seats
    out: Dist = {}
    for y in range(n + 1):
        for a in range(n + 1 - y):
            no = n - y - a
            ways = factorial(n) // (factorial(y) * factorial(a) * factorial(no))
            out[(y, no, a)] = ways * py**y * pn**no * pa**a
    return out


def _bloc(b: Bloc) -> Dist:
    py, pn, pa = _probs(b)
    n, c = b.seats, Fraction(b.cohesion)
    one = _mix([(py, {(n, 0, 0): Fraction(1)}), (pn, {(0, n, 0): Fraction(1)}), (pa, {(0, 0, n): Fraction(1)})])
    return _mix([(1 - c, _apart(b)), (c, one)])


def _group_as_one(blocs: list[Bloc]) -> Dist:
    """One shared draw U on [0, 1): a bloc votes yes below its p_yes, no below p_yes + p_no, else stays
    away; U's effect is constant between the breakpoints, so each stretch is one outcome."""
    cuts = sorted({Fraction(0), Fraction(1)} | {x for b in blocs for x in (_probs(b)[0], 1 - _probs(b)[2])})
    out: Dist = defaultdict(Fraction)
    for lo, hi in itertools.pairwise(cuts):
        u = (lo + hi) / 2
        votes = [(b.seats, 0, 0) if u < _probs(b)[0] else (0, b.seats, 0) if u < 1 - _probs(b)[2]
                 else (0, 0, b.seats) for b in blocs]
        out[tuple(map(sum, zip(*votes, strict=True)))] += hi - lo  # type: ignore[index]
    return out


def _chamber(blocs: list[Bloc], groups: list[Group]) -> Dist:
    grouped = {k for g in groups for k in g.blocs}
    acc: Dist = {(0, 0, 0): Fraction(1)}
    for b in blocs:
        if b.key not in grouped:
            acc = _add(acc, _bloc(b))
    for g in groups:
        members = [b for b in blocs if b.key in g.blocs]
        apart: Dist = {(0, 0, 0): Fraction(1)}
        for b in members:
            apart = _add(apart, _bloc(b))
        t = Fraction(g.together)
        acc = _add(acc, _mix([(1 - t, apart), (t, _group_as_one(members))]))
    return acc


GRID = [0.0, 0.25, 0.5, 0.75, 1.0]  # exact in binary: the enumeration's fractions are the model's numbers


def _random_model(rng: random.Random) -> tuple[list[Bloc], list[Group]]:
    blocs = []
    for i in range(rng.randint(1, 4)):
        p_yes = rng.choice(GRID)
        p_absent = rng.choice([p for p in GRID if p + p_yes <= 1.0])
        blocs.append(Bloc(f"b{i}", rng.randint(0, 4), p_yes, p_absent, cohesion=rng.choice([0.0, 0.5, 1.0])))
    if not any(0.0 < b.p_absent < 1.0 for b in blocs):  # make the absences matter: the 2-D table
        blocs.append(Bloc("away", rng.randint(1, 3), 0.25, 0.5, cohesion=rng.choice([0.0, 1.0])))
    groups = []
    if len(blocs) >= 2 and rng.random() < 0.6:
        keys = rng.sample([b.key for b in blocs], 2)
        groups.append(Group("g", tuple(keys), together=rng.choice([0.5, 1.0])))
    return blocs, groups


def _rule(rng: random.Random, seats: int) -> PassRule:
    return rng.choice([
        PassRule("votes-cast", fraction=Fraction(1, 2), strict=True, quorum=rng.randint(0, seats)),
        PassRule("votes-cast", fraction=Fraction(2, 3), strict=False),
        PassRule("present", fraction=Fraction(1, 2), strict=True, quorum=rng.randint(0, seats)),
    ])


@pytest.mark.parametrize("seed", range(150))
def test_unreachable_cells_hold_exactly_nothing(seed: int) -> None:
    rng = random.Random(seed)
    blocs, groups = _random_model(rng)
    model = ForecastModel(tuple(blocs), _rule(rng, sum(b.seats for b in blocs)), groups=tuple(groups))
    truth = _chamber(blocs, groups)
    table, fixed = model_table(model)
    for y, a in itertools.product(range(table.shape[0]), range(table.shape[1])):
        reach = sum((p for (ty, _, ta), p in truth.items() if (ty, ta) == (y, a + fixed)), Fraction(0))
        if reach == 0:
            assert table[y, a] == 0.0, (y, a, table[y, a])
        else:
            assert table[y, a] == pytest.approx(float(reach), rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("seed", range(150))
def test_p_pass_is_exactly_0_or_1_where_the_enumeration_says_so(seed: int) -> None:
    rng = random.Random(1000 + seed)
    blocs, groups = _random_model(rng)
    rule = _rule(rng, sum(b.seats for b in blocs))
    truth = sum((p for (y, n, _), p in _chamber(blocs, groups).items()
                 if bool(rule.passes(np.array(y), np.array(n)))), Fraction(0))
    got, _ = p_pass_exact(ForecastModel(tuple(blocs), rule, groups=tuple(groups)))
    if truth in (0, 1):
        assert got == float(truth)
    else:
        assert got == pytest.approx(float(truth), abs=1e-12)


def test_a_quorum_no_reachable_outcome_meets_gives_exactly_0() -> None:
    """60 members all yes or all away, 70 all no or all away: with a quorum of 61, yes wins only when
    the 70 stay away, and then 60 are present. Cells such as 60 yes and 1 no pass, but no outcome reaches
    them (the transform's rounding had given P(pass) 4e-15); with a quorum of 60 the chance is 1/4."""
    blocs = (Bloc("A", 60, p_yes=0.5, p_absent=0.5, cohesion=1.0),
             Bloc("B", 70, p_yes=0.0, p_absent=0.5, cohesion=1.0))
    for quorum, expected in ((61, 0.0), (60, 0.25)):
        got, _ = p_pass_exact(ForecastModel(blocs, PassRule("votes-cast", strict=True, quorum=quorum)))
        assert got == pytest.approx(expected, abs=1e-15)
        assert (got == 0.0) is (expected == 0.0)


def _pairs(b: Bloc) -> set[tuple[int, int]]:
    """The (yes, absent) pairs one bloc can give, from the definition: each member's outcomes of
    positive probability, or the bloc's when it acts as one."""
    py, pn, pa = _probs(b)
    n = b.seats
    apart = {(y, a) for y in range(n + 1) for a in range(n + 1 - y)
             if (y == 0 or py) and (a == 0 or pa) and (n - y - a == 0 or pn)}
    one = {pair for pair, p in (((n, 0), py), ((0, 0), pn), ((0, n), pa)) if p}
    return (apart if b.cohesion < 1 else set()) | (one if b.cohesion > 0 else set())


def _sum(a: set[tuple[int, int]], b: set[tuple[int, int]]) -> set[tuple[int, int]]:
    return {(y1 + y2, a1 + a2) for y1, a1 in a for y2, a2 in b}


@pytest.mark.parametrize("seed", range(60))
def test_larger_blocs_reach_exactly_the_sums_of_their_pairs(seed: int) -> None:
    """Blocs of up to 15 seats: the table's cells above 0 are exactly the sums of one pair from each unit
    (the smallest reachable cell's probability, about 1e-12 here, is far above the rounding)."""
    rng = random.Random(5000 + seed)
    blocs = [Bloc(f"b{i}", rng.randint(0, 15), 0.5, 0.25, cohesion=rng.choice([0.0, 0.5, 1.0]))
             for i in range(rng.randint(1, 5))]
    for i, b in enumerate(blocs):  # some with outcomes that cannot happen
        p_yes, p_absent = rng.choice([(0.5, 0.25), (0.0, 0.5), (0.75, 0.25), (0.5, 0.0), (1.0, 0.0), (0.0, 1.0)])
        blocs[i] = Bloc(b.key, b.seats, p_yes, p_absent, cohesion=b.cohesion)
    blocs.append(Bloc("away", rng.randint(1, 6), 0.25, 0.5, cohesion=rng.choice([0.0, 1.0])))
    groups = [Group("g", ("b0", "away"), together=rng.choice([0.5, 1.0]))] if rng.random() < 0.5 else []
    grouped = {k for g in groups for k in g.blocs}
    reach = {(0, 0)}
    for b in blocs:
        if b.key not in grouped:
            reach = _sum(reach, _pairs(b))
    for g in groups:
        members = [b for b in blocs if b.key in g.blocs]
        apart = {(0, 0)}
        for b in members:
            apart = _sum(apart, _pairs(b))
        as_one = {(y, a) for (y, _, a) in _group_as_one(members)}
        reach = _sum(reach, (apart if g.together < 1 else set()) | as_one)
    model = ForecastModel(tuple(blocs), PassRule("votes-cast", strict=True), groups=tuple(groups))
    table, fixed = model_table(model)
    assert fixed == sum(b.seats for b in blocs if b.p_absent == 1.0)  # counted apart, as the pairs do not
    cells = {(int(y), int(a)) for y, a in zip(*np.nonzero(table), strict=True)}
    assert cells == {(y, a - fixed) for y, a in reach}


def test_a_bloc_half_away_with_a_quorum_by_hand() -> None:
    """Two members on their own or as one (yes or away, half and half), three certain to stay away, four
    all away or all no together: with a quorum of 2 and a tie failing, yes wins only when the four stay away
    (1/2) and both of the two vote yes (as one 1/2 x 1/2, apart 1/2 x 1/4: 0.375), so 0.1875."""
    blocs = (Bloc("b0", 2, 0.5, 0.5, 0.5), Bloc("b1", 3, 0.0, 1.0, 0.0), Bloc("b2", 4, 0.0, 0.5, 1.0))
    got, _ = p_pass_exact(ForecastModel(blocs, PassRule("votes-cast", strict=True, quorum=2)))
    assert got == pytest.approx(0.1875, abs=1e-15)


def test_a_large_chamber_s_support_stays_the_table_s_size() -> None:
    """9,800 members who never stay away and 100 who vote yes or stay away (a line of yes-or-away pairs):
    the support is worked out on the forecast's own table (9,901 x 101 cells) in shifts, never on a grid of
    every seat by every seat (a sheared table of 9,901 x 10,001 cells and its indices took 1.6 GB)."""
    import tracemalloc

    blocs = (Bloc("a", 5000, 0.5, 0.0, 0.0), Bloc("b", 4800, 0.52, 0.0, 0.5), Bloc("c", 100, 0.9, 0.1, 0.0))
    model = ForecastModel(blocs, PassRule("votes-cast", strict=True))
    tracemalloc.start()
    try:
        table, _ = model_table(model)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert table.shape == (9901, 101)
    assert peak < 40 * table.nbytes  # the transforms' complex tables, a few boolean tables: about 20x
    assert (table[:, 1:] > 0).any() and table.sum() == pytest.approx(1.0)  # absences reached, nothing lost
