"""Exact counting modulo primes (whipcount.power.modular) against brute force, the table path and
Python's big integers."""

from __future__ import annotations

import math
import operator
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import PowerError
from whipcount.power import WeightedGame, banzhaf_swings, modular, shapley_shubik, sizes, swings_by_size
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
    with pytest.raises(PowerError, match="method must be 'auto', 'tables' or 'modular', got 'fast'"):
        banzhaf_swings(WeightedGame([2, 1], 2), method="fast")  # type: ignore[arg-type]
