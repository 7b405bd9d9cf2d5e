"""Derive the chamber's state on any date from its starting state and the event log.

:func:`replay` is the one way a state comes to exist. It applies events in date order (file order
within a day) and checks the invariants after each one: seats held + vacancies = chamber size, no
negative seats, no member in two parties, no more named members on a side than the party holds there.
:func:`history` gives the state after each event, in one pass. The working state and its invariants
are in :mod:`whipcount.model.working_state`, the event handlers in :mod:`whipcount.model.handlers`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from whipcount.errors import EventError
from whipcount.model.chamber import Chamber, ChamberState, Member, Party
from whipcount.model.events import Event
from whipcount.model.handlers import HANDLERS as HANDLERS
from whipcount.model.handlers import Replayer

__all__ = ["Replayer", "history", "replay"]


def _ordered(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: e.date)  # stable: file order within a day


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
    evs = _ordered(events)
    if on is None:
        on = max([chamber.as_of, *(e.date for e in evs)])
    if on < chamber.as_of:
        raise EventError(
            f"{chamber.name}: no state before {chamber.as_of.isoformat()} (the date the seat counts hold), "
            f"asked for {on.isoformat()}"
        )
    r = Replayer.start(chamber, parties, members)
    for ev in evs:
        if ev.date > on:
            break
        if ev.date < chamber.as_of and ev.changes_seats:
            raise EventError(
                f"{ev.where}: dated {ev.date}, before {chamber.as_of} when the scenario's seat counts hold"
            )
        if ev.date < chamber.as_of:
            continue
        r.apply(ev)
    return r.snapshot(on)


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
    for ev in _ordered(events):
        if ev.date < chamber.as_of:
            if ev.changes_seats:
                raise EventError(f"{ev.where}: dated {ev.date}, before {chamber.as_of}")
            continue
        r.apply(ev)
        yield ev, r.snapshot(ev.date)
