"""What the enumerating indices share (Holler–Packel, Deegan–Packel, Johnston: :mod:`whipcount.power.indices`):
the game to list coalitions of, the bound on how many, and each player's share of the coalitions listed."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

from whipcount.errors import PowerError
from whipcount.power import reduction
from whipcount.power.coalitions import count_minimal_winning, minimal_winning_coalitions
from whipcount.power.game import VectorGame, WeightedGame

__all__ = ["TooManyCoalitions", "as_values", "enumerated", "minimal_winning", "shares", "weighted_only"]


Lift = Callable[[Sequence[Fraction]], Sequence[Fraction]]


def weighted_only(game: WeightedGame | VectorGame, name: str) -> tuple[WeightedGame, Lift]:
    """The game to enumerate (its smaller equivalent, :mod:`whipcount.power.reduction`), and how to read its
    values as the game's (0 for a dummy)."""
    if not isinstance(game, WeightedGame):
        raise PowerError(f"index {name!r} is not available for vector games (only for weighted games)")
    red = reduction.reduced(game)
    return (game, tuple) if red is None else (red.game, red.lift)


class TooManyCoalitions(PowerError):
    """An enumerating index met more than ``max_coalitions`` coalitions: the counting indices still apply."""


def enumerated(items: int, max_coalitions: int, what: str) -> None:
    if items > max_coalitions:
        raise TooManyCoalitions(
            f"{what}: more than max_coalitions={max_coalitions:,} coalitions to enumerate; raise the limit "
            "(--max-coalitions on the command line) or use a counting index (banzhaf, shapley-shubik ...)"
        )


def minimal_winning(game: WeightedGame, max_coalitions: int) -> list[tuple[int, ...]]:
    # counted first (a table of the quota's size), so that a game past the limit is refused before listing
    enumerated(count_minimal_winning(game, max_coalitions + 1) or 0, max_coalitions, "minimal winning coalitions")
    # any count past the limit fails alike, so fetching two past it (not one) decides the same
    out = list(minimal_winning_coalitions(game, limit=max_coalitions + 1))  # equivalent mutant "1 -> 2": see above
    enumerated(len(out), max_coalitions, "minimal winning coalitions")
    return out


def as_values(values: Sequence[Fraction], exact: bool) -> tuple[Fraction | float, ...]:
    return tuple(values) if exact else tuple(float(v) for v in values)


def shares(groups: Iterable[Sequence[int]], n: int, count: int) -> list[Fraction]:
    """``(1 / count) sum 1/|G|`` over the groups ``G`` holding each player, summed as integers by the size of
    ``G`` first (a Fraction added for each member of each group had taken 6 s for the EU-27's 380,764
    minimal winning coalitions)."""
    by_size = [[0] * (n + 1) for _ in range(n)]
    for group in groups:
        size = len(group)
        for i in group:
            by_size[i][size] += 1
    return [sum((Fraction(c, size) for size, c in enumerate(row) if c), Fraction(0)) / count for row in by_size]
