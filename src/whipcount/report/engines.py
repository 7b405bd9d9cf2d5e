"""Adapters from the analysis engines (tally, rules, power) to what the charts and the report draw.

The charts take plain data (stance blocks, a probability vector) and the report takes the small value
types below, so neither depends on the engines' exact shapes. Every adapter asks the engine first and
falls back, or returns ``None``, when the engine is not installed or does not offer the entry point:
a report leaves such a section out instead of failing. Errors the engines raise on purpose
(:class:`~whipcount.errors.WhipcountError`) come back as :class:`Unavailable` with their message, so the
report can say why a section is missing.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from whipcount.charts import StanceBlock
from whipcount.errors import WhipcountError
from whipcount.model import Scenario

__all__ = [
    "ForecastView",
    "OutcomeView",
    "PowerRow",
    "PowerView",
    "StanceView",
    "Unavailable",
    "forecast_view",
    "outcome_view",
    "power_view",
    "stance_view",
]


@dataclass(frozen=True, slots=True)
class Unavailable:
    """A section that could not be computed, and why (shown in the report, never raised)."""

    section: str
    reason: str


@dataclass(frozen=True, slots=True)
class StanceView:
    """Seats per (party, side, stance), and where the stances come from."""

    blocks: tuple[StanceBlock, ...]
    origin: str  # "whip count" (whipcount.tally) or "sides" (derived from government/opposition)
    date: dt.date


@dataclass(frozen=True, slots=True)
class ForecastView:
    """The distribution of the yes vote and what it means."""

    pmf: npt.NDArray[np.float64] = field(compare=False, repr=False)
    p_pass: float
    needed: int | None
    method: str
    median: int | None = None
    interval: tuple[int, int] | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutcomeView:
    """What the motion needed and, when a division is recorded, whether it passed and why."""

    needed: int | None
    basis: str
    explanation: str
    passed: bool | None = None
    reason: str = ""
    yes: int | None = None
    legal_source: str | None = None
    legal_url: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PowerRow:
    """A party's seats and its voting power (exact fractions where the engine gives them)."""

    party: str
    label: str
    seats: int
    indices: tuple[tuple[str, Fraction | float], ...]


@dataclass(frozen=True, slots=True)
class PowerView:
    """Voting power by party on one date, for a quota."""

    date: dt.date
    quota: int
    rows: tuple[PowerRow, ...]
    indices: tuple[str, ...]


def _find(candidates: Sequence[tuple[str, str]]) -> Callable[..., Any] | None:
    """The first ``module:attribute`` that exists and is callable, else None (the engine has not landed)."""
    for module, attr in candidates:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        fn: Callable[..., Any] | None = getattr(mod, attr, None)
        if callable(fn):
            return fn
    return None


def _motion_kind(scenario: Scenario) -> str:
    return scenario.motion.kind if scenario.motion else "no-confidence"


_BACKERS = {"no-confidence": "opposition", "constructive-no-confidence": "opposition"}


def _side_stance(side: str, kind: str) -> str:
    backers = _BACKERS.get(kind, "government")
    opponents = "government" if backers == "opposition" else "opposition"
    return "yes" if side == backers else ("no" if side == opponents else "undecided")


# -- stances -------------------------------------------------------------------------------------------
def stance_view(scenario: Scenario, on: dt.date | None = None) -> StanceView:
    """The whip count on ``on`` as stance blocks: from ``whipcount.tally`` when it is there, else from sides.

    The fallback is the tally's own default: on a no-confidence motion the opposition votes yes and the
    government no; on other motions the reverse; any other side is undecided.
    """
    state = scenario.state(on)
    count_fn = _find([("whipcount.tally", "count_scenario"), ("whipcount.tally.count", "count_scenario")])
    if count_fn is not None and scenario.motion is not None:
        wc = count_fn(scenario, state.date)
        blocks = []
        for p in getattr(wc, "positions", ()):
            src = p.sources[0].url if getattr(p, "sources", ()) else None
            blocks.append(StanceBlock(p.party, p.side, p.stance, int(p.seats), src, bool(p.verified)))
        return StanceView(tuple(_merge(blocks)), "whip count", state.date)
    kind = _motion_kind(scenario)
    blocks = [StanceBlock(pid, side, _side_stance(side, kind), n) for pid, side, n in state.blocs()]
    return StanceView(tuple(blocks), "sides", state.date)


def _merge(blocks: list[StanceBlock]) -> list[StanceBlock]:
    """Merge positions with the same party, side and stance (named members count one seat each)."""
    out: dict[tuple[str, str, str], StanceBlock] = {}
    for b in blocks:
        k = (b.party, b.side, b.stance)
        if k in out:
            o = out[k]
            out[k] = StanceBlock(o.party, o.side, o.stance, o.seats + b.seats, o.source or b.source,
                                 o.verified and b.verified)
        else:
            out[k] = b
    return list(out.values())


# -- outcome -------------------------------------------------------------------------------------------
def outcome_view(scenario: Scenario) -> OutcomeView | Unavailable | None:
    """What the main motion needed on the day of its vote and, if recorded, whether it passed."""
    motion = scenario.motion
    if motion is None:
        return None
    on = motion.vote or scenario.last_date
    try:
        state = scenario.state(on)
    except WhipcountError as exc:
        return Unavailable("outcome", str(exc))
    rules_id = motion.rules or scenario.chamber.rules
    div = motion.division
    judge = _find([("whipcount.rules", "judge"), ("whipcount.rules.judge", "judge")])
    needed_fn = _find([("whipcount.rules", "needed")])
    try:
        if judge is not None and div is not None:
            o = _call_judge(judge, rules_id, motion.kind, div, state.seats, state.vacancies, on)
            if o is not None:
                return o
        if needed_fn is None:
            return None
        n = needed_fn(rules_id, motion.kind, seats=state.seats, vacancies=state.vacancies, on=on)
    except WhipcountError as exc:
        return Unavailable("outcome", str(exc))
    passed = None
    reason = ""
    if div is not None and n.count is not None:
        passed = div.yes >= n.count
        reason = (f"{div.yes} voted yes; {n.count} were needed, so the motion "
                  f"{'passed' if passed else 'failed'}.")
    return OutcomeView(n.count, n.basis, n.explanation, passed, reason, div.yes if div else None)


def _call_judge(judge: Callable[..., Any], rules_id: str, kind: str, div: Any, seats: int, vacancies: int,
                on: dt.date) -> OutcomeView | None:
    """Call ``whipcount.rules.judge`` with the keywords it accepts; None if its signature is unknown."""
    import inspect

    params = inspect.signature(judge).parameters
    kwargs: dict[str, Any] = {}
    for name, value in (("seats", seats), ("vacancies", vacancies), ("on", on), ("yes", div.yes),
                        ("no", div.no), ("abstain", div.abstain), ("absent", div.absent)):
        if name in params:
            kwargs[name] = value
    if "yes" not in kwargs:
        return None
    try:
        o = judge(rules_id, kind, **kwargs)
    except TypeError:
        return None
    src = getattr(o, "source", None)
    cite = src.cite() if src is not None and hasattr(src, "cite") else None
    url = getattr(src, "url", None) if src is not None else None
    return OutcomeView(
        getattr(o, "needed", None), str(getattr(o, "basis", "")), str(getattr(o, "explanation", "")),
        getattr(o, "passed", None), str(getattr(o, "effect", "") or ""), div.yes, cite,
        str(url) if url else None, tuple(str(n) for n in getattr(o, "notes", ()) or ()),
    )


# -- forecast ------------------------------------------------------------------------------------------
def forecast_view(scenario: Scenario, on: dt.date | None = None) -> ForecastView | Unavailable | None:
    """The exact forecast of the main motion from ``whipcount.tally`` (None until that engine lands).

    The path is the tally's own: whip count, cohesion model, exact distribution (no random numbers, so
    the report is the same every time it is built).
    """
    if scenario.motion is None:
        return None
    count_fn = _find([("whipcount.tally", "count_scenario")])
    model_fn = _find([("whipcount.tally", "model_from_count")])
    fc_fn = _find([("whipcount.tally", "forecast")])
    if count_fn is None or model_fn is None or fc_fn is None:
        return None
    try:
        model = model_fn(count_fn(scenario, on))
        try:
            f = fc_fn(model, method="exact")
        except WhipcountError:
            f = fc_fn(model, method="exact", pivotal=False)
    except WhipcountError as exc:
        return Unavailable("forecast", str(exc))
    pmf = np.asarray(getattr(f, "yes_pmf", None), dtype=np.float64)
    if pmf.ndim != 1 or pmf.size == 0:
        return Unavailable("forecast", "the forecast engine returned no distribution")
    interval = getattr(f, "interval", None)
    notes = tuple(p.sentence() for p in getattr(f, "pivotal", ()) if hasattr(p, "sentence"))
    return ForecastView(pmf, float(f.p_pass), getattr(f, "needed", None), str(getattr(f, "method", "")),
                        getattr(f, "median", None), tuple(interval) if interval else None, notes)


# -- power ---------------------------------------------------------------------------------------------
def power_view(scenario: Scenario, on: dt.date | None = None) -> PowerView | Unavailable | None:
    """Banzhaf and Shapley-Shubik power by party on ``on`` (None until ``whipcount.power`` offers it)."""
    fn = _find([("whipcount.power", "power_scenario"), ("whipcount.power", "scenario_power")])
    if fn is None:
        return None
    try:
        res = fn(scenario, on=on) if on is not None else fn(scenario)
    except WhipcountError as exc:
        return Unavailable("power", str(exc))
    return _power_rows(scenario, res, on)


def _power_rows(scenario: Scenario, res: Any, on: dt.date | None) -> PowerView | Unavailable:
    state = scenario.state(on)
    quota = int(getattr(res, "quota", 0) or 0)
    raw = getattr(res, "indices", None) or getattr(res, "values", None)
    if not isinstance(raw, dict):
        return Unavailable("power", "the power engine returned an unknown shape")
    names = tuple(sorted(raw))
    rows = []
    for p in sorted(state.parties, key=lambda p: -p.seats):
        if p.seats <= 0:
            continue
        vals = tuple((k, raw[k].get(p.id, 0)) for k in names if isinstance(raw[k], dict))
        rows.append(PowerRow(p.id, p.short or p.id, p.seats, vals))
    return PowerView(state.date, quota, tuple(rows), names)
