"""``whipcount coalitions`` by weight: a game whose players share weights has its coalitions counted by how
many players of each weight they take (:mod:`whipcount.power.types`), with the number of coalitions each
such kind stands for, and its members listed only where that listing is small enough."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table

from whipcount.cli.app import console
from whipcount.cli.power_tables import count_text
from whipcount.power.game import WeightedGame
from whipcount.power.types import TYPE_KINDS, CoalitionType, WeightTypes, coalition_types, weight_types

__all__ = ["MAX_KINDS", "MAX_LISTED_MEMBERS", "ByWeight", "by_weight", "print_by_weight"]

MAX_LISTED_MEMBERS = 100_000
"""The most player names a listing of coalitions may hold; past it the coalitions are given by weight only."""
MAX_KINDS = 20_000
"""The most kinds of coalition (counts by weight) counted, about 0.3 s; past it the number of coalitions is not
given."""
MAX_SHOWN_KINDS = 1_000
"""The most kinds of coalition shown with ``--limit 0`` (which streams the coalitions themselves)."""


@dataclass(frozen=True)
class ByWeight:
    """The kinds of coalition of a game whose players share weights: the first ``limit`` of them, how many
    kinds and coalitions in all (None past :data:`MAX_KINDS`), and whether their members are listed."""

    types: WeightTypes
    rows: tuple[CoalitionType, ...]
    kinds: int | None
    coalitions: int | None
    names: int
    listed: bool

    def words(self, row: CoalitionType) -> str:
        """``15,001 of the 30,000 of weight 1 + 2 of the 3 of weight 5``."""
        return " + ".join(f"{c:,} of the {m:,} of weight {w}"
                          for c, m, w in zip(row.counts, self.types.sizes, self.types.weights, strict=True) if c)

    def why_not_listed(self) -> str:
        """Why the members are not listed, and how to read the kinds instead."""
        return (f"members not listed: the coalitions to list would name {self.names:,} players, more than "
                f"{MAX_LISTED_MEMBERS:,} (a smaller --limit lists fewer, --limit 0 every one); each row above stands "
                "for every coalition taking those numbers of players of each weight (--json: by_weight)")

    def as_dict(self) -> dict[str, Any]:
        """``by_weight`` in ``--json``."""
        return {"weights": list(self.types.weights), "players": list(self.types.sizes),
                "types": [{"counts": list(r.counts), "weight": r.weight, "coalitions": r.number} for r in self.rows],
                "kinds": self.kinds, "coalitions": self.coalitions, "members_listed": self.listed}


def by_weight(game: WeightedGame, kind: str, limit: int) -> ByWeight | None:
    """The kinds of ``kind`` coalition of ``game`` by weight (at most ``limit``; 0: all), or None where no
    two players share a weight (each kind is one coalition) or the kind depends on an order (connected). The
    members are listed where the first ``limit`` coalitions name at most :data:`MAX_LISTED_MEMBERS` players,
    and with ``limit`` 0, which asks for every one (streamed)."""
    if kind not in TYPE_KINDS:
        return None
    types = weight_types(game, skip_zero=kind != "winning")
    if len(types.weights) == sum(types.sizes):
        return None
    rows: list[CoalitionType] = []
    kinds = coalitions = largest = 0
    for row in coalition_types(game, kind, limit=MAX_KINDS + 1):
        kinds += 1
        coalitions += row.number
        largest = max(largest, row.members)
        if len(rows) < (limit or MAX_SHOWN_KINDS):
            rows.append(row)
    counted = kinds <= MAX_KINDS
    if not counted:
        largest = sum(types.sizes)  # a coalition has at most every player
    to_list = min(limit, coalitions) if counted else limit  # --limit 0 asks for every coalition: streamed
    names = to_list * largest
    return ByWeight(types, tuple(rows), kinds if counted else None, coalitions if counted else None, names,
                    listed=not limit or names <= MAX_LISTED_MEMBERS)


def print_by_weight(title: str, found: ByWeight, notes: list[str]) -> None:
    """The kinds as one table, with the count in all and why the members are not listed."""
    table = Table(title=f"{title}, by weight")
    table.add_column("#", justify="right")
    table.add_column("members by weight")
    table.add_column("weight", justify="right")
    table.add_column("coalitions", justify="right")
    for n, row in enumerate(found.rows, start=1):
        table.add_row(str(n), found.words(row), str(row.weight), count_text(row.number))
    if found.kinds is None:
        total = f"more than {MAX_KINDS:,} kinds of coalition: not counted"
    else:
        total = (f"{found.kinds:,} kind{'s' if found.kinds != 1 else ''} of coalition, "
                 f"{count_text(found.coalitions or 0)} coalitions in all (--json: every digit)")
        if len(found.rows) < found.kinds:
            total += f"; first {len(found.rows)} kinds shown"
    console.print(table)
    for line in (total, found.why_not_listed(), *notes):
        console.print(line, soft_wrap=True, highlight=False, markup=False)
