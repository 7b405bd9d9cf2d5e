"""P(pass) with each bloc switched in turn, exactly, where absentees matter, without recounting per bloc.

Where the rule looks at noes and members may stay away, the exact forecast counts (yes, absent) pairs
(:func:`whipcount.tally.exact.model_table`): the chamber's table is the product, on one grid of every
seat by every uncertain absentee, of its independent units' generating functions, evaluated at the roots
of unity of that grid (a 2-D discrete Fourier transform). A product there is a multiplication of cells, so
the product of every unit but one is built as in :mod:`whipcount.tally.switches`, by halving the list of
units (:mod:`whipcount.tally.halving`; halves of few units multiplied out again rather than kept, to bound
memory), with no transform on the way. Each switch then costs one multiplication by the switched
unit's function and one inverse transform, instead of the whole chamber's functions and a transform.

A switched bloc votes as one with certainty and is present (``p_absent`` 0), so it needs no column of
the grid, and a bloc that was certain to stay away (counted apart, as ``fixed`` absentees) gives its seats
back to the count: the grid of the whole chamber holds every switched chamber.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from whipcount.tally.abstainers import Outcomes, split
from whipcount.tally.cost import TREE_BYTES
from whipcount.tally.exact import bloc_yes_pmf, p_pass_exact, unit_table, units
from whipcount.tally.halving import Halves
from whipcount.tally.model import Bloc, ForecastModel

__all__ = ["switched_p_pass_joint"]

ComplexArray = npt.NDArray[np.complex128]



class _Grid:
    """The chamber's grid: ``rows`` yes counts (0..seats) by ``cols`` uncertain absentees (0..), and the
    roots of unity a generating function is evaluated at."""

    def __init__(self, rows: int, cols: int) -> None:
        self.rows, self.cols = rows, cols
        self.half = cols // 2 + 1  # the table is real: the other columns are the conjugates of these
        self.z1 = np.exp(-2j * np.pi * np.arange(rows) / rows)[:, None]
        self.z2 = np.exp(-2j * np.pi * np.arange(self.half) / cols)[None, :]

    @property
    def cells(self) -> int:
        """Cells of a function on the grid, as kept (half the columns)."""
        return self.rows * self.half

    def single(self, b: Bloc) -> ComplexArray:
        """A bloc outside any group: its function on the grid (a column where it is sure to be present,
        a constant where it is sure to stay away: its seats are counted apart, :func:`_fixed`)."""
        if b.p_absent >= 1.0:
            return np.ones((1, 1), dtype=np.complex128)
        if b.p_absent <= 0.0:  # equivalent mutant "<= -> <": the formula below gives the same column
            return np.fft.fft(bloc_yes_pmf(b), n=self.rows)[:, None]
        n, c = b.seats, b.cohesion
        term: ComplexArray = (1.0 - c) * (b.p_yes * self.z1 + b.p_no + b.p_absent * self.z2) ** n
        if c > 0:  # equivalent mutants "> -> >=", "0 -> -1": with c = 0 the term added is 0
            term = term + c * (b.p_yes * self.z1**n + b.p_no + b.p_absent * self.z2**n)
        return term

    def group(self, blocs: list[Bloc], together: float) -> ComplexArray:
        """A group that may act as one: its (yes, absent) table's transform on the grid (its members
        certain to stay away counted apart, as :func:`_fixed` counts them)."""
        return np.fft.rfft2(unit_table(blocs, together)[0], s=(self.rows, self.cols))


@dataclass(frozen=True, slots=True)
class _Unit:
    blocs: tuple[Bloc, ...]
    together: float | None  # None: a bloc outside any group

    def term(self, grid: _Grid) -> ComplexArray:
        """Its function on the grid (computed when asked: a grid each would not fit in memory for hundreds
        of units)."""
        if self.together is None:
            (bloc,) = self.blocs
            return grid.single(bloc)
        return grid.group(list(self.blocs), self.together)

    def with_bloc(self, old: Bloc, new: Bloc) -> _Unit:
        return _Unit(tuple(new if b is old else b for b in self.blocs), self.together)


def _units(model: ForecastModel) -> list[_Unit]:
    singles, groups = units(model)
    out = [_Unit((b,), None) for b in singles if b.seats > 0]  # equivalent mutants: no seats, a constant 1
    out += [_Unit(tuple(bs), t) for bs, t in groups]
    return out


class _Passing:
    """Reads P(pass) from a chamber's function on the grid without transforming it back.

    With ``table = ifft2(G)``, the sum of the table over the cells where the motion passes, ``sum(table *
    M)``, is ``sum(G * ifft2(M))`` (Parseval), and the table's total is ``G[0, 0]``: so each switch costs
    one pass over the grid, and the mask's transform is taken once for each count of certain absentees.
    Both are real tables, so their transforms' columns ``k`` and ``-k`` are conjugate: the sum over the
    half kept counts each column but the first (and the middle one, for an even number) twice.
    """

    def __init__(self, model: ForecastModel, grid: _Grid, waver: Outcomes | None = None) -> None:
        self.model, self.grid, self.waver = model, grid, waver
        self._masks: dict[tuple[int, int], ComplexArray] = {}

    def mask(self, fixed: int, abstaining: int) -> ComplexArray:
        """``ifft2`` of the cells where the motion passes, with ``fixed`` members certain to stay away, of
        them ``abstaining`` in the chamber (present for a quorum)."""
        if (fixed, abstaining) not in self._masks:
            y = np.arange(self.grid.rows)[:, None]
            a = np.arange(self.grid.cols)[None, :] + fixed
            no = self.model.seats - y - a
            held = no >= 0  # equivalent mutant "0 -> -1": masked
            if self.waver is None:
                ok = (self.model.passes(y, np.maximum(no, 0), abstaining) & held).astype(np.float64)
            else:  # each cell weighed by the chance that the blocs left out give a pass
                ok = self.waver.weights(self.model, y, np.maximum(no, 0), abstaining)[0] * held
            half = np.fft.ifft2(ok)[:, : self.grid.half]
            twice = np.full(self.grid.half, 2.0)
            twice[0] = 1.0
            if self.grid.cols % 2 == 0:
                twice[-1] = 1.0
            self._masks[fixed, abstaining] = half * twice
        return self._masks[fixed, abstaining]

    def __call__(self, rest: ComplexArray, term: ComplexArray, fixed: int, abstaining: int) -> float:
        product = np.broadcast_to(rest * term, (self.grid.rows, self.grid.half))
        total = product[0, 0].real
        p = float(np.sum((product * self.mask(fixed, abstaining)).real) / total)
        return min(1.0, max(0.0, p))  # the transform's rounding, about 1e-15


def switched_p_pass_joint(model: ForecastModel, switches: dict[str, Bloc]) -> dict[str, float]:
    """P(pass) with the bloc of each key in ``switches`` replaced by its switched bloc, one at a time (the
    others as they are), over (yes, absent) pairs. The switched blocs keep their seats and are present
    (``p_absent`` 0); the model has no swing. Blocs that may abstain or vote yes where an abstention counts
    apart (:mod:`whipcount.tally.abstainers`) are left out of the grid and weigh its cells; each of them
    switched is a forecast of its own."""
    parts = split(model)
    if parts is None:
        return _switched(model, switches)
    rest, waver = parts
    kept = {b.key for b in rest.blocs}
    out = _switched(rest, {k: b for k, b in switches.items() if k in kept}, waver)
    for k, new in switches.items():
        if k not in kept:
            out[k] = p_pass_exact(replace(model, blocs=tuple(new if b.key == k else b for b in model.blocs)))[0]
    return out


def _switched(model: ForecastModel, switches: dict[str, Bloc], waver: Outcomes | None = None) -> dict[str, float]:
    singles, groups = units(model)
    # a wider grid than needed leaves its extra columns zero (a narrower one would fold the table onto itself)
    uncertain = [b for b in [*singles, *(b for bs, _ in groups for b in bs)] if _may_stay_away(b)]
    grid = _Grid(model.seats + 1, sum(b.seats for b in uncertain) + 1)  # equivalent mutants "1 -> 2": wider
    parts = _units(model)
    out: dict[str, float] = {}
    if not parts:
        return out
    fixed = sum(_fixed(u) for u in parts)
    passing = _Passing(model, grid, waver)
    halves = Halves(len(parts), lambda i: parts[i].term(grid), np.multiply, _keep_from(len(parts), grid))
    for i, rest in halves.outside(np.ones((1, 1), dtype=np.complex128)):
        unit = parts[i]
        for b in unit.blocs:
            if b.key in switches:
                new = unit.with_bloc(b, switches[b.key])
                # a switched abstainer votes: no longer away, nor counted toward a quorum as abstaining
                abstaining = model.abstaining - b.certain_abstainers + switches[b.key].certain_abstainers
                out[b.key] = passing(rest, new.term(grid), fixed - _fixed(unit) + _fixed(new), abstaining)
    return out


def _keep_from(parts: int, grid: _Grid) -> int:
    """The shortest half whose product the walk keeps: about ``2 parts / keep_from`` grids are kept, within
    :data:`TREE_BYTES` whatever the number of units."""
    room = max(2, TREE_BYTES // (16 * grid.cells))  # equivalent mutants: which halves are kept, not the products
    return max(2, -(-2 * parts // room))  # equivalent mutants: which halves are kept, not the products


def _may_stay_away(b: Bloc) -> bool:
    """A bloc whose absence is uncertain: each of its seats is a column of the grid (a bloc counted here
    that need not be only widens the grid, whose extra columns stay zero)."""
    uncertain = 0.0 < b.p_absent < 1.0  # equivalent mutants "< -> <=": a wider grid (docstring)
    return b.seats > 0 and uncertain  # equivalent mutants "and -> or", "> -> >=", "0 -> -1": a wider grid


def _fixed(unit: _Unit) -> int:
    """The unit's members certain to stay away."""
    return sum(b.seats for b in unit.blocs if b.p_absent >= 1.0)
