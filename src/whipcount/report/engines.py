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
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from whipcount.charts import StanceBlock
from whipcount.charts.views import stance_blocks
from whipcount.errors import WhipcountError
from whipcount.model import Motion, Scenario, format_points
from whipcount.power import banzhaf, shapley_shubik
from whipcount.power.chamber import by_words, chamber_game
from whipcount.rules import Judged, scenario_kind
from whipcount.rules.in_force import check_rule_on
from whipcount.rules.needed import check_members_in, scenario_needed
from whipcount.tally import WhipCount, count_scenario, default_stance, plan_for, scenario_forecast
from whipcount.tally.cases import judge_division_of
from whipcount.tally.forecast import PIVOTS_SHOWN
from whipcount.tally.phase import motion_phase
from whipcount.tally.settings import draws_words

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
    "stance_blocks",
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
    needed: int | None = None
    """The whip count's magic number, where the chart's majority line goes (on a turnout basis: if every
    member not absent or abstaining votes, as the dashboard's seat chart draws it); None under a negative
    threshold or without a whip count, where the rules' own number (if any) is drawn."""


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
    date: dt.date | None = None
    model: str = ""
    settings: str = ""  # the scenario's forecast settings that differ from the defaults, and the draws
    needs: str = ""  # where turnout sets the number needed (no line on the chart): what passes, in words


#: How the report's forecast turns a whip count into votes, in words for the chart.
FORECAST_MODEL = "whip count, each stance voting yes with its probability"


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
    verdict: str = ""  # "passed", "failed", or who an election named for another elected (rules.judge.verdict)


@dataclass(frozen=True, slots=True)
class PowerRow:
    """A player's seats and its voting power (exact fractions where the engine gives them): a party, or a
    party's seats on one side (``party`` is then "bap@opposition")."""

    party: str
    label: str
    seats: int
    indices: tuple[tuple[str, Fraction | float], ...]


@dataclass(frozen=True, slots=True)
class PowerView:
    """Voting power by player on one date, for a quota, and who the players are in words."""

    date: dt.date
    quota: int
    rows: tuple[PowerRow, ...]
    indices: tuple[str, ...]
    players: str = ""
    votes: int = 0
    """The votes of the game: the seats held, less those whose members may not vote (the chair, an office)."""
    explanation: str = ""
    """The quota in words, and which seats do not vote and why, as ``whipcount power`` gives them."""


# -- stances -------------------------------------------------------------------------------------------
def stance_view(scenario: Scenario, on: dt.date | None = None) -> StanceView:
    """The whip count on ``on`` as stance blocks (``whipcount.tally``); from the sides with no motion.

    Without a motion the tally's own default stands in: the opposition votes yes and the government no on
    a (constructive) no-confidence motion, the other way round on any other motion; any other side is undecided.
    """
    state = scenario.state(on)
    if scenario.motion is not None:
        count = count_scenario(scenario, state.date)
        needed = None if count.rule.negative else count.needed
        return StanceView(stance_blocks(count), "whip count", state.date, needed)
    kind = scenario_kind(scenario, state.date)
    blocks = [StanceBlock(pid, side, default_stance(side, kind), n, rest=True) for pid, side, n in state.blocs()]
    return StanceView(tuple(blocks), "sides", state.date)


# -- outcome -------------------------------------------------------------------------------------------
def outcome_view(scenario: Scenario, motion: Motion | None = None) -> OutcomeView | Unavailable | None:
    """What a motion (the main one by default) needed on the day of its vote and, if recorded, whether it
    passed."""
    motion = motion if motion is not None else scenario.motion
    if motion is None:
        return None
    try:
        judged = judge_division_of(scenario, motion)  # the chamber of the vote's day, replayed there
        if judged is not None:
            o, src = judged.final, judged.final.source
            notes = tuple(o.notes) + _adjudication_notes(judged, motion.successor)
            return OutcomeView(o.needed, o.basis, o.explanation, o.passed, o.effect or "", o.yes,
                               src.cite() if src else None, src.url if src else None, notes,
                               o.verdict(motion.successor))
        on = motion.vote or scenario.last_date
        state = scenario.state(on)
        check_members_in(scenario, state)
        check_rule_on(scenario, on, motion)
        n = scenario_needed(scenario.rules_for(motion), motion.kind, seats=state.seats, vacancies=state.vacancies,
                            on=on, round=motion.round)
    except WhipcountError as exc:
        return Unavailable("outcome", str(exc))
    return OutcomeView(n.count, n.basis, n.explanation, None, "", None)


def _adjudication_notes(judged: Judged, successor: str | None) -> tuple[str, ...]:
    """The declared result beside the adjudicated one, when a later decision changed the count."""
    d = judged.decision
    if d is None:
        return ()
    was = judged.declared.verdict(successor)
    return (f"as declared on the day: {was} ({judged.declared.explanation}); counted as decided by "
            f"{d.by} on {d.date.isoformat()}: {d.summary}",)


# -- forecast ------------------------------------------------------------------------------------------
def forecast_view(scenario: Scenario, on: dt.date | None = None) -> ForecastView | Unavailable | None:
    """The forecast of the main motion from ``whipcount.tally`` (None without a motion), with the
    scenario's own ``forecast:`` settings, as ``whipcount forecast`` computes it.

    The path is the tally's own: whip count, cohesion model, exact distribution; with a swing, Monte Carlo
    from the scenario's seed or a fixed one (:data:`whipcount.tally.FIXED_SEED`), so the report is the same
    every time it is built. A motion that is not pending on ``on`` (not filed yet, dismissed or suspended, or
    decided) has no forecast: :func:`~whipcount.tally.phase.motion_phase` says why, as ``whipcount forecast``
    does.
    """
    if scenario.motion is None:
        return None
    plan = plan_for(scenario.forecast)
    try:
        phase = motion_phase(scenario, on)
        if not phase.pending:
            return Unavailable("forecast", f"{phase.text}; nothing to forecast on that date")
        count = count_scenario(scenario, on)
        f = scenario_forecast(count, plan)
    except WhipcountError as exc:
        return Unavailable("forecast", str(exc))
    pmf = np.asarray(f.yes_pmf, dtype=np.float64)
    notes = tuple(p.sentence() for p in f.pivotal[:PIVOTS_SHOWN])
    if len(f.pivotal) > PIVOTS_SHOWN:
        notes += (f"{len(f.pivotal) - PIVOTS_SHOWN} more bloc(s) would each move P(pass) by half a point or more "
                  "(all of them: whipcount forecast --json).",)
    drawn = (f"{draws_words(plan.sims)} from seed {plan.fixed_seed}, standard error {format_points(f.stderr)}"
             + (f"; {f.method_reason}" if f.method_reason else "") if f.method == "monte-carlo" else "")
    model = FORECAST_MODEL + (", with a swing" if plan.swing > 0 or plan.party_swing > 0 else "")
    return ForecastView(pmf, float(f.p_pass), f.needed, f.method, f.median, f.interval, notes,
                        date=scenario.state(on).date, model=model,
                        settings="; ".join(filter(None, [plan.describe(), drawn])), needs=_needs(count, f.needed))


def _needs(count: WhipCount, needed: int | None) -> str:
    """What the motion needs, in words, where the forecast has no fixed number of votes needed ("needs 141 if
    the 281 members not abstaining all vote: a majority of the votes cast, ..."), as ``whipcount forecast``
    says it; empty where it has one."""
    if needed is not None or count.needed is None:
        return ""
    return ("stands unless " if count.rule.negative else "needs ") + count.needed_words()


# -- power ---------------------------------------------------------------------------------------------
def power_view(scenario: Scenario, on: dt.date | None = None) -> PowerView | Unavailable | None:
    """Banzhaf and Shapley-Shubik power of each player on ``on``, for the main motion's quota (exact): the
    players of ``whipcount power`` (:func:`whipcount.power.chamber.chamber_game`: blocs when a party sits on
    two sides, else parties)."""
    try:
        played = chamber_game(scenario, on)
        game = played.game
        bz = banzhaf(game, exact=True)
        ss = shapley_shubik(game, exact=True)
    except WhipcountError as exc:
        return Unavailable("power", str(exc))
    labels = played.extra["labels"]
    rows = tuple(
        PowerRow(name, labels[i], game.weights[i], (("Banzhaf", bz[i]), ("Shapley-Shubik", ss[i])))
        for i, name in enumerate(game.names)
    )
    return PowerView(dt.date.fromisoformat(played.extra["date"]), game.quota, rows, ("Banzhaf", "Shapley-Shubik"),
                     by_words(played.extra, "whipcount power --by bloc", game.names) or "", game.total,
                     played.extra.get("explanation", ""))
