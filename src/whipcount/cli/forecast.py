"""``whipcount forecast`` and ``what-if``: how the vote will go, and scenarios side by side (``count`` is in
:mod:`whipcount.cli.count`)."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import click
import numpy as np
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from whipcount.cli.app import cli, console, emit_json, err_console, json_option, markup_escape, motion_option, on_option
from whipcount.cli.count import bar_dict, load_on, motion_words, not_pending, quorum_short_words
from whipcount.cli.csv_columns import FORECAST
from whipcount.cli.formats import format_option, phased, records
from whipcount.cli.numbers import FiniteRange, WholeNumber
from whipcount.cli.params import Choice
from whipcount.errors import InputError
from whipcount.model import Scenario, format_points, format_probability
from whipcount.model.events import kind_label, seats_trail
from whipcount.rules.wording import stance_words
from whipcount.tally import (
    METHODS,
    Forecast,
    ForecastPlan,
    WhatIfRun,
    WhipCount,
    count_scenario,
    forecast,
    parse_change,
    plan_for,
    what_if,
)
from whipcount.tally.forecast import choose_method
from whipcount.tally.phase import motion_phase
from whipcount.tally.redirect import redirected
from whipcount.tally.settings import draws_words
from whipcount.tally.whatif import CHANGE_KINDS, Change, combined, defection_notes

PROGRESS_FROM = 200_000
"""Monte Carlo runs of at least this many draws show a progress bar (on a terminal)."""


# -- shared ---------------------------------------------------------------------------------------------


def _party(sc: Scenario, text: str, option: str) -> str:
    """The id of the party an option names, or an InputError naming the option and the parties known."""
    try:
        return sc.known_party_id(text)
    except InputError as exc:
        raise InputError(f"{option}: {exc}") from None


def _parse_together(values: Sequence[str], sc: Scenario) -> list[tuple[list[str], float]]:
    out: list[tuple[list[str], float]] = []
    for v in values:
        head, sep, tail = v.rpartition(":")
        parties_text, p = (head, tail) if sep else (v, "0.5")
        try:
            together = float(p)
        except ValueError:
            together = math.nan
        if not 0 <= together <= 1:  # nan fails both: the words of the option, not of the model it becomes
            raise InputError(f"--together {v!r}: expected PARTY,PARTY[:P] with P a probability from 0 to 1, "
                             f"got {p!r}")
        parties = [_party(sc, x.strip(), f"--together {v!r}") for x in parties_text.split(",") if x.strip()]
        twice = next((pid for i, pid in enumerate(parties) if pid in parties[:i]), None)
        if twice is not None:  # as a scenario file's forecast.together refuses it
            raise InputError(f"--together {v!r}: party {twice!r} twice in one group")
        if len(parties) < 2:
            raise InputError(f"--together {v!r}: name at least two parties, separated by commas")
        again = next((group for group, _ in out if set(parties) & set(group)), None)
        if again is not None:  # a party moves with one group only
            both = sorted(set(parties) & set(again))
            raise InputError(f"--together {v!r}: {both[0]!r} is in an earlier --together group too "
                             f"({','.join(again)}); a party moves with one group only")
        out.append((parties, together))
    return out


def _rng(seed: int | None) -> tuple[np.random.Generator, int]:
    if seed is None:
        entropy = np.random.SeedSequence().entropy
        assert isinstance(entropy, int)
        seed = entropy % (2**63)  # a fresh seed, reported so that the run can be repeated
    if seed < 0:
        raise InputError(f"--seed: expected a whole number >= 0, got {seed}")
    return np.random.default_rng(seed), seed


def _with_progress(sims: int, quiet: bool, job: Callable[[Callable[[int], None] | None], Forecast]) -> Forecast:
    if quiet or sims < PROGRESS_FROM or not err_console.is_terminal:
        return job(None)
    columns = (TextColumn("simulating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("draws", total=sims)
        return job(lambda k: bar.advance(task, k))


def fmt_p(p: float) -> str:
    return format_probability(p)


def _fmt_error(stderr: float) -> str:
    """A Monte Carlo standard error beside a percentage, in percentage points (nothing when exact)."""
    if not stderr:
        return ""
    return f" ± {format_points(stderr)}"


def forecast_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``--sims --seed --method --cohesion --together --swing --party-swing --workers`` shared by forecast
    and what-if."""
    opts = [
        click.option("--sims", type=WholeNumber(min=1, max=100_000_000), default=None,
                     help="Monte Carlo draws (with a swing, or --method monte-carlo) [default: the "
                          "scenario's forecast.sims, else 100000]."),
        click.option("--seed", type=WholeNumber(), default=None,
                     help="Seed of the random generator (default: fresh, and reported)."),
        click.option("--method", type=Choice(METHODS), default="auto", show_default=True,
                     help="exact: by convolution; monte-carlo: by drawing votes; auto: exact, or "
                          "Monte Carlo when a swing is set."),
        click.option("--cohesion", type=FiniteRange(0, 1), default=None,
                     help="Probability that a bloc acts as one, for every bloc (default: the scenario's, "
                          "else by stance)."),
        click.option("--together", multiple=True, metavar="PARTY,PARTY[:P]",
                     help="Parties that move together with probability P (default 0.5); repeatable "
                          "(replaces the scenario's forecast.together)."),
        click.option("--swing", type=FiniteRange(min=0), default=None, metavar="SD",
                     help="Chamber-wide swing: SD of a shock shared by every uncommitted bloc, on the "
                          "logit scale of its p_yes (0.5: p 0.5 moves to 0.27-0.73 in 95 % of draws) "
                          "[default: the scenario's forecast.swing, else 0]."),
        click.option("--party-swing", type=FiniteRange(min=0), default=None, metavar="SD",
                     help="Per-party swing: SD of each party's own shock (logit scale), on top of --swing "
                          "[default: the scenario's forecast.party_swing, else 0]."),
        click.option("--workers", type=WholeNumber(min=1), default=min(2, os.cpu_count() or 1),
                     show_default=True, help="Threads for Monte Carlo."),
    ]
    for o in reversed(opts):
        fn = o(fn)
    return fn


def _plan(sc: Scenario, sims: int | None, seed: int | None, cohesion: float | None, together: tuple[str, ...],
          swing: float | None, party_swing: float | None) -> ForecastPlan:
    """The forecast's settings: a command-line option where given, else the scenario's, else the default."""
    return plan_for(sc.forecast, sims=sims, seed=seed, cohesion=cohesion,
                    groups=_parse_together(together, sc) if together else None, swing=swing, party_swing=party_swing)


# -- forecast -------------------------------------------------------------------------------------------


def forecast_dict(scenario: Scenario, wc: WhipCount, fc: Forecast, seed: int | None) -> dict[str, Any]:
    """The ``--json`` shape of ``whipcount forecast``."""
    out: dict[str, Any] = {"scenario": scenario.id, "date": wc.date.isoformat(), "motion": wc.kind}
    out.update(fc.as_dict())
    out.update(bar_dict(wc))
    out.update(committed_yes=wc.committed_yes, quorum=wc.rule.quorum or None, quorum_short=wc.quorum_short)
    out["seed"] = seed if fc.method == "monte-carlo" else None
    out["notes"] = list(wc.notes)  # as count --json gives them, the rule's own included
    return out


@cli.command("forecast")
@click.argument("scenario")
@on_option
@motion_option
@forecast_options
@format_option(phased(records(None)), FORECAST)
def forecast_command(scenario: str, on: str | None, motion: str | None, sims: int | None, seed: int | None,
                     method: str, cohesion: float | None, together: tuple[str, ...], swing: float | None,
                     party_swing: float | None, workers: int, as_json: bool) -> None:
    """The probability that the motion passes, the distribution of the vote, and the pivotal blocs.

    The scenario's `forecast:` section (swing, party_swing, cohesion, together, sims, seed) sets the
    defaults; the options override it.
    """
    sc, date = load_on(scenario, on, motion)
    if not_pending(sc, scenario, date, as_json):
        return
    plan = _plan(sc, sims, seed, cohesion, together, swing, party_swing)
    sims, swing, party_swing = plan.sims, plan.swing, plan.party_swing
    wc = count_scenario(sc, date)
    model = plan.model(wc)
    how = choose_method(model, method, pivotal=True)[0]
    rng, used_seed = _rng(plan.seed)

    def job(progress: Callable[[int], None] | None) -> Forecast:
        return forecast(model, method=method, sims=sims, rng=rng, workers=workers, progress=progress,
                        rebuild=redirected(wc, plan.model))

    fc = _with_progress(sims, as_json or how != "monte-carlo", job)
    if as_json:
        emit_json({**forecast_dict(sc, wc, fc, used_seed), "motion_status": motion_phase(sc, date).as_dict()})
        return
    _print_forecast(sc, wc, fc, used_seed)
    if swing > 0 or party_swing > 0:
        moved = "" if model.swinging else " (it moves no bloc: every position is committed)"
        console.print(f"swing (logit scale): chamber SD {swing:g}, party SD {party_swing:g}{moved}")
    console.print(("stands unless " if wc.rule.negative else "needs ") + f"{wc.needed_words()}; committed yes "
                  f"{wc.committed_yes}" + (f"; {quorum_short_words(wc)}" if wc.quorum_short else ""))
    console.print(f"yes votes: median {fc.median}, 90 % interval {fc.interval[0]}-{fc.interval[1]}, "
                  f"mean {fc.mean_yes:.1f}")
    for note in wc.own_notes:  # as count says them: the chair, a stance that lapsed, sides of own names
        console.print(note, soft_wrap=True, highlight=False)
    _print_pivotal(fc)


def _print_forecast(sc: Scenario, wc: WhipCount, fc: Forecast, used_seed: int) -> None:
    """The heading and P(pass), with how it was computed (and why by Monte Carlo when it was not asked for)."""
    what = markup_escape(motion_words(sc, wc.kind))
    console.print(f"[bold]{markup_escape(sc.title)}[/], {wc.date.isoformat()}: {what}", markup=True)
    extra = (f", {draws_words(fc.sims or 0)}, seed {used_seed}, standard error {format_points(fc.stderr)}"
             if fc.method == "monte-carlo" else "")
    console.print(f"P(pass) = [bold]{fmt_p(fc.p_pass)}[/] ({fc.method}{extra})", markup=True)
    if fc.method_reason:
        console.print(f"drawn by Monte Carlo: {fc.method_reason}", highlight=False)


def _print_pivotal(fc: Forecast) -> None:
    """The pivotal blocs as a table, or a line saying that there is none."""
    if not fc.pivotal:
        console.print("no single bloc's switch moves P(pass) by half a point or more")
        return
    table = Table(title="Pivotal blocs (those that alone turn the outcome around first, smallest first)",
                  title_justify="left")
    table.add_column("bloc")
    table.add_column("seats", justify="right")
    table.add_column("stance")
    table.add_column("if it…")
    table.add_column("P(pass)", justify="right")
    for p in fc.pivotal:
        error = _fmt_error(p.stderr)
        table.add_row(p.label, str(p.seats), stance_words(p.stance, fc.votes_recorded), p.change,
                      f"{fmt_p(p.p_before)} → {fmt_p(p.p_after)}{error}")
    console.print(table)


# -- what-if --------------------------------------------------------------------------------------------


class _ChangesInOrder(click.Command):
    """A command that keeps the arguments it was given (``ctx.meta["whipcount.args"]``): click gathers each
    option's values apart, and what-if makes its changes in the order they were typed."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["whipcount.args"] = list(args)
        return super().parse_args(ctx, args)


def _in_order(given: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """The changes as typed: each ``--switch``, ``--yes``, ``--no``, ``--absent`` and ``--abstain`` (``given`` by
    kind) in its place among the others (read from the arguments; their values are click's). Where the
    arguments cannot say (a call in code), by kind in :data:`CHANGE_KINDS` order."""
    kinds: list[str] = []
    for token in click.get_current_context().meta.get("whipcount.args", []):
        if token == "--":
            break
        name = token.split("=", 1)[0]
        if name[2:] in given and name.startswith("--"):
            kinds.append(name[2:])
    values = {kind: iter(v) for kind, v in given.items()}
    if any(kinds.count(kind) != len(v) for kind, v in given.items()):
        kinds = [kind for kind in CHANGE_KINDS for _ in given.get(kind, ())]
    return [(kind, next(values[kind])) for kind in kinds]


@cli.command("what-if", cls=_ChangesInOrder)
@click.argument("scenario")
@click.option("--switch", "switches", multiple=True, metavar="PARTY[:N]",
              help="N members (default all) of PARTY switch sides of the vote; repeatable.")
@click.option("--yes", "yeses", multiple=True, metavar="PARTY[:N]",
              help="N members (default all) of PARTY vote yes, whatever they stood at; repeatable.")
@click.option("--no", "noes", multiple=True, metavar="PARTY[:N]",
              help="N members (default all) of PARTY vote no, whatever they stood at (an abstaining party "
                   "voting against; under votes_recorded: yes-only, as in France, they do not vote for it); "
                   "repeatable.")
@click.option("--absent", "absents", multiple=True, metavar="PARTY[:N]",
              help="N members (default all) of PARTY stay away; repeatable.")
@click.option("--abstain", "abstains", multiple=True, metavar="PARTY[:N]",
              help="N members (default all) of PARTY abstain in the chamber (present, voting neither way); "
                   "repeatable.")
@on_option
@motion_option
@forecast_options
@json_option
def what_if_command(scenario: str, switches: tuple[str, ...], yeses: tuple[str, ...], noes: tuple[str, ...],
                    absents: tuple[str, ...], abstains: tuple[str, ...],
                    on: str | None, motion: str | None, sims: int | None, seed: int | None, method: str,
                    cohesion: float | None, together: tuple[str, ...], swing: float | None, party_swing: float | None,
                    workers: int, as_json: bool) -> None:
    """Scenarios side by side: the baseline, each change alone, and all changes together."""
    given = {"switch": switches, "yes": yeses, "no": noes, "absent": absents, "abstain": abstains}
    if not any(given.values()):
        raise InputError("what-if: give at least one --switch, --yes, --no, --absent or --abstain PARTY[:N]")
    sc, date = load_on(scenario, on, motion)
    if not_pending(sc, scenario, date, as_json):
        return
    plan = _plan(sc, sims, seed, cohesion, together, swing, party_swing)
    wc = count_scenario(sc, date)
    changes = [parse_change(kind, value) for kind, value in _in_order(given)]
    changes = [replace(c, party=_party(sc, c.party, f"what-if {c.option()}")) for c in changes]
    _check_held(sc, wc, changes)
    rng, used_seed = _rng(plan.seed)
    runs = what_if(wc, changes, plan.model, method=method, sims=plan.sims, rng=rng, workers=workers,
                   pivotal=False)
    apart = combined(wc, changes)[1] if len(changes) > 1 else None
    if as_json:
        emit_json(_what_if_json(sc, wc, runs, used_seed, apart))
        return
    console.print(_what_if_table(sc, wc, runs))
    methods = {r.forecast.method for r in runs}
    console.print(f"method: {', '.join(sorted(methods))}"
                  + (f" (seed {used_seed}, {draws_words(plan.sims)})" if "monte-carlo" in methods else "")
                  + (f"; swing (logit scale): chamber SD {plan.swing:g}, party SD {plan.party_swing:g}"
                     if plan.swing > 0 or plan.party_swing > 0 else ""))
    for bar in dict.fromkeys(r.count.rule.describe() for r in runs):  # the bar in words, vacant seats said
        console.print(f"needed: {bar}", soft_wrap=True, highlight=False)
    for why in dict.fromkeys(r.forecast.method_reason for r in runs if r.forecast.method_reason):
        console.print(f"drawn by Monte Carlo: {why}", highlight=False)
    for r in (r for r in runs if r.count.quorum_short):  # why a column whose yes votes reach the bar says 0 %
        console.print(f"{r.label}: {quorum_short_words(r.count)}", soft_wrap=True, highlight=False, markup=False)
    if apart:
        console.print(f"no column for all changes: {apart}", soft_wrap=True)
    for note in wc.notes:  # the rule's (a chamber not the size its profile fixes) and the count's own
        console.print(note, soft_wrap=True, highlight=False)
    for note in defection_notes(runs):
        if note not in wc.notes:  # said above where the count's own notes say it
            console.print(note, soft_wrap=True, highlight=False)


def _check_held(sc: Scenario, wc: WhipCount, changes: Sequence[Change]) -> None:
    """A change naming a party with no seats on the day says what took them (its last event) and where."""
    held = {p.party for p in wc.positions}
    for c in changes:
        if c.party in held:
            continue
        last, trail = seats_trail([e for e in sc.events if e.date <= wc.date], c.party, held)
        if last is not None:
            went = "".join(f"{'; its seats went to' if n == 0 else ', then to'} {sc.names.get(p, p)} ({p!r})"
                           for n, p in enumerate(trail))
            raise InputError(f"what-if {c.option()}: {c.party!r} holds no seats on {wc.date.isoformat()}: "
                             f"{last.date.isoformat()}, {kind_label(last.kind)}: {last.describe(sc.names)}{went}")


def _what_if_json(sc: Scenario, wc: WhipCount, runs: Sequence[WhatIfRun], used_seed: int,
                  apart: str | None) -> dict[str, Any]:
    """``what-if --json``: each run's count and forecast, the seed where any run was drawn."""
    return {
        "scenario": sc.id,
        "date": wc.date.isoformat(),
        "motion": wc.kind,
        "seed": used_seed if any(r.forecast.method == "monte-carlo" for r in runs) else None,
        "runs": [
            # the count's bar after the forecast's keys, as forecast --json gives it: on a turnout basis the
            # forecast has no one number needed, the count's magic number is the one if all vote
            {"label": r.label, "committed_yes": r.count.committed_yes, "short": r.count.short,
             "quorum": r.count.rule.quorum or None, "quorum_short": r.count.quorum_short,
             **r.forecast.as_dict(), **bar_dict(r.count)}
            for r in runs
        ],
        "notes": [*([apart] if apart else []), *wc.notes, *(n for n in defection_notes(runs) if n not in wc.notes)],
    }


def _what_if_table(sc: Scenario, wc: WhipCount, runs: Sequence[WhatIfRun]) -> Table:
    """The runs side by side, a column each: the count, the forecast, and the standard error of a draw."""
    table = Table(title=f"What if: {sc.title}, {wc.date.isoformat()}: {motion_words(sc, wc.kind)}",
                  title_justify="left")
    table.add_column("")
    for r in runs:
        table.add_column(r.label, justify="right")
    rows: list[tuple[str, Callable[[Any], str | Text]]] = [
        ("committed yes", lambda r: str(r.count.committed_yes)),
        ("rejected at (no)" if wc.rule.negative else "needed", lambda r: str(r.count.needed)),
        ("mean yes", lambda r: f"{r.forecast.mean_yes:.1f}"),
        ("median yes", lambda r: str(r.forecast.median)),
        ("90 % interval", lambda r: f"{r.forecast.interval[0]}-{r.forecast.interval[1]}"),
        ("P(pass)", lambda r: Text(fmt_p(r.forecast.p_pass), style="bold")),
    ]
    if any(r.forecast.method == "monte-carlo" for r in runs):
        rows.append(("standard error", lambda r: format_points(r.forecast.stderr)))
    for name, get in rows:
        table.add_row(name, *(get(r) for r in runs))
    return table
