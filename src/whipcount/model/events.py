"""Typed, dated events: what changes who sits where.

Seat events (they change the state :func:`replay` derives):

=================  ===========================================================================
kind               meaning
=================  ===========================================================================
switch-side        a party, or ``seats``/``members`` of it, moves to another side
defect             named members (or a count) cross the floor but keep their party label
leave-party        members leave a party: they sit as independents, or join ``to_party``
join-party         members (independents by default) join ``party``
split              ``seats``/``members`` of a party form a new party (``new_party``)
merge              ``parties`` merge into ``into`` (an existing or a new party)
resign / death /   a seat falls vacant
disqualify / vacate
by-election /      a vacant seat is filled for ``party``
fill-seat
government-change  the government falls and its opposition takes over: every seat on the
                   government side moves to the opposition side and back (the parties that
                   carried the vote now govern); later individual moves are their own events
=================  ===========================================================================

Procedural events (``motion-filed``, ``motion-moved``, ``ruling``, ``court-order``, ``vote``,
``pm-election``, ``dissolution``, ``statement``, ...) change no seat; they are kept in the log
for the rules engine and for the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from whipcount.errors import EventError
from whipcount.model.arguments import check_option, plain_counts, plain_dates
from whipcount.model.chamber import INDEPENDENT
from whipcount.model.place import Place
from whipcount.model.sources import Source

SEAT_KINDS: frozenset[str] = frozenset(
    {
        "switch-side",
        "defect",
        "leave-party",
        "join-party",
        "split",
        "merge",
        "resign",
        "death",
        "disqualify",
        "vacate",
        "by-election",
        "fill-seat",
        "government-change",
    }
)
VACATING_KINDS: frozenset[str] = frozenset({"resign", "death", "disqualify", "vacate"})
FILLING_KINDS: frozenset[str] = frozenset({"by-election", "fill-seat"})
PROCEDURAL_KINDS: frozenset[str] = frozenset(
    {
        "motion-filed",
        "requisition",
        "session-summoned",
        "motion-moved",
        "ruling",
        "court-order",
        "vote",
        "pm-election",
        "dissolution",
        "statement",
        "resignation-offered",
        "presiding-officer",
        "defection-reference",
    }
)
EVENT_KINDS: tuple[str, ...] = (*sorted(SEAT_KINDS), *sorted(PROCEDURAL_KINDS))
"""Every kind an event may be: the seat events, then the procedural ones."""
EFFECTS: frozenset[str] = frozenset({"dismiss", "restore", "suspend", "withdraw", "none"})
ONE_SEAT_KINDS: frozenset[str] = VACATING_KINDS | FILLING_KINDS | {"leave-party", "join-party"}
"""The kinds that move one seat when they give neither ``seats`` nor ``members``; the others move a whole party
(``switch-side``, ``defect``, ``merge``, ``government-change``) or need a count (``split``)."""

_MOVE = ("party", "to", "seats", "members", "from_side")
_VACATE = frozenset({"party", "seats", "members", "from_side"})
_FILL = frozenset({"party", "to", "seats", "members"})
EVENT_FIELDS: dict[str, frozenset[str]] = {
    "switch-side": frozenset(_MOVE), "defect": frozenset(_MOVE),
    "leave-party": frozenset({*_MOVE, "to_party"}), "join-party": frozenset({*_MOVE, "from_party"}),
    "split": frozenset({*_MOVE, "new_party"}), "merge": frozenset({"parties", "into", "new_party"}),
    "resign": _VACATE, "death": _VACATE, "disqualify": _VACATE, "vacate": _VACATE,
    "by-election": _FILL, "fill-seat": _FILL, "government-change": frozenset(),
    **{kind: frozenset({"party", "members", "effect"}) for kind in PROCEDURAL_KINDS},
}
"""The fields of an event each kind reads, besides its date, words, sources and who (``by``): a field only
another kind reads would do nothing, so a file giving it is refused (``into`` on a join-party)."""

#: What each kind of event is called in a table a reader sees (reports, pages, the command line).
KIND_LABELS: dict[str, str] = {
    "switch-side": "Changed sides",
    "defect": "Crossed the floor",
    "leave-party": "Left a party",
    "join-party": "Joined a party",
    "split": "Party split",
    "merge": "Parties merged",
    "resign": "Resignation",
    "death": "Death",
    "disqualify": "Disqualification",
    "vacate": "Seat vacated",
    "by-election": "By-election",
    "fill-seat": "Seat filled",
    "government-change": "Change of government",
    "motion-filed": "Motion filed",
    "requisition": "Requisition",
    "session-summoned": "Session summoned",
    "motion-moved": "Motion moved",
    "ruling": "Ruling",
    "court-order": "Court order",
    "vote": "Vote",
    "pm-election": "Election of the prime minister",
    "dissolution": "Dissolution",
    "statement": "Statement",
    "resignation-offered": "Resignation offered",
    "presiding-officer": "Presiding officer",
    "defection-reference": "Defection reference",
}


def gone_to(one: bool, joined: str, name: Callable[[str], str]) -> str:
    """Where members who left a party went, in words: ``as an independent`` (one member), ``as independents``,
    or ``for`` the party joined (named by ``name``)."""
    if joined != INDEPENDENT:
        return f"for {name(joined)}"
    return "as an independent" if one else "as independents"


def kind_label(kind: str) -> str:
    """``"defect"`` -> ``"Crossed the floor"``; a kind without a label reads as words (``"party-ban"`` ->
    ``"Party ban"``)."""
    return KIND_LABELS.get(kind) or kind.replace("-", " ").capitalize()


@dataclass(frozen=True, slots=True)
class NewParty:
    """A party created by a split or a merger."""

    id: str
    name: str
    colour: str | None = None
    side: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One dated entry in the log.

    ``seats`` (a count) and ``members`` (named ids) say how many move; neither means the whole party.
    ``origin`` is an opaque label of where the event was read (a file and line), used in errors: a
    :class:`~whipcount.model.place.Place` where it is found only when shown.
    """

    date: dt.date
    kind: str
    party: str | None = None
    to: str | None = None
    seats: int | None = None
    members: tuple[str, ...] = ()
    to_party: str | None = None
    from_party: str | None = None
    from_side: str | None = None
    new_party: NewParty | None = None
    parties: tuple[str, ...] = ()
    into: str | None = None
    effect: str | None = None
    by: str | None = None
    summary: str = ""
    sources: tuple[Source, ...] = ()
    verified: bool = True
    note: str | None = None
    origin: str | Place | None = None
    extras: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        """Check what the event says of itself when it is made, naming it and the field: its date, a known
        kind (the nearest named), a whole number of seats that is not negative. What needs the rest of the
        log (an unknown party, more seats than a party holds) is checked when it is replayed."""
        plain_counts(self, "seats")
        plain_dates(self, "date")
        if self.kind not in EVENT_KINDS:  # where it was read is found only for an error
            check_option(self.kind, EVENT_KINDS, f"{self.where}: kind", EventError)
        if self.seats is not None and self.seats < 0:
            raise EventError(f"{self.where}: seats: expected a number of seats, 0 or more, got {self.seats}")

    @property
    def seat_count(self) -> int | None:
        """How many seats the event moves: its named members, else ``seats``, else 1 for a kind in
        :data:`ONE_SEAT_KINDS`; None for a whole party (a switch-side or defect without a count, a merger,
        a change of government) or a split that gives no count (refused when it is replayed)."""
        if self.members:
            return len(self.members)
        if self.seats is not None:
            return self.seats
        return 1 if self.kind in ONE_SEAT_KINDS else None

    @property
    def changes_seats(self) -> bool:
        """True for events that move, vacate or fill seats."""
        return self.kind in SEAT_KINDS

    @property
    def where(self) -> str:
        """``origin`` or a description by date and kind, for error messages."""
        return str(self.origin) if self.origin else f"event {self.kind} on {self.date.isoformat()}"

    def seats_went_to(self, party: str) -> str | None:
        """The party this event gives ``party``'s seats to: the party a merger goes into, the new party of a
        split, the party members leave for (the independents by default) or join; None where it gives them
        to no party (a seat vacated) or does not take them."""
        if self.kind == "merge" and party in self.parties:
            into = self.into or (self.new_party.id if self.new_party else None)
            return into if into != party else None
        if self.kind == "split" and party == self.party:
            return self.new_party.id if self.new_party else None
        if self.kind == "leave-party" and party == self.party:
            return self.to_party or INDEPENDENT
        if self.kind == "join-party" and party == self.from_party:
            return self.party
        return None

    def describe(self, names: Mapping[str, str] | None = None) -> str:
        """A short plain-English line: what moved and how many seats (the ``summary`` when there is one).

        ``names`` maps party and member ids to what a reader knows them by
        (:attr:`whipcount.model.Scenario.names`); an id it does not know is written as it is.
        """
        if self.summary:
            return self.summary
        known = names or {}

        def name(ident: str) -> str:
            return known.get(ident, ident)

        who = name(self.party) if self.party else ", ".join(map(name, self.parties))
        n = f"{self.seat_count} of " if self.seat_count is not None else ""  # a count, given or the kind's 1
        if self.members:
            n = f"{', '.join(map(name, self.members))} of "
        if self.kind in ("switch-side", "defect"):
            return f"{n}{who} to the {self.to}"
        if self.kind in VACATING_KINDS:
            return f"{n or '1 of '}{who}: seat vacated ({self.kind})"
        if self.kind in FILLING_KINDS and self.members:  # named as the members who leave a seat are
            return f"{n}{who}: seat filled ({self.kind})"
        if self.kind in FILLING_KINDS:
            return f"{self.seat_count} seat(s) filled for {who}"
        one = self.seat_count == 1  # one member moves: "leaves", "as an independent"
        if self.kind == "merge":
            return f"{who} {'merge' if len(self.parties) > 1 else 'merges'} into {name(self.into or '')}"
        if self.kind == "government-change":
            return "change of government: the government and the opposition swap sides"
        if self.kind == "split":
            np = self.new_party.name if self.new_party else "a new party"
            return f"{n}{who} split off as {np}"
        if self.kind == "leave-party":  # as independents, unless to another party
            joined = self.to_party or INDEPENDENT
            return f"{n}{who} {'leaves' if one else 'leave'} the party {gone_to(one, joined, name)}"
        if self.kind == "join-party":  # `party` is the party joined; the members come from `from_party`
            verb = "joins" if one else "join"
            if self.members and self.from_party is None:  # each from the party they sit in
                return f"{', '.join(map(name, self.members))} {verb} {who}"
            return f"{n}{name(self.from_party or INDEPENDENT)} {verb} {who}"
        return f"{self.kind.replace('-', ' ')}{': ' + self.effect if self.effect else ''}"


def seats_trail(events: Sequence[Event], party: str, held: Collection[str]) -> tuple[Event | None, list[str]]:
    """The last of ``events`` naming ``party``, and the parties its seats went to from there: the party that
    event gave them to, then, while that one holds no seats either (``held``: the parties that hold some),
    the party its own last event gave them to (C merged into B, B later into D: ``[B, D]``)."""
    def last(p: str) -> Event | None:
        return next((e for e in reversed(events) if p in (e.party, e.into, e.from_party, *e.parties)), None)

    first = event = last(party)
    trail: list[str] = []
    while event is not None and (to := event.seats_went_to(trail[-1] if trail else party)) is not None:
        if to in trail or to == party:
            break
        trail.append(to)
        event = None if to in held else last(to)
    return first, trail
