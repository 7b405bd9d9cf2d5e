"""Hypothesis strategies for weighted voting games (small enough to check by brute force)."""

from __future__ import annotations

from hypothesis import strategies as st

from whipcount.power import VectorGame, WeightedGame


@st.composite
def weighted_games(
    draw: st.DrawFn, min_players: int = 1, max_players: int = 8, max_weight: int = 12, proper: bool = True
) -> WeightedGame:
    """A weighted game ``[q; w]`` with zero weights allowed and a quota anywhere in the legal range."""
    weights = draw(st.lists(st.integers(0, max_weight), min_size=min_players, max_size=max_players))
    if sum(weights) == 0:
        weights[0] = draw(st.integers(1, max_weight))
    total = sum(weights)
    low = total // 2 + 1 if proper else 1
    quota = draw(st.integers(low, total))
    return WeightedGame(weights, quota, proper=proper)


@st.composite
def equal_weight_games(draw: st.DrawFn) -> WeightedGame:
    """Games where several players share each weight (the shared-work path of the counting)."""
    groups = draw(st.lists(st.tuples(st.integers(1, 9), st.integers(1, 4)), min_size=1, max_size=4))
    weights = [w for w, m in groups for _ in range(m)]
    order = draw(st.permutations(range(len(weights))))
    weights = [weights[i] for i in order]
    total = sum(weights)
    return WeightedGame(weights, draw(st.integers(total // 2 + 1, total)))


@st.composite
def vector_games(draw: st.DrawFn, max_players: int = 7) -> VectorGame:
    """Two or three criteria over the same players (each component proper or not)."""
    n = draw(st.integers(1, max_players))
    games = []
    for _ in range(draw(st.integers(1, 3))):
        weights = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
        if sum(weights) == 0:
            weights[0] = 1
        games.append(WeightedGame(weights, draw(st.integers(1, sum(weights))), proper=False))
    return VectorGame(games)


@st.composite
def count_and_weight_games(
    draw: st.DrawFn, max_players: int = 14, or_clause: bool | None = None, max_weight: int = 60
) -> VectorGame:
    """A member-count quota plus one weight quota (zero weights and improper quotas allowed), maybe a
    second quota on the same weights, and, with ``or_clause`` (drawn when None), a count quota that
    wins on its own (like the EU Council's blocking-minority clause)."""
    n = draw(st.integers(1, max_players))
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n))
    if sum(weights) == 0:
        weights[0] = 1
    games = [
        WeightedGame([1] * n, draw(st.integers(1, n)), proper=False),
        WeightedGame(weights, draw(st.integers(1, sum(weights))), proper=False),
    ]
    if draw(st.booleans()):
        games.append(WeightedGame(weights, draw(st.integers(1, sum(weights))), proper=False))
    if draw(st.booleans()):
        step = draw(st.integers(2, 5))
        games.append(WeightedGame([step] * n, draw(st.integers(1, step * n)), proper=False))
    with_or = draw(st.booleans()) if or_clause is None else or_clause
    or_games = [WeightedGame([1] * n, draw(st.integers(1, n)), proper=False)] if with_or else []
    order = draw(st.permutations(range(len(games))))
    return VectorGame([games[i] for i in order], or_games=or_games)
