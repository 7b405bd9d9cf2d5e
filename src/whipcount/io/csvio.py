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
Neither holds a motion, a division or the whip count: :func:`csv_leaves_out` says what a written CSV leaves
out, so a scenario read back (which has no outcome to judge) is not taken for the same case.

This module tells the shapes apart and reads them; the work is done by :mod:`whipcount.io.csv_terms`
(term CSVs), :mod:`whipcount.io.csv_seats` (seat and ParlGov tables), :mod:`whipcount.io.csv_export`
(writing) and :mod:`whipcount.io.csv_cells` (rows, id columns and formula-safe cells, shared by all).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from whipcount.errors import InterchangeError
from whipcount.io.csv_cells import IDENTIFIER_PREFIX, READ_COLUMNS, _Row, _rows, _unescape_formulas, file_rows
from whipcount.io.csv_export import SEAT_COLUMNS, TERM_COLUMNS, csv_leaves_out, export_csv, seat_csv, term_csv
from whipcount.io.csv_seats import _import_seats, check_seat_cells
from whipcount.io.csv_terms import _import_term, read_term_table
from whipcount.io.document_head import csv_shape
from whipcount.io.document_kind import refuse_by_head
from whipcount.io.interchange_base import ImportResult
from whipcount.io.limits import default_limits
from whipcount.io.resolve import rules_option

__all__ = [
    "SEAT_COLUMNS",
    "TERM_COLUMNS",
    "csv_leaves_out",
    "export_csv",
    "import_csv",
    "read_csv",
    "seat_csv",
    "term_csv",
]


def _kind(header: list[str], name: str) -> str:
    if (shape := csv_shape(header)) is not None:
        return shape
    raise InterchangeError(
        f"{name}:1: not a CSV whipcount reads: expected a term CSV (id, name, group_id, ...), "
        f"a seat table (party, seats, side) or a ParlGov table (party_id, party_name_short, seats); "
        f"found columns {', '.join(header)}"
    )


def _columns_left_out(header: list[str], rows: list[_Row], name: str, kind: str) -> str | None:
    """A warning naming the columns with something in them that whipcount does not read (EveryPolitician's
    ``email`` and ``gender``, a column of the user's own), so that none is dropped without a word."""
    unread = []
    for at, column in enumerate(header, start=1):
        if column in READ_COLUMNS[kind] or column == "wikidata" or column.startswith(IDENTIFIER_PREFIX):
            continue
        filled = sum(1 for r in rows if _cell(r, header, at))
        if filled:
            label = repr(column) if column else f"column {at} (no name)"
            unread.append(f"{label} ({filled:,} of {len(rows):,} rows)")
    if not unread:
        return None
    return f"{name}:1: columns whipcount does not read, left out: {', '.join(unread)}"


def _cell(row: _Row, header: list[str], at: int) -> bool:
    """Whether the row fills the ``at``-th column (by place: a column without a name has no key of its own)."""
    return bool(row.cells.get(header[at - 1], "").strip()) if header[at - 1] else at in row.unnamed


def read_csv(path: str | Path, **options: Any) -> ImportResult:
    """Read a term CSV, seat table or ParlGov table (see :func:`import_csv` for the options); the file is
    opened as every input is (a regular file of UTF-8 text, within the size cap) and read a line at a time
    (:func:`whipcount.io.csv_cells.file_rows`), never whole."""
    from whipcount.io.streamed import open_checked

    p = Path(path)
    try:
        with open_checked(p, "CSV", default_limits()) as source:
            table = file_rows(source, str(p))
        return import_csv(table, str(p), **options)
    except InterchangeError:  # a scenario, a constitution, a Popolo bundle: said so where its head shows it
        refuse_by_head(p, "csv", InterchangeError)
        raise


def import_csv(
    text: str | tuple[list[str], list[_Row]],
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
    """A Scenario from CSV text (or the header and rows :func:`read_csv` read from a file). ``rules`` is
    required (a CSV does not say which constitution applies): a registered profile's id, or the path of a
    constitution file, which the scenario then carries. A seat table or a ParlGov table needs ``as_of``
    unless it has an ``election_date`` column."""
    header, rows = _rows(text, name) if isinstance(text, str) else text
    formula_notes = _unescape_formulas(rows, name)
    kind = _kind(header, name)
    # the file's own problems first (every row's cells), then what the options must supply
    term_table = read_term_table(rows, header, name) if kind == "term" else None
    if term_table is None:
        check_seat_cells(rows, header, name, kind)
    if rules is None:
        raise InterchangeError(f"{name}: the chamber's rules profile is not in a CSV; give --rules (for example pk-na, "
                               "or the path of a constitution file)")
    rules_id, own = rules_option(rules)
    if term_table is not None:
        result = _import_term(term_table, rows, name, rules=rules_id, constitution=own, chamber_name=chamber_name,
                              seats=seats, as_of=as_of, term=term, sides=sides or {}, default_side=default_side,
                              scenario_id=scenario_id)
    else:
        result = _import_seats(rows, header, name, kind, rules=rules_id, constitution=own, chamber_name=chamber_name,
                               seats=seats, as_of=as_of, sides=sides or {}, default_side=default_side,
                               scenario_id=scenario_id)
    left_out = _columns_left_out(header, rows, name, kind)
    notes = [*formula_notes, *([left_out] if left_out else [])]
    if notes:
        result = dataclasses.replace(result, warnings=(*result.warnings, *notes))
    if strict and result.warnings:
        raise InterchangeError(f"{result.warnings[0]} (--strict; {len(result.warnings)} warning(s) in all)")
    return result
