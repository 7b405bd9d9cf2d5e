"""P(pass) with each bloc switched in turn, exactly, without recounting the chamber once per bloc.

Where the yes count alone decides (no one may be absent, or the rule does not look at noes), the chamber's
distribution of yes votes is the convolution of its independent units' distributions (a bloc outside any
group, or a group of blocs that may move together). With one bloc switched only its unit changes, so
P(pass) is the unit's new distribution convolved with the product of all the *other* units. Those
leave-one-out products are built by halving the list of units: the product outside a half is the product
outside the whole times the other half, so every unit's is reached in ``O(log n)`` convolutions from the
top (the halves' own products built once: memory ``O(seats x log n)``). 600 one-member blocs
then take about as long as a few recounts instead of 600 of them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from whipcount.tally.exact import bloc_yes_pmf, unit_yes_pmf, units
from whipcount.tally.halving import Halves
from whipcount.tally.model import Bloc, ForecastModel

__all__ = ["one_dimensional", "switched_p_pass"]

FloatArray = npt.NDArray[np.float64]
DIRECT_MAX = 64  # equivalent mutants "64 -> 65", "64 -> 63": either way gives the same convolution
"""Shorter than this (either factor), a convolution is summed directly; longer, through the FFT."""


def one_dimensional(model: ForecastModel) -> bool:
    """Whether the yes count alone decides the vote, as :func:`whipcount.tally.exact.p_pass_exact` has it."""
    return not model.swinging and not model.needs_absent


def _convolve(a: FloatArray, b: FloatArray) -> FloatArray:
    if min(len(a), len(b)) < DIRECT_MAX:  # equivalent mutant "< -> <=": either way gives the same convolution
        return np.convolve(a, b)
    n = len(a) + len(b) - 1
    out = np.fft.irfft(np.fft.rfft(a, n) * np.fft.rfft(b, n), n)
    out[out < 0] = 0.0  # equivalent mutants "< -> <=", "0 -> -1": only rounding of the transform, about 1e-17
    return out


@dataclass(frozen=True, slots=True)
class _Unit:
    blocs: tuple[Bloc, ...]
    together: float | None  # None: a bloc outside any group
    pmf: FloatArray

    def with_bloc(self, old: Bloc, new: Bloc) -> FloatArray:
        if self.together is None:
            return bloc_yes_pmf(new)
        return unit_yes_pmf([new if b is old else b for b in self.blocs], self.together)


def _units(model: ForecastModel) -> list[_Unit]:
    singles, groups = units(model)
    held = [b for b in singles if b.seats > 0]  # equivalent mutants "> -> >=", "0 -> -1": no seats, a [1]
    out = [_Unit((b,), None, bloc_yes_pmf(b)) for b in held]
    out += [_Unit(tuple(bs), t, unit_yes_pmf(bs, t)) for bs, t in groups]
    return out


def switched_p_pass(model: ForecastModel, switches: dict[str, Bloc]) -> dict[str, float]:
    """P(pass) with the bloc of each key in ``switches`` replaced by its switched bloc, one at a time (the
    others as they are). Only for a model where :func:`one_dimensional` holds; the switched blocs, like
    the model's, must be sure to be present where the rule looks at noes."""
    total = model.seats
    y = np.arange(total + 1)  # equivalent mutant "1 -> 2": the counts read stop at the distribution's length
    passes = model.passes(y, total - y)
    out: dict[str, float] = {}
    parts = _units(model)
    if not parts:
        return out
    for i, rest in Halves(len(parts), lambda i: parts[i].pmf, _convolve).outside(np.ones(1)):
        unit = parts[i]
        for b in unit.blocs:
            if b.key in switches:
                dist = _convolve(rest, unit.with_bloc(b, switches[b.key]))
                out[b.key] = float(dist[passes[: len(dist)]].sum() / dist.sum())
    return out
