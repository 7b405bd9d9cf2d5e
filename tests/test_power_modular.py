"""Exact counting modulo primes (whipcount.power.modular) against brute force, the table path and
Python's big integers."""

from __future__ import annotations

import math
import operator
from fractions import Fraction
from itertools import combinations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import PowerError
from whipcount.power import WeightedGame, banzhaf_swings, dp, modular, shapley_shubik, sizes, swings_by_size
from whipcount.power.indices import clear_caches

from .strategies_power import equal_weight_games, weighted_games


def _brute_swings_by_size(game: WeightedGame) -> list[list[int]]:
    """``out[i][k]``: coalitions of ``k`` others that lose without ``i`` and win with ``i`` (all subsets)."""
    n = game.n
    out = [[0] * n for _ in range(n)]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for k in range(n):
            for s in combinations(others, k):
                weight = game.weight_of(s)
                if weight < game.quota <= weight + game.weights[i]:
                    out[i][k] += 1
    return out


def _big_int_swings_by_size(weights: list[int], quota: int, i: int) -> list[int]:
    """Player ``i``'s swings by size: a size x weight table of the others in Python integers."""
    n = len(weights)
    table = [[0] * quota for _ in range(n)]
    table[0][0] = 1
    for j, w in enumerate(weights):
        if j == i:
            continue
        for k in range(n - 1, 0, -1):  # top-down: row k - 1 is still the old one
            row, below = table[k], table[k - 1]
            row[w:] = map(operator.add, row[w:], below[: quota - w])
    lo = max(0, quota - weights[i])
    return [sum(table[k][lo:quota]) for k in range(n)]


@settings(max_examples=120, deadline=None)
@given(st.one_of(weighted_games(max_players=9, max_weight=20), equal_weight_games()))
def test_modular_path_equals_tables_and_brute_force(game: WeightedGame) -> None:
    truth = _brute_swings_by_size(game)
    assert [list(row) for row in swings_by_size(game, method="modular")] == truth
    assert [list(row) for row in swings_by_size(game, method="tables")] == truth
    assert list(banzhaf_swings(game, method="modular")) == [sum(row) for row in truth]
    assert banzhaf_swings(game, method="modular") == banzhaf_swings(game, method="tables")


@settings(max_examples=40, deadline=None)
@given(weighted_games(max_players=8, max_weight=12, proper=False))
def test_modular_path_on_improper_games(game: WeightedGame) -> None:
    truth = _brute_swings_by_size(game)
    assert [list(row) for row in swings_by_size(game, method="modular")] == truth


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 2**200), min_size=1, max_size=6))
def test_crt_rebuilds_values_below_the_product_of_the_primes(values: list[int]) -> None:
    primes = modular.primes_below(45, 6)  # product above 2**264
    assert all(modular._is_prime(p) and p < 2**45 for p in primes) and len(set(primes)) == 6
    residues = [[v % p for v in values] for p in primes]
    assert modular.crt(residues, primes) == values


def _prime_by_trial_division(m: int) -> bool:
    return m > 1 and all(m % d for d in range(2, math.isqrt(m) + 1))


def test_primes_are_the_largest_below_the_power_of_two() -> None:
    primes = modular.primes_below(40, 3)
    assert all(_prime_by_trial_division(p) for p in primes)
    gaps = [m for m in range(primes[-1], 2**40) if m not in primes]
    assert not any(_prime_by_trial_division(m) for m in gaps if m % 2)  # none skipped
    assert modular.primes_below(61, 1) == [2**61 - 1]  # a Mersenne prime
    with pytest.raises(PowerError, match="33 to 61 bits, got 20"):
        modular.primes_below(20, 1)


def test_a_prime_weight_table_ends_below_twice_the_prime_whenever_it_was_reduced() -> None:
    """62 players of weight 1: the cells double with each one, so the table is reduced before the 62nd
    (its bound reaches 2**61) and once more at the end; every cell ends below 2p and is C(62, y) mod p."""
    for bits in (44, 61):
        p = modular.primes_below(bits, 1)[0]
        table = modular._weight_residues([1] * 62, 63, p)
        assert all(0 <= int(v) < 2 * p for v in table)
        assert [int(v) % p for v in table] == [math.comb(62, y) % p for y in range(63)]


def test_counts_above_2_to_the_64_survive_the_chinese_remainder_theorem() -> None:
    """[n//2 + 1; 1 x n] for n = 80: swing counts C(79, 40) ~ 2**75, pivots by size C(79, 40)."""
    n = 80
    game = WeightedGame([1] * n, n // 2 + 1)
    swing = math.comb(n - 1, n // 2)
    assert swing > 2**64
    assert banzhaf_swings(game, method="modular") == (swing,) * n
    by_size = swings_by_size(game, method="modular")
    assert by_size[0] == tuple(swing if k == n // 2 else 0 for k in range(n))
    assert shapley_shubik(game) == (Fraction(1, n),) * n


def test_modular_matches_python_big_integers_at_n_120() -> None:
    weights = [(5 * i) % 11 + 1 for i in range(120)]
    quota = sum(weights) // 2 + 1
    game = WeightedGame(weights, quota)
    by_size = swings_by_size(game, method="modular")
    for i in (0, 1, 9):  # weights 1, 6 and 2
        expected = _big_int_swings_by_size(weights, quota, i)
        assert max(expected) > 2**100
        assert list(by_size[i]) == expected
    assert by_size == swings_by_size(game, method="tables")
    assert banzhaf_swings(game, method="modular") == banzhaf_swings(game, method="tables")


def test_two_workers_and_one_give_the_same_residues() -> None:
    weights = [(13 * i) % 41 + 1 for i in range(90)]
    quota = sum(weights) // 2 + 1
    one = sizes.swings_by_size_modular(weights, quota, 60, 90, workers=1)
    two = sizes.swings_by_size_modular(weights, quota, 60, 90, workers=2)
    assert one == two
    assert modular.swings_total_modular(weights, quota, workers=1) == modular.swings_total_modular(
        weights, quota, workers=2
    )


def test_oversized_residue_table_is_refused_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(modular, "MAX_MODULAR_BYTES", 1024)
    clear_caches()
    game = WeightedGame(list(range(1, 81)), 1621)
    with pytest.raises(PowerError, match=r"residue table would take .* GiB.*use exact=False \(--float\)"):
        shapley_shubik(game)
    clear_caches()


def test_unknown_method_is_a_clear_error() -> None:
    with pytest.raises(PowerError, match="method: expected one of 'auto', 'tables', 'modular', 'compiled', got 'fast'"):
        banzhaf_swings(WeightedGame([2, 1], 2), method="fast")  # type: ignore[arg-type]


def _big_int_table(weights: list[int], quota: int, rows: int) -> list[list[int]]:
    """Coalitions of all players by size ``0..rows`` and weight below ``quota``, in Python integers."""
    table = [[0] * quota for _ in range(rows + 1)]
    table[0][0] = 1
    for w in weights:
        for k in range(rows, 0, -1):  # top-down: row k - 1 is still the old one
            table[k][w:] = map(operator.add, table[k][w:], table[k - 1][: quota - w])
    return table


@pytest.mark.parametrize(("n", "kind"), [(40, "int64"), (150, "float64")])
def test_the_one_lane_tables_run_in_the_wavefront_and_count_as_big_integers(n: int, kind: str) -> None:
    """int64 (exact, three groups of players) and float64 (counts / 2**n, rescaled every 64 players)."""
    weights = [(7 * i) % 23 + 1 for i in range(n)]
    quota = sum(weights) // 2 + 1
    truth = _big_int_table(weights, quota, n // 2)
    arith = dp.choose_arithmetic(n, quota, rows=n // 2 + 1, exact=kind == "int64")
    assert arith.kind == kind
    table = dp.size_weight_table(weights, quota, n // 2, arith)[:, 0, :]
    if kind == "int64":
        assert table.tolist() == truth
    else:
        expected = np.array([[float(Fraction(v, 2**n)) for v in row] for row in truth])
        assert np.max(expected) > 2.0**-20
        np.testing.assert_allclose(table, expected, rtol=1e-12, atol=0)


@pytest.mark.parametrize("group", [1, 2, 7, 16, 200])
def test_any_wavefront_of_players_gives_the_counts_of_python_big_integers(group: int) -> None:
    """Players applied in groups of any size (each a row behind the one before), with reductions planned
    between them (130 players: cells pass 2**62 many times) and a player of weight 0."""
    weights = [(7 * i) % 23 + 1 for i in range(129)] + [0]
    quota = sum(weights) // 2 + 1
    rows = len(weights) - 1
    steps = sizes.plan_updates(weights, quota, rows, 2 << 44)
    assert sum(len(reduce) for reduce, _ in steps) > 50  # the reductions are interleaved, not trivial
    p = modular.primes_below(44, 1)[0]
    ops = sizes.wavefront(steps, group)
    table = sizes.size_weight_residues(ops, rows + 1, quota, p)
    word = sizes.size_weight_residues(ops, rows + 1, quota, modular.WORD)
    truth = _big_int_table(weights, quota, rows)
    assert max(max(row) for row in truth) > 2**100
    assert all(0 <= int(v) < 2 * p for v in table.ravel())
    assert [[int(v) % p for v in row] for row in table] == [[v % p for v in row] for row in truth]
    assert [[int(v) for v in row] for row in word.view(np.uint64)] == [[v % 2**64 for v in row] for row in truth]


def _check_order(steps: list[sizes.Step], order: list[tuple[int, sizes.Op]]) -> None:
    """Every operation of every player exactly once, and each row as the player-by-player order has it when
    an operation touches it: an update of row k by player j reads row k - 1 once every earlier player's
    update of that row (and every reduction planned before j) is done, and before j or a later player writes
    it; a reduction of row k planned before player j comes after every earlier player's update of row k and
    before j reads or writes the row."""
    planned = sorted((j, (k, a, b, sizes.REDUCE)) for j, (reduce, _) in enumerate(steps) for k, a, b in reduce)
    planned += sorted((j, u) for j, (_, updates) in enumerate(steps) for u in updates)
    assert sorted(order) == sorted(planned)
    at = {item: i for i, item in enumerate(order)}
    writes: dict[int, list[tuple[int, int]]] = {}  # row -> (player, position) of its updates
    reductions: dict[int, list[tuple[int, int]]] = {}
    reads: dict[int, list[tuple[int, int]]] = {}  # row -> (player, position) of the updates reading it
    for (j, (k, _, _, w)), i in at.items():
        if w == sizes.REDUCE:
            reductions.setdefault(k, []).append((j, i))
        else:
            writes.setdefault(k, []).append((j, i))
            reads.setdefault(k - 1, []).append((j, i))
    for k, readers in reads.items():
        for j, i in readers:
            assert all((p < j) == (pos < i) for p, pos in writes.get(k, [])), (k, j)
            assert all((p <= j) == (pos < i) for p, pos in reductions.get(k, [])), (k, j)
    for k, done in reductions.items():
        for j, i in done:
            assert all((p < j) == (pos < i) for p, pos in writes.get(k, [])), (k, j)
            assert all((p < j) == (pos < i) for p, pos in reads.get(k, [])), (k, j)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 40), min_size=80, max_size=150),
    st.integers(1, 40),
    st.sampled_from([2 << 33, 2 << 44, 2 << 50]),
)
def test_the_wavefront_keeps_every_row_as_the_players_in_turn_would(
    weights: list[int], group: int, prime_bound: int
) -> None:
    quota = sum(weights) // 2 + 1
    steps = sizes.plan_updates(weights, quota, len(weights), prime_bound)
    assert any(reduce for reduce, _ in steps[:-1])  # reductions between players, not only the final one
    _check_order(steps, sizes.wavefront_order(steps, group))


def test_the_wavefront_comes_back_to_a_row_while_it_is_still_in_cache() -> None:
    """The point of the order: the players of a group update a row one shortly after another (a few sweep
    positions apart), not after a pass over every other row as one player at a time would."""
    weights = [(11 * i) % 37 + 1 for i in range(160)]
    steps = sizes.plan_updates(weights, sum(weights) // 2 + 1, 159, 2 << 44)
    group = 8
    order = sizes.wavefront_order(steps, group)
    seen: dict[tuple[int, int], int] = {}  # (group, row) -> position of the last update
    gaps = []
    for i, (player, (k, _, _, w)) in enumerate(order):
        if w != sizes.REDUCE:
            key = (player // group, k)
            if key in seen:
                gaps.append(i - seen[key])
            seen[key] = i
    assert len(gaps) > 5000
    assert max(gaps) <= 4 * group  # one position later: at most two positions' operations in between
    sequential = sizes.wavefront_order(steps, 1)
    assert [op for _, op in sorted(order)] == [op for _, op in sorted(sequential)]
