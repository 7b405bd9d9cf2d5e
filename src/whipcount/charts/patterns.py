"""Marks inside the seats of parties whose colours some reader cannot tell apart, so that no reading of a
seat chart rests on colour alone.

A chart of many parties (25, 30) can hold more colours than every reader tells apart: the colour search
(:mod:`whipcount.charts.partycolours`) then keeps the best it found and the notes warn. A PNG shared in a
feed has no hover titles, so such parties are also given a mark: every seat of the party, and its legend
swatch, carries a small shape in black or white (whichever reads on the fill): a dot, a bar, a ring or a
slash. Two parties whose colours are under :data:`~whipcount.charts.cvd.MIN_DELTA_E` apart for some
vision never share a mark (the largest of each such pair keeps the plain seat), so each is told from the
others by its mark where its colour fails.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from whipcount.charts.colours import text_colour_on
from whipcount.charts.cvd import MIN_DELTA_E, least_apart
from whipcount.charts.svg import num

if TYPE_CHECKING:
    from whipcount.charts.legend import LegendEntry

__all__ = ["MARK_WORDS", "MARKS", "mark_path", "marked_legend", "pattern_marks"]

#: The marks, in the order they are given out (no mark first: the plain seat).
MARKS: tuple[str, ...] = ("dot", "bar", "ring", "slash")
MARK_WORDS = {"dot": "a dot", "bar": "a bar", "ring": "a ring", "slash": "a slash"}

Legend = Sequence[tuple[str, Sequence["LegendEntry"]]]


def pattern_marks(legend: Legend, keys: Collection[str]) -> dict[str, str]:
    """The mark of each legend key that needs one: the entries (largest first) whose colour is too close to
    another entry's get the first mark (the plain seat first) that no close entry before them has. Only the
    entries of seats drawn under their own key (``keys``) are marked, or told apart by a mark."""
    entries = list({e.key: e for _, group in legend for e in group if not e.vacant and e.key in keys}.values())
    entries.sort(key=lambda e: -e.count)  # stable: legend order among equals
    colours = [e.colour for e in entries]
    close = least_apart(colours, colours) < MIN_DELTA_E  # every two entries at once
    near = {e.key: [o.key for o, is_close in zip(entries, row, strict=True) if is_close and o is not e
                    and o.colour.lower() != e.colour.lower()] for e, row in zip(entries, close.tolist(), strict=True)}
    given: dict[str, str | None] = {}
    for e in entries:
        if not near[e.key]:
            continue
        taken = {given.get(o) for o in near[e.key] if o in given}
        free = [m for m in (None, *MARKS) if m not in taken]
        given[e.key] = free[0] if free else _least_shared(near[e.key], given)
    return {k: m for k, m in given.items() if m is not None}


def _least_shared(near: Sequence[str], given: Mapping[str, str | None]) -> str:
    """The mark fewest close entries have, where every one is taken (a chart of very many parties)."""
    return min(MARKS, key=lambda m: sum(1 for o in near if given.get(o) == m))


def marked_legend(legend: Legend, marks: Mapping[str, str]) -> list[tuple[str, list[LegendEntry]]]:
    """``legend`` with each entry's mark set."""
    return [(head, [replace(e, mark=marks[e.key]) if e.key in marks else e for e in group])
            for head, group in legend]


def mark_path(mark: str, x: float, y: float, r: float, fill: str) -> str:
    """The mark ``mark`` inside a seat (or swatch) of radius ``r`` at (``x``, ``y``) filled ``fill``."""
    ink = text_colour_on(fill)
    if mark == "dot":
        d = f"M{num(x - r * 0.42)} {num(y)}a{num(r * 0.42)} {num(r * 0.42)} 0 1 0 {num(r * 0.84)} 0" \
            f"a{num(r * 0.42)} {num(r * 0.42)} 0 1 0 {num(-r * 0.84)} 0z"
        return f'<path class="pattern" d="{d}" fill="{ink}"/>'
    if mark == "bar":
        return (f'<path class="pattern" d="M{num(x - r * 0.6)} {num(y)}h{num(r * 1.2)}" stroke="{ink}" '
                f'stroke-width="{num(r * 0.34)}"/>')
    if mark == "ring":
        d = f"M{num(x - r * 0.45)} {num(y)}a{num(r * 0.45)} {num(r * 0.45)} 0 1 0 {num(r * 0.9)} 0" \
            f"a{num(r * 0.45)} {num(r * 0.45)} 0 1 0 {num(-r * 0.9)} 0z"
        return f'<path class="pattern" d="{d}" fill="none" stroke="{ink}" stroke-width="{num(r * 0.2)}"/>'
    return (f'<path class="pattern" d="M{num(x - r * 0.45)} {num(y + r * 0.45)}l{num(r * 0.9)} {num(-r * 0.9)}" '
            f'stroke="{ink}" stroke-width="{num(r * 0.3)}"/>')
