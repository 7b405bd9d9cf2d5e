"""The whip count: who stands where on the motion on a given date, and how far the motion is from passing.

A whip count splits every seat of the chamber into *positions*: a party's seats on one side, a named
part of a party (``seats: 14``: its dissidents), or one named member; each with a stance (``yes``,
``lean-yes``, ``undecided``, ``lean-no``, ``no``, ``abstain``, ``absent``), the source and date it comes from, or a
default derived from the party's side and the motion when nobody recorded one.

Which stance applies where:

* a member's stance takes one seat out of the member's party on the member's side;
* a stance with ``seats: N`` takes N seats out of the party on ``side`` (its main side when no side is
  given): one such part per party and side, the latest entry replacing the earlier ones;
* a party stance applies to the rest of the party's seats on ``side`` or, with no side, on the party's
  main side (where most of its members sit); seats the party holds on another side keep that side's
  default unless a stance names that side;
* a later entry for the same target replaces an earlier one (entries dated after ``on`` are ignored);
* an entry with ``until`` holds up to the day before it: from ``until`` on it is read as if it had never been
  made, so an earlier entry for the same target still in force applies again, else the default.

Where the rules give the presiding officer only a casting vote (a tie goes to the chair: the Commons, the
House of Representatives of Australia and Japan, the Lok Sabha), the scenario's Speaker on that date takes no
part in the vote: one seat of the Speaker's party becomes a position of its own, absent, and a tie is
decided by the pass rule's casting vote.

Which seats each stance takes, and what lapses when they are gone, is :mod:`whipcount.tally.assign`.

Defaults: on a no-confidence motion the opposition votes yes and the government no; on a confidence,
investiture or PM-election motion the government votes yes and the opposition no; any other side is
undecided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from whipcount.errors import ForecastError, WhipcountError
from whipcount.model import INDEPENDENT, STANCES, ChamberState, MemberState, PartyState, Scenario, Stance
from whipcount.model.arguments import check_instance, check_option
from whipcount.model.place import Place
from whipcount.model.scenario import checked_stances
from whipcount.rules.chair import CHAIR_KEY, Chair, chair_out_of_the_vote
from whipcount.rules.decide import pass_rule_in
from whipcount.tally.assign import Gone, Unit, assign, shrink_parts, units_of
from whipcount.tally.crossed import apply_defection
from whipcount.tally.passing import PassRule
from whipcount.tally.positions import AGAINST_FIRST, Position, WhipCount

__all__ = [
    "AGAINST_FIRST",
    "Chair",
    "Position",
    "WhipCount",
    "count_scenario",
    "default_stance",
    "whip_count",
]

YES_MOTIONS = frozenset({"no-confidence", "constructive-no-confidence"})
"""Motions the opposition moves: it votes yes, the government no."""


def default_stance(side: str, kind: str) -> str:
    """The stance a side takes on a motion of ``kind`` when nobody recorded one."""
    backers, opponents = ("opposition", "government") if kind in YES_MOTIONS else ("government", "opposition")
    if side == backers:
        return "yes"
    if side == opponents:
        return "no"
    return "undecided"


def sides_note(sides: Iterable[str], kind: str, positions: Iterable[Position]) -> str | None:
    """Where the chamber names no side the motion's backers or opponents sit on by default (``government``,
    ``opposition``: the sides :func:`default_stance` reads by those names), the seats of its own sides take no
    default and are counted undecided: a note saying so and how to mend it (None where no seat is so)."""
    sides = tuple(sides)
    backers_and_opponents = ("opposition", "government") if kind in YES_MOTIONS else ("government", "opposition")
    missing = [s for s in backers_and_opponents if s not in sides]
    own = sorted({p.side for p in positions if p.default and p.side not in backers_and_opponents})
    if not missing or not own:
        return None
    return (f"the chamber names no {' or '.join(repr(s) for s in missing)} side (its sides: {', '.join(sides)}): "
            f"the seats of {', '.join(own)} take no default stance on a {kind} motion and are counted undecided; "
            "record their stances, or name the sides 'government' and 'opposition'")


def _where(s: Stance, i: int) -> str | Place:
    return s.origin or f"stances[{i}] ({s.date.isoformat()})"


def whip_count(
    state: ChamberState,
    stances: Iterable[Stance],
    *,
    kind: str,
    rule: PassRule,
    probabilities: Mapping[str, float] | None = None,
    chair: Chair | None = None,
    lapse: Callable[[Stance], bool] | None = None,
) -> WhipCount:
    """The whip count on ``state.date`` from ``stances`` (entries dated later, or ended by then, are ignored:
    :meth:`Stance.holds_on`); ``chair``, when
    given, takes one seat of its party on its side out of the vote (a casting vote only). A stance whose
    seats are all gone by ``state.date`` (a member unseated, a party's seats on that side vacated or moved)
    lapses, with a note, where ``lapse(stance)`` says it fitted on its own day (:func:`fitted_on_its_day`).
    The rule's own notes (:attr:`PassRule.notes`: a chamber not the size its profile fixes) end the count's.

    Raises :class:`~whipcount.errors.ForecastError`, naming the stance's place in its file, for a stance
    that names a party without seats, an unknown member, an unknown stance, a probability outside
    [0, 1], or more seats than the party holds.
    """
    units = units_of(state)
    parties = {p.id: p for p in state.parties}
    members = {m.id: m for m in state.members}
    lapsed: list[str] = []
    held = getattr(lapse, "held", None)  # seats a stance's party held on its own day, where known
    for i, s in sorted(enumerate(checked_stances(stances)), key=lambda t: t[1].date):
        if s.holds_on(state.date):
            try:
                assign(s, _where(s, i), state, units, parties, members, over_ok=held is not None)
            except Gone as gone:
                if lapse is None or not lapse(s):
                    raise
                lapsed.append(f"{gone}: the stance of {s.date.isoformat()} lapses")
    if held is not None:
        lapsed += shrink_parts(units, parties, held, state.date)
    positions: list[Position] = []
    notes: tuple[str, ...] = ()
    if chair is not None:
        seat, notes = _seat_chair(chair, units, parties)
        positions += seat
    notes += (*lapsed, *rule.notes)
    for unit in units.values():
        positions += _positions(unit, parties[unit.party], members, kind, state.date)
    side_note = sides_note(state.sides(), kind, positions)
    notes += (side_note,) if side_note else ()
    table = _probabilities(probabilities)
    p_yes_of = WhipCount(state.date, kind, rule, state.seats, state.vacancies, (), table).p_yes_of
    positions, crossed = apply_defection(state.crossed, positions, rule.defection,
                                         lambda side: default_stance(side, kind), p_yes_of)
    notes += (crossed.words,) if crossed is not None else ()
    rank = {s: i for i, s in enumerate(AGAINST_FIRST)}
    positions.sort(key=lambda q: (rank[q.stance], -q.seats, q.label))
    return WhipCount(state.date, kind, rule, state.seats, state.vacancies, tuple(positions),
                     table, notes, crossed, state.crossed)


def _seat_chair(chair: Chair, units: dict[tuple[str, str], Unit],
                parties: dict[str, PartyState]) -> tuple[list[Position], tuple[str, ...]]:
    """The chair's seat as a position of its own (taken from the rest of its party's seats on its side), and
    a note saying so; no position, and a note, when the stances recorded leave no seat to take."""
    unit = units.get((chair.party, chair.side))
    party = parties.get(chair.party)
    short = party.label if party is not None else chair.party
    rest = 0 if unit is None else unit.seats - len(unit.members) - ((unit.part.seats or 0) if unit.part else 0)
    if unit is None or rest < 1:
        return [], (f"{chair.name} presides and votes only in a tie, but no seat of {short} on the {chair.side} "
                    "side is left to take out of the count: the stances recorded cover them all",)
    unit.seats -= 1
    note = f"{chair.name} ({short}) presides and votes only to break a tie: one seat of {short} does not vote"
    position = Position(CHAIR_KEY, f"{chair.name} (presiding: votes only in a tie)", chair.party, chair.side, 1,
                        "absent", 0.0, sources=chair.sources, note="presides: a casting vote only, in a tie",
                        office="presides: a casting vote only, in a tie")
    return [position], (note,)


class fitted_on_its_day:  # noqa: N801 - used as a function
    """Whether a stance fitted the chamber on its own date (calling it): one that did and whose seats are
    gone later lapses, one that never fitted (a party or side mistyped) stays an error. ``held(stance)`` is
    the seats its party held on its side that day (a part of them that no longer fits is shrunk)."""

    def __init__(self, scenario: Scenario) -> None:
        self._scenario = scenario
        self._states: dict[dt.date, ChamberState] | None = None

    def _state(self, day: dt.date) -> ChamberState:
        """The chamber at the end of ``day``; the first time one is asked for, those of every stance's day,
        the log replayed once for them all (it had been replayed once for each stance asked about)."""
        sc = self._scenario
        day = max(day, sc.chamber.as_of)  # before the log: its first state
        if self._states is None:
            days = sorted({max(s.date, sc.chamber.as_of) for s in sc.stances} | {day})
            try:
                self._states = dict(zip(days, sc.states(days), strict=True))
            except WhipcountError:  # a log that breaks on some later day: each day replayed alone, as it can
                self._states = {}
        if day not in self._states:  # a stance not among the scenario's own
            self._states[day] = sc.state(day)
        return self._states[day]

    def _on_its_day(self, s: Stance) -> tuple[ChamberState, dict[tuple[str, str], Unit]]:
        state = self._state(s.date)
        units = units_of(state)
        assign(s, "", state, units, {p.id: p for p in state.parties}, {m.id: m for m in state.members})
        return state, units

    def __call__(self, s: Stance) -> bool:
        try:
            self._on_its_day(s)
        except WhipcountError:
            return False
        return True

    def held(self, s: Stance) -> int | None:
        """The seats ``s``'s party held on its side on the stance's own day; None if it did not fit then."""
        try:
            state, units = self._on_its_day(s)
        except WhipcountError:
            return None
        assert s.party is not None  # only a party's part is shrunk
        party = next(p for p in state.parties if p.id == s.party)
        return units[(s.party, party.side if s.side is None else s.side)].seats


def _positions(unit: Unit, p: PartyState, members: dict[str, MemberState], kind: str, on: dt.date) -> list[Position]:
    """A party's seats on one side as positions: its members with a stance of their own, the part with a
    stance for some seats, then the rest (with the party's stance, or the side's default)."""
    pid, side = unit.party, unit.side
    base_label = f"{p.label} ({side})" if p.split else p.label
    out = [_position(f"member:{mid}", members[mid].name, pid, side, 1, s, member=mid)
           for mid, s in unit.members.items()]
    left = unit.seats - len(out)
    if unit.office is not None:
        s = unit.office
        n = max(left, 0) if s.seats is None else s.seats
        if n:
            out.append(_position(f"{pid}@{side}/office", f"{base_label}: {n} who cannot vote", pid, side, n, s))
        left -= n
    if unit.part is not None:
        s = unit.part
        assert s.seats is not None
        out.append(_position(f"{pid}@{side}/{s.seats}", f"{base_label}: {s.seats} of {unit.seats}", pid, side,
                             s.seats, s))
        left -= s.seats
    if left < 0:
        place = (unit.part_place if unit.part is not None else unit.office_place if unit.office is not None
                 else unit.member_places[next(iter(unit.members))])
        raise ForecastError(
            f"{place}: stances for {pid!r} on the {side} side cover {unit.seats - left} seats, "
            f"but it holds only {unit.seats} there on {on.isoformat()}"
        )
    if left > 0:
        key = f"{pid}@{side}" if p.split else pid
        label = base_label if left == unit.seats else f"{base_label} (the other {left})"
        if unit.whole is not None:
            rest = _position(key, label, pid, side, left, unit.whole)
        else:
            rest = Position(key, label, pid, side, left, default_stance(side, kind), default=True)
        out.append(replace(rest, seat_labels=_seat_labels(unit, members, left, base_label)))
    return out


def _seat_labels(unit: Unit, members: dict[str, MemberState], seats: int, label: str) -> tuple[str, ...]:
    """Independents' ``seats`` seats on the unit's side with no stance of their own, one label each: by member
    where the scenario names one, else by number."""
    if unit.party != INDEPENDENT:
        return ()
    named = sorted((m for m in members.values() if m.seated and m.party == INDEPENDENT and m.side == unit.side
                    and m.id not in unit.members), key=lambda m: m.id)[:seats]
    return tuple(f"{label}: {m.name}" for m in named) + tuple(f"{label} {k}" for k in range(len(named) + 1, seats + 1))


def _probabilities(probabilities: Mapping[str, float] | None) -> tuple[tuple[str, float], ...]:
    """The scenario's probabilities by stance, checked."""
    probs = tuple((probabilities or {}).items())
    for stance, value in probs:
        check_option(stance, STANCES, "stance_probabilities: stance", ForecastError)
        if not (0.0 <= value <= 1.0):
            raise ForecastError(f"stance_probabilities.{stance}: expected a probability in [0, 1], got {value}")
    return probs


def _position(key: str, label: str, party: str, side: str, seats: int, s: Stance,
              member: str | None = None) -> Position:
    return Position(key, label, party, side, seats, s.stance, s.p_yes, False, s.date, s.sources, s.origin,
                    s.note, member, s.verified, s.until, s.office)


def count_scenario(scenario: Scenario, on: dt.date | None = None) -> WhipCount:
    """The whip count of ``scenario``'s main motion on ``on`` (default: the day of the vote)."""
    check_instance(scenario, Scenario, "scenario", "whipcount.load_scenario('pk-na-2022') makes one")
    motion = scenario.motion
    if motion is None:
        raise ForecastError(f"{scenario.id}: the scenario has no motion to count votes for (add 'motion:')")
    state = scenario.state(on)
    return whip_count(state, scenario.stances, kind=motion.kind, rule=pass_rule_in(scenario, state),
                      probabilities=dict(scenario.stance_probabilities),
                      chair=chair_out_of_the_vote(scenario, state, motion.kind), lapse=fitted_on_its_day(scenario))

