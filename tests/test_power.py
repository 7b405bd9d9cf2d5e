"""Power indices and coalitions against brute force, published values and the axioms."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whipcount.errors import PowerError
from whipcount.power import (
    VectorGame,
    WeightedGame,
    banzhaf,
    banzhaf_swings,
    coalitions,
    connected_winning_coalitions,
    dp,
    get_index,
    minimal_winning_coalitions,
    minimum_winning_coalitions,
    power_index,
    registered,
    shapley_shubik,
    vulnerable_coalitions,
    winning_coalitions,
)
from whipcount.power.parlgov import parliaments, sweep

from .strategies_power import equal_weight_games, vector_games, weighted_games

# ---------------------------------------------------------------------------------------------
# Independent truth: every index straight from its definition, over all 2**n coalitions.
# ---------------------------------------------------------------------------------------------

Win = Callable[[frozenset[int]], bool]


def _subsets(n: int) -> list[frozenset[int]]:
    return [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]


def _win_of(game: WeightedGame | VectorGame) -> Win:
    return lambda s: game.is_winning(s)


def brute(game: WeightedGame | VectorGame) -> dict[str, list[Fraction]]:
    """All registered index values, computed from the textbook definitions."""
    n, win = game.n, _win_of(game)
    subsets = _subsets(n)
    winning = [s for s in subsets if win(s)]
    losing = len(subsets) - len(winning)
    swings = [sum(1 for s in winning if i in s and not win(s - {i})) for i in range(n)]
    fact = math.factorial
    ss = [
        Fraction(sum(fact(len(s) - 1) * fact(n - len(s)) for s in winning if i in s and not win(s - {i})), fact(n))
        for i in range(n)
    ]
    out = {
        "banzhaf": [Fraction(x, sum(swings)) for x in swings],
        "penrose": [Fraction(x, 2 ** (n - 1)) for x in swings],
        "shapley-shubik": ss,
        "coleman-prevent": [Fraction(x, len(winning)) for x in swings],
        "coleman-initiate": [Fraction(x, losing) for x in swings],
    }
    if isinstance(game, WeightedGame):
        mwc = [s for s in winning if all(not win(s - {i}) for i in s)]
        out["holler-packel"] = [Fraction(sum(1 for s in mwc if i in s), sum(len(s) for s in mwc)) for i in range(n)]
        out["deegan-packel"] = [
            sum((Fraction(1, len(s)) for s in mwc if i in s), Fraction(0)) / len(mwc) for i in range(n)
        ]
        vulnerable = [(s, [i for i in s if not win(s - {i})]) for s in winning]
        vulnerable = [(s, c) for s, c in vulnerable if c]
        out["johnston"] = [
            sum((Fraction(1, len(c)) for _, c in vulnerable if i in c), Fraction(0)) / len(vulnerable) for i in range(n)
        ]
        out["swings"] = [Fraction(x) for x in swings]
    return out


# ---------------------------------------------------------------------------------------------
# Brute force, property-based
# ---------------------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(weighted_games())
def test_every_registered_index_matches_brute_force(game: WeightedGame) -> None:
    truth = brute(game)
    for index in registered():
        assert list(index(game)) == truth[index.name], index.name
    assert [Fraction(x) for x in banzhaf_swings(game)] == truth["swings"]


@settings(max_examples=60, deadline=None)
@given(weighted_games(proper=False))
def test_improper_games_match_brute_force(game: WeightedGame) -> None:
    truth = brute(game)
    for index in registered():
        assert list(index(game)) == truth[index.name], index.name


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vector_games())
def test_vector_game_banzhaf_and_shapley_match_brute_force(game: VectorGame) -> None:
    truth = brute(game)
    if sum(truth["penrose"]) == 0:
        with pytest.raises(PowerError, match="no swings"):
            banzhaf(game)
        return
    for index in registered():
        if index.vector_games:
            assert list(index(game)) == truth[index.name], index.name
        else:
            with pytest.raises(PowerError, match="vector games"):
                index(game)


@settings(max_examples=80, deadline=None)
@given(weighted_games(max_players=9, max_weight=30))
def test_float_mode_is_within_its_documented_bound(game: WeightedGame) -> None:
    bound = (game.n + 2 * game.quota + 2) * 2.0**-53 * 8  # x8: normalisation by sums of such terms
    for index in registered():
        exact = index(game)
        approx = index(game, exact=False)
        assert all(isinstance(x, float) for x in approx)
        assert max(abs(float(e) - a) for e, a in zip(exact, approx, strict=True)) <= bound, index.name


# ---------------------------------------------------------------------------------------------
# Axioms: efficiency, symmetry, null player
# ---------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(weighted_games(max_players=10))
def test_axioms(game: WeightedGame) -> None:
    truth_dummy = [
        i
        for i in range(game.n)
        if all(not (game.is_winning(s | {i}) and not game.is_winning(s)) for s in _subsets(game.n) if i not in s)
    ]
    for index in registered():
        values = index(game)
        if index.name not in ("penrose", "coleman-prevent", "coleman-initiate"):
            assert sum(values) == 1, index.name  # efficiency (normalised indices)
        for i in truth_dummy:
            assert values[i] == 0, (index.name, i)  # a dummy has no power
        for i in range(game.n):  # equal weights, equal power (symmetry)
            for j in range(i + 1, game.n):
                if game.weights[i] == game.weights[j]:
                    assert values[i] == values[j], index.name


@settings(max_examples=60, deadline=None)
@given(equal_weight_games())
def test_equal_weight_sharing_equals_the_naive_per_player_count(game: WeightedGame) -> None:
    """Swings computed once per distinct weight equal a separate table for each player."""
    for i in range(game.n):
        others = [w for j, w in enumerate(game.weights) if j != i]
        naive = [0] * game.quota
        naive[0] = 1
        for w in others:
            for y in range(game.quota - 1, w - 1, -1):
                naive[y] += naive[y - w]
        expected = sum(naive[max(0, game.quota - game.weights[i]) : game.quota])
        assert banzhaf_swings(game)[i] == expected


# ---------------------------------------------------------------------------------------------
# Published values
# ---------------------------------------------------------------------------------------------


def test_textbook_51_49_48_3_gives_equal_power() -> None:
    # [51; 49, 48, 3]: any two players win, so all three are symmetric (e.g. Felsenthal & Machover 1998,
    # "The Measurement of Voting Power", the classic "small party has equal power" example).
    game = WeightedGame([49, 48, 3], 51)
    for index in registered():
        share = Fraction(1, 2) if index.name in ("penrose", "coleman-prevent", "coleman-initiate") else Fraction(1, 3)
        assert index(game) == (share,) * 3, index.name
    assert banzhaf_swings(game) == (2, 2, 2)


def test_eec_council_1958_published_values() -> None:
    # EEC Council of Ministers 1958, [12; 4, 4, 4, 2, 2, 1] (France, Germany, Italy, Belgium,
    # Netherlands, Luxembourg). Luxembourg is the textbook null player, 0 on both indices (Games 2018,
    # 9(2), 29, https://www.mdpi.com/2073-4336/9/2/29: "standard power indices like the Shapley-Shubik
    # index ... and the Penrose-Banzhaf index ... indicate zero voting power for Luxembourg"). Banzhaf
    # 0.2381 (5/21) for each of the big three and 0.1429 (1/7) for Belgium and the Netherlands, as the
    # powerindex package documents this very game (https://libraries.io/pypi/powerindex/0.2.0, "EEC
    # (1958-1982)": [0.238..., 0.238..., 0.238..., 0.142..., 0.142..., 0.0]). Shapley-Shubik by hand, with
    # Luxembourg out: a member of weight 2 is pivotal when it follows two of the big three and the other
    # 2 (4 + 4 + 2 = 10 before it): 3 pairs x 3! orders before it x 1 after = 18 of 5! = 120, so 3/20;
    # the big three share the rest, (1 - 2 x 3/20) / 3 = 7/30.
    game = WeightedGame([4, 4, 4, 2, 2, 1], 12)
    assert banzhaf(game) == (Fraction(5, 21),) * 3 + (Fraction(1, 7),) * 2 + (Fraction(0),)
    assert shapley_shubik(game) == (Fraction(7, 30),) * 3 + (Fraction(3, 20),) * 2 + (Fraction(0),)
    assert banzhaf_swings(game) == (10, 10, 10, 6, 6, 0)


def test_eec_council_1958_without_a_commission_proposal_gives_luxembourg_power() -> None:
    """Art. 148(2) EEC Treaty: on a Commission proposal 12 of the 17 votes (Luxembourg a null player, as
    above); otherwise 12 votes cast by at least four members, and then Luxembourg is no longer null
    (Games 2018, 9(2), 29, https://www.mdpi.com/2073-4336/9/2/29: "in all other cases ... Luxembourg was not
    a null player, i.e., had positive voting power"). France, Germany and Italy hold 12 votes but are three
    members: Luxembourg's one vote makes them four. Checked against an enumeration of every coalition."""
    from whipcount.power import VectorGame

    weights = [4, 4, 4, 2, 2, 1]
    game = VectorGame([WeightedGame(weights, 12), WeightedGame([1] * 6, 4)])
    n = len(weights)

    def wins(c: tuple[int, ...]) -> bool:
        return sum(weights[i] for i in c) >= 12 and len(c) >= 4

    swings = [sum(1 for k in range(n) for c in combinations([j for j in range(n) if j != i], k)
                  if not wins(c) and wins(tuple(sorted((*c, i))))) for i in range(n)]
    assert swings[5] > 0  # Luxembourg: with France, Germany and Italy
    assert list(banzhaf(game)) == [Fraction(s, sum(swings)) for s in swings]
    assert banzhaf(WeightedGame(weights, 12))[5] == 0  # on a Commission proposal: null, as published


def test_un_security_council_shapley_value() -> None:
    # UN Security Council (since 1965): 9 of 15 votes including all 5 permanent members: [39; 7x5, 1x10].
    # Shapley-Shubik value of a permanent member 421/2145 = 0.1963 and of a non-permanent member
    # 4/2145 = 0.001865 (Shapley & Shubik 1954 for the older council; e.g. Straffin 1993, "Game Theory
    # and Strategy", ch. 8, for the 15-member council; worked out as 84 x 6! x 8! / 15! = 4/2145 in
    # https://gonitsora.com/veto-starting-to-sound-really-good, "the permanent members ... 19.6% each").
    game = WeightedGame([7] * 5 + [1] * 10, 39)
    ss = shapley_shubik(game)
    assert ss[0] == Fraction(421, 2145) and round(float(ss[0]), 4) == 0.1963
    assert ss[5] == Fraction(4, 2145)
    # Banzhaf swings: a permanent member swings in all coalitions with the other 4 and >= 4 others: 848;
    # a non-permanent member: the other 4 permanent, exactly 3 of the other 9 non-permanent: 84.
    assert banzhaf_swings(game) == (848,) * 5 + (84,) * 10


def test_exact_big_game_uses_limbs_and_matches_big_integers() -> None:
    """n = 80 needs counts above 2**62: the limb arithmetic must agree with Python's big integers."""
    weights = [(7 * i) % 13 + 1 for i in range(80)]
    quota = sum(weights) // 2 + 1
    game = WeightedGame(weights, quota)
    assert dp.choose_arithmetic(game.n, quota).kind == "limbs"
    counts = [0] * quota
    counts[0] = 1
    for w in weights[1:]:
        for y in range(quota - 1, w - 1, -1):
            counts[y] += counts[y - w]
    expected = sum(counts[quota - weights[0] : quota])
    assert expected > 2**63
    assert banzhaf_swings(game)[0] == expected
    assert sum(shapley_shubik(game)) == 1
    assert sum(banzhaf(game)) == 1


def test_float_shapley_matches_exact_on_a_large_game() -> None:
    weights = [(37 * i) % 101 + 1 for i in range(120)]
    game = WeightedGame(weights, sum(weights) // 2 + 1)
    exact, approx = shapley_shubik(game), shapley_shubik(game, exact=False)
    assert max(abs(float(a) - b) for a, b in zip(exact, approx, strict=True)) < 1e-12


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("weights", "quota", "message"),
    [
        ([3, 2.5], 4, r"weights\[1\] must be a non-negative integer, got 2.5"),
        ([3, -2], 2, r"weights\[1\] must be a non-negative integer, got -2"),
        ([3, "x"], 2, r"weights\[1\] must be a non-negative integer, got 'x'"),
        ([3, True], 2, r"weights\[1\]"),
        ([], 1, "at least one player"),
        ([3, 2], 6, "quota 6 is above the total weight 5"),
        ([3, 2], 2, "quota 2 is at most half the total weight 5: the game is improper"),
        ([3, 2], 0, "quota must be at least 1"),
        ([3, 2], 2.5, "quota must be a non-negative integer, got 2.5"),
    ],
)
def test_bad_games_raise_power_error_naming_field_and_value(weights: list[object], quota: object, message: str) -> None:
    with pytest.raises(PowerError, match=message):
        WeightedGame(weights, quota)


def test_improper_games_are_allowed_when_asked() -> None:
    game = WeightedGame([3, 2], 2, proper=False)
    assert banzhaf(game) == (Fraction(1, 2), Fraction(1, 2))
    assert isinstance(PowerError("x"), ValueError)


def test_names_are_checked() -> None:
    with pytest.raises(PowerError, match="expected 2 names"):
        WeightedGame([3, 2], 3, names=["a"])
    with pytest.raises(PowerError, match="duplicates a"):
        WeightedGame([3, 2], 3, names=["a", "a"])


def test_vector_game_components_must_agree() -> None:
    with pytest.raises(PowerError, match=r"games\[1\] has 3 players"):
        VectorGame([WeightedGame([1, 1], 2), WeightedGame([1, 1, 1], 2)])


# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------


def test_registry_lists_every_index_and_finds_aliases() -> None:
    names = [ix.name for ix in registered()]
    assert names == [
        "banzhaf",
        "penrose",
        "shapley-shubik",
        "coleman-prevent",
        "coleman-initiate",
        "holler-packel",
        "deegan-packel",
        "johnston",
    ]
    assert get_index("shapley_shubik") is get_index("ss") is shapley_shubik
    with pytest.raises(PowerError, match="unknown power index 'foo'; known: banzhaf"):
        get_index("foo")
    with pytest.raises(ValueError, match="already registered"):
        power_index(name="banzhaf", title="again")(banzhaf.func)


# ---------------------------------------------------------------------------------------------
# Coalitions
# ---------------------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(weighted_games(max_players=9), st.data())
def test_coalition_generators_match_brute_force(game: WeightedGame, data: st.DataObject) -> None:
    subsets = _subsets(game.n)
    winning = {tuple(sorted(s)) for s in subsets if game.is_winning(s)}
    minimal = {s for s in winning if all(not game.is_winning(set(s) - {i}) for i in s)}
    least = min(game.weight_of(s) for s in minimal)
    assert set(winning_coalitions(game)) == winning
    assert len(list(winning_coalitions(game))) == len(winning)  # no duplicates
    assert set(minimal_winning_coalitions(game)) == minimal
    assert set(minimum_winning_coalitions(game)) == {s for s in minimal if game.weight_of(s) == least}
    order = data.draw(st.permutations(range(game.n)))
    pos = {p: k for k, p in enumerate(order)}
    connected = {
        s
        for s in winning
        if max(pos[i] for i in s) - min(pos[i] for i in s) == len(s) - 1
        and all(
            not game.is_winning(set(s) - {i}) for i in s if pos[i] in (min(pos[j] for j in s), max(pos[j] for j in s))
        )
    }
    assert set(connected_winning_coalitions(game, order=order)) == connected
    vulnerable = {s: tuple(i for i in s if not game.is_winning(set(s) - {i})) for s in winning}
    assert dict(vulnerable_coalitions(game)) == {s: c for s, c in vulnerable.items() if c}


def test_coalitions_stream_and_stop_at_the_limit() -> None:
    game = WeightedGame([1] * 40, 21)  # ~5.5e11 winning coalitions: only a generator can do this
    first = list(coalitions(game, "winning", limit=5))
    assert len(first) == 5 and all(len(c) >= 21 for c in first)
    assert len(list(coalitions(game, "minimal", limit=3))) == 3
    assert list(coalitions(game, "minimal", limit=0)) == []  # none asked for: none, and no error
    with pytest.raises(PowerError, match="limit"):
        list(coalitions(game, "minimal", limit=-1))
    with pytest.raises(PowerError, match="kind: expected one of"):
        coalitions(game, "largest")


def test_pakistan_minimum_winning_coalitions() -> None:
    # 2022 National Assembly, 172 of 342 needed; PTI (155) + MMA (14) + GDA (3) = 172 exactly.
    seats = [155, 84, 56, 14, 7, 5, 5, 4, 4, 3, 1, 1, 1, 1]
    game = WeightedGame(seats, 172)
    found = list(minimum_winning_coalitions(game))
    assert all(game.weight_of(c) == 172 for c in found)
    assert (0, 3, 9) in found


# ---------------------------------------------------------------------------------------------
# ParlGov sweep
# ---------------------------------------------------------------------------------------------


def test_parlgov_table_is_bundled_and_complete() -> None:
    chambers = parliaments()
    assert len(chambers) == 844
    assert len({c.country for c in chambers}) == 37
    germany = [c for c in parliaments("deu") if c.election_date == "2021-09-26"]
    assert len(germany) == 1 and germany[0].seats_total == 736 and germany[0].quota == 369


def test_parlgov_sweep_values_add_up_per_parliament() -> None:
    rows = list(sweep(("banzhaf", "shapley-shubik"), country="NZL"))
    by_election: dict[int, list[Fraction]] = {}
    for r in rows:
        by_election.setdefault(r.election_id, []).append(Fraction(r.values["shapley-shubik"]))
    assert by_election and all(sum(v) == 1 for v in by_election.values())
    with pytest.raises(PowerError, match="no ParlGov parliament for 'XXX'"):
        list(sweep(country="XXX"))


def test_an_order_that_is_not_a_permutation_is_refused_with_the_indices_allowed() -> None:
    game = WeightedGame([3, 2, 2], 4)
    with pytest.raises(PowerError, match=r"order must list each of the 3 players once \(indices 0\.\.2 or names\), got"):
        list(connected_winning_coalitions(game, order=[0, 1]))
    with pytest.raises(PowerError, match=r"order: player P1 \(index 0\) is given twice"):
        list(connected_winning_coalitions(game, order=[0, 0, 1]))


def test_duplicate_names_are_named() -> None:
    with pytest.raises(PowerError, match=r"names: must be distinct, got duplicates a$"):
        WeightedGame([3, 2, 2], 4, names=["a", "a", "b"])
    assert WeightedGame([3, 2, 2], 4, names=["a", "b", "c"]).names == ("a", "b", "c")


