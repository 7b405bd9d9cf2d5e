"""Tables that fit the terminal without cutting a number or a date.

Numbers and dates are never wrapped or cut (``no_wrap`` with their full width reserved); text columns wrap
(``overflow="fold"`` so that even a long word is kept whole across lines). When the figures alone do not
fit, the table is stacked: the value columns are split over several tables, each repeating the key
columns, the title on the first and the caption on the last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich.table import Table

JustifyMethod = Literal["default", "left", "center", "right", "full"]

TEXT_MIN = 8
"""A text column is never squeezed below this many characters."""


@dataclass(frozen=True)
class Col:
    """One column: ``text`` wraps; otherwise it holds figures or dates and is never cut."""

    header: str
    justify: JustifyMethod = "left"
    text: bool = False


def _width(col: Col, cells: Sequence[Any]) -> int:
    header = max((len(w) for w in col.header.split()), default=0)
    if col.text:
        return max(TEXT_MIN, header)
    return max([header] + [len(str(c)) for c in cells])


def _chunks(widths: list[int], keys: int, room: int, per_col: int) -> list[list[int]]:
    base = sum(widths[:keys]) + per_col * keys + 1
    out: list[list[int]] = [[]]
    used = base
    for i in range(keys, len(widths)):
        need = widths[i] + per_col
        if out[-1] and used + need > room:
            out.append([])
            used = base
        out[-1].append(i)
        used += need
    return out


def fitting_tables(cols: Sequence[Col], rows: Sequence[Sequence[Any]], width: int, *, keys: int = 1,
                   per_col: int = 3, **table_kw: Any) -> list[Table]:
    """The table of ``rows`` as one or more rich tables no wider than ``width``: ``keys`` leading columns
    repeat in each; ``per_col`` is what a column costs beyond its content (padding and rule)."""
    widths = [_width(c, [r[i] for r in rows]) for i, c in enumerate(cols)]
    title, caption = table_kw.pop("title", None), table_kw.pop("caption", None)
    chunks = _chunks(widths, keys, width, per_col)
    tables = []
    for n, chunk in enumerate(chunks):
        t = Table(title=title if n == 0 else None, caption=caption if n == len(chunks) - 1 else None, **table_kw)
        for i in [*range(keys), *chunk]:
            c = cols[i]
            if c.text:
                t.add_column(c.header, justify=c.justify, overflow="fold", min_width=min(widths[i], TEXT_MIN))
            else:  # a header of several words goes on several lines: the column stays as narrow as its figures
                t.add_column(c.header.replace(" ", "\n"), justify=c.justify, no_wrap=True, min_width=widths[i])
        for r in rows:
            t.add_row(*[r[i] for i in [*range(keys), *chunk]])
        tables.append(t)
    return tables
