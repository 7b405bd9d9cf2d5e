"""Coalitions of a weighted game, streamed: winning, minimal winning, minimum and connected.

Every function is a generator of coalitions, each a sorted tuple of player indices, and takes
``limit`` (stop after that many). The searches walk the players heaviest first and prune any branch
that can no longer produce an answer, so the work is proportional to the output (times ``n``), never
to ``2**n``:

- :func:`winning_coalitions`: every coalition that reaches the quota.
- :func:`minimal_winning_coalitions`: winning, and every member is needed (von Neumann–Morgenstern).
- :func:`minimum_winning_coalitions`: minimal winning with the least total weight (Riker's size
  principle: the smallest seat total that still wins).
- :func:`connected_winning_coalitions`: minimal *connected* winning coalitions (Axelrod): runs of
  neighbours along a left–right order that win, and lose if either end leaves.
- :func:`vulnerable_coalitions`: winning coalitions with at least one critical member, with those
  members (for the Johnston index).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from itertools import islice

import numpy as np
import numpy.typing as npt

from whipcount.errors import PowerError
from whipcount.model.arguments import check_option, whole_number
from whipcount.power.game import WeightedGame
from whipcount.power.types import reach_row, type_reach, weight_types, within

__all__ = [
    "COALITION_KINDS",
    "coalitions",
    "connected_winning_coalitions",
    "count_minimal_winning",
    "count_vulnerable",
    "minimal_winning_coalitions",
    "minimum_winning_coalitions",
    "vulnerable_coalitions",
    "winning_coalitions",
]

Coalition = tuple[int, ...]
#: The most subsets whose sums are kept as sets instead, where they are fewer than the total weight.
MAX_REACH_SUMS = 1 << 20


def _heaviest_first(game: WeightedGame, *, skip_zero: bool) -> tuple[list[int], list[int], list[int]]:
    """Players heaviest first (ties by index), their weights, and suffix sums of those weights."""
    order = sorted(
        (i for i in range(game.n) if not (skip_zero and game.weights[i] == 0)),
        key=lambda i: (-game.weights[i], i),
    )
    ws = [game.weights[i] for i in order]
    suffix = [0] * (len(ws) + 1)
    for pos in range(len(ws) - 1, -1, -1):
        suffix[pos] = suffix[pos + 1] + ws[pos]
    return order, ws, suffix


Chain = tuple[int, "Chain"] | None
"""The members chosen so far, the last first (``(player, the chain before it)``): a branch of a search adds a
member in constant time and memory, where copying a tuple of them took time and memory in the square of the
players (100,000 players at quota 50,001: 74 s and 12 GB for the first two coalitions)."""


def _sorted(chain: Chain) -> Coalition:
    """The members of ``chain``, sorted."""
    out = []
    while chain is not None:
        out.append(chain[0])
        chain = chain[1]
    return tuple(sorted(out))


def _check(game: object, limit: object, who: str) -> int | None:
    """``limit`` as an int (a numpy integer too) or None, once ``game`` is known to be a WeightedGame; else a
    PowerError naming ``who`` (a list of weights had been an AttributeError once the listing began, a limit
    of 1.5 a ValueError from ``islice``, one of ``"2"`` a TypeError)."""
    if not isinstance(game, WeightedGame):
        raise PowerError(f"{who}: expected a WeightedGame (WeightedGame(weights, quota)), got "
                         f"{type(game).__name__}")
    if limit is None:
        return None
    bound = whole_number(limit)
    if bound is None or bound < 0:
        raise PowerError(f"limit must be a non-negative integer, got {limit!r}")
    return bound


def _limited(gen: Iterator[Coalition], limit: int | None) -> Iterator[Coalition]:
    return gen if limit is None else islice(gen, limit)


def winning_coalitions(game: WeightedGame, *, limit: int | None = None) -> Iterator[Coalition]:
    """Every winning coalition (there can be ``2**(n-1)`` of them: use ``limit``)."""
    limit = _check(game, limit, "winning_coalitions")

    def walk() -> Iterator[Coalition]:
        order, ws, suffix = _heaviest_first(game, skip_zero=False)
        q, n = game.quota, len(ws)
        stack: list[tuple[int, int, Chain]] = [(0, 0, None)]
        while stack:
            pos, cur, members = stack.pop()
            if pos == n:
                yield _sorted(members)
                continue
            if cur + suffix[pos + 1] >= q:  # can still win without this player
                stack.append((pos + 1, cur, members))
            stack.append((pos + 1, cur + ws[pos], (order[pos], members)))

    return _limited(walk(), limit)


def minimal_winning_coalitions(game: WeightedGame, *, limit: int | None = None) -> Iterator[Coalition]:
    """Winning coalitions from which no member can leave without losing.

    Built heaviest first: the member added last is the lightest, so the coalition is minimal exactly
    when it first reaches the quota. Zero-weight players are never in one.
    """
    limit = _check(game, limit, "minimal_winning_coalitions")

    def walk() -> Iterator[Coalition]:
        order, ws, suffix = _heaviest_first(game, skip_zero=True)
        q, n = game.quota, len(ws)
        stack: list[tuple[int, int, Chain]] = [(0, 0, None)]
        while stack:
            pos, cur, members = stack.pop()
            if pos == n:
                continue
            if cur + suffix[pos + 1] >= q:
                stack.append((pos + 1, cur, members))
            new = cur + ws[pos]
            if new >= q:
                yield _sorted((order[pos], members))
            else:
                stack.append((pos + 1, new, (order[pos], members)))

    return _limited(walk(), limit)


def minimum_winning_coalitions(game: WeightedGame, *, limit: int | None = None) -> Iterator[Coalition]:
    """Winning coalitions of the least total weight (Riker's minimum winning coalitions).

    The least winning total ``w*`` comes from a subset-sum reachability table; the coalitions that
    weigh exactly ``w*`` are all minimal (any member leaving drops below ``w*``, hence below the quota).
    The table has a column per total weight, or, where the players' subsets are fewer (a few players of
    large weights, such as populations), a set of the sums the subsets reach.
    """
    limit = _check(game, limit, "minimum_winning_coalitions")
    order, ws, _ = _heaviest_first(game, skip_zero=True)
    n = len(ws)
    reach = _reach_sets(ws) if (1 << n) <= min(game.total, MAX_REACH_SUMS) else _reach_table(ws, game)

    def walk() -> Iterator[Coalition]:
        target = min(s for s in reach(0) if s >= game.quota)
        stack: list[tuple[int, int, Chain]] = [(0, target, None)]
        while stack:
            pos, need, members = stack.pop()
            if need == 0:
                yield _sorted(members)
                continue
            if pos == n:
                continue
            if need in reach(pos + 1):
                stack.append((pos + 1, need, members))
            # the guard is for speed: a branch let through with need < 0 (or unreachable) never reaches need 0
            if ws[pos] <= need and need - ws[pos] in reach(pos + 1):  # equivalent mutant "and -> or": see above
                stack.append((pos + 1, need - ws[pos], (order[pos], members)))

    return _limited(walk(), limit)


Reach = Callable[[int], Collection[int]]


class _Suffix:
    """The sums the players from a position on (heaviest first) make, read from the table of distinct weights:
    ``copies`` players of weight ``w`` left, then the lighter weights' row (``s in suffix``; iterating
    gives the sums)."""

    def __init__(self, lighter: npt.NDArray[np.bool_], w: int, copies: int) -> None:
        self.lighter, self.w, self.copies = lighter, w, copies

    def __contains__(self, s: object) -> bool:
        return isinstance(s, int) and within(self.lighter, s, self.w, self.copies)

    def _row(self) -> npt.NDArray[np.bool_]:
        return reach_row(self.lighter, self.w, self.copies)

    def __iter__(self) -> Iterator[int]:
        return (int(s) for s in np.flatnonzero(self._row()))

    def __len__(self) -> int:
        return int(np.count_nonzero(self._row()))


def _reach_table(ws: list[int], game: WeightedGame) -> Reach:
    """``reach(pos)``: the sums players ``pos..`` (heaviest first) can make, from a table of a row per
    distinct weight and a column per total weight (:func:`whipcount.power.types.type_reach`): 30,000 players
    of one seat need two rows, where a row per player had been refused as too large."""
    types = weight_types(game, skip_zero=True)
    rows = type_reach(types, game.total, "minimum winning coalitions")
    t_of = {w: t for t, w in enumerate(types.weights)}
    ends = {w: pos + 1 for pos, w in enumerate(ws)}  # one past the last player of each weight
    cells = [_Suffix(rows[t_of[w] + 1], w, ends[w] - pos) for pos, w in enumerate(ws)]
    cells.append(_Suffix(rows[-1], 0, 0))
    return cells.__getitem__


def _reach_sets(ws: list[int]) -> Reach:
    """``reach(pos)`` as sets of sums: at most ``2**(n - pos)`` each, for few players of large weights."""
    sets: list[set[int]] = [{0}]
    for w in reversed(ws):
        sets.append(sets[-1] | {s + w for s in sets[-1]})
    sets.reverse()
    return sets.__getitem__


def connected_winning_coalitions(
    game: WeightedGame, *, order: Sequence[int | str] | None = None, limit: int | None = None
) -> Iterator[Coalition]:
    """Minimal connected winning coalitions (Axelrod) along ``order`` (every player once, left to right, by
    index or name; default: the players' own order): runs of neighbours that win and lose if either end
    leaves."""
    limit = _check(game, limit, "connected_winning_coalitions")
    seq = list(range(game.n)) if order is None else list(game.members(order, what="order"))
    if sorted(seq) != list(range(game.n)):
        raise PowerError(f"order must list each of the {game.n} players once (indices 0..{game.n - 1} or names), "
                         f"got {seq}")

    def walk() -> Iterator[Coalition]:
        ws = [game.weights[i] for i in seq]
        prefix = [0]  # equivalent mutants "0 -> 1", "0 -> -1": only differences of prefix sums are read
        for w in ws:
            prefix.append(prefix[-1] + w)
        q = game.quota
        b = 0
        for a in range(len(ws)):
            b = max(b, a)
            while b < len(ws) and prefix[b + 1] - prefix[a] < q:
                b += 1
            if b == len(ws):
                break
            total = prefix[b + 1] - prefix[a]  # [a, b] is the shortest winning run starting at a
            # without b it is shorter, so it loses; minimal when it loses without a as well
            if total - ws[a] < q:
                yield tuple(sorted(seq[a : b + 1]))

    return _limited(walk(), limit)


def vulnerable_coalitions(game: WeightedGame, *, limit: int | None = None) -> Iterator[tuple[Coalition, Coalition]]:
    """Winning coalitions with at least one critical member, each with its critical members.

    Member ``j`` of ``S`` is critical when ``w_j > w(S) - q``; one exists iff ``w(S) < q + max w``.
    Built heaviest first, so the first member fixes the maximum and the search keeps
    ``w(S) < q + max``.
    """
    limit = _check(game, limit, "vulnerable_coalitions")

    def walk() -> Iterator[tuple[Coalition, Coalition]]:
        order, ws, suffix = _heaviest_first(game, skip_zero=False)
        q, n = game.quota, len(ws)
        stack: list[tuple[int, int, int, Chain]] = [(0, 0, 0, None)]
        while stack:
            pos, cur, top, members = stack.pop()
            if pos == n:
                if q <= cur < q + top:
                    coalition = _sorted(members)
                    yield coalition, tuple(j for j in coalition if game.weights[j] > cur - q)
                continue
            # only prunes: a branch that cannot reach the quota yields nothing at its leaf anyway
            if cur + suffix[pos + 1] >= q:  # equivalent mutant "1 -> 0": see above
                stack.append((pos + 1, cur, top, members))
            heavy = top or ws[pos]
            if cur + ws[pos] < q + heavy:
                stack.append((pos + 1, cur + ws[pos], heavy, (order[pos], members)))

    gen = walk()
    return gen if limit is None else islice(gen, limit)


COALITION_KINDS: dict[str, Callable[..., Iterator[Coalition]]] = {
    "winning": winning_coalitions,
    "minimal": minimal_winning_coalitions,
    "minimum": minimum_winning_coalitions,
    "connected": connected_winning_coalitions,
}


def coalitions(
    game: WeightedGame, kind: str = "minimal", *, limit: int | None = None, order: Sequence[int | str] | None = None
) -> Iterator[Coalition]:
    """Dispatch on ``kind`` (one of :data:`COALITION_KINDS`)."""
    check_option(kind, COALITION_KINDS, "kind", PowerError)
    if kind == "connected":
        return connected_winning_coalitions(game, order=order, limit=limit)
    if order is not None:
        raise PowerError(f"order applies only to kind 'connected', got kind {kind!r}")
    return COALITION_KINDS[kind](game, limit=limit)


#: The largest quota whose coalitions are counted before they are listed (a table of ``quota`` cells).
MAX_COUNT_QUOTA = 20_000_000


def _count_below_quota(game: WeightedGame, order: list[int], cap: int) -> int | None:
    """Coalitions counted at their last member in ``order`` (``j``, with ``T`` the members before it) where
    ``w(T) < q <= w(T) + w_j``, capped at ``cap``: one table of subset sums below the quota, player by
    player; None when the quota is too large for the table."""
    q = game.quota
    if q > MAX_COUNT_QUOTA:
        return None
    cap = min(cap, 2**62 // (q + 1))  # sums of capped cells stay within int64
    below = np.zeros(q, dtype=np.int64)
    below[0] = 1
    total = 0
    for j in order:
        w = game.weights[j]
        total = min(cap, total + int(below[max(q - w, 0):].sum()))
        if total >= cap:
            return cap
        if w < q:  # a member of weight 0 doubles every cell: with it or without
            below[w:] += below[: q - w].copy()
            np.minimum(below, cap, out=below)
    return total


def count_minimal_winning(game: WeightedGame, cap: int) -> int | None:
    """How many minimal winning coalitions (at most ``cap``; None when the quota is too large to count):
    each counted at its lightest member, which it cannot win without."""
    order = sorted(range(game.n), key=lambda i: -game.weights[i])
    return _count_below_quota(game, order, cap)


def count_vulnerable(game: WeightedGame, cap: int) -> int | None:
    """How many winning coalitions have a critical member (at most ``cap``; None as above): those that lose
    without their heaviest member, each counted at it."""
    order = sorted(range(game.n), key=lambda i: game.weights[i])
    return _count_below_quota(game, order, cap)

