"""Reading a seat table (``party, seats, side``, one row per party and side) or a ParlGov ``view_election``
table (``party_id, party_name_short, seats, election_date, ...``) into a scenario.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from whipcount.errors import InterchangeError, ScenarioError
from whipcount.io.csv_cells import IDENTIFIER_PREFIX, _identifier_columns, _Row, _row_identifiers
from whipcount.io.interchange_base import _ID, ImportResult, Loc, _Mapped, parse_partial_date, slug
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import format_loc

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
