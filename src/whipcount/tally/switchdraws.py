"""P(pass) with each bloc switched in turn, by Monte Carlo, from one sample instead of one per bloc.

A switched bloc votes as one with certainty (all yes or all no, none away), so its votes need no draw. The
others' votes do not depend on its own: the shocks move each bloc by its own probabilities, and a group
acting as one gives each of its blocs a direction from the shared draw and that bloc's probabilities. So
the switched chamber's votes in a draw are the chamber's, less what the bloc gave in that draw, plus its
certain votes: every switch is read from one sample, with one pass test a bloc and draw, instead of one
simulation a bloc.

The sample is drawn by the same code as every Monte Carlo forecast (:mod:`whipcount.tally.montecarlo`:
shocks, groups, cohesion, absences), planned with ``apart`` (:func:`whipcount.tally.drawplan.plan`): each
bloc whose vote is uncertain is a class of its own, so a draw tells what each bloc gave. Memory stays
bounded: chunks of draws of the forecast's own size in cells, and the switches of a chunk a block of blocs
at a time.

Each switch is kept as two counts: of the draws that pass, those that still pass with the switch
(``kept``), and of those that fail, those that pass with it (``gained``). :meth:`SwitchedDraws.p_after`
carries a P(pass) estimated elsewhere (a forecast's headline, from its own sample) through them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.model.arguments import check_count
from whipcount.tally.abstainers import wavering_blocs
from whipcount.tally.drawplan import BoolArray, IntArray, Plan
from whipcount.tally.drawplan import plan as make_plan
from whipcount.tally.model import Bloc, ForecastModel
from whipcount.tally.montecarlo import CELL_BUDGET, Draws, chunks, draw, passes

__all__ = ["SwitchedDraws", "switched_draws"]

ROW_CELLS = CELL_BUDGET
"""Cells (switches times draws) in one block of a chunk's switches: 1 MB an array of counts."""
MIN_CHUNK = 16  # equivalent mutant: the chunks' size sets which generator draws what, not the model
"""The fewest draws in a chunk (a chamber of thousands of blocs draws a few dozen at a time)."""


@dataclass(frozen=True, slots=True)
class SwitchedDraws:
    """Counts from one sample: draws, how many passed, and for each switched bloc's key, of the draws that
    passed, how many still pass with the switch (``kept``), and of those that failed, how many pass with it
    (``gained``)."""

    sims: int
    passed: int
    kept: dict[str, int]
    gained: dict[str, int]

    @property
    def p_pass(self) -> float:
        """The share of the sample's draws that passed, no bloc switched."""
        return self.passed / self.sims

    def p_after(self, key: str, base: float | None = None) -> float:
        """P(pass) with the bloc ``key`` switched: the share of draws that pass with the switch; given
        ``base``, P(pass) estimated elsewhere, ``base`` times the share of passing draws the switch keeps
        plus ``1 - base`` times the share of failing draws it turns round. A switch that changes no draw
        gives ``base`` itself, one that makes the outcome certain 0 or 1; with ``base`` equal to the
        sample's own P(pass) both are the same share. A stratum with no draw (``base`` near 0 or 1) is
        given the share over all draws."""
        kept, gained = self.kept[key], self.gained[key]
        share = (kept + gained) / self.sims
        if base is None:
            return share
        failed = self.sims - self.passed
        still = kept / self.passed if self.passed else share
        turned = gained / failed if failed else share
        return base * still + (1.0 - base) * turned

    def stderr(self, key: str, base: float | None = None) -> float:
        """The standard error of :meth:`p_after` from this sample's draws (``base`` taken as known): the
        binomial errors of the two shares, weighted as :meth:`p_after` weighs them (of the share alone,
        without ``base``). Two switches whose changes differ by less than a few of these may be listed in
        either order, or on either side of a threshold, by another sample."""
        kept, gained = self.kept[key], self.gained[key]
        if base is None:
            return _binomial_se(kept + gained, self.sims)
        failed = self.sims - self.passed
        if not self.passed or not failed:  # p_after used the share over all draws
            return _binomial_se(kept + gained, self.sims)
        return float(np.hypot(base * _binomial_se(kept, self.passed), (1.0 - base) * _binomial_se(gained, failed)))


def _binomial_se(hits: int, n: int) -> float:
    """The standard error of the share ``hits / n`` of ``n`` independent draws."""
    share = hits / n
    return float(np.sqrt(share * (1.0 - share) / n))


@dataclass(frozen=True, slots=True)
class _Rows:
    """The switched blocs as rows: where each bloc's votes are read in a chunk (its class's row and its row
    among the blocs that may act as one, -1 for none), its seats, its certain votes where it is not drawn,
    and its votes switched."""

    keys: tuple[str, ...]
    cls: IntArray
    one: IntArray
    seats: IntArray
    certain_yes: IntArray
    certain_absent: IntArray
    new_yes: IntArray
    abstaining: IntArray
    """Its members certain to abstain (:attr:`Bloc.certain_abstainers`), who vote once switched."""
    wavering: IntArray
    """1 for a bloc that may abstain or vote yes where an abstention counts apart: its members drawn away
    abstained, and vote once switched (0 for the others)."""


def _rows(model: ForecastModel, plan: Plan, switches: dict[str, Bloc]) -> _Rows:
    cls = {k: i for i, k in enumerate(plan.class_keys)}
    one = {k: i for i, k in enumerate(plan.as_one_keys)}
    blocs = {b.key: b for b in model.blocs}  # once: model.bloc per key would be quadratic in the blocs
    waver = {b.key for b in wavering_blocs(model)}
    keys, c, o, seats, cy, ca, ny, ab, wa = [], [], [], [], [], [], [], [], []
    for key, new in switches.items():
        if key not in blocs:
            raise ForecastError(f"switched bloc {key!r}: the model has no such bloc")
        old = blocs[key]
        if new.seats != old.seats or not new.deterministic or new.p_absent != 0.0:
            raise ForecastError(f"switched bloc {key!r}: expected its {old.seats} seats voting yes or no as one, "
                                f"with certainty, got p_yes {new.p_yes}, p_absent {new.p_absent}, seats {new.seats}")
        if old.seats == 0:  # equivalent mutant "0 -> -1": a bloc of no seats gives and takes nothing
            continue
        drawn = key in cls
        keys.append(key)
        c.append(cls.get(key, -1))  # equivalent mutant "1 -> 2": any negative index reads no row
        o.append(one.get(key, -1))  # equivalent mutant "1 -> 2": any negative index reads no row
        seats.append(old.seats)
        # a bloc not drawn apart is certain (apart draws every other bloc): its votes are whole numbers
        cy.append(0 if drawn else round(old.seats * old.p_yes))
        ca.append(0 if drawn else round(old.seats * old.p_absent))
        ny.append(round(new.seats * new.p_yes))
        ab.append(old.certain_abstainers)
        wa.append(int(key in waver))

    def ints(v: list[int]) -> IntArray:
        return np.array(v, dtype=np.int64)

    return _Rows(tuple(keys), ints(c), ints(o), ints(seats), ints(cy), ints(ca), ints(ny), ints(ab), ints(wa))


def _read(rows: npt.NDArray[np.int64] | BoolArray | None, idx: IntArray, m: int) -> IntArray:
    """Row ``idx[i]`` of ``rows`` for each i, 0 where ``idx[i]`` is -1 (or there are no rows)."""
    out = np.zeros((len(idx), m), dtype=np.int64)
    if rows is not None:  # rows are there whenever an index is (no index: an empty assignment)
        has = idx >= 0
        out[has] = rows[idx[has]]
    return out


def _passes(model: ForecastModel, plan: Plan, yes: IntArray, absent: IntArray,
            abstaining: IntArray | int) -> BoolArray:
    if plan.passes_with is not None:  # no absences to draw: the yes votes decide
        return plan.passes_with[yes]
    return model.passes(yes, plan.total - yes - absent, abstaining)


def _tally(model: ForecastModel, plan: Plan, rows: _Rows, drawn: Draws) -> tuple[int, IntArray, IntArray]:
    """Of one chunk: the draws that pass, and for each row those that pass with its switch, of those that
    passed and of those that failed."""
    m = len(drawn.yes)
    before = passes(model, plan, drawn)
    # members abstaining in each draw: those certain to, and those drawn abstaining where that counts apart
    abstaining = model.abstaining if drawn.abstaining is None else model.abstaining + drawn.abstaining
    kept = np.zeros(len(rows.keys), dtype=np.int64)
    gained = np.zeros(len(rows.keys), dtype=np.int64)
    step = max(1, ROW_CELLS // m)  # equivalent mutant "1 -> 2": the same counts in blocks of any size
    for lo in range(0, len(rows.keys), step):
        part = slice(lo, lo + step)
        seats = rows.seats[part, None]
        gave_yes = _read(drawn.alone_yes, rows.cls[part], m)
        gave_yes += _read(drawn.one_yes, rows.one[part], m) * seats
        gave_yes += rows.certain_yes[part, None]
        yes = drawn.yes + (rows.new_yes[part, None] - gave_yes)
        absent = drawn.absent
        # a switched abstainer votes: no longer counted toward a quorum as abstaining
        now = abstaining - rows.abstaining[part, None]
        if plan.passes_with is None:
            gave_absent = _read(drawn.alone_absent, rows.cls[part], m)
            gave_absent += _read(drawn.one_away, rows.one[part], m) * seats
            gave_absent += rows.certain_absent[part, None]
            absent = drawn.absent - gave_absent
            now = now - gave_absent * rows.wavering[part, None]
        after = _passes(model, plan, yes, absent, now)
        kept[part] = np.count_nonzero(after & before, axis=1)
        gained[part] = np.count_nonzero(after & ~before, axis=1)
    return int(np.count_nonzero(before)), kept, gained


def switched_draws(model: ForecastModel, switches: dict[str, Bloc], *, sims: int, rng: np.random.Generator,
                   workers: int = 1) -> SwitchedDraws:  # equivalent mutant "1 -> 2": threads do not change the counts
    """Draw ``sims`` votes of ``model`` and count, for each key of ``switches``, the draws that pass with
    that bloc replaced by its switched bloc (the others as they are). A switched bloc must keep its seats
    and vote yes or no as one with certainty (``p_yes`` 0 or 1, ``p_absent`` 0). Chunks draw from the
    children of ``rng``'s SeedSequence, as :func:`whipcount.tally.montecarlo.simulate`'s do."""
    sims = check_count(sims, "Monte Carlo: sims (the number of draws)")
    if sims <= 0:
        raise ForecastError(f"Monte Carlo: the number of draws must be positive, got {sims}")
    workers = check_count(workers, "Monte Carlo: workers")
    if workers < 1:
        raise ForecastError(f"Monte Carlo: workers must be at least 1, got {workers}")
    plan = make_plan(model, collapse=False, apart=True)
    rows = _rows(model, plan, switches)
    # equivalent mutant "+ -> -" (either): only the chunks' size, which sets which generator draws what
    cells = len(plan.n) + len(plan.cls_p_yes) + len(rows.keys)
    # chunks of the forecast's own size in cells (one to four times as large measured no faster on the
    # benchmark's 600 and 2,000 blocs; larger ones hold more binomial pieces at once)
    chunk = max(MIN_CHUNK, CELL_BUDGET // max(cells, 1))  # equivalent mutant "1 -> 2": the chunks' size

    def work(m: int, child: np.random.Generator) -> tuple[int, IntArray, IntArray]:
        return _tally(model, plan, rows, draw(plan, m, child))

    passed = 0
    kept = np.zeros(len(rows.keys), dtype=np.int64)
    gained = np.zeros(len(rows.keys), dtype=np.int64)
    for _, (p, k, g) in chunks(work, sims=sims, chunk=chunk, rng=rng, workers=workers):
        passed += p
        kept += k
        gained += g
    return SwitchedDraws(sims, passed, dict(zip(rows.keys, kept.tolist(), strict=True)),
                         dict(zip(rows.keys, gained.tolist(), strict=True)))
