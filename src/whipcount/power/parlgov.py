"""Voting power of every party in every parliament of ParlGov (bundled, CC0).

The bundled table ``whipcount/data/parlgov/parliament_seats.csv`` (derived from ParlGov's
``view_election.csv``: see the README next to it) lists the seats of each party after each
parliamentary election. Each election becomes a weighted game: players are the parties with seats,
the quota is a majority of the chamber (``seats_total // 2 + 1``).

Two of ParlGov's rows are not parties: ``none`` ("no party affiliation": independents) and ``etc``
("others": small parties ParlGov does not list one by one). Neither votes as one, so each of their seats
is a player of its own, and their row reports the power of those seats together (``players`` says how
many players a row stands for). For ``etc`` that is an approximation: the table does not say how its
seats split between parties. Seats of the chamber that no row holds (``unlisted``, party id 0) are
players of their own the same way: they vote, whoever holds them.

Source: Döring, Holger, Alexandra Quaas, Maike Hesse, and Philip Manow. 2023. Parliaments and
governments database (ParlGov): Information on parties, elections and cabinets in established
democracies. Development version.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import reduce
from importlib import resources
from operator import add

from whipcount.errors import PowerError
from whipcount.model.ids import did_you_mean
from whipcount.power.game import WeightedGame
from whipcount.power.indices import DEFAULT_MAX_COALITIONS, PowerIndex, TooManyCoalitions, Value, get_index

__all__ = ["NOT_PARTIES", "UNLISTED_ID", "Parliament", "SweepRow", "parliaments", "sweep"]

_RESOURCE = ("data", "parlgov", "parliament_seats.csv")

NOT_PARTIES = {"none": "no party affiliation", "etc": "others", "unlisted": "seats ParlGov does not list"}
"""Short names of rows that are not parties: ParlGov's own two (its ``view_party.csv``, every country alike),
and whipcount's ``unlisted`` for the seats of ``seats_total`` that no row holds."""

UNLISTED_ID = 0
"""The ``party_id`` of the ``unlisted`` row (ParlGov's party ids start at 1)."""


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

    @property
    def players(self) -> tuple[int, ...]:
        """How many players each row is: one for a party, one per seat for independents and others."""
        return tuple(seats if short in NOT_PARTIES else 1 for short, seats in zip(self.party_short, self.seats,
                                                                                strict=True))

    def game(self) -> WeightedGame:
        """The weighted game ``[seats_total // 2 + 1; weights]``: a player ``short#party_id`` per party, and
        one of weight 1 per seat of independents and others (``none#1262.1``, ``none#1262.2`` ...)."""
        names: list[str] = []
        weights: list[int] = []
        for short, pid, seats, n in zip(self.party_short, self.party_ids, self.seats, self.players, strict=True):
            if n == 1:
                names.append(f"{short}#{pid}")
                weights.append(seats)
            else:
                names += [f"{short}#{pid}.{k}" for k in range(1, n + 1)]
                weights += [1] * n
        return WeightedGame(weights, self.quota, names=names)


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
    values: dict[str, Value | None]
    players: int
    """How many players of the game the row is (its seats for independents and others, else 1)."""


def _read_text() -> str:
    ref = resources.files("whipcount").joinpath(*_RESOURCE)
    return ref.read_text(encoding="utf-8")


def parliaments(country: str | None = None) -> list[Parliament]:
    """Every parliament in the bundled table (optionally of one country: ``"DEU"``, ``"gbr"``)."""
    wanted = country.strip().upper() if country else None
    groups: dict[int, list[dict[str, str]]] = {}
    countries: set[str] = set()
    for row in csv.DictReader(io.StringIO(_read_text())):
        countries.add(row["country"])
        if wanted is None or row["country"] == wanted:
            groups.setdefault(int(row["election_id"]), []).append(row)
    if wanted is not None and not groups:
        raise PowerError(f"country: no ParlGov parliament for {country!r} (use a code like DEU, GBR, NLD)"
                         f"{did_you_mean(wanted, sorted(countries))}")
    out = []
    for eid, rows in groups.items():
        first = rows[0]  # equivalent mutants "0 -> 1" "0 -> -1": every row of an election repeats its date and size
        total, seats = int(first["seats_total"]), [int(r["seats"]) for r in rows]
        # seats no row holds still vote (Finland's of 2023 lists 199 of 200: Åland's member is missing): like
        # independents, seat by seat, in a row of their own
        # no election's rows hold more than its seats_total (tests/test_power_parlgov.py): the floor never binds
        unlisted = max(0, total - sum(seats))  # equivalent mutant "0 -> -1": above
        out.append(
            Parliament(
                country=first["country"],
                election_date=first["election_date"],
                election_id=eid,
                seats_total=total,
                party_ids=tuple(int(r["party_id"]) for r in rows) + ((UNLISTED_ID,) if unlisted else ()),
                party_short=tuple(r["party_short"] for r in rows) + (("unlisted",) if unlisted else ()),
                seats=(*seats, unlisted) if unlisted else tuple(seats),
            )
        )
    out.sort(key=lambda p: (p.country, p.election_date, p.election_id))
    return out


def sweep(
    indices: Sequence[str] = ("banzhaf",),
    *,
    country: str | None = None,
    exact: bool = True,
    max_coalitions: int = DEFAULT_MAX_COALITIONS,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[SweepRow]:
    """The power of every party in every bundled parliament, one row per party (``indices``: names).

    ``progress(done, total)`` is called after each parliament (the CLI draws a progress bar with it).
    Parliaments whose seats cannot form a majority of ``seats_total`` are skipped. A row of independents or
    others holds the sum over its seats' players. An enumerating index (Holler-Packel ...) that meets more
    than ``max_coalitions`` coalitions in a parliament is ``None`` there.
    """
    funcs = [get_index(name) for name in ([indices] if isinstance(indices, str) else indices)]
    chambers = parliaments(country)
    for done, chamber in enumerate(chambers, start=1):
        try:
            game = chamber.game()
        except PowerError:
            game = None
        if game is not None:
            values = {f.name: _values(f, game, exact, max_coalitions) for f in funcs}
            first = 0
            for pid, short, seats, n in zip(chamber.party_ids, chamber.party_short, chamber.seats, chamber.players,
                                            strict=True):
                yield SweepRow(
                    chamber.country,
                    chamber.election_date,
                    chamber.election_id,
                    pid,
                    short,
                    seats,
                    chamber.seats_total,
                    chamber.quota,
                    {name: None if vals is None else reduce(add, vals[first:first + n])
                     for name, vals in values.items()},
                    players=n,
                )
                first += n
        if progress is not None:
            progress(done, len(chambers))


def _values(index: PowerIndex, game: WeightedGame, exact: bool, max_coalitions: int) -> tuple[Value, ...] | None:
    try:
        return index(game, exact=exact, max_coalitions=max_coalitions)
    except TooManyCoalitions:
        return None
