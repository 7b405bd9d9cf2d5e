"""The chamber and who sits in it: value types, no I/O, no clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from whipcount.errors import InvariantError, UnknownParty
from whipcount.model.arguments import plain_counts, plain_dates
from whipcount.model.place import Fields
from whipcount.model.sources import Source

DEFAULT_SIDES: tuple[str, ...] = ("government", "opposition", "other")
INDEPENDENT = "independent"


@dataclass(frozen=True, slots=True)
class Chamber:
    """A legislative chamber: its name, its fixed size and the rules profile it sits under.

    ``seats`` is the total membership fixed by law (342 for Pakistan's National Assembly in 2018-23),
    ``as_of`` the date on which the parties' seat counts in the scenario hold. ``vacancies``, when given, is
    the number of empty seats on ``as_of``: the parties' seats and it must then add up to ``seats`` (left
    out, whatever the parties do not hold is vacant, as in a scenario file without ``vacancies``).
    """

    name: str
    seats: int
    rules: str
    as_of: dt.date
    sides: tuple[str, ...] = DEFAULT_SIDES
    id: str = ""
    wikidata: str | None = None
    sources: tuple[Source, ...] = ()
    verified: bool = True
    note: str | None = None
    vacancies: int | None = None
    origin: Fields | None = field(default=None, compare=False, repr=False, metadata={"stored": False})
    """Where the chamber's fields were read (``origin.at("rules")``: ``s.yaml:5: chamber.rules``)."""

    def __post_init__(self) -> None:
        plain_counts(self, "seats", "vacancies")
        plain_dates(self, "as_of")


@dataclass(frozen=True, slots=True)
class Party:
    """A party (or a group of independents) as it stood on the chamber's ``as_of`` date.

    ``by_side`` splits its ``seats`` between sides when members of one party sit on different sides;
    when empty, all seats sit on ``side``. ``identifiers`` are its ids in other datasets as
    (scheme, identifier) pairs, scheme in lower case (``("official", "PTI-01")``); the Wikidata and
    ParlGov ids have their own fields, ``wikidata`` and ``parlgov``.
    """

    id: str
    name: str
    seats: int
    side: str
    colour: str | None = None
    short: str | None = None
    by_side: tuple[tuple[str, int], ...] = ()
    wikidata: str | None = None
    parlgov: int | None = None
    left_right: float | None = None
    verified: bool = True
    note: str | None = None
    sources: tuple[Source, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        """Check what the party says of itself when it is made, naming it and the field: whole numbers of
        seats, none negative, and seats by side that add up to its seats. What needs the chamber (a side it
        lacks, more seats than it has) is checked when a state is computed."""
        plain_counts(self, "seats", "by_side")
        where = f"party {self.id!r}"
        if self.seats < 0:
            raise InvariantError(f"{where}: seats: expected a number of seats, 0 or more, got {self.seats}")
        for i, (side, n) in enumerate(self.by_side):
            if n < 0:
                raise InvariantError(f"{where}: by_side[{i}]: expected a number of seats on {side!r}, 0 or more, "
                                     f"got {n}")
        if self.by_side and sum(n for _, n in self.by_side) != self.seats:
            raise InvariantError(f"{where}: by_side: seats by side add up to {sum(n for _, n in self.by_side)}, "
                                 f"not to its {self.seats} seats")

    @property
    def label(self) -> str:
        """The name a reader knows the party by, in every chart, table and note: its short name, else its
        name (never its id, which is for files and code)."""
        return self.short or self.name

    def all_identifiers(self) -> tuple[tuple[str, str], ...]:
        """Every (scheme, identifier) pair: ``wikidata`` and ``parlgov`` first, then ``identifiers``."""
        own = (("wikidata", self.wikidata), ("parlgov", None if self.parlgov is None else str(self.parlgov)))
        return _merged(own, self.identifiers)

    def initial_holdings(self) -> dict[str, int]:
        """Seats per side on the ``as_of`` date."""
        if self.by_side:
            return dict(self.by_side)
        return {self.side: self.seats}


@dataclass(frozen=True, slots=True)
class Member:
    """A named member. ``side`` overrides the party's side (a dissident sitting apart).

    ``identifiers`` are the member's ids in other datasets as (scheme, identifier) pairs, scheme in
    lower case (``("parlparse", "uk.org.publicwhip/person/10001")``, ``("ep", <EveryPolitician id>)``);
    the Wikidata id has its own field, ``wikidata``.
    """

    id: str
    name: str
    party: str
    side: str | None = None
    constituency: str | None = None
    wikidata: str | None = None
    seated: bool = True
    verified: bool = True
    note: str | None = None
    sources: tuple[Source, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()

    def all_identifiers(self) -> tuple[tuple[str, str], ...]:
        """Every (scheme, identifier) pair: ``wikidata`` first, then ``identifiers``."""
        return _merged((("wikidata", self.wikidata),), self.identifiers)


def _merged(
    own: tuple[tuple[str, str | None], ...], identifiers: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    out = [(scheme, value) for scheme, value in own if value is not None]
    return tuple(out + [pair for pair in identifiers if pair not in out])


@dataclass(frozen=True, slots=True)
class MemberState:
    """A named member on a given date."""

    id: str
    name: str
    party: str | None
    side: str | None
    seated: bool
    constituency: str | None = None
    wikidata: str | None = None
    verified: bool = True
    status: str = "sitting"


@dataclass(frozen=True, slots=True)
class PartyState:
    """A party on a given date: its seats in total and per side."""

    id: str
    name: str
    seats: int
    side: str
    by_side: tuple[tuple[str, int], ...]
    colour: str | None = None
    short: str | None = None
    verified: bool = True
    wikidata: str | None = None
    left_right: float | None = None

    @property
    def label(self) -> str:
        """The name a reader knows the party by, in every chart, table and note: its short name, else its
        name (never its id, which is for files and code)."""
        return self.short or self.name

    @property
    def split(self) -> bool:
        """True when the party's members sit on more than one side."""
        return sum(1 for _, n in self.by_side if n > 0) > 1

    def seats_on(self, side: str) -> int:
        """Seats of this party on ``side``."""
        return dict(self.by_side).get(side, 0)


@dataclass(frozen=True, slots=True)
class Crossing:
    """Seats of ``party`` that crossed the floor to ``side`` (a ``defect`` event) and still sit there, apart
    from the side the rest of the party sits on, ``party_side``; ``members``: those of them the log names (by
    id; ``names``, by name), ``sources``: the sources of the events that moved them."""

    party: str
    side: str
    seats: int
    party_side: str
    members: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    names: tuple[str, ...] = ()
    """The names of ``members``, in their order."""


@dataclass(frozen=True, slots=True, repr=False)
class ChamberState:
    """The chamber on one date, derived by :func:`whipcount.model.replay`.

    Invariant (checked on every date): ``seats_held + vacancies == chamber.seats``. Its repr gives the
    date, the seats by side and by party (the fields hold the rest).
    """

    chamber: Chamber
    date: dt.date
    parties: tuple[PartyState, ...]
    vacancies: int
    members: tuple[MemberState, ...] = ()
    applied: int = 0
    unverified_events: int = 0
    notes: tuple[str, ...] = field(default=())
    government_changes: tuple[dt.date, ...] = ()
    """The dates of the changes of government replayed so far (each swaps the two sides' names)."""
    crossed: tuple[Crossing, ...] = ()
    """Seats that crossed the floor (``defect`` events) and still sit apart from their party's side."""

    def __repr__(self) -> str:
        parties = ", ".join(f"{p.id}: {p.seats}" for p in self.parties)
        return (f"ChamberState(chamber={self.chamber.name!r}, date={self.date}, seats={self.chamber.seats}, "
                f"vacancies={self.vacancies}, sides={self.sides()}, parties={{{parties}}})")

    def changes_between(self, after: dt.date, until: dt.date) -> tuple[dt.date, ...]:
        """The changes of government replayed so far dated after ``after`` up to ``until``."""
        return tuple(d for d in self.government_changes if after < d <= until)

    def side_named_on(self, side: str, day: dt.date) -> str:
        """Where the seats called ``side`` on ``day`` (at the end of it) sit now: a change of government
        between then and now swaps ``government`` and ``opposition`` (the same members, relabelled)."""
        if len(self.changes_between(day, self.date)) % 2 == 0 or side not in ("government", "opposition"):
            return side
        return "opposition" if side == "government" else "government"

    @property
    def seats(self) -> int:
        """The chamber's total membership (fixed by law, vacancies included)."""
        return self.chamber.seats

    @property
    def seats_held(self) -> int:
        """Seats with a sitting member."""
        return sum(p.seats for p in self.parties)

    def sides(self) -> dict[str, int]:
        """Seats per side, in the chamber's order of sides, sides with no seats included."""
        totals = {s: 0 for s in self.chamber.sides}
        for p in self.parties:
            for side, n in p.by_side:
                # every side a party sits on is one of the chamber's (checked when the state is built)
                totals[side] = totals.get(side, 0) + n  # equivalent mutant "0 -> -1": above
        return totals

    def party(self, party_id: str) -> PartyState:
        """The party with this id on this date (:class:`~whipcount.errors.UnknownParty`, a KeyError, if it
        has no seats and never existed)."""
        for p in self.parties:
            if p.id == party_id:
                return p
        known = ", ".join(p.id for p in self.parties) or "none"
        raise UnknownParty(f"{self.chamber.name} on {self.date.isoformat()}: no party {party_id!r} (parties: {known})")

    def blocs(self) -> list[tuple[str, str, int]]:
        """(party, side, seats) for every non-empty holding: the units a split party splits into."""
        # by_side lists only sides with seats (a side a party left is dropped), so "n > -1" keeps the same
        return [(p.id, side, n) for p in self.parties
                for side, n in p.by_side if n > 0]  # equivalent mutant "0 -> -1": see above
