"""Which seats a stance of the whip count takes (:mod:`whipcount.tally.count`): a party's seats on one side
(:class:`Unit`), a part of them, one member's seat, or those that cannot vote by office; and what lapses or
shrinks when the seats a stance was about are gone by the day counted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from whipcount.errors import ForecastError
from whipcount.model import STANCES, ChamberState, MemberState, PartyState, Stance
from whipcount.model.arguments import check_option
from whipcount.model.place import Place

__all__ = ["Gone", "Unit", "assign", "shrink_parts", "too_many", "units_of"]


@dataclass(slots=True)
class Unit:
    party: str
    side: str
    seats: int
    whole: Stance | None = None
    part: Stance | None = None
    office: Stance | None = None  # seats that cannot vote by office (all of the unit's if it gives no seats)
    members: dict[str, Stance] = field(default_factory=dict)
    # where the part's stance and each member's came from (file and line, or place in the list)
    part_place: str | Place = ""
    office_place: str | Place = ""
    member_places: dict[str, str | Place] = field(default_factory=dict)


def units_of(state: ChamberState) -> dict[tuple[str, str], Unit]:
    return {(pid, side): Unit(pid, side, n) for pid, side, n in state.blocs()}


class Gone(ForecastError):
    """A stance's seats are not there on the day counted (none of its party's, or its member unseated)."""


def assign(s: Stance, where: str | Place, state: ChamberState, units: dict[tuple[str, str], Unit],
            parties: dict[str, PartyState], members: dict[str, MemberState], *, over_ok: bool = False) -> None:
    """Give stance ``s`` to the unit it is about: a member, part of a party's seats on a side, or the rest.
    A side it names is the side of its own date, followed through any change of government since."""
    _check_stance(s, where)
    if s.member is not None:
        _assign_member(s, s.member, where, state, units, members)
        return
    unit = _party_unit(s, where, state, units, parties)
    if s.office is not None:
        if s.seats is not None and s.seats > unit.seats and not over_ok:
            raise too_many(where, s, unit, state.date)
        unit.office, unit.office_place = s, where
        return
    if s.seats is None:
        unit.whole = s
        return
    if s.seats > unit.seats and not over_ok:
        raise too_many(where, s, unit, state.date)
    unit.part = s  # one that no longer fits is shrunk, or refused, once every stance is in (_shrink_parts)
    unit.part_place = where


def _check_stance(s: Stance, where: str | Place) -> None:
    """What a stance says of itself: a known stance, a p_yes that is a probability, an office's seats absent,
    and exactly one of a party or a member."""
    if s.stance not in STANCES:  # where it was read is found only for an error
        check_option(s.stance, STANCES, f"{where}: stance", ForecastError)
    if s.p_yes is not None and not (0.0 <= s.p_yes <= 1.0):
        raise ForecastError(f"{where}: p_yes must lie in [0, 1], got {s.p_yes}")
    if s.office is not None and (s.stance != "absent" or s.p_yes is not None):
        got = f"stance {s.stance!r}" + ("" if s.p_yes is None else f", p_yes {s.p_yes}")
        raise ForecastError(f"{where}: seats that cannot vote by office ({s.office}) take the stance 'absent' "
                            f"and no p_yes, got {got}")
    if (s.party is None) == (s.member is None):
        raise ForecastError(f"{where}: a stance names exactly one of party or member")


def _assign_member(s: Stance, member: str, where: str | Place, state: ChamberState, units: dict[tuple[str, str], Unit],
                   members: dict[str, MemberState]) -> None:
    """Give a member's stance to the unit of the seat the member holds on the day counted."""
    m = members.get(member)
    if m is None:
        known = ", ".join(sorted(members)) or "none listed"
        raise ForecastError(f"{where}: unknown member {member!r} (members: {known})")
    if not m.seated or m.party is None or m.side is None:
        raise Gone(f"{where}: member {member!r} holds no seat on {state.date.isoformat()} ({m.status})")
    seat = units[(m.party, m.side)]
    seat.members[m.id] = s
    seat.member_places[m.id] = where


def _party_unit(s: Stance, where: str | Place, state: ChamberState, units: dict[tuple[str, str], Unit],
                parties: dict[str, PartyState]) -> Unit:
    """The seats of the party a stance names on the side it names (its party's side when it names none)."""
    when = state.date.isoformat()
    assert s.party is not None
    party = parties.get(s.party)
    if party is None or party.seats == 0:
        known = ", ".join(sorted(p for p, q in parties.items() if q.seats))
        what = "holds no seats" if party is not None else "is not a party of the chamber"
        raise Gone(f"{where}: party {s.party!r} {what} on {when} (parties: {known})")
    side = party.side if s.side is None else state.side_named_on(s.side, s.date)
    unit = units.get((s.party, side))
    if unit is None:
        held = ", ".join(f"{k} on the {sd} side" for sd, k in party.by_side if k)
        then = "" if side == s.side or s.side is None else f" (the {s.side} side of {s.date.isoformat()})"
        raise Gone(f"{where}: {s.party!r} holds no seats on the {side} side{then} on {when} ({held})")
    return unit


def too_many(where: str | Place, s: Stance, unit: Unit, on: dt.date) -> ForecastError:
    return ForecastError(f"{where}: stance for {s.seats} seats of {s.party!r}, but it holds only {unit.seats} "
                         f"on the {unit.side} side on {on.isoformat()}")


def shrink_parts(units: dict[tuple[str, str], Unit], parties: dict[str, PartyState],
                  held: Callable[[Stance], int | None], on: dt.date) -> list[str]:
    """Parts (``seats: N``) that no longer fit because their party lost seats on that side since the
    stance's own day: each counts for the seats left (after the members' own stances and the seats out by
    office, whose holders keep their office), with a note, and lapses where none are left. A part that did
    not fit on its own day either is left to be refused."""
    notes: list[str] = []
    for unit in units.values():
        s = unit.part
        if s is None or s.seats is None:
            continue
        office = unit.office.seats or 0 if unit.office is not None else 0  # no seats given: refused later
        over = len(unit.members) + office + s.seats - unit.seats
        if over <= 0:
            continue
        then = held(s)
        if then is None:  # it did not fit on its own day either
            if s.seats > unit.seats:
                raise too_many(unit.part_place, s, unit, on)
            continue
        if over > then - unit.seats:  # more than the seats lost since: it never fitted with the others
            continue
        left = s.seats - over
        short = parties[unit.party].label
        what = (f"{unit.part_place}: {short} holds {unit.seats} seats on the {unit.side} side on {on.isoformat()}, "
                f"{then - unit.seats} fewer than on {s.date.isoformat()}")
        if left > 0:
            unit.part = replace(s, seats=left)
            notes.append(f"{what}: the stance for {s.seats} of them counts for {left}")
        else:
            unit.part = None
            notes.append(f"{what}: the stance for {s.seats} of them lapses")
    return notes
