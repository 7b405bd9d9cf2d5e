"""Monte Carlo forecasts: the same model as the exact method, drawn vote by vote.

Vectorised with numpy, in chunks so that memory stays bounded whatever the number of draws, with a
:class:`numpy.random.Generator` passed in (never a global one): chunk ``i`` draws from the ``i``-th
child of ``rng.spawn``, so a seed gives the same result whether chunks run on one thread or several.

By default (``collapse=True``) each independent unit is drawn in one step from its exact distribution
(:mod:`whipcount.tally.exact`, by inverse CDF): all blocs outside groups together, then each group.
``collapse=False`` draws bloc by bloc instead: the group's latent switch and shared draw, each bloc's
cohesion switch, then a binomial for blocs whose members decide alone. That is a simulation of the
model that shares nothing with the exact formulas, which is what the tests hold the exact method to.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.tally.exact import unit_table, unit_yes_pmf, units
from whipcount.tally.model import Bloc, Forecast, ForecastModel, summarise

__all__ = ["CELL_BUDGET", "MonteCarloResult", "monte_carlo_forecast", "simulate"]

CELL_BUDGET = 1_000_000
"""Cells per (draws x blocs) array in one chunk: about 8 MB each, a few dozen MB at most per chunk."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class MonteCarloResult:
    """Raw counts from a run: draws, how many passed, and the histogram of yes votes."""

    sims: int
    passed: int
    yes_hist: IntArray

    @property
    def p_pass(self) -> float:
        """The share of draws in which the motion passed."""
        return self.passed / self.sims

    @property
    def stderr(self) -> float:
        """The standard error of :attr:`p_pass` (binomial)."""
        p = self.p_pass
        return float(np.sqrt(max(p * (1.0 - p), 0.0) / self.sims))


@dataclass(frozen=True, slots=True)
class _Plan:
    total: int
    needs_absent: bool
    # the collapsed units: one CDF each over flattened (yes, absent) cells, and its width
    cdfs: tuple[tuple[FloatArray, int], ...]
    fixed_absent: int
    # blocs drawn one by one
    n: IntArray
    p_yes: FloatArray
    p_yes_or_no: FloatArray
    p_absent_rest: FloatArray
    cohesion: FloatArray
    group: IntArray
    together: FloatArray


def _plan(model: ForecastModel, collapse: bool) -> _Plan:
    group_of: dict[str, int] = {}
    together: list[float] = []
    needs_absent = model.needs_absent
    cdfs: list[tuple[FloatArray, int]] = []
    fixed = 0
    drawn: list[Bloc] = []

    def fold(blocs: list[Bloc], t: float) -> None:
        nonlocal fixed
        if needs_absent:
            table, f = unit_table(blocs, t)
            fixed += f
            flat, width = table.ravel(), table.shape[1]
        else:
            flat, width = unit_yes_pmf(blocs, t), 1
        cdf = np.cumsum(flat)
        cdfs.append((cdf / cdf[-1], width))

    singles: list[Bloc] = []
    for blocs, t in units(model):
        if len(blocs) == 1 and t <= 0:
            b = blocs[0]
            if b.seats == 0:
                continue
            (singles if collapse or b.deterministic else drawn).append(b)
        elif collapse:
            fold(blocs, t)
        else:
            for b in blocs:
                group_of[b.key] = len(together)
            together.append(t)
            drawn += blocs
    if singles:
        fold(singles, 0.0)
    n = np.array([b.seats for b in drawn], dtype=np.int64)
    py = np.array([b.p_yes for b in drawn], dtype=np.float64)
    pa = np.array([b.p_absent for b in drawn], dtype=np.float64)
    rest = np.where(py < 1.0, pa / np.where(py < 1.0, 1.0 - py, 1.0), 0.0)
    return _Plan(
        total=model.seats,
        needs_absent=needs_absent,
        cdfs=tuple(cdfs),
        fixed_absent=fixed,
        n=n,
        p_yes=py,
        p_yes_or_no=np.minimum(py + np.maximum(1.0 - py - pa, 0.0), 1.0),
        p_absent_rest=np.clip(rest, 0.0, 1.0),
        cohesion=np.array([b.cohesion for b in drawn], dtype=np.float64),
        group=np.array([group_of.get(b.key, -1) for b in drawn], dtype=np.int64),
        together=np.array(together, dtype=np.float64),
    )


def _chunk(plan: _Plan, model: ForecastModel, m: int, rng: np.random.Generator) -> tuple[int, IntArray]:
    yes = np.zeros(m, dtype=np.int64)
    absent = np.full(m, plan.fixed_absent, dtype=np.int64)
    for cdf, width in plan.cdfs:
        idx = np.searchsorted(cdf, rng.random(m), side="right")
        np.minimum(idx, len(cdf) - 1, out=idx)
        if plan.needs_absent:
            y, a = np.divmod(idx, width)
            yes += y
            absent += a
        else:
            yes += idx
    nb = len(plan.n)
    if nb:
        u = rng.random((m, nb))
        if len(plan.together):
            gate = rng.random((m, len(plan.together))) < plan.together
            gu = rng.random((m, len(plan.together)))
            ing = plan.group >= 0
            gi = np.where(ing, plan.group, 0)
            in_gate = gate[:, gi] & ing
            u = np.where(in_gate, gu[:, gi], u)
            as_one = in_gate | (rng.random((m, nb)) < plan.cohesion)
        else:
            as_one = rng.random((m, nb)) < plan.cohesion
        ind_yes = rng.binomial(plan.n, plan.p_yes, size=(m, nb))
        by_bloc = np.where(as_one, np.where(u < plan.p_yes, plan.n, 0), ind_yes)
        yes += by_bloc.sum(axis=1)
        if plan.needs_absent:
            ind_abs = rng.binomial(plan.n - ind_yes, plan.p_absent_rest)
            gone = np.where(as_one, np.where(u >= plan.p_yes_or_no, plan.n, 0), ind_abs)
            absent += gone.sum(axis=1)
    no = plan.total - yes - absent
    passed = int(np.count_nonzero(model.rule.passes(yes, no)))
    return passed, np.bincount(yes, minlength=plan.total + 1).astype(np.int64)


def simulate(
    model: ForecastModel,
    *,
    sims: int,
    rng: np.random.Generator,
    chunk: int | None = None,
    collapse: bool = True,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> MonteCarloResult:
    """Draw ``sims`` votes from ``model``; ``progress(k)`` is told after each chunk of ``k`` draws."""
    if sims <= 0:
        raise ForecastError(f"Monte Carlo: the number of draws must be positive, got {sims}")
    if workers < 1:
        raise ForecastError(f"Monte Carlo: workers must be at least 1, got {workers}")
    plan = _plan(model, collapse)
    if chunk is None:
        chunk = max(1_000, CELL_BUDGET // max(len(plan.n), 1))
    sizes = [chunk] * (sims // chunk) + ([sims % chunk] if sims % chunk else [])
    children = rng.spawn(len(sizes))
    passed = 0
    hist = np.zeros(plan.total + 1, dtype=np.int64)
    if workers == 1 or len(sizes) == 1:
        for m, child in zip(sizes, children, strict=True):
            p, h = _chunk(plan, model, m, child)
            passed += p
            hist += h
            if progress is not None:
                progress(m)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_chunk, plan, model, m, child)
                       for m, child in zip(sizes, children, strict=True)]
            for m, fut in zip(sizes, futures, strict=True):
                p, h = fut.result()
                passed += p
                hist += h
                if progress is not None:
                    progress(m)
    return MonteCarloResult(sims, passed, hist)


def monte_carlo_forecast(
    model: ForecastModel,
    *,
    sims: int,
    rng: np.random.Generator,
    chunk: int | None = None,
    collapse: bool = True,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Forecast:
    """A Monte Carlo :class:`Forecast` from ``sims`` draws."""
    res = simulate(model, sims=sims, rng=rng, chunk=chunk, collapse=collapse, workers=workers,
                   progress=progress)
    return summarise(model, res.p_pass, res.yes_hist.astype(np.float64), "monte-carlo", sims, res.stderr)
