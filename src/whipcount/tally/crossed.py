"""A constitution's defection rule applied to a whip count: the votes of members who crossed the floor.

A ``defect`` event moves seats to another side while they keep their party label; the replay books them
(:attr:`whipcount.model.ChamberState.crossed`). On a motion, their party's direction is the stance of the
party's largest position on its own side (recorded, else the side's default): for the motion (``yes``,
``lean-yes``), against it (``no``, ``lean-no``) or not to vote (``abstain``, ``absent``). Crossed seats whose
stance goes the other way (for the motion where the party is against it, against it where the party is for
it), or that is undecided, may vote against the party's direction, and so may those whose stance goes with it
but not for certain (``lean-yes`` where the party is for the motion; ``lean-no`` and ``no`` where it is
against: a ``yes`` who does not vote yes stays away); where the direction is not to vote, any vote cast goes
against it (Art. 63A(1)(b): "votes or abstains from voting ... contrary to any direction"), so every stance
but ``abstain`` and ``absent`` may. Where the motion's defection rule of the day
(:class:`whipcount.rules.DefectionPeriod`) says such votes are not counted, those seats become a position of
their own: a vote against the party's direction is cast by members who still hold their seats (a bar on the
membership is unchanged) and are present (toward a quorum), but is not counted, so on a basis of the votes
cast they are not among them, as ``judge`` treats ``defectors``. A firm stance (``yes`` against the party,
``no`` with it for the motion), and every stance where the direction is not to vote, becomes ``abstain``
with no chance of a yes; any other (leaning, undecided, or with the party) keeps
its stance and its probabilities, and only its vote against the party's direction is not counted
(:attr:`Position.counts_only`): its vote on the party's line counts, and a swing moves its chance of either
as it moves any member of its stance (:attr:`whipcount.tally.model.Bloc.set_apart`). Where the rule counts
them, the count only says so. A party whose direction is undecided gives its crossed seats nothing to go against.

A what-if (:mod:`whipcount.tally.whatif`) counts again after each change (:func:`recount`): the crossed seats
are counted once their party's direction comes their way (the whole party switches), and seats a change moves
against the direction of the rest of their party are not counted either, where the rule says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from whipcount.model import Crossing, Source
from whipcount.rules.core import DefectionPeriod
from whipcount.tally.positions import CrossedVotes, Position, WhipCount

__all__ = ["apply_defection", "recount"]

_FOR = frozenset({"yes", "lean-yes"})
_AGAINST = frozenset({"no", "lean-no"})
_NOT_VOTING = frozenset({"abstain", "absent"})
_VOTING = frozenset({"yes", "lean-yes", "undecided", "lean-no", "no"})
APART = "/crossed"
"""The end of the key of a position whose votes are not counted."""


def _direction(party: str, side: str, positions: Sequence[Position], default: str) -> str | None:
    """``for``, ``against`` (vote no) or ``abstain`` (do not vote: abstain or stay away): the stance of
    ``party``'s largest position on ``side`` that is not one member's (else ``default``), None where it is
    undecided."""
    own = [p for p in positions if p.party == party and p.side == side and p.member is None and p.office is None
           and p.not_counted is None and not p.key.endswith(APART)]
    stance = max(own, key=lambda p: p.seats).stance if own else default
    return ("for" if stance in _FOR else "against" if stance in _AGAINST else "abstain" if stance in _NOT_VOTING
            else None)


def _goes_against(stance: str, direction: str) -> bool:
    """Whether ``stance`` goes against a party ``direction`` (``for``, ``against`` or ``abstain``) on the
    motion, or is undecided: where the direction is not to vote, any vote, yes or no, goes against it."""
    if direction == "abstain":
        return stance in _VOTING
    return stance in (("yes", "lean-yes", "undecided") if direction == "against" else ("no", "lean-no", "undecided"))


def _may_go_against(stance: str, direction: str) -> bool:
    """Whether a member of ``stance`` has a chance of a vote against ``direction``: those of
    :func:`_goes_against`, and a stance with the party that may still vote the other way (``lean-yes`` where the
    party is for the motion, its no; ``lean-no`` and ``no`` where it is against, their yes). A ``yes`` who does
    not vote yes stays away, so with a party for the motion it casts no vote against it."""
    return stance in (_VOTING - {"yes"} if direction == "for" else _VOTING)


def _way(direction: str) -> str:
    """How a vote against ``direction`` goes: ``for``, ``against``, or ``for or against`` the motion."""
    return {"for": "against", "against": "for"}.get(direction, "for or against")


def _line(direction: str, stance: str) -> str | None:
    """The one vote of a crossed seat of ``stance`` that still counts (``counts_only``): the party's line
    (``yes`` or ``no``) for a leaning or undecided stance, or one with the party; None where none counts (a
    firm stance against the party, or a direction not to vote, which every vote cast goes against)."""
    if direction == "abstain" or stance == {"for": "no", "against": "yes"}[direction]:
        return None
    return "yes" if direction == "for" else "no"


def _taken(c: Crossing, positions: Sequence[Position], direction: str) -> list[tuple[Position, int]]:
    """The positions of ``c``'s crossed seats that may vote against the party's direction
    (:func:`_may_go_against`), and how many seats of each: its named members first, then the party's other
    seats on that side, largest first."""
    mine = [p for p in positions if p.party == c.party and p.side == c.side and p.office is None
            and p.not_counted is None and "~" not in p.key]
    order = sorted(mine, key=lambda p: (p.member not in c.members, p.member is not None, -p.seats, p.label))
    left, out = c.seats, []
    for p in order:
        if left <= 0:
            break
        if p.member is not None and p.member not in c.members and len(c.members) >= c.seats:
            continue  # every crossed seat is named: another member on that side did not cross
        k = min(p.seats, left)
        left -= k
        if _may_go_against(p.stance, direction):
            out.append((p, k))
    return out


def _moved(positions: Sequence[Position], crossings: Sequence[Crossing], default_of: Callable[[str], str]
           ) -> list[tuple[Position, int, str]]:
    """Seats a what-if change moved (``~`` in their key) against the direction of the rest of their party on
    its side, with that direction."""
    out = []
    for p in positions:
        if "~" not in p.key or p.not_counted is not None or p.office is not None:
            continue
        side = _party_side(p.party, positions, crossings)
        direction = _direction(p.party, side, positions, default_of(side))
        if p.side == side and direction is not None and _goes_against(p.stance, direction):
            out.append((p, p.seats, direction))
    return out


def _party_side(party: str, positions: Sequence[Position], crossings: Sequence[Crossing]) -> str:
    """Where ``party`` sits: as its crossings say, else the side holding most of its seats."""
    for c in crossings:
        if c.party == party:
            return c.party_side
    seats: dict[str, int] = {}
    for p in positions:
        if p.party == party:
            seats[p.side] = seats.get(p.side, 0) + p.seats
    return max(seats.items(), key=lambda kv: kv[1])[0]


def apply_defection(crossings: Sequence[Crossing], positions: list[Position], period: DefectionPeriod | None,
                    default_of: Callable[[str], str]) -> tuple[list[Position], CrossedVotes | None]:
    """``positions`` with the crossed seats' votes against their party's direction (and, after a what-if,
    the seats a change moved against the rest of their party) set apart where ``period`` does not count
    them, and the record of those votes (None where there are none, or no rule is in force).
    ``default_of(side)``: the stance a side takes by default on the motion."""
    if period is None:
        return positions, None
    seats, leaning, with_party, names, ways = 0, 0, 0, [], set()
    for c in crossings:
        direction = _direction(c.party, c.party_side, positions, default_of(c.party_side))
        if direction is None:  # an undecided party: its crossed seats have nothing to go against
            continue
        taken = _taken(c, positions, direction)
        for p, k in taken:
            against = _goes_against(p.stance, direction)
            seats += k if against else 0
            with_party += 0 if against else k
            leaning += k if against and _line(direction, p.stance) is not None else 0
            ways.add(_way(direction))
            if not period.counted:
                positions = _set_apart(positions, p, k, direction, period, c.sources)
        if taken:  # the members the log names among them (one with a stance of his own, only if taken)
            own = {p.member for p in positions if p.member is not None}
            kept = {p.member for p, _ in taken}
            names += [name for m, name in zip(c.members, c.names, strict=True) if m not in own or m in kept]
    # where the rule counts such votes a what-if's moves are as they were: no note on every one of them
    moved = [] if period.counted else _moved(positions, crossings, default_of)
    for p, k, rest in moved:
        leaning += k if _line(rest, p.stance) is not None else 0
        ways.add(_way(rest))
        positions = _set_apart(positions, p, k, rest, period, ())
    if not seats and not moved and not with_party:
        return positions, None
    way = ways.pop() if len(ways) == 1 else "for or against"
    words = _words(seats, sum(k for _, k, _ in moved), way, period, names, with_party)
    if leaning and not period.counted:
        words += (f"; {leaning} of them only lean that way or are undecided: they stay so in the count, and a vote "
                  f"of theirs with their party's direction counts")
    return positions, CrossedVotes(seats, tuple(names), way, period.counted, period.source.article,
                                   period.source.url, period.note, words, leaning, with_party)


def _words(seats: int, moved: int, direction: str, period: DefectionPeriod, names: Sequence[str],
           with_party: int) -> str:
    """The count's line: whose votes against their party's direction the rule counts or not, and why."""
    who = []
    if seats or with_party:
        named = f" ({', '.join(names)})" if names and len(names) <= 10 else ""
        who.append(f"{seats + with_party} member{'s' if seats + with_party != 1 else ''} who crossed the "
                   f"floor{named}")
    if moved:
        who.append(f"{moved} the what-if moves against the rest of their party")
    verb = "are counted" if period.counted else "are not counted"
    note = f": {period.note}" if period.note else ""
    within = ""
    if with_party:  # their stance is with the party: only a vote of theirs the other way is contrary to it
        within = (f"; {with_party} of them stand{'s' if with_party == 1 else ''} with their party's direction "
                  f"and may still vote the other way")
    return (f"{' and '.join(who)}: their votes {direction} the motion {verb} ({period.source.article}{note})"
            f"{within}")


def _set_apart(positions: list[Position], p: Position, k: int, direction: str, period: DefectionPeriod,
               sources: Sequence[Source]) -> list[Position]:
    """``k`` seats of ``p`` as a position of their own whose votes against the party's ``direction`` do not
    count: a firm stance abstains (present, not voting), and so does every stance where the direction is not
    to vote; a leaning one keeps its stance and counts only with the party (``counts_only``). The position
    they came from (``uncounted``) is kept in it, for a what-if to count again."""
    way = _way(direction)
    why = f"votes {way} the motion not counted ({period.source.article})"
    base = p.label if p.member is not None or k == p.seats else f"{p.label}: {k} who crossed the floor"
    key = p.key if p.key.endswith(APART) else p.key + APART
    own = replace(p, key=key, label=base, seats=k, seat_labels=p.seat_labels[p.seats - k:])
    apart = replace(own, label=f"{base} (votes {way} not counted)", note=why, not_counted=why,
                    sources=p.sources or tuple(sources), uncounted=own)
    line = _line(direction, p.stance)
    if line is not None:
        apart = replace(apart, note=f"{why}; a vote {'for' if line == 'yes' else 'against'} it, with the party, "
                                    f"counts", counts_only=line)
    else:
        apart = replace(apart, stance="abstain", p_yes=0.0, default=False)
    out = []
    for q in positions:
        if q is not p:
            out.append(q)
            continue
        if q.seats > k:
            out.append(replace(q, seats=q.seats - k, seat_labels=q.seat_labels[:q.seats - k]))
        out.append(apart)
    return out


def recount(count: WhipCount, default_of: Callable[[str], str]) -> WhipCount:
    """``count`` counted again under its defection rule after a what-if change: the seats set apart are
    put back as they stood, then the rule applied to them and to the seats the change moved."""
    if count.rule.defection is None:
        return count
    positions = [p.uncounted if p.uncounted is not None else p for p in count.positions]
    positions, crossed = apply_defection(count.crossings, positions, count.rule.defection, default_of)
    notes = tuple(n for n in count.notes if count.crossed is None or n != count.crossed.words)
    return replace(count, positions=tuple(positions), crossed=crossed,
                   notes=notes + ((crossed.words,) if crossed is not None else ()))
