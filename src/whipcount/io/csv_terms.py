"""Reading a term CSV as EveryPolitician publishes it (one row per membership) into a Popolo bundle, so
members who leave, arrive or change group mid-term become events, as in :mod:`whipcount.io.popolo`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from whipcount.errors import InterchangeError
from whipcount.io.csv_cells import _identifier_columns, _Row, _row_identifiers
from whipcount.io.interchange_base import _ID, ImportResult, Loc, slug
from whipcount.io.popolo import import_popolo
from whipcount.io.scenario_schema import identifier_problem
from whipcount.io.yamlsource import format_loc

_MEMBERSHIP_COLUMNS = {"person_id": "id", "on_behalf_of_id": "group_id", "organization_id": "chamber",
                       "area_id": "area_id", "start_date": "start_date", "end_date": "end_date",
                       "legislative_period_id": "term"}
_PERSON_COLUMNS = {"id": "id", "name": "name", "identifiers": "wikidata"}
_ORG_COLUMNS = {"id": "group_id", "name": "group"}


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
