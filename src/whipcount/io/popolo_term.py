"""The legislative period of a Popolo bundle (an ``events`` entry, ``classification: legislative period``, which
memberships name by ``legislative_period_id``) as the scenario's ``chamber.term``, and that term written back
as the bundle's event.

A bundle whipcount wrote carries the term whole in the chamber's ``extras.term``; another publisher's gives the
period whose memberships are read: its id, name, dates given to the day and sources become the term."""

from __future__ import annotations

from typing import TYPE_CHECKING

from whipcount.io.interchange_base import parse_partial_date
from whipcount.io.popolo_sources import popolo_sources
from whipcount.io.writer import term_to_dict

if TYPE_CHECKING:
    from whipcount.io.interchange_base import Data, Loc, _Reader
    from whipcount.io.popolo_chamber import Paths
    from whipcount.model import Scenario

__all__ = ["PERIOD", "TERM_FIELDS", "period_event", "term_read"]

PERIOD = "legislative period"
"""Popolo's classification of the event a term is."""

TERM_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "start": ("start_date",), "end": ("end_date",),
                               "sources": ("sources",)}
"""The term's fields as the period's event spells them."""


def term_read(r: _Reader, periods: frozenset[str], paths: Paths) -> Data | None:
    """The term of the one period whose memberships are read (``periods``), or None: its id, name, the dates it
    gives to the day (a date of a year or a month is no day the term began or ended: left out, with a
    warning) and its sources; ``paths`` learns where the term was read."""
    if len(periods) != 1:
        return None
    found = [(k, e) for k, e in enumerate(r.bundle.events) if e.id in periods]
    if not found:
        return None
    k, event = found[0]
    term: Data = {"id": event.id}
    if event.name:
        term["name"] = event.name
    for key, field in (("start", "start_date"), ("end", "end_date")):
        text = getattr(event, field)
        if not text:
            continue
        try:
            day, precision = parse_partial_date(text)
        except ValueError as exc:
            raise r.fail(("events", k, field), str(exc)) from None
        if precision == "day":
            term[key] = day
        else:
            r.warnings.append(f"{r.at(('events', k, field))}: {text!r} has {precision} precision: the "
                              f"term keeps no {key} date")
    sources = popolo_sources(event)
    if sources:
        term["sources"] = sources
    paths[("chamber", "term")] = (("events", k), TERM_FIELDS)
    return term


def period_event(scenario: Scenario, chamber_id: str) -> Data:
    """The scenario's term as Popolo's legislative period of the chamber ``chamber_id``; a scenario that gives
    none is in one all the same, the term in session on the chamber's ``as_of`` date, of no known dates."""
    c = scenario.chamber
    term = term_to_dict(scenario.extras)
    if term is None:
        return {"id": f"{chamber_id}-term", "name": f"{c.name}: the term in session on {c.as_of.isoformat()}",
                "classification": PERIOD, "organization_id": chamber_id}
    event: Data = {"id": term["id"], "name": term.get("name") or f"{c.name}: term {term['id']}",
                   "classification": PERIOD, "organization_id": chamber_id}
    for key, field in (("start", "start_date"), ("end", "end_date")):
        if key in term:
            event[field] = term[key].isoformat()
    kept = scenario.extras.get("term")
    urls = [s["url"] for s in kept.get("sources") or ()] if isinstance(kept, dict) else []  # the loader's
    if urls:
        event["sources"] = [{"url": u} for u in dict.fromkeys(urls)]
    return event
