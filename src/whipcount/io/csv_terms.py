"""Reading a term CSV as EveryPolitician publishes it (one row per membership) into a Popolo bundle, so
members who leave, arrive or change group mid-term become events, as in :mod:`whipcount.io.popolo`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from whipcount.errors import InterchangeError
from whipcount.io.csv_cells import _identifier_columns, _Row, _row_identifiers, chamber_said, one_value
from whipcount.io.identifiers import identifier_problem
from whipcount.io.interchange_base import ImportResult, Loc, parse_partial_date, slug
from whipcount.io.popolo import import_bundle
from whipcount.io.popolo_chamber import BuildOptions
from whipcount.io.yamlsource import format_loc
from whipcount.model.ids import is_id

_MEMBERSHIP_COLUMNS = {"person_id": "id", "on_behalf_of_id": "group_id", "organization_id": "chamber",
                       "area_id": "area_id", "start_date": "start_date", "end_date": "end_date",
                       "legislative_period_id": "term", "extras": "side"}
_PERSON_COLUMNS = {"id": "id", "name": "name", "identifiers": "wikidata"}
_ORG_COLUMNS = {"id": "group_id", "name": "group"}


def read_term_table(rows: list[_Row], header: list[str], name: str) -> _TermTable:
    """A term CSV's rows read into a Popolo bundle's parts, each row's cells checked (before the options)."""
    table = _TermTable(name, "group_id" in header, _identifier_columns(header, name))
    for row in rows:
        table.add(row)
    return table


def _import_term(table: _TermTable, rows: list[_Row], name: str, *, rules: str, constitution: Any | None,
                 chamber_name: str | None, seats: int | None, as_of: dt.date | None, term: str | None,
                 sides: dict[str, str], default_side: str, scenario_id: str | None) -> ImportResult:
    # one chamber a scenario: rows of two chambers would have been counted as one chamber's members (of the
    # term read, where the file holds several)
    read = [r for r in rows if term is None or r.get("term") in (term, "")]
    cname = one_value(read, name, "chamber")
    table.chamber_said = chamber_said(name, read, "chamber", cname, chamber_name)
    cname = chamber_name or cname or "Legislature"
    options = BuildOptions(rules=rules, constitution=constitution, as_of=as_of, seats=seats, chamber=table.chamber_id,
                           term=term, sides=sides, default_side=default_side,
                           scenario_id=scenario_id or slug(Path(name).stem))
    return import_bundle(table.bundle(cname), name, options, locate=table.locate)


class _TermTable:
    """A term CSV read row by row into the persons, parties, areas and memberships of a Popolo bundle, with
    the line each came from (for errors found later, in the bundle)."""

    def __init__(self, name: str, has_group_id: bool, columns: dict[str, str]) -> None:
        self.name, self.has_group_id, self.columns = name, has_group_id, columns
        self.idents: list[dict[str, tuple[str, int]]] = []  # per person: scheme → (identifier, line first given)
        self.persons: list[dict[str, Any]] = []
        self.person_line: list[int] = []
        self.person_at: dict[str, int] = {}
        self.orgs: list[dict[str, Any]] = []
        self.org_line: list[int] = []
        self.org_at: dict[str, int] = {}
        self.made_of: dict[str, tuple[str, int]] = {}  # an id made of a group's name → the name, its first line
        self.areas: dict[str, dict[str, Any]] = {}
        self.memberships: list[dict[str, Any]] = []
        self.membership_line: list[int] = []
        self.chamber_id = "legislature"
        self.chamber_said: str | None = None  # where the chamber's name was given: its column's line, or the option

    def add(self, row: _Row) -> None:
        pid = row.get("id")
        if not pid:
            raise InterchangeError(f"{self.name}:{row.line}: column 'id': empty, expected the member's id")
        if not row.get("name"):
            raise InterchangeError(f"{self.name}:{row.line}: column 'name': empty, expected the member's name")
        self._person(row, pid)
        self._identifiers(row, pid)
        gid = self._group(row)
        membership: dict[str, Any] = {"person_id": pid, "on_behalf_of_id": gid, "role": "member"}
        area_id = row.get("area_id") or (slug(row.get("area")) if row.get("area") else "")
        if area_id:
            self.areas.setdefault(area_id, {"id": area_id, "name": row.get("area") or area_id, "type": "constituency"})
            membership["area_id"] = area_id
        for column in ("start_date", "end_date"):
            if row.get(column):
                try:  # checked in every row, whichever term is read: the file's problems come first
                    parse_partial_date(row.get(column))
                except ValueError as exc:
                    raise InterchangeError(f"{self.name}:{row.line}: column {column!r}: {exc}") from None
                membership[column] = row.get(column)
        if row.get("term"):
            membership["legislative_period_id"] = row.get("term")
        if row.get("side"):  # whipcount's own column (its term CSVs write it): a side not the party's
            membership["extras"] = {"side": row.get("side")}
        self.memberships.append(membership)
        self.membership_line.append(row.line)

    def _person(self, row: _Row, pid: str) -> None:
        """The person of the row's first line for ``pid``; a later line must give the same name."""
        if pid in self.person_at:
            first = self.person_at[pid]
            if self.persons[first]["name"] != row.get("name"):
                raise InterchangeError(f"{self.name}:{row.line}: column 'name': {row.get('name')!r}, but line "
                                       f"{self.person_line[first]} names id {pid!r} {self.persons[first]['name']!r}")
            return
        person: dict[str, Any] = {"id": pid, "name": row.get("name")}
        self.person_at[pid] = len(self.persons)
        self.persons.append(person)
        self.person_line.append(row.line)
        self.idents.append({})
        if not is_id(pid):  # the member's id will differ: keep this one
            problem = identifier_problem("ep", pid)
            if problem is not None:
                raise InterchangeError(f"{self.name}:{row.line}: column 'id': {problem}")
            self.idents[-1]["ep"] = (pid, row.line)

    def _identifiers(self, row: _Row, pid: str) -> None:
        """The row's identifiers of the person: each scheme must give one value on every line."""
        known, columns = self.idents[self.person_at[pid]], self.columns
        for scheme, value in _row_identifiers(self.name, row, columns).items():
            if scheme == "ep" and value != pid:
                raise InterchangeError(f"{self.name}:{row.line}: column {columns[scheme]!r}: {value!r}, but column "
                                       f"'id' gives the EveryPolitician id {pid!r}")
            if scheme in known and known[scheme][0] != value:
                raise InterchangeError(f"{self.name}:{row.line}: column {columns[scheme]!r}: {value!r}, but line "
                                       f"{known[scheme][1]} gives {known[scheme][0]!r} for id {pid!r}")
            known.setdefault(scheme, (value, row.line))

    def _group(self, row: _Row) -> str:
        """The id of the row's party or group (added on its first line), the chamber's id kept apart."""
        gid = row.get("group_id") if self.has_group_id else ""
        group = row.get("group")
        if not gid and not group:
            column = "group_id" if self.has_group_id else "group"
            raise InterchangeError(f"{self.name}:{row.line}: column {column!r}: empty, expected the member's "
                                   "party or group (EveryPolitician writes 'independent' for independents)")
        if not gid:
            gid = slug(group)
            written, line = self.made_of.setdefault(gid, (group, row.line))
            if written != group:  # two groups, not one: "Red Party" and "Red-Party" are both red-party
                raise InterchangeError(f"{self.name}:{row.line}: column 'group': {group!r} and {written!r} (line "
                                       f"{line}) both become {gid!r}; expected a group_id column to tell them apart")
        if gid == self.chamber_id:
            self.chamber_id = "legislature-" + self.chamber_id
        if gid not in self.org_at:
            self.org_at[gid] = len(self.orgs)
            self.orgs.append({"id": gid, "name": group or gid, "classification": "party"})
            self.org_line.append(row.line)
        return gid

    def bundle(self, chamber_name: str) -> dict[str, Any]:
        for m in self.memberships:
            m["organization_id"] = self.chamber_id
        for person, found in zip(self.persons, self.idents, strict=True):
            if found:
                person["identifiers"] = [{"scheme": k, "identifier": v} for k, (v, _) in found.items()]
        return {
            "persons": self.persons,
            "organizations": [{"id": self.chamber_id, "name": chamber_name, "classification": "legislature"},
                              *self.orgs],
            "memberships": self.memberships,
            "areas": list(self.areas.values()),
        }

    def locate(self, loc: Loc) -> str:
        """``FILE:LINE: column`` of a place in the bundle, for the errors the Popolo reader finds."""
        name = self.name
        head, rest = loc[:2], loc[2:]
        if head == ("organizations", 0) and self.chamber_said is not None:  # the chamber: only its name is given
            return self.chamber_said
        column = None
        if len(head) == 2 and isinstance(head[1], int):
            what, i = head[0], head[1]
            if what == "memberships" and i < len(self.membership_line):
                line = self.membership_line[i]
                field = rest[0] if rest else None  # equivalent mutant "0 -> -1": a membership's fields are flat
                column = _MEMBERSHIP_COLUMNS.get(str(field)) if field is not None else None
            elif what == "persons" and i < len(self.person_line):
                line = self.person_line[i]
                column = _PERSON_COLUMNS.get(str(rest[0])) if rest else None
            # no error of a term CSV falls on its first group: an id is checked against those before it, and
            # a group has no other field that can be wrong (organizations[0] is the chamber)
            elif what == "organizations" and 0 < i <= len(self.org_line):  # equivalent mutant "0 -> 1": above
                line = self.org_line[i - 1]
                column = _ORG_COLUMNS.get(str(rest[0])) if rest else "group_id"
            else:
                return f"{name}: {format_loc(loc)}"
            return f"{name}:{line}: column {column!r}" if column else f"{name}:{line}"
        return f"{name}: {format_loc(loc)}" if loc else name
