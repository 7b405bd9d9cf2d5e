"""What the timeline's label of a seat move says: who moved, and where, in the words the event log uses
(:meth:`~whipcount.model.Event.describe`, :func:`~whipcount.model.events.kind_label`).

Members an event names are named (``Ann Example to the government (+1)``), not the party they sit in; a
member who left a party is said to have left it (``Wilhelm Helms leaves FDP as an independent (opposition
+1)``), not written as the party ``independent`` moving; members who sit without a party are
``Independents``.
"""

from __future__ import annotations

from whipcount.model import INDEPENDENT, Event
from whipcount.model.events import FILLING_KINDS, gone_to, kind_label

__all__ = ["move_label", "party_name"]


def party_name(party: str | None, names: dict[str, str]) -> str:
    """A party as a label names it (its label, ``Independents`` for the members without one)."""
    if not party:
        return ""
    return names.get(party) or ("Independents" if party == INDEPENDENT else party)


def _mover(ev: Event, names: dict[str, str]) -> str:
    """Who an event moves: its members by name (two, then how many others), else its party."""
    if not ev.members:
        return party_name(ev.party, names)
    named = [names.get(m, m) for m in ev.members]
    return " and ".join(named) if len(named) <= 2 else f"{named[0]}, {named[1]} and {len(named) - 2} others"


def _leaver(ev: Event, names: dict[str, str]) -> str:
    """A leave-party in words: who left which party, for which (or as independents)."""
    party = party_name(ev.party, names)
    one = ev.seat_count == 1  # its members named, or its seats
    who = f"{_mover(ev, names)} {'leaves' if one else 'leave'} {party}" if ev.members else \
        f"{ev.seat_count} of {party} {'leaves' if one else 'leave'} the party"
    return f"{who} {gone_to(one, ev.to_party or INDEPENDENT, lambda p: party_name(p, names))}"


def _joiners(ev: Event, names: dict[str, str]) -> str:
    """Who moved in a join-party: its ``from_party`` (independents by default), or members named from the
    parties they sat in."""
    if ev.from_party is not None:
        return party_name(ev.from_party, names)
    return "Members" if ev.members else "Independents"


def move_label(ev: Event, names: dict[str, str], side: str, moved: int, lost: int) -> str:
    """The label of a seat move that put ``moved`` seats on ``side`` (its largest gain) and took ``lost``
    from the side that lost most."""
    who = party_name(ev.party, names)
    if moved > 0 and who and ev.kind in FILLING_KINDS:
        verb = "wins" if ev.kind == "by-election" else "fills"
        return f"{who} {verb} {moved} seat{'s' if moved > 1 else ''} ({side})"
    if moved > 0 and ev.kind == "join-party":  # `party` is the party joined, not the one that moved
        return f"{moved} of {_joiners(ev, names)} join {who} ({side})"
    if moved > 0 and ev.kind == "leave-party":
        return f"{_leaver(ev, names)} ({side} +{moved})"
    if moved > 0 and who:
        return f"{_mover(ev, names)} to the {side} (+{moved})"
    if lost > 0:
        return f"{who or 'Seats'}: {lost} seat{'s' if lost > 1 else ''} vacated"
    return f"{kind_label(ev.kind)}: {who}".rstrip(": ")
