"""One entry point for a forecast: exact where the model allows, Monte Carlo otherwise; pivotal blocs.

``forecast(model, method="auto")`` uses the exact method, which covers every model whipcount builds
(groups of blocs that move together included) except one with a swing, a shock shared by the chamber (or
a party) on every undecided vote: that mixes the distribution over a continuous shock, so ``auto`` draws
it by Monte Carlo. ``method="monte-carlo"`` draws any model, a check on the exact figures and a way to
see sampling noise. A bloc is *pivotal* when P(pass) moves a lot if it
changes its vote: blocs leaning yes are asked "what if you all voted no", the others "what if you all
voted yes".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from whipcount.errors import ForecastError
from whipcount.tally.exact import exact_forecast, p_pass_exact
from whipcount.tally.model import Bloc, Forecast, ForecastModel, Pivot
from whipcount.tally.montecarlo import monte_carlo_forecast, simulate

__all__ = ["METHODS", "forecast", "pivots", "resolve_method"]

METHODS: tuple[str, ...] = ("auto", "exact", "monte-carlo")
"""How a forecast may be computed."""

PIVOT_MIN_DELTA = 0.005
"""A bloc whose switch moves P(pass) by less than this is not listed as pivotal."""


def resolve_method(model: ForecastModel, method: str) -> str:
    """``"exact"`` or ``"monte-carlo"`` for ``method``: ``"auto"`` is exact unless a swing moves some
    bloc; ``"exact"`` on such a model is an error (it has no closed form)."""
    if method not in METHODS:
        raise ForecastError(f"forecast method: expected one of {', '.join(METHODS)}, got {method!r}")
    if method == "auto":
        return "monte-carlo" if model.swinging else "exact"
    if method == "exact" and model.swinging:
        raise ForecastError(
            f"forecast method exact: the swing (chamber {model.swing:g}, party {model.party_swing:g}) has no "
            "closed form; use the auto or monte-carlo method"
        )
    return method


def _switched(b: Bloc) -> tuple[Bloc, str]:
    if b.p_yes >= 0.5:
        return replace(b, p_yes=0.0, p_absent=0.0, cohesion=0.0), "votes no"
    return replace(b, p_yes=1.0, p_absent=0.0, cohesion=0.0), "votes yes"


def pivots(
    model: ForecastModel,
    base: float,
    *,
    method: str,
    sims: int = 20_000,
    seed: np.random.SeedSequence | None = None,
    workers: int = 1,
    limit: int = 8,
) -> tuple[Pivot, ...]:
    """Blocs whose switch moves P(pass) by at least :data:`PIVOT_MIN_DELTA` (at most ``limit``): first
    those whose switch alone turns the likelier outcome around, smallest first, then by the size of
    the change.

    With Monte Carlo, every switch is drawn from the stream ``seed`` starts, with the same ``sims`` and
    ``workers`` as the headline (common random numbers): ``base`` is the headline's P(pass), drawn from that
    very stream, so each row's "before" is the headline and its change is not swamped by noise.
    """
    if method == "monte-carlo":
        if seed is None:
            raise ForecastError("pivotal blocs by Monte Carlo need the headline's random stream (seed)")

        def p_of(m: ForecastModel) -> float:
            return simulate(m, sims=sims, rng=np.random.default_rng(seed), workers=workers).p_pass
    else:

        def p_of(m: ForecastModel) -> float:
            return p_pass_exact(m)[0]

    out: list[Pivot] = []
    for i, b in enumerate(model.blocs):
        if b.seats == 0:
            continue
        nb, change = _switched(b)
        if nb == b:
            continue
        blocs = list(model.blocs)
        blocs[i] = nb
        after = p_of(replace(model, blocs=tuple(blocs)))
        if abs(after - base) >= PIVOT_MIN_DELTA:
            out.append(Pivot(b.key, b.label or b.key, b.seats, b.stance, change, base, after))
    # kingmakers first: blocs whose switch alone turns the likelier outcome around, smallest first;
    # then the others, largest change first
    def flips(p: Pivot) -> bool:
        return (p.p_before >= 0.5) != (p.p_after >= 0.5)

    out.sort(key=lambda p: (not flips(p), p.seats if flips(p) else 0, -abs(p.delta), p.label))
    return tuple(out[:limit])


def forecast(
    model: ForecastModel,
    *,
    method: str = "auto",
    sims: int = 100_000,
    rng: np.random.Generator | None = None,
    pivotal: bool = True,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Forecast:
    """The forecast of ``model``: P(pass), the distribution of yes votes, and the pivotal blocs.

    ``method``: ``auto`` (exact, or Monte Carlo when a swing moves some bloc), ``exact`` or
    ``monte-carlo``. Monte Carlo needs ``rng`` (a :class:`numpy.random.Generator`); whipcount never uses
    a global one.
    """
    how = resolve_method(model, method)
    seed: np.random.SeedSequence | None = None
    if how == "exact":
        result = exact_forecast(model)
    else:
        if rng is None:
            raise ForecastError("a Monte Carlo forecast needs a random generator (rng); give a seed")
        seed = rng.spawn(1)[0].bit_generator.seed_seq  # type: ignore[assignment]
        result = monte_carlo_forecast(model, sims=sims, rng=np.random.default_rng(seed), workers=workers,
                                      progress=progress)
    if pivotal:  # one sample: the pivot rows are drawn from the headline's own stream
        result = replace(result, pivotal=pivots(model, result.p_pass, method=how, sims=sims, seed=seed,
                                                workers=workers))
    return result
