"""Power indices at the edges of their arithmetic, against closed forms written here from the definitions.

* Shapley–Shubik in floats multiplies each swing share by ``2**n / (n * C(n-1, k))``; past 1,023 players
  ``2**n`` no longer fits a float while every term does. In the game ``[w, 1, 1, ..., 1]`` with quota ``q``
  the big player is pivotal exactly when it joins after ``k`` small players with ``q - w <= k < q``, and
  every position in the order is equally likely, so its index is ``w / n`` (for ``w <= q <= n``); the
  small players share the rest equally.
* Penrose in a symmetric majority game of ``n`` players (``n`` even, quota ``n/2 + 1``): a player swings
  exactly when ``n/2`` of the others vote yes, so the index is ``C(n-1, n/2) / 2**(n-1)``.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import PowerError
from whipcount.power import VectorGame, WeightedGame, banzhaf_swings, dp, penrose, shapley_shubik
from whipcount.power.coalitions import connected_winning_coalitions
from whipcount.power.dp import gather_batches
from whipcount.power.indices import Method, clear_caches, swings_by_size
from whipcount.power.vector import MITM_MAX_PLAYERS
from whipcount.power.vector_counts import vector_method


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    clear_caches()


@pytest.mark.parametrize(("n", "w", "q"), [(1100, 100, 600), (1030, 7, 519)])
def test_float_shapley_shubik_beyond_1023_players_matches_the_closed_form(n: int, w: int, q: int) -> None:
    values = shapley_shubik(WeightedGame([w] + [1] * (n - 1), q), exact=False)
    big = w / n
    small = (1 - big) / (n - 1)
    assert values[0] == pytest.approx(big, rel=1e-9)
    assert all(v == pytest.approx(small, rel=1e-9) for v in values[1:])
    assert math.fsum(values) == pytest.approx(1.0, rel=1e-9)


def test_float_shapley_shubik_of_a_symmetric_game_beyond_1023_players() -> None:
    values = shapley_shubik(WeightedGame([1] * 1100, 551), exact=False)
    assert len(values) == 1100
    assert all(v == pytest.approx(1 / 1100, rel=1e-9) for v in values)


def test_exact_shapley_shubik_of_the_big_and_small_game_is_w_over_n() -> None:
    n, w, q = 40, 5, 23
    values = shapley_shubik(WeightedGame([w] + [1] * (n - 1), q))
    assert values[0] == Fraction(w, n)
    assert set(values[1:]) == {Fraction(n - w, n * (n - 1))}


@pytest.mark.parametrize("n", [62, 64, 66])
def test_penrose_of_a_symmetric_majority_game_at_the_int64_boundary(n: int) -> None:
    values = penrose(WeightedGame([1] * n, n // 2 + 1))
    expected = Fraction(math.comb(n - 1, n // 2), 2 ** (n - 1))
    assert set(values) == {expected}


@pytest.mark.parametrize("weights", [[-1, 2, 2], [2, -1, 2]])
def test_a_negative_weight_is_refused(weights: list[int]) -> None:
    with pytest.raises(PowerError, match="non-negative integer, got -1"):
        WeightedGame(weights, 3)


def test_connected_winning_coalitions_drop_a_run_that_still_wins_without_its_left_end() -> None:
    # [1, 2, 2] with quota 4: the run of all three wins, but so does {1, 2} without player 0 (2 + 2 = 4)
    assert list(connected_winning_coalitions(WeightedGame([1, 2, 2], 4))) == [(1, 2)]
    # [2, 2, 1] the other way round: {0, 1} wins and leaving either end loses
    assert list(connected_winning_coalitions(WeightedGame([2, 2, 1], 4))) == [(0, 1)]


@pytest.mark.parametrize(("n", "method"), [(MITM_MAX_PLAYERS, "meet-in-the-middle"),
                                           (MITM_MAX_PLAYERS + 1, "brute-force")])
def test_meet_in_the_middle_reaches_exactly_its_player_limit(n: int, method: str) -> None:
    """A member count plus one weight (the shape meet in the middle counts) up to MITM_MAX_PLAYERS players."""
    game = VectorGame([WeightedGame([1] * n, n // 2 + 1), WeightedGame(list(range(1, n + 1)), n * (n + 1) // 4 + 1)])
    assert vector_method(game) == method


def test_the_modular_path_refuses_a_weight_table_just_over_its_memory_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two int64 rows of ``quota`` cells (16 bytes a cell) must fit MAX_MODULAR_BYTES; one byte less is refused."""
    from whipcount.power import modular

    weights, quota = [3, 2, 2, 1, 1], 5
    monkeypatch.setattr(modular, "MAX_MODULAR_BYTES", 2 * 8 * quota)
    counts = modular.swings_total_modular(weights, quota)
    # the player of weight 3 swings when the others weigh 2 to 4: {2}, {2'}, {1, 1'}, {2, 1}, {2, 1'}, {2', 1},
    # {2', 1'}, {2, 2'}, {2, 1, 1'}, {2', 1, 1'}: 10 coalitions
    assert counts[3] == 10
    monkeypatch.setattr(modular, "MAX_MODULAR_BYTES", 2 * 8 * quota - 1)
    with pytest.raises(PowerError, match="limit"):
        modular.swings_total_modular(weights, quota)


@pytest.mark.parametrize("bad,message", [("many", "must be a whole number, found 'many'"),
                                         ("0", "must be positive, found 0"), ("-5", "must be positive, found -5")])
def test_a_malformed_population_row_is_named_by_its_line_in_the_file(monkeypatch: pytest.MonkeyPatch, bad: str,
                                                                     message: str) -> None:
    from whipcount.power import named

    text = f"# source\n# licence\ncode,name,population\nAT,Austria,8900000\nBE,Belgium,{bad}\n"  # BE on line 5

    class _File:
        def joinpath(self, *parts: str) -> _File:
            return self

        def is_file(self) -> bool:
            return True

        def read_text(self, encoding: str) -> str:
            return text

    monkeypatch.setattr(named.resources, "files", lambda package: _File())
    with pytest.raises(PowerError, match=r"population_2020\.csv, line 5: population " + message):
        named._read_population(2020)


def test_counts_are_integers_when_exact_and_floats_otherwise_even_for_a_player_of_no_weight() -> None:
    from whipcount.power.indices import swings_by_size

    game = WeightedGame([3, 2, 2, 0], 4)
    exact = swings_by_size(game)
    assert all(type(c) is int for row in exact for c in row)
    assert exact[3] == (0, 0, 0, 0)  # a player of no weight never swings
    floats = swings_by_size(game, exact=False)
    assert all(type(c) is float for row in floats for c in row)


def test_a_one_player_game_gives_that_player_all_the_power() -> None:
    game = WeightedGame([1], 1)
    assert banzhaf_swings(game) == (1,)
    assert shapley_shubik(game) == (Fraction(1),) and penrose(game) == (Fraction(1),)


def test_a_vector_game_of_member_counts_alone_matches_brute_force() -> None:
    """Two count clauses (at least 3 of 5, and at least 4 of 5 with every weight 2: 8 of 10) and no weight
    clause: meet in the middle, checked against all 32 coalitions."""
    from .test_power_vector import brute_swings_by_size

    game = VectorGame([WeightedGame([1] * 5, 3), WeightedGame([2] * 5, 8)])
    assert vector_method(game) == "meet-in-the-middle"
    assert [list(r) for r in swings_by_size(game)] == brute_swings_by_size(game)


def test_brute_force_reaches_exactly_its_player_limit() -> None:
    from whipcount.power.vector_counts import brute_win

    game = VectorGame([WeightedGame([3, 1, 2, 2], 5), WeightedGame([1, 4, 2, 2], 5)])
    assert brute_win(game, 4).sum() > 0
    with pytest.raises(PowerError, match="4 players is above the brute-force limit of 3"):
        brute_win(game, 3)


@pytest.mark.parametrize("method", ["tables", "modular"])
def test_swings_by_size_has_one_entry_per_size_whatever_the_arithmetic(method: Method) -> None:
    n = 64  # past the int64 table
    rows = swings_by_size(WeightedGame([2] + [1] * (n - 1), n // 2 + 1), method=method)
    assert {len(r) for r in rows} == {n}
    # a small player swings when the others weigh exactly n/2: C(n-2, n/2) of them without the big one
    # (all small, so of size n/2) and C(n-2, n/2 - 2) with it (size n/2 - 1)
    assert rows[1][n // 2] == math.comb(n - 2, n // 2) and rows[1][n // 2 - 1] == math.comb(n - 2, n // 2 - 2)


def test_a_quota_of_exactly_half_the_total_is_improper() -> None:
    with pytest.raises(PowerError, match="improper"):
        WeightedGame([1, 1], 1)
    assert WeightedGame([1, 1, 1], 2).quota == 2


def test_a_limit_of_zero_lists_nothing_and_a_negative_limit_is_refused() -> None:
    from whipcount.power.coalitions import coalitions, vulnerable_coalitions

    game = WeightedGame([3, 2, 2], 4)
    assert list(vulnerable_coalitions(game, limit=0)) == []
    with pytest.raises(PowerError, match="limit must be a non-negative integer, got -1"):
        vulnerable_coalitions(game, limit=-1)
    # every kind by name, against the definitions: {0, 1}, {0, 2}, {1, 2} win (4 or 5), all three win
    assert sorted(coalitions(game, "winning")) == [(0, 1), (0, 1, 2), (0, 2), (1, 2)]
    assert sorted(coalitions(game, "minimal")) == [(0, 1), (0, 2), (1, 2)]
    assert sorted(coalitions(game, "minimum")) == [(1, 2)]  # the least weight that wins: 2 + 2 = 4


@pytest.mark.parametrize("bound", [1, 2**63, 2**64 - 1, 2**64, 2**200])
def test_the_moduli_can_rebuild_every_value_up_to_the_bound(bound: int) -> None:
    """The product of the moduli must exceed the bound (counts from 0 to bound), and 2**64 alone serves
    while it does."""
    from whipcount.power.modular import WORD, moduli_for

    moduli = moduli_for(bound, 40)
    assert math.prod(moduli) > bound
    assert (moduli == [WORD]) == (bound < WORD)


def test_the_primes_are_the_largest_below_the_power_of_two() -> None:
    from whipcount.power.modular import primes_below

    # the primes just below 2**40, found here by trial division by every prime up to 2**20
    sieve = np.ones(2**20 + 1, dtype=bool)
    sieve[:2] = False
    for i in range(2, 2**10 + 1):
        if sieve[i]:
            sieve[i * i :: i] = False
    small = np.flatnonzero(sieve).astype(np.int64)
    expected = [m for m in range(2**40 - 1, 2**40 - 2000, -2) if np.all(m % small)][:3]
    assert len(expected) == 3 and primes_below(40, 3) == expected


@pytest.mark.parametrize(("weights", "quota"), [([2, 2, 1], 3), ([3, 2, 2, 1], 5), ([4, 3, 2, 1, 1], 6)])
def test_vulnerable_coalitions_match_the_definition(weights: list[int], quota: int) -> None:
    """Winning coalitions with a critical member (one whose leaving makes them lose), with those members;
    a coalition weighing exactly quota + its heaviest member has none."""
    from itertools import combinations

    from whipcount.power.coalitions import vulnerable_coalitions

    expected = set()
    for size in range(1, len(weights) + 1):
        for s in combinations(range(len(weights)), size):
            total = sum(weights[i] for i in s)
            critical = tuple(i for i in s if total - weights[i] < quota)
            if total >= quota and critical:
                expected.add((s, critical))
    got = {(tuple(sorted(c)), tuple(sorted(k))) for c, k in vulnerable_coalitions(WeightedGame(weights, quota))}
    assert got == expected


@pytest.mark.parametrize(("weights", "quota"), [([3, 2, 2, 1, 1], 5), ([1, 1, 1], 2), ([5, 1], 4), ([4, 4], 5)])
def test_the_largest_losing_size_matches_brute_force(weights: list[int], quota: int) -> None:
    from itertools import combinations

    from whipcount.power.weighted import max_losing_size

    expected = max(size for size in range(len(weights) + 1)
                   for s in combinations(weights, size) if sum(s) < quota)
    assert max_losing_size(weights, quota) == expected


@pytest.mark.parametrize("method", ["tables", "modular"])
def test_a_player_of_no_weight_is_counted_alike_by_every_arithmetic(method: Method) -> None:
    from itertools import combinations

    weights, quota = [3, 2, 2, 0, 1], 5
    n = len(weights)
    expected = tuple(
        sum(1 for size in range(n) for s in combinations([j for j in range(n) if j != i], size)
            if quota - weights[i] <= sum(weights[j] for j in s) < quota)
        for i in range(n))
    assert banzhaf_swings(WeightedGame(weights, quota), method=method) == expected
    assert expected[3] == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 400), unique=True, max_size=30).map(sorted), st.integers(1, 5000),
       st.integers(1, 4), st.integers(1, 20_000))
def test_gather_batches_cut_greedily_in_order(distinct: list[int], quota: int, lanes: int, cells: int) -> None:
    """Every weight once, in order; a batch over the budget only as a single weight; and a batch ends only
    where the next weight would not fit (checked by summing the lookups by hand)."""
    need = {w: math.ceil(quota / w) * lanes for w in distinct}
    batches = list(gather_batches(distinct, quota, lanes, cells))
    assert [w for b in batches for w in b] == distinct
    assert all(b for b in batches)
    for i, b in enumerate(batches):
        total = sum(need[w] for w in b)
        assert total <= cells or len(b) == 1, (b, total)
        if i + 1 < len(batches):
            assert total + need[batches[i + 1][0]] > cells, (b, batches[i + 1])


@pytest.mark.parametrize("limit_gib,size_gib", [(2.501, 3.053), (2.497, 3.047)])  # next to a rounding edge
def test_a_refused_table_names_its_size_and_the_limit_in_gib(monkeypatch: pytest.MonkeyPatch, limit_gib: float,
                                                              size_gib: float) -> None:
    """The figures a user reads are the table's bytes and the limit over 2**30, as printed: sizes picked
    where a GiB off by a thousandth would round the other way."""
    limit = int(limit_gib * 2**30)
    cells = int(size_gib * 2**30) // 8
    monkeypatch.setattr(dp, "MAX_TABLE_BYTES", limit)
    with pytest.raises(PowerError) as err:
        dp._check_size((cells,), dp.Arithmetic("int64"), "weight table")
    msg = str(err.value)
    assert f"would take {size_gib:.1f} GiB" in msg and f"limit {round(limit_gib)} GiB" in msg, msg


def test_an_index_keeps_its_short_header_and_one_without_is_headed_by_its_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from whipcount.power import indices

    assert {i.name: i.abbrev for i in indices.registered()}["shapley-shubik"] == "SS"
    monkeypatch.setattr(indices, "_REGISTRY", dict(indices._REGISTRY))  # the test's index is forgotten after
    plain = indices.power_index(name="test-plain", title="A test index")(lambda game, **kw: ())
    assert plain.abbrev == "test-plain"


def test_enumerating_indices_stop_past_a_million_coalitions_by_default() -> None:
    """docs/power.md: 'an error past max_coalitions (default 1,000,000)'."""
    import inspect

    from whipcount.power.indices import deegan_packel, holler_packel, johnston

    for index in (deegan_packel, holler_packel, johnston):
        assert inspect.signature(index).parameters["max_coalitions"].default == 1_000_000, index


def test_players_without_names_are_p1_to_pn() -> None:
    """As docs/power.md's JSON shows them: "players": ["P1", ...]."""
    assert WeightedGame([3, 2, 1], 4).names == ("P1", "P2", "P3")
    assert WeightedGame([3, 2, 1], 4, names=["a", "b", "c"]).names == ("a", "b", "c")


def test_johnston_counts_up_to_its_limit_exactly_and_refuses_past_it() -> None:
    """[2; 1, 1, 1]: three winning pairs, each member of a pair critical (the three together have none),
    so 1/3 each by hand; with a limit of three coalitions that is still the answer, with two it is refused."""
    from whipcount.power.indices import johnston

    game = WeightedGame([1, 1, 1], 2)
    assert johnston(game, max_coalitions=3) == (Fraction(1, 3),) * 3
    with pytest.raises(PowerError, match="more than max_coalitions=2"):
        johnston(game, max_coalitions=2)


def test_the_memory_budgets_are_those_docs_power_md_states() -> None:
    """'unless two fit in 256 MiB (whipcount.power.modular.PARALLEL_BYTES ...); a single table above 1.5 GiB
    (whipcount.power.modular.MAX_MODULAR_BYTES) is an error'."""
    from whipcount.power import modular

    assert modular.PARALLEL_BYTES == 256 * 2**20
    assert modular.MAX_MODULAR_BYTES == 3 * 2**29  # 1.5 GiB
