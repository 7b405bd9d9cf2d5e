"""Exact forecasts: the distribution of the vote by convolution, when blocs are independent.

Each bloc's number of yes votes has a closed form, a mixture of a binomial (members on their own) and
two point masses (the bloc acting as one). Independent blocs add, so the chamber's distribution is the
convolution of the blocs' (``numpy.convolve``, exact up to rounding; no sampling).

When the rule looks at noes as well (a share of the votes cast) and some members may be absent, one
number is not enough: the distribution is over (yes, absent) pairs. Its 2-D generating function is a
product of the blocs' closed forms; it is evaluated on the discrete Fourier grid and inverted with one
``numpy.fft.ifft2`` (exact up to floating-point rounding, about 1e-15 per cell).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from whipcount.errors import ForecastError
from whipcount.tally.model import Bloc, Forecast, ForecastModel, summarise

__all__ = ["binomial_pmf", "bloc_yes_pmf", "exact_forecast", "joint_yes_absent", "p_pass_exact", "yes_pmf"]

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
    return np.exp(logs)


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
    lf = _log_factorials(max([b.seats for b in blocs], default=0))
    shift = 0
    acc = np.ones(1)
    for b in sorted(blocs, key=lambda b: b.seats):
        if b.seats == 0:
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
    uncertain = [b for b in blocs if 0.0 < b.p_absent < 1.0 and b.seats > 0]
    width = sum(b.seats for b in uncertain) + 1
    size_y = total + 1
    if width == 1:
        return yes_pmf(blocs)[:, None], fixed_absent
    z1 = np.exp(-2j * np.pi * np.arange(size_y) / size_y)[:, None]
    z2 = np.exp(-2j * np.pi * np.arange(width) / width)[None, :]
    gen = np.ones((size_y, width), dtype=np.complex128)
    rest = [b for b in blocs if b.seats > 0 and b.p_absent == 0.0]
    if rest:
        gen *= np.fft.fft(yes_pmf(rest))[:, None]
    for b in uncertain:
        n, c = b.seats, b.cohesion
        inner = b.p_yes * z1 + b.p_no + b.p_absent * z2
        term = (1.0 - c) * inner**n
        if c > 0:
            term = term + c * (b.p_yes * z1**n + b.p_no + b.p_absent * z2**n)
        gen *= term
    table = np.fft.ifft2(gen).real
    table[table < 0] = 0.0
    s = table.sum()
    if s <= 0:
        raise ForecastError("exact forecast: the distribution vanished (numerical failure)")
    return table / s, fixed_absent


def p_pass_exact(model: ForecastModel) -> tuple[float, FloatArray]:
    """P(pass) and the distribution of yes votes, exactly; the blocs must be independent."""
    if not model.independent:
        raise ForecastError(
            "exact forecast: blocs that move together (groups) make the vote dependent; use Monte Carlo"
        )
    rule = model.rule
    total = model.seats
    if not model.needs_absent:
        pmf = yes_pmf(model.blocs)
        y = np.arange(total + 1)
        absent = sum(b.seats for b in model.blocs if b.p_absent == 1.0) if rule.depends_on_turnout else 0
        if rule.depends_on_turnout:
            # absent blocs are certain here (p_absent is 0 or 1), and they never vote yes
            ok = rule.passes(y, np.maximum(total - absent - y, 0)) & (y <= total - absent)
        else:
            ok = rule.passes(y, total - y)
        return float(pmf[ok].sum()), pmf
    table, fixed = joint_yes_absent(model.blocs)
    y = np.arange(table.shape[0])[:, None]
    a = np.arange(table.shape[1])[None, :] + fixed
    no = total - y - a
    ok = rule.passes(y, np.maximum(no, 0)) & (no >= 0)
    return float(table[ok].sum()), table.sum(axis=1)


def exact_forecast(model: ForecastModel) -> Forecast:
    """The exact :class:`Forecast` (no pivotal blocs; see :func:`whipcount.tally.forecast.forecast`)."""
    p, pmf = p_pass_exact(model)
    return summarise(model, p, pmf, "exact")
