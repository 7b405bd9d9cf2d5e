"""One entry point for a forecast: exact where the model allows, Monte Carlo otherwise; pivotal blocs.

``forecast(model, method="auto")`` uses the exact method, which covers every model whipcount builds
(groups of blocs that move together included) except one with a swing, a shock shared by the chamber (or
a party) on every undecided vote: that mixes the distribution over a continuous shock, so ``auto`` draws
it by Monte Carlo. ``method="monte-carlo"`` draws any model, a check on the exact figures and a way to
see sampling noise. A bloc is *pivotal* when P(pass) moves a lot if it
changes its vote: blocs leaning yes are asked "what if you all voted no" (where only the votes for the
motion are recorded, ``votes_recorded: yes-only``, "what if you all did not vote for it": there is no vote
against), the others "what if you all voted yes".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import cast

import numpy as np

from whipcount.errors import ForecastError
from whipcount.model.arguments import check_count, check_flag, check_instance, check_option, check_progress
from whipcount.rules.wording import switch_words
from whipcount.tally.abstainers import grouped_reason, wavering_blocs
from whipcount.tally.cost import ExactCost, exact_cost, switches_cost
from whipcount.tally.exact import certain_verdict, exact_forecast
from whipcount.tally.model import Bloc, Forecast, ForecastModel, Pivot
from whipcount.tally.montecarlo import monte_carlo_forecast, simulate, spawnable
from whipcount.tally.redirect import Rebuild
from whipcount.tally.switchdraws import switched_draws
from whipcount.tally.switches import one_dimensional, switched_p_pass
from whipcount.tally.switches_joint import switched_p_pass_joint

__all__ = ["METHODS", "choose_method", "forecast", "pivots", "resolve_method"]

METHODS: tuple[str, ...] = ("auto", "exact", "monte-carlo")
"""How a forecast may be computed."""

PIVOT_MIN_DELTA = 0.005
"""A bloc whose switch moves P(pass) by less than this is not listed as pivotal."""
PIVOTS_SHOWN = 8
"""Pivotal blocs the report names under its forecast chart (saying how many more there are); the command's
table and JSON list them all."""


def resolve_method(model: ForecastModel, method: str, *, pivotal: bool = False) -> str:
    """``"exact"`` or ``"monte-carlo"`` for ``method`` (see :func:`choose_method`)."""
    return choose_method(model, method, pivotal=pivotal)[0]


def choose_method(model: ForecastModel, method: str, *, pivotal: bool = False) -> tuple[str, str]:
    """``"exact"`` or ``"monte-carlo"`` for ``method``, and why Monte Carlo where ``auto`` chose it ("" else).

    ``auto`` is exact unless a swing moves some bloc, or the exact method's estimated table or work (with
    ``pivotal``, for the headline and every bloc's switch) is beyond the bounds of
    :mod:`whipcount.tally.cost`. ``"exact"`` on such a model is an error.
    """
    check_option(method, METHODS, "forecast method", ForecastError)
    if method == "monte-carlo":
        return method, ""
    if model.swinging:
        why = (f"the swing (chamber {model.swing:g}, party {model.party_swing:g}) has no closed form")
    elif why := grouped_reason(model):
        pass
    else:
        cost = exact_cost(model)
        why = cost.excess()
        if not why and pivotal:
            why = _with_switches(model, cost).excess()
            why += " with the pivotal blocs" if why else ""
    if not why:
        return "exact", ""
    if method == "exact":
        raise ForecastError(f"forecast method exact: {why}; use the auto or monte-carlo method")
    return "monte-carlo", why


def _with_switches(model: ForecastModel, cost: ExactCost) -> ExactCost:
    """The cost of the headline and every bloc's switch, exactly: where the yes count alone decides
    (:mod:`whipcount.tally.switches`), a few headlines a level of halving the units, whatever their number;
    elsewhere the walk over the (yes, absent) grid of :mod:`whipcount.tally.switches_joint`."""
    if not one_dimensional(model):
        # each bloc that may abstain or vote yes, switched, is a forecast of its own (whipcount.tally.abstainers)
        return switches_cost(model, cost.times(1 + len(wavering_blocs(model))))
    blocs = sum(b.seats > 0 for b in model.blocs)
    return cost.times(1 + min(blocs, 4 * max(1, blocs.bit_length())))


def _snapshot(rng: np.random.Generator) -> tuple[np.random.SeedSequence, np.random.Generator]:
    """A seed that replays the draws ``simulate`` is about to take from ``rng`` (and the generator to
    take them from): ``simulate`` draws from children that ``rng``'s SeedSequence spawns, so a copy of
    that SeedSequence as it stands now spawns the same children."""
    rng = spawnable(rng)
    seq = cast(np.random.SeedSequence, rng.bit_generator.seed_seq)
    now = np.random.SeedSequence(seq.entropy, spawn_key=seq.spawn_key, pool_size=seq.pool_size,
                                 n_children_spawned=seq.n_children_spawned)
    return now, rng


def _replay(seed: np.random.SeedSequence) -> np.random.Generator:
    """A generator that draws the same numbers every time it is built from ``seed``.

    ``default_rng(seed)`` alone would not: :func:`simulate` spawns children, which advances the
    SeedSequence's count of spawned children, so the next generator built from it gets other children.
    """
    return np.random.default_rng(np.random.SeedSequence(seed.entropy, spawn_key=seed.spawn_key,
                                                        pool_size=seed.pool_size,
                                                        n_children_spawned=seed.n_children_spawned))


CLEAR_NEAR = 1e-6
"""How near 0 or 1 a pivot's exact P(pass) is checked against the switched chamber's outcomes (a rounding is
far nearer; a chance this small that is real keeps its value: the check finds outcomes either way)."""


def _switched(b: Bloc, base: float, recorded: str = "all") -> tuple[Bloc, str]:
    """The bloc voting as one against its lean; a bloc that leans neither way (yes as likely as not, or
    staying out of the vote, absent or abstaining where an abstention is on neither side, when not voting
    yes) is asked to vote against the likelier outcome, the switch that could turn it around (Spain's PSOE,
    abstaining at Rajoy's investiture of 2016, voting no; a party away from a vote on the votes cast coming
    in to vote no). Where only the votes for the motion are recorded (``recorded``), the switch against is
    said "does not vote for": no one votes no."""
    neither = b.p_yes == 0.5 or (b.p_yes < 0.5 and b.p_absent > 0.0 and b.p_no == 0.0)
    leans_yes = b.p_yes > 0.5 or (neither and base >= 0.5)

    def clean(p_yes: float) -> Bloc:  # a party's whole vote: no vote of it is set apart (Bloc.set_apart)
        return replace(b, p_yes=p_yes, p_absent=0.0, cohesion=0.0, set_apart="", from_top=False)
    if leans_yes:
        return clean(p_yes=0.0), switch_words(False, recorded)
    return clean(p_yes=1.0), switch_words(True, recorded)


def pivots(
    model: ForecastModel,
    base: float,
    *,
    method: str,
    sims: int = 20_000,  # equivalent mutant: any number of draws is a valid default
    rng: np.random.Generator | None = None,
    limit: int | None = None,
    seed: np.random.SeedSequence | None = None,
    workers: int = 1,  # equivalent mutant "1 -> 2": the result does not depend on the threads
    rebuild: Rebuild | None = None,
) -> tuple[Pivot, ...]:
    """Blocs whose switch moves P(pass) by at least :data:`PIVOT_MIN_DELTA` (all of them, or the first
    ``limit``): first
    those whose switch alone turns the likelier outcome around, smallest first, then by the size of
    the change.

    With Monte Carlo, every switch is read from one more sample of ``sims`` draws of the seed, drawn bloc
    by bloc (:mod:`whipcount.tally.switchdraws`): each draw counted with and without each switch, so a
    change is the switch's effect, not sampling noise, and the whole costs about one simulation, not one a
    bloc. Given ``seed``, ``base`` is taken to be P(pass) from ``sims`` draws of that seed (the headline's
    own sample, as :func:`forecast` passes it); otherwise a child of ``rng`` is the seed and ``base`` is
    re-estimated on its stream. P(pass) after a switch is ``base`` carried through that sample
    (:meth:`~whipcount.tally.switchdraws.SwitchedDraws.p_after`): of the passing draws the share the
    switch keeps, of the failing ones the share it turns round.

    ``rebuild`` (:func:`whipcount.tally.redirect.redirected`): for a switch that changes a party's direction
    under a defection rule that sets apart votes against it, the whole switched chamber, counted again under
    the rule; its P(pass) is that chamber's own (by Monte Carlo, from ``sims`` draws of the seed), as a
    what-if of the same change gives it.
    """
    if check_option(method, METHODS, "pivots: method", ForecastError) == "auto":
        method = resolve_method(model, method, pivotal=True)
    if method == "monte-carlo" and seed is None:
        if rng is None:
            raise ForecastError("pivotal blocs by Monte Carlo need a random generator (rng)")
        seed = _snapshot(rng)[0]
        base = simulate(model, sims=sims, rng=_replay(seed), workers=workers).p_pass
    # seats that cannot vote (the chair, who votes only in a tie, deputies, tellers) have no vote to switch
    recorded = model.rule.votes_recorded
    switched = ((b, *_switched(b, base, recorded)) for b in model.blocs if b.seats > 0 and not b.fixed)
    switches = {b.key: (nb, change) for b, nb, change in switched if nb != b}
    whole = {k: m for k, (nb, _) in switches.items() if rebuild is not None and (m := rebuild(k, nb)) is not None}
    after = _p_after(model, base, {k: nb for k, (nb, _) in switches.items() if k not in whole}, method=method,
                     sims=sims, seed=seed, workers=workers)
    after.update({k: _p_whole(m, method=method, sims=sims, seed=seed, workers=workers) for k, m in whole.items()})
    out = [Pivot(b.key, b.label or b.key, b.seats, b.stance, switches[b.key][1], base, *after[b.key])
           for b in model.blocs
           if b.key in switches and abs(after[b.key][0] - base) >= PIVOT_MIN_DELTA]  # no seats, no switch: unlisted
    out.sort(key=_rank)
    return tuple(out if limit is None else out[:limit])


def _p_after(model: ForecastModel, base: float, new_blocs: dict[str, Bloc], *, method: str, sims: int,
             seed: np.random.SeedSequence | None, workers: int) -> dict[str, tuple[float, float]]:
    """P(pass) with each bloc of ``new_blocs`` switched to it, and its standard error: from one sample by
    Monte Carlo, else exactly (no error) from the leave-one-out products of the chamber's units, over yes
    votes where they alone decide and over (yes, absent) pairs where absentees matter."""
    if method == "monte-carlo" and seed is not None:
        drawn = switched_draws(model, new_blocs, sims=sims, rng=_replay(seed), workers=workers)
        return {k: (drawn.p_after(k, base), drawn.stderr(k, base)) for k in new_blocs}
    if model.swinging:  # as the exact headline: no closed form
        raise ForecastError(f"exact pivotal blocs: a swing (chamber {model.swing:g}, party {model.party_swing:g}) "
                            "has no closed form; use the monte-carlo method")
    exact = switched_p_pass(model, new_blocs) if one_dimensional(model) else switched_p_pass_joint(model, new_blocs)
    return {k: (_cleared(model, new_blocs[k], p), 0.0) for k, p in exact.items()}


def _p_whole(model: ForecastModel, *, method: str, sims: int, seed: np.random.SeedSequence | None,
             workers: int) -> tuple[float, float]:
    """P(pass) of a whole switched chamber (:data:`~whipcount.tally.redirect.Rebuild`) and its standard error:
    exactly as the exact headline (cleared alike), or from ``sims`` draws of ``seed``."""
    if method == "monte-carlo" and seed is not None:
        drawn = simulate(model, sims=sims, rng=_replay(seed), workers=workers)
        return drawn.p_pass, drawn.stderr
    return exact_forecast(model).p_pass, 0.0


def _cleared(model: ForecastModel, new: Bloc, p: float) -> float:
    """``p``, a switched chamber's P(pass) read through a transform; exactly 1 or 0 where that chamber has no
    outcome that fails, or none that passes (the transform's rounding, 1e-16 to 1e-13, cleared as the exact
    headline clears it), so a certain switch says 100 %, not "> 99.9 %"."""
    if CLEAR_NEAR < p < 1.0 - CLEAR_NEAR:
        return p
    verdict = certain_verdict(replace(model, blocs=tuple(new if b.key == new.key else b for b in model.blocs)))
    return p if verdict is None else verdict


def _rank(p: Pivot) -> tuple[bool, int, float, str]:
    """Kingmakers first: blocs whose switch alone turns the likelier outcome around, smallest first; then the
    others, largest change first (changes equal but for rounding, two like blocs counted by different sums,
    tie and go by label)."""
    turned = (p.p_before >= 0.5) != (p.p_after >= 0.5)
    # equivalent mutant "0 -> 1" below: a constant
    return not turned, p.seats if turned else 0, -round(abs(p.delta), 12), p.label


def forecast(
    model: ForecastModel,
    *,
    method: str = "auto",
    sims: int = 100_000,  # equivalent mutant: any number of draws is a valid default
    rng: np.random.Generator | None = None,
    pivotal: bool = True,
    pivot_sims: int = 20_000,  # equivalent mutant: kept for compatibility, not read
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    rebuild: Rebuild | None = None,
) -> Forecast:
    """The forecast of ``model``: P(pass), the distribution of yes votes, and the pivotal blocs.

    ``method``: ``auto`` (exact, or Monte Carlo when a swing moves some bloc or the exact method would be
    beyond the bounds of :mod:`whipcount.tally.cost`; the result's ``method_reason`` says which), ``exact``
    or ``monte-carlo``. Monte Carlo needs ``rng`` (a :class:`numpy.random.Generator`); whipcount never uses
    a global one. With Monte Carlo each pivot's P(pass) before the switch is the headline's, from the
    ``sims`` draws taken from ``rng``; every switch is read from one more sample of ``sims`` draws of the
    same seed, drawn bloc by bloc, each draw with and without the switch (:func:`pivots`).
    ``pivot_sims`` is kept for compatibility and no longer used. ``rebuild``
    (:func:`whipcount.tally.redirect.redirected`): a pivot that changes a party's direction under a defection
    rule, counted again (:func:`pivots`).
    """
    check_instance(model, ForecastModel, "model", "model_from_count(count) makes one")
    pivotal = check_flag(pivotal, "forecast: pivotal")
    workers = check_count(workers, "forecast: workers")
    check_progress(progress)
    how, why = choose_method(model, method, pivotal=pivotal)
    seed: np.random.SeedSequence | None = None
    if how == "exact":
        result = exact_forecast(model)
    else:
        if rng is None:
            raise ForecastError(f"{why + ': ' if why else ''}a Monte Carlo forecast needs a random generator "
                                "(rng); give a seed")
        seed, draw_from = _snapshot(rng)
        result = replace(monte_carlo_forecast(model, sims=sims, rng=draw_from, workers=workers,
                                              progress=progress), method_reason=why)
    if pivotal:
        result = replace(result, pivotal=pivots(model, result.p_pass, method=how, sims=sims, seed=seed,
                                                workers=workers, rebuild=rebuild))
    return result
