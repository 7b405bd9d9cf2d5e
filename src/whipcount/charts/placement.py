"""What every seat layout returns, and the checks they share.

A layout places seats in **fill order**: seat ``i`` of the chart goes to ``centres[i]``. Every layout
fills in one consistent order, so that the seats of a party, which the chart lists together, form one
block on the page:

- curved rows (arch, horseshoe): column by column along the rows (radial columns of the curve, ranks of
  the straight arms of a horseshoe), from the inner row out in one column and back in the next; every
  row filled from left to right;
- benches (Westminster): column by column from the Speaker's end, each column from the front (the
  aisle) back; every block (a party, or a stance) starts a new column, so no two share one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from whipcount.errors import ChartError

__all__ = ["MAX_SEATS", "Placement", "check_count", "check_rows", "sizes"]

#: More seats than this cannot be told apart on a page (China's NPC, the largest chamber, has 2,977).
MAX_SEATS = 3000


@dataclass(frozen=True, slots=True)
class Placement:
    """Seat centres and what goes with them, in SVG units (x to the right, y down).

    ``divider(k)`` is the SVG path of the line between the first ``k`` seats and the rest, and
    ``label_at(k)`` where its label goes (x, y, text anchor). ``speaker`` is the Speaker's place, on the
    chamber's centre line, apart from the rows. ``centre`` is the point curved rows turn round (for the
    benches: the head of the centre line, between them).
    """

    centres: tuple[tuple[float, float], ...]
    radius: float
    width: float
    height: float
    speaker: tuple[float, float] | None
    divider: Callable[[int], str]
    label_at: Callable[[int], tuple[float, float, str]]
    centre: tuple[float, float]


def check_count(n: int, layout: str) -> None:
    if n < 1:
        raise ChartError(f"{layout} layout: a chamber needs at least 1 seat to draw, got {n}")
    if n > MAX_SEATS:
        raise ChartError(f"{layout} layout: at most {MAX_SEATS} seats can be drawn legibly, got {n}")


def check_rows(rows: int | None, layout: str, n: int | None = None) -> None:
    if rows is not None and rows < 1:
        raise ChartError(f"{layout} layout: rows must be at least 1, got {rows}")
    if rows is not None and n is not None and rows > n:
        raise ChartError(f"{layout} layout: {rows} rows for {n} seats; expected at most one row per seat")


def sizes(bench: int | Sequence[int]) -> list[int]:
    """The block sizes of a bench given as a count (one block) or as block sizes."""
    return [bench] if isinstance(bench, int) else list(bench)
