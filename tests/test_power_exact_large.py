"""Exact counting at larger sizes: the moduli (2**64 and primes), the row-by-row pivot reader, the
dual game behind float Shapley–Shubik, against independent truths (closed forms, brute force, a naive
reading of the same table, the limb tables)."""

from __future__ import annotations

import math
from fractions import Fraction
from itertools import combinations

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import PowerError
from whipcount.power import WeightedGame, banzhaf, banzhaf_swings, modular, shapley_shubik, sizes, swings_by_size
from whipcount.power.weighted import max_losing_size

from .strategies_power import weighted_games


@pytest.mark.parametrize("bound_bits", [1, 62, 63, 64, 100, 497, 1000])
@pytest.mark.parametrize("bits", [44, 50])
def test_moduli_cover_the_bound_and_none_is_spare(bound_bits: int, bits: int) -> None:
    bound = (1 << bound_bits) - 1
    moduli = modular.moduli_for(bound, bits)
    assert moduli[0] == modular.WORD and all(p < 2**bits for p in moduli[1:])
    assert math.prod(moduli) > bound
    assert len(moduli) == 1 or math.prod(moduli[:-1]) <= bound  # one fewer would not do


@pytest.mark.parametrize("bits", [44, 50])
def test_moduli_at_the_edge_of_one_prime(bits: int) -> None:
    """With P the first prime below 2**bits: values up to 2**64 P - 1 need 2**64 and P (the Chinese remainder
    theorem rebuilds a count in [0, 2**64 P)), one more needs a second prime."""
    (p,) = modular.primes_below(bits, 1)
    fits = modular.WORD * p - 1
    assert modular.moduli_for(fits, bits) == [modular.WORD, p]
    assert modular.moduli_for(fits + 1, bits) == [modular.WORD, *modular.primes_below(bits, 2)]
    assert modular.moduli_for(2**64 - 1, bits) == [modular.WORD]
    assert modular.moduli_for(2**64, bits) == [modular.WORD, p]


def test_the_primality_test_agrees_with_trial_division() -> None:
    def trial(m: int) -> bool:
        return m >= 2 and all(m % d for d in range(2, math.isqrt(m) + 1))

    assert [m for m in range(3000) if modular._is_prime(m)] == [m for m in range(3000) if trial(m)]
    assert modular._is_prime(2**61 - 1) and not modular._is_prime(2**61 + 1)  # a Mersenne prime; 3 divides the other
    assert not modular._is_prime(3215031751)  # a strong pseudoprime to bases 2, 3, 5 and 7


@pytest.mark.parametrize("bits", [33, 34, 35])
def test_primes_stop_where_the_reducer_s_bound_ends(bits: int) -> None:
    """The reducer needs p = 2**b - c with c * 2**(63 - b) < 2**b: at 33 and 34 bits no prime qualifies
    (the first, 2**33 - 9 and 2**34 - 41, are just past it), at 35 bits six do. Found here by trial division
    with a sieve of the primes up to the square root."""
    root = math.isqrt(1 << bits) + 1
    sieve = bytearray([1]) * (root + 1)
    sieve[0:2] = b"\0\0"
    for d in range(2, math.isqrt(root) + 1):
        if sieve[d]:
            sieve[d * d :: d] = bytearray(len(sieve[d * d :: d]))
    small = [d for d in range(root + 1) if sieve[d]]
    allowed = [(1 << bits) - c for c in range(1, 1 << (2 * bits - 63))]  # c * 2**(63 - b) < 2**b
    expected = [m for m in allowed if all(m % d for d in small)]
    assert len(expected) == {33: 0, 34: 0, 35: 6}[bits]
    if expected:
        assert modular.primes_below(bits, len(expected)) == expected
    with pytest.raises(PowerError, match=f"fewer than {len(expected) + 1} primes just below 2\\*\\*{bits}"):
        modular.primes_below(bits, len(expected) + 1)


def test_2_to_the_64_alone_counts_exactly_up_to_2_to_the_62() -> None:
    """[32; 1 x 62]: every player swings in C(61, 31) ~ 2**58 coalitions; one wrapping int64 table."""
    n = 62
    assert modular.moduli_for(1 << n, modular.prime_bits(32)) == [modular.WORD]
    counts = modular.swings_total_modular([1] * n, 32)
    assert counts[1] == math.comb(n - 1, 31)
    assert counts[-1] == sum(math.comb(n, k) for k in range(32))  # losing coalitions: fewer than 32


def _naive_pivots(table: np.ndarray, quota: int, w: int, p: int) -> list[int]:
    """``sum_j (-1)**j (P[k-j][q - j w] - P[k-j][q - (j+1) w])`` with Python integers."""
    rows = table.shape[0]

    def prefix(r: int, x: int) -> int:
        return int(sum(int(v) for v in table[r, : max(x, 0)]))

    out = []
    for k in range(rows):
        total = 0
        for j in range(k + 1):
            if quota - j * w <= 0:
                break
            total += (-1) ** j * (prefix(k - j, quota - j * w) - prefix(k - j, quota - (j + 1) * w))
        out.append(total % p)
    return out


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 6),
    st.integers(1, 30),
    st.lists(st.integers(1, 12), min_size=1, max_size=5, unique=True),
    st.integers(0, 2**32),
)
def test_pivot_reader_matches_the_naive_reading(rows: int, quota: int, distinct: list[int], seed: int) -> None:
    p = modular.primes_below(40, 1)[0]
    table = np.random.default_rng(seed).integers(0, p, size=(rows, quota), dtype=np.int64)

    def prefix(row: npt.NDArray[np.int64]) -> None:
        np.remainder(np.cumsum(row), p, out=row)

    read = sizes.PivotReader(quota, sorted(distinct), rows)(table.copy(), prefix)
    for i, w in enumerate(sorted(distinct)):
        assert [int(v) % p for v in read[i]] == _naive_pivots(table, quota, w, p)


@settings(max_examples=60, deadline=None)
@given(weighted_games(max_players=9, max_weight=15, proper=False))
def test_pivots_of_a_game_are_those_of_its_dual_at_the_complementary_size(game: WeightedGame) -> None:
    """Float Shapley–Shubik reads sizes above (n-1)/2 from the dual game ``q' = W - q + 1``."""
    dual = WeightedGame(game.weights, game.total - game.quota + 1, proper=False)
    n = game.n
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for k in range(n):
            direct = sum(
                1
                for s in combinations(others, k)
                if game.weight_of(s) < game.quota <= game.weight_of(s) + game.weights[i]
            )
            assert swings_by_size(dual)[i][n - 1 - k] == direct


@settings(max_examples=60, deadline=None)
@given(weighted_games(max_players=10, max_weight=20))
def test_float_shapley_shubik_agrees_with_exact_on_small_games(game: WeightedGame) -> None:
    exact = shapley_shubik(game)
    approx = shapley_shubik(game, exact=False)
    assert max(abs(float(e) - a) for e, a in zip(exact, approx, strict=True)) < 1e-12


def test_float_shapley_shubik_stays_accurate_at_300_players() -> None:
    """Before the dual reading the float index was off by about 1e-6 at 250 players and by whole
    units at 500 (the alternating sum over rows far larger than the result)."""
    rng = np.random.default_rng(300)
    weights = [int(w) for w in rng.integers(1, 101, 300)]
    game = WeightedGame(weights, sum(weights) // 2 + 1)
    exact = shapley_shubik(game)
    approx = shapley_shubik(game, exact=False)
    assert sum(exact) == 1
    assert max(abs(float(e) - a) for e, a in zip(exact, approx, strict=True)) < 1e-12


# at 69 and 335 players the middle binomial C(n-1, (n-1)/2) needs the last of the moduli (at 69, C(68, 34) is
# just above 2**64): a bound one player short (C(n-2, .), about half) would ask for one fewer and rebuild it wrongly
@pytest.mark.parametrize("n", [69, 300, 301, 335])
def test_equal_weights_closed_forms_with_many_primes(n: int) -> None:
    """[q; 1 x n]: Shapley–Shubik 1/n each; a player swings in the C(n-1, q-1) coalitions of q-1 others."""
    quota = n // 2 + 1
    game = WeightedGame([1] * n, quota)
    swing = math.comb(n - 1, quota - 1)
    assert swing > 2**64
    assert shapley_shubik(game) == (Fraction(1, n),) * n
    assert banzhaf_swings(game) == (swing,) * n
    assert banzhaf(game) == (Fraction(1, n),) * n
    # by size: only coalitions of exactly q - 1 others, none larger (past the largest losing size) or smaller
    row = (0,) * (quota - 1) + (swing,) + (0,) * (n - quota)
    assert swings_by_size(game) == (row,) * n


def test_two_weight_classes_against_the_closed_form() -> None:
    """[q; 3 x a, 1 x b]: a light player pivots in a coalition of i heavy and l light others iff
    3i + l = q - 1, so its pivots of size i + l are C(a, i) C(b-1, l); the heavy ones take the rest."""
    a, b = 40, 130
    quota = (3 * a + b) // 2 + 1
    game = WeightedGame([3] * a + [1] * b, quota)
    n = a + b
    pivots = [0] * n
    for i in range(a + 1):
        light = quota - 1 - 3 * i
        if 0 <= light <= b - 1:
            pivots[i + light] += math.comb(a, i) * math.comb(b - 1, light)
    assert list(swings_by_size(game)[-1]) == pivots
    value = sum(
        Fraction(c * math.factorial(k) * math.factorial(n - 1 - k), math.factorial(n)) for k, c in enumerate(pivots)
    )
    ss = shapley_shubik(game)
    assert ss[-1] == value
    assert ss[0] == (1 - b * value) / a


def test_random_game_at_150_players_equals_the_limb_tables() -> None:
    """Moduli (2**64 and primes, the row updates planned once, pivots read row by row) against limbs
    (counts split into uint64 lanes with carries, the pivot matrix gathered per weight): two exact paths."""
    rng = np.random.default_rng(150)
    weights = [int(w) for w in rng.integers(1, 201, 150)]
    game = WeightedGame(weights, sum(weights) // 2 + 1)
    modular_counts = swings_by_size(game, method="modular")
    assert max(max(row) for row in modular_counts) > 2**120
    assert modular_counts == swings_by_size(game, method="tables")
    assert banzhaf_swings(game, method="modular") == banzhaf_swings(game, method="tables")
    assert max_losing_size(weights, game.quota) < 150


@pytest.mark.parametrize("shape", ["dictator", "zero weights and two heavy players", "improper"])
def test_moduli_equal_limbs_on_awkward_games(shape: str) -> None:
    """A player heavier than the quota (in no losing coalition), zero weights, an improper quota."""
    rng = np.random.default_rng(91)
    light = [int(x) for x in rng.integers(0, 30, 90)]
    if shape == "dictator":
        game = WeightedGame([*light, 5000], 3500)
    else:
        weights = [*light, 700, 650]
        quota = sum(weights) // 2 + 1
        game = WeightedGame(weights, quota - 400 if shape == "improper" else quota, proper=shape != "improper")
    assert swings_by_size(game, method="modular") == swings_by_size(game, method="tables")
    assert banzhaf_swings(game, method="modular") == banzhaf_swings(game, method="tables")
    exact = shapley_shubik(game)
    assert sum(exact) == 1
    if shape == "dictator":
        assert exact[-1] == 1
    approx = shapley_shubik(game, exact=False)
    assert max(abs(float(e) - a) for e, a in zip(exact, approx, strict=True)) < 1e-12


@pytest.mark.parametrize("cap", [1, 2, 15, 16, 1000, 125_000, 2**20, 2**40])
@pytest.mark.parametrize("rows", [1, 2, 63, 64, 251, 1001])
def test_prime_bits_are_the_largest_that_keep_sums_below_2_to_the_62(cap: int, rows: int) -> None:
    """The contract of prime_bits: cap residues below 2p, and rows residues below p, sum below 2**62 (so do
    2 * cap below p); b is the largest such (at most 56)."""
    def fits(b: int) -> bool:
        return cap * 2 ** (b + 1) < 2**62 and (rows + 1) * 2**b < 2**62 and max(cap, rows + 1) < 2 ** (61 - b)

    b = modular.prime_bits(cap, rows)
    assert fits(b) and (b == 56 or not fits(b + 1))


def test_one_table_above_the_limit_is_refused_in_gib_and_threads_stay_within_it() -> None:
    limit = modular.MAX_MODULAR_BYTES
    with pytest.raises(PowerError, match=r"t: one residue table would take 2\.00 GiB, above the 1\.50 GiB limit"):
        modular.workers_for(None, 2 * 1024**3, "t")
    assert modular.workers_for(8, limit, "t") == 1  # at the limit: built, one at a time
    assert modular.workers_for(8, limit // 4, "t") == 4  # four fit in the limit
    assert modular.workers_for(None, modular.PARALLEL_BYTES + 1, "t") == 1


def test_float_banzhaf_swings_past_64_players_are_the_counts_over_2_to_the_n() -> None:
    """[51; 1 x 101]: each player swings in C(100, 50) coalitions; as floats, that over 2**101 (the float
    table rescales every 64 players, which must come out even)."""
    from whipcount.power.weighted import weighted_swings

    game = WeightedGame([1] * 101, 51)
    expected = math.comb(100, 50) / 2**101
    assert all(abs(float(s) / expected - 1) < 1e-12 for s in weighted_swings(game, False).swings)


def test_small_coalitions_of_many_players_are_reduced_in_time() -> None:
    """[20; 1 x 300] (improper: 20 of 300 wins): only coalitions of 19 others swing, C(299, 19) ~ 2**93 each,
    so the top rows of a 20-row table outgrow int64 long before the rows under them (by a factor of about
    (280 / 19)**2): each must be reduced in time."""
    game = WeightedGame([1] * 300, 20, proper=False)
    row = (0,) * 19 + (math.comb(299, 19),) + (0,) * 280
    assert swings_by_size(game) == (row,) * 300


def test_primes_have_33_to_61_bits() -> None:
    for bits in (32, 62):
        with pytest.raises(PowerError, match=f"primes must have 33 to 61 bits, got {bits}"):
            modular.primes_below(bits, 1)
    assert modular.primes_below(61, 1) == [2**61 - 1]  # a Mersenne prime


def _two_class_pivots(u: int, a: int, v: int, b: int, quota: int) -> list[int]:
    """Pivots by size of a player of weight ``v`` in ``[quota; u x a, v x b]``, counted directly: the
    coalitions of ``i`` of the ``a`` players of weight ``u`` and ``j`` of the other ``b - 1`` of weight ``v``
    with ``quota - v <= u i + v j < quota`` number ``C(a, i) C(b - 1, j)``, of size ``i + j``."""
    pivots = [0] * (a + b)
    for i in range(a + 1):
        for j in range(b):
            if quota - v <= u * i + v * j < quota:
                pivots[i + j] += math.comb(a, i) * math.comb(b - 1, j)
    return pivots


@pytest.mark.parametrize(("n", "a"), [(500, 200), (1000, 400)])
def test_two_weight_classes_at_the_benchmark_sizes(n: int, a: int) -> None:
    """The sizes of the power benchmark's exact targets (Shapley–Shubik at 500 players, Banzhaf at 1000):
    the largest counts need 2**64 and every prime (about 2**494 and 2**995); weights 97 and 100 keep the
    table small. Both classes against the direct count; Shapley–Shubik's values sum to 1."""
    u, v = 97, 100
    b = n - a
    quota = (u * a + v * b) // 2 + 1
    game = WeightedGame([u] * a + [v] * b, quota)
    heavy = _two_class_pivots(u, a, v, b, quota)
    light = _two_class_pivots(v, b, u, a, quota)  # the same count seen from a player of weight u
    assert sum(heavy).bit_length() > n - 8  # within a few bits of 2**(n-1): every modulus is needed
    swings = banzhaf_swings(game)
    assert (swings[0], swings[-1]) == (sum(light), sum(heavy))
    if n <= 500:
        by_size = swings_by_size(game)
        assert (list(by_size[0]), list(by_size[-1])) == (light, heavy)
        ss = shapley_shubik(game)
        fact = [math.factorial(k) for k in range(n + 1)]
        value = sum(Fraction(c * fact[k] * fact[n - 1 - k], fact[n]) for k, c in enumerate(heavy))
        assert ss[-1] == value and ss[0] == (1 - b * value) / a
        approx = shapley_shubik(game, exact=False)
        assert abs(approx[-1] - float(value)) < 1e-12


def test_float_pivots_past_960_players_are_the_counts_over_2_to_the_n() -> None:
    """[20; 1 x 1100] (improper): each player pivots only at size 19, in C(1099, 19) coalitions; as floats, that
    over 2**1100, through a rescale of the size table (every 960 players) and the dual game's table (cells up to
    2**1097 / 2**1100), and Shapley–Shubik 1/1100 each."""
    from whipcount.power import dp

    n = 1100
    assert dp.FLOAT_RESCALE < n
    game = WeightedGame([1] * n, 20, proper=False)
    row = swings_by_size(game, exact=False)[0]
    expected = math.comb(n - 1, 19) / 2**n
    assert expected > 0 and abs(row[19] / expected - 1) < 1e-12
    assert all(abs(v - 1 / n) < 1e-9 for v in shapley_shubik(game, exact=False))
