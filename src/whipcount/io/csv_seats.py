"""Reading a seat table (``party, seats, side``, one row per party and side) or a ParlGov ``view_election``
table (``party_id, party_name_short, seats, election_date, ...``) into a scenario.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from whipcount.errors import InterchangeError, ScenarioError
from whipcount.io.csv_cells import (
    IDENTIFIER_PREFIX,
    _identifier_columns,
    _Row,
    _row_identifiers,
    chamber_said,
    one_value,
)
from whipcount.io.days import read_day
from whipcount.io.interchange_base import (
    ImportResult,
    Loc,
    _Mapped,
    check_side_options,
    parse_partial_date,
    side_not_used,
    side_problem,
    slug,
)
from whipcount.io.limits import MAX_SEATS, quoted
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import format_loc
from whipcount.model.ids import is_id

_SEAT_FIELDS = {"id": "party", "name": "name", "short": "short", "seats": "seats", "side": "side",
                "by_side": "side", "colour": "colour", "wikidata": "wikidata", "parlgov": "parlgov",
                "left_right": "left_right"}
_PARLGOV_FIELDS = {"id": "party_name_short", "name": "party_name_english", "short": "party_name_short",
                   "seats": "seats", "parlgov": "party_id", "left_right": "left_right"}


def _int(name: str, row: _Row, column: str, low: int | None = None, high: int | None = None) -> int | None:
    """The whole number in ``column`` (None when empty); with ``low`` and ``high``, one from ``low`` to ``high``,
    as the scenario holds it, refused naming the line and the column (not the scenario's field it becomes)."""
    text = row.get(column)
    if not text:
        return None
    digits = text.strip()
    # ASCII digits only: int() also takes '1_000' and other scripts' digits, which no seat table means
    if not (digits.isascii() and digits.lstrip("+-").isdigit()) or len(digits) > 18:
        raise InterchangeError(f"{name}:{row.line}: column {column!r}: expected a whole number (digits 0-9, "
                               f"at most 18), got {quoted(text)}")
    n = int(digits)
    if low is not None and high is not None and not low <= n <= high:
        raise InterchangeError(f"{name}:{row.line}: column {column!r}: expected a whole number from {low:,} to "
                               f"{high:,}, got {quoted(text)}")
    return n


def _float(name: str, row: _Row, column: str, low: float, high: float) -> float | None:
    """The number in ``column`` (None when empty), from ``low`` to ``high``; refused naming the line and column."""
    text = row.get(column)
    if not text:
        return None
    try:
        value = float(row.number(column))
    except ValueError:
        raise InterchangeError(f"{name}:{row.line}: column {column!r}: expected a number, got {quoted(text)}") from None
    if not low <= value <= high:  # NaN too: it is between nothing
        raise InterchangeError(f"{name}:{row.line}: column {column!r}: expected a number from {low:g} to {high:g}, "
                               f"got {quoted(text)}")
    return value


def check_seat_cells(rows: list[_Row], header: list[str], name: str, kind: str) -> None:
    """Every row's cells, and the columns that hold one value in every row, checked before anything the
    options must supply is asked for (the rules, the date): a file's problems are named from its first."""
    table = _SeatTable(name, kind, _seat_id_columns(header, name), {}, "other")
    for row in rows:
        table.check(row)
    one_value(rows, name, "seats_total")
    if kind == "seats":
        one_value(rows, name, "chamber_name")
        _written_day(rows, name)


def _seat_id_columns(header: list[str], name: str) -> dict[str, str]:
    """A seat table's ``identifier__SCHEME`` columns (its wikidata column is read as the party's field)."""
    return {scheme: column for scheme, column in _identifier_columns(header, name).items()
            if column.startswith(IDENTIFIER_PREFIX)}


def _written_day(rows: list[_Row], name: str) -> dt.date | None:
    """The day a table whipcount wrote says its seats hold on (its one ``seats_as_of``), or None."""
    written = one_value(rows, name, "seats_as_of")
    if written is None:
        return None
    try:
        return read_day(written)
    except ValueError as exc:
        raise InterchangeError(f"{name}:{rows[0].line}: column 'seats_as_of': {exc}") from None


def _import_seats(rows: list[_Row], header: list[str], name: str, kind: str, *, rules: str,
                  constitution: Any | None, chamber_name: str | None, seats: int | None, as_of: dt.date | None,
                  sides: dict[str, str], default_side: str, scenario_id: str | None) -> ImportResult:
    written = one_value(rows, name, "chamber_name") if kind == "seats" else None
    said = chamber_said(name, rows, "chamber_name", written, chamber_name)
    if kind == "seats":  # a table whipcount wrote says whose seats, and on which day
        chamber_name = chamber_name or written
        as_of = as_of or _written_day(rows, name)
    rows, as_of = _election(rows, name, kind, as_of)
    table = _SeatTable(name, kind, _seat_id_columns(header, name), sides, default_side)
    table.chamber_said = said
    for row in rows:
        table.add(row)
    check_side_options(sides, table.known, name)
    parties = table.parties
    warnings: list[str] = list(table.side_warnings)
    if not parties:
        raise InterchangeError(f"{name}: no rows after the header")
    if table.no_side:
        warnings.append(f"{name}: no side given for {', '.join(dict.fromkeys(table.no_side))}: put on "
                        f"{default_side!r} (give a side column or --side PARTY=SIDE)")
    chamber: dict[str, Any] = {"name": chamber_name or "Legislature", "rules": rules,
                               "seats": _chamber_size(rows, name, parties, seats, warnings), "as_of": as_of}
    chamber["sides"] = _chamber_sides(parties, name, warnings)
    doc: dict[str, Any] = {"id": scenario_id or slug(Path(name).stem), "title": chamber["name"],
                           "chamber": chamber, "parties": parties}
    if constitution is not None:  # the user's own, given with --rules: the scenario carries it
        doc["constitutions"] = [constitution]
    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]] = {
        ("parties", i): (("rows", i), None) for i in range(len(parties))
    } | {("title",): (("chamber_name",), None), ("chamber", "name"): (("chamber_name",), None)}
    try:
        scenario = parse_scenario(_Mapped(doc, name, {}, paths, table.locate), default_id=str(doc["id"]))
    except ScenarioError as exc:
        raise InterchangeError(str(exc)) from None
    return ImportResult(scenario, tuple(warnings))


def _election(rows: list[_Row], name: str, kind: str, as_of: dt.date | None) -> tuple[list[_Row], dt.date]:
    """The rows of the one election the table is read for (a ParlGov table may hold several: ``as_of``
    chooses), and the date the seats hold on."""
    if kind == "parlgov" and any(r.get("election_date") for r in rows):
        dates = sorted({r.get("election_date") for r in rows} - {""})
        if as_of is None and len(dates) == 1:
            (only,) = dates
            try:
                as_of = parse_partial_date(only)[0]
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
    return rows, as_of


class _SeatTable:
    """The parties of a seat table, row by row: one entry per party, a party on two sides split by side."""

    def __init__(self, name: str, kind: str, columns: dict[str, str], sides: dict[str, str],
                 default_side: str) -> None:
        self.name, self.kind, self.columns = name, kind, columns
        self.sides, self.default_side = sides, default_side
        self.fields = _SEAT_FIELDS if kind == "seats" else _PARLGOV_FIELDS
        self.id_column = "party" if kind == "seats" else "party_name_short"
        self.parties: list[dict[str, Any]] = []
        self.at: dict[str, int] = {}
        self.line_of: list[_Row] = []
        self.no_side: list[str] = []
        self.known: dict[str, str] = {}  # a party's id in the table, and its whipcount id → its whipcount id
        self.side_warnings: list[str] = []
        self.chamber_said: str | None = None  # where the chamber's name was given: its column's line, or the option

    def _side(self, row: _Row, raw_id: str, pid: str) -> str | None:
        """The row's side: the table's side column, else ``--side``; an option that disagrees is warned."""
        option, column = self.sides.get(pid) or self.sides.get(raw_id), row.get("side")
        if column and (problem := side_problem(column)) is not None:
            raise InterchangeError(f"{self.name}:{row.line}: column 'side': {problem}")
        if column and option and option != column:
            self.side_warnings.append(side_not_used(f"{self.name}:{row.line}: column 'side'", raw_id,
                                                    repr(column), option))
        return column or option

    def check(self, row: _Row) -> tuple[str, int]:
        """The row's party id (as written) and seats, every other cell it gives checked too (its ids, its
        ParlGov id, its left-right position, the chamber's size), each error naming the line and column."""
        name = self.name
        raw_id = row.get(self.id_column)
        if not raw_id:
            raise InterchangeError(f"{name}:{row.line}: column {self.id_column!r}: empty, expected the party's id")
        n = _int(name, row, "seats", 0, MAX_SEATS)
        if n is None:
            raise InterchangeError(f"{name}:{row.line}: column 'seats': empty, expected the party's seats")
        _row_identifiers(name, row, self.columns | ({"wikidata": "wikidata"} if self.kind == "seats" else {}))
        _int(name, row, "parlgov" if self.kind == "seats" else "party_id")
        _float(name, row, "left_right", 0, 10)
        _int(name, row, "seats_total", 1, MAX_SEATS)
        return raw_id, n

    def add(self, row: _Row) -> None:
        raw_id, n = self.check(row)
        pid = raw_id if is_id(raw_id) else slug(raw_id)
        if pid != raw_id and self.kind == "seats" and raw_id not in self.known:  # a ParlGov short name is no id
            self.side_warnings.append(f"{self.name}:{row.line}: column 'party': {raw_id!r} is not a whipcount id "
                                      f"(lower-case letters, digits, '.', '_' and '-'): read as {pid!r}")
        self.known[raw_id] = self.known[pid] = pid
        side = self._side(row, raw_id, pid)
        if not side:
            side = self.default_side
            self.no_side.append(pid)
        if pid in self.at:
            first = self.line_of[self.at[pid]]
            if (written := first.get(self.id_column)) != raw_id:  # two parties, not one on two sides
                raise InterchangeError(f"{self.name}:{row.line}: column {self.id_column!r}: party {raw_id!r} and "
                                       f"{written!r} (line {first.line}) both become {pid!r}; expected an id for "
                                       "each party, written the same on each of its rows")
            self._split(row, raw_id, pid, n, side)
        else:
            self.at[pid] = len(self.parties)
            self.parties.append(self._entry(row, raw_id, pid, n, side))
            self.line_of.append(row)

    def _split(self, row: _Row, raw_id: str, pid: str, n: int, side: str) -> None:
        """A party's second row, on another side: its seats by side (the party's side is where most sit)."""
        entry = self.parties[self.at[pid]]
        by_side = entry.setdefault("by_side", {entry["side"]: entry["seats"]})
        if side in by_side:
            raise InterchangeError(f"{self.name}:{row.line}: column {self.id_column!r}: party {raw_id!r} is listed "
                                   f"twice on the {side!r} side (line {self.line_of[self.at[pid]].line})")
        by_side[side] = n
        entry["seats"] += n
        if n > by_side[entry["side"]]:
            entry["side"] = side

    def _entry(self, row: _Row, raw_id: str, pid: str, n: int, side: str) -> dict[str, Any]:
        name, seat_table = self.name, self.kind == "seats"
        entry: dict[str, Any] = {"id": pid, "name": (row.get("name") if seat_table else
                                                     row.get("party_name_english") or row.get("party_name")) or raw_id}
        short = row.get("short") if seat_table else row.get("party_name_short")
        if short:
            entry["short"] = short
        entry["seats"] = n
        entry["side"] = side
        if seat_table and row.get("colour"):
            entry["colour"] = row.get("colour")
        if seat_table and row.get("wikidata"):
            entry["wikidata"] = row.get("wikidata")
        found = _row_identifiers(name, row, self.columns)
        if found:
            entry["identifiers"] = found
        parlgov = _int(name, row, "parlgov" if seat_table else "party_id")
        if parlgov is not None:
            entry["parlgov"] = parlgov
        left_right = _float(name, row, "left_right", 0, 10)
        if left_right is not None:
            entry["left_right"] = left_right
        return entry

    def locate(self, loc: Loc) -> str:
        """``FILE:LINE: column`` of a party's field (its first row's line), for the scenario's errors."""
        name = self.name
        match loc:
            case ("chamber_name",) if self.chamber_said is not None:
                return self.chamber_said
            case ("rows", int(i), *rest) if i < len(self.line_of):
                line = self.line_of[i].line
                match rest:
                    case ["identifiers", scheme, *_]:
                        column = self.columns.get(str(scheme))
                    case [field, *_]:
                        column = self.fields.get(str(field))
                    case _:
                        column = None
                return f"{name}:{line}: column {column!r}" if column else f"{name}:{line}"
        return f"{name}: {format_loc(loc)}" if loc else name


def _chamber_size(rows: list[_Row], name: str, parties: list[dict[str, Any]], seats: int | None,
                  warnings: list[str]) -> int:
    """The chamber's size: ``--seats``, else the table's one ``seats_total``, else the seats held (warned)."""
    total = one_value(rows, name, "seats_total")
    if seats is None and total is not None:  # a ParlGov table, or a seat table whipcount wrote
        seats = _int(name, next(r for r in rows if r.get("seats_total")), "seats_total", 1, MAX_SEATS)
    if seats is None:
        seats = sum(int(p["seats"]) for p in parties)
        if not 1 <= seats <= MAX_SEATS:  # a chamber has a seat, and at most MAX_SEATS
            raise InterchangeError(f"{name}: the parties hold {seats:,} seats in all; a chamber has from 1 to "
                                   f"{MAX_SEATS:,} (give its size with --seats or a seats_total column)")
        warnings.append(f"{name}: the chamber's size is not in the table: taken as {seats}, the seats held "
                        "(give --seats)")
    return seats


def _chamber_sides(parties: list[dict[str, Any]], name: str, warnings: list[str]) -> list[str]:
    """The three standard sides, then any other side a party sits on (warned)."""
    used_sides = {p["side"] for p in parties} | {s for p in parties for s in p.get("by_side", {})}
    standard = ["government", "opposition", "other"]
    for extra in sorted(used_sides - set(standard)):
        warnings.append(f"{name}: side {extra!r} is not one of {', '.join(standard)}: added to the chamber's sides")
    return standard + sorted(used_sides - set(standard))
