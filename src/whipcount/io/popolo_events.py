"""The event log of a Popolo bundle written by someone else, derived from its memberships' dates: a
membership that ends is a ``vacate``, one that starts later a ``fill-seat``, a change of party a
``join-party``, a change of side alone (``extras.side``, or a term CSV's ``side`` column) a ``defect``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from whipcount.io.interchange_base import Data, Loc, _Reader


@dataclass(slots=True)
class _Seat:
    """One chamber membership, read."""

    index: int
    person: str
    party: str
    start: dt.date | None
    end: dt.date | None
    start_precision: str
    end_precision: str
    constituency: str | None
    side: str | None
    extras: dict[str, Any]


# on one day a seat must be vacated before it is filled; a change of party or of side neither empties nor
# fills one, so its place before or after either gives the same chamber (and vacancies stay before fills
# whatever one value moves by one)
_ORDER = {"vacate": 0, "join-party": 1, "defect": 1, "fill-seat": 2}  # equivalent mutants: above

_LAST = max(_ORDER.values()) + 1  # the vacate of a one-day membership: after the fill or change it ends

Step = tuple[dt.date, str, _Seat]  # (date, kind, the membership the step belongs to)


def seat_timeline(spans: list[_Seat]) -> list[Step]:
    """One person's memberships (in date order, none overlapping) as steps from the first on, whatever
    the start date: a membership starts with a ``fill-seat`` (dated ``date.min`` for one with no start
    date: it holds from the beginning), or follows the previous one within a day as a ``join-party``
    (a ``defect`` when only the side it gives changes; nothing when neither does), and ends with a
    ``vacate`` on its ``end_date`` unless the next one follows it so."""
    steps: list[Step] = []
    held: _Seat | None = None
    for s in spans:
        start = s.start
        if held is not None:
            # spans do not overlap (checked when read): one that runs on has no successor
            end = held.end
            assert end is not None
            if start is not None and (start - end).days <= 1:
                if s.party != held.party:
                    steps.append((start, "join-party", s))
                elif s.side != held.side:
                    steps.append((start, "defect", s))
                held = s
                continue
            steps.append((end, "vacate", held))
        # one with no start date holds the seat from the beginning: before any start date there is
        steps.append((start or dt.date.min, "fill-seat", s))
        held = s
    if held is not None and held.end is not None:
        steps.append((held.end, "vacate", held))
    return steps


def split_by_side(seats: Iterable[_Seat | None], party: str, total: int, side: str) -> dict[str, int] | None:
    """A party's ``total`` seats by side on the start date where some of its memberships (``seats``) give a
    side of their own (``extras.side``, a term CSV's ``side``: members who sit apart from their party), the
    rest on the party's ``side``; None when none does."""
    own = Counter(s.side for s in seats if s is not None and s.party == party and s.side)
    if not set(own) - {side}:
        return None
    split = {side: total - sum(n for where, n in own.items() if where != side)}
    split.update((where, n) for where, n in own.items() if where != side)
    return {where: n for where, n in split.items() if n > 0}


def side_of_seats(initial: Iterable[_Seat | None], every: Iterable[_Seat], party: str) -> str | None:
    """The side where most of a party's seats on the start date (``initial``) sit, or for a party that
    holds none then, most of its memberships of the file (``every``: the independents a member joins
    later), when every one of them gives its side (a term CSV's ``side`` in every row, as ``export csv``
    writes it); else None: a side given only by the members who sit apart says nothing of the party's."""
    held = [s for s in initial if s is not None and s.party == party] or [s for s in every if s.party == party]
    if not held or any(s.side is None for s in held):
        return None
    return Counter(s.side for s in held).most_common(1)[0][0]


def seat_on(steps: list[Step], as_of: dt.date, *, day_done: bool = True) -> _Seat | None:
    """The membership that holds the seat on ``as_of`` (every step dated up to it taken), or None; with
    ``day_done=False``, as the day begins (the steps dated ``as_of`` left out: a bundle whipcount wrote
    keeps that day's events in its log, and its memberships end where the log takes over)."""
    held: _Seat | None = None
    for date, kind, seat in steps:
        if date > as_of or (date == as_of and not day_done):
            break
        held = None if kind == "vacate" else seat
    return held


def _derive_events(
    steps: dict[str, list[Step]],
    as_of: dt.date,
    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]],
    parties: list[Data],
    party_index: dict[str, int],
) -> list[Data]:
    """Events from the memberships' dates: each person's steps (:func:`seat_timeline`) dated after ``as_of`` (those
    up to it make the seats on ``as_of``), in date order; on one day, vacancies, then changes of party,
    then fills, each kind in the order of its memberships in the file."""
    found: list[tuple[dt.date, int, int, Data, Loc]] = []

    def side_of(party: str) -> str | None:
        p = parties[party_index[party]]
        side = p.get("side")
        return side if isinstance(side, str) else None

    for person_steps in steps.values():
        for date, kind, seat in person_steps:
            if date <= as_of:
                continue
            which, precision = (("end_date", seat.end_precision) if kind == "vacate"
                                else ("start_date", seat.start_precision))
            # a membership's own side, where it gives one, else its party's
            ev: Data = {"date": date, "kind": kind, "party": seat.party,
                        "to": None if kind == "vacate" else seat.side or side_of(seat.party), "members": [seat.person]}
            extras = {"membership": f"memberships[{seat.index}]"}
            if precision != "day":
                extras["date_precision"] = precision
            ev["extras"] = extras
            # a membership that ends the day it starts (or follows another) is left after its own start
            order = _LAST if kind == "vacate" and seat.start == date else _ORDER[kind]
            found.append((date, order, seat.index, ev, ("memberships", seat.index, which)))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[Data] = []
    for _, _, _, ev, loc in found:
        paths[("events", len(out))] = (loc, None)
        out.append({k: v for k, v in ev.items() if v is not None})
    return out


def one_seat_at_a_time(r: _Reader, person: str, spans: list[_Seat]) -> None:
    """One seat per person at a time: a membership (``spans``, a person's in date order) may not start before
    the previous one ends; the error names the later membership's start_date."""
    for before, after in zip(spans, spans[1:], strict=False):
        if before.end is None or (after.start is not None and after.start < before.end):
            runs = f"to {before.end.isoformat()}" if before.end else "with no end"
            starts = after.start.isoformat() if after.start else "an unknown date"
            raise r.fail(("memberships", after.index, "start_date"),
                         f"{person!r} sits for {after.party!r} from {starts} while "
                         f"{r.refer(('memberships', before.index))} runs {runs} for {before.party!r}: "
                         "expected one seat per person at a time")
