"""The cells and rows every CSV shares: reading a CSV's header and rows (with the line each row starts on),
the ``wikidata`` and ``identifier__SCHEME`` id columns, a column that holds one value in every row that fills
it (:func:`one_value`), and the apostrophe that keeps a cell a spreadsheet
would run as a formula plain text, put on when writing and taken off when reading.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from whipcount.errors import InterchangeError
from whipcount.io.identifiers import identifier_problem, scheme_problem
from whipcount.io.limits import MAX_ROWS, MB, Limits, quoted

if TYPE_CHECKING:
    from whipcount.io.streamed import CheckedFile

IDENTIFIER_PREFIX = "identifier__"  # EveryPolitician's column for an id in another scheme: identifier__parlparse

READ_COLUMNS: dict[str, frozenset[str]] = {
    "term": frozenset({"id", "name", "group", "group_id", "area_id", "area", "chamber", "term", "start_date",
                       "end_date", "side"}),
    "seats": frozenset({"party", "name", "short", "seats", "side", "colour", "parlgov", "left_right",
                        "seats_total", "chamber_name", "seats_as_of"}),
    "parlgov": frozenset({"party_id", "party_name_short", "party_name_english", "party_name", "seats", "side",
                          "left_right", "election_date", "seats_total", "chamber_name", "seats_as_of"}),
}
"""The columns each shape of CSV reads, besides ``wikidata`` and the ``identifier__SCHEME`` columns."""

_KNOWN = frozenset().union(*READ_COLUMNS.values(), {"wikidata"})


def column_name(cell: str) -> str:
    """The name of a header cell: a column whipcount reads in whatever case it is written (``Start_Date``,
    ``Party``, ``Identifier__ParlParse``: a spreadsheet's capitals), any other as written, spaces around
    either taken off."""
    name = cell.strip()
    lower = name.lower()
    return lower if lower in _KNOWN or lower.startswith(IDENTIFIER_PREFIX) else name


_DECIMAL_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]+")


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: dict[str, str]
    unnamed: frozenset[int] = frozenset()  # the places (from 1) of filled cells under a header cell left empty
    decimal_comma: bool = False  # cells separated by semicolons or tabs: a number may be written '4,5'

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def number(self, column: str) -> str:
        """The cell as a number is written in Python: a decimal comma (``4,5``, in a file whose cells a
        spreadsheet set to such a language separated by semicolons) read as a point."""
        text = self.get(column)
        return text.replace(",", ".") if self.decimal_comma and _DECIMAL_COMMA.fullmatch(text) else text


def separator(text: str) -> str:
    """The character between a CSV's cells: a comma, else the semicolon or tab its header line holds (a
    spreadsheet set to a language whose decimal mark is a comma saves its CSV with semicolons)."""
    end = text.find("\n")
    header = text if end < 0 else text[:end]  # the first line alone, not a copy of the rest of the file
    if "," not in header:
        for sep in (";", "\t"):
            if sep in header:
                return sep
    return ","


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_LINE_END = re.compile(r"\r\n|\r|\n")


def _lines(text: str, name: str) -> Iterator[str]:
    """The lines of ``text`` with their endings (``\n``, ``\r\n`` or ``\r``), as ``io.StringIO(text,
    newline="")`` gives them, one at a time: a StringIO holds a copy of the text at four bytes a character (a
    50 MB CSV took 400 MB before its rows were counted). A line longer than
    :attr:`~whipcount.io.limits.Limits.max_text` characters is refused before it is copied out of the text
    or split into cells (a row of 20 million empty cells took 395 MB)."""
    longest = Limits().max_text
    for number, line in enumerate(_LINE.finditer(text), start=1):
        if line.end() - line.start() > longest:
            raise _too_long(name, number, line.end() - line.start(), longest)
        yield line.group()


def _too_long(name: str, number: int, length: int, longest: int) -> InterchangeError:
    return InterchangeError(f"{name}:{number}: a line of {length:,} characters; at most {longest:,} accepted")


def _file_lines(source: CheckedFile, name: str) -> Iterator[str]:
    """The lines of a file checked as UTF-8 text (a byte-order mark dropped), as :func:`_lines` gives those of
    its text, read a megabyte at a time: the file is never held whole (its bytes and its text together took
    twice its size). A line too long is counted to its end without being kept."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    longest = Limits().max_text
    rest, number = "", 0
    while True:
        chunk = source.read(MB)
        text = rest + decoder.decode(chunk, final=not chunk)
        # the lines known to be whole: a line break ends one, but a CR last may be half of a CRLF
        end = len(text) if not chunk else max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
        for line in _LINE.finditer(text, 0, end):
            number += 1
            if line.end() - line.start() > longest:
                raise _too_long(name, number, line.end() - line.start(), longest)
            yield line.group()
        rest = text[end:]
        if len(rest) > longest:
            raise _too_long(name, number + 1, len(rest) + _rest_of_line(source, decoder), longest)
        if not chunk:
            return


def _rest_of_line(source: CheckedFile, decoder: codecs.IncrementalDecoder) -> int:
    """How many characters the file holds up to the end of the line it is in (its line break counted)."""
    length = 0
    while chunk := source.read(MB):
        text = decoder.decode(chunk)
        ends = _LINE_END.search(text)
        if ends is not None:
            return length + ends.end()
        length += len(text)
    return length


def _rows(text: str, name: str) -> tuple[list[str], list[_Row]]:
    if text.startswith("\ufeff"):
        text = text[1:]
    return _read_rows(_lines(text, name), name, separator(text))


def file_rows(source: CheckedFile, name: str) -> tuple[list[str], list[_Row]]:
    """The header and rows of a CSV file, read a line at a time (see :func:`_file_lines`)."""
    lines = _file_lines(source, name)
    first = next(lines, "")
    return _read_rows(itertools.chain([first] if first else [], lines), name, separator(first))


def _read_rows(lines: Iterator[str], name: str, sep: str) -> tuple[list[str], list[_Row]]:
    # a quote left open is an error, not a cell
    reader = csv.reader(lines, delimiter=sep, strict=True)
    try:
        written = next(reader)
    except StopIteration:
        raise InterchangeError(f"{name}: the file is empty (expected a header row)") from None
    except csv.Error as exc:
        raise InterchangeError(f"{name}:1: not valid CSV: {exc}") from None
    header = [column_name(h) for h in written]
    seen: dict[str, str] = {}
    for h, cell in zip(header, written, strict=True):
        if h in seen and h:
            both = f" (as {seen[h].strip()!r} and {cell.strip()!r})" if seen[h].strip() != cell.strip() else ""
            raise InterchangeError(f"{name}:1: column {h!r} appears twice in the header{both}")
        seen[h] = cell
    rows: list[_Row] = []
    line = 1
    try:
        for cells in reader:
            start = line + 1
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(rows) >= MAX_ROWS:  # refused as it is read: the rest of the file is never split into cells
                raise InterchangeError(f"{name}:{start}: rows: over {MAX_ROWS:,} listed; at most {MAX_ROWS:,} accepted")
            if len(cells) > len(header):
                if any(c.strip() for c in cells[len(header):]):
                    raise InterchangeError(
                        f"{name}:{start}: {len(cells)} cells but the header has {len(header)} columns"
                    )
                cells = cells[:len(header)]  # empty cells past the header's (a spreadsheet's trailing commas)
            elif len(cells) < len(header):  # a row cut short (the file cut mid-row) is refused, not read as empty
                raise InterchangeError(
                    f"{name}:{start}: {len(cells)} cell{'s' if len(cells) != 1 else ''} but the header has "
                    f"{len(header)} columns; expected a "
                    f"cell for each column, an empty one too (none for {header[len(cells)]!r})"
                )
            unnamed = frozenset(at for at, (h, c) in enumerate(zip(header, cells, strict=False), start=1)
                                if not h and c.strip())
            rows.append(_Row(start, dict(zip(header, cells, strict=False)), unnamed, sep != ","))
    except csv.Error as exc:
        raise InterchangeError(f"{name}:{reader.line_num}: not valid CSV: {_csv_words(exc)}") from None
    return header, rows


def _csv_words(exc: csv.Error) -> str:
    """The csv module's complaint, with what it means where its words are terse."""
    said = str(exc)
    if said == "unexpected end of data":
        return "a quoted cell is not closed before the end of the file (unexpected end of data)"
    return said


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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Characters a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""


def safe_cell(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula gets a leading apostrophe (numbers stay numbers);
    every CSV whipcount writes passes its cells through here."""
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


def one_value(rows: list[_Row], name: str, column: str) -> str | None:
    """The one value a column gives in every row that fills it (None where no row does). Where rows differ
    (a table cut short, an edited cell), the error names the line of the first row that does not give the
    value most rows give (the first row's, on a tie), and the others' lines."""
    filled = [(r.line, v) for r in rows if (v := r.get(column))]
    if not filled:
        return None
    [(usual, _times)] = Counter(v for _, v in filled).most_common(1)
    odd = [(line, v) for line, v in filled if v != usual]
    if odd:
        (line, value), *more = odd
        lines = ", ".join(str(n) for n, _ in more[:5]) + (", ..." if len(more) > 5 else "")
        also = "" if not more else f"; line {lines} differs too" if len(more) == 1 else f"; lines {lines} differ too"
        first = next(n for n, v in filled if v == usual)
        raise InterchangeError(f"{name}:{line}: column {column!r}: expected one value in every row, "
                               f"{quoted(usual)} as on line {first}, got {quoted(value)}{also}")
    return usual


def chamber_said(name: str, rows: list[_Row], column: str, value: str | None, option: str | None) -> str | None:
    """Where the chamber's name was given, for an error in it: ``--chamber-name``, else the line of the first
    row whose ``column`` gives ``value`` (``FILE:LINE: column 'chamber'``); None where neither gave it."""
    if option:
        return "--chamber-name"
    line = next((r.line for r in rows if value and r.get(column) == value), None)
    return f"{name}:{line}: column {column!r}" if line is not None else None
