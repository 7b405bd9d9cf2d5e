"""Exact forecasts: the distribution of the vote by convolution.

Each bloc's number of yes votes has a closed form, a mixture of a binomial (members on their own) and
two point masses (the bloc acting as one). Independent blocs add, so the chamber's distribution is the
convolution of the blocs' (``numpy.convolve``, exact up to rounding; no sampling).

Groups of blocs that move together are exact too: a group is either apart (its blocs independent, a
convolution) or acting as one, when one shared draw U decides every bloc; U's effect changes only at
the blocs' probabilities, so "as one" is a finite list of outcomes, one per interval of U. Groups are
independent of each other and of the other blocs, so they convolve like blocs.

When the rule looks at noes as well (a share of the votes cast) and some members may be absent, one
number is not enough: the distribution is over (yes, absent) pairs. Its 2-D generating function is a
product of the blocs' closed forms; it is evaluated on the discrete Fourier grid and inverted with one
``numpy.fft.ifft2`` (exact up to floating-point rounding, about 1e-15 per cell; the cells no outcome
reaches are then set to exactly 0, :mod:`whipcount.tally.support`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.tally.abstainers import Outcomes, grouped_reason, split
from whipcount.tally.model import Bloc, Forecast, ForecastModel, summarise
from whipcount.tally.support import Support

__all__ = [
    "as_one_outcomes",
    "binomial_pmf",
    "bloc_yes_pmf",
    "certain_verdict",
    "exact_forecast",
    "joint_yes_absent",
    "model_table",
    "model_yes_pmf",
    "p_pass_exact",
    "ranges",
    "unit_table",
    "unit_yes_pmf",
    "units",
    "yes_pmf",
]

FloatArray = npt.NDArray[np.float64]


def _log_factorials(n: int) -> FloatArray:
    out = np.zeros(n + 1)
    if n > 0:
        np.cumsum(np.log(np.arange(1, n + 1, dtype=np.float64)), out=out[1:])
    return out


def binomial_pmf(n: int, p: float, log_fact: FloatArray | None = None) -> FloatArray:
    """P(k successes in ``n`` trials of probability ``p``), k = 0..n, computed in logs (no overflow)."""
    out = np.zeros(n + 1)
    if p <= 0.0:
        out[0] = 1.0
        return out
    if p >= 1.0:
        out[n] = 1.0
        return out
    lf = log_fact if log_fact is not None and len(log_fact) > n else _log_factorials(n)
    k = np.arange(n + 1, dtype=np.float64)
    logs = lf[n] - lf[: n + 1] - lf[n::-1] + k * np.log(p) + (n - k) * np.log1p(-p)
    out[:] = np.exp(logs)
    return out


def bloc_yes_pmf(bloc: Bloc, log_fact: FloatArray | None = None) -> FloatArray:
    """P(k of the bloc's members vote yes), k = 0..seats: the bloc acts as one with probability
    ``cohesion`` (all yes with ``p_yes``, none otherwise), else its members vote independently."""
    n = bloc.seats
    pmf = binomial_pmf(n, bloc.p_yes, log_fact) * (1.0 - bloc.cohesion)
    pmf[n] += bloc.cohesion * bloc.p_yes
    pmf[0] += bloc.cohesion * (1.0 - bloc.p_yes)
    return pmf


def yes_pmf(blocs: tuple[Bloc, ...] | list[Bloc]) -> FloatArray:
    """P(k yes votes in all), k = 0..total seats, for independent blocs."""
    total = sum(b.seats for b in blocs)
    lf = _log_factorials(max([b.seats for b in blocs], default=0))  # equivalent mutant "0 -> 1": a longer table
    shift = 0
    acc = np.ones(1)
    for b in sorted(blocs, key=lambda b: b.seats):
        if b.seats == 0:  # equivalent mutant "0 -> -1": a bloc of no seats convolves by [1]
            continue
        if b.p_yes in (0.0, 1.0):  # certain: a shift, no convolution
            shift += b.seats if b.p_yes == 1.0 else 0
            continue
        acc = np.convolve(acc, bloc_yes_pmf(b, lf))
    out = np.zeros(total + 1)
    out[shift: shift + len(acc)] = acc
    return out


def joint_yes_absent(blocs: tuple[Bloc, ...] | list[Bloc]) -> tuple[FloatArray, int]:
    """P(yes = y, absent = a) over the blocs that may be absent, and the count certainly absent.

    Returns ``(table, fixed_absent)``: ``table[y, a]`` with y = 0..total seats and a = 0..seats of the
    blocs whose absence is uncertain; ``fixed_absent`` members are absent for sure (add it to ``a``).
    """
    total = sum(b.seats for b in blocs)
    fixed_absent = sum(b.seats for b in blocs if b.p_absent == 1.0)
    uncertain = [b for b in blocs if 0.0 < b.p_absent < 1.0]  # a bloc of no seats multiplies by 1 below
    width = sum(b.seats for b in uncertain) + 1
    size_y = total + 1
    if width == 1:
        return yes_pmf(blocs)[:, None], fixed_absent
    z1 = np.exp(-2j * np.pi * np.arange(size_y) / size_y)[:, None]
    z2 = np.exp(-2j * np.pi * np.arange(width) / width)[None, :]
    gen = np.ones((size_y, width), dtype=np.complex128)
    rest = [b for b in blocs if b.p_absent == 0.0]
    if rest:
        gen *= np.fft.fft(yes_pmf(rest), n=size_y)[:, None]
    for b in uncertain:
        n, c = b.seats, b.cohesion
        inner = b.p_yes * z1 + b.p_no + b.p_absent * z2
        term = (1.0 - c) * inner**n
        if c > 0:  # equivalent mutant "0 -> -1": with c = 0 the term added is 0
            term = term + c * (b.p_yes * z1**n + b.p_no + b.p_absent * z2**n)
        gen *= term
    table = np.fft.ifft2(gen).real
    table[table < 0] = 0.0  # equivalent mutant "0 -> -1": FFT rounding, about -1e-17, moves nothing either way
    s = table.sum()
    if s <= 0:  # equivalent mutant "<= -> <": the total of probabilities near 1 is never 0 either way
        raise ForecastError("exact forecast: the distribution vanished (numerical failure)")
    return table / s, fixed_absent


def units(model: ForecastModel) -> tuple[list[Bloc], list[tuple[list[Bloc], float]]]:
    """The model's independent units: the blocs outside any group (each a unit of its own), and each group
    with its ``together`` (a group of one bloc too: when it is on, that bloc acts as one)."""
    live = [g for g in model.groups if g.together > 0]
    grouped = {k: i for i, g in enumerate(live) for k in g.blocs}
    singles = [b for b in model.blocs if b.key not in grouped]
    groups = [([b for b in model.blocs if grouped.get(b.key) == i], g.together) for i, g in enumerate(live)]
    return singles, groups


def as_one_outcomes(blocs: list[Bloc]) -> list[tuple[float, int, int]]:
    """When a group acts as one: (probability, yes, uncertain absentees) for each interval of the shared
    draw U (a bloc votes yes if U < p_yes, no if U < p_yes + p_no, else stays away; one reading the draw
    from the top, :attr:`Bloc.from_top`, does so at 1 - U)."""
    edges = {0.0, 1.0}
    for b in blocs:
        ends = (b.p_yes, min(b.p_yes + b.p_no, 1.0))
        edges |= {1.0 - e for e in ends} if b.from_top else set(ends)
    cuts = sorted(edges)
    out: list[tuple[float, int, int]] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if hi <= lo:
            continue
        # the middle of two neighbouring cuts is never a cut itself
        at = [(b, 1.0 - (lo + hi) / 2 if b.from_top else (lo + hi) / 2) for b in blocs]
        yes = sum(b.seats for b, u in at if u < b.p_yes)  # equivalent mutant "< -> <=": above
        gone = sum(b.seats for b, u in at
                   if u >= b.p_yes + b.p_no  # equivalent mutant ">= -> >": above
                   and 0.0 < b.p_absent < 1.0)
        out.append((hi - lo, yes, gone))
    return out


def unit_yes_pmf(blocs: list[Bloc], together: float) -> FloatArray:
    """P(k yes votes) from one unit: independent blocs, or a group acting as one with ``together``."""
    pmf = yes_pmf(blocs) * (1.0 - together)
    for w, y, _ in as_one_outcomes(blocs):
        pmf[y] += together * w
    return pmf


def unit_table(blocs: list[Bloc], together: float) -> tuple[FloatArray, int]:
    """P(yes, uncertain absentees) from one unit, and its certain absentees (see :func:`joint_yes_absent`)."""
    table, fixed = joint_yes_absent(blocs)
    table = table * (1.0 - together)
    for w, y, a in as_one_outcomes(blocs):
        table[y, a] += together * w
    return table, fixed


def model_yes_pmf(model: ForecastModel) -> FloatArray:
    """P(k yes votes in all), k = 0..seats, groups included."""
    singles, groups = units(model)
    acc = yes_pmf(singles)
    for blocs, together in groups:
        acc = np.convolve(acc, unit_yes_pmf(blocs, together))
    return acc  # seats + 1 cells: the units' seats add up to the model's


def model_table(model: ForecastModel) -> tuple[FloatArray, int]:
    """P(yes, uncertain absentees) over the whole chamber, groups included, and the certain absentees;
    exactly 0 in the cells no outcome reaches (:mod:`whipcount.tally.support`)."""
    singles, groups = units(model)
    table, fixed = joint_yes_absent(singles)
    parts = [unit_table(blocs, t) for blocs, t in groups]
    size_y = model.seats + 1
    # a wider table only adds cells that stay zero
    width = table.shape[1] + sum(p.shape[1] - 1 for p, _ in parts)  # equivalent mutants "1 -> 0", "- -> +": above
    if parts:
        gen = np.fft.fft2(table, s=(size_y, width))
        for part, f in parts:
            gen *= np.fft.fft2(part, s=(size_y, width))
            fixed += f
        table = np.fft.ifft2(gen).real
    table[(table < 0) | ~_model_support(singles, groups, table.shape)] = 0.0
    return table / table.sum(), fixed


def _model_support(singles: list[Bloc], groups: list[tuple[list[Bloc], float]],
                   shape: tuple[int, int]) -> npt.NDArray[np.bool_]:
    """The (yes, uncertain absentees) pairs the model's units can reach, on a table of ``shape``."""
    reach = Support.origin(shape).plus_blocs(singles)
    for blocs, together in groups:
        as_one = reach.plus_points([(y, a) for _, y, a in as_one_outcomes(blocs)])
        reach = (reach.plus_blocs(blocs) | as_one) if together < 1.0 else as_one
    return reach.cells


def ranges(model: ForecastModel) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """The least and the most yes votes, absentees and noes any outcome of ``model`` holds: a bloc gives an
    outcome all its seats when that outcome is certain, none when it is impossible, anything between
    otherwise (cohesion changes only how likely each split is). Without absences that matter, a member not
    voting yes votes no."""
    lo, hi = [0, 0, 0], [0, 0, 0]
    for b in model.blocs:
        absent, no = (b.p_absent, b.p_no) if model.needs_absent else (0.0, 1.0 - b.p_yes)
        can = [p > 0.0 for p in (b.p_yes, absent, no)]  # certain: the only one that can happen (1 - 1e-38 is 1)
        for k in range(3):
            lo[k] += b.seats if can[k] and sum(can) == 1 else 0
            hi[k] += b.seats if can[k] else 0
    return (lo[0], hi[0]), (lo[1], hi[1]), (lo[2], hi[2])


def certain_verdict(model: ForecastModel) -> float | None:
    """1.0 where every outcome ``model`` can give passes, 0.0 where none does, None where some pass and some
    fail (or where it cannot tell: a swing, or blocs that may abstain or vote yes counted apart). Worked out
    on the model's support (:mod:`whipcount.tally.support`), in whole numbers: a P(pass) read through a
    transform (a pivot's, :mod:`whipcount.tally.switches_joint`) is 1 or 0 then, not its rounding."""
    if model.swinging or grouped_reason(model) or split(model) is not None:
        return None
    total = model.seats
    if not model.needs_absent:  # absences do not matter: every member not voting yes votes no
        flat = replace(model, blocs=tuple(replace(b, p_absent=0.0) for b in model.blocs))
        singles, groups = units(flat)
        reach = _model_support(singles, groups, (total + 1, 1))[:, 0]
        y = np.arange(total + 1)
        ok = model.passes(y, total - y)
        held = np.ones_like(ok)
    else:
        singles, groups = units(model)
        fixed = sum(b.seats for b in model.blocs if b.p_absent >= 1.0)
        width = sum(b.seats for b in model.blocs if 0.0 < b.p_absent < 1.0) + 1
        reach = _model_support(singles, groups, (total + 1, width))
        yy = np.arange(total + 1)[:, None]
        no = total - yy - (np.arange(width)[None, :] + fixed)
        held = no >= 0
        ok = model.passes(yy, np.maximum(no, 0))
    if not (reach & held & ~ok).any():
        return 1.0
    if not (reach & held & ok).any():
        return 0.0
    return None


def _share(mass: FloatArray, ok: npt.NDArray[np.bool_]) -> float:
    """The passing share of ``mass``: exactly 1 where no failing outcome has any, exactly 0 where no
    passing one has (a sum of the passing cells alone came to 0.99999999999998 for a certain pass: the
    cells' rounding, not a chance of failing)."""
    passing, failing = float(mass[ok].sum()), float(mass[~ok].sum())
    return passing / (passing + failing)


def p_pass_exact(model: ForecastModel) -> tuple[float, FloatArray]:
    """P(pass) and the distribution of yes votes, exactly (groups included; a swing has no closed form).
    Outcomes the model cannot give hold nothing (outside :func:`ranges`; where absences count, outside
    the model's support, :mod:`whipcount.tally.support`): the Fourier transform's rounding, about 1e-17 a
    cell, is cleared from them, so a motion certain to fail has P(pass) 0, not 2e-16 or 4e-15."""
    if model.swinging:
        raise ForecastError(
            f"exact forecast: a swing (chamber {model.swing:g}, party {model.party_swing:g}, logit scale) has "
            "no closed form; use the auto or monte-carlo method"
        )
    if why := grouped_reason(model):
        raise ForecastError(f"exact forecast: {why}; use the auto or monte-carlo method")
    if (parts := split(model)) is not None:
        return _p_pass_wavering(*parts)
    total = model.seats
    if not model.needs_absent:
        # nobody may be absent (or absence does not matter): every member not voting yes votes no
        pmf = model_yes_pmf(model)
        (ylo, yhi), _, _ = ranges(model)
        y = np.arange(total + 1)
        pmf[(y < ylo) | (y > yhi)] = 0.0
        return _share(pmf, model.passes(y, total - y)), pmf
    table, fixed = model_table(model)  # nothing where no outcome reaches, a stricter bound than the ranges
    y = np.arange(table.shape[0])[:, None]
    a = np.arange(table.shape[1])[None, :] + fixed
    no = total - y - a
    ok = model.passes(y, np.maximum(no, 0)) & (no >= 0)  # equivalent mutant "0 -> -1": negative noes are masked
    return _share(table, ok), table.sum(axis=1)


def _p_pass_wavering(rest: ForecastModel, waver: Outcomes) -> tuple[float, FloatArray]:
    """P(pass) and the distribution of yes votes with blocs that may abstain or vote yes where an abstention
    counts apart (:mod:`whipcount.tally.abstainers`): the other blocs' (yes, absent) table, each cell
    weighed by those blocs' outcomes."""
    table, fixed = model_table(rest)
    y = np.arange(table.shape[0])[:, None]
    a = np.arange(table.shape[1])[None, :] + fixed
    no = rest.seats - y - a
    passing, failing = waver.weights(rest, y, np.maximum(no, 0))
    held = no >= 0  # equivalent mutant "0 -> -1": a table's cells past its seats hold nothing
    mass = [float((table * w * held).sum()) for w in (passing, failing)]
    return mass[0] / (mass[0] + mass[1]), np.convolve(table.sum(axis=1), waver.yes_pmf())


def exact_forecast(model: ForecastModel) -> Forecast:
    """The exact :class:`Forecast` (no pivotal blocs; see :func:`whipcount.tally.forecast.forecast`)."""
    p, pmf = p_pass_exact(model)
    return summarise(model, p, pmf, "exact")
