"""``whipcount coalitions --kind connected`` past the member bound: a minimal connected winning coalition is a
run of neighbours along the order, so where its members are too many to list (the first ``--limit``
coalitions would name more than :data:`~whipcount.cli.power_types.MAX_LISTED_MEMBERS` players, as for the
other kinds) each is given by its ends along the order, how many players it takes and its weight."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table

from whipcount.cli.app import console
from whipcount.cli.power_types import MAX_LISTED_MEMBERS
from whipcount.power import coalitions
from whipcount.power.game import WeightedGame

__all__ = ["Run", "listed_connected", "print_runs", "runs", "why_runs"]


@dataclass(frozen=True)
class Run:
    """A connected coalition by its ends along the order: the first and last player, how many, its weight."""

    first: str
    last: str
    players: int
    weight: int

    def as_dict(self) -> dict[str, Any]:
        """One of ``runs`` in ``--json``."""
        return {"first": self.first, "last": self.last, "players": self.players, "weight": self.weight}


def listed_connected(game: WeightedGame, order: Sequence[int] | None, limit: int) -> bool:
    """Whether the members of the first ``limit`` connected coalitions are listed: where they name at most
    :data:`MAX_LISTED_MEMBERS` players, and with ``limit`` 0, which asks for every one (streamed). Counted
    as they are found, stopping past the bound."""
    if not limit:
        return True
    names = 0
    for c in coalitions(game, "connected", limit=limit, order=order):
        names += len(c)
        if names > MAX_LISTED_MEMBERS:
            return False
    return True


def runs(game: WeightedGame, order: Sequence[int] | None, limit: int) -> Iterator[Run]:
    """The first ``limit`` connected coalitions (0: all) as runs along ``order`` (default: the players')."""
    place = {p: i for i, p in enumerate(order if order is not None else range(game.n))}
    for c in coalitions(game, "connected", limit=limit or None, order=order):
        ends = sorted((min(c, key=place.__getitem__), max(c, key=place.__getitem__)), key=place.__getitem__)
        yield Run(game.names[ends[0]], game.names[ends[1]], len(c), game.weight_of(c))


def why_runs(limit: int) -> str:
    """Why the members are not listed, and how the rows read instead."""
    return (f"members not listed: the first {limit:,} coalitions would name more than {MAX_LISTED_MEMBERS:,} "
            "players (a smaller --limit lists fewer, --limit 0 every one); each row above is a run of neighbours "
            "along the order, from its first player to its last (--json: runs)")


def print_runs(title: str, found: Iterator[Run], limit: int, notes: list[str]) -> None:
    """The runs as one table, then why the members are not listed and the notes."""
    table = Table(title=title)
    table.add_column("#", justify="right")
    table.add_column("from")
    table.add_column("to")
    table.add_column("players", justify="right")
    table.add_column("weight", justify="right")
    more = False
    for n, run in enumerate(found, start=1):
        if n > limit:
            more = True
            break
        table.add_row(str(n), run.first, run.last, f"{run.players:,}", str(run.weight))
    console.print(table)
    lines = [why_runs(limit), *notes] + ([f"first {limit} shown"] if more else [])
    for line in lines:
        console.print(line, soft_wrap=True, highlight=False, markup=False)
