"""Derive the chamber's state on any date from its starting state and the event log.

:func:`replay` is the one way a state comes to exist. It applies events in date order (file order
within a day) and checks the invariants after each one: seats held + vacancies = chamber size, no
negative seats, no member in two parties, no more named members on a side than the party holds there.
:func:`history` gives the state after each event, in one pass; :func:`check_log` makes its checks alone.
A reader of the whole log that needs less than every member after every event asks :func:`moves` (the members
each event moved) or :func:`seat_tallies` (the seats by party and side after each event): a copy of the
chamber per event costs the chamber's size times the log's length.
The working state and its invariants
are in :mod:`whipcount.model.working_state`, the event handlers in :mod:`whipcount.model.handlers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from whipcount.errors import ArgumentError, EventError
from whipcount.model.arguments import check_count, check_date
from whipcount.model.chamber import Chamber, ChamberState, Member, Party
from whipcount.model.events import Event
from whipcount.model.handlers import HANDLERS as HANDLERS
from whipcount.model.handlers import Replayer

__all__ = ["Replayer", "SeatTally", "check_log", "history", "moves", "replay", "seat_tallies", "states_on"]


def _ordered(events: Iterable[Event]) -> list[Event]:
    """The events in date order (stable: file order within a day), each checked to be an Event (its kind,
    date and seats are checked when it is made)."""
    evs = list(events)
    for i, ev in enumerate(evs):
        if not isinstance(ev, Event):
            raise ArgumentError(f"events[{i}]: expected an Event, got {ev!r} ({type(ev).__name__})")
        check_date(ev.date, ev.origin or f"events[{i}] ({ev.kind}): date")
        if ev.seats is not None and not (isinstance(ev.seats, int) and not isinstance(ev.seats, bool)):
            check_count(ev.seats, f"{ev.origin or f'events[{i}] ({ev.kind})'}: seats")  # named only to refuse it
    return sorted(evs, key=lambda e: e.date)


def replay(
    chamber: Chamber,
    parties: Sequence[Party],
    events: Iterable[Event],
    *,
    on: dt.date | None = None,
    members: Sequence[Member] = (),
) -> ChamberState:
    """The chamber's state at the end of day ``on`` (default: after the last event).

    Raises :class:`~whipcount.errors.EventError` if ``on`` is before ``chamber.as_of`` or an event
    cannot apply, and :class:`~whipcount.errors.InvariantError` if the starting state cannot exist.
    """
    check_date(chamber.as_of, f"{chamber.name}: as_of")
    evs = _ordered(events)
    if on is None:
        on = max([chamber.as_of, *(e.date for e in evs)])
    on = check_date(on, "on")
    if on < chamber.as_of:
        raise EventError(
            f"{chamber.name}: no state before {chamber.as_of.isoformat()} (the date the seat counts hold), "
            f"asked for {on.isoformat()}"
        )
    r = Replayer.start(chamber, parties, members)
    for i, ev in enumerate(evs):
        if ev.date > on:
            break
        if _in_log(ev, chamber):
            _apply(r, evs, i)
    return r.snapshot(on)


def states_on(
    chamber: Chamber,
    parties: Sequence[Party],
    events: Iterable[Event],
    days: Iterable[dt.date],
    *,
    members: Sequence[Member] = (),
) -> Iterator[ChamberState]:
    """The chamber at the end of each of ``days`` (in increasing order, none before ``chamber.as_of``), as
    :func:`replay` gives it on that day, in one pass over the log: a reader of many days (a whip count
    checked on every day an event changes) had replayed the whole log once a day."""
    evs = _ordered(events)
    r = Replayer.start(chamber, parties, members)
    i, last = 0, chamber.as_of
    for day in days:
        day = check_date(day, "days")
        if day < last:
            raise ArgumentError(f"days: expected dates in increasing order from {last.isoformat()}, "
                                f"got {day.isoformat()}")
        while i < len(evs) and evs[i].date <= day:
            if _in_log(evs[i], chamber):
                _apply(r, evs, i)
            i += 1
        last = day
        yield r.snapshot(day)


def history(
    chamber: Chamber,
    parties: Sequence[Party],
    events: Iterable[Event],
    *,
    members: Sequence[Member] = (),
) -> Iterator[tuple[Event | None, ChamberState]]:
    """The starting state, then the state after each event from ``as_of`` on, in one pass."""
    r = Replayer.start(chamber, parties, members)
    yield None, r.snapshot(chamber.as_of)
    for ev in _applied(r, chamber, events):
        yield ev, r.snapshot(ev.date)


Where = tuple[str | None, str | None, bool]
"""A named member's party, side (None when not seated) and whether he is seated."""


def moves(
    chamber: Chamber,
    parties: Sequence[Party],
    events: Iterable[Event],
    *,
    members: Sequence[Member] = (),
) -> Iterator[tuple[Event | None, dict[str, Where], dict[str, str]]]:
    """:func:`history` told by its changes: every member where he sits at the start, then after each event the
    members it moved (party, side or seat; one it moved back is told again) and the parties held (id: name).
    One pass, no state copied: a log of 35,000 events over 5,000 members had built
    175 million member states."""
    r = Replayer.start(chamber, parties, members)

    def told(ids: Iterable[str]) -> dict[str, Where]:
        recs = (r.members[mid] for mid in ids)
        return {rec.member.id: (rec.party, rec.side if rec.seated else None, rec.seated) for rec in recs}

    def held() -> dict[str, str]:
        return {pid: r.info[pid].name for pid in r.holdings}

    r.moved.clear()
    yield None, told(r.members), held()
    for ev in _applied(r, chamber, events):
        yield ev, told(r.moved), held()
        r.moved.clear()


@dataclass(frozen=True, slots=True)
class SeatTally:
    """The seats at the start of the log (``event`` None) or after one event: each party's seats by side
    (sides it holds no seat on left out), and the vacancies."""

    event: Event | None
    date: dt.date
    holdings: dict[str, dict[str, int]]
    vacancies: int

    def sides(self, order: Sequence[str]) -> dict[str, int]:
        """Seats per side in ``order`` (the chamber's sides), as :meth:`ChamberState.sides` gives them."""
        totals = dict.fromkeys(order, 0)
        for held in self.holdings.values():
            for side, n in held.items():
                totals[side] = totals.get(side, 0) + n
        return totals


def seat_tallies(
    chamber: Chamber,
    parties: Sequence[Party],
    events: Iterable[Event],
    *,
    members: Sequence[Member] = (),
) -> Iterator[SeatTally]:
    """:func:`history` reduced to the seats: the start, then each event's :class:`SeatTally`, in one pass. A
    tally costs the number of parties, where a state copies every member: the seats per side over a log of
    35,000 events and 5,000 members, read from :func:`history`, took minutes and gigabytes."""
    r = Replayer.start(chamber, parties, members)

    def tally(ev: Event | None, day: dt.date) -> SeatTally:
        held = {pid: {s: n for s, n in sides.items() if n} for pid, sides in r.holdings.items()}
        return SeatTally(ev, day, held, r.vacancies)

    yield tally(None, chamber.as_of)
    for ev in _applied(r, chamber, events):
        yield tally(ev, ev.date)


def check_log(
    chamber: Chamber,
    parties: Sequence[Party],
    events: Iterable[Event],
    *,
    members: Sequence[Member] = (),
) -> None:
    """Raise what going through :func:`history` raises (an event that cannot apply, an invariant broken
    after one), without building the state after each event: a state is a copy of what was checked."""
    r = Replayer.start(chamber, parties, members)
    for _ in _applied(r, chamber, events):
        pass


def _applied(r: Replayer, chamber: Chamber, events: Iterable[Event]) -> Iterator[Event]:
    """Apply the log from ``chamber.as_of`` on, in order, yielding each event once it has applied."""
    evs = _ordered(events)
    for i, ev in enumerate(evs):
        if _in_log(ev, chamber):
            _apply(r, evs, i)
            yield ev


def _apply(r: Replayer, evs: Sequence[Event], i: int) -> None:
    """Apply ``evs[i]``; an event that cannot apply while a seat event of its day comes after it in the log says
    that a day's events apply in the file's order (a by-election listed before the death that left its seat)."""
    ev = evs[i]
    try:
        r.apply(ev)
    except EventError as exc:
        later = next((e for e in evs[i + 1:] if e.date == ev.date and e.changes_seats), None)
        if later is None:
            raise
        raise EventError(f"{exc}; a day's events apply in the file's order, and {later.where} ({later.kind}) "
                         "comes after this one") from None


def _in_log(ev: Event, chamber: Chamber) -> bool:
    """Whether ``ev`` applies to the chamber: from ``chamber.as_of`` on. Before it a procedural event is passed
    over, and one that changes seats is an error: the seat counts given hold from that day."""
    if ev.date >= chamber.as_of:
        return True
    if ev.changes_seats:
        raise EventError(f"{ev.where}: dated {ev.date}, before {chamber.as_of} when the scenario's seat counts hold")
    return False
