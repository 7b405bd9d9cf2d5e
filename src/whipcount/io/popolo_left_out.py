"""What a Popolo bundle holds that whipcount does not keep, said in one warning a kind of object.

Publishers put more in a bundle than a scenario has room for: a person's ``birth_date``, ``gender``,
``contact_details`` and ``images``, a vote event's published ``result``, whole collections such as
``speeches``. whipcount reads what it models and leaves the rest, and says so, so that nothing is dropped
without a word: ``ep.json:2: persons: fields whipcount does not keep, left out: birth_date (412 of 450),
gender (450 of 450)``. Memberships of an organization that is neither the chamber nor a party (a committee)
are left out with a warning too. The Open Civic Data reader names what a vote event holds beyond its
division the same way (:func:`fields_left_out`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel

from whipcount.io.interchange_base import _Reader
from whipcount.io.popolo_sources import READ_FROM, source_notes_left_out

__all__ = ["fields_left_out", "left_out_warnings"]

KEPT: dict[str, frozenset[str]] = {
    "persons": frozenset({"id", "name", "identifiers", "extras"}),
    "organizations": frozenset({"id", "name", "classification", "other_names", "identifiers", "extras", "seats"}),
    "memberships": frozenset({"person_id", "organization_id", "on_behalf_of_id", "post_id", "area_id",
                              "legislative_period_id", "start_date", "end_date", "extras"}),
    "areas": frozenset({"id", "name", "type"}),
    "posts": frozenset({"id", "label", "organization_id", "area_id", "role"}),
    "events": frozenset({"id", "name", "classification", "start_date", "end_date", "organization_id"}),
    "motions": frozenset({"id", "organization_id", "text", "classification", "date", "extras"}),
    "vote_events": frozenset({"id", "motion_id", "organization_id", "start_date", "counts", "votes", "extras"}),
}
"""The fields of each kind of object whipcount reads (or writes again from what it reads)."""

def _names_left_out(names: list[Any]) -> bool:
    """A party's other names hold more than the one abbreviation whipcount keeps as its short name."""
    abbreviations = [n for n in names if (n.note or "").lower() == "abbreviation"]
    return len(names) > min(len(abbreviations), 1)


def _left_out(kind: str, key: str, value: Any, item: Any = None, periods: frozenset[str] = frozenset()) -> bool:
    """Whether the field ``key`` of an object of ``kind`` holds something the scenario does not keep (the sources
    of a legislative period are kept, as the chamber's, for the ``periods`` whose memberships are read)."""
    if _empty(value):
        return False
    if kind == "memberships" and key == "role":  # a seat's role says nothing the scenario does not
        return bool(value != "member")
    if kind == "organizations" and key == "other_names":
        return _names_left_out(value)
    if key == "sources" and kind in READ_FROM:  # kept as the member's, party's or chamber's (their notes: below)
        return False
    if key == "sources" and kind == "events" and getattr(item, "id", None) in periods:
        return False
    return key not in KEPT[kind]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _fields(item: BaseModel) -> dict[str, Any]:
    """The fields the file gives an object (those it leaves out are not counted)."""
    declared = type(item).model_fields  # named as the file spells them (an OCD vote's _id)
    given = {declared[k].alias or k: getattr(item, k) for k in item.model_fields_set if k in declared}
    return given | dict(item.model_extra or {})


def _collection(r: _Reader, kind: str, items: Sequence[BaseModel], periods: frozenset[str]) -> str | None:
    return fields_left_out(r, (kind,), items, lambda key, value, item: _left_out(kind, key, value, item, periods))


def fields_left_out(r: _Reader, loc: tuple[str, ...], items: Sequence[BaseModel],
                    left_out: Callable[[str, Any, BaseModel], bool]) -> str | None:
    """One warning naming the fields of ``items`` (the objects at ``loc``) that ``left_out`` says the scenario
    does not keep (given the field, its value and the object), each with how many of the objects give it; None
    when nothing is left out."""
    counts: Counter[str] = Counter()
    for item in items:
        for key, value in _fields(item).items():
            if not _empty(value) and left_out(key, value, item):
                counts[key] += 1
    if not counts:
        return None
    fields = ", ".join(f"{k} ({n:,} of {len(items):,})" for k, n in sorted(counts.items()))
    return f"{r.at(loc)}: fields whipcount does not keep, left out: {fields}"


def _other_organizations(r: _Reader, chamber: str, parties: set[str]) -> str | None:
    """Memberships of an organization that is neither the chamber nor a party (a committee, a government)."""
    counts = Counter(m.organization_id for m in r.bundle.memberships
                     if m.organization_id != chamber and m.organization_id not in parties)
    if not counts:
        return None
    named = [(o, n) for o, n in counts.most_common() if o is not None]
    orgs = [f"{o!r} ({n:,})" for o, n in named[:5]] + (["..."] if len(named) > 5 else [])
    if None in counts:
        orgs.append(f"no organization_id ({counts[None]:,})")
    return (f"{r.at(('memberships',))}: {counts.total():,} membership(s) of an organization that is neither "
            f"the chamber nor a party, left out: {', '.join(orgs)}")


def left_out_warnings(r: _Reader, chamber: str, periods: frozenset[str] = frozenset()) -> list[str]:
    """One warning for each kind of object with fields whipcount does not keep, one for the bundle's own
    keys it does not read, and one for memberships of organizations other than the chamber and parties
    (``periods``: the legislative periods whose memberships are read, their sources kept)."""
    b = r.bundle
    out = [_collection(r, kind, getattr(b, kind), periods) for kind in KEPT]
    top = sorted(k for k, v in (b.model_extra or {}).items() if not _empty(v))
    if top:
        out.append(f"{r.name}: keys whipcount does not read, left out: {', '.join(top)}")
    parties = {o.id for o in b.organizations if (o.classification or "party").lower() == "party"}
    out.append(_other_organizations(r, chamber, parties))
    out.append(_party_memberships(r, parties))
    out.extend(source_notes_left_out(r, periods))
    return [w for w in out if w is not None]


def _party_memberships(r: _Reader, parties: set[str]) -> str | None:
    """Memberships of a party itself (``organization_id`` a party, as Popolo allows): a member's party is
    read from a membership of the chamber, ``on_behalf_of_id``, so these are named as left out."""
    counts = Counter(m.organization_id for m in r.bundle.memberships if m.organization_id in parties)
    if not counts:
        return None
    named = [f"{o!r} ({n:,})" for o, n in counts.most_common(5)] + (["..."] if len(counts) > 5 else [])
    return (f"{r.at(('memberships',))}: {counts.total():,} membership(s) of a party itself, left out (a member's "
            f"party is read from a membership of the chamber, its on_behalf_of_id): {', '.join(named)}")
