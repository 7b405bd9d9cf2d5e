"""A constitution's defection rule applied to a whip count: the votes of a party's members against its direction.

Pakistan's Art. 63A as the Supreme Court read it on 17 May 2022: the vote of a member of a parliamentary party
cast contrary to the party's direction is not counted. The rule reaches every member of the party, whether they
crossed the floor or not, and one rule sets their votes apart.

On a motion, a party's direction is the stance of its largest position on its own side (recorded, else the
side's default): for the motion (``yes``, ``lean-yes``), against it (``no``, ``lean-no``) or not to vote
(``abstain``, ``absent``); a party whose direction is undecided gives its members nothing to go against, and an
independent has no party to direct him. A member may vote against it (:func:`_may_go_against`) where they have a
chance of a vote contrary to it: of a no where the party is for the motion (any stance that votes no when not
voting yes: a ``yes`` who does not vote yes stays away, an ``abstain`` abstains), of a yes where it is against it
(any stance with a chance of a yes, ``absent`` and ``abstain`` included), of either where the direction is not to
vote (Art. 63A(1)(b): "votes or abstains from voting ... contrary to any direction"). That holds for:

- seats that crossed the floor: a ``defect`` event moves seats to another side while they keep their party label,
  and the replay books them (:attr:`whipcount.model.ChamberState.crossed`); their stance may go the other way
  (for the motion where the party is against it, against it where the party is for it), be undecided, or go with
  it but not for certain;
- the party's other members on its own side: a smaller position standing otherwise (ten seats leaning yes where
  the largest is against the motion), one standing with it but not for certain, and the largest position itself,
  whose own chance of a contrary vote (a party leaning no: its yes; a party not to vote: any vote) is the same
  vote against the party; after a what-if, the seats a change moved there as well.

Where the motion's defection rule of the day (:class:`whipcount.rules.DefectionPeriod`) says such votes are not
counted, the vote is set apart (:func:`_set_apart`): it is cast by members who still hold their seats (a bar on
the membership is unchanged) and are present (toward a quorum), but is not counted, so on a basis of the votes
cast they are not among them, as ``judge`` treats ``defectors``. A firm stance against the direction (``yes``
against the party, ``no`` for a party for the motion), and every stance that votes where the direction is not to
vote, becomes ``abstain`` with no chance of a yes (a stance not to vote keeps its own, with its chance of a yes
gone); any other keeps its stance and its probabilities, and only its vote against the direction is not counted
(:attr:`Position.counts_only`): its vote on the party's line counts, and a swing moves its chance of either as it
moves any member of its stance (:attr:`whipcount.tally.model.Bloc.set_apart`). Crossed seats become a position of
their own (a key ending in :data:`APART`); the party's own members keep their position and key. No pivot switches
such a position, and none supplies a yes the rule does not count, but for the party's largest position
(:attr:`Position.holds_direction`): switched as a whole, or voting yes as a whole, it is the party's direction
changed, and the chamber is counted again with it (:mod:`whipcount.tally.redirect`). Where the rule counts such
votes, the count only says so of the crossed seats, and leaves the party's own members as they stand, without a
word.

A what-if (:mod:`whipcount.tally.whatif`) counts again after each change (:func:`recount`), from the seats as
they stood before the rule (:func:`restored`): the crossed seats are counted once their party's direction comes
their way (the whole party switches), and seats a change moves against the direction of the rest of their party
are not counted either, where the rule says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from whipcount.model import INDEPENDENT, Crossing, Source
from whipcount.rules.core import DefectionPeriod
from whipcount.tally.positions import (
    AGAINST_FIRST,
    DEFAULT_STANCE_PROBABILITIES,
    CrossedVotes,
    Position,
    WhipCount,
)

__all__ = ["apply_defection", "direction_holders", "recount", "restored"]

_FOR = frozenset({"yes", "lean-yes"})
_AGAINST = frozenset({"no", "lean-no"})
_NOT_VOTING = frozenset({"abstain", "absent"})
_VOTING = frozenset({"yes", "lean-yes", "undecided", "lean-no", "no"})
APART = "/crossed"
"""The end of the key of a position of crossed seats whose votes are not counted."""

PYes = Callable[[Position], float]
"""The probability of a yes of a member of a position, as the count reads it (:meth:`WhipCount.p_yes_of`)."""


def _stance_p_yes(p: Position) -> float:
    """The position's own probability of a yes, else its stance's default."""
    return p.p_yes if p.p_yes is not None else DEFAULT_STANCE_PROBABILITIES.get(p.stance, 0.0)


def _holder(party: str, side: str, positions: Sequence[Position]) -> Position | None:
    """``party``'s largest position on ``side`` that is not one member's: the one whose stance is its direction."""
    own = [p for p in positions if p.party == party and p.side == side and p.member is None and p.office is None
           and p.not_counted is None and not p.key.endswith(APART)]
    return max(own, key=lambda p: p.seats) if own else None


def direction_holders(count: WhipCount) -> frozenset[str]:
    """The keys of the positions whose stance is their party's direction (each party's largest on its own
    side, as the rule reads it before setting any vote apart); never an independent's."""
    base = restored(count).positions
    parties = {p.party for p in base if p.party != INDEPENDENT}
    held = (_holder(party, _party_side(party, base, count.crossings), base) for party in sorted(parties))
    return frozenset(h.key for h in held if h is not None)


def _direction(party: str, side: str, positions: Sequence[Position], default: str) -> str | None:
    """``for``, ``against`` (vote no) or ``abstain`` (do not vote: abstain or stay away): the stance of
    ``party``'s largest position on ``side`` that is not one member's (else ``default``), None where it is
    undecided."""
    holder = _holder(party, side, positions)
    stance = holder.stance if holder is not None else default
    return ("for" if stance in _FOR else "against" if stance in _AGAINST else "abstain" if stance in _NOT_VOTING
            else None)


def _goes_against(stance: str, direction: str) -> bool:
    """Whether ``stance`` goes against a party ``direction`` (``for``, ``against`` or ``abstain``) on the
    motion, or is undecided: where the direction is not to vote, any vote, yes or no, goes against it."""
    if direction == "abstain":
        return stance in _VOTING
    return stance in (("yes", "lean-yes", "undecided") if direction == "against" else ("no", "lean-no", "undecided"))


def _may_go_against(stance: str, direction: str, p_yes: float) -> bool:
    """Whether a member of ``stance`` who votes yes with probability ``p_yes`` has a chance of a vote against
    ``direction``: of a no where the party is for the motion (a stance that votes no when not voting yes: a
    ``yes`` who does not vote yes stays away, an ``abstain`` abstains), of a yes where it is against it (any
    stance, ``absent`` and ``abstain`` included where they have a chance of one), of either where it is not
    to vote."""
    votes_no = stance in _VOTING - {"yes"} and p_yes < 1.0
    if direction == "for":
        return votes_no
    return p_yes > 0.0 or (direction == "abstain" and votes_no)


def _way(direction: str) -> str:
    """How a vote against ``direction`` goes: ``for``, ``against``, or ``for or against`` the motion."""
    return {"for": "against", "against": "for"}.get(direction, "for or against")


def _line(direction: str, stance: str) -> str | None:
    """The one vote of seats of ``stance`` set apart that still counts (``counts_only``): the party's line
    (``yes`` or ``no``) for a leaning or undecided stance, or one with the party; None where none counts (a
    firm stance against the party, a direction not to vote, which every vote cast goes against, or a stance
    not to vote, whose only vote, a yes, goes against a party against the motion)."""
    if direction == "abstain" or stance in _NOT_VOTING or stance == {"for": "no", "against": "yes"}[direction]:
        return None
    return "yes" if direction == "for" else "no"


def _taken(c: Crossing, positions: Sequence[Position], direction: str, p_yes_of: PYes) -> list[tuple[Position, int]]:
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
        if _may_go_against(p.stance, direction, p_yes_of(p)):
            out.append((p, k))
    return out


def _own(positions: Sequence[Position], crossings: Sequence[Crossing], default_of: Callable[[str], str],
         p_yes_of: PYes) -> list[tuple[Position, str, bool]]:
    """The positions of every party's members on its own side (those who did not cross the floor, and seats a
    what-if moved there) that may vote against its direction (:func:`_may_go_against`), with that direction
    and whether they hold it (the party's largest position); never an independent's, who has no party to
    direct him, nor seats that cannot vote by office."""
    out = []
    for p in positions:
        if p.party == INDEPENDENT or p.office is not None or p.not_counted is not None:
            continue
        side = _party_side(p.party, positions, crossings)
        direction = _direction(p.party, side, positions, default_of(side))
        if p.side == side and direction is not None and _may_go_against(p.stance, direction, p_yes_of(p)):
            out.append((p, direction, p is _holder(p.party, side, positions)))
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


@dataclass
class _Tally:
    """The seats whose votes against their party's direction the rule reaches, by who they are."""

    seats: int = 0
    """Crossed seats whose stance goes against the direction."""
    with_party: int = 0
    """Crossed seats whose stance goes with it, but may still vote the other way."""
    leaning: int = 0
    """Of ``seats`` and ``moved``, those that only lean against it or are undecided."""
    moved: int = 0
    """Seats a what-if moved against the direction of the rest of their party."""
    own: int = 0
    """Members who did not cross the floor (and seats a what-if moved with the direction) who may vote
    against it."""
    own_against: int = 0
    """Of ``own``, those whose stance goes against it."""
    names: list[str] = field(default_factory=list)
    ways: set[str] = field(default_factory=set)
    """How the crossed seats' and the moved seats' votes against the direction go (:func:`_way`)."""
    own_ways: set[str] = field(default_factory=set)
    """How the parties' own members' go."""


def apply_defection(crossings: Sequence[Crossing], positions: list[Position], period: DefectionPeriod | None,
                    default_of: Callable[[str], str], p_yes_of: PYes | None = None
                    ) -> tuple[list[Position], CrossedVotes | None]:
    """``positions`` with the votes against their party's direction set apart where ``period`` does not count
    them: the crossed seats', and every other member's of the party (on its own side, after a what-if the
    seats a change moved too), and the record of those votes (None where there are none, or no rule is in
    force). ``default_of(side)``: the stance a side takes by default on the motion; ``p_yes_of(position)``:
    its members' probability of a yes (else the position's own, or its stance's default)."""
    if period is None:
        return positions, None
    p_yes_of = p_yes_of or _stance_p_yes
    base, t = list(positions), _Tally()  # each direction read from the seats as they stand before the rule
    for c in crossings:
        direction = _direction(c.party, c.party_side, base, default_of(c.party_side))
        if direction is None:  # an undecided party: its crossed seats have nothing to go against
            continue
        taken = _taken(c, positions, direction, p_yes_of)
        for p, k in taken:
            against = _goes_against(p.stance, direction)
            t.seats += k if against else 0
            t.with_party += 0 if against else k
            t.leaning += k if against and _line(direction, p.stance) is not None else 0
            t.ways.add(_way(direction))
            if not period.counted:
                positions = _set_apart(positions, p, k, direction, period, c.sources)
        if taken:  # the members the log names among them (one with a stance of his own, only if taken)
            own = {p.member for p in positions if p.member is not None}
            kept = {p.member for p, _ in taken}
            t.names += [name for m, name in zip(c.members, c.names, strict=True) if m not in own or m in kept]
    # where the rule counts such votes the party's own members' are as they were: no note on every party
    for p, direction, holds in [] if period.counted else _own(base, crossings, default_of, p_yes_of):
        against = _goes_against(p.stance, direction)
        if "~" in p.key and against:  # moved by a what-if against the rest of the party
            t.moved += p.seats
            t.leaning += p.seats if _line(direction, p.stance) is not None else 0
        else:
            t.own += p.seats
            t.own_against += p.seats if against else 0
        (t.ways if "~" in p.key and against else t.own_ways).add(_way(direction))
        positions = _set_apart(positions, p, p.seats, direction, period, (), crossed=False, holds=holds)
    if not (t.seats or t.with_party or t.moved or t.own):
        return positions, None
    return positions, CrossedVotes(t.seats, tuple(t.names), _ways(t.ways) if t.ways else None, period.counted,
                                   period.source.article, period.source.url, period.note, _words(t, period),
                                   t.leaning, t.with_party, t.own, _ways(t.own_ways) if t.own_ways else None)


def _ways(ways: set[str]) -> str:
    """``for``, ``against`` or ``for or against``: the one way every vote set apart goes, or both."""
    return next(iter(ways)) if len(ways) == 1 else "for or against"


def _words(t: _Tally, period: DefectionPeriod) -> str:
    """The count's line: whose votes against their party's direction the rule counts or not, and why."""
    verb = "are counted" if period.counted else "are not counted"
    why = f"({period.source.article}{f': {period.note}' if period.note else ''})"
    if not (t.seats or t.with_party or t.moved):  # only the parties' own members
        return (f"{_members(t.own)} who did not cross the floor may vote against their party's direction: their "
                f"votes {_ways(t.own_ways)} the motion {verb} {why} ({_own_words(t)})")
    who = []
    if t.seats or t.with_party:
        named = f" ({', '.join(t.names)})" if t.names and len(t.names) <= 10 else ""
        who.append(f"{_members(t.seats + t.with_party)} who crossed the floor{named}")
    if t.moved:
        who.append(f"{t.moved} the what-if moves against the rest of their party")
    out = f"{' and '.join(who)}: their votes {_ways(t.ways)} the motion {verb} {why}"
    if t.with_party:  # their stance is with the party: only a vote of theirs the other way is contrary to it
        out += (f"; {t.with_party} of them stand{'s' if t.with_party == 1 else ''} with their party's direction "
                f"and may still vote the other way")
    if t.leaning and not period.counted:
        out += (f"; {t.leaning} of them only lean that way or are undecided: they stay so in the count, and a vote "
                f"of theirs with their party's direction counts")
    if t.own:
        out += (f"; nor are the votes {_ways(t.own_ways)} the motion of {_members(t.own)} who did not cross the "
                f"floor, against their party's direction ({_own_words(t)})")
    return out


def _members(n: int) -> str:
    """``1 member``, ``3 members``."""
    return f"{n} member{'s' if n != 1 else ''}"


def _own_words(t: _Tally) -> str:
    """How the parties' own members whose votes against its direction are set apart stand: against it, or with
    it but not for certain; a vote of theirs with it counts."""
    withp = t.own - t.own_against
    parts = ([f"{t.own_against} stand{'s' if t.own_against == 1 else ''} against it or "
              f"{'is' if t.own_against == 1 else 'are'} undecided"] if t.own_against else [])
    parts += [f"{withp} stand{'s' if withp == 1 else ''} with it but may still vote the other way"] if withp else []
    return f"{' and '.join(parts)}; a vote of theirs with it counts"


def _set_apart(positions: list[Position], p: Position, k: int, direction: str, period: DefectionPeriod,
               sources: Sequence[Source], *, crossed: bool = True, holds: bool = False) -> list[Position]:
    """``k`` seats of ``p`` as a position of their own whose votes against the party's ``direction`` do not
    count: a firm stance abstains (present, not voting), and so does every stance where the direction is not
    to vote (a stance not to vote keeps it); a leaning one, or one with the party, keeps its stance and counts
    only with the party (``counts_only``). The position they came from (``uncounted``) is kept in it, for a
    what-if to count again. Crossed seats are a position of their own (their key ends in :data:`APART`); the
    party's other members keep theirs (``holds``: the party's largest position, whose stance is its
    direction)."""
    way = _way(direction)
    why = f"votes {way} the motion not counted ({period.source.article})"
    if crossed:
        base = p.label if p.member is not None or k == p.seats else f"{p.label}: {k} who crossed the floor"
        key = p.key if p.key.endswith(APART) else p.key + APART
    else:
        base, key = p.label, p.key
    own = replace(p, key=key, label=base, seats=k, seat_labels=p.seat_labels[p.seats - k:])
    line = _line(direction, p.stance)
    said = why if line is None else f"{why}; a vote {'for' if line == 'yes' else 'against'} it, with the party, counts"
    note = said if crossed or not p.note else f"{p.note.rstrip('. ')}; {said}"  # a party's own: the stance's note kept
    apart = replace(own, label=f"{base} (votes {way} not counted)", note=note, not_counted=why,
                    sources=p.sources or tuple(sources), uncounted=own, holds_direction=holds, counts_only=line)
    if line is None:
        apart = replace(apart, stance=p.stance if p.stance in _NOT_VOTING else "abstain", p_yes=0.0, default=False)
    out = []
    for q in positions:
        if q is not p:
            out.append(q)
            continue
        if q.seats > k:
            out.append(replace(q, seats=q.seats - k, seat_labels=q.seat_labels[:q.seats - k]))
        out.append(apart)
    return out


def restored(count: WhipCount) -> WhipCount:
    """``count`` with every position the defection rule set apart put back as it stood."""
    return replace(count, positions=tuple(p.uncounted if p.uncounted is not None else p for p in count.positions))


def recount(count: WhipCount, default_of: Callable[[str], str]) -> WhipCount:
    """``count`` counted again under its defection rule after a what-if change: the seats set apart are
    put back as they stood, then the rule applied to them and to the seats the change moved, read with the
    count's probabilities; the positions in the count's order (:data:`AGAINST_FIRST`)."""
    if count.rule.defection is None:
        return count
    positions, crossed = apply_defection(count.crossings, list(restored(count).positions), count.rule.defection,
                                         default_of, count.p_yes_of)
    notes = tuple(n for n in count.notes if count.crossed is None or n != count.crossed.words)
    rank = {s: i for i, s in enumerate(AGAINST_FIRST)}
    positions.sort(key=lambda q: (rank[q.stance], -q.seats, q.label))
    return replace(count, positions=tuple(positions), crossed=crossed,
                   notes=notes + ((crossed.words,) if crossed is not None else ()))
