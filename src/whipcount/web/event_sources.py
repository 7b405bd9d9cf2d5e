"""The event form's sources (:mod:`whipcount.web.event_pages`): rows of the fields a scenario file's source
may give (its address or a citation in words, the outlet, the headline, the date of publication, a quote),
three drawn empty on a new form, one more at each press of the button that asks for another, up to
:data:`ROWS_MAX`.

Each row becomes one item of the event's ``sources`` as a file writes it: the address alone as a string
(which may be a citation in words), with anything else as a mapping (whose ``url`` is then a web address),
so that the API's body model checks the form's sources as it checks a file's. The rows given are numbered
from the first before they are checked, so the row a refusal names (``sources.1.date``) is the row drawn
second on the form that comes back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["PARTS", "ROWS_MAX", "ROWS_SHOWN", "SOURCE_FIELDS", "SOURCE_LABELS", "form_words", "rows_drawn",
           "row_field", "sources_of_rows", "packed"]

PARTS = ("url", "outlet", "title", "date", "quote")
"""The fields of one source, as a scenario file names them."""
PART_LABELS = {"url": "address or citation", "outlet": "outlet", "title": "headline", "date": "date published",
               "quote": "quote"}
"""Each part's name in words."""
ROWS_SHOWN = 3
"""The empty rows of sources a new form draws."""
ROWS_MAX = 10
"""The rows of sources a form may hold (five fields each, within the hundred fields a form may send): an event
with more sources is appended through the API, or a scenario file."""


def row_field(row: int, part: str) -> str:
    """The form's field of ``part`` of source ``row`` (from 0, as the body's ``sources`` counts them)."""
    return f"sources_{row}_{part}"


SOURCE_FIELDS = tuple(row_field(i, p) for i in range(ROWS_MAX) for p in PARTS)
"""Every field of every row a form may hold."""
SOURCE_LABELS = {row_field(i, p): f"Source {i + 1}: {PART_LABELS[p]}" for i in range(ROWS_MAX) for p in PARTS}
"""Each source field's label, naming its row as the form shows it (from 1)."""


def _rows(values: Mapping[str, str]) -> list[dict[str, str]]:
    """The rows with anything typed in them, in the form's order, each with the parts typed (trimmed)."""
    rows = []
    for i in range(ROWS_MAX):
        row = {p: values.get(row_field(i, p), "").strip() for p in PARTS}
        if any(row.values()):
            rows.append({p: v for p, v in row.items() if v})
    return rows


def packed(values: dict[str, str]) -> None:
    """Number the rows typed in ``values`` from the first (an empty row between two is dropped), so that the
    body's ``sources[i]`` is the form's row ``i``; ``source_rows`` is how many rows to draw: the rows given
    and the three of a new form at least, one more where the button asking for another was pressed."""
    rows = _rows(values)
    for i in range(ROWS_MAX):
        for p in PARTS:
            values[row_field(i, p)] = rows[i].get(p, "") if i < len(rows) else ""
    values["source_rows"] = str(rows_drawn(values.get("source_rows", ""), len(rows),
                                           more=values.get("add_source") == "yes"))


def rows_drawn(sent: str, given: int, *, more: bool = False) -> int:
    """How many rows of sources to draw: as many as were drawn (``sent``, a number the form carries) or
    given, :data:`ROWS_SHOWN` at least, one more if asked, :data:`ROWS_MAX` at most."""
    drawn = int(sent) if sent.isascii() and sent.isdigit() and len(sent) < 3 else 0
    return min(max(drawn, given, ROWS_SHOWN) + more, ROWS_MAX)


def sources_of_rows(values: Mapping[str, str]) -> list[Any]:
    """The event's ``sources`` as a scenario file writes them: a row with its address alone, the address; a
    row with more, a mapping of what it gives."""
    return [row["url"] if set(row) == {"url"} else row for row in _rows(values)]


_PLACE = re.compile(r"^sources\.(\d+)(?:\.(\w+))?: ")


def form_words(message: str) -> tuple[str, str | None]:
    """A refusal of a source in the form's words, with the field it names: ``sources.1.date: expected a
    date...`` is ``source 2, date published: expected a date...`` by ``sources_1_date``. Other words are
    kept, with no field."""
    m = _PLACE.match(message)
    if m is None or int(m.group(1)) >= ROWS_MAX or (m.group(2) or "url") not in PARTS:
        return message, None
    row, part = int(m.group(1)), m.group(2) or "url"
    return f"source {row + 1}, {PART_LABELS[part]}: {message[m.end():]}", row_field(row, part)
