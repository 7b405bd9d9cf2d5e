"""Writing a scenario as CSV: a term CSV (one row per membership) or a seat table (one row per party and side)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

from whipcount.errors import InputError
from whipcount.io.csv_cells import IDENTIFIER_PREFIX, safe_cell
from whipcount.io.popolo_export import export_popolo
from whipcount.model import Chamber, Member, Party, Scenario

TERM_COLUMNS = (
    "id", "name", "sort_name", "email", "twitter", "facebook", "group", "group_id", "area_id", "area",
    "chamber", "term", "start_date", "end_date", "image", "gender", "wikidata", "side",
)
"""EveryPolitician's columns, and ``side``: the side a membership sits on where it is not its party's (a
member who crossed the floor, a party that changed sides), as the Popolo export's ``extras.side``."""
SEAT_COLUMNS = ("party", "name", "short", "seats", "side", "colour", "wikidata", "parlgov", "left_right",
                "seats_total", "chamber_name", "seats_as_of")


def _csv_text(header: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return out.getvalue()


def term_csv(scenario: Scenario, on: dt.date | None = None) -> str:
    """An EveryPolitician-style term CSV: one row per membership (only those held on ``on`` if given, each
    with no ``end_date``: the file holds that day's seats, not the changes after it).

    A membership that began before the chamber's ``as_of`` date has an empty ``start_date``: the scenario
    does not know when it began.
    """
    bundle = export_popolo(scenario)
    persons = {p["id"]: p for p in bundle["persons"]}
    orgs = {o["id"]: o for o in bundle["organizations"]}
    posts = {p["id"]: p for p in bundle["posts"]}
    areas = {a["id"]: a for a in bundle["areas"]}
    schemes: dict[str, None] = {}  # identifier columns, in order of first appearance
    for person in bundle["persons"]:
        for ident in person.get("identifiers", []):
            if ident["scheme"] not in ("wikidata", "ep"):
                schemes.setdefault(ident["scheme"])
    # every row says its side: a membership from the as_of date sits where the replay seats it (its party's
    # side unless the member's own), so that the parties' sides come back from the file alone
    first = {ms.id: ms.side for ms in scenario.state(scenario.chamber.as_of).members if ms.seated}
    rows: list[dict[str, Any]] = []
    for m in bundle["memberships"]:
        start = dt.date.fromisoformat(m["start_date"]) if "start_date" in m else None
        end = dt.date.fromisoformat(m["end_date"]) if "end_date" in m else None
        if on is not None and ((start is not None and start > on) or (end is not None and end <= on)):
            continue
        person = persons[m["person_id"]]
        group = m.get("on_behalf_of_id")
        area = areas[posts[m["post_id"]]["area_id"]] if "post_id" in m else None
        idents = {i["scheme"]: i["identifier"] for i in person.get("identifiers", [])}
        rows.append({
            "id": idents.get("ep", person["id"]), "name": person["name"],
            "group": orgs[group]["name"] if group else "",
            "group_id": group or "", "area_id": area["id"] if area else "", "area": area["name"] if area else "",
            "chamber": scenario.chamber.name, "start_date": m.get("start_date", ""),
            # on one day's file, a membership held that day has no end: the one that follows it is not in
            # the file, so its end would be read back as a vacancy that never was
            "end_date": m.get("end_date", "") if on is None else "", "wikidata": idents.get("wikidata", ""),
            "side": m.get("extras", {}).get("side") or first.get(m["person_id"]) or "",
            **{IDENTIFIER_PREFIX + k: idents.get(k, "") for k in schemes},
        })
    return _csv_text(TERM_COLUMNS + tuple(IDENTIFIER_PREFIX + k for k in schemes), rows)


def seat_csv(scenario: Scenario, on: dt.date | None = None) -> str:
    """A seat table on ``on`` (default: the chamber's ``as_of`` date): one row per party and side."""
    state = scenario.state(on or scenario.chamber.as_of)
    by_id = {p.id: p for p in scenario.parties}
    order = {pid: i for i, pid in enumerate(by_id)}
    schemes = dict.fromkeys(scheme for p in scenario.parties for scheme, _ in p.identifiers
                            if scheme not in ("wikidata", "parlgov"))
    rows: list[dict[str, Any]] = []
    for p in sorted(state.parties, key=lambda p: order.get(p.id, len(order))):  # the scenario's order
        base = by_id.get(p.id)
        idents = dict(base.identifiers) if base else {}
        row = {"party": p.id, "name": p.name, "short": p.short, "colour": p.colour, "wikidata": p.wikidata,
               "parlgov": base.parlgov if base else None, "left_right": p.left_right,
               **{IDENTIFIER_PREFIX + k: idents.get(k) for k in schemes}}
        # by_side lists only the sides the party has seats on: a party without seats gets one row of 0
        blocks = list(p.by_side) or [(p.side, 0)]
        for side, n in blocks:
            rows.append({**row, "seats": n, "side": side, "seats_total": state.seats,
                         "chamber_name": scenario.chamber.name, "seats_as_of": state.date.isoformat()})
    return _csv_text(SEAT_COLUMNS + tuple(IDENTIFIER_PREFIX + k for k in schemes), rows)


def members_cover(scenario: Scenario, on: dt.date | None = None) -> tuple[int, int]:
    """(seats held by named members, seats held) on ``on``: a term CSV keeps only the former."""
    state = scenario.state(on)
    held = state.seats - state.vacancies
    named = sum(1 for m in state.members if m.seated) if scenario.members else 0
    return named, held


def _kind(scenario: Scenario, kind: str | None, on: dt.date | None) -> str:
    """The kind of CSV to write: as asked, else a term CSV only when the named members hold every seat."""
    if kind is None:
        named, held = members_cover(scenario, on)
        kind = "members" if scenario.members and named >= held else "seats"
    return kind


def export_csv(scenario: Scenario, kind: str | None = None, on: dt.date | None = None) -> str:
    """``members`` (a term CSV) or ``seats`` (a seat table). The default is the term CSV only when the named
    members hold every seat; otherwise the seat table, so a re-import gives back the whole chamber."""
    kind = _kind(scenario, kind, on)
    writers: dict[str, Callable[[Scenario, dt.date | None], str]] = {"members": term_csv, "seats": seat_csv}
    if kind not in writers:
        raise InputError(f"--kind: expected members or seats, got {kind!r}")
    if kind == "members" and not scenario.members:
        raise InputError(f"{scenario.id}: has no named members to write as a term CSV (use --kind seats)")
    return writers[kind](scenario, on)


def csv_leaves_out(scenario: Scenario, kind: str | None = None, on: dt.date | None = None) -> str | None:
    """What the CSV :func:`export_csv` writes cannot hold, as a warning; None when it holds everything but
    the rules (which ``import csv --rules`` gives back). A CSV carries who sits where, never a motion: its
    divisions and the whip count are left out, so a scenario read back from it has no outcome to judge."""
    kind = _kind(scenario, kind, on)
    divisions = sum(1 for m in scenario.motions if m.division is not None)
    items = []
    if scenario.motions:
        items.append(f"{len(scenario.motions)} motion(s) with {divisions} recorded division(s)")
    if scenario.stances:
        items.append(f"{len(scenario.stances)} whip-count entr{'y' if len(scenario.stances) == 1 else 'ies'}")
    events = scenario.events if kind == "seats" else [e for e in scenario.events if not e.changes_seats]
    if events:
        items.append(f"{len(events)} event(s) of the log" if kind == "seats" else
                     f"{len(events)} procedural event(s) of the log")
    if kind == "members":
        # a term CSV has no column for them: read back, the seats would hold from the earliest start_date
        # and the chamber would be as large as the seats held then, its vacancies lost
        day = on or scenario.chamber.as_of
        items.append(f"the chamber's size and the day its seats hold (read it back with --seats "
                     f"{scenario.state(day).seats} --as-of {day.isoformat()})")
        later = sum(1 for e in scenario.events if e.changes_seats and on is not None and e.date > on)
        if later:
            items.append(f"{later} seat change(s) after {day.isoformat()}")
    items += _details_left_out(scenario, kind)
    if not items:
        return None
    holds = "the members' seats" if kind == "members" else "the seats on one day"
    return (f"{scenario.id}: a CSV holds {holds} only; left out: {', '.join(items)} "
            "(`whipcount export popolo` keeps everything)")


def _details_left_out(scenario: Scenario, kind: str) -> list[str]:
    """What neither CSV has a column for: the named members (in a seat table), the parties' own fields (in a
    term CSV, which names a party by its name and id only), and the notes, sources and unverified marks of
    the chamber, parties and members, the key dates and the scenario's description and sources."""
    items = []
    if kind == "seats" and scenario.members:
        items.append(f"{len(scenario.members)} named member(s)")
    if kind == "members":
        detailed = sum(1 for p in scenario.parties if p.colour or p.short or p.wikidata or p.parlgov is not None
                       or p.left_right is not None or p.identifiers)
        if detailed:
            items.append(f"the colour, short name, left-right place or ids of {detailed} part(ies)")
    things: tuple[Chamber | Party | Member, ...] = (
        scenario.chamber, *scenario.parties, *(scenario.members if kind == "members" else ()))
    counts = {"source(s)": sum(len(t.sources) for t in things) + len(scenario.sources),
              "note(s)": sum(1 for t in things if t.note),
              "unverified mark(s)": sum(1 for t in things if not t.verified) + len(scenario.unverified),
              "key date(s)": len(scenario.key_dates)}
    items += [f"{n} {what}" for what, n in counts.items() if n]
    if scenario.description:
        items.append("the description")
    return items
