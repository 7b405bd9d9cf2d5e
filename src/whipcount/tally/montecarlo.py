"""Monte Carlo forecasts: the same model as the exact method, drawn vote by vote, and the swing.

Vectorised with numpy, in chunks so that memory stays bounded whatever the number of draws, with a
:class:`numpy.random.Generator` passed in (never a global one): chunk ``i`` draws from the ``i``-th
child of ``rng.spawn``, so a seed gives the same result whether chunks run on one thread or several.

By default (``collapse=True``) each independent unit that no swing moves is drawn in one step from its
exact distribution (:mod:`whipcount.tally.exact`, by inverse CDF): all such blocs outside groups
together, then each group. Blocs a swing moves (and the groups they belong to) are drawn bloc by bloc,
and so is everything with ``collapse=False``: per draw, the chamber's shock and each party's (a swing),
the group's latent switch and shared draw, each bloc's cohesion switch; then the members who decide
alone, pooled by class (members with the same probabilities and the same party shock are alike given the
shocks, so one binomial per class and draw covers them all). That simulation shares nothing with the
exact formulas, which is what the tests hold the exact method to.
"""

from __future__ import annotations

import math
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
BoolArray = npt.NDArray[np.bool_]


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
    # drawn members, pooled in classes of members who are alike once the shocks are drawn
    cls_p_yes: FloatArray  # (K,) p_yes without a shock
    cls_logit: FloatArray  # (K,) logit of p_yes among those who turn up (swinging classes)
    cls_p_absent: FloatArray  # (K,)
    cls_swings: BoolArray  # (K,)
    cls_party: IntArray  # (K,) whose party shock moves the class (-1: none)
    plain_n: IntArray  # (K,) members of drawn blocs that never act as one
    # drawn blocs that may act as one (cohesion > 0, or in a group)
    n: IntArray  # (B,), sorted by class; their classes are 0..KB-1
    cls: IntArray  # (B,) the class of each
    starts: IntArray  # (KB,) where each class starts among them (to pool members acting alone)
    cohesion: FloatArray
    group: IntArray
    together: FloatArray
    swing: float
    party_swing: float
    parties: int

    @property
    def shocked(self) -> bool:
        return bool(self.cls_swings.any()) and (self.swing > 0 or self.party_swing > 0)


def _logit(p: float) -> float:
    return math.log(p) - math.log1p(-p) if 0.0 < p < 1.0 else 0.0


def _plan(model: ForecastModel, collapse: bool) -> _Plan:
    needs_absent = model.needs_absent
    swinging = model.swinging
    cdfs: list[tuple[FloatArray, int]] = []
    fixed = 0

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
    drawn: list[tuple[Bloc, int]] = []  # (bloc, group index or -1)
    together: list[float] = []
    for blocs, t in units(model):
        moves = swinging and any(b.swings for b in blocs)
        if len(blocs) == 1 and t <= 0:
            b = blocs[0]
            if b.seats == 0:
                continue
            if moves or not (collapse or b.deterministic):
                drawn.append((b, -1))
            else:
                singles.append(b)
        elif moves or not collapse:
            drawn += [(b, len(together)) for b in blocs]
            together.append(t)
        else:
            fold(blocs, t)
    if singles:
        fold(singles, 0.0)

    # classes: members alike given the shocks (same probabilities, same party shock when there is one)
    party_ids: dict[str, int] = {}
    classes: dict[tuple[float, float, bool, int], int] = {}
    plain: list[int] = []
    may_act_as_one: list[tuple[Bloc, int, int]] = []  # (bloc, class, group)
    for b, g in drawn:
        sw = swinging and b.swings
        party = party_ids.setdefault(b.party or b.key, len(party_ids)) if sw and model.party_swing > 0 else -1
        k = classes.setdefault((b.p_yes, b.p_absent, sw, party), len(classes))
        if k == len(plain):
            plain.append(0)
        if g < 0 and (b.cohesion <= 0 or b.seats <= 1):
            plain[k] += b.seats
        else:
            may_act_as_one.append((b, k, g))
    # renumber: the classes of blocs that may act as one first, in order, and those blocs sorted by class
    first = sorted(classes.values(), key=lambda k: (k not in {c for _, c, _ in may_act_as_one}, k))
    renum = {old: new for new, old in enumerate(first)}
    keys = [key for key, _ in sorted(classes.items(), key=lambda kv: renum[kv[1]])]
    plain = [plain[old] for old in first]
    may_act_as_one = sorted(((b, renum[k], g) for b, k, g in may_act_as_one), key=lambda t: t[1])
    cls = np.array([k for _, k, _ in may_act_as_one], dtype=np.int64)
    starts = np.flatnonzero(np.diff(cls, prepend=-1)) if len(cls) else np.zeros(0, dtype=np.int64)
    return _Plan(
        total=model.seats,
        needs_absent=needs_absent,
        cdfs=tuple(cdfs),
        fixed_absent=fixed,
        cls_p_yes=np.array([k[0] for k in keys], dtype=np.float64),
        cls_logit=np.array([_logit(k[0] / (1.0 - k[1])) if k[2] else 0.0 for k in keys], dtype=np.float64),
        cls_p_absent=np.array([k[1] for k in keys], dtype=np.float64),
        cls_swings=np.array([k[2] for k in keys], dtype=np.bool_),
        cls_party=np.array([k[3] for k in keys], dtype=np.int64),
        plain_n=np.array(plain, dtype=np.int64),
        n=np.array([b.seats for b, _, _ in may_act_as_one], dtype=np.int64),
        cls=cls,
        starts=starts.astype(np.int64),
        cohesion=np.array([b.cohesion for b, _, _ in may_act_as_one], dtype=np.float64),
        group=np.array([g for _, _, g in may_act_as_one], dtype=np.int64),
        together=np.array(together, dtype=np.float64),
        swing=model.swing,
        party_swing=model.party_swing,
        parties=len(party_ids),
    )


def _p_yes(plan: _Plan, m: int, rng: np.random.Generator) -> FloatArray:
    """P(yes) of one member of each class in each draw, (m, K), or (1, K) when nothing swings."""
    if not plan.shocked:
        return plan.cls_p_yes[None, :]
    sw = np.flatnonzero(plan.cls_swings)
    x = np.broadcast_to(plan.cls_logit[sw], (m, len(sw)))
    if plan.swing > 0:
        x = x + rng.standard_normal((m, 1)) * plan.swing
    if plan.party_swing > 0:
        x = x + (rng.standard_normal((m, plan.parties)) * plan.party_swing)[:, plan.cls_party[sw]]
    # expit(x) = (1 + tanh(x / 2)) / 2: no overflow however large the shock
    moved = np.tanh(0.5 * x)
    moved += 1.0
    moved *= 0.5 * (1.0 - plan.cls_p_absent[sw])
    q = np.empty((m, len(plan.cls_p_yes)))
    q[:] = plan.cls_p_yes
    q[:, sw] = moved
    return q


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
    k = len(plan.cls_p_yes)
    if k:
        q = _p_yes(plan, m, rng)  # (m, K) or (1, K)
        alone = np.broadcast_to(plan.plain_n, (m, k))
        nb = len(plan.n)
        if nb:
            q_b = q[:, plan.cls]
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
            n_float = plan.n.astype(np.float64)  # counts summed by a matrix product (exact below 2**53)
            yes += np.rint((as_one & (u < q_b)) @ n_float).astype(np.int64)
            if plan.needs_absent:
                gone = as_one & (u >= 1.0 - plan.cls_p_absent[plan.cls])
                absent += np.rint(gone @ n_float).astype(np.int64)
            # members of blocs not acting as one decide alone, pooled by class
            apart = np.where(as_one, 0, plan.n)
            if len(plan.starts) < nb:
                apart = np.add.reduceat(apart, plan.starts, axis=1)
            alone = alone.copy()
            alone[:, : len(plan.starts)] += apart
        q_full = np.broadcast_to(q, (m, k))
        ind_yes = rng.binomial(alone, q_full)
        yes += ind_yes.sum(axis=1)
        if plan.needs_absent:
            # of those who do not vote yes, the share who stay away
            rest = np.clip(plan.cls_p_absent / np.maximum(1.0 - q_full, 1e-300), 0.0, 1.0)
            absent += rng.binomial(alone - ind_yes, np.where(q_full < 1.0, rest, 0.0)).sum(axis=1)
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
        chunk = max(1_000, CELL_BUDGET // max(len(plan.n) + len(plan.cls_p_yes), 1))
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
