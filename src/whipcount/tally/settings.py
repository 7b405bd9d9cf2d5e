"""The forecast a scenario asks for, one way for every path that shows P(pass).

A scenario's ``forecast:`` section (swing, party swing, cohesion, parties that move together, draws, seed)
sets its forecast model. :func:`plan_for` turns those settings, with a caller's overrides (the command
line's options), into a :class:`ForecastPlan`; :meth:`ForecastPlan.model` builds the model of a whip
count from it and :func:`scenario_forecast` computes the forecast. ``whipcount forecast`` and ``what-if``,
the report and its charts, and the dashboard all go through here, so one file gives one P(pass)
wherever it is shown (a Monte Carlo figure up to its sampling error, when draws or seeds differ).

The forecast is exact unless a swing moves some bloc; then it is drawn by Monte Carlo from the scenario's
seed, or :data:`FIXED_SEED` when it gives none, so that a report built twice, or a dashboard read twice,
shows the same figure (the command line draws a fresh seed instead, and prints it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from whipcount.model import ForecastSettings
from whipcount.model.arguments import check_instance
from whipcount.tally.forecast import forecast
from whipcount.tally.from_count import model_from_count
from whipcount.tally.model import Forecast, ForecastModel
from whipcount.tally.positions import WhipCount
from whipcount.tally.redirect import redirected

__all__ = ["DEFAULT_SIMS", "FIXED_SEED", "ForecastPlan", "draws_words", "plan_for", "scenario_forecast"]

DEFAULT_SIMS = 100_000
"""Monte Carlo draws when neither the scenario nor the caller sets them."""


def draws_words(sims: int) -> str:
    """``"100,000 draws"``, ``"1 draw"``: a number of Monte Carlo draws in words."""
    return f"{sims:,} draw{'' if sims == 1 else 's'}"

FIXED_SEED = 0
"""The seed of a Monte Carlo forecast that must come out the same every time (the report, the dashboard)
when the scenario sets none."""

Groups = tuple[tuple[tuple[str, ...], float], ...]


@dataclass(frozen=True, slots=True)
class ForecastPlan:
    """The forecast's settings as used: a caller's override where given, else the scenario's, else the
    default. ``seed`` is None when neither sets one."""

    sims: int = DEFAULT_SIMS
    seed: int | None = None
    cohesion: float | None = None
    groups: Groups = ()
    swing: float = 0.0
    party_swing: float = 0.0

    @property
    def fixed_seed(self) -> int:
        """The seed :func:`scenario_forecast` draws from: the plan's, else :data:`FIXED_SEED`."""
        return self.seed if self.seed is not None else FIXED_SEED

    def model(self, count: WhipCount) -> ForecastModel:
        """The forecast model of ``count`` under these settings."""
        return model_from_count(count, cohesion=self.cohesion, groups=self.groups, swing=self.swing,
                                party_swing=self.party_swing)

    def describe(self) -> str:
        """The settings that differ from the defaults, in words ("" when none do)."""
        parts = []
        if self.swing > 0 or self.party_swing > 0:
            parts.append(f"swing (logit scale): chamber SD {self.swing:g}, party SD {self.party_swing:g}")
        if self.cohesion is not None:
            parts.append(f"cohesion {self.cohesion:g} for every bloc")
        parts += [f"{' + '.join(parties)} move together with probability {p:g}" for parties, p in self.groups]
        return "; ".join(parts)


def plan_for(
    settings: ForecastSettings,
    *,
    sims: int | None = None,
    seed: int | None = None,
    cohesion: float | None = None,
    groups: Iterable[tuple[Iterable[str], float]] | None = None,
    swing: float | None = None,
    party_swing: float | None = None,
) -> ForecastPlan:
    """The plan of a scenario's ``settings`` with the caller's overrides (None: not overridden; groups
    given replace the scenario's, as ``--together`` does)."""
    chosen = settings.together if groups is None else groups
    return ForecastPlan(
        sims=sims if sims is not None else (settings.sims or DEFAULT_SIMS),
        seed=seed if seed is not None else settings.seed,
        cohesion=cohesion if cohesion is not None else settings.cohesion,
        groups=tuple((tuple(parties), float(p)) for parties, p in chosen),
        swing=swing if swing is not None else settings.swing,
        party_swing=party_swing if party_swing is not None else settings.party_swing,
    )


def scenario_forecast(count: WhipCount, plan: ForecastPlan, *, pivotal: bool = True) -> Forecast:
    """The forecast of ``count`` under ``plan``, the same every time: exact where no swing moves a bloc and
    the exact method is within its bounds (:mod:`whipcount.tally.cost`), else Monte Carlo from the plan's
    seed (:data:`FIXED_SEED` when it has none), with the plan's draws."""
    check_instance(count, WhipCount, "count", "count_scenario(scenario, date) makes one")
    check_instance(plan, ForecastPlan, "plan", "plan_for(scenario.forecast) makes one")
    return forecast(plan.model(count), method="auto", sims=plan.sims, rng=np.random.default_rng(plan.fixed_seed),
                    pivotal=pivotal, rebuild=redirected(count, plan.model))
