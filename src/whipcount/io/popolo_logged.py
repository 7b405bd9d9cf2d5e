"""A whipcount bundle's memberships held against its event log.

In a bundle whipcount wrote, the event log (``extras.events``) is the record: the seats on the chamber's
``as_of`` date come from each member's first membership, and every later membership is written from the
log (``extras.from_event_log``). An edit to a membership that the log does not make would otherwise be
dropped without a word, so each one that says something else than the log is a warning naming its field
(an error under ``--strict``).
"""

from __future__ import annotations

import datetime as dt

from whipcount.io.interchange_base import Loc, _Reader
from whipcount.io.popolo_events import _Seat
from whipcount.io.popolo_export import _timelines
from whipcount.model import Scenario

_Held = tuple[dt.date | None, dt.date | None, str | None, str | None]
"""A seat as the log gives it: from (None: from the start), until (None: still held), party, side."""

_RECORD = ("the event log (extras.events) is the record, and this is written from it: edit the event log, or "
           "remove extras.events to have the memberships read instead")


def _from_log(scenario: Scenario) -> tuple[dict[str, list[_Held]], dict[str, str]]:
    """Each member's seats, as the replayed event log gives them (as ``export popolo`` writes them), and the
    name of each party an event creates."""
    timelines, created = _timelines(scenario)
    held: dict[str, list[_Held]] = {}
    for member, spans in timelines.items():
        for i, (start, party, side, seated) in enumerate(spans):
            if seated:
                end = spans[i + 1][0] if i + 1 < len(spans) else None
                held.setdefault(member, []).append((start, end, party, side))
    return held, created


def _text(value: object) -> str:
    if value is None:
        return "no date"
    return repr(value.isoformat() if isinstance(value, dt.date) else value)


def _difference(seat: _Seat, want: _Held) -> tuple[str, object, object] | None:
    """The first field of ``seat`` that is not what the log gives: (field, in the file, in the log)."""
    start, end, party, side = want
    got: list[tuple[str, object, object]] = [("start_date", seat.start, start), ("end_date", seat.end, end),
                                             ("on_behalf_of_id", seat.party, party)]
    if seat.start is not None and seat.side is not None:  # the first membership's side is the member's own
        got.append(("extras.side", seat.side, side))
    return next((g for g in got if g[1] != g[2]), None)


def check_against_log(r: _Reader, seats: list[_Seat], made: list[tuple[int, str, str]], scenario: Scenario) -> None:
    """Warn (in ``r.warnings``) of each membership in ``seats`` that the event log does not give, of each seat
    the log gives that no membership lists, and of each organization in ``made`` (index, party id, name;
    ``extras.created_by_event``) that no event of the log creates under that name."""
    want, created = _from_log(scenario)
    mine: dict[str, list[_Seat]] = {}
    for seat in sorted(seats, key=lambda s: (s.start or dt.date.min, s.index)):
        mine.setdefault(seat.person, []).append(seat)
    for person in sorted(set(mine) | set(want), key=lambda p: min((s.index for s in mine.get(p, [])), default=-1)):
        _check_person(r, person, mine.get(person, []), want.get(person, []))
    for i, party, name in made:
        if party not in created:
            r.warnings.append(f"{r.at(('organizations', i, 'extras', 'created_by_event'))}: no event of the log "
                              f"creates {party!r}, so this organization is not read; {_RECORD}")
        elif created[party] != name:
            r.warnings.append(f"{r.at(('organizations', i, 'name'))}: {name!r} is not what the event log gives "
                              f"({created[party]!r}); {_RECORD}")


def _pairs(seats: list[_Seat], want: list[_Held]) -> tuple[list[tuple[_Seat, _Held]], list[_Seat], list[_Held]]:
    """The memberships matched to the log's seats (by start date, then in order), and those left over."""
    left = list(want)
    pairs: list[tuple[_Seat, _Held]] = []
    unmatched: list[_Seat] = []
    for seat in seats:
        same = next((held for held in left if held[0] == seat.start), None)
        if same is None:
            unmatched.append(seat)
        else:
            left.remove(same)
            pairs.append((seat, same))
    pairs += zip(unmatched, left, strict=False)
    n = min(len(unmatched), len(left))
    return pairs, unmatched[n:], left[n:]


def _check_person(r: _Reader, person: str, seats: list[_Seat], want: list[_Held]) -> None:
    pairs, extra, missing = _pairs(seats, want)
    for seat, held in sorted(pairs, key=lambda pair: pair[0].index):
        diff = _difference(seat, held)
        if diff is not None:
            name, got, log = diff
            loc: Loc = ("memberships", seat.index, *name.split("."))
            r.warnings.append(f"{r.at(loc)}: {_text(got)} is not what the event log gives ({_text(log)}); "
                              f"{_RECORD}")
    for seat in extra:
        r.warnings.append(f"{r.at(('memberships', seat.index))}: a seat of {person!r} for {seat.party!r} "
                          f"{_span(seat.start, seat.end)} that the event log does not give; {_RECORD}")
    for start, end, party, _side in missing:
        r.warnings.append(f"{r.at(('memberships',))}: the event log seats {person!r} for {party!r} "
                          f"{_span(start, end)}, and no membership says so; {_RECORD}")


def _span(start: dt.date | None, end: dt.date | None) -> str:
    since = f"from {start.isoformat()}" if start else "from the start"
    return f"{since} to {end.isoformat()}" if end else f"{since} on"
