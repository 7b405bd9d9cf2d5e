"""Every member's vote enumerated, for blocs built in code: the independent truth the forecast's exact method
and Monte Carlo are held to on small chambers. A member votes yes with ``p_yes``, no with ``p_no``, and is away
with ``p_absent``: abstaining in the chamber where the bloc abstains, else absent; a bloc acts as one with its
cohesion. Nothing here is shared with whipcount's formulas."""

from __future__ import annotations

import itertools
import math

from whipcount.tally import Bloc, PassRule

__all__ = ["OUTCOMES", "p_pass", "votes", "yes_distribution"]

OUTCOMES = ("yes", "no", "abstain", "absent")

Counts = dict[tuple[int, ...], float]


def _bloc(b: Bloc) -> Counts:
    """P(counts of yes, no, abstain, absent) of one bloc."""
    one = dict.fromkeys(OUTCOMES, 0.0)
    one["yes"], one["no"] = b.p_yes, b.p_no
    one["abstain" if b.abstains else "absent"] += b.p_absent
    dist: Counts = {}
    for picks in itertools.product(OUTCOMES, repeat=b.seats):  # members on their own
        key = tuple(picks.count(o) for o in OUTCOMES)
        dist[key] = dist.get(key, 0.0) + (1.0 - b.cohesion) * math.prod(one[o] for o in picks)
    for o in OUTCOMES:  # the bloc as one
        key = tuple(b.seats if x == o else 0 for x in OUTCOMES)
        dist[key] = dist.get(key, 0.0) + b.cohesion * one[o]
    return dist


def votes(blocs: list[Bloc]) -> Counts:
    """P(counts of yes, no, abstain, absent) over every member of independent blocs."""
    total: Counts = {(0, 0, 0, 0): 1.0}
    for b in blocs:
        nxt: Counts = {}
        for (a, pa), (c, pc) in itertools.product(total.items(), _bloc(b).items()):
            key = tuple(x + y for x, y in zip(a, c, strict=True))
            nxt[key] = nxt.get(key, 0.0) + pa * pc
        total = nxt
    return total


def p_pass(blocs: list[Bloc], rule: PassRule) -> float:
    """P(pass): every outcome judged by the rule on its yes, no and abstain counts."""
    return sum(p for (y, n, ab, _), p in votes(blocs).items() if rule.passes_one(y, n, ab))


def yes_distribution(blocs: list[Bloc]) -> list[float]:
    """P(k yes votes), k = 0..seats."""
    out = [0.0] * (sum(b.seats for b in blocs) + 1)
    for (y, _, _, _), p in votes(blocs).items():
        out[y] += p
    return out
