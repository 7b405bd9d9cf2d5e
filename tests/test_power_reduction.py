"""Equivalent smaller games (whipcount.power.reduction): every index of a game counted over its smaller
equivalent is the Fraction brute force gives over every coalition (and every joining order for
Shapley–Shubik), on thousands of random games with large weights, common factors, dummies and quotas at
the edges; and the games the tables could not hold (three members of 10**10 votes and 30 of one) against
hand computations."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable
from fractions import Fraction

import pytest

from whipcount.power import WeightedGame, banzhaf_swings, get_index, registered, swings_by_size
from whipcount.power.indices import clear_caches
from whipcount.power.reduction import reduced

# -- brute force: the definitions, over every coalition ---------------------------------------------------


def _wins(game: WeightedGame, mask: int) -> bool:
    return sum(w for i, w in enumerate(game.weights) if mask >> i & 1) >= game.quota


def _brute(game: WeightedGame) -> dict[str, tuple[Fraction, ...]]:
    """Every index from its definition in docs/power.md, over all 2**n coalitions (Shapley–Shubik over all
    n! orders)."""
    n = game.n
    win = [_wins(game, m) for m in range(1 << n)]
    swings = [sum(1 for m in range(1 << n) if not m >> i & 1 and win[m | 1 << i] and not win[m]) for i in range(n)]
    winning = sum(win)
    losing = (1 << n) - winning
    minimal = [m for m in range(1 << n) if win[m] and all(not win[m & ~(1 << i)] for i in range(n) if m >> i & 1)]
    members = [[i for i in range(n) if m >> i & 1] for m in minimal]
    vulnerable = []
    for m in range(1 << n):
        critical = [i for i in range(n) if m >> i & 1 and win[m] and not win[m & ~(1 << i)]]
        if critical:
            vulnerable.append(critical)
    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            if win[mask | 1 << i]:
                pivots[i] += 1
                break
            mask |= 1 << i
    total_swings = sum(swings)
    hp = [sum(1 for c in members if i in c) for i in range(n)]
    return {
        "banzhaf": tuple(Fraction(s, total_swings) for s in swings),
        "penrose": tuple(Fraction(s, 1 << (n - 1)) for s in swings),
        "shapley_shubik": tuple(Fraction(p, math.factorial(n)) for p in pivots),
        "coleman_prevent": tuple(Fraction(s, winning) for s in swings),
        "coleman_initiate": tuple(Fraction(s, losing) for s in swings),
        "holler_packel": tuple(Fraction(h, sum(hp)) for h in hp),
        "deegan_packel": tuple(sum((Fraction(1, len(c)) for c in members if i in c), Fraction(0)) / len(members)
                               for i in range(n)),
        "johnston": tuple(sum((Fraction(1, len(c)) for c in vulnerable if i in c), Fraction(0)) / len(vulnerable)
                          for i in range(n)),
        "swings": tuple(Fraction(s) for s in swings),
    }


# -- random games of the shapes the rules are for ---------------------------------------------------------


def _random_game(rng: random.Random) -> WeightedGame:
    """A few large players and a few small ones: large weights multiples of a factor beyond the small ones'
    sum (or of a factor below it, or unrelated), everything maybe times a common factor, zero weights, and a
    quota anywhere from 1 to the total, often at an edge (a large sum, one above or below it)."""
    n_large, n_small = rng.randint(0, 4), rng.randint(0, 4)
    small = [rng.choice((0, 1, 1, 2, 3, 5)) for _ in range(n_small)]
    shape = rng.random()
    if shape < 0.4:
        factor = sum(small) + rng.randint(1, 3)  # a factor beyond the small ones: rule 2 (or 3)
    elif shape < 0.7:
        factor = rng.choice((10**6, 10**10, 3**40))
    else:
        factor = rng.randint(1, max(1, sum(small)))  # no clean gap
    large = [factor * rng.randint(1, 4) + (rng.randint(0, 2) if rng.random() < 0.2 else 0) for _ in range(n_large)]
    weights = large + small
    if not any(weights):
        weights.append(rng.randint(1, 7))
    common = rng.choice((1, 1, 2, 3, 7, 10**9))
    weights = [w * common for w in weights]
    rng.shuffle(weights)
    total = sum(weights)
    sums = sorted({sum(c) for r in range(len(weights) + 1) for c in itertools.combinations(weights, r)})
    pick = rng.random()
    if pick < 0.6:
        quota = rng.choice(sums) + rng.choice((-1, 0, 0, 1))
    elif pick < 0.8:
        quota = rng.choice((1, total, total - 1, total // 2, total // 2 + 1))
    else:
        quota = rng.randint(1, total)
    return WeightedGame(weights, min(max(quota, 1), total), proper=False)


def _indices(game: WeightedGame, exact: bool = True) -> dict[str, tuple[Fraction | float, ...]]:
    out: dict[str, tuple[Fraction | float, ...]] = {ix.key: ix(game, exact=exact) for ix in registered()}
    out["swings"] = tuple(Fraction(s) for s in banzhaf_swings(game))
    return out


def test_random_games_against_brute_force() -> None:
    rng = random.Random(20261207)
    fired = 0
    for _ in range(2500):
        game = _random_game(rng)
        red = reduced(game)
        fired += red is not None
        if red is not None:  # the smaller game wins with exactly the same coalitions, dummies left out
            for mask in range(1 << game.n):
                inner = sum(1 << j for j, p in enumerate(red.kept) if mask >> p & 1)
                assert _wins(game, mask) == _wins(red.game, inner), (game, red)
        truth = _brute(game)
        assert _indices(game) == truth, game
    assert fired > 1500


def test_random_games_by_size_and_in_floats() -> None:
    """Swings by size, Shapley–Shubik's count, against brute force; float indices within 1e-12."""
    rng = random.Random(7)
    for _ in range(600):
        game = _random_game(rng)
        n = game.n
        win = [_wins(game, m) for m in range(1 << n)]
        expect = tuple(
            tuple(sum(1 for m in range(1 << n) if not m >> i & 1 and m.bit_count() == k and win[m | 1 << i]
                      and not win[m]) for k in range(n))
            for i in range(n))
        assert swings_by_size(game) == expect, game
        by_float = swings_by_size(game, exact=False)
        for row, exact_row in zip(by_float, expect, strict=True):
            assert all(abs(x - c / 2**n) <= 1e-12 for x, c in zip(row, exact_row, strict=True)), game
        truth = _brute(game)
        for key, values in _indices(game, exact=False).items():
            if key != "swings":
                exact_values = truth[key]
                assert all(abs(float(v) - float(e)) <= 1e-12 for v, e in zip(values, exact_values, strict=True))


@pytest.mark.parametrize("seed", range(3))
def test_against_the_unreduced_tables(seed: int) -> None:
    """Games of 12 to 20 players that the tables count without the rules too (method='tables' and
    'modular' never reduce): the same swings, by size and in all."""
    rng = random.Random(seed)
    for _ in range(25):
        small = [rng.randint(0, 3) for _ in range(rng.randint(4, 12))]
        factor = sum(small) + rng.randint(1, 5)
        large = [factor * rng.randint(1, 5) for _ in range(rng.randint(1, 8))]
        common = rng.choice((1, 2, 5))
        weights = [w * common for w in large + small]
        game = WeightedGame(weights, rng.randint(1, sum(weights)), proper=False)
        if sum(weights) == 0:
            continue
        assert reduced(game) is not None
        assert banzhaf_swings(game) == banzhaf_swings(game, method="tables") == banzhaf_swings(game, method="modular")
        assert swings_by_size(game) == swings_by_size(game, method="tables")


# -- the games the tables could not hold -------------------------------------------------------------------

GIANT = 10**10
THREE_AND_THIRTY = [GIANT] * 3 + [1] * 30


def test_three_giants_any_two_win_the_rest_are_dummies() -> None:
    """Quota 2 * 10**10: any two of the three win, the 30 one-vote members never matter (by hand). The
    tables had asked for 74.5 GiB; the smaller game is [2; 1, 1, 1]."""
    game = WeightedGame(THREE_AND_THIRTY, 2 * GIANT)
    third, zero = [Fraction(1, 3)] * 3, [Fraction(0)] * 30
    for name in ("banzhaf", "shapley-shubik", "holler-packel", "deegan-packel", "johnston"):
        assert list(get_index(name)(game)) == third + zero, name
    # a giant swings when exactly one other giant is in: 2 ways x 2**30 for the one-vote members
    assert banzhaf_swings(game) == (2 * 2**30,) * 3 + (0,) * 30
    assert list(get_index("penrose")(game)) == [Fraction(1, 2)] * 3 + zero
    # winning: at least two giants (4 of the 8 sets of giants), times 2**30
    assert list(get_index("coleman-prevent")(game)) == [Fraction(2 * 2**30, 4 * 2**30)] * 3 + zero


def test_three_giants_and_one_vote_to_spare() -> None:
    """Quota 2 * 10**10 + 1: two giants need one more vote. By hand: a giant swings with one other giant and
    any one-vote members but none (2 x (2**30 - 1)) or with both other giants alone (1): 2**31 - 1; a
    one-vote member swings only with exactly two giants and no other vote (3)."""
    game = WeightedGame(THREE_AND_THIRTY, 2 * GIANT + 1)
    assert banzhaf_swings(game) == (2**31 - 1,) * 3 + (3,) * 30
    total = 3 * (2**31 - 1) + 90
    assert list(get_index("banzhaf")(game)) == [Fraction(2**31 - 1, total)] * 3 + [Fraction(3, total)] * 30
    # Shapley–Shubik: a one-vote member pivots when both giants before him and no one-vote member: the
    # orders of the 33 whose first three are two giants and then him: C(3,2) * 2! * 1 * 30! / 33!, by hand
    ss = get_index("shapley-shubik")(game)
    one_vote = Fraction(3 * 2 * math.factorial(30), math.factorial(33))
    assert ss[3:] == (one_vote,) * 30 and sum(ss) == 1 and ss[0] == ss[1] == ss[2]


@pytest.mark.parametrize("quota", [15 * GIANT // 10 + 16, 3 * GIANT + 30, GIANT, GIANT + 30, GIANT + 31])
def test_three_giants_at_other_quotas_match_brute_force_of_a_smaller_copy(quota: int) -> None:
    """The same game with giants of 31 votes: each rule's game wins with the same coalitions of giants and
    one-vote members as long as the giants outweigh all 30 together, so every index must agree with the
    game of 31s at the quota moved the same way; that one the tables count without any rule."""
    clear_caches()
    game = WeightedGame(THREE_AND_THIRTY, quota, proper=False)
    j, r = divmod(quota, GIANT)
    copy = WeightedGame([31] * 3 + [1] * 30, j * 31 + min(r, 31), proper=False)
    swings = banzhaf_swings(copy, method="tables")  # the tables never apply the rules
    assert banzhaf_swings(game) == swings
    assert get_index("banzhaf")(game) == tuple(Fraction(s, sum(swings)) for s in swings)
    assert swings_by_size(game) == swings_by_size(copy, method="tables")


def test_the_named_case_on_the_command_line(run_cli: Callable[..., object]) -> None:
    import json

    result = run_cli("power", "--quota", str(2 * GIANT + 1), *map(str, THREE_AND_THIRTY), "--index",
                     "banzhaf,shapley-shubik", "--json")
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    data = json.loads(result.out)  # type: ignore[attr-defined]
    assert data["swings"] == [2**31 - 1] * 3 + [3] * 30
    assert sum(Fraction(v["exact"]) for v in data["indices"]["shapley_shubik"]) == 1
