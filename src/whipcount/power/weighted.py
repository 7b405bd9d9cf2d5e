"""Swing counts of a weighted game, in total (Banzhaf, Coleman) and by coalition size (Shapley–Shubik).

Chooses the arithmetic (:data:`Method`): int64 or limb tables (:mod:`whipcount.power.dp`), counting
modulo ``2**64`` and primes (:mod:`whipcount.power.modular`, :mod:`whipcount.power.sizes`, or compiled:
:mod:`whipcount.power.compiled`), or float64 (``exact=False``). Results are cached per game, so several
indices share one dynamic programme.

**Float pivots by size read from two tables.** The pivots of size ``k`` come from an alternating sum
over rows ``k, k-1, ...`` of the table (:mod:`whipcount.power.dp`); in floating point each term carries
an error relative to its row, and for ``k`` above ``(n-1)/2`` the rows below ``k`` hold far larger counts
than the result (``C(n, k-j)`` against ``C(n-1, k)``): for 500 players the float index came out wrong
by whole units. So float pivots of size ``k > (n-1)/2`` are read from the *dual* game, quota
``q' = W - q + 1`` (``W`` the total weight), at size ``n-1-k``: ``S`` (``k`` others) pivots in the game
iff its complement among the others (``n-1-k`` players, weight ``W - w_i - w(S)``) pivots in the dual.
Every read is then at a size at most ``(n-1)/2``, where the rows read are at most about twice the
result, and the error of a Shapley–Shubik value stays below ``4 * rows**2 * n * 2**-53``.
Exact counts need no such care and read one table.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from whipcount.errors import PowerError, TooLarge
from whipcount.model.arguments import check_option
from whipcount.power import compiled, dp, modular, reduction, sizes, vector
from whipcount.power.game import VectorGame, WeightedGame
from whipcount.power.vector_counts import DEFAULT_MAX_BRUTE_PLAYERS, vector_counts

__all__ = ["Method", "Swings", "TooLarge", "by_enumeration", "check_work", "counted_quota", "max_losing_size",
           "over_coalitions", "weighted_swings", "weighted_swings_by_size"]


@dataclass(frozen=True, slots=True)
class Swings:
    """Swing counts of each player and the counts of losing and of winning coalitions.

    Exact: integers. Float: counts divided by ``2**n``; ``winning`` is counted, not taken as ``1 - losing``,
    which in floats would lose every digit of a few winning coalitions among ``2**n``."""

    swings: tuple[int | float, ...]
    losing: int | float
    winning: int | float
    exact: bool

    @classmethod
    def of_counts(cls, by_size: Sequence[Sequence[int]], losing: int, n: int, exact: bool) -> Swings:
        """From exact counts over every coalition (swings of each player by size, losing coalitions), as
        integers or as fractions of ``2**n`` (int / int: correctly rounded, where each count rounded first
        and then subtracted would not be)."""
        swings = tuple(sum(int(c) for c in row) for row in by_size)
        whole = 1 << n
        if exact:
            return cls(swings, losing, whole - losing, True)
        return cls(tuple(x / whole for x in swings), losing / whole, (whole - losing) / whole, False)


def capped(weights: Sequence[int], quota: int) -> tuple[int, ...]:
    """The weights with any above ``quota`` brought down to it: the same game at that quota (a player who
    reaches it alone wins with any coalition either way), and every weight then fits the tables' int64
    (a player weighing ``10**20`` in a game whose counted quota is small had overflowed them)."""
    return tuple(min(w, quota) for w in weights)


def max_losing_size(weights: Sequence[int], quota: int) -> int:
    """Largest size of a coalition weighing less than the quota (the k smallest weights)."""
    total, k = 0, 0
    for w in sorted(weights):
        if total + w >= quota:
            break
        total += w
        k += 1
    return k


Method = Literal["auto", "tables", "modular", "compiled"]
"""How exact counts are computed: ``"tables"`` (one table of int64 counts or limbs, :mod:`~whipcount.power.dp`),
``"modular"`` (one int64 table per modulus and the Chinese remainder theorem, :mod:`~whipcount.power.modular`),
``"compiled"`` (the same in compiled loops, :mod:`~whipcount.power.compiled`; needs numba, the ``fast``
extra), or ``"auto"``: int64 tables up to 62 players (counts fit), modular beyond (less memory, faster),
compiled when numba is installed and the game is large (:func:`compiled.worth_it`)."""

METHODS: tuple[str, ...] = ("auto", "tables", "modular", "compiled")
"""The values of :data:`Method`, for checking one."""

Route = Literal["tables", "modular", "compiled"]

MAX_EXACT_WORK = 10**12
"""Largest exact count run: players x table cells x words a count needs (``1 + (n - 64) / 63``, rounded up;
Shapley–Shubik at 500 players is 1.8e11, about 8 s compiled; Banzhaf at 1,000 players 4.2e9, 0.4 s).
Beyond it a PowerError says so, instead of a count that runs for hours (100,000 players of weight 1:
7.9e12 for Banzhaf) or fills the memory with its plan (8,000 such players, Shapley–Shubik: 3 GB)."""

MAX_FLOAT_WORK = 3 * 10**11
"""Largest float count run: players x table cells (numpy; Shapley–Shubik at 500 players, 2.3e10, takes
about 4 s: this, about a minute)."""




def check_work(n: int, cells: int, exact: bool, what: str, game: WeightedGame | None = None,
               method: str = "auto") -> None:
    """Refuse a count of ``n`` players over a table of ``cells`` too large to finish in minutes (see
    :data:`MAX_EXACT_WORK`), saying how large it is and what to do instead: with ``game`` counted by an
    arithmetic ``method`` asked for by name, that ``method="auto"`` counts it without the table where it does."""
    words = 1 + max(0, -(-(n - 64) // 63)) if exact else 1
    work, limit = n * cells * words, MAX_EXACT_WORK if exact else MAX_FLOAT_WORK
    if work <= limit:
        return
    size = f"{n:,} players over a table of {cells:,} cells"
    auto = ""
    if game is not None and method != "auto" and (reduction.reduced(game) is not None
                                                 or by_enumeration(game, cells, "auto")):
        # nine players of about 10**18 votes: method='tables' had been told to use 'fewer players'
        auto = f"; method='auto' counts this game without that table (method={method!r} uses it)"
    if not exact:
        raise TooLarge(f"{what}: counting would take about {work:.1e} additions ({size}), more than the "
                       f"{limit:.0e} whipcount runs (a minute or two); use fewer players{auto}")
    instead = (f"use exact=False (--float: {n * cells:.1e} additions, its error bound in docs/power.md) or fewer "
               "players" if n * cells <= MAX_FLOAT_WORK else "use fewer players (it is too large in float too)")
    raise TooLarge(f"{what}: counting exactly would take about {work:.1e} additions ({size}, counts of up to "
                   f"{n:,} bits in {words} words), more than the {limit:.0e} whipcount runs exactly (a few "
                   f"minutes); {instead}{auto}")


def _route(n: int, exact: bool, method: Method, work: int, threshold: int) -> Route:
    """The arithmetic of an exact count (``tables`` for float ones): ``work`` players x table cells,
    compiled from ``threshold`` on under ``auto``."""
    check_option(method, METHODS, "method", PowerError)
    if not exact or method == "tables":
        return "tables"
    if method == "compiled":
        if not compiled.available():
            raise PowerError(f"method='compiled' cannot be used: {compiled.why_not()}")
        return "compiled"
    # both arithmetics are exact at 62 players: the switch could be a player sooner; a player later, the
    # tables count 63 players in limbs (int64 only up to 62), exact as well
    if method == "auto" and n <= 62:  # equivalent mutants "<= -> <", "62 -> 61": above
        return "tables"
    return "compiled" if method == "auto" and compiled.worth_it(work, threshold) else "modular"


def counted_quota(game: WeightedGame) -> tuple[int, bool]:
    """The quota the swings are counted at, and whether it is the dual game's: a coalition of the others
    weighs ``q - w`` to ``q - 1`` exactly when the rest of them weigh ``W - q + 1 - w`` to ``W - q`` (``W``
    the total), so a player swings as often at ``q`` as at ``W - q + 1``. Above half the total the dual's
    quota is the lower: its table is smaller, and in floats its sums are not the near-cancelling
    differences of counts close to ``2**n`` that had put Banzhaf at a 95 % quota wrong by a factor of 200."""
    dual = game.total - game.quota + 1  # at least 1: a game's quota is at most its total
    # at dual == quota (W odd, q = (W + 1) / 2) a game is its own dual: its losing and winning coalitions are
    # as many, so taking it as the dual's swaps two equal counts
    return (dual, True) if dual < game.quota else (game.quota, False)  # equivalent mutant "< -> <=": above


def by_enumeration(game: WeightedGame, cells: int, method: Method) -> bool:
    """Whether ``method="auto"`` counts over the coalitions (:func:`over_coalitions`) rather than a table of
    ``cells`` cells: over all ``2**n`` of them where they are fewer, as for a few players of large weights
    (four players weighing 10**12 had needed a table of 1.5e12 cells and were refused as too large), or by
    meet in the middle (:func:`whipcount.power.vector.mitm_work`) where that is less work than the table: the
    27 EU members weighted by population, counted over a table of 157 million cells, had taken 9 to 16 s and
    2.5 GB for Banzhaf; by meet in the middle, 0.1 s."""
    # a threshold of speed: over the coalitions or in a table, the counts are the same integers
    if method != "auto":
        return False
    n = game.n
    if n <= DEFAULT_MAX_BRUTE_PLAYERS and (1 << n) < cells:  # equivalent mutants: a threshold of speed
        return True
    fits = n <= vector.MITM_MAX_PLAYERS and sum(capped(game.weights, game.quota)) < vector.MAX_TOTAL
    return fits and vector.mitm_work(n) < n * cells


def over_coalitions(game: WeightedGame) -> tuple[tuple[tuple[int, ...], ...], int]:
    """Exact swings by size and losing coalitions, counted over the coalitions (by meet in the middle where
    the weights, brought down to the quota, fit its int64 sums)."""
    same = WeightedGame(capped(game.weights, game.quota), game.quota, proper=False)
    return vector_counts(VectorGame([same]))


@functools.lru_cache(maxsize=64)  # equivalent mutants "64 -> 65", "64 -> 63": a cache's size
def weighted_swings(game: WeightedGame, exact: bool, method: Method = "auto") -> Swings:
    """Swings of each player and the losing and winning coalitions (cached). Under ``auto`` a game with an
    equivalent smaller one (:func:`whipcount.power.reduction.reduced`) is counted there."""
    red = reduction.reduced(game) if method == "auto" else None
    if red is not None:
        small = weighted_swings(red.game, exact, method)
        scale = red.scale(exact)  # the coalitions each of the smaller game's stands for
        swings = reduction.lift_swings(small.swings, red, exact)
        return Swings(swings, small.losing * scale, small.winning * scale, exact)
    quota, dual = counted_quota(game)
    if by_enumeration(game, quota, method):
        return Swings.of_counts(*over_coalitions(game), game.n, exact)
    check_work(game.n, quota, exact, "Banzhaf swings", game, method)
    route = _route(game.n, exact, method, game.n * quota, compiled.MIN_WEIGHT_WORK)
    weights = capped(game.weights, quota)
    by_weight: dict[int, int | float]
    if route == "compiled":
        by_weight = dict(compiled.swings_total_compiled(weights, quota))
    elif route == "modular":
        by_weight = dict(modular.swings_total_modular(weights, quota))
    else:
        arith = dp.choose_arithmetic(game.n, quota, exact=exact)
        table = dp.weight_table(weights, quota, arith)
        by_weight = dp.swings_total(table, quota, weights, arith)
    below = by_weight[-1]  # coalitions weighing less than the counted quota
    # at the dual's quota those are the complements of the game's winning coalitions
    whole = (1 << game.n) if exact else 1.0
    losing, winning = (whole - below, below) if dual else (below, whole - below)
    return Swings(tuple(_not_below_zero(by_weight[w]) for w in weights), losing, winning, exact)


def _not_below_zero(count: int | float) -> int | float:
    """A count as counted; a float one brought up to 0 where it came out below it: a share of coalitions read as
    the difference of two sums near 1 can come out a few units of 2**-53 below 0 (a player of one seat beside
    one of 199 at quota 200 swings in 2**-199 of the coalitions and had a float Banzhaf index of -5.6e-15),
    and no count is negative, so 0 is nearer the truth."""
    return max(count, 0.0) if isinstance(count, float) else count


def _table_pivots(
    weights_given: Sequence[int], quota: int, max_size: int, n: int, exact: bool
) -> dict[int, list[int] | list[float]]:
    """Pivots by size ``0 .. max_size`` (zero above) of each distinct weight, from one table (keyed by
    the weights as given; counted with those above the quota brought down to it)."""
    weights = capped(weights_given, quota)
    arith = dp.choose_arithmetic(n, quota, rows=max_size + 1, exact=exact)
    table = dp.size_weight_table(weights, quota, max_size, arith)
    by_weight = dp.swings_by_size(table, quota, weights, arith, n)
    return {w: by_weight[min(w, quota)] for w in weights_given}


def _float_pivots(game: WeightedGame) -> dict[int, list[float]]:
    """Float pivots by size: sizes up to ``(n-1)/2`` from the game, larger ones from the dual game."""
    n, q = game.n, game.quota
    # where the game's table hands over to its dual's is a choice: either side of the middle counts the
    # same coalitions (to float rounding)
    half = (n - 1) // 2  # equivalent mutants "- -> +", "1 -> 0": see above
    low = _table_pivots(game.weights, q, min(max_losing_size(game.weights, q), half), n, False)
    dual = game.total - q + 1
    top = min(max_losing_size(game.weights, dual), n - 2 - half)
    high = _table_pivots(game.weights, dual, top, n, False) if top >= 0 else {}
    out: dict[int, list[float]] = {}
    for w, row in low.items():
        mirror = high.get(w, [])
        out[w] = [_not_below_zero(float(row[k]) if k <= half else float(mirror[n - 1 - k])) for k in range(n)]
    return out


@functools.lru_cache(maxsize=64)  # equivalent mutants "64 -> 65", "64 -> 63": a cache's size
def weighted_swings_by_size(
    game: WeightedGame, exact: bool, method: Method = "auto"
) -> tuple[tuple[int | float, ...], ...]:
    """``[i][k]``: coalitions of ``k`` others that player ``i`` turns from losing to winning (cached).

    Exact integers, or floats equal to those counts divided by ``2**n``. Exact counts are read from the
    dual game (quota ``W - q + 1``) at size ``n - 1 - k`` where its table is the smaller (see the module's
    docstring): a unanimity game of 27 members weighted by population needs one cell there, where its own
    table would have 26 rows of 448 million cells and was refused as too large. Under ``auto`` a game with an
    equivalent smaller one (:func:`whipcount.power.reduction.reduced`) is counted there."""
    red = reduction.reduced(game) if method == "auto" else None
    if red is not None:
        return reduction.lift_by_size(weighted_swings_by_size(red.game, exact, method), red, exact)
    rows = max_losing_size(game.weights, game.quota) + 1
    if by_enumeration(game, rows * game.quota, method):
        by_size = over_coalitions(game)[0]
        if exact:
            return by_size
        return tuple(tuple(x / (1 << game.n) for x in row) for row in by_size)
    dual = game.total - game.quota + 1
    dual_rows = max_losing_size(game.weights, dual) + 1
    smaller_dual = dual_rows * dual < rows * game.quota
    if exact:
        if smaller_dual:
            return tuple(tuple(reversed(row)) for row in _exact_by_size(game, dual, dual_rows, method))
        return _exact_by_size(game, game.quota, rows, method)
    try:
        check_work(game.n, rows * game.quota, exact, "swings by coalition size (Shapley–Shubik)", game, method)
    except TooLarge:
        if not smaller_dual:
            raise
        # too large in floats from the game's own table, not from its dual's: counted there exactly, each
        # count then divided by 2**n (int / int, correctly rounded)
        counts = _exact_by_size(game, dual, dual_rows, method)
        return tuple(tuple(c / (1 << game.n) for c in reversed(row)) for row in counts)
    by_float = _float_pivots(game)
    return tuple(tuple(by_float[w]) for w in game.weights)


def _exact_by_size(game: WeightedGame, quota: int, rows: int, method: Method) -> tuple[tuple[int, ...], ...]:
    """Exact pivots by size ``0 .. n - 1`` of each player at ``quota`` (the game's or its dual's), from a
    table of ``rows`` sizes."""
    check_work(game.n, rows * quota, True, "swings by coalition size (Shapley–Shubik)", game, method)
    route = _route(game.n, True, method, game.n * rows * quota, compiled.MIN_SIZE_WORK)
    if route != "tables":
        count = compiled.swings_by_size_compiled if route == "compiled" else sizes.swings_by_size_modular
        weights = capped(game.weights, quota)
        exact_by_weight = count(weights, quota, rows - 1, game.n)
        return tuple(tuple(int(x) for x in exact_by_weight[w]) for w in weights)
    by_weight = _table_pivots(game.weights, quota, rows - 1, game.n, True)
    return tuple(tuple(int(x) for x in by_weight[w]) for w in game.weights)
