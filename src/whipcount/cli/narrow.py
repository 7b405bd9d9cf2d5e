"""Every table printed whole in any terminal, down to a phone's 20 columns: no number or date is cut.

rich fits a table to the terminal by squeezing its columns, and a cell that cannot wrap is cut to ``…``:
at 60 columns ``whipcount cases`` showed votes as ``1982…`` and seats as ``…``, at 20 ``whipcount tally``
had no figure left. :func:`whole` prepares each table as it is printed (``console.print``, through
:class:`whipcount.cli.app`'s console): a column of figures (right-justified, or kept on one line) is never
squeezed below its widest cell; a column of text folds a word too long for it onto the next line instead of
cutting it. When the figures and a few characters of each text column do not fit side by side, the table
is printed as records, one per row: its first cell, then ``column: value`` for each other one, lines that
wrap and fold like any text. A rule whose title is too long for the line has the title above it.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Column, Table
from rich.text import Text

from whipcount.cli.fit import TEXT_MIN

__all__ = ["records", "whole"]


def whole(renderable: Any, width: int) -> Any:
    """``renderable`` as it can be printed ``width`` columns wide with nothing cut (a table as records if it
    must be), or a rule with its title above it (:func:`_rule`); anything else is returned as it is."""
    if isinstance(renderable, Rule):
        return _rule(renderable, width)
    if not isinstance(renderable, Table) or not renderable.columns:
        return renderable
    needs = [_prepare(column) for column in renderable.columns]
    per_column = renderable.padding[1] + renderable.padding[3] + (1 if renderable.box else 0)
    if sum(needs) + per_column * len(needs) + (1 if renderable.box else 0) <= width:
        return renderable
    return records(renderable)


def _rule(rule: Rule, width: int) -> Any:
    """A rule whose title is too long for the line (rich cuts it to ``…``): the title as text, wrapping,
    above a plain rule."""
    title = rule.title if isinstance(rule.title, Text) else Text(str(rule.title))
    if cell_len(title.plain) + 6 <= width:  # rich keeps a title whole with room for its rule's ends
        return rule
    title = title.copy()
    title.overflow = "fold"
    return Group(title, Rule(characters=rule.characters, style=rule.style))


def _width(cell: Any) -> int:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return max((cell_len(line) for line in text.splitlines()), default=0)


def _figures(column: Column) -> bool:
    return column.no_wrap or column.justify == "right"


def _prepare(column: Column) -> int:
    """Set ``column`` never to cut, and return the fewest characters it needs."""
    cells = list(column.cells)
    header = max((cell_len(w) for w in str(column.header).split()), default=0)
    widest = max([_width(c) for c in cells] or [0])
    if _figures(column):
        column.no_wrap = True
        column.min_width = max(column.min_width or 0, widest)
        return max(header, widest)
    if column.overflow == "ellipsis":
        column.overflow = "fold"
    return min(max(header, widest), TEXT_MIN)


def records(table: Table) -> RenderableType:
    """The table one row at a time: the first cell on a line of its own, then ``header: value`` for each
    other non-empty cell, indented; the title before, the caption after."""
    columns = table.columns
    headers = [" ".join(str(c.header).split()) for c in columns]
    cells = [list(c.cells) for c in columns]
    parts: list[RenderableType] = []
    if table.title:
        parts.append(_text(table.title, "italic"))
    for i in range(table.row_count):
        first = _text(cells[0][i], "bold")
        if headers[0]:
            first = Text.assemble(f"{headers[0]}: ", first)
        parts.append(first)
        for header, column in zip(headers[1:], cells[1:], strict=True):
            value = _text(column[i])
            if value.plain.strip():
                parts.append(Text.assemble("  ", f"{header}: " if header else "", value))
    if table.caption:
        parts.append(_text(table.caption, "dim"))
    for part in parts:
        if isinstance(part, Text):
            part.overflow = "fold"
    return Group(*parts)


def _text(value: Any, style: str = "") -> Text:
    text = value.copy() if isinstance(value, Text) else Text(str(value))
    if style:
        text.stylize(style)
    return text
