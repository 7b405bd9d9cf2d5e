"""Hypothesis strategies for whipcount: random legislatures with valid event logs.

``legislatures()`` draws a chamber, its parties and a log of seat events that can all apply, built by
walking an independent seat-by-seat oracle (a plain list with one entry per seat), so tests can compare
``replay`` against the oracle on every date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import strategies as st

from whipcount.model import Chamber, Event, NewParty, Party

SIDES = ("government", "opposition", "other")


@dataclass
class SeatOracle:
    """One entry per seat: (party, side), or None for a vacant seat. Deliberately naive."""

    seats: list[tuple[str, str] | None] = field(default_factory=list)

    def count(self, party: str, side: str) -> int:
        return sum(1 for s in self.seats if s == (party, side))

    def holdings(self) -> dict[tuple[str, str], int]:
        out: dict[tuple[str, str], int] = {}
        for s in self.seats:
            if s is not None:
                out[s] = out.get(s, 0) + 1
        return out

    def move(self, src: tuple[str, str], dst: tuple[str, str] | None, n: int) -> None:
        for i, s in enumerate(self.seats):
            if n == 0:
                break
            if s == src:
                self.seats[i] = dst
                n -= 1
        assert n == 0

    def fill(self, dst: tuple[str, str], n: int) -> None:
        for i, s in enumerate(self.seats):
            if n == 0:
                break
            if s is None:
                self.seats[i] = dst
                n -= 1
        assert n == 0


@dataclass
class Legislature:
    chamber: Chamber
    parties: list[Party]
    events: list[Event]
    truth: list[tuple[dt.date, dict[tuple[str, str], int], int]]  # date, holdings, vacancies after the day


@st.composite
def legislatures(draw: st.DrawFn, max_parties: int = 6, max_events: int = 12) -> Legislature:
    start = dt.date(2020, 1, 1)
    n_parties = draw(st.integers(1, max_parties))
    parties: list[Party] = []
    oracle = SeatOracle()
    for i in range(n_parties):
        seats = draw(st.integers(0, 40))
        side = draw(st.sampled_from(SIDES))
        parties.append(Party(f"p{i}", f"Party {i}", seats, side))
        oracle.seats += [(f"p{i}", side)] * seats
    vacancies = draw(st.integers(0, 5))
    oracle.seats += [None] * vacancies
    chamber = Chamber("Random House", len(oracle.seats) or 1, "pk-na", start, SIDES)
    if not oracle.seats:
        oracle.seats = [None]
    known = [p.id for p in parties]
    events: list[Event] = []
    truth = []
    day = start
    for k in range(draw(st.integers(0, max_events))):
        day = day + dt.timedelta(days=draw(st.integers(0, 3)))
        held = oracle.holdings()
        kind = draw(st.sampled_from(["switch-side", "defect", "vacate", "fill", "split", "merge", "whole"]))
        if kind in ("switch-side", "defect", "vacate", "split") and held:
            (party, side) = draw(st.sampled_from(sorted(held)))
            n = draw(st.integers(0, held[(party, side)]))
            if kind == "vacate":
                events.append(Event(day, "resign", party=party, seats=n, from_side=side))
                oracle.move((party, side), None, n)
            elif kind == "split":
                new = f"n{k}"
                events.append(Event(day, "split", party=party, seats=n, from_side=side,
                                    new_party=NewParty(new, f"New {k}")))
                oracle.move((party, side), (new, side), n)
                known.append(new)
            else:
                to = draw(st.sampled_from(SIDES))
                events.append(Event(day, kind, party=party, seats=n, from_side=side, to=to))
                oracle.move((party, side), (party, to), n)
        elif kind == "whole" and held:
            party = draw(st.sampled_from(sorted({p for p, _ in held})))
            to = draw(st.sampled_from(SIDES))
            events.append(Event(day, "switch-side", party=party, to=to))
            for s in SIDES:
                if s != to:
                    oracle.move((party, s), (party, to), oracle.count(party, s))
        elif kind == "fill":
            free = sum(1 for s in oracle.seats if s is None)
            if not free:
                continue
            party = draw(st.sampled_from(known))
            to = draw(st.sampled_from(SIDES))
            n = draw(st.integers(0, free))
            events.append(Event(day, "by-election", party=party, seats=n, to=to))
            oracle.fill((party, to), n)
        elif kind == "merge" and len(known) >= 2:
            a, b = draw(st.lists(st.sampled_from(known), min_size=2, max_size=2, unique=True))
            events.append(Event(day, "merge", parties=(a, b), into=a))
            for s in SIDES:
                oracle.move((b, s), (a, s), oracle.count(b, s))
        else:
            continue
        truth.append((day, oracle.holdings(), sum(1 for s in oracle.seats if s is None)))
    return Legislature(chamber, parties, events, truth)
