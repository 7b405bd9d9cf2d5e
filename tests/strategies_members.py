"""Random logs of every seat-event kind, with named members, checked seat by seat.

``member_logs()`` draws a chamber whose seats are partly held by named members and a log that uses every
seat-event kind, by count and by name. It is built by walking :class:`MemberOracle`, a plain list with one
entry per seat (party, side, member or ``None``) written from the event kinds' documented meaning, not from
the replay code: a count is taken from ``from_side`` or else from the party's largest side first (a draw
with tied sides gives a ``from_side`` so the answer is never ambiguous), counted moves take unnamed seats.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import strategies as st

from whipcount.model import Chamber, Event, Member, NewParty, Party

SIDES = ("government", "opposition", "other")
IND = "independent"
# written out, not imported: a kind that disappears from the model must fail the tests
VACATING = ("resign", "death", "disqualify", "vacate")
FILLING = ("by-election", "fill-seat")
ACTIONS = ("switch", "leave", "join", "split", "merge", "govt", "vacate", "fill")


@dataclass(eq=False)  # seats are compared by identity
class Seat:
    party: str
    side: str
    member: str | None = None


@dataclass
class MemberOracle:
    """One entry per seat (None = vacant), the home side of each party, and where each member is."""

    seats: list[Seat | None] = field(default_factory=list)
    home: dict[str, str | None] = field(default_factory=dict)  # None: not determined (a tie)
    unseated: set[str] = field(default_factory=set)
    dead: set[str] = field(default_factory=set)  # unseated by a death: never seated again

    def held(self, party: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for s in self.seats:
            if s is not None and s.party == party:
                out[s.side] = out.get(s.side, 0) + 1
        return out

    def anonymous(self, party: str, side: str) -> list[Seat]:
        return [s for s in self.seats if s is not None and s.party == party and s.side == side and s.member is None]

    def named(self, party: str | None = None) -> list[Seat]:
        return [s for s in self.seats if s is not None and s.member and party in (None, s.party)]

    def main_side(self, party: str) -> str | None:
        held = self.held(party)
        if not held:
            return self.home.get(party)
        top = max(held.values())
        winners = [s for s, n in held.items() if n == top]
        return winners[0] if len(winners) == 1 else None

    def plan(self, party: str, n: int, from_side: str | None, avoid: str | None = None) -> dict[str, int] | None:
        """How many unnamed seats a count takes from each side, or None if it cannot be told/done."""
        if from_side is not None:
            return {from_side: n} if len(self.anonymous(party, from_side)) >= n else None
        held = {s: k for s, k in self.held(party).items() if s != avoid}
        if len(set(held.values())) != len(held) or sum(held.values()) < n:
            return None  # a tie between sides: the order is not defined, so ask with from_side
        out: dict[str, int] = {}
        for side in sorted(held, key=lambda s: -held[s]):  # largest side first
            k = min(n - sum(out.values()), held[side])
            if k:
                if len(self.anonymous(party, side)) < k:
                    return None
                out[side] = k
        return out

    def take(self, party: str, plan: dict[str, int], dest: str | None, to: str | None) -> None:
        for side, k in plan.items():
            for seat in self.anonymous(party, side)[:k]:
                i = self.seats.index(seat)
                self.seats[i] = None if dest is None else Seat(dest, to or side)

    def vacancies(self) -> int:
        return sum(1 for s in self.seats if s is None)

    def truth(self) -> Truth:
        holdings: dict[tuple[str, str], int] = {}
        members: dict[str, tuple[str | None, str | None, bool]] = {m: (None, None, False) for m in self.unseated}
        for s in self.seats:
            if s is not None:
                holdings[(s.party, s.side)] = holdings.get((s.party, s.side), 0) + 1
                if s.member:
                    members[s.member] = (s.party, s.side, True)
        return Truth(holdings, self.vacancies(), members, dict(self.home))


@dataclass
class Truth:
    holdings: dict[tuple[str, str], int]
    vacancies: int
    members: dict[str, tuple[str | None, str | None, bool]]
    home: dict[str, str | None]


@dataclass
class MemberLog:
    chamber: Chamber
    parties: list[Party]
    members: list[Member]
    events: list[Event]
    truth: list[tuple[dt.date, Truth]]  # after each event, in order


class _Walk:
    """Draws one event of a given kind against the oracle, applies it there, returns it (or None)."""

    def __init__(self, draw: st.DrawFn, o: MemberOracle, known: list[str], day: dt.date, k: int) -> None:
        self.draw, self.o, self.known, self.day, self.k = draw, o, known, day, k

    def _party_side(self) -> tuple[str, str] | None:
        pairs = sorted({(s.party, s.side) for s in self.o.seats if s is not None})
        return self.draw(st.sampled_from(pairs)) if pairs else None

    def _some_members(self, party: str | None = None) -> list[str]:
        named = sorted(s.member for s in self.o.named(party) if s.member)
        if not named:
            return []
        return self.draw(st.lists(st.sampled_from(named), min_size=1, max_size=3, unique=True))

    def _count(self, party: str, avoid: str | None = None) -> tuple[int, str | None, dict[str, int]] | None:
        """A count and maybe a from_side, with the oracle's plan; None when nothing fits."""
        sides = sorted(s for s in self.o.held(party) if s != avoid)
        if not sides:
            return None
        use_from = self.draw(st.booleans())
        side = self.draw(st.sampled_from(sides)) if use_from else None
        most = len(self.o.anonymous(party, side)) if side else sum(
            len(self.o.anonymous(party, s)) for s in sides)
        n = self.draw(st.integers(0, most))
        plan = self.o.plan(party, n, side, avoid)
        if plan is None:
            return None
        return n, side, plan

    def _seat(self, mid: str) -> Seat:
        return next(s for s in self.o.seats if s is not None and s.member == mid)

    def switch(self) -> Event | None:
        kind = self.draw(st.sampled_from(["switch-side", "defect"]))
        to = self.draw(st.sampled_from(SIDES))
        how = self.draw(st.sampled_from(["count", "members", "whole"]))
        ps = self._party_side()
        if ps is None:
            return None
        party = ps[0]
        if how == "members":
            mids = self._some_members(party)
            if not mids:
                return None
            for m in mids:
                self._seat(m).side = to
            return Event(self.day, kind, party=party, members=tuple(mids), to=to)
        if how == "whole":
            for s in self.o.seats:
                if s is not None and s.party == party:
                    s.side = to
            return Event(self.day, kind, party=party, to=to)
        got = self._count(party, avoid=to)
        if got is None:
            return None
        n, side, plan = got
        self.o.take(party, plan, party, to)
        return Event(self.day, kind, party=party, seats=n, from_side=side, to=to)

    def _dest_party(self, party: str) -> str | None:
        others = [p for p in self.known if p != party]
        dest = self.draw(st.sampled_from([None, *others])) if others else None
        if dest is None and IND not in self.o.home:
            self.o.home[IND] = self.o.main_side(party)
            self.known.append(IND)
        return dest

    def leave(self) -> Event | None:
        ps = self._party_side()
        if ps is None or ps[0] == IND:
            return None
        party = ps[0]
        to = self.draw(st.sampled_from([None, *SIDES]))
        mids = self._some_members(party) if self.draw(st.booleans()) else []
        got = None if mids else self._count(party)
        if not mids and got is None:
            return None
        dest = self._dest_party(party)
        if mids:
            for m in mids:
                seat = self._seat(m)
                seat.party, seat.side = dest or IND, to or seat.side
            return Event(self.day, "leave-party", party=party, members=tuple(mids), to=to, to_party=dest)
        assert got is not None
        n, side, plan = got
        self.o.take(party, plan, dest or IND, to)
        return Event(self.day, "leave-party", party=party, seats=n, from_side=side, to=to, to_party=dest)

    def join(self) -> Event | None:
        dest = self.draw(st.sampled_from(self.known))
        to = self.draw(st.sampled_from([None, *SIDES]))
        if self.draw(st.booleans()):
            mids = [m for m in self._some_members() if self._seat(m).party != dest]
            if not mids:
                return None
            for m in mids:
                seat = self._seat(m)
                seat.party, seat.side = dest, to or seat.side
            return Event(self.day, "join-party", party=dest, members=tuple(mids), to=to)
        src = self.draw(st.sampled_from([p for p in self.known if p != dest] or [dest]))
        if src == dest:
            return None
        got = self._count(src)
        if got is None:
            return None
        n, side, plan = got
        self.o.take(src, plan, dest, to)
        named_src = None if src == IND and self.draw(st.booleans()) else src
        return Event(self.day, "join-party", party=dest, from_party=named_src, seats=n, from_side=side, to=to)

    def split(self) -> Event | None:
        ps = self._party_side()
        if ps is None:
            return None
        party, new = ps[0], f"n{self.k}"
        to = self.draw(st.sampled_from([None, *SIDES]))
        mids = self._some_members(party) if self.draw(st.booleans()) else []
        got = None if mids else self._count(party)
        if not mids and got is None:
            return None
        self.o.home[new] = to or self.o.main_side(party)
        self.known.append(new)
        np = NewParty(new, f"New {self.k}")
        if mids:
            for m in mids:
                seat = self._seat(m)
                seat.party, seat.side = new, to or seat.side
            return Event(self.day, "split", party=party, members=tuple(mids), to=to, new_party=np)
        assert got is not None
        n, side, plan = got
        self.o.take(party, plan, new, to)
        return Event(self.day, "split", party=party, seats=n, from_side=side, to=to, new_party=np)

    def merge(self) -> Event | None:
        if len(self.known) < 2:
            return None
        a, b = self.draw(st.lists(st.sampled_from(self.known), min_size=2, max_size=2, unique=True))
        into, new_party = a, None
        if self.draw(st.booleans()):
            into = f"m{self.k}"
            new_party = NewParty(into, f"Merged {self.k}")
            self.o.home[into] = self.o.home[a]
            self.known.append(into)
        for s in self.o.seats:
            if s is not None and s.party in (a, b):
                s.party = into
        return Event(self.day, "merge", parties=(a, b), into=into, new_party=new_party)

    def govt(self) -> Event | None:
        swap = {"government": "opposition", "opposition": "government"}
        for s in self.o.seats:
            if s is not None:
                s.side = swap.get(s.side, s.side)
        for p, h in self.o.home.items():
            self.o.home[p] = swap.get(h, h) if h else h
        return Event(self.day, "government-change")

    def vacate(self) -> Event | None:
        kind = self.draw(st.sampled_from(VACATING))
        ps = self._party_side()
        if ps is None:
            return None
        party = ps[0]
        mids = self._some_members(party) if self.draw(st.booleans()) else []
        if mids:
            for m in mids:
                self.o.seats[self.o.seats.index(self._seat(m))] = None
                self.o.unseated.add(m)
                if kind == "death":
                    self.o.dead.add(m)
            return Event(self.day, kind, party=party, members=tuple(mids))
        got = self._count(party)
        if got is None:
            return None
        n, side, plan = got
        self.o.take(party, plan, None, None)
        return Event(self.day, kind, party=party, seats=n, from_side=side)

    def fill(self) -> Event | None:
        kind = self.draw(st.sampled_from(FILLING))
        party = self.draw(st.sampled_from(self.known))
        free = self.o.vacancies()
        to = self.draw(st.sampled_from([None, *SIDES]))
        side = to or self.o.main_side(party)
        if not free or side is None:
            return None
        back = sorted(self.o.unseated - self.o.dead)
        mids = self.draw(st.lists(st.sampled_from(back), max_size=min(free, 3), unique=True)) if back else []
        n = len(mids) if mids else self.draw(st.integers(1, free))
        names: list[str | None] = [*mids] or [None] * n
        for mid in names:
            self.o.seats[self.o.seats.index(None)] = Seat(party, side, mid)
            self.o.unseated.discard(mid or "")
        if mids:
            return Event(self.day, kind, party=party, members=tuple(mids), to=to)
        return Event(self.day, kind, party=party, seats=n, to=to)


@st.composite
def member_logs(draw: st.DrawFn, max_parties: int = 4, max_events: int = 14) -> MemberLog:
    start = dt.date(2020, 1, 1)
    o = MemberOracle()
    parties: list[Party] = []
    members: list[Member] = []
    for i in range(draw(st.integers(1, max_parties))):
        pid, side = f"p{i}", draw(st.sampled_from(SIDES))
        seats = draw(st.integers(0, 12))
        named = draw(st.integers(0, seats))
        parties.append(Party(pid, f"Party {i}", seats, side))
        o.home[pid] = side
        for j in range(seats):
            mid = f"{pid}m{j}" if j < named else None
            o.seats.append(Seat(pid, side, mid))
            if mid:
                members.append(Member(mid, f"Member {pid}.{j}", pid))
    o.seats += [None] * draw(st.integers(0, 4))
    if not o.seats:
        o.seats = [None]
    chamber = Chamber("Random House", len(o.seats), "pk-na", start, SIDES)
    known = [p.id for p in parties]
    events: list[Event] = []
    truth: list[tuple[dt.date, Truth]] = []
    day = start
    for k in range(draw(st.integers(0, max_events))):
        day = day + dt.timedelta(days=draw(st.integers(0, 2)))
        walk = _Walk(draw, o, known, day, k)
        ev = getattr(walk, draw(st.sampled_from(ACTIONS)))()
        if ev is not None:
            events.append(ev)
            truth.append((day, o.truth()))
    return MemberLog(chamber, parties, members, events, truth)
