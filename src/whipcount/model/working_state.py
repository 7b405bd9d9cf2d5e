"""The replay's working state: what a chamber holds while events are applied, and its invariants.

A :class:`WorkingState` is mutable: the seats each party holds on each side, the vacancies, the named
members and where they sit. :meth:`WorkingState.start` builds it from the chamber's starting parties and
members (refusing a start that cannot exist), ``_check`` enforces the invariants after each event (seats
held + vacancies = chamber size, no negative seats, no more named members on a side than the party holds
there), and :meth:`WorkingState.snapshot` copies it into an immutable
:class:`~whipcount.model.chamber.ChamberState`. How events change it is in :mod:`whipcount.model.handlers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Self

from whipcount.errors import ArgumentError, InvariantError
from whipcount.model.arguments import check_count, check_date
from whipcount.model.chamber import (
    Chamber,
    ChamberState,
    Member,
    MemberState,
    Party,
    PartyState,
)
from whipcount.model.crossings import CrossingBook
from whipcount.model.events import Event

__all__ = ["WorkingState"]


@dataclass(slots=True)
class _PartyInfo:
    id: str
    name: str
    colour: str | None
    short: str | None
    home_side: str
    verified: bool
    wikidata: str | None
    left_right: float | None


class _MemberRec:
    """A named member during the replay. Where it sits (a seated member's party and side) is counted in
    ``tally`` whenever it changes, so the invariant check reads a count per party and side instead of every
    member after every event (a log of 100,000 events over 5,000 members took half a minute). ``frozen`` is
    its :class:`MemberState` since it last changed, shared by every snapshot until then: a chamber wanted on
    each of 10,000 days had built 5,000 member states a day."""

    __slots__ = ("_party", "_seated", "_side", "_status", "frozen", "member", "moved", "tally")

    def __init__(self, member: Member, party: str | None, side: str | None, seated: bool,
                 status: str = "sitting", *, tally: dict[tuple[str, str], int], moved: set[str]) -> None:
        self.member, self._status, self.tally, self.moved = member, status, tally, moved
        self._party, self._side, self._seated = party, side, seated
        self.frozen: MemberState | None = None
        self._count(1)

    def _moved(self, slot: str, value: object) -> None:
        """Set where the member sits (its party, side or seat), the count following it."""
        self.moved.add(self.member.id)
        self.frozen = None
        self._count(-1)
        setattr(self, slot, value)
        self._count(1)

    @property
    def status(self) -> str:
        return self._status

    @status.setter
    def status(self, value: str) -> None:
        self.frozen = None
        self._status = value

    def _count(self, step: int) -> None:
        if self._seated and self._party is not None and self._side is not None:
            key = (self._party, self._side)
            self.tally[key] = self.tally.get(key, 0) + step

    @property
    def party(self) -> str | None:
        return self._party

    @party.setter
    def party(self, value: str | None) -> None:
        self._moved("_party", value)

    @property
    def side(self) -> str | None:
        return self._side

    @side.setter
    def side(self, value: str | None) -> None:
        self._moved("_side", value)

    @property
    def seated(self) -> bool:
        return self._seated

    @seated.setter
    def seated(self, value: bool) -> None:
        self._moved("_seated", value)


@dataclass(slots=True)
class WorkingState:
    """The mutable state of a chamber during a replay: seats, vacancies, named members, counters."""

    chamber: Chamber
    holdings: dict[str, dict[str, int]] = field(default_factory=dict)
    info: dict[str, _PartyInfo] = field(default_factory=dict)
    members: dict[str, _MemberRec] = field(default_factory=dict)
    named: dict[tuple[str, str], int] = field(default_factory=dict)  # seated named members by (party, side)
    moved: set[str] = field(default_factory=set)  # the members whose party, side or seat changed (see replay.moves)
    doubtful_members: list[_MemberRec] = field(default_factory=list)  # the members named unverified, for snapshots
    vacancies: int = 0  # equivalent mutants "0 -> 1", "0 -> -1": start() always sets it
    applied: int = 0
    unverified: int = 0
    date: dt.date | None = None
    government_changes: list[dt.date] = field(default_factory=list)
    crossing: CrossingBook = field(default_factory=CrossingBook)  # seats a defect moved, still apart

    @classmethod
    def start(cls, chamber: Chamber, parties: Sequence[Party], members: Sequence[Member] = ()) -> Self:
        """The state on ``chamber.as_of``; raises InvariantError if it cannot exist."""
        if check_count(chamber.seats, f"{chamber.name}: seats") < 1:
            raise ArgumentError(f"{chamber.name}: seats: expected the chamber's size, a whole number of at least 1, "
                                f"got {chamber.seats}")
        check_date(chamber.as_of, f"{chamber.name}: as_of")
        if isinstance(parties, Party | str) or not isinstance(parties, Iterable):
            raise ArgumentError(f"parties: expected a sequence of Party values (a tuple), got {type(parties).__name__}")
        r = cls(chamber=chamber, date=chamber.as_of)
        for p in parties:
            r._add_party(p)
        r._set_vacancies(sum(p.seats for p in parties))
        for m in members:
            r._add_member(m)
        r._check(None)
        return r

    def _add_party(self, p: Party) -> None:
        """Seat a starting party, refusing a duplicate or seats on a side the chamber lacks."""
        if not isinstance(p, Party):
            raise ArgumentError(f"parties: expected Party values, got {p!r} ({type(p).__name__})")
        if not isinstance(p.id, str) or not p.id:
            raise ArgumentError(f"party {p.name!r}: id: expected a party id (text, such as 'red'), got {p.id!r}")
        if p.id in self.info:
            raise InvariantError(f"party {p.id!r} is listed twice")
        held = p.initial_holdings()  # its seats, none negative, were checked when the party was made
        for side in held:
            if side not in self.chamber.sides:
                raise InvariantError(
                    f"party {p.id!r}: unknown side {side!r} (expected one of {', '.join(self.chamber.sides)})"
                )
        self.holdings[p.id] = {s: n for s, n in held.items() if n}
        self.info[p.id] = _PartyInfo(p.id, p.name, p.colour, p.short, p.side, p.verified, p.wikidata, p.left_right)

    def _set_vacancies(self, held_total: int) -> None:
        """The seats no party holds, which must agree with the chamber's own count of vacancies if it has one."""
        chamber = self.chamber
        if held_total > chamber.seats:
            raise InvariantError(
                f"{chamber.name}: parties hold {held_total} seats but the chamber has only {chamber.seats}"
            )
        self.vacancies = chamber.seats - held_total
        if chamber.vacancies is not None and chamber.vacancies != self.vacancies:
            raise InvariantError(
                f"{chamber.name}: parties hold {held_total} seats and {chamber.vacancies} are vacant: "
                f"{held_total + chamber.vacancies}, but the chamber has {chamber.seats} seats"
            )

    def _add_member(self, m: Member) -> None:
        """Name a starting member, of a party already seated, on a side the chamber has."""
        if m.id in self.members:
            raise InvariantError(f"member {m.id!r} is listed twice")
        if m.party not in self.info:
            raise InvariantError(f"member {m.id!r}: unknown party {m.party!r}")
        side = m.side or self._main_side(m.party)
        if side not in self.chamber.sides:
            raise InvariantError(f"member {m.id!r}: unknown side {side!r}")
        self.members[m.id] = _MemberRec(m, m.party if m.seated else None, side, m.seated,
                                        "sitting" if m.seated else "not seated", tally=self.named,
                                        moved=self.moved)
        if not m.verified:
            self.doubtful_members.append(self.members[m.id])

    def _main_side(self, party: str) -> str:
        held = self.holdings.get(party, {})
        if not held or not any(held.values()):
            return self.info[party].home_side
        return max(held.items(), key=lambda kv: kv[1])[0]

    # -- invariants and snapshots ------------------------------------------------------------------
    def _check(self, ev: Event | None) -> None:
        total = 0
        for party, held in self.holdings.items():
            for side, n in held.items():
                if n < 0:
                    raise InvariantError(f"{_at(ev)}{party!r} would hold {n} seats on the {side} side")
                total += n
        if self.vacancies < 0 or total + self.vacancies != self.chamber.seats:
            raise InvariantError(
                f"{_at(ev)}seats held ({total}) + vacancies ({self.vacancies}) != chamber size ({self.chamber.seats})"
            )
        for (party, side), k in self.named.items():
            seats = self.holdings.get(party, {}).get(side, 0)
            if k > seats:  # equivalent mutant "0 -> -1" (the default above): k >= 1 here
                verb = "sits" if k == 1 else "sit"
                raise InvariantError(f"{_at(ev)}{self._named_there(party, side, k)} of {party!r} {verb} on the {side} "
                                     f"side, but the party holds only {seats} seat(s) there{_hint(ev)}")

    def _named_there(self, party: str, side: str, k: int) -> str:
        """``k`` named members of ``party`` sitting on ``side``, in words: their names, the first few."""
        names = [r.member.name for r in self.members.values() if r.seated and r.party == party and r.side == side]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        return f"{k} named member{'s' if k != 1 else ''} ({shown})" if names else f"{k} named member(s)"

    def snapshot(self, on: dt.date) -> ChamberState:
        """An immutable copy of the working state, dated ``on``."""
        return ChamberState(
            chamber=self.chamber,
            date=on,
            parties=self._party_states(),
            vacancies=self.vacancies,
            members=tuple(self._member_state(r) for r in self.members.values()),
            applied=self.applied,
            unverified_events=self.unverified,
            government_changes=tuple(self.government_changes),
            crossed=self.crossing.crossings(self.holdings, self.home_sides(),
                                            {m: self.members[m].member.name for m in self.crossing.members})
            if self.crossing else (),
        )

    def home_sides(self) -> dict[str, str]:
        """Every party's declared side (where it sits when none of its seats says otherwise)."""
        return {pid: info.home_side for pid, info in self.info.items()}

    def _party_states(self) -> tuple[PartyState, ...]:
        """The parties, largest first, each with its seats by side in the chamber's order of sides."""
        order = {s: i for i, s in enumerate(self.chamber.sides)}
        parties = []
        for pid, held in self.holdings.items():
            seats = sum(held.values())
            info = self.info[pid]
            by_side = tuple(sorted(((s, n) for s, n in held.items() if n), key=lambda kv: order.get(kv[0], len(order))))
            parties.append(
                PartyState(
                    id=pid,
                    name=info.name,
                    seats=seats,
                    side=self._main_side(pid),
                    by_side=by_side,
                    colour=info.colour,
                    short=info.short,
                    verified=info.verified,
                    wikidata=info.wikidata,
                    left_right=info.left_right,
                )
            )
        parties.sort(key=lambda p: (-p.seats, p.name))
        # a party's seats are no surer than the members named in them: one unverified member seated in it
        # (who he is, or which side he sits on) leaves its count unconfirmed too
        doubtful = {r.party for r in self.doubtful_members if r.seated}
        return tuple(replace(p, verified=False) if p.id in doubtful else p for p in parties)

    @staticmethod
    def _member_state(r: _MemberRec) -> MemberState:
        if r.frozen is None:
            r.frozen = WorkingState._thaw(r)
        return r.frozen

    @staticmethod
    def _thaw(r: _MemberRec) -> MemberState:
        return MemberState(
            id=r.member.id,
            name=r.member.name,
            party=r.party,
            side=r.side if r.seated else None,
            seated=r.seated,
            constituency=r.member.constituency,
            wikidata=r.member.wikidata,
            verified=r.member.verified,
            status=r.status,
        )


def _hint(ev: Event | None) -> str:
    """What to write where an event moved seats from under named members: name those who moved."""
    if ev is None or getattr(ev, "members", None):
        return ""
    return (": name the members who move in the event's 'members' list (those not named stay where they sit), "
            "or move fewer seats")


def _at(ev: Event | None) -> str:
    """``"WHERE: "`` of the event an error is about (its place in a file found only now), or nothing."""
    return ev.where + ": " if ev else ""
