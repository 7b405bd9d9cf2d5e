"""Power indices: plain functions behind ``@power_index``, collected in one registry.

Every index takes a game and returns one value per player, in player order: exact
:class:`~fractions.Fraction` s by default, ``float`` s with ``exact=False`` (see
:mod:`whipcount.power.dp` for the error bound). Indices share their counting through a per-game cache,
so asking for Banzhaf, Penrose and both Coleman indices runs the dynamic programme once.

>>> from whipcount.power import WeightedGame, banzhaf, shapley_shubik
>>> g = WeightedGame([49, 48, 3], 51)
>>> [str(x) for x in banzhaf(g)], [str(x) for x in shapley_shubik(g)]
(['1/3', '1/3', '1/3'], ['1/3', '1/3', '1/3'])

Add an index by decorating a function ``f(game, *, exact=True, max_coalitions=...)``: it is then in
:func:`registered` (and in the command line's ``--index``), and the registry-wide tests cover it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Literal, Protocol, overload

import numpy as np

from whipcount.errors import PowerError
from whipcount.model.arguments import check_option, whole_number
from whipcount.model.ids import did_you_mean
from whipcount.power import float_range
from whipcount.power.coalitions import (
    count_vulnerable,
    vulnerable_coalitions,
)
from whipcount.power.enumerated import TooManyCoalitions, as_values, enumerated, minimal_winning, shares, weighted_only
from whipcount.power.game import VectorGame, WeightedGame
from whipcount.power.shares import float_shares, fractions_of
from whipcount.power.vector_counts import (
    DEFAULT_MAX_BRUTE_PLAYERS,
    brute_swings_by_size,
    brute_win,
    vector_counts,
    vector_method,
)
from whipcount.power.weighted import METHODS, Method, weighted_swings, weighted_swings_by_size
from whipcount.power.weighted import Swings as _Swings

__all__ = [
    "DEFAULT_MAX_COALITIONS",
    "DEFAULT_MAX_BRUTE_PLAYERS",
    "Game",
    "Method",
    "PowerIndex",
    "TooManyCoalitions",
    "Value",
    "banzhaf",
    "banzhaf_swings",
    "clear_caches",
    "coleman_initiate",
    "coleman_prevent",
    "deegan_packel",
    "get_index",
    "holler_packel",
    "johnston",
    "penrose",
    "power_index",
    "registered",
    "shapley_shubik",
    "swings_by_size",
    "vector_method",
]

Value = Fraction | float
Game = WeightedGame | VectorGame
DEFAULT_MAX_COALITIONS = 1_000_000
"""Enumeration-based indices (Deegan–Packel, Holler–Packel, Johnston) stop with a PowerError past this."""


def _check_exact(exact: object, who: str) -> bool:
    """``exact`` as a bool (a numpy bool too), else a PowerError: ``exact="no"`` had been taken as true."""
    if isinstance(exact, bool | np.bool_):
        return bool(exact)
    raise PowerError(f"{who}: exact must be True (Fractions) or False (floats), got {exact!r}")


def _check_game(game: object, who: str) -> None:
    if not isinstance(game, WeightedGame | VectorGame):
        raise PowerError(f"{who}: expected a WeightedGame or VectorGame (WeightedGame(weights, quota)), "
                         f"got {type(game).__name__}")


class IndexFunction(Protocol):
    def __call__(self, game: Game, *, exact: bool = True, max_coalitions: int = ...) -> tuple[Value, ...]: ...


class PowerIndex:
    """A registered index: the function plus what the registry and the CLI need to know."""

    def __init__(
        self,
        func: IndexFunction,
        *,
        name: str,
        title: str,
        method: Literal["dp", "enumeration"],
        vector_games: bool,
        abbrev: str,
    ) -> None:
        self.func = func
        self.name = name
        self.abbrev = abbrev
        self.key = name.replace("-", "_")
        self.title = title
        self.method = method
        self.vector_games = vector_games
        functools.update_wrapper(self, func)

    # the type of the values follows ``exact``: a script that adds Fractions is checked as one
    @overload
    def __call__(
        self, game: Game, *, exact: Literal[True] = ..., max_coalitions: int = ...
    ) -> tuple[Fraction, ...]: ...
    @overload
    def __call__(self, game: Game, *, exact: Literal[False], max_coalitions: int = ...) -> tuple[float, ...]: ...
    @overload
    def __call__(self, game: Game, *, exact: bool, max_coalitions: int = ...) -> tuple[Value, ...]: ...

    def __call__(
        self, game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS
    ) -> tuple[Value, ...]:
        """The index of each player of ``game``: exact Fractions, or floats with ``exact=False``."""
        _check_game(game, f"index {self.name!r}")
        exact = _check_exact(exact, f"index {self.name!r}")
        bound = whole_number(max_coalitions)
        if bound is None or bound < 0:
            raise PowerError(f"index {self.name!r}: max_coalitions must be a non-negative integer, got "
                             f"{max_coalitions!r}")
        max_coalitions = bound
        if isinstance(game, VectorGame) and not self.vector_games:
            raise PowerError(f"index {self.name!r} is not available for vector games (only for weighted games)")
        return self.func(game, exact=exact, max_coalitions=max_coalitions)

    def __repr__(self) -> str:
        return f"PowerIndex({self.name!r})"


_REGISTRY: dict[str, PowerIndex] = {}


def power_index(
    *,
    name: str,
    title: str,
    method: Literal["dp", "enumeration"] = "dp",
    vector_games: bool = False,
    abbrev: str | None = None,
) -> Callable[[IndexFunction], PowerIndex]:
    """Register an index under ``name`` (lower case, hyphens: ``"shapley-shubik"``).

    ``method``: ``"dp"`` (counting, any size) or ``"enumeration"`` (lists coalitions, bounded by
    ``max_coalitions``); ``vector_games``: whether it accepts a :class:`VectorGame`; ``abbrev``: a
    short column header.
    """

    check_option(method, ("dp", "enumeration"), f"power index {name!r}: method", PowerError)

    def register(func: IndexFunction) -> PowerIndex:
        if name in _REGISTRY:
            raise ValueError(f"power index {name!r} is already registered")
        index = PowerIndex(
            func, name=name, title=title, method=method, vector_games=vector_games, abbrev=abbrev or name
        )
        _REGISTRY[name] = index
        return index

    return register


def registered() -> tuple[PowerIndex, ...]:
    """Every registered index, in registration order."""
    return tuple(_REGISTRY.values())


def get_index(name: str) -> PowerIndex:
    """The index called ``name``: its name (``shapley-shubik`` or ``shapley_shubik``), ``shapley``, or the
    abbreviation the tables head its column with (``SS``, ``HP``, ``ColP`` ...), whatever the case."""
    if not isinstance(name, str):
        raise PowerError(f"index: expected the name of a power index (one of {', '.join(_REGISTRY)}), got "
                         f"{name!r} ({type(name).__name__})")
    key = name.strip().lower().replace("_", "-")
    key = {"shapley": "shapley-shubik"}.get(key, key)
    if key not in _REGISTRY:
        key = next((ix.name for ix in _REGISTRY.values() if ix.abbrev.lower() == key), key)
    if key not in _REGISTRY:
        raise PowerError(f"index: unknown power index {name!r}; known: {', '.join(_REGISTRY)}"
                         f"{did_you_mean(key, _REGISTRY)}")
    return _REGISTRY[key]


# -- counting shared by several indices -----------------------------------------------------------


def swings_by_size(game: Game, *, exact: bool = True, method: Method = "auto") -> tuple[tuple[int | float, ...], ...]:
    """``result[i][k]``: coalitions of ``k`` other players that lose without ``i`` and win with ``i``.

    Exact integers, or (``exact=False``) floats equal to those counts divided by ``2**n``. ``method``
    chooses the exact arithmetic of weighted games (:data:`Method`; the result does not depend on it);
    vector games are counted as :func:`vector_method` says.
    """
    _check_game(game, "swings_by_size")
    exact = _check_exact(exact, "swings_by_size")
    check_option(method, METHODS, "swings_by_size: method", PowerError)
    if isinstance(game, VectorGame):
        exact_counts = vector_counts(game)[0]
        if exact:
            return exact_counts
        return tuple(tuple(c / 2.0**game.n for c in row) for row in exact_counts)
    return weighted_swings_by_size(game, exact, method)


def _swings(game: Game, exact: bool, method: Method = "auto") -> _Swings:
    if isinstance(game, WeightedGame):
        return weighted_swings(game, exact, method)
    return _Swings.of_counts(*vector_counts(game), game.n, exact)


def clear_caches() -> None:
    """Forget cached counting tables (benchmarks; memory)."""
    for cached in (weighted_swings, weighted_swings_by_size, brute_win, brute_swings_by_size, vector_counts):
        cached.cache_clear()


def banzhaf_swings(game: Game, *, method: Method = "auto") -> tuple[int, ...]:
    """Raw Banzhaf swing counts: coalitions of the others that ``i`` turns from losing to winning.

    ``method`` chooses the arithmetic (:data:`Method`); the counts do not depend on it."""
    _check_game(game, "banzhaf_swings")
    check_option(method, METHODS, "banzhaf_swings: method", PowerError)
    s = _swings(game, True, method)
    return tuple(int(x) for x in s.swings)


def _penrose_values(game: Game, exact: bool) -> tuple[Value, ...]:
    s = _swings(game, exact)
    if exact:
        return fractions_of(s.swings, 1 << (game.n - 1))
    return float_range.unit((2.0 * float(x) for x in s.swings), "Penrose", _rounding(game))


def _rounding(game: Game) -> float:
    """How far rounding may carry a float index of ``game`` (:func:`float_range.rounding_bound`)."""
    if isinstance(game, WeightedGame):
        return float_range.rounding_bound(game.n, game.quota)
    return float_range.rounding_bound(game.n, sum(g.quota for g in (*game.games, *game.or_games)))


def _total_swings(values: Iterable[Value]) -> Value:
    """The sum of the swings, refused where it is 0 (:func:`_require_some_swing`)."""
    total = sum(values)
    _require_some_swing(total)
    return total


def _require_some_swing(total: Value) -> None:
    """Refuse a game whose swings add up to nothing: every share of them is undefined. A guard: every game's
    grand coalition wins and its empty one loses, so someone swings (and swings are never negative, so no
    total is -1 either)."""
    if total == 0:  # equivalent mutant "0 -> -1": above
        raise PowerError("the game has no swings at all: every index is undefined")


# -- the indices --------------------------------------------------------------------------------


@power_index(name="banzhaf", abbrev="Bz", title="Banzhaf (normalized)", vector_games=True)
def banzhaf(game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS) -> tuple[Value, ...]:
    """Normalized Banzhaf index: each player's share of all swings (sums to 1)."""
    if not exact:
        values = [float(v) for v in _penrose_values(game, exact)]
        if float_range.divisor_lost(game.n, math.fsum(values)):
            return float_range.exact_as_floats(lambda: banzhaf(game), "Banzhaf", game.n)
        _require_some_swing(math.fsum(values))
        return float_range.normalised(values, "Banzhaf", _rounding(game))
    counts = [int(x) for x in _swings(game, True).swings]
    return fractions_of(counts, int(_total_swings(counts)))


@power_index(name="penrose", abbrev="Pen", title="Penrose (absolute Banzhaf)", vector_games=True)
def penrose(game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS) -> tuple[Value, ...]:
    """Penrose–Banzhaf absolute index: ``swings / 2**(n-1)``, the chance a player decides the vote
    when every other player votes yes or no with probability 1/2."""
    return _penrose_values(game, exact)


@power_index(name="shapley-shubik", abbrev="SS", title="Shapley–Shubik", vector_games=True)
def shapley_shubik(
    game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS
) -> tuple[Value, ...]:
    """Shapley–Shubik index: the share of the ``n!`` orders of joining in which a player is pivotal,
    ``sum_k swings_k * k! (n-1-k)! / n!`` (sums to 1)."""
    n = game.n
    by_size = swings_by_size(game, exact=exact)
    if exact:
        fact = [math.factorial(k) for k in range(n + 1)]
        orders = [fact[k] * fact[n - 1 - k] for k in range(n)]  # orders in which k others come first
        values: dict[tuple[int | float, ...], Fraction] = {}  # players of equal weight share a row
        for row in by_size:
            if row not in values:
                values[row] = Fraction(sum(int(c) * orders[k] for k, c in enumerate(row) if c), fact[n])
        return tuple(values[row] for row in by_size)
    # float rows hold count / 2**n; weight_k = 2**n * k!(n-1-k)!/n! = 2**n / (n * C(n-1, k)). Beyond 1,023
    # players 2**n overflows a float while each term (a share of 1) does not: form each term in logs
    log_binomial = [math.lgamma(n) - math.lgamma(k + 1) - math.lgamma(n - k) for k in range(n)]
    logs = [n * math.log(2) - math.log(n) - lb for lb in log_binomial]
    floats = tuple(math.fsum(_times_exp(float(c), logs[k]) for k, c in enumerate(row)) for row in by_size)
    if float_range.shapley_shubik_lost(n, floats):
        return float_range.exact_as_floats(lambda: shapley_shubik(game), "Shapley–Shubik", n)
    return float_range.normalised(floats, "Shapley–Shubik", _rounding(game))


def _times_exp(value: float, log_factor: float) -> float:
    """``value * exp(log_factor)`` without forming ``exp(log_factor)`` alone (it may overflow)."""
    if value <= 0.0:
        return 0.0
    return math.exp(math.log(value) + log_factor)


@power_index(name="coleman-prevent", abbrev="ColP", title="Coleman: power to prevent", vector_games=True)
def coleman_prevent(
    game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS
) -> tuple[Value, ...]:
    """Coleman's power to prevent action: swings / number of winning coalitions."""
    s = _swings(game, exact)
    if exact:
        return fractions_of(s.swings, int(s.winning))
    if float_range.divisor_lost(game.n, float(s.winning)):
        return float_range.exact_as_floats(lambda: coleman_prevent(game), "Coleman: power to prevent", game.n)
    return float_range.unit(float_shares(s.swings, float(s.winning), "winning"), "Coleman: power to prevent",
                            _rounding(game))


@power_index(name="coleman-initiate", abbrev="ColI", title="Coleman: power to initiate", vector_games=True)
def coleman_initiate(
    game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS
) -> tuple[Value, ...]:
    """Coleman's power to initiate action: swings / number of losing coalitions."""
    s = _swings(game, exact)
    if exact:
        return fractions_of(s.swings, int(s.losing))
    if float_range.divisor_lost(game.n, float(s.losing)):
        return float_range.exact_as_floats(lambda: coleman_initiate(game), "Coleman: power to initiate", game.n)
    return float_range.unit(float_shares(s.swings, float(s.losing), "losing"), "Coleman: power to initiate",
                            _rounding(game))


@power_index(name="holler-packel", abbrev="HP", title="Holler–Packel (public good)", method="enumeration")
def holler_packel(game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS) -> tuple[Value, ...]:
    """Holler–Packel public good index: minimal winning coalitions a player belongs to, normalized."""
    g, lift = weighted_only(game, "holler-packel")
    counts = [0] * g.n
    for coalition in minimal_winning(g, max_coalitions):
        for i in coalition:
            counts[i] += 1  # equivalent mutant "1 -> 2": every count doubled, the shares are the same
    total = sum(counts)
    return as_values(lift([Fraction(c, total) for c in counts]), exact)


@power_index(name="deegan-packel", abbrev="DP", title="Deegan–Packel", method="enumeration")
def deegan_packel(game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS) -> tuple[Value, ...]:
    """Deegan–Packel index: each minimal winning coalition is equally likely and splits power equally
    among its members: ``(1/|M|) sum_{S in M, i in S} 1/|S|``."""
    g, lift = weighted_only(game, "deegan-packel")
    mwcs = minimal_winning(g, max_coalitions)
    return as_values(lift(shares(mwcs, g.n, len(mwcs))), exact)


@power_index(name="johnston", abbrev="Jn", title="Johnston", method="enumeration")
def johnston(game: Game, *, exact: bool = True, max_coalitions: int = DEFAULT_MAX_COALITIONS) -> tuple[Value, ...]:
    """Johnston index: in each winning coalition with critical members, each of the ``c`` critical
    members gets ``1/c``; normalized by the number of such (vulnerable) coalitions."""
    g, lift = weighted_only(game, "johnston")
    enumerated(count_vulnerable(g, max_coalitions + 1) or 0, max_coalitions, "vulnerable coalitions")
    critical = [c for _coalition, c in vulnerable_coalitions(g, limit=max_coalitions + 1)]
    enumerated(len(critical), max_coalitions, "vulnerable coalitions")
    return as_values(lift(shares(critical, g.n, len(critical))), exact)
