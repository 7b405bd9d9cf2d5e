"""What the exact method would cost, estimated before it starts, and whether that is within bounds.

The exact distribution (:mod:`whipcount.tally.exact`) grows with the chamber: over yes votes alone it is a
chain of convolutions, ``O(seats**2)`` time in the worst case; over (yes, absent) pairs (a rule that counts
noes, members who may be absent) it is a 2-D table of ``(seats + 1) x (uncertain seats + 1)`` complex
cells, ``O(seats**2)`` memory: 74.5 GiB for a single array at 100,000 seats. :func:`exact_cost` reads the
blocs' sizes only (nothing is allocated) and gives the largest table's cells and an estimate of the work;
:func:`whipcount.tally.forecast.choose_method` keeps the exact method to models within
:data:`EXACT_MAX_CELLS` and :data:`EXACT_MAX_WORK`, and Monte Carlo (:mod:`whipcount.tally.drawplan`)
collapses a unit to one exact draw only within the same bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from whipcount.tally.abstainers import outcome_cells, wavering_blocs, without
from whipcount.tally.exact import units
from whipcount.tally.model import Bloc, ForecastModel

__all__ = ["BYTES_PER_CELL", "EXACT_MAX_CELLS", "EXACT_MAX_WORK", "ExactCost", "exact_cost", "switches_cost",
           "unit_cost"]

EXACT_MAX_CELLS = 4_000_000
"""The largest (yes, absent) table the exact method builds: about 250 MB of working memory
(:data:`BYTES_PER_CELL`). A 2,000-seat chamber with half its seats possibly absent needs 2.0 million cells;
3,000 seats 4.5 million, beyond the bound."""

EXACT_MAX_WORK = 10_000_000_000
"""The largest estimated work of an exact forecast, over the headline and every pivotal bloc's switch, in
units of about a nanosecond on the project's 2-core machine (so about 10 s)."""

BYTES_PER_CELL = 64
"""Working memory of one cell of a (yes, absent) table: a few complex128 arrays of the grid's shape at
once (measured: 125 MB above the interpreter's for 2.0 million cells)."""

MAC_WORK = 1
"""Work of one multiply-add of a 1-D convolution (``numpy.convolve``: about 0.6 ns each measured)."""

GRID_WORK = 8
"""Work of one cell of one product of two functions on the grid of :mod:`whipcount.tally.switches_joint`
(half a (yes, absent) grid, complex: about 6 ns a cell measured, the function of a bloc included)."""

TREE_BYTES = 64 * 2**20
"""Memory for the products of halves kept by :mod:`whipcount.tally.switches_joint` (complex grids)."""

WALK_GRIDS = 8
"""Grids alive in that walk besides the kept halves and one a level of its depth: a bloc's function and
its temporaries, the product read, the masks (measured: 400 MB above the interpreter's for 60 units on a
1,981 x 991 half grid, 31 MB a grid, with 64 MB kept)."""

PASS_WORK = 75
"""Work of one cell of one heavy pass over a complex (yes, absent) grid (an FFT: about three passes besides
the blocs')."""

POWER_WORK = (15, 100)
"""Work of one cell of a bloc that may be absent: its function raised to the power of its seats (numpy
multiplies out powers below 100, about 10 ns a cell measured, and takes logarithms from 100, about 95 ns),
with the few products around it."""
POWER_BY_PRODUCTS = 100


RULE_WORK = 8
"""Work of judging one cell of a (yes, absent) grid for one outcome of the blocs that may abstain or vote yes
where an abstention counts apart (:mod:`whipcount.tally.abstainers`: the rule's verdict and the two sums it
adds to, about 8 ns a cell measured)."""


def _bloc_work(seats: int) -> int:
    """Work of one cell of the grid for one bloc of ``seats`` that may be absent (:data:`POWER_WORK`)."""
    return POWER_WORK[seats >= POWER_BY_PRODUCTS]


@dataclass(frozen=True, slots=True)
class ExactCost:
    """The exact method's largest table (``rows x cols`` cells) and estimated work for one forecast; with
    the pivotal blocs' switches where absentees matter, the working memory of their walk (``walk_bytes``)."""

    rows: int
    cols: int
    work: int
    walk_bytes: int = 0

    @property
    def cells(self) -> int:
        """Cells of the largest table."""
        return self.rows * self.cols

    def times(self, runs: int) -> ExactCost:
        """The cost of ``runs`` forecasts of the same size (the headline and each pivotal switch)."""
        return ExactCost(self.rows, self.cols, self.work * runs)

    def excess(self) -> str:
        """Why this is beyond the bounds, in words ("" when it is within them)."""
        if self.cells > EXACT_MAX_CELLS:
            gib = self.cells * BYTES_PER_CELL / 2**30
            return (f"the exact method would need a {self.rows:,} x {self.cols:,} table (about {gib:,.1f} GiB; "
                    f"the bound is {EXACT_MAX_CELLS:,} cells)")
        if self.walk_bytes > EXACT_MAX_CELLS * BYTES_PER_CELL:
            return (f"the exact method would need about {self.walk_bytes / 2**20:,.0f} MB for the switches "
                    f"(the bound is {EXACT_MAX_CELLS * BYTES_PER_CELL / 2**20:,.0f} MB)")
        if self.work > EXACT_MAX_WORK:
            return (f"the exact method would take about {self.work / 1e9:,.0f} s "
                    f"(the bound is about {EXACT_MAX_WORK / 1e9:,.0f} s)")
        return ""


def _chain(sizes: list[int], start: int = 1) -> int:
    """Multiply-adds of convolving, in turn, distributions of ``sizes`` members onto one of ``start`` cells."""
    work, length = 0, start
    for n in sorted(sizes):
        work += length * (n + 1)
        length += n
    return work


def _uncertain(b: Bloc) -> bool:
    """A bloc whose drawn votes need a convolution: its members' yes votes are not certain."""
    return b.seats > 0 and b.p_yes not in (0.0, 1.0)


def unit_cost(blocs: list[Bloc], needs_absent: bool) -> ExactCost:
    """The cost of one unit's exact distribution (blocs outside groups, or one group)."""
    seats = sum(b.seats for b in blocs)
    rest = [b.seats for b in blocs if _uncertain(b) and not (needs_absent and 0.0 < b.p_absent < 1.0)]
    away = [b.seats for b in blocs if needs_absent and b.seats > 0 and 0.0 < b.p_absent < 1.0]
    if not away:
        return ExactCost(seats + 1, 1, MAC_WORK * _chain(rest))
    cols = sum(away) + 1
    per_cell = 3 * PASS_WORK + sum(_bloc_work(n) for n in away)
    return ExactCost(seats + 1, cols, MAC_WORK * _chain(rest) + per_cell * (seats + 1) * cols)


def exact_cost(model: ForecastModel) -> ExactCost:
    """The cost of one exact forecast of ``model`` (allocating nothing): with blocs that may abstain or vote
    yes where an abstention counts apart, the other blocs' table and every cell of it judged once for each
    of those blocs' outcomes."""
    waver = wavering_blocs(model)
    if not waver:
        return _plain_cost(model)
    rest = _plain_cost(without(model, waver))
    return ExactCost(rest.rows, rest.cols, rest.work + RULE_WORK * outcome_cells(waver) * rest.cells)


def _plain_cost(model: ForecastModel) -> ExactCost:
    singles, groups = units(model)
    parts = [unit_cost(singles, model.needs_absent)] + [unit_cost(blocs, model.needs_absent) for blocs, _ in groups]
    work = sum(p.work for p in parts)
    biggest = max(parts, key=lambda p: p.cells)
    if not groups:
        return parts[0]
    if not model.needs_absent:
        # the groups' distributions convolved onto the rest, one after the other
        work += _chain([p.rows - 1 for p in parts[1:]], parts[0].rows)
        return ExactCost(biggest.rows, biggest.cols, work)
    # the units' tables multiplied on one grid of every seat by every uncertain absentee
    cols = sum(p.cols - 1 for p in parts) + 1
    grid = ExactCost(model.seats + 1, cols, 0)
    work += PASS_WORK * (2 * len(parts) + 1) * grid.cells
    top = grid if grid.cells >= biggest.cells else biggest
    return ExactCost(top.rows, top.cols, work)


def switches_cost(model: ForecastModel, headline: ExactCost) -> ExactCost:
    """The cost of the headline and every bloc's switch, exactly, where the rule looks at noes and members
    may be absent (:mod:`whipcount.tally.switches_joint`): the products of halves on half the grid, each
    unit's function multiplied in at about ``2 + log2(keep_from)`` levels (the halves shorter than
    ``keep_from`` units are multiplied out again, to keep memory within :data:`TREE_BYTES`), and a pass a
    switch; and the walk's memory (:data:`TREE_BYTES` kept, a grid a level of the walk, :data:`WALK_GRIDS`)."""
    singles, groups = units(model)
    parts = sum(b.seats > 0 for b in singles) + len(groups)
    away = sum(b.seats for b in model.blocs if b.seats > 0 and 0.0 < b.p_absent < 1.0)
    cells = (model.seats + 1) * ((away + 1) // 2 + 1)
    keep_from = max(2, -(-2 * parts // max(2, TREE_BYTES // (16 * cells))))
    levels = 4 + max(1, keep_from - 1).bit_length()
    walk = 16 * cells * (max(1, parts - 1).bit_length() + WALK_GRIDS) + TREE_BYTES
    return ExactCost(headline.rows, headline.cols, headline.work + GRID_WORK * cells * parts * levels, walk)
