"""The Westminster layout: two facing benches, a crossbench block at the far end, the Speaker at the head.

As in the parliament diagram tools (the Westminster diagram of Wikipedia's tool): the Speaker sits on
the chamber's centre line at the head, the two benches face one another across the aisle and fill
column by column from the Speaker's end, each column from the front (the aisle) back, and every block
(a party, or a stance) starts a new column, so that no column holds two parties. The crossbenches (and
vacant seats) form one block at the far end, centred on the centre line. (Coloured by stance, the chart
puts the motion's supporters on one bench, its opponents on the other, and the rest on the crossbenches.)

The threshold of ``k`` seats is one line: on each bench it is a staircase between that bench's seat
``k`` and seat ``k + 1``, and the two staircases are joined across the aisle. A bench whose staircase
falls past its last seat does not hold ``k`` seats on its own.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from whipcount.charts.placement import Placement, check_count, check_rows, sizes
from whipcount.charts.svg import num
from whipcount.errors import ChartError

__all__ = ["MAX_COLUMNS", "bench_slots", "westminster"]

MAX_COLUMNS = 80  # beyond this a bench is a grey smear
_PAD = 10.0


def bench_slots(blocks: Sequence[int], rows: int) -> list[int]:
    """The slot of every seat of a bench, ``column * rows + place from the front``: each block starts a column."""
    out: list[int] = []
    pos = 0
    for size in blocks:
        out += range(pos, pos + size)
        pos += size
        pos += -pos % rows
    return out


def line_slot(slots: Sequence[int], k: int) -> int:
    """The slot just after the first ``k`` seats: where the line of ``k`` crosses the bench.

    Past the last seat the line goes on as if the missing seats followed in the same order.
    """
    if k <= 0 or not slots:
        return max(k, 0)
    if k <= len(slots):
        return slots[k - 1] + 1
    return slots[-1] + 1 + k - len(slots)


def _cross_rows(cross: int, rows: int) -> int:
    """Rows of the crossbench block: about four times as tall as wide, no taller than the chamber."""
    if cross == 0:
        return 0
    cols = max(math.ceil(math.sqrt(cross / 4)), math.ceil(cross / (2 * rows + 2)))
    return math.ceil(cross / cols)


def _benches(upper_blocks: Sequence[int], lower_blocks: Sequence[int], nrows: int,
             reach: int) -> tuple[list[int], list[int], int]:
    """Both benches' slots in ``nrows`` rows and the columns the longer one (or the line of ``reach``) needs."""
    upper, lower = bench_slots(upper_blocks, nrows), bench_slots(lower_blocks, nrows)
    span = max(1, *(line_slot(s, max(reach, len(s))) for s in (upper, lower)))
    return upper, lower, math.ceil(span / nrows)


def westminster(
    benches: Sequence[int | Sequence[int]], *, rows: int | None = None, speaker: bool = False, reach: int = 0
) -> Placement:
    """Two facing benches and a crossbench block: ``benches = (upper, lower, cross)``.

    Each is a seat count or the sizes of its blocks in fill order (each block starts a new column).
    Seats are returned upper bench first, then the lower bench, then the crossbenches. The benches are
    drawn long enough for the line of ``reach`` seats to fall where it belongs.
    """
    if len(benches) != 3 or any(b < 0 for bench in benches for b in sizes(bench)):
        raise ChartError(f"westminster layout: expected three benches of sizes >= 0, got {list(benches)}")
    upper_blocks, lower_blocks, cross_blocks = (sizes(b) for b in benches)
    cross = sum(cross_blocks)
    n = sum(upper_blocks) + sum(lower_blocks) + cross
    check_count(n, "westminster")
    check_rows(rows, "westminster")
    longest = max(sum(upper_blocks), sum(lower_blocks), 1)
    nrows = rows or max(2, math.ceil(math.sqrt(longest / 7)))
    upper, lower, cols = _benches(upper_blocks, lower_blocks, nrows, reach)
    while rows is None and cols > MAX_COLUMNS:  # a long bench (over 900 seats) takes more rows, not an error
        nrows += 1
        upper, lower, cols = _benches(upper_blocks, lower_blocks, nrows, reach)
    if cols > MAX_COLUMNS:
        raise ChartError(
            f"westminster layout: a bench of {longest} seats in {nrows} row(s) needs {cols} columns "
            f"(each party starts a new column); at most {MAX_COLUMNS} fit (give more rows)"
        )
    cross_rows = _cross_rows(cross, nrows)
    cross_slots = bench_slots(cross_blocks, cross_rows or 1)
    cross_cols = cross_slots[-1] // cross_rows + 1 if cross_slots else 0
    g = _Geometry(nrows, cols, min(24.0, 860.0 / (cols + cross_cols + 3)), upper, lower)
    pitch, x0, centre = g.pitch, g.x0, g.centre
    centres = [g.seat(s, g.upper_top, True) for s in upper] + [g.seat(s, g.lower_top, False) for s in lower]
    cross_x0 = x0 + cols * pitch + pitch / 2
    in_column = Counter(slot // cross_rows for slot in cross_slots)
    for slot in cross_slots:  # each column centred on the centre line, filled from the top
        c, r = divmod(slot, cross_rows)
        in_col = in_column[c]
        centres.append((cross_x0 + c * pitch + pitch / 2, centre + (r - (in_col - 1) / 2) * pitch))
    width = (cross_x0 + cross_cols * pitch if cross else x0 + cols * pitch) + _PAD
    height = g.lower_top + nrows * pitch + _PAD
    sp = (_PAD + pitch, centre) if speaker else None
    return Placement(tuple(centres), pitch * 0.4, width, height, sp, g.divider, g.label_at, (x0, centre))


class _Geometry:
    """Where the two benches lie: ``nrows`` rows of seats ``pitch`` apart on each side of an aisle two seats
    wide, the upper bench filling from its front row (the bottom) up, the lower from its front (the top)
    down; ``upper`` and ``lower`` are their seats' slots (column-major, each party starting a column)."""

    def __init__(self, nrows: int, cols: int, pitch: float, upper: Sequence[int], lower: Sequence[int]) -> None:
        self.nrows, self.cols, self.pitch, self.upper, self.lower = nrows, cols, pitch, upper, lower
        self.x0 = _PAD + pitch * 2.2  # room for the Speaker's chair at the head
        self.upper_top = _PAD + pitch / 2
        aisle = 2 * pitch
        self.centre = self.upper_top + nrows * pitch + aisle / 2  # the chamber's centre line
        self.lower_top = self.upper_top + nrows * pitch + aisle

    def seat(self, slot: int, top: float, front_at_bottom: bool) -> tuple[float, float]:
        c, r = divmod(slot, self.nrows)
        row = self.nrows - 1 - r if front_at_bottom else r
        return self.x0 + c * self.pitch + self.pitch / 2, top + row * self.pitch + self.pitch / 2

    def crossing(self, slots: Sequence[int], k: int) -> tuple[float, int, float]:
        """x away from the aisle, seats of the column inside the line, x at the aisle."""
        c, r = divmod(line_slot(slots, k), self.nrows)
        xa = self.x0 + c * self.pitch
        return xa, r, xa + (self.pitch if r else 0.0)

    def divider(self, k: int) -> str:
        """The path of the line after ``k`` seats, across both benches and the aisle."""
        pitch, nrows = self.pitch, self.nrows
        far_u, r_u, near_u = self.crossing(self.upper, k)
        far_l, r_l, near_l = self.crossing(self.lower, k)
        jog = self.centre + pitch / 2  # across the aisle below its middle, where the label does not go
        d = f"M{num(far_u)} {num(self.upper_top - 3)}"
        if r_u:  # the upper bench fills from its front row (the bottom) up
            d += f"V{num(self.upper_top + (nrows - r_u) * pitch)}H{num(near_u)}"
        d += f"V{num(jog)}"
        if near_l != near_u:
            d += f"H{num(near_l)}"
        if r_l:  # the lower bench fills from its front row (the top) down
            d += f"V{num(self.lower_top + r_l * pitch)}H{num(far_l)}"
        return d + f"V{num(self.lower_top + nrows * pitch + 3)}"

    def label_at(self, k: int) -> tuple[float, float, str]:
        """Where the line's label goes: beside the line at the centre of the aisle; in the far half of the
        benches to its left, away from the crossbenches."""
        x = self.crossing(self.upper, k)[2]
        if x > self.x0 + self.cols * self.pitch / 2:
            return x - 6, self.centre - 2, "end"
        return x + 6, self.centre - 2, "start"
