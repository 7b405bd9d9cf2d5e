"""Which seats crossed the floor: those a ``defect`` event moved, for as long as they sit apart from their party.

A floor-crossing keeps the party label, so the seats it moves look like any other seats of the party on that
side; the replay keeps a book of them (:class:`CrossingBook`) so that a whip count can name them and a
constitution's defection rule (:class:`whipcount.rules.DefectionPeriod`) can be applied to their votes.

Seats stop counting as crossed when they leave the side they crossed to (a later event moves, vacates or
takes them into another party), and all of a party's crossed seats on a side stop when the rest of the party
comes to sit there too (the party itself changed sides). The party's side is where most of its seats that did
not cross sit (its declared side when every seat crossed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from whipcount.model.chamber import Crossing
from whipcount.model.sources import Source

__all__ = ["CrossingBook"]


class _Seat(Protocol):
    """A named member during the replay, as far as the book reads it."""

    @property
    def party(self) -> str | None: ...

    @property
    def side(self) -> str | None: ...

    @property
    def seated(self) -> bool: ...


@dataclass(slots=True)
class CrossingBook:
    """Crossed seats by (party, side), the named members among them, and the sources that moved them."""

    seats: dict[tuple[str, str], int] = field(default_factory=dict)
    members: dict[str, tuple[str, str]] = field(default_factory=dict)
    sources: dict[tuple[str, str], list[Source]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        """Whether any seat sits crossed (the named members are among the seats booked)."""
        return bool(self.seats)

    def record(self, party: str, side: str, n: int, members: tuple[str, ...], sources: tuple[Source, ...]) -> None:
        """``n`` seats of ``party`` (``members`` named among them) crossed to ``side``."""
        if n <= 0:
            return
        key = (party, side)
        self.seats[key] = self.seats.get(key, 0) + n
        for mid in members:
            self.members[mid] = key
        known = self.sources.setdefault(key, [])
        known += [s for s in sources if s not in known]

    def settle(self, holdings: Mapping[str, Mapping[str, int]], seated: Mapping[str, _Seat],
               home: Mapping[str, str]) -> None:
        """Drop what no longer sits crossed after an event: named members moved or unseated, seats beyond
        those the party still holds on the side, and every crossed seat on the side the party now sits on."""
        for mid, (party, side) in list(self.members.items()):
            rec = seated[mid]
            if not rec.seated or rec.party != party or rec.side != side:
                del self.members[mid]
                self.seats[(party, side)] = self.seats.get((party, side), 0) - 1
        for (party, side), n in list(self.seats.items()):
            n = min(n, holdings.get(party, {}).get(side, 0))
            if n > 0 and side == self.party_side(party, holdings, home):
                n = 0
            if n > 0:
                self.seats[(party, side)] = n
                continue
            self.seats.pop((party, side), None)
            self.sources.pop((party, side), None)
            for mid in [m for m, key in self.members.items() if key == (party, side)]:
                del self.members[mid]

    def party_side(self, party: str, holdings: Mapping[str, Mapping[str, int]], home: Mapping[str, str]) -> str:
        """Where most of ``party``'s seats that did not cross sit (its declared side when all crossed)."""
        rest = {s: k - self.seats.get((party, s), 0) for s, k in holdings.get(party, {}).items()}
        rest = {s: k for s, k in rest.items() if k > 0}
        if not rest:
            return home[party]
        return max(rest.items(), key=lambda kv: kv[1])[0]

    def crossings(self, holdings: Mapping[str, Mapping[str, int]], home: Mapping[str, str],
                  names: Mapping[str, str]) -> tuple[Crossing, ...]:
        """The crossed seats as they stand, by party and side (``names``: every member's name, by id)."""
        out = []
        for (party, side), n in sorted(self.seats.items()):
            members = tuple(sorted(m for m, key in self.members.items() if key == (party, side)))
            out.append(Crossing(party, side, n, self.party_side(party, holdings, home), members,
                                tuple(self.sources.get((party, side), ())), tuple(names[m] for m in members)))
        return tuple(out)
