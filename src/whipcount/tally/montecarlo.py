"""Monte Carlo forecasts: the same model as the exact method, drawn vote by vote, and the swing.

Vectorised with numpy, in chunks so that memory stays bounded whatever the number of draws, with a
:class:`numpy.random.Generator` passed in (never a global one): chunk ``i`` draws from a generator seeded
by the ``i``-th child of that generator's :class:`~numpy.random.SeedSequence`, so a seed gives the same
result whether chunks run on one thread or several. The chunks' generators are SFC64, numpy's fastest bit
generator (uniforms 25 % and normals 20 % cheaper than with PCG64, the default, on the project's machine).
Chunks are small (a few hundred to a few thousand draws) so that their arrays stay in the cache.

By default (``collapse=True``) each independent unit that no swing moves is drawn in one step from its
exact distribution (:mod:`whipcount.tally.exact`; by Walker's alias table, :mod:`whipcount.tally.alias`,
or for a unit of many cells by inverse CDF): all such blocs outside groups
together, then each group. Blocs a swing moves (and the groups they belong to) are drawn bloc by bloc,
and so is everything with ``collapse=False``: per draw, the chamber's shock and each party's (a swing,
one matrix product of the normal draws and an exp a party give every class's odds), the group's switch and shared draw,
each bloc's cohesion switch (one uniform: below ``cohesion * q`` the bloc votes yes as one, below
``cohesion`` it acts as one); then the members who decide alone, pooled by class (members with the
same probabilities and the same party shock are alike given the shocks, so one binomial per class and
draw covers them all, drawn by :func:`whipcount.tally.binomial.binomial`; what to draw is planned once per
model by :mod:`whipcount.tally.drawplan`). That simulation shares nothing with the exact formulas, which
is what the tests hold the exact method to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from whipcount.errors import ForecastError
from whipcount.model.arguments import check_count, check_instance, check_progress
from whipcount.tally.binomial import G, binomial, binomial_grid
from whipcount.tally.blas import one_blas_thread
from whipcount.tally.drawplan import BoolArray, Float32Array, FloatArray, IntArray, Plan, Unit
from whipcount.tally.drawplan import plan as make_plan
from whipcount.tally.model import Forecast, ForecastModel, summarise

__all__ = ["CELL_BUDGET", "Draws", "MonteCarloResult", "chunks", "draw", "monte_carlo_forecast",
           "passes", "simulate", "spawnable"]

T = TypeVar("T")

CELL_BUDGET = 131_072  # equivalent mutant: the chunks' size sets which generator draws what, not the model
"""Cells per (blocs x draws) array in one chunk: 1 MB each, so that a chunk's arrays stay in a core's cache.
Measured on the forecast benchmark (10^6 draws, a 2-core Intel Xeon with 2 MB of L2 cache a core, one
thread): against 65,536 cells, the chamber swing alone takes 5-10 % less CPU and the chamber and party swing
0-3 % less; on two threads the party swing 0.56-0.61 s wall against 0.70-0.81 s (fewer, longer numpy
calls, less waiting on each other). Where the C library hands a chunk's freed memory back to the system
and faults it in again the next chunk, larger chunks lose (0.28 s of system time at 163,840 cells in an
earlier layout): the benchmark prints the page faults of a run, none at this size."""

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


def _t_yes(plan: Plan, m: int, rng: np.random.Generator) -> FloatArray:
    """G times P(yes) of one member of each class in each draw, (K, m), or (K, 1) when nothing swings.
    Classes are rows and draws columns, here and in every array of a chunk: each row is one long run in
    memory, so numpy's loops run long and a bloc's or a group's rows are one slice."""
    if not plan.shocked:
        return plan.cls_p_yes[:, None] * G
    # each moved class's odds against yes, times the exp of its weighted shocks (one exp a distinct weighting
    # and draw: a party's classes share theirs), give G P(yes) = G turn / (1 + odds)
    z = np.empty((plan.shocks + 1, m))
    rng.standard_normal(out=z[:-1])
    z[-1] = 1.0  # the weight of a constant (a class's logit, for a class far out)
    e = plan.shock_weights @ z
    t = np.empty((len(plan.cls_p_yes), m))
    x = t[:plan.moved]
    with np.errstate(over="ignore"):  # an overflow gives inf, so P(yes) 0
        np.exp(e, out=e)
        np.multiply(e if plan.shock_row is None else e.take(plan.shock_row, axis=0), plan.odds_no, out=x)
    x += 1.0
    np.divide(plan.grid_turn, x, out=x)
    t[plan.moved:] = plan.grid_fixed
    return t


def _cells(unit: Unit, u: FloatArray) -> IntArray:
    """The cells of a collapsed unit drawn from uniforms ``u``."""
    if unit.alias is None:
        # the CDF's last cell is exactly 1 (a number divided by itself), above every uniform: idx < len(cdf)
        return np.searchsorted(unit.cdf, u, side="right")
    threshold, away = unit.alias
    u *= len(threshold)
    idx = u.astype(np.int64)
    moved = away.take(idx)
    moved *= u >= threshold.take(idx)  # equivalent mutant ">= -> >": u == threshold: P <= 2**-52
    idx += moved
    return idx


@dataclass(frozen=True, slots=True)
class Draws:
    """One chunk's votes: per draw, the yes votes and absentees in all; and, row by row, what the members of
    each class deciding alone gave and which blocs acting as one voted yes or stayed away (what the pivotal
    blocs' switches read, :mod:`whipcount.tally.switchdraws`; ``None`` where the plan has no such rows)."""

    yes: IntArray  # (m,)
    absent: IntArray  # (m,)
    alone_yes: IntArray | None = None  # (K, m)
    alone_absent: IntArray | None = None  # (K, m), with absences to draw
    one_yes: BoolArray | None = None  # (B, m)
    one_away: BoolArray | None = None  # (B, m), with absences to draw
    abstaining: IntArray | None = None  # (m,) members away who abstain, counted apart (plan.cls_abstains)


def draw(plan: Plan, m: int, rng: np.random.Generator) -> Draws:
    """Draw ``m`` votes of the planned model."""
    yes = np.zeros(m, dtype=np.int64)
    absent = np.full(m, plan.fixed_absent, dtype=np.int64)
    for unit in plan.units:
        idx = _cells(unit, rng.random(m))
        if plan.needs_absent:
            y, a = np.divmod(idx, unit.width)
            yes += y
            absent += a
        else:
            yes += idx
    if not len(plan.cls_p_yes):
        return Draws(yes, absent)
    t = _t_yes(plan, m, rng)  # (K, m) or (K, 1)
    alone, one_yes, one_away = _as_one(plan, t, m, rng, yes, absent)
    ind_yes = _alone_yes(plan, alone, t, rng)
    yes += ind_yes.sum(axis=0)
    apart = _yes_set_apart(plan, ind_yes, one_yes, yes, absent)
    ind_absent = None
    if plan.needs_absent:
        q_full = np.broadcast_to(t / G, alone.shape)
        # of those who do not vote yes, the share who stay away
        with np.errstate(divide="ignore", invalid="ignore"):
            # where q is 1 everyone deciding alone said yes: no one is left to stay away, whatever rest says
            share = np.clip(plan.cls_p_absent[:, None] / (1.0 - q_full), 0.0, 1.0)
            rest = np.where(q_full < 1.0, share, 0.0)  # equivalent mutant "< -> <=": above
        if plan.cls_rest_away is not None:  # a no set apart: all who do not vote yes, whatever the swing
            rest[plan.cls_rest_away] = 1.0
        ind_absent = binomial((alone - ind_yes).astype(np.int64), rest, rng)
        absent += ind_absent.sum(axis=0)
    return Draws(yes, absent, ind_yes, ind_absent, one_yes, one_away,
                 _abstaining(plan, ind_absent, one_away, m, apart))


def _yes_set_apart(plan: Plan, alone_yes: IntArray, one_yes: BoolArray | None, yes: IntArray,
                   absent: IntArray) -> IntArray | None:
    """Move the yes of members whose yes is set apart (drawn as a yes is, under a swing) from ``yes`` to
    ``absent`` (present, not voting), and return how many there are in each draw (None where none are)."""
    if plan.cls_yes_away is None:
        return None
    gave: IntArray = np.asarray(alone_yes[plan.cls_yes_away].sum(axis=0), dtype=np.int64)
    if one_yes is not None and plan.n_yes_away is not None:
        gave += (plan.n_yes_away @ one_yes.astype(np.float32)).astype(np.int64)
    yes -= gave
    absent += gave
    return gave


def _abstaining(plan: Plan, alone_absent: IntArray | None, one_away: BoolArray | None, m: int,
                apart: IntArray | None = None) -> IntArray | None:
    """Of the members away in each draw, those who abstain where an abstention counts apart: the members of
    such blocs' classes away on their own, such blocs away as one, and the yes set apart (``apart``; None
    where the plan has none)."""
    if plan.cls_abstains is None or plan.n_abstain is None:
        return None
    out = np.zeros(m, dtype=np.int64) if apart is None else apart.copy()
    if alone_absent is not None:  # such blocs may be absent, so the plan draws absences
        out += alone_absent[plan.cls_abstains].sum(axis=0)
    if one_away is not None:
        out += (plan.n_abstain @ one_away.astype(np.float32)).astype(np.int64)
    return out


def passes(model: ForecastModel, plan: Plan, drawn: Draws) -> BoolArray:
    """Whether each draw passes, its abstainers counted toward a quorum (those certain to abstain, and those
    drawn abstaining where an abstention counts apart)."""
    if plan.passes_with is not None:  # no absences to draw: the yes votes decide
        return plan.passes_with[drawn.yes]
    abstaining = None if drawn.abstaining is None else model.abstaining + drawn.abstaining
    return model.passes(drawn.yes, plan.total - drawn.yes - drawn.absent, abstaining)


def _alone_yes(plan: Plan, alone: IntArray | Float32Array, t: FloatArray, rng: np.random.Generator) -> IntArray:
    """How many of the members of each class deciding alone vote yes, (K, m). A plan drawn bloc by bloc
    (``class_keys``) whose classes are of one member each draws one uniform a member: yes below ``t / G``
    (exact, and a fifth of the binomial tables' time); a forecast's own plan always draws by the tables,
    so that its figures for a seed stay as they were."""
    if plan.class_keys and plan.alone_weights[:, -1].max() <= 1:
        u = rng.random(alone.shape)
        u *= G
        said = np.less(u, t)
        said &= alone > 0  # the class's one member decides alone
        return said.astype(np.int64)
    return binomial_grid(alone, t if t.shape == alone.shape else np.broadcast_to(t, alone.shape), rng)


def _chunk(plan: Plan, model: ForecastModel, m: int, rng: np.random.Generator) -> tuple[int, IntArray]:
    drawn = draw(plan, m, rng)
    yes = drawn.yes
    hist = np.bincount(yes, minlength=plan.total + 1).astype(np.int64)
    if plan.passes_with is not None:
        return int(hist[plan.passes_with].sum()), hist
    return int(np.count_nonzero(passes(model, plan, drawn))), hist


def _as_one(plan: Plan, t: FloatArray, m: int, rng: np.random.Generator, yes: IntArray,
            absent: IntArray) -> tuple[IntArray | Float32Array, BoolArray | None, BoolArray | None]:
    """Draw which blocs act as one and how, adding their votes to ``yes`` and ``absent``; return how many
    members of each class decide alone in each draw, (K, m) (whole numbers in float32 where blocs may act
    as one: the matrix product's, read as they are by the binomial draw), and which blocs acting as one vote yes and
    which stay away, (B, m) (``None`` without such blocs, or, for staying away, without absences to draw).
    ``t`` is G times each class's P(yes)."""
    if not len(plan.n):
        return np.broadcast_to(plan.plain_n[:, None], (len(plan.cls_p_yes), m)), None, None
    t_b = t[plan.cls]
    # one uniform w per bloc and draw, scaled to s = G w / cohesion (G without cohesion): below G the bloc
    # acts as one, and then s / G is uniform on [0, 1): the bloc votes yes below G q_yes and stays away
    # from G (1 - p_absent) on; a group that is on gives its blocs its own shared uniform for s / G
    s = np.empty((len(plan.n), m))
    rng.random(out=s[:plan.lone])
    s[:plan.lone] *= plan.grid_cohesion
    if plan.groups:
        _groups(plan, s, m, rng)
    as_one = s < G  # equivalent mutant "< -> <=": s == G has probability 2**-53 at most
    # sums of small whole numbers by matrix products in float32: exact below 2**24
    one_yes = np.less(s, t_b)
    yes += (plan.n_float @ one_yes.astype(np.float32)).astype(np.int64)
    away = None
    if plan.needs_absent:
        away = as_one & (s >= plan.grid_stay[:, None])  # equivalent mutant ">= -> >": s == G (1 - p_absent): P ~ 2**-53
        if plan.rest_away_rows is not None:  # a no set apart: away unless yes, whatever the swing
            rows = plan.rest_away_rows
            away[rows] = as_one[rows] & ~one_yes[rows]
        absent += (plan.n_float @ away.astype(np.float32)).astype(np.int64)
    # the members who decide alone: all but those of blocs acting as one
    acting = np.empty((len(plan.n) + 1, m), dtype=np.float32)
    np.copyto(acting[:-1], as_one)
    acting[-1] = 1.0
    return plan.alone_weights @ acting, one_yes, away


def _groups(plan: Plan, s: FloatArray, m: int, rng: np.random.Generator) -> None:
    """Switch the groups on or off, giving the rows of ``s`` from ``plan.grouped`` on their group's shared
    draw where it is on."""
    # a group is on when its uniform w < together, and then w / together is uniform on [0, 1); g =
    # G w / together, made G where the group is off (also where together is so small that G / together
    # is infinite: then infinite, or NaN at w = 0)
    g = rng.random((plan.groups, m))
    g *= plan.grid_together
    np.fmin(g, G, out=g)
    # blocs of cohesion 0 act as one only when their group is on: their s is g
    np.take(g, plan.group_col[plan.lone - plan.grouped:], axis=0, out=s[plan.lone:])
    # the others take g where their group is on, their own s where it is off: x * 1 = x, x * 0 = 0,
    # x + 0 = x exactly (numpy's copyto with a mask of random bits costs ten times these passes)
    on = g < G  # equivalent mutant "< -> <=": P <= 2**-53
    cols = plan.group_col[:plan.lone - plan.grouped]
    own = s[plan.grouped:plan.lone]
    own *= np.take(~on, cols, axis=0)
    g *= on
    own += np.take(g, cols, axis=0)
    if plan.from_top is not None and plan.from_top.size:  # a bloc reading the shared draw from the top: G - g
        rows = plan.from_top
        top = np.take(on, plan.group_col[rows - plan.grouped], axis=0)
        s[rows] = np.where(top, G - s[rows], s[rows])


def spawnable(rng: np.random.Generator) -> np.random.Generator:
    """``rng`` itself when it can spawn children (its bit generator keeps a SeedSequence, as every generator
    numpy builds does), else a generator seeded from four of its draws: a legacy bit generator (a
    RandomState's) cannot spawn, and is then replayed from its own state all the same. Anything but a
    Generator (a seed, None) is an ArgumentError naming ``rng`` and how to make one."""
    check_instance(rng, np.random.Generator, "rng", "numpy.random.default_rng(seed) makes one")
    if isinstance(rng.bit_generator.seed_seq, np.random.SeedSequence):
        return rng
    entropy = rng.integers(0, 2**63, size=4)  # equivalent mutants "4 -> 5", "4 -> 3", "0 -> 1": any words make a seed
    return np.random.default_rng(np.random.SeedSequence(entropy.tolist()))


class _NoPool:
    """Stands for the thread pool when there is one worker: the chunks run in the caller's thread."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def chunks(work: Callable[[int, np.random.Generator], T], *, sims: int, chunk: int, rng: np.random.Generator,
           workers: int = 1) -> Iterator[tuple[int, T]]:
    """``work(m, child)`` for each chunk of ``m`` draws, in order (``sims`` in all, ``chunk`` a chunk but
    the last), with its own generator: chunk ``i`` draws from an SFC64 generator seeded by the ``i``-th
    child of ``rng``'s SeedSequence, on ``workers`` threads."""
    seeds = spawnable(rng).bit_generator.seed_seq
    assert isinstance(seeds, np.random.SeedSequence)  # what spawnable() gives
    sizes = [chunk] * (sims // chunk) + ([sims % chunk] if sims % chunk else [])
    # children are spawned a wave at a time (the same children, in order, as one spawn of them all), so
    # that 10^8 draws in small chunks do not hold 10^5 generators at once
    wave = 64 * workers  # equivalent mutant: the same children in the same order, however many a wave
    # a pool of one thread runs the chunks as the caller's thread would
    pooled = workers > 1  # equivalent mutants "> -> >=", "1 -> 0", "1 -> 2": above
    threads = ThreadPoolExecutor(max_workers=workers) if pooled else _NoPool()
    with one_blas_thread(), threads as pool:  # BLAS's own threads only spin beside the chunks (tally/blas.py)
        for start in range(0, len(sizes), wave):
            batch = sizes[start: start + wave]
            children = [np.random.Generator(np.random.SFC64(seq)) for seq in seeds.spawn(len(batch))]
            if pool is None:
                results: Iterable[T] = (work(m, child) for m, child in zip(batch, children, strict=True))
            else:
                futures = [pool.submit(work, m, child) for m, child in zip(batch, children, strict=True)]
                results = (fut.result() for fut in futures)
            yield from zip(batch, results, strict=True)


def simulate(
    model: ForecastModel,
    *,
    sims: int,
    rng: np.random.Generator,
    chunk: int | None = None,
    collapse: bool = True,
    workers: int = 1,  # equivalent mutant "1 -> 2": the result does not depend on the threads
    progress: Callable[[int], None] | None = None,
) -> MonteCarloResult:
    """Draw ``sims`` votes from ``model``; ``progress(k)`` is told after each chunk of ``k`` draws."""
    sims = check_count(sims, "Monte Carlo: sims (the number of draws)")
    check_progress(progress)
    if sims <= 0:
        raise ForecastError(f"Monte Carlo: the number of draws must be positive, got {sims}")
    workers = check_count(workers, "Monte Carlo: workers")
    if workers < 1:
        raise ForecastError(f"Monte Carlo: workers must be at least 1, got {workers}")
    plan = make_plan(model, collapse)
    if chunk is None:
        # these set the chunks' size (256 draws at least), not what is drawn
        cells = max(len(plan.n) + len(plan.cls_p_yes), 1)  # equivalent mutants "+ -> -", "1 -> 2": above
        chunk = max(256, CELL_BUDGET // cells)  # equivalent mutant: above
    passed = 0
    hist = np.zeros(plan.total + 1, dtype=np.int64)

    def work(m: int, child: np.random.Generator) -> tuple[int, IntArray]:
        return _chunk(plan, model, m, child)

    for m, (p, h) in chunks(work, sims=sims, chunk=chunk, rng=rng, workers=workers):
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
    workers: int = 1,  # equivalent mutant "1 -> 2": the result does not depend on the threads
    progress: Callable[[int], None] | None = None,
) -> Forecast:
    """A Monte Carlo :class:`Forecast` from ``sims`` draws."""
    res = simulate(model, sims=sims, rng=rng, chunk=chunk, collapse=collapse, workers=workers,
                   progress=progress)
    return summarise(model, res.p_pass, res.yes_hist.astype(np.float64), "monte-carlo", sims, res.stderr)
