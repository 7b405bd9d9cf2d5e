"""Voting power of every party in every parliament of ParlGov (bundled, CC0).

The bundled table ``whipcount/data/parlgov/parliament_seats.csv`` (derived from ParlGov's
``view_election.csv``: see the README next to it) lists the seats of each party after each
parliamentary election. Each election becomes a weighted game: players are the parties with seats,
the quota is a majority of the chamber (``seats_total // 2 + 1``).

Source: Döring, Holger, Alexandra Quaas, Maike Hesse, and Philip Manow. 2023. Parliaments and
governments database (ParlGov): Information on parties, elections and cabinets in established
democracies. Development version.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources

from whipcount.errors import PowerError
from whipcount.power.game import WeightedGame
from whipcount.power.indices import Value, get_index

__all__ = ["Parliament", "SweepRow", "parliaments", "sweep"]

_RESOURCE = ("data", "parlgov", "parliament_seats.csv")


@dataclass(frozen=True, slots=True)
class Parliament:
    """The parties of one chamber after one election."""

    country: str
    election_date: str
    election_id: int
    seats_total: int
    party_ids: tuple[int, ...]
    party_short: tuple[str, ...]
    seats: tuple[int, ...]

    @property
    def quota(self) -> int:
        """A majority of the whole chamber."""
        return self.seats_total // 2 + 1

    def game(self) -> WeightedGame:
        """The weighted game ``[seats_total // 2 + 1; seats]``, players named ``short#party_id``."""
        names = [f"{s}#{pid}" for s, pid in zip(self.party_short, self.party_ids, strict=True)]
        return WeightedGame(self.seats, self.quota, names=names)


@dataclass(frozen=True, slots=True)
class SweepRow:
    """One party's power in one parliament."""

    country: str
    election_date: str
    election_id: int
    party_id: int
    party_short: str
    seats: int
    seats_total: int
    quota: int
    values: dict[str, Value]


def _read_text() -> str:
    ref = resources.files("whipcount").joinpath(*_RESOURCE)
    return ref.read_text(encoding="utf-8")


def parliaments(country: str | None = None) -> list[Parliament]:
    """Every parliament in the bundled table (optionally of one country: ``"DEU"``, ``"gbr"``)."""
    wanted = country.strip().upper() if country else None
    groups: dict[int, list[dict[str, str]]] = {}
    for row in csv.DictReader(io.StringIO(_read_text())):
        if wanted is None or row["country"] == wanted:
            groups.setdefault(int(row["election_id"]), []).append(row)
    if wanted is not None and not groups:
        raise PowerError(f"country: no ParlGov parliament for {country!r} (use a code like DEU, GBR, NLD)")
    out = []
    for eid, rows in groups.items():
        first = rows[0]  # equivalent mutant "0 -> 1": every row of an election repeats its date and size
        out.append(
            Parliament(
                country=first["country"],
                election_date=first["election_date"],
                election_id=eid,
                seats_total=int(first["seats_total"]),
                party_ids=tuple(int(r["party_id"]) for r in rows),
                party_short=tuple(r["party_short"] for r in rows),
                seats=tuple(int(r["seats"]) for r in rows),
            )
        )
    out.sort(key=lambda p: (p.country, p.election_date, p.election_id))
    return out


def sweep(
    indices: Sequence[str] = ("banzhaf",),
    *,
    country: str | None = None,
    exact: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[SweepRow]:
    """The power of every party in every bundled parliament, one row per party (``indices``: names).

    ``progress(done, total)`` is called after each parliament (the CLI draws a progress bar with it).
    Parliaments whose seats cannot form a majority of ``seats_total`` are skipped.
    """
    funcs = [get_index(name) for name in ([indices] if isinstance(indices, str) else indices)]
    chambers = parliaments(country)
    for done, chamber in enumerate(chambers, start=1):
        try:
            game = chamber.game()
        except PowerError:
            game = None
        if game is not None:
            values = {f.name: f(game, exact=exact) for f in funcs}
            for i, (pid, short, seats) in enumerate(
                zip(chamber.party_ids, chamber.party_short, chamber.seats, strict=True)
            ):
                yield SweepRow(
                    chamber.country,
                    chamber.election_date,
                    chamber.election_id,
                    pid,
                    short,
                    seats,
                    chamber.seats_total,
                    chamber.quota,
                    {name: vals[i] for name, vals in values.items()},
                )
        if progress is not None:
            progress(done, len(chambers))
