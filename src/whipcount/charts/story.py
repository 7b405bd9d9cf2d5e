"""What the timeline tells: the sides as they stood when the motion was filed, followed through the log;
the motion's window; the events worth a label; and where those labels go without overlapping.

**Coalitions, not offices.** A ``government-change`` event moves every seat of the government to the
opposition and back. A line that followed "whoever governs" would jump there and read as the fallen
side's recovery. The lines follow the sides as they stood on the filing date instead (named after them),
and the change of government is an event on the chart.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from whipcount.charts.move_words import move_label
from whipcount.model import Event, Motion, Scenario
from whipcount.model.events import kind_label
from whipcount.model.replayer import SeatTally, seat_tallies
from whipcount.rules import judge_recorded_division

__all__ = ["Box", "Coalitions", "KeyEvent", "Label", "coalitions", "key_events", "motion_window", "place_labels"]

_EFFECTS = {"dismiss": "dismissed", "restore": "restored", "suspend": "suspended", "withdraw": "withdrawn"}
_ALWAYS = frozenset({"motion-filed", "vote", "government-change"})  # labelled whenever in the window
_SOMETIMES = frozenset({"motion-moved", "pm-election", "dissolution", "ruling", "court-order"})


@dataclass(frozen=True, slots=True)
class Step:
    """The seats of each coalition (named by its side on the reference date) after ``event``, and the
    vacancies it left (with the chamber's size, they set the bar on a basis of members in office)."""

    event: Event | None
    date: dt.date
    seats: dict[str, int]
    vacancies: int


@dataclass(frozen=True, slots=True)
class Coalitions:
    """The log replayed with the sides named as they stood on ``reference`` (the motion's filing date, or
    the chamber's first date where the motion has none)."""

    reference: dt.date
    steps: tuple[Step, ...]
    dates: tuple[dt.date, ...] = field(init=False, repr=False, compare=False)  # each step's, to search by day

    def __post_init__(self) -> None:
        object.__setattr__(self, "dates", tuple(s.date for s in self.steps))

    def on(self, day: dt.date) -> dict[str, int]:
        """Seats per coalition at the end of ``day`` (the first state before the log starts)."""
        return self.step_on(day).seats

    def step_on(self, day: dt.date) -> Step:
        """The last step by the end of ``day`` (the first before the log starts)."""
        return self.steps[max(0, bisect_right(self.dates, day) - 1)]

    def daily(self, start: dt.date, end: dt.date) -> tuple[list[dt.date], dict[str, list[int]]]:
        """The first date shown, then every day with a change up to ``end``, and the seats on each."""
        first = max(start, self.dates[0])
        dates = [first, *sorted({d for d in self.dates if first < d <= end})]
        series: dict[str, list[int]] = {}
        for i, day in enumerate(dates):
            for side, n in self.on(day).items():
                series.setdefault(side, [0] * len(dates))[i] = n
        return dates, series


def coalitions(scenario: Scenario) -> Coalitions:
    """Replay the log, following each side of the day the motion was filed (or moved, where no filing is
    recorded: :attr:`~whipcount.model.Motion.opened`) through changes of government. The log is read
    once, as seats by party and side (:func:`~whipcount.model.replayer.seat_tallies`): a copy of the chamber per
    event made a log of 35,000 events over 5,000 members take minutes and gigabytes."""
    motion = scenario.motion
    c = scenario.chamber
    reference = motion.opened if motion is not None and motion.opened is not None else c.as_of
    ident = {s: s for s in c.sides}  # side now -> side at the start of the log
    at_reference = dict(ident)
    raw: list[tuple[SeatTally, dict[str, int]]] = []
    for tally in seat_tallies(c, scenario.parties, scenario.events, members=scenario.members):
        ev = tally.event
        if ev is not None and ev.kind == "government-change":
            ident["government"], ident["opposition"] = ident["opposition"], ident["government"]
        if tally.date <= reference:
            at_reference = dict(ident)
        raw.append((tally, {ident.get(s, s): n for s, n in tally.sides(c.sides).items()}))
    name = {start: side for side, start in at_reference.items()}
    steps = tuple(Step(t.event, t.date, {name.get(k, k): n for k, n in seats.items()}, t.vacancies)
                  for t, seats in raw)
    return Coalitions(reference, steps)


def shifted(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, stopping at the calendar's ends (1 January 1 and 31 December 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def motion_window(scenario: Scenario) -> tuple[dt.date, dt.date]:
    """From the filing of the main motion (its moving, where no filing is recorded) to its vote (or its last
    date), with a little room at each end (at the start, no more than a day before the log begins)."""
    motion = scenario.motion
    first = min([scenario.chamber.as_of, *(e.date for e in scenario.events)])
    if motion is None:
        start, end = first, scenario.last_date
    else:
        start = motion.opened or first
        end = motion.vote or motion.moved or scenario.last_date
    pad = max(2, round((end - start).days * 0.05))
    before_log = shifted(scenario.chamber.as_of, -1)  # nothing to draw before the log starts
    return max(shifted(start, -pad), before_log), shifted(end, pad)


@dataclass(frozen=True, slots=True)
class KeyEvent:
    """An event worth a label: ``rank`` 0 is always labelled, 1 when there is room."""

    event: Event
    label: str
    rank: int


def key_events(scenario: Scenario, co: Coalitions, bar: Callable[[Step], int | None], start: dt.date,
               end: dt.date) -> list[KeyEvent]:
    """The events of the window worth a label, chosen by kind and by what they did to the lines.

    Always: the filing, the vote, a change of government, a ruling or court order that dismisses,
    restores, suspends or withdraws the motion, and a seat move that carries a coalition across the
    threshold (``bar``: what the motion needs after a step; a coalition crosses it when it reached the bar
    before the event and not after, or the other way round, the bar moving with the vacancies too).
    When there is room: the motion moved, an election of the head of government, a dissolution, other
    rulings, and the largest other seat moves (three seats or more).
    """
    shorts = scenario.names  # the starting parties by their labels, those a split or merger creates by their names
    out: list[KeyEvent] = []
    before = co.steps[0]
    for _, day in groupby(co.steps[1:], key=lambda s: s.date):
        steps = list(day)
        pairs = [(b, s) for b, s in zip([before, *steps[:-1]], steps, strict=True)
                 if s.event is not None and start <= s.event.date <= end]
        out += _day_keys(pairs, (before, steps[-1]), bar, shorts, scenario)
        before = steps[-1]
    return _held_longest(out, end)


CROSSINGS_ALWAYS = 3
"""The most crossings of the line labelled whatever the room; the others are labelled where it allows."""


def _held_longest(keys: list[KeyEvent], end: dt.date) -> list[KeyEvent]:
    """Past :data:`CROSSINGS_ALWAYS` crossings, those that held the longest (until the next crossing or the
    window's end; the later on a tie) keep their place, the rest wait for room: a side hovering at the bar
    for months would otherwise claim a label for each day it crossed, and the labels would pile up on the
    first few."""
    crossings = [i for i, k in enumerate(keys) if k.rank == 0 and _moves(k.event)]
    if len(crossings) <= CROSSINGS_ALWAYS:
        return keys
    days = [keys[i].event.date for i in crossings]
    held = {i: ((nxt - day).days, day) for i, day, nxt in zip(crossings, days, [*days[1:], end], strict=True)}
    kept = set(sorted(crossings, key=lambda i: held[i], reverse=True)[:CROSSINGS_ALWAYS])
    return [replace(k, rank=1) if i in held and i not in kept else k for i, k in enumerate(keys)]


def _day_keys(pairs: list[tuple[Step, Step]], day: tuple[Step, Step], bar: Callable[[Step], int | None],
              shorts: dict[str, str], scenario: Scenario) -> list[KeyEvent]:
    """The labels of one day's events (``pairs``: each step with the one before it; ``day``: the steps
    before and after the whole day). A seat move counts as a crossing only as the day's net crossing: of
    fifteen moves back and forth across the line in a day, one label says where the day left the sides."""
    moves = [(b, s) for b, s in pairs if _moves(s.event)]

    def crossing(b: Step, s: Step) -> bool:
        return _crosses((b.seats, bar(b)), (s.seats, bar(s)))

    net = len(moves) > 1 and crossing(*day)
    own = [s for b, s in moves if crossing(b, s)]
    out = []
    for b, s in pairs:
        assert s.event is not None  # pairs hold events only
        crosses = crossing(b, s) if len(moves) <= 1 else net and len(own) == 1 and s is own[0]
        picked = _pick(s.event, (b.seats, bar(b)), (s.seats, bar(s)), shorts, scenario, crosses=crosses)
        if picked is not None:
            out.append(picked)
    if net and len(own) != 1:  # crossed back and forth: one label for the day, at its last move
        last = moves[-1][1].event
        assert last is not None
        gains = {side: day[1].seats.get(side, 0) - day[0].seats.get(side, 0) for side in day[1].seats}
        side, gain = max(gains.items(), key=lambda kv: (kv[1], kv[0]))
        out = [k for k in out if k.event is not last]
        out.append(KeyEvent(last, f"{len(moves)} seat moves" + (f", {side} +{gain}" if gain > 0 else ""), 0))
    return out


def _moves(ev: Event | None) -> bool:
    return ev is not None and ev.changes_seats and ev.kind != "government-change"


def _crosses(was: tuple[dict[str, int], int | None], now: tuple[dict[str, int], int | None]) -> bool:
    """True when a side reached the bar before and not after, or the other way round (``was`` and ``now``:
    the seats and the bar)."""
    (before, bar_before), (after, bar_after) = was, now
    # the bar is >= 1, so a side without seats is below it whatever stands for its missing count
    return bar_before is not None and bar_after is not None and any(
        (before.get(s, 0) >= bar_before)  # equivalent mutant "0 -> -1": see above
        != (after.get(s, 0) >= bar_after) for s in after)  # equivalent mutant "0 -> -1": s is in after


def _pick(ev: Event, was: tuple[dict[str, int], int | None], now: tuple[dict[str, int], int | None],
          shorts: dict[str, str], scenario: Scenario, *, crosses: bool) -> KeyEvent | None:
    """The label of ``ev`` if it is worth one: ``was`` and ``now`` are the seats and the bar before and after
    it; ``crosses``: it carries a side across the threshold (by the day's net, see :func:`_day_keys`)."""
    (before, _), (after, _) = was, now
    if _moves(ev):
        gains = {s: after.get(s, 0) - before.get(s, 0) for s in after}
        side, moved = max(gains.items(), key=lambda kv: (kv[1], kv[0]))
        if not crosses and max(abs(g) for g in gains.values()) < 3:
            return None
        text = move_label(ev, shorts, side, moved, -min(gains.values()))
        return KeyEvent(ev, text, 0 if crosses else 1)
    if ev.kind in _ALWAYS or (ev.kind in ("ruling", "court-order") and ev.effect in _EFFECTS):
        return KeyEvent(ev, _procedural_label(ev, scenario), 0)
    if ev.kind in _SOMETIMES:
        return KeyEvent(ev, _procedural_label(ev, scenario), 1)
    return None


def _procedural_label(ev: Event, scenario: Scenario) -> str:
    if ev.kind == "vote":
        division = next((m.division for m in scenario.motions
                         if m.division is not None and m.division.date == ev.date), None)
        return f"Vote: {division.yes} yes" if division is not None else "Vote"
    if ev.kind == "government-change":
        return "Change of government"
    if ev.kind == "pm-election":
        return _election_label(ev.date, scenario)
    if ev.effect in _EFFECTS:
        who = "Court" if ev.kind == "court-order" else "Ruling"
        return f"{who}: motion {_EFFECTS[ev.effect]}"
    return kind_label(ev.kind)


_BALLOTS = frozenset({"pm-election", "investiture"})


def _election_label(day: dt.date, scenario: Scenario) -> str:
    """What the election of ``day`` gave, as declared on the day: the chart's own motion's ballot if it was
    held that day, else any recorded ballot of the day (one that elected someone is enough: a first
    ballot that fails and a second that elects fall on one day). Without a recorded ballot, only that an
    election was held."""
    ballots = [m for m in scenario.motions if m.kind in _BALLOTS and m.division is not None
               and (m.vote or m.division.date) == day]
    if not ballots:
        return "Head of government election"
    own = scenario.motion if scenario.motion in ballots else None
    elected = [_elects(scenario, m, day) for m in ([own] if own is not None else ballots)]
    return "Head of government elected" if any(elected) else "No head of government elected"


def _elects(scenario: Scenario, motion: Motion, day: dt.date) -> bool:
    """True when ``motion``'s recorded division, held on ``day``, elected someone, as declared that day."""
    assert motion.division is not None  # only ballots with a recorded division are asked about
    state = scenario.state(max(day, scenario.chamber.as_of))
    o = judge_recorded_division(scenario.rules_for(motion), motion.kind, motion.division, seats=state.seats,
                                vacancies=state.vacancies, on=day, successor=motion.successor).declared
    return o.passed or o.elected is not None


# -- label placement -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in SVG units."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: Box) -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1


@dataclass(frozen=True, slots=True)
class Label:
    """A placed label: its text's anchor point and anchor, its box, and its leader line's x."""

    index: int
    x: float
    baseline: float
    anchor: str
    box: Box
    leader: float


def place_labels(wanted: Sequence[tuple[float, float, int]], *, area: Box, lane: float,
                 lanes: int) -> list[Label]:
    """Place labels ``(x, width, rank)`` in lanes from the top of ``area``, none overlapping another.

    Each label sits beside a leader line dropped from its lane to the bottom of ``area`` at ``x``: to
    its right, else to its left. A label goes in the first lane where its box meets no other box and
    no leader line, and its own leader line crosses no box below it. Rank 0 is placed first, then
    rank 1, each by date from the left and again from the right; the pass that places more labels of
    rank 0 (then of rank 1) wins. A label that fits nowhere is left out.
    """
    best: list[Label] = []
    for direction in (1, -1):
        order = sorted(range(len(wanted)), key=lambda i: (wanted[i][2], direction * wanted[i][0]))
        placed: list[Label] = []
        for i in order:
            x, w, _ = wanted[i]
            spot = _first_fit(i, x, w, placed, area, lane, lanes)
            if spot is not None:
                placed.append(spot)
        if _score(placed, wanted) > _score(best, wanted):
            best = placed
    return sorted(best, key=lambda lab: lab.index)


def _score(placed: Sequence[Label], wanted: Sequence[tuple[float, float, int]]) -> tuple[int, int]:
    ranks = [wanted[lab.index][2] for lab in placed]
    return ranks.count(0), ranks.count(1)


def _first_fit(i: int, x: float, w: float, placed: Sequence[Label], area: Box, lane: float,
               lanes: int) -> Label | None:
    for k in range(lanes):
        y0 = area.y0 + k * lane
        for anchor, x0 in (("start", x + 3), ("end", x - 3 - w)):
            box = Box(x0, y0, x0 + w, y0 + lane - 3)
            stem = Box(x - 0.5, y0, x + 0.5, area.y1)
            if not box.inside(area):
                continue
            if any(box.overlaps(p.box) or box.overlaps(Box(p.leader - 0.5, p.box.y0, p.leader + 0.5, area.y1))
                   or stem.overlaps(p.box) for p in placed):
                continue
            tx = x + 3 if anchor == "start" else x - 3
            return Label(i, tx, y0 + lane - 7, anchor, box, x)
    return None
