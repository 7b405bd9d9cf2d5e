"""CSV in and out: EveryPolitician term CSVs (one row per membership), seat tables and ParlGov tables.

Three shapes are read, told apart by their header:

* a **term CSV** as EveryPolitician publishes it (``id, name, sort_name, email, twitter, facebook,
  group, group_id, area_id, area, chamber, term, start_date, end_date, image, gender, wikidata,
  identifier__SCHEME ...``):
  each row is one membership; it is read as a Popolo bundle (persons, parties, memberships, areas), so
  members who leave, arrive or change group mid-term become events, as in :mod:`whipcount.io.popolo`;
* a **seat table**: ``party, seats, side`` and optionally ``name, short, colour, wikidata, parlgov,
  left_right`` and ``identifier__SCHEME`` columns; a party split between sides takes one row per side;
* a **ParlGov** ``view_election`` table (``party_id, party_name_short, party_name_english, seats,
  left_right, election_date, ...``): ``party_id`` is kept as the party's ParlGov id.

Errors name the file, the line and the column: ``members.csv:7: column 'group_id': ...``.
Written CSVs are the same shapes (a term CSV when the scenario has members, a seat table otherwise).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whipcount.errors import InputError, InterchangeError, ScenarioError
from whipcount.io.interchange_base import _ID, ImportResult, Loc, _Mapped, parse_partial_date, slug
from whipcount.io.popolo import import_popolo
from whipcount.io.popolo_export import export_popolo
from whipcount.io.scenario import parse_scenario
from whipcount.io.scenario_schema import identifier_problem, scheme_problem
from whipcount.io.yamlsource import format_loc
from whipcount.model import Scenario

__all__ = [
    "SEAT_COLUMNS",
    "TERM_COLUMNS",
    "export_csv",
    "import_csv",
    "read_csv",
    "seat_csv",
    "term_csv",
]

TERM_COLUMNS = (
    "id", "name", "sort_name", "email", "twitter", "facebook", "group", "group_id", "area_id", "area",
    "chamber", "term", "start_date", "end_date", "image", "gender", "wikidata",
)
SEAT_COLUMNS = ("party", "name", "short", "seats", "side", "colour", "wikidata", "parlgov", "left_right",
                "seats_total")
IDENTIFIER_PREFIX = "identifier__"  # EveryPolitician's column for an id in another scheme: identifier__parlparse


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


def _rows(text: str, name: str) -> tuple[list[str], list[_Row]]:
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise InterchangeError(f"{name}: the file is empty (expected a header row)") from None
    except csv.Error as exc:
        raise InterchangeError(f"{name}:1: not valid CSV: {exc}") from None
    seen: set[str] = set()
    for h in header:
        if h in seen and h:
            raise InterchangeError(f"{name}:1: column {h!r} appears twice in the header")
        seen.add(h)
    rows: list[_Row] = []
    line = 1
    try:
        for cells in reader:
            start = line + 1
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise InterchangeError(
                    f"{name}:{start}: {len(cells)} cells but the header has {len(header)} columns"
                )
            rows.append(_Row(start, dict(zip(header, cells, strict=False))))
    except csv.Error as exc:
        raise InterchangeError(f"{name}:{reader.line_num}: not valid CSV: {exc}") from None
    return header, rows


def _kind(header: list[str], name: str) -> str:
    cols = set(header)
    if "party_name_short" in cols and "party_id" in cols:
        return "parlgov"
    if {"id", "name"} <= cols and ({"group_id", "group"} & cols):
        return "term"
    if {"party", "seats"} <= cols:
        return "seats"
    raise InterchangeError(
        f"{name}:1: not a CSV whipcount reads: expected a term CSV (id, name, group_id, ...), "
        f"a seat table (party, seats, side) or a ParlGov table (party_id, party_name_short, seats); "
        f"found columns {', '.join(header)}"
    )


def read_csv(path: str | Path, **options: Any) -> ImportResult:
    """Read a term CSV, seat table or ParlGov table (see :func:`import_csv` for the options)."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a directory, expected a CSV file") from None
    except UnicodeDecodeError as exc:
        raise InterchangeError(f"{p}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return import_csv(text, str(p), **options)


def import_csv(
    text: str,
    name: str = "table.csv",
    *,
    rules: str | None = None,
    chamber_name: str | None = None,
    seats: int | None = None,
    as_of: dt.date | None = None,
    term: str | None = None,
    sides: dict[str, str] | None = None,
    default_side: str = "other",
    scenario_id: str | None = None,
    strict: bool = False,
) -> ImportResult:
    """A Scenario from CSV text. ``rules`` is required (a CSV does not say which constitution applies);
    a seat table or a ParlGov table needs ``as_of`` unless it has an ``election_date`` column."""
    header, rows = _rows(text, name)
    formula_notes = _unescape_formulas(rows, name)
    kind = _kind(header, name)
    if rules is None:
        raise InterchangeError(f"{name}: the chamber's rules profile is not in a CSV; give --rules (for example pk-na)")
    if kind == "term":
        result = _import_term(rows, header, name, rules=rules, chamber_name=chamber_name, seats=seats,
                              as_of=as_of, term=term, sides=sides or {}, default_side=default_side,
                              scenario_id=scenario_id)
    else:
        result = _import_seats(rows, header, name, kind, rules=rules, chamber_name=chamber_name, seats=seats,
                               as_of=as_of, sides=sides or {}, default_side=default_side, scenario_id=scenario_id)
    if formula_notes:
        result = dataclasses.replace(result, warnings=(*result.warnings, *formula_notes))
    if strict and result.warnings:
        raise InterchangeError(f"{result.warnings[0]} (--strict; {len(result.warnings)} warning(s) in all)")
    return result


# -- term CSVs -----------------------------------------------------------------------------------------

_MEMBERSHIP_COLUMNS = {"person_id": "id", "on_behalf_of_id": "group_id", "organization_id": "chamber",
                       "area_id": "area_id", "start_date": "start_date", "end_date": "end_date",
                       "legislative_period_id": "term"}
_PERSON_COLUMNS = {"id": "id", "name": "name", "identifiers": "wikidata"}
_ORG_COLUMNS = {"id": "group_id", "name": "group"}


def _identifier_columns(header: list[str], name: str) -> dict[str, str]:
    """Scheme → column: ``wikidata`` and every ``identifier__SCHEME`` column (scheme read in lower case)."""
    out: dict[str, str] = {}
    for column in header:
        if column == "wikidata":
            scheme = "wikidata"
        elif column.startswith(IDENTIFIER_PREFIX):
            scheme = column.removeprefix(IDENTIFIER_PREFIX).strip().lower()
        else:
            continue
        problem = scheme_problem(scheme)
        if problem is not None:
            raise InterchangeError(f"{name}:1: column {column!r}: {problem}")
        if scheme in out:
            raise InterchangeError(f"{name}:1: columns {out[scheme]!r} and {column!r} both give {scheme} ids")
        out[scheme] = column
    return out


def _row_identifiers(name: str, row: _Row, columns: dict[str, str]) -> dict[str, str]:
    """The row's non-empty identifiers, each checked; errors name the line and column."""
    out: dict[str, str] = {}
    for scheme, column in columns.items():
        value = row.get(column)
        if not value:
            continue
        problem = identifier_problem(scheme, value)
        if problem is not None:
            raise InterchangeError(f"{name}:{row.line}: column {column!r}: {problem}")
        out[scheme] = value
    return out


def _import_term(rows: list[_Row], header: list[str], name: str, *, rules: str, chamber_name: str | None,
                 seats: int | None, as_of: dt.date | None, term: str | None, sides: dict[str, str],
                 default_side: str, scenario_id: str | None) -> ImportResult:
    has_group_id = "group_id" in header
    columns = _identifier_columns(header, name)
    idents: list[dict[str, tuple[str, int]]] = []  # per person: scheme → (identifier, line first given)
    persons: list[dict[str, Any]] = []
    person_line: list[int] = []
    person_at: dict[str, int] = {}
    orgs: list[dict[str, Any]] = []
    org_line: list[int] = []
    org_at: dict[str, int] = {}
    areas: dict[str, dict[str, Any]] = {}
    memberships: list[dict[str, Any]] = []
    membership_line: list[int] = []
    chamber_names = {r.get("chamber") for r in rows} - {""}
    cname = chamber_name or (sorted(chamber_names)[0] if len(chamber_names) == 1 else None) or "Legislature"
    chamber_id = "legislature"
    for row in rows:
        pid = row.get("id")
        if not pid:
            raise InterchangeError(f"{name}:{row.line}: column 'id': empty, expected the member's id")
        if not row.get("name"):
            raise InterchangeError(f"{name}:{row.line}: column 'name': empty, expected the member's name")
        if pid not in person_at:
            person: dict[str, Any] = {"id": pid, "name": row.get("name")}
            if row.get("sort_name"):
                person["sort_name"] = row.get("sort_name")
            person_at[pid] = len(persons)
            persons.append(person)
            person_line.append(row.line)
            idents.append({})
            if not (_ID.match(pid) and len(pid) <= 80):  # the member's id will differ: keep this one
                problem = identifier_problem("ep", pid)
                if problem is not None:
                    raise InterchangeError(f"{name}:{row.line}: column 'id': {problem}")
                idents[-1]["ep"] = (pid, row.line)
        elif persons[person_at[pid]]["name"] != row.get("name"):
            raise InterchangeError(f"{name}:{row.line}: column 'name': {row.get('name')!r}, but line "
                                   f"{person_line[person_at[pid]]} names id {pid!r} "
                                   f"{persons[person_at[pid]]['name']!r}")
        known = idents[person_at[pid]]
        for scheme, value in _row_identifiers(name, row, columns).items():
            if scheme == "ep" and value != pid:
                raise InterchangeError(f"{name}:{row.line}: column {columns[scheme]!r}: {value!r}, but column "
                                       f"'id' gives the EveryPolitician id {pid!r}")
            if scheme in known and known[scheme][0] != value:
                raise InterchangeError(f"{name}:{row.line}: column {columns[scheme]!r}: {value!r}, but line "
                                       f"{known[scheme][1]} gives {known[scheme][0]!r} for id {pid!r}")
            known.setdefault(scheme, (value, row.line))
        gid = row.get("group_id") if has_group_id else ""
        group = row.get("group")
        if not gid and not group:
            column = "group_id" if has_group_id else "group"
            raise InterchangeError(f"{name}:{row.line}: column {column!r}: empty, expected the member's "
                                   "party or group (EveryPolitician writes 'independent' for independents)")
        gid = gid or slug(group)
        if gid == chamber_id:
            chamber_id = "legislature-" + chamber_id
        if gid not in org_at:
            org_at[gid] = len(orgs)
            orgs.append({"id": gid, "name": group or gid, "classification": "party"})
            org_line.append(row.line)
        membership: dict[str, Any] = {"person_id": pid, "on_behalf_of_id": gid, "role": "member"}
        area_id = row.get("area_id") or (slug(row.get("area")) if row.get("area") else "")
        if area_id:
            areas.setdefault(area_id, {"id": area_id, "name": row.get("area") or area_id, "type": "constituency"})
            membership["area_id"] = area_id
        for column in ("start_date", "end_date"):
            if row.get(column):
                membership[column] = row.get(column)
        if row.get("term"):
            membership["legislative_period_id"] = row.get("term")
        memberships.append(membership)
        membership_line.append(row.line)
    for m in memberships:
        m["organization_id"] = chamber_id
    for person, found in zip(persons, idents, strict=True):
        if found:
            person["identifiers"] = [{"scheme": k, "identifier": v} for k, (v, _) in found.items()]
    bundle = {
        "persons": persons,
        "organizations": [{"id": chamber_id, "name": cname, "classification": "legislature"}, *orgs],
        "memberships": memberships,
        "areas": list(areas.values()),
    }

    def locate(loc: Loc) -> str:
        head, rest = loc[:2], loc[2:]
        column = None
        if len(head) == 2 and isinstance(head[1], int):
            what, i = head[0], head[1]
            if what == "memberships" and i < len(membership_line):
                line = membership_line[i]
                column = _MEMBERSHIP_COLUMNS.get(str(rest[0])) if rest else None
            elif what == "persons" and i < len(person_line):
                line = person_line[i]
                column = _PERSON_COLUMNS.get(str(rest[0])) if rest else None
            elif what == "organizations" and 0 < i <= len(org_line):
                line = org_line[i - 1]
                column = _ORG_COLUMNS.get(str(rest[0])) if rest else "group_id"
            else:
                return f"{name}: {format_loc(loc)}"
            return f"{name}:{line}: column {column!r}" if column else f"{name}:{line}"
        return f"{name}: {format_loc(loc)}" if loc else name

    return import_popolo(bundle, name, rules=rules, as_of=as_of, seats=seats, chamber=chamber_id, term=term,
                         sides=sides, default_side=default_side, scenario_id=scenario_id or slug(Path(name).stem),
                         locate=locate)


# -- seat tables and ParlGov tables -------------------------------------------------------------------

_SEAT_FIELDS = {"id": "party", "name": "name", "short": "short", "seats": "seats", "side": "side",
                "by_side": "side", "colour": "colour", "wikidata": "wikidata", "parlgov": "parlgov",
                "left_right": "left_right"}
_PARLGOV_FIELDS = {"id": "party_name_short", "name": "party_name_english", "short": "party_name_short",
                   "seats": "seats", "parlgov": "party_id", "left_right": "left_right"}


def _int(name: str, row: _Row, column: str) -> int | None:
    text = row.get(column)
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise InterchangeError(f"{name}:{row.line}: column {column!r}: expected a whole number, got {text!r}") from None
    return value


def _float(name: str, row: _Row, column: str) -> float | None:
    text = row.get(column)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InterchangeError(f"{name}:{row.line}: column {column!r}: expected a number, got {text!r}") from None


def _import_seats(rows: list[_Row], header: list[str], name: str, kind: str, *, rules: str, chamber_name: str | None,
                  seats: int | None, as_of: dt.date | None, sides: dict[str, str], default_side: str,
                  scenario_id: str | None) -> ImportResult:
    warnings: list[str] = []
    if kind == "parlgov" and any(r.get("election_date") for r in rows):
        dates = sorted({r.get("election_date") for r in rows} - {""})
        if as_of is None and len(dates) == 1:
            try:
                as_of = parse_partial_date(dates[0])[0]
            except ValueError as exc:
                raise InterchangeError(f"{name}:{rows[0].line}: column 'election_date': {exc}") from None
        elif as_of is None:
            raise InterchangeError(f"{name}: {len(dates)} elections ({', '.join(dates[:4])}"
                                   f"{', ...' if len(dates) > 4 else ''}); choose one with --as-of")
        rows = [r for r in rows if r.get("election_date") == as_of.isoformat()]
        if not rows:
            raise InterchangeError(f"{name}: no row has election_date {as_of.isoformat()} (--as-of)")
    if as_of is None:
        raise InterchangeError(f"{name}: a seat table does not say on which date its seats hold; give --as-of")
    parties: list[dict[str, Any]] = []
    at: dict[str, int] = {}
    line_of: list[_Row] = []
    fields = _SEAT_FIELDS if kind == "seats" else _PARLGOV_FIELDS
    columns = {scheme: column for scheme, column in _identifier_columns(header, name).items()
               if column.startswith(IDENTIFIER_PREFIX)}  # the wikidata column is read as the party's field
    no_side: list[str] = []
    for row in rows:
        raw_id = row.get("party") if kind == "seats" else row.get("party_name_short")
        id_column = "party" if kind == "seats" else "party_name_short"
        if not raw_id:
            raise InterchangeError(f"{name}:{row.line}: column {id_column!r}: empty, expected the party's id")
        pid = raw_id if _ID.match(raw_id) and len(raw_id) <= 80 else slug(raw_id)
        n = _int(name, row, "seats")
        if n is None:
            raise InterchangeError(f"{name}:{row.line}: column 'seats': empty, expected the party's seats")
        side = row.get("side") or sides.get(pid) or sides.get(raw_id)
        if not side:
            side = default_side
            no_side.append(pid)
        if pid in at:  # a party split between sides: one row per side
            entry = parties[at[pid]]
            by_side = entry.setdefault("by_side", {entry["side"]: entry["seats"]})
            if side in by_side:
                raise InterchangeError(f"{name}:{row.line}: column {id_column!r}: party {raw_id!r} is listed "
                                       f"twice on the {side!r} side (line {line_of[at[pid]].line})")
            by_side[side] = n
            entry["seats"] += n
            if n > by_side[entry["side"]]:
                entry["side"] = side
            continue
        entry = {"id": pid, "name": (row.get("name") if kind == "seats" else
                                     row.get("party_name_english") or row.get("party_name")) or raw_id}
        short = row.get("short") if kind == "seats" else row.get("party_name_short")
        if short:
            entry["short"] = short
        entry["seats"] = n
        entry["side"] = side
        if kind == "seats" and row.get("colour"):
            entry["colour"] = row.get("colour")
        if kind == "seats" and row.get("wikidata"):
            entry["wikidata"] = row.get("wikidata")
        found = _row_identifiers(name, row, columns)
        if found:
            entry["identifiers"] = found
        parlgov = _int(name, row, "parlgov" if kind == "seats" else "party_id")
        if parlgov is not None:
            entry["parlgov"] = parlgov
        left_right = _float(name, row, "left_right")
        if left_right is not None:
            entry["left_right"] = left_right
        at[pid] = len(parties)
        parties.append(entry)
        line_of.append(row)
    if not parties:
        raise InterchangeError(f"{name}: no rows after the header")
    if no_side:
        warnings.append(f"{name}: no side given for {', '.join(dict.fromkeys(no_side))}: put on "
                        f"{default_side!r} (give a side column or --side PARTY=SIDE)")
    held = sum(int(p["seats"]) for p in parties)
    totals = {r.get("seats_total") for r in rows} - {""}
    if len(totals) > 1:
        raise InterchangeError(f"{name}: column 'seats_total': expected one chamber size in every row, "
                               f"got {', '.join(sorted(str(t) for t in totals))}")
    if seats is None and len(totals) == 1:  # a ParlGov table, or a seat table whipcount wrote
        seats = _int(name, next(r for r in rows if r.get("seats_total")), "seats_total")
    if seats is None:
        seats = held
        warnings.append(f"{name}: the chamber's size is not in the table: taken as {seats}, the seats held "
                        "(give --seats)")
    chamber: dict[str, Any] = {"name": chamber_name or "Legislature", "rules": rules, "seats": seats,
                               "as_of": as_of}
    used_sides = {p["side"] for p in parties} | {s for p in parties for s in p.get("by_side", {})}
    standard = ["government", "opposition", "other"]
    chamber["sides"] = standard + sorted(used_sides - set(standard))
    for extra in sorted(used_sides - set(standard)):
        warnings.append(f"{name}: side {extra!r} is not one of {', '.join(standard)}: added to the chamber's sides")
    doc = {"id": scenario_id or slug(Path(name).stem), "title": chamber["name"], "chamber": chamber,
           "parties": parties}

    def locate(loc: Loc) -> str:
        if len(loc) >= 2 and loc[0] == "rows" and isinstance(loc[1], int) and loc[1] < len(line_of):
            line = line_of[loc[1]].line
            column = fields.get(str(loc[2])) if len(loc) > 2 else None
            if len(loc) > 3 and loc[2] == "identifiers":
                column = columns.get(str(loc[3]))
            return f"{name}:{line}: column {column!r}" if column else f"{name}:{line}"
        return f"{name}: {format_loc(loc)}" if loc else name

    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]] = {
        ("parties", i): (("rows", i), None) for i in range(len(parties))
    }
    try:
        scenario = parse_scenario(_Mapped(doc, name, {}, paths, locate), default_id=str(doc["id"]))
    except ScenarioError as exc:
        raise InterchangeError(str(exc)) from None
    return ImportResult(scenario, tuple(warnings))


# -- export --------------------------------------------------------------------------------------------


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


def _safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _unescape_formulas(rows: list[_Row], name: str) -> list[str]:
    """Undo the apostrophe an export puts before formula-like text, and note cells that look like formulas."""
    notes: list[str] = []
    for row in rows:
        for column, cell in row.cells.items():
            if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
                row.cells[column] = cell[1:]
            elif cell.startswith(("=", "@")) or (cell.startswith(("+", "-")) and not _NUMBER.fullmatch(cell)):
                notes.append(f"{name}:{row.line}: column {column!r}: {cell[:20]!r} looks like a spreadsheet formula; "
                             "kept as text (check where the file came from)")
    return notes


_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]*)?")


def _csv_text(header: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return out.getvalue()


def term_csv(scenario: Scenario, on: dt.date | None = None) -> str:
    """An EveryPolitician-style term CSV: one row per membership (only those held on ``on`` if given).

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
            "end_date": m.get("end_date", ""), "wikidata": idents.get("wikidata", ""),
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
        blocks = [(s, n) for s, n in p.by_side if n > 0] or [(p.side, 0)]
        for side, n in blocks:
            rows.append({**row, "seats": n, "side": side, "seats_total": state.seats})
    return _csv_text(SEAT_COLUMNS + tuple(IDENTIFIER_PREFIX + k for k in schemes), rows)


def members_cover(scenario: Scenario, on: dt.date | None = None) -> tuple[int, int]:
    """(seats held by named members, seats held) on ``on``: a term CSV keeps only the former."""
    state = scenario.state(on)
    held = state.seats - state.vacancies
    named = sum(1 for m in state.members if m.seated) if scenario.members else 0
    return named, held


def export_csv(scenario: Scenario, kind: str | None = None, on: dt.date | None = None) -> str:
    """``members`` (a term CSV) or ``seats`` (a seat table). The default is the term CSV only when the named
    members hold every seat; otherwise the seat table, so a re-import gives back the whole chamber."""
    if kind is None:
        named, held = members_cover(scenario, on)
        kind = "members" if scenario.members and named >= held else "seats"
    writers: dict[str, Callable[[Scenario, dt.date | None], str]] = {"members": term_csv, "seats": seat_csv}
    if kind not in writers:
        raise InputError(f"--kind: expected members or seats, got {kind!r}")
    if kind == "members" and not scenario.members:
        raise InputError(f"{scenario.id}: has no named members to write as a term CSV (use --kind seats)")
    return writers[kind](scenario, on)
