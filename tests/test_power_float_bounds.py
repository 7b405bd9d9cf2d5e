"""Every float index lies within its mathematical bounds and near the exact fraction, over seeded random
games: sizes 2 to 60, weights 1 to 1,000 (some shared by many players, some a giant beside players of one
seat), quotas from 1 to the total. A float is a share, between 0 and 1; the normalised ones (Banzhaf,
Shapley–Shubik) add up to 1 within rounding. A dictator's float Shapley–Shubik index had come out above 1
(1.0000000000000306 beside 51 players of one seat), which a check ``0 <= x <= 1`` trips on.

The floats are read before they are brought within ``[0, 1]`` (the clamp is wrapped to record what it is
given): each lies within the documented rounding bound of the exact fraction, so the clamp never moves a
value further than that bound; a NaN, an infinity or a value further out is refused, not clamped."""

from __future__ import annotations

import math
import random
from collections.abc import Iterable

import pytest

from whipcount.power import (
    VectorGame,
    WeightedGame,
    banzhaf,
    coleman_initiate,
    coleman_prevent,
    float_range,
    penrose,
    shapley_shubik,
)
from whipcount.power.indices import _rounding, clear_caches
from whipcount.power.parlgov import sweep

INDICES = (banzhaf, penrose, shapley_shubik, coleman_prevent, coleman_initiate)
NORMALISED = (banzhaf, shapley_shubik)
GAMES = 300


def _weights(rng: random.Random, n: int) -> list[int]:
    shape = rng.random()
    if shape < 0.25:  # a few weights, each shared by many players
        kinds = [rng.randint(1, 1000) for _ in range(rng.randint(1, 3))]
        return [rng.choice(kinds) for _ in range(n)]
    if shape < 0.5:  # a giant beside players of one seat: often a dictator
        return [rng.randint(n, 3000)] + [1] * (n - 1)
    return [rng.randint(1, 1000) for _ in range(n)]


def _game(seed: int) -> WeightedGame:
    rng = random.Random(seed)
    weights = _weights(rng, rng.randint(2, 60 if seed % 4 else 20))
    total = sum(weights)
    quota = rng.choice([total, total // 2 + 1, rng.randint(total // 2 + 1, total), rng.randint(1, total)])
    return WeightedGame(weights, quota, proper=False)


class _Clamps:
    """What :func:`float_range.unit` is given and gives back, call by call."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
        clamp = float_range.unit

        def recording(values: Iterable[float], index: str, bound: float) -> tuple[float, ...]:
            raw = tuple(values)
            out = clamp(raw, index, bound)
            self.calls.append((raw, out))
            return out

        monkeypatch.setattr(float_range, "unit", recording)


@pytest.fixture
def clamps(monkeypatch: pytest.MonkeyPatch) -> _Clamps:
    return _Clamps(monkeypatch)


def _check(game: WeightedGame | VectorGame, label: object, clamps: _Clamps) -> None:
    bound = _rounding(game)
    for index in INDICES:
        clamps.calls.clear()
        floats = index(game, exact=False)
        exact = index(game)
        raw, given = clamps.calls[-1]  # the index's own values, before the clamp (normalised ones: after dividing)
        assert given == floats, (label, index.name)
        for moved_from, moved_to in (pair for call in clamps.calls for pair in zip(*call, strict=True)):
            assert abs(moved_from - moved_to) <= bound, (label, index.name, moved_from, moved_to)
        for player, (r, f, e) in enumerate(zip(raw, floats, exact, strict=True)):
            assert abs(r - float(e)) <= bound, (label, index.name, player, r, e, bound)
            assert 0.0 <= f <= 1.0, (label, index.name, player, f)
        if index in NORMALISED:
            assert abs(math.fsum(floats) - 1.0) <= 4 * game.n * 2.0**-53, (label, index.name, math.fsum(floats))


@pytest.mark.parametrize("block", range(6))
def test_float_indices_keep_their_bounds_and_the_exact_values(block: int, clamps: _Clamps) -> None:
    for seed in range(block * GAMES // 6, (block + 1) * GAMES // 6):
        _check(_game(seed), seed, clamps)
        clear_caches()


@pytest.mark.parametrize("n", [5, 17, 52])
def test_a_dictator_holds_all_the_power_and_no_more(n: int) -> None:
    # by hand: a player whose seats reach the quota alone, the others together short of it, is pivotal in
    # every order and swings in every coalition of the others; the others never
    game = WeightedGame([3 * n] + [1] * (n - 1), 2 * n, proper=False)
    for index in INDICES:
        assert index(game, exact=False) == (1.0,) + (0.0,) * (n - 1), index.name


def test_vector_games_keep_their_bounds(clamps: _Clamps) -> None:
    for seed in range(40):
        rng = random.Random(1000 + seed)
        n = rng.randint(2, 10)
        weights = [rng.randint(1, 1000) if rng.random() < 0.8 else rng.choice([1, 5000]) for _ in range(n)]
        count = WeightedGame([1] * n, rng.randint(1, n), proper=False)
        _check(VectorGame([WeightedGame(weights, rng.randint(1, sum(weights)), proper=False), count]), seed, clamps)


@pytest.mark.parametrize("country", ["PRT", "TUR", "NZL"])
def test_the_parlgov_sweep_in_floats_keeps_the_bounds(country: str) -> None:
    # a party holding a majority of its chamber alone is a dictator: its float Shapley–Shubik index had
    # come out 1.0000000000000018 (Portugal's PS, 2022); every index of every row is a share, within [0, 1]
    names = ("banzhaf", "shapley-shubik", "penrose", "coleman-prevent", "coleman-initiate")
    rows = list(sweep(names, country=country, exact=False))
    assert rows
    checked = 0
    for row in rows:
        for name, value in row.values.items():
            if value is not None:
                assert 0.0 <= value <= 1.0, (row.election_date, row.party_short, name, value)
                checked += 1
    assert checked >= len(rows) * len(names) // 2


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, -5.0, 7.0, 1.0 + 1e-9, -1e-9])
def test_a_value_outside_the_unit_range_by_more_than_rounding_is_a_fault_not_clamped(bad: float) -> None:
    # 4 players up to a quota of 3: (64 + 6 + 2) * 2**-53, about 8e-15; 1e-9 past a bound is no rounding
    bound = float_range.rounding_bound(4, 3)
    assert bound == 72 * 2.0**-53
    for clamp in (float_range.unit, float_range.normalised):
        with pytest.raises(AssertionError, match=r"Penrose: player 1's float value .* more than rounding"):
            clamp([0.5, bad, 0.25, 0.25], "Penrose", bound)


def test_rounding_past_a_bound_is_brought_back_to_it() -> None:
    eps = 2.0**-53
    bound = float_range.rounding_bound(52, 104)
    assert bound == (4 * 52**2 + 2 * 104 + 2) * eps
    # the dictator's Shapley–Shubik index of 52 players had summed to 1.0000000000000306, 276 units past 1
    assert float_range.unit([1.0000000000000306, -276 * eps, 0.5], "Shapley–Shubik", bound) == (1.0, 0.0, 0.5)
    assert float_range.normalised([1.0000000000000306, -276 * eps], "Shapley–Shubik", bound) == (1.0, 0.0)
