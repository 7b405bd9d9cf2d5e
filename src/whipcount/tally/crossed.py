"""A constitution's defection rule applied to a whip count: the votes of members who crossed the floor.

A ``defect`` event moves seats to another side while they keep their party label; the replay books them
(:attr:`whipcount.model.ChamberState.crossed`). On a motion, their party's direction is the stance of the
party's seats on its own side (recorded, else the side's default). Crossed seats whose stance goes the other
way (for the motion where the party is against it, ``yes``/``lean-yes`` against ``no``/``lean-no``/``abstain``/
``absent``; against it where the party is for it) vote against the party's direction. Where the motion's
defection rule of the day (:class:`whipcount.rules.DefectionPeriod`) says such votes are not counted, those
seats become a position of their own, ``abstain`` with no chance of a yes: they still hold their seats (a bar
on the membership is unchanged) and are present (toward a quorum), but cast no vote that counts, so on a basis
of the votes cast they are not among them, as ``judge`` treats ``defectors``. Where the rule counts them, the
count only says so. A party whose direction is undecided gives its crossed seats nothing to go against.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from whipcount.model import ChamberState, Crossing
from whipcount.rules.core import DefectionPeriod
from whipcount.tally.positions import CrossedVotes, Position

__all__ = ["apply_defection", "counted_sides"]

_FOR = frozenset({"yes", "lean-yes"})
_AGAINST = frozenset({"no", "lean-no", "abstain", "absent"})


def _direction(c: Crossing, positions: Sequence[Position], default: str) -> str | None:
    """``for``/``against``: the stance of ``c``'s party on its own side (its largest position there that is
    not one member's, else ``default``), None where it is undecided."""
    own = [p for p in positions if p.party == c.party and p.side == c.party_side and p.member is None
           and p.office is None]
    stance = max(own, key=lambda p: p.seats).stance if own else default
    return "for" if stance in _FOR else "against" if stance in _AGAINST else None


def _goes_against(stance: str, direction: str) -> bool:
    return stance in _FOR if direction == "against" else stance in ("no", "lean-no")


def _taken(c: Crossing, positions: Sequence[Position], direction: str) -> list[tuple[Position, int]]:
    """The positions of ``c``'s crossed seats that vote against the party's direction, and how many seats of
    each: its named members first, then the party's other seats on that side, largest first."""
    mine = [p for p in positions if p.party == c.party and p.side == c.side and p.office is None
            and p.not_counted is None]
    order = sorted(mine, key=lambda p: (p.member not in c.members, p.member is not None, -p.seats, p.label))
    left, out = c.seats, []
    for p in order:
        if left <= 0:
            break
        if p.member is not None and p.member not in c.members and c.members and len(c.members) >= c.seats:
            continue  # every crossed seat is named: another member on that side did not cross
        k = min(p.seats, left)
        left -= k
        if _goes_against(p.stance, direction):
            out.append((p, k))
    return out


def _words(seats: int, direction: str, period: DefectionPeriod, names: Sequence[str]) -> str:
    who = f"{seats} member{'s' if seats != 1 else ''} who crossed the floor"
    named = f" ({', '.join(names)})" if names and len(names) <= 10 else ""
    verb = "are counted" if period.counted else "are not counted"
    note = f": {period.note}" if period.note else ""
    return f"{who}{named}: their votes {direction} the motion {verb} ({period.source.article}{note})"


def apply_defection(state: ChamberState, positions: list[Position], period: DefectionPeriod | None,
                    default_of: dict[str, str]) -> tuple[list[Position], CrossedVotes | None]:
    """``positions`` with the crossed seats' votes against their party's direction set apart where ``period``
    does not count them, and the record of those votes (None where nobody crossed, or no rule is in force).
    ``default_of``: the stance each side takes by default on the motion."""
    if period is None or not state.crossed:
        return positions, None
    members = {m.id: m.name for m in state.members}
    seats, names, directions = 0, [], set()
    for c in state.crossed:
        direction = _direction(c, positions, default_of.get(c.party_side, "undecided"))
        if direction is None:
            continue
        way = "against" if direction == "for" else "for"
        taken = _taken(c, positions, direction)
        for p, k in taken:
            seats += k
            directions.add(way)
            if not period.counted:
                positions = _set_apart(positions, p, k, way, period, c)
        if taken:  # the members the log names among them (a member with a stance of his own, only if taken)
            own = {p.member for p in positions if p.member is not None}
            kept = {p.member for p, _ in taken}
            names += [members.get(m, m) for m in c.members if m not in own or m in kept]
    if not seats:
        return positions, None
    way = directions.pop() if len(directions) == 1 else "for or against"
    words = _words(seats, way, period, names)
    return positions, CrossedVotes(seats, tuple(names), way, period.counted, period.source.article,
                                   period.source.url, period.note, words)


def _set_apart(positions: list[Position], p: Position, k: int, way: str, period: DefectionPeriod,
               c: Crossing) -> list[Position]:
    """``k`` seats of ``p`` as a position of their own whose votes do not count."""
    why = f"crossed the floor: votes {way} the motion not counted ({period.source.article})"
    label = (p.label if p.member is not None
             else f"{p.label}: {k} who crossed the floor")
    apart = replace(p, key=f"{p.key}/crossed", label=f"{label} (votes {way} not counted)", seats=k,
                    stance="abstain", p_yes=0.0, default=False, note=why, not_counted=why,
                    sources=p.sources or c.sources, seat_labels=p.seat_labels[p.seats - k:])
    out = []
    for q in positions:
        if q is not p:
            out.append(q)
            continue
        if q.seats > k:
            out.append(replace(q, seats=q.seats - k, seat_labels=q.seat_labels[:q.seats - k]))
        out.append(apart)
    return out


def counted_sides(state: ChamberState, period: DefectionPeriod | None) -> tuple[dict[str, int], str | None]:
    """Seats per side whose votes count when every side votes as one (a tally's margins): the seats that
    crossed the floor vote with the side they crossed to, against their party's, so where ``period`` does not
    count such votes they are left out of that side; and a note saying so (None where nothing is left out)."""
    sides = state.sides()
    if period is None or period.counted or not state.crossed:
        return sides, None
    out = dict(sides)
    parts = []
    for side in sides:
        n = sum(c.seats for c in state.crossed if c.side == side)
        if n:
            out[side] -= n
            parts.append(f"{n} on the {side} side")
    words = (f"{sum(c.seats for c in state.crossed)} members who crossed the floor ({', '.join(parts)}): their "
             f"votes against their party's direction are not counted ({period.source.article}); the margins "
             f"leave them out")
    return out, words
