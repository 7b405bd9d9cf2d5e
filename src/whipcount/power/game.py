"""Weighted voting games: the value types every index and coalition generator reads.

A *weighted game* ``[q; w1, ..., wn]`` lets a coalition ``S`` pass a motion when the weights of its
members add up to the quota: ``sum(w[i] for i in S) >= q``. A *vector game* (``MultiGame``) asks the
same of several weightings at once, e.g. the EU Council's double majority (55 % of the members *and*
65 % of the population): a coalition wins when it wins every component game, or any one of its
``or_games`` (the EU's blocking-minority clause: any 24 of 27 members win).

Validation is strict because a typo in a weight silently changes every index: weights are
non-negative integers, the quota an integer in ``(total/2, total]`` for a *proper* game (no two
disjoint coalitions can both win). Improper games are allowed only when asked for (``proper=False``).
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from whipcount.errors import PowerError
from whipcount.model.arguments import whole_number

__all__ = ["MultiGame", "VectorGame", "WeightedGame"]


def _as_int(value: object, what: str) -> int:
    """``value`` as a non-negative ``int``, or a PowerError naming ``what`` and the value."""
    # a whole number of another type is the int it is: 4.0, Fraction(4), Decimal(4) (4.5 is not)
    number = whole_number(value)
    if number is None:
        raise PowerError(f"{what} must be a non-negative integer, got {value!r}")
    if number < 0:
        raise PowerError(f"{what} must be a non-negative integer, got {number}")
    return number


def _names(names: Sequence[str] | None, n: int) -> tuple[str, ...]:
    if names is None:
        return tuple(f"P{i + 1}" for i in range(n))
    if isinstance(names, str | bytes):  # "ABC" is one name, not three
        raise PowerError(f"names: expected a list of {n} names (one per weight), got {names!r}")
    out = tuple(str(name) for name in names)
    if len(out) != n:
        raise PowerError(f"names: expected {n} names (one per weight), got {len(out)}")
    blank = [i + 1 for i, name in enumerate(out) if not name.strip()]
    if blank:
        raise PowerError(f"names: expected a name for every player, got none for player {', '.join(map(str, blank))}")
    if len(set(out)) != len(out):
        dup = sorted({name for name in out if out.count(name) > 1})
        raise PowerError(f"names: must be distinct, got duplicates {', '.join(dup)}")
    return out


def _members(coalition: Iterable[object], names: tuple[str, ...], what: str = "coalition") -> tuple[int, ...]:
    """The players of ``coalition`` as indices: each an index ``0..n-1`` (a numpy integer too) or a player's
    name, none twice; else a PowerError naming the item (an index out of range had been an IndexError, -1
    the last player without a word, a name a TypeError, and a player given twice counted twice)."""
    if isinstance(coalition, str | bytes) or not hasattr(coalition, "__iter__"):
        raise PowerError(f"{what}: expected a list of players (indices or names), got {coalition!r}")
    n, out = len(names), []
    seen: set[int] = set()  # looking through the list for each member had taken 1.2 s for 15,001 members
    by_name: dict[str, int] | None = None  # made at the first name: names.index for each was as slow
    for item in coalition:
        if isinstance(item, str) and by_name is None:
            by_name = {name: i for i, name in enumerate(names)}
        if isinstance(item, str) and by_name is not None and item in by_name:
            i = by_name[item]
        elif isinstance(item, numbers.Integral) and not isinstance(item, bool) and 0 <= int(item) < n:
            i = int(item)
        else:
            shown = ", ".join(names if n <= 12 else (*names[:10], "…"))
            raise PowerError(f"{what}: expected a player's index (0 to {n - 1}) or name ({shown}), got {item!r}")
        if i in seen:
            raise PowerError(f"{what}: player {names[i]} (index {i}) is given twice")
        seen.add(i)
        out.append(i)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class WeightedGame:
    """The weighted voting game ``[quota; weights]``.

    >>> g = WeightedGame([49, 48, 3], 51, names=["A", "B", "C"])
    >>> g.n, g.total, g.is_winning([0, 2])
    (3, 100, True)

    ``proper=False`` admits quotas at most half the total (both a coalition and its complement may win).
    Hashable, so analyses can be cached per game.
    """

    weights: tuple[int, ...]
    quota: int
    names: tuple[str, ...] = field(default=())
    proper: bool = True

    def __init__(
        self,
        weights: Iterable[object],
        quota: object,
        *,
        names: Sequence[str] | None = None,
        proper: bool = True,
    ) -> None:
        ws = tuple(_as_int(w, f"weights[{i}]") for i, w in enumerate(weights))
        if not ws:
            raise PowerError("weights: a game needs at least one player, got none")
        q = _as_int(quota, "quota")
        total = sum(ws)
        if q < 1:
            raise PowerError(f"quota must be at least 1, got {q}")
        if q > total:
            raise PowerError(f"quota {q} is above the total weight {total}: no coalition can win")
        if proper and 2 * q <= total:
            raise PowerError(
                f"quota {q} is at most half the total weight {total}: the game is improper "
                f"(a coalition and its complement can both win); allow it with proper=False / --allow-improper"
            )
        object.__setattr__(self, "weights", ws)
        object.__setattr__(self, "quota", q)
        object.__setattr__(self, "names", _names(names, len(ws)))
        object.__setattr__(self, "proper", bool(proper))

    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.weights)

    @property
    def total(self) -> int:
        """Sum of all weights."""
        return sum(self.weights)

    def members(self, coalition: Iterable[int | str], *, what: str = "coalition") -> tuple[int, ...]:
        """The indices of the players in ``coalition``: player indices (``0`` to ``n - 1``) or names, each
        once, else a PowerError naming ``what`` and the one that is not (``g.members(["FR", 2]) == (0, 2)``)."""
        return _members(coalition, self.names, what)

    def weight_of(self, coalition: Iterable[int | str]) -> int:
        """Total weight of the players in ``coalition`` (indices or names, as :meth:`members` reads them)."""
        return sum(self.weights[i] for i in self.members(coalition))

    def is_winning(self, coalition: Iterable[int | str]) -> bool:
        """Does ``coalition`` (player indices or names) reach the quota?"""
        return self.weight_of(coalition) >= self.quota

    @property
    def components(self) -> tuple[WeightedGame, ...]:
        """A weighted game is a vector game of one component."""
        return (self,)


@dataclass(frozen=True, slots=True)
class VectorGame:
    """A coalition wins when it wins **every** component game (same players, same order), or, when
    ``or_games`` are given, when it wins **any one** of those.

    The EU Council's qualified majority (TFEU Art. 238(3)(a), TEU Art. 16(4)): at least 55 % of the
    members representing at least 65 % of the population; "a blocking minority must include at least
    four Council members, failing which the qualified majority shall be deemed attained", i.e. a
    coalition of at least ``n - 3`` members also wins::

        VectorGame(
            [WeightedGame([1] * 27, 15, names=states), WeightedGame(population, q_pop, names=states)],
            or_games=[WeightedGame([1] * 27, 24, names=states)],
        )

    Components may be improper on their own (a count-of-members quota of 55 % is proper, but a
    population quota need not be); the combination is what is played. Every component has
    non-negative weights, so the game is monotone (adding a player never turns a win into a loss).
    """

    games: tuple[WeightedGame, ...]
    names: tuple[str, ...] = field(default=())
    or_games: tuple[WeightedGame, ...] = field(default=())

    def __init__(
        self,
        games: Iterable[WeightedGame],
        *,
        names: Sequence[str] | None = None,
        or_games: Iterable[WeightedGame] = (),
    ) -> None:
        gs = tuple(games)
        alts = tuple(or_games)
        if not gs:
            raise PowerError("games: a vector game needs at least one component, got none")
        for label, group in (("games", gs), ("or_games", alts)):
            for j, g in enumerate(group):
                if not isinstance(g, WeightedGame):
                    raise PowerError(f"{label}[{j}] must be a WeightedGame, got {type(g).__name__}")
        n = gs[0].n
        for label, group in (("games", gs), ("or_games", alts)):
            for j, g in enumerate(group):
                if g.n != n:
                    raise PowerError(f"{label}[{j}] has {g.n} players but games[0] has {n}")
        object.__setattr__(self, "games", gs)
        object.__setattr__(self, "names", _names(names, n) if names is not None else gs[0].names)
        object.__setattr__(self, "or_games", alts)

    @property
    def n(self) -> int:
        """Number of players."""
        return self.games[0].n  # equivalent mutant "0 -> -1": every clause has the same players (checked)

    @property
    def components(self) -> tuple[WeightedGame, ...]:
        """The component weighted games that must all be won (``or_games`` not included)."""
        return self.games

    def members(self, coalition: Iterable[int | str]) -> tuple[int, ...]:
        """The indices of the players in ``coalition`` (indices or names, each once), as
        :meth:`WeightedGame.members` reads them."""
        return _members(coalition, self.names)

    def is_winning(self, coalition: Iterable[int | str]) -> bool:
        """Does ``coalition`` (player indices or names) win every component, or any one of ``or_games``?"""
        members = self.members(coalition)
        if any(g.is_winning(members) for g in self.or_games):
            return True
        return all(g.is_winning(members) for g in self.games)


MultiGame = VectorGame
"""Alias: several criteria (a seat quota and a count-of-members quota, a population quota ...)."""
