"""Exact power where the arithmetic changes: int64 tables up to 62 players, modular counts beyond.

A count of coalitions of ``n`` players can reach ``2**(n-1)`` per player, which no longer fits an
``int64`` at 64 players. The games ``[w, 1, 1, ..., 1]`` have closed forms (computed here with
``math.comb`` in Python integers): the big player swings with every coalition of ``k`` small ones for
``q - w <= k < q``; a small player swings when the others weigh exactly ``q - 1``. Vector games with an
OR clause are checked against all ``2**n`` coalitions, written here from the definition.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whipcount.power import VectorGame, WeightedGame, banzhaf, banzhaf_swings, shapley_shubik
from whipcount.power.dp import choose_arithmetic
from whipcount.power.indices import clear_caches, swings_by_size, vector_method

from .test_power_vector import brute_swings_by_size


def _comb(m: int, k: int) -> int:
    return math.comb(m, k) if 0 <= k <= m else 0


def big_and_small(n: int, w: int, q: int) -> tuple[int, int]:
    """Swings of the big player (weight ``w``) and of each of the ``n - 1`` players of weight 1."""
    m = n - 1
    big = sum(_comb(m, k) for k in range(max(q - w, 0), q))
    small = _comb(m - 1, q - 1) + _comb(m - 1, q - 1 - w)
    return big, small


def test_the_arithmetic_switches_after_62_players() -> None:
    assert choose_arithmetic(62, 64).kind == "int64"
    assert choose_arithmetic(63, 64).kind == "limbs"


@pytest.mark.parametrize("n", [62, 63, 64])
@pytest.mark.parametrize("method", ["auto", "tables", "modular", "compiled"])
def test_a_dictator_swings_with_every_coalition_of_the_others(n: int, method: str) -> None:
    # [64; 64, 1 x (n-1)]: the 64-seat player wins alone; n-1 <= 63 small ones never reach 64.
    clear_caches()
    game = WeightedGame([64] + [1] * (n - 1), 64)
    swings = banzhaf_swings(game, method=method)  # type: ignore[arg-type]
    assert swings == (2 ** (n - 1),) + (0,) * (n - 1)
    assert swings[0] > 2**62 or n < 64  # at 64 players the count itself is beyond int64's 2**63 - 1


@pytest.mark.parametrize("n", [62, 63, 64])
@pytest.mark.parametrize(("w", "q"), [(20, 40), (1, 32), (30, 47), (64, 64), (5, 63)])
@pytest.mark.parametrize("method", ["tables", "modular", "compiled"])
def test_one_big_player_and_many_small_ones_by_closed_form(n: int, w: int, q: int, method: str) -> None:
    clear_caches()
    game = WeightedGame([w] + [1] * (n - 1), q, proper=False)
    big, small = big_and_small(n, w, q)
    assert banzhaf_swings(game, method=method) == (big,) + (small,) * (n - 1)  # type: ignore[arg-type]
    total = big + (n - 1) * small
    assert banzhaf(game) == (Fraction(big, total),) + (Fraction(small, total),) * (n - 1)


@pytest.mark.parametrize("n", [62, 63, 64])
def test_shapley_shubik_of_one_big_player_is_the_share_of_sizes_where_it_pivots(n: int) -> None:
    # every size k in [q-w, q) makes the big player pivotal in all C(m, k) orders-classes: 1/n each
    w, q = 20, 40
    game = WeightedGame([w] + [1] * (n - 1), q, proper=False)
    big = Fraction(w, n)
    assert shapley_shubik(game) == (big,) + ((1 - big) / (n - 1),) * (n - 1)
    by_size = swings_by_size(game)
    m = n - 1
    assert list(by_size[0]) == [_comb(m, k) if q - w <= k < q else 0 for k in range(n)]
    small = [0] * n
    small[q - 1] += _comb(m - 1, q - 1)
    small[q - w] += _comb(m - 1, q - 1 - w)
    assert list(by_size[1]) == small


def test_float_counts_agree_with_the_closed_form_at_64_players() -> None:
    game = WeightedGame([20] + [1] * 63, 40, proper=False)
    big, small = big_and_small(64, 20, 40)
    approx = banzhaf(game, exact=False)
    assert approx[0] == pytest.approx(big / (big + 63 * small), rel=1e-12)


@st.composite
def two_weights_with_an_or_clause(draw: st.DrawFn) -> VectorGame:
    """Two different weight criteria (no meet in the middle) and an OR clause on a third weight."""
    n = draw(st.integers(1, 9))
    games = []
    for _ in range(3):
        weights = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
        if sum(weights) == 0:
            weights[0] = 1
        games.append(WeightedGame(weights, draw(st.integers(1, sum(weights))), proper=False))
    return VectorGame(games[:2], or_games=games[2:])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(two_weights_with_an_or_clause())
def test_vector_games_with_an_or_clause_equal_brute_force(game: VectorGame) -> None:
    truth = brute_swings_by_size(game)
    assert [list(row) for row in swings_by_size(game)] == truth
    swings = [sum(row) for row in truth]
    if sum(swings):
        assert list(banzhaf(game)) == [Fraction(s, sum(swings)) for s in swings]
        f, n = math.factorial, game.n
        assert list(shapley_shubik(game)) == [
            Fraction(sum(c * f(k) * f(n - 1 - k) for k, c in enumerate(row)), f(n)) for row in truth
        ]


def test_an_or_clause_by_hand_on_the_brute_force_path() -> None:
    # Win both A = [6; 4, 3, 2, 1] and B = [4; 1, 1, 2, 3], or C = [2; 1, 1, 0, 0] alone.
    # Both A and B: {0,1,3} (A 8, B 5), {0,2,3} (7, 6), {1,2,3} (6, 6), {0,1,2} (9, 4) and all four;
    # {0,1} (A 7, B 2) and {0,2} (A 6, B 3) fail B. C adds {0,1}.
    a = WeightedGame([4, 3, 2, 1], 6, proper=False)
    b = WeightedGame([1, 1, 2, 3], 4, proper=False)
    c = WeightedGame([1, 1, 0, 0], 2, proper=False)
    game = VectorGame([a, b], or_games=[c])
    assert vector_method(game) == "brute-force"
    winning = {frozenset(x) for x in ({0, 1}, {0, 1, 2}, {0, 1, 3}, {0, 2, 3}, {1, 2, 3}, {0, 1, 2, 3})}
    for mask in range(16):
        s = frozenset(i for i in range(4) if mask >> i & 1)
        assert game.is_winning(s) == (s in winning)
    # 0 turns {1}, {1,2}, {1,3}, {2,3} into wins; 1 likewise {0}, {0,2}, {0,3}, {2,3};
    # 2 only {0,3} and {1,3}; 3 only {0,2} and {1,2}
    assert banzhaf_swings(game) == (4, 4, 2, 2)
    assert banzhaf_swings(VectorGame([a, b])) == (3, 3, 3, 3)  # without C: any three of the four


def test_the_table_limit_counts_eight_bytes_a_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    from whipcount.errors import PowerError
    from whipcount.power import dp

    monkeypatch.setattr(dp, "MAX_TABLE_BYTES", 8 * 100)
    dp._check_size((10, 10), dp.Arithmetic("int64"), "t")  # 800 bytes: at the limit, built
    with pytest.raises(PowerError, match=r"t: the exact table would take .*10 x 11 int64 cells"):
        dp._check_size((10, 11), dp.Arithmetic("int64"), "t")


def test_a_table_too_large_is_refused_in_gib_before_any_memory_is_taken() -> None:
    from whipcount.errors import PowerError
    from whipcount.power import dp

    cells = 3 * 1024**3 // 8
    with pytest.raises(PowerError, match=rf"would take 3\.0 GiB \({cells} int64 cells; limit 2 GiB\)"):
        dp._check_size((cells,), dp.Arithmetic("int64"), "t")


@pytest.mark.parametrize("n", [63, 100, 400])
@pytest.mark.parametrize("cap", [2, 1000, 2**20, 2**30])
@pytest.mark.parametrize("rows", [1, 64, 401])
def test_limbs_are_as_wide_as_prefix_sums_allow(n: int, cap: int, rows: int) -> None:
    """The ladder's contract: rows x cap normalised limbs sum below 2**62, the limb within a bit of the widest
    that allows (it goes by bit lengths), 8 to 48 bits, and enough limbs for counts up to 2**n."""
    from whipcount.power.dp import choose_arithmetic

    a = choose_arithmetic(n, cap, rows=rows)
    b = a.limb_bits
    assert a.kind == "limbs" and 8 <= b <= 48
    assert rows * cap * 2**b < 2**62 and (b == 48 or rows * cap * 2 ** (b + 2) >= 2**62)
    assert a.limbs * b > n


def test_the_table_limit_is_2_gib() -> None:
    from whipcount.errors import PowerError
    from whipcount.power import dp

    dp._check_size((2 * 1024**3 // 8,), dp.Arithmetic("int64"), "t")  # exactly 2 GiB: allowed (not built here)
    with pytest.raises(PowerError, match="limit 2 GiB"):
        dp._check_size((2 * 1024**3 // 8 + 1,), dp.Arithmetic("int64"), "t")
