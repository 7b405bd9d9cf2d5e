"""Monte Carlo forecasts: the same model as the exact method, drawn vote by vote, and the swing.

Vectorised with numpy, in chunks so that memory stays bounded whatever the number of draws, with a
:class:`numpy.random.Generator` passed in (never a global one): chunk ``i`` draws from the ``i``-th
child of ``rng.spawn``, so a seed gives the same result whether chunks run on one thread or several.
Chunks are small (a few hundred to a few thousand draws) so that their arrays stay in the cache.

By default (``collapse=True``) each independent unit that no swing moves is drawn in one step from its
exact distribution (:mod:`whipcount.tally.exact`, by inverse CDF): all such blocs outside groups
together, then each group. Blocs a swing moves (and the groups they belong to) are drawn bloc by bloc,
and so is everything with ``collapse=False``: per draw, the chamber's shock and each party's (a swing,
one matrix product of the normal draws gives every class's logit), the group's switch and shared draw,
each bloc's cohesion switch (one uniform: below ``cohesion * q`` the bloc votes yes as one, below
``cohesion`` it acts as one); then the members who decide alone, pooled by class (members with the
same probabilities and the same party shock are alike given the shocks, so one binomial per class and
draw covers them all, drawn by :func:`whipcount.tally.binomial.binomial`). That simulation shares
nothing with the exact formulas, which is what the tests hold the exact method to.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.tally.binomial import binomial
from whipcount.tally.exact import unit_table, unit_yes_pmf, units
from whipcount.tally.model import Bloc, Forecast, ForecastModel, summarise

__all__ = ["CELL_BUDGET", "MonteCarloResult", "monte_carlo_forecast", "simulate", "spawnable"]

CELL_BUDGET = 65_536  # equivalent mutant: the chunks' size sets which generator draws what, not the model
"""Cells per (draws x blocs) array in one chunk: 512 KB each, so that a chunk's arrays stay in a core's cache.
Measured on the forecast benchmark's chamber and party swing (10^6 draws, a 2-core Intel Xeon with 2 MB of
L2 cache a core): 0.82 s of CPU on one thread at 32,768 cells, 0.78 s at 65,536, 1.1 s at 131,072 (the draws
are memory-bound); on two threads 0.90 s wall at 32,768 (slower than one: short numpy loops, threads waiting
on each other) and 0.65 s at 65,536."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Float32Array = npt.NDArray[np.float32]
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
    cls_p_yes: FloatArray  # (K,) p_yes without a shock; the classes a shock moves come first
    cls_p_absent: FloatArray  # (K,)
    plain_n: IntArray  # (K,) members of drawn blocs that never act as one
    cls_members: IntArray  # (K,) all drawn members of each class
    # the shocks: (S, K) weights of the S normal shocks (chamber, parties) in half the logit of each
    # class, half that logit without a shock, and half the share who turn up (classes no shock moves:
    # weight 0, atanh(2 p_yes - 1) and 1/2, which give back p_yes)
    shocked: bool
    shock_weights: FloatArray
    half_logit: FloatArray
    half_turn: FloatArray
    # drawn blocs that may act as one (cohesion > 0, or in a group)
    n: IntArray  # (B,)
    n_float: Float32Array  # (B,) the same as floats, to sum blocs acting as one by a matrix product
    members: Float32Array  # (B, K) each bloc's members under its class, to pool those deciding alone
    cls: IntArray  # (B,) the class of each
    inv_cohesion: FloatArray  # (B,) 1 / cohesion, or 1 where cohesion is 0
    lift: FloatArray  # (B,) 1 where cohesion is 0 (never below 1 unless its group is on), else 0
    lone_blocs: bool  # any bloc with cohesion 0 (in a group)
    stay: FloatArray  # (B,) 1 - p_absent: at or above it, a bloc acting as one stays away
    in_group: BoolArray  # (B,)
    group_col: IntArray  # (B,) its group (0 when in none)
    together: FloatArray


def _half_logit_of(p: float) -> float:
    """atanh(2p - 1), half the logit of p: (1 + tanh of it) / 2 gives back p (infinite at 0 and 1)."""
    with np.errstate(divide="ignore"):
        return float(np.arctanh(2.0 * p - 1.0))


def _logit(p: float) -> float:
    """The logit of ``0 < p < 1``: a bloc a swing moves has ``0 < p_yes < 1 - p_absent`` (:attr:`Bloc.swings`),
    so ``p_yes / (1 - p_absent)`` is strictly between 0 and 1 in floating point too (below 1 by at least
    half an ulp of 1: ``p_yes`` is at least an ulp of ``1 - p_absent`` below it)."""
    return math.log(p) - math.log1p(-p)


def _coheres(b: Bloc) -> bool:
    """Whether the bloc may act as one outside a group: a cohesion whose inverse is a finite number (a
    cohesion below 1e-308 acts as one with probability 0 in floating point all the same)."""
    return b.cohesion > 0 and math.isfinite(1.0 / b.cohesion)


ClassKey = tuple[float, float, bool, int]  # p_yes, p_absent, moved by a shock, party shock (-1: none)


def _cdf(blocs: list[Bloc], together: float, needs_absent: bool) -> tuple[FloatArray, int, int]:
    """One unit collapsed: the CDF over its flattened (yes, absent) cells, its width, certain absentees."""
    fixed = 0
    if needs_absent:
        table, fixed = unit_table(blocs, together)
        flat, width = table.ravel(), table.shape[1]
    else:
        flat, width = unit_yes_pmf(blocs, together), 1
    cdf = np.cumsum(flat)
    return cdf / cdf[-1], width, fixed


def _plan(model: ForecastModel, collapse: bool) -> _Plan:
    """What every chunk draws: the units collapsed to one exact draw each (all blocs outside groups that no
    swing moves together, then each such group), and the rest bloc by bloc, pooled in classes."""
    needs_absent, swinging = model.needs_absent, model.swinging
    cdfs: list[tuple[FloatArray, int]] = []
    fixed = 0
    singles: list[Bloc] = []
    drawn: list[tuple[Bloc, int]] = []  # (bloc, group index or -1)
    together: list[float] = []
    folded: list[tuple[list[Bloc], float]] = []
    alone, groups = units(model)
    for b in alone:
        if b.seats == 0:  # equivalent mutant "0 -> -1": a bloc of no seats adds no vote wherever it goes
            continue
        if (swinging and b.swings) or not (collapse or b.deterministic):
            drawn.append((b, -1))
        else:
            singles.append(b)
    for blocs, t in groups:
        if (swinging and any(b.swings for b in blocs)) or not collapse:
            drawn += [(b, len(together)) for b in blocs]
            together.append(t)
        else:
            folded.append((blocs, t))
    if singles:
        folded.append((singles, 0.0))
    for blocs, t in folded:
        cdf, width, f = _cdf(blocs, t, needs_absent)
        cdfs.append((cdf, width))
        fixed += f
    keys, plain_n, may_act_as_one, parties = _classes(model, drawn, swinging)
    return _assemble(model, keys, plain_n, may_act_as_one, parties,
                     cdfs=tuple(cdfs), fixed=fixed, together=together)


def _classes(model: ForecastModel, drawn: list[tuple[Bloc, int]], swinging: bool
             ) -> tuple[list[ClassKey], IntArray, list[tuple[Bloc, int, int]], int]:
    """Pool the drawn members in classes of members alike given the shocks (same probabilities, same party
    shock when there is one), those a shock moves first: each class's key and its members who never act
    as one; the blocs that may (with their class and group); and how many parties have a shock."""
    party_ids: dict[str, int] = {}
    classes: dict[ClassKey, int] = {}
    plain: list[int] = []
    may_act_as_one: list[tuple[Bloc, int, int]] = []  # (bloc, class, group)
    for b, g in drawn:
        sw = swinging and b.swings
        # a party shock of weight 0 (no party swing), or one no class of the party feels, moves nothing
        shocked = sw and model.party_swing > 0  # equivalent mutants "and -> or", "0 -> -1": above
        party = party_ids.setdefault(b.party or b.key, len(party_ids)) if shocked else -1  # equivalent mutant "1 -> 2"
        k = classes.setdefault((b.p_yes, b.p_absent, sw, party), len(classes))
        if k == len(plain):
            plain.append(0)
        # a bloc that never acts as one (cohesion 0) or has one member draws the same votes pooled or alone
        lone = b.cohesion <= 0 or b.seats <= 1  # equivalent mutants "<= -> <", "0 -> -1", "or -> and", "1 -> 0": above
        if g < 0 and lone:
            plain[k] += b.seats
        else:
            may_act_as_one.append((b, k, g))
    listed = list(classes)
    order = sorted(range(len(listed)), key=lambda k: not listed[k][2])
    renum = {old: new for new, old in enumerate(order)}
    keys = [listed[k] for k in order]
    return (keys, np.array(plain, dtype=np.int64)[order], [(b, renum[k], g) for b, k, g in may_act_as_one],
            len(party_ids))


def _shock_weights(model: ForecastModel, keys: list[ClassKey], moved: list[bool], parties: int) -> FloatArray:
    """One row per normal shock, the chamber's (when it swings) then each party's: its weight in half the
    logit of each class (0 for the classes no shock moves)."""
    weights = np.zeros((1 + parties, len(keys)))
    for j, key in enumerate(keys):
        if moved[j]:
            weights[0, j] = 0.5 * model.swing
            if key[3] >= 0:
                weights[1 + key[3], j] = 0.5 * model.party_swing
    return weights if model.swing > 0 else weights[1:]  # equivalent mutant "0 -> -1": a chamber row of zeros


def _assemble(model: ForecastModel, keys: list[ClassKey], plain_n: IntArray,
              may_act_as_one: list[tuple[Bloc, int, int]], parties: int, *,
              cdfs: tuple[tuple[FloatArray, int], ...], fixed: int, together: list[float]) -> _Plan:
    """The plan's arrays from the classes and the blocs that may act as one."""
    n = np.array([b.seats for b, _, _ in may_act_as_one], dtype=np.int64)
    cls = np.array([k for _, k, _ in may_act_as_one], dtype=np.int64)
    members = np.zeros((len(n), len(keys)))
    members[np.arange(len(n)), cls] = n
    moved = [k[2] for k in keys]
    blocs = [b for b, _, _ in may_act_as_one]
    return _Plan(
        total=model.seats,
        needs_absent=model.needs_absent,
        cdfs=cdfs,
        fixed_absent=fixed,
        cls_p_yes=np.array([k[0] for k in keys], dtype=np.float64),
        cls_p_absent=np.array([k[1] for k in keys], dtype=np.float64),
        plain_n=plain_n,
        cls_members=plain_n + members.sum(axis=0).astype(np.int64),
        shock_weights=_shock_weights(model, keys, moved, parties),
        shocked=any(moved),
        half_logit=np.array([0.5 * _logit(k[0] / (1.0 - k[1])) if mv else _half_logit_of(k[0])
                             for k, mv in zip(keys, moved, strict=True)], dtype=np.float64),
        half_turn=np.array([0.5 * (1.0 - k[1]) if mv else 0.5 for k, mv in zip(keys, moved, strict=True)],
                           dtype=np.float64),
        n=n,
        n_float=n.astype(np.float32),
        members=members.astype(np.float32),
        cls=cls,
        inv_cohesion=np.array([1.0 / b.cohesion if _coheres(b) else 1.0 for b in blocs]),
        lift=np.array([0.0 if _coheres(b) else 1.0 for b in blocs]),
        lone_blocs=not all(_coheres(b) for b in blocs),
        stay=np.array([1.0 - b.p_absent for b in blocs], dtype=np.float64),
        in_group=np.array([g >= 0 for _, _, g in may_act_as_one], dtype=np.bool_),
        group_col=np.array([max(g, 0) for _, _, g in may_act_as_one], dtype=np.int64),
        together=np.array(together, dtype=np.float64),
    )


def _p_yes(plan: _Plan, m: int, rng: np.random.Generator) -> FloatArray:
    """P(yes) of one member of each class in each draw, (m, K), or (1, K) when nothing swings."""
    if not plan.shocked:
        return plan.cls_p_yes[None, :]
    # half the logit of each class, shocks included: one normal per shock, weighted by a matrix (the
    # classes no shock moves have weight 0 and come out at their p_yes, to rounding)
    x = rng.standard_normal((m, plan.shock_weights.shape[0])) @ plan.shock_weights
    x += plan.half_logit
    # expit(2y) = (1 + tanh(y)) / 2: no overflow however large the shock
    np.tanh(x, out=x)
    x += 1.0
    x *= plan.half_turn
    return x


def _chunk(plan: _Plan, model: ForecastModel, m: int, rng: np.random.Generator) -> tuple[int, IntArray]:
    yes = np.zeros(m, dtype=np.int64)
    absent = np.full(m, plan.fixed_absent, dtype=np.int64)
    for cdf, width in plan.cdfs:
        # the CDF's last cell is exactly 1 (a number divided by itself), above every uniform: idx < len(cdf)
        idx = np.searchsorted(cdf, rng.random(m), side="right")
        if plan.needs_absent:
            y, a = np.divmod(idx, width)
            yes += y
            absent += a
        else:
            yes += idx
    if len(plan.cls_p_yes):
        q = _p_yes(plan, m, rng)  # (m, K) or (1, K)
        alone = _as_one(plan, q, m, rng, yes, absent)
        q_full = q if q.shape == alone.shape else np.broadcast_to(q, alone.shape)
        ind_yes = binomial(alone, q_full, rng)
        yes += np.einsum("ij->i", ind_yes)  # a sum along short rows: einsum is three times faster than sum
        if plan.needs_absent:
            # of those who do not vote yes, the share who stay away
            with np.errstate(divide="ignore", invalid="ignore"):
                # where q is 1 everyone deciding alone said yes: no one is left to stay away, whatever rest says
                share = np.clip(plan.cls_p_absent / (1.0 - q_full), 0.0, 1.0)
                rest = np.where(q_full < 1.0, share, 0.0)  # equivalent mutant "< -> <=": above
            absent += binomial(alone - ind_yes, rest, rng).sum(axis=1)
    no = plan.total - yes - absent
    passed = int(np.count_nonzero(model.rule.passes(yes, no)))
    return passed, np.bincount(yes, minlength=plan.total + 1).astype(np.int64)


def _as_one(plan: _Plan, q: FloatArray, m: int, rng: np.random.Generator, yes: IntArray,
            absent: IntArray) -> IntArray:
    """Draw which blocs act as one and how, adding their votes to ``yes`` and ``absent``; return how many
    members of each class decide alone in each draw, (m, K)."""
    if not len(plan.n):
        return np.broadcast_to(plan.plain_n, (m, len(plan.cls_p_yes)))
    q_b = q[:, plan.cls]
    # one uniform w per bloc and draw, scaled to s = w / cohesion (1 + w without cohesion): below 1 the
    # bloc acts as one, and then s is uniform on [0, 1): the bloc votes yes below q_yes and stays away
    # from 1 - p_absent on; a group that is on gives its blocs its own shared uniform for s
    s = rng.random((m, len(plan.n)))
    if plan.lone_blocs:
        s += plan.lift
    s *= plan.inv_cohesion
    if len(plan.together):
        g = rng.random((m, len(plan.together)))
        on = (g < plan.together)[:, plan.group_col]  # equivalent mutant: U == together: P <= 2**-53
        on &= plan.in_group
        g /= plan.together
        np.copyto(s, g[:, plan.group_col], where=on)
    as_one = s < 1.0
    # sums of small whole numbers by matrix products in float32: exact below 2**24
    yes += (np.less(s, q_b).astype(np.float32) @ plan.n_float).astype(np.int64)
    if plan.needs_absent:
        absent += ((as_one & (s >= plan.stay)).astype(np.float32) @ plan.n_float).astype(np.int64)
    # the members who decide alone: all but those of blocs acting as one
    alone = (as_one.astype(np.float32) @ plan.members).astype(np.int64)
    np.subtract(plan.cls_members, alone, out=alone)
    return alone


def spawnable(rng: np.random.Generator) -> np.random.Generator:
    """``rng`` itself when it can spawn children (its bit generator keeps a SeedSequence, as every generator
    numpy builds does), else a generator seeded from four of its draws: a legacy bit generator (a
    RandomState's) cannot spawn, and is then replayed from its own state all the same."""
    if isinstance(rng.bit_generator.seed_seq, np.random.SeedSequence):
        return rng
    return np.random.default_rng(np.random.SeedSequence(rng.integers(0, 2**63, size=4).tolist()))


class _NoPool:
    """Stands for the thread pool when there is one worker: the chunks run in the caller's thread."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


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
    rng = spawnable(rng)
    plan = _plan(model, collapse)
    if chunk is None:
        # these set the chunks' size (256 draws at least), not what is drawn
        cells = max(len(plan.n) + len(plan.cls_p_yes), 1)  # equivalent mutants "+ -> -", "1 -> 2": above
        chunk = max(256, CELL_BUDGET // cells)  # equivalent mutant: above
    sizes = [chunk] * (sims // chunk) + ([sims % chunk] if sims % chunk else [])
    passed = 0
    hist = np.zeros(plan.total + 1, dtype=np.int64)
    # children are spawned a wave at a time (the same children, in order, as one spawn of them all), so
    # that 10^8 draws in small chunks do not hold 10^5 generators at once
    wave = 64 * workers  # equivalent mutant: the same children in the same order, however many a wave
    with ThreadPoolExecutor(max_workers=workers) if workers > 1 else _NoPool() as pool:  # equivalent mutant "> -> >="
        for start in range(0, len(sizes), wave):
            batch = sizes[start: start + wave]
            children = rng.spawn(len(batch))
            if pool is None:
                results = (_chunk(plan, model, m, child) for m, child in zip(batch, children, strict=True))
            else:
                futures = [pool.submit(_chunk, plan, model, m, child)
                           for m, child in zip(batch, children, strict=True)]
                results = (fut.result() for fut in futures)
            for m, (p, h) in zip(batch, results, strict=True):
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
