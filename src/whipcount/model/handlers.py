"""How each kind of seat event changes the replay's working state, and the registry of those handlers.

:class:`Replayer` is the working state (:mod:`whipcount.model.working_state`) with the means to apply
events: look up what an event names (refusing unknown parties, sides and members with an
:class:`~whipcount.errors.EventError`), move seats between parties and sides, and one handler per kind.
``HANDLERS`` maps every kind in ``SEAT_KINDS`` to its handler; a kind without one (or a handler for no
kind) fails at import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from whipcount.errors import EventError
from whipcount.model.chamber import INDEPENDENT
from whipcount.model.events import FILLING_KINDS, SEAT_KINDS, VACATING_KINDS, Event
from whipcount.model.working_state import WorkingState, _MemberRec, _PartyInfo

__all__ = ["HANDLERS", "Replayer"]


@dataclass(slots=True)
class Replayer(WorkingState):
    """Applies events one by one to a mutable working state; snapshots are immutable."""

    # -- what an event names, and moving seats ----------------------------------------------------
    def _need_party(self, ev: Event, party: str | None, what: str = "party") -> str:
        if party is None:
            raise EventError(f"{ev.where}: {ev.kind} needs a {what}")
        if party not in self.info:
            known = ", ".join(sorted(self.info))
            raise EventError(f"{ev.where}: unknown {what} {party!r} (known parties: {known})")
        return party

    def _need_side(self, ev: Event, side: str | None) -> str:
        if side is None:
            raise EventError(f"{ev.where}: {ev.kind} needs a side in 'to'")
        if side not in self.chamber.sides:
            raise EventError(
                f"{ev.where}: unknown side {side!r} (expected one of {', '.join(self.chamber.sides)})"
            )
        return side

    def _member(self, ev: Event, mid: str, party: str | None) -> _MemberRec:
        rec = self.members.get(mid)
        if rec is None:
            raise EventError(f"{ev.where}: unknown member {mid!r}")
        if not rec.seated:
            raise EventError(f"{ev.where}: member {mid!r} does not hold a seat on {ev.date} ({rec.status})")
        if party is not None and rec.party != party:
            raise EventError(f"{ev.where}: member {mid!r} sits for {rec.party!r}, not {party!r}")
        return rec

    def _take(self, ev: Event, party: str, n: int, *, avoid: str | None = None) -> dict[str, int]:
        """Remove ``n`` seats of ``party`` (from ``ev.from_side`` or the largest sides first)."""
        held = self.holdings.setdefault(party, {})
        if n < 0:
            raise EventError(f"{ev.where}: seats must be >= 0, got {n}")
        if ev.from_side is not None:
            order = [self._need_side(ev, ev.from_side)]
        else:
            order = sorted((s for s in held if s != avoid), key=lambda s: -held[s])
        available = sum(held.get(s, 0) for s in order)
        if n > available:
            where = f" on the {ev.from_side} side" if ev.from_side else (f" off the {avoid} side" if avoid else "")
            raise EventError(
                f"{ev.where}: {ev.kind} moves {n} seat(s) of {party!r} but it holds only {available}{where}"
                f" on {ev.date}"
            )
        taken: dict[str, int] = {}
        left = n
        for s in order:
            # the default is read only for an unheld from_side, when nothing is to move (left == 0)
            k = min(left, held.get(s, 0))  # equivalent mutant "0 -> 1": see above
            if k:
                held[s] -= k
                taken[s] = k
                left -= k
            if not left:
                break
        return taken

    def _put(self, party: str, side: str, n: int) -> None:
        held = self.holdings.setdefault(party, {})
        held[side] = held.get(side, 0) + n

    def _move_members(self, ev: Event, party: str, *, side: str | None = None,
                      to_party: str | None = None) -> None:
        """Move named members from ``party`` to a side and/or another party, seat counts included."""
        for mid in ev.members:
            rec = self._member(ev, mid, party)
            assert rec.side is not None
            self._take_exact(ev, party, rec.side, 1)
            new_party = to_party or party
            new_side = side or rec.side
            self._put(new_party, new_side, 1)
            rec.party, rec.side = new_party, new_side

    def _take_exact(self, ev: Event, party: str, side: str, n: int) -> None:
        held = self.holdings.setdefault(party, {})
        # A named member's side is always a key here (the invariants after each event keep as many seats on
        # it as members named there), so the default below is never read.
        have = held.get(side, 0)  # equivalent mutants "0 -> 1", "0 -> -1": the default, see above
        if have < n:
            raise EventError(f"{ev.where}: {party!r} holds {have} seat(s) on the {side} side, cannot move {n}")
        held[side] -= n

    # -- events -----------------------------------------------------------------------------------
    def apply(self, ev: Event) -> None:
        """Apply one event (it must not be earlier than the last one applied)."""
        if self.date is not None and ev.date < self.date and ev.changes_seats:
            raise EventError(
                f"{ev.where}: dated {ev.date}, before the state it would change ({self.date})"
            )
        if ev.changes_seats:
            if ev.members and ev.seats is not None and ev.seats != len(ev.members):
                raise EventError(f"{ev.where}: seats: expected {len(ev.members)}, one for each member named in "
                                 f"members, got {ev.seats} (give either alone, or both agreeing)")
            HANDLERS[ev.kind](self, ev)
            self._check(ev)
            if self.crossing:  # a log with no floor-crossing (most) books nothing: no work per event
                self.crossing.settle(self.holdings, self.members, self.home_sides())
        self.applied += 1
        if not ev.verified:
            self.unverified += 1
        self.date = max(self.date, ev.date) if self.date else ev.date

    def _ev_switch_side(self, ev: Event) -> None:
        party = self._need_party(ev, ev.party)
        to = self._need_side(ev, ev.to)
        if ev.members:
            self._move_members(ev, party, side=to)
            return
        held = self.holdings.get(party, {})
        n = ev.seat_count
        if n is None:  # the whole party
            n = sum(k for s, k in held.items() if s != to)
            for rec in self.members.values():
                if rec.party == party and rec.seated:
                    rec.side = to
        self._take(ev, party, n, avoid=to)
        self._put(party, to, n)

    def _ev_defect(self, ev: Event) -> None:
        """A floor-crossing: moved like a switch of side, the party label kept, and booked as crossed."""
        party = self._need_party(ev, ev.party)
        to = self._need_side(ev, ev.to)
        if ev.members:
            n = sum(1 for mid in ev.members if self._member(ev, mid, party).side != to)
        else:
            n = ev.seat_count if ev.seat_count is not None else sum(
                k for s, k in self.holdings.get(party, {}).items() if s != to)
        self._ev_switch_side(ev)
        self.crossing.record(party, to, n, tuple(ev.members), ev.sources)

    def _ev_leave_party(self, ev: Event) -> None:
        party = self._need_party(ev, ev.party)
        dest = ev.to_party or INDEPENDENT
        if dest not in self.info:
            if dest != INDEPENDENT:
                self._need_party(ev, dest, "party in 'to_party'")
            self.info[dest] = _PartyInfo(dest, "Independents", "#9e9e9e", "Ind.", self._main_side(party),
                                         True, None, None)
        side = self._need_side(ev, ev.to) if ev.to else None
        if ev.members:
            self._move_members(ev, party, side=side, to_party=dest)
            return
        self._move_counted(ev, party, dest, side)

    def _ev_join_party(self, ev: Event) -> None:
        dest = self._need_party(ev, ev.party)
        src = ev.from_party or INDEPENDENT
        side = self._need_side(ev, ev.to) if ev.to else None
        if ev.members:
            for mid in ev.members:
                rec = self._member(ev, mid, ev.from_party)  # a named from_party must be the member's own
                assert rec.party is not None and rec.side is not None
                self._take_exact(ev, rec.party, rec.side, 1)
                rec.party, rec.side = dest, side or rec.side
                self._put(dest, rec.side, 1)
            return
        self._need_party(ev, src, "party in 'from_party'")
        self._move_counted(ev, src, dest, side)

    def _move_counted(self, ev: Event, src: str, dest: str, side: str | None) -> None:
        """Move ``ev.seats`` (1 by default) of ``src``'s seats to ``dest``, each to ``side`` or the side
        it sat on."""
        n = ev.seat_count
        assert n is not None
        for s, k in self._take(ev, src, n).items():
            self._put(dest, side or s, k)

    def _ev_split(self, ev: Event) -> None:
        party = self._need_party(ev, ev.party)
        new = ev.new_party
        if new is None:
            raise EventError(f"{ev.where}: split needs new_party (id and name)")
        if new.id in self.info:
            raise EventError(f"{ev.where}: new_party {new.id!r} already exists")
        side = self._need_side(ev, new.side or ev.to) if (new.side or ev.to) else None
        self.info[new.id] = _PartyInfo(new.id, new.name, new.colour, None, side or self._main_side(party),
                                       ev.verified, None, None)
        if ev.members:
            self._move_members(ev, party, side=side, to_party=new.id)
            return
        n = ev.seat_count
        if n is None:
            raise EventError(f"{ev.where}: split needs seats or members (how many go)")
        for s, k in self._take(ev, party, n).items():
            self._put(new.id, side or s, k)

    def _ev_merge(self, ev: Event) -> None:
        if len(ev.parties) < 2:
            raise EventError(f"{ev.where}: merge needs at least two parties in 'parties'")
        for p in ev.parties:
            self._need_party(ev, p)
        into = ev.into or (ev.new_party.id if ev.new_party else None)
        if into is None:
            raise EventError(f"{ev.where}: merge needs 'into' (a party id)")
        if into not in self.info:
            if ev.new_party is None or ev.new_party.id != into:
                raise EventError(f"{ev.where}: merge into unknown party {into!r} (give new_party to create it)")
            first = self.info[ev.parties[0]]
            self.info[into] = _PartyInfo(into, ev.new_party.name, ev.new_party.colour, None,
                                         ev.new_party.side or first.home_side, ev.verified, None, None)
        for p in ev.parties:
            if p == into:
                continue
            for s, k in list(self.holdings.get(p, {}).items()):
                self._put(into, s, k)
            self.holdings[p] = {}
            for rec in self.members.values():
                if rec.party == p:
                    rec.party = into

    def _ev_government_change(self, ev: Event) -> None:
        sides = self.chamber.sides
        if "government" not in sides or "opposition" not in sides:
            raise EventError(
                f"{ev.where}: a government-change needs the sides 'government' and 'opposition' "
                f"(the chamber has {', '.join(sides)})"
            )
        swap = {"government": "opposition", "opposition": "government"}
        for held in self.holdings.values():
            gov, opp = held.get("government", 0), held.get("opposition", 0)
            held["government"], held["opposition"] = opp, gov
        for rec in self.members.values():
            if rec.side in swap:
                rec.side = swap[rec.side]
        for info in self.info.values():
            if info.home_side in swap:
                info.home_side = swap[info.home_side]
        self.government_changes.append(ev.date)

    def _ev_vacate(self, ev: Event) -> None:
        party = self._need_party(ev, ev.party)
        if ev.members:
            for mid in ev.members:
                rec = self._member(ev, mid, party)
                assert rec.side is not None
                self._take_exact(ev, party, rec.side, 1)
                rec.seated, rec.party, rec.status = False, None, ev.kind
            self.vacancies += len(ev.members)
            return
        n = ev.seat_count
        assert n is not None
        self._take(ev, party, n)
        self.vacancies += n

    def _ev_fill(self, ev: Event) -> None:
        party = self._need_party(ev, ev.party)
        n = ev.seat_count
        assert n is not None
        if n > self.vacancies:
            raise EventError(
                f"{ev.where}: fills {n} seat(s) but only {self.vacancies} seat(s) are vacant on {ev.date}"
            )
        side = self._need_side(ev, ev.to) if ev.to else self._main_side(party)
        for mid in ev.members:
            rec = self.members.get(mid)
            if rec is None:
                raise EventError(f"{ev.where}: unknown member {mid!r}")
            if rec.seated:
                raise EventError(f"{ev.where}: member {mid!r} already holds a seat")
            if rec.status == "death":
                raise EventError(f"{ev.where}: member {mid!r} has died (a death event before this one): expected "
                                 f"the member who takes the seat, or seats without members")
            rec.seated, rec.party, rec.side, rec.status = True, party, side, "sitting"
        self._put(party, side, n)
        self.vacancies -= n


HANDLERS: dict[str, Callable[[Replayer, Event], None]] = {
    "switch-side": Replayer._ev_switch_side,
    "defect": Replayer._ev_defect,
    "leave-party": Replayer._ev_leave_party,
    "join-party": Replayer._ev_join_party,
    "split": Replayer._ev_split,
    "merge": Replayer._ev_merge,
    "government-change": Replayer._ev_government_change,
    **{kind: Replayer._ev_vacate for kind in VACATING_KINDS},
    **{kind: Replayer._ev_fill for kind in FILLING_KINDS},
}
"""The handler of every kind of event that changes seats, by kind (checked complete below)."""

if set(HANDLERS) != set(SEAT_KINDS):  # pragma: no cover - a kind added without its handler fails at import
    raise ImportError(f"seat event kinds without a replay handler: {sorted(set(SEAT_KINDS) - set(HANDLERS))}; "
                      f"handlers without a kind: {sorted(set(HANDLERS) - set(SEAT_KINDS))}")
