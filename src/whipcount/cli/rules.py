"""``whipcount outcome``: a division (or a count) judged under the chamber's rules, and the verdict
(``whipcount rules list|show`` is :mod:`whipcount.cli.rules_profiles`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from whipcount.cli.app import cli, console, emit_json, markup_escape, on_option, parse_date, scenario_date
from whipcount.cli.csv_columns import MOTION, OUTCOME
from whipcount.cli.formats import chamber_sides, csv_columns, format_option, records
from whipcount.cli.numbers import WholeNumber
from whipcount.cli.params import Choice
from whipcount.errors import InputError, NotFound
from whipcount.io.rules_ref import resolve_rules
from whipcount.model import Motion, Scenario
from whipcount.model.ids import did_you_mean
from whipcount.rules import (
    MOTION_KINDS,
    Constitution,
    Outcome,
    judge,
    motion_status,
    vote_timing,
)
from whipcount.rules.in_force import check_rule_on
from whipcount.rules.judge import verdict
from whipcount.rules.needed import check_members_in, need_vacancy_keys, scenario_needed


def _print_outcome(o: Outcome, title: str | None = None) -> None:
    mark = "[bold green]PASSED[/]" if o.passed else "[bold red]FAILED[/]"
    head = f"{title}: " if title else ""
    console.print(f"{markup_escape(head)}{mark}  ({o.rules}, {o.motion}{', ' + o.on.isoformat() if o.on else ''})",
                  markup=True)
    console.print(f"  {o.explanation}", soft_wrap=True)
    if o.source is not None:
        console.print(f"  source: {o.source.cite()} <{o.source.url}>", soft_wrap=True)


def _rules_option(ref: str) -> Constitution:
    """The constitution ``--rules`` names: a profile id, or a constitution file read (relative to the current
    folder, as every command's ``--rules`` is) by the one reader every command uses; a fault names the option."""
    try:
        return resolve_rules(ref)
    except (InputError, NotFound) as exc:
        raise InputError(f"--rules: {exc}") from None


def _check_motion_option(c: Constitution, kind: str) -> None:
    """``--motion KIND`` is a kind of motion the ``--rules`` profile or file has a rule for, or the error names
    the option, the profile and where it was read from."""
    if kind not in MOTION_KINDS:
        raise InputError(f"--motion: unknown motion kind {kind!r} (expected one of: {', '.join(MOTION_KINDS)})"
                         f"{did_you_mean(kind, MOTION_KINDS)}")
    if kind not in c.kinds:
        raise InputError(f"--motion: {c.named} has no rule for {kind!r}; expected one of: "
                         f"{', '.join(c.kinds)}")


def _motion_report(scenario: Scenario, motion: Motion, c: Constitution, on: dt.date | None) -> dict[str, Any]:
    """One motion of a scenario: its status on ``on`` (before the vote) or the judged division."""
    out: dict[str, Any] = {"id": motion.id, "kind": motion.kind, "target": motion.target,
                           "successor": motion.successor, "vote": motion.vote}
    vote_day = motion.vote  # a dated division sets it (Motion)
    today = dt.date.today()
    ahead = vote_day is not None and vote_day > today and motion.division is None  # set, not yet held
    when = on or (max(today, scenario.chamber.as_of) if ahead else None) or vote_day or scenario.last_date
    before_vote = vote_day is None or when < vote_day
    # an --on date before the seat counts hold is an error (as in tally); a vote dated before them is not
    state = scenario.state(when if on is not None else max(when, scenario.chamber.as_of))
    # a recorded division is judged as the chamber stood on the day of the vote: --on chooses only which
    # later decisions have been made, never the seats and vacancies the bar is counted from
    from whipcount.tally.cases import judge_division_of  # here: the tally package brings numpy, 0.1 s

    judged = judge_division_of(scenario, motion, rules=c, as_of=on) if not before_vote else None
    if judged is not None and motion.division is not None:
        out["outcome"] = judged.final.to_dict()
        out["outcome"]["division_verified"] = motion.division.verified
        out.update(judged.to_dict())
        timing = vote_timing(c, motion, scenario.events)
        out["timing"] = timing.to_dict() if timing is not None else None
        return out
    check_rule_on(scenario, when, motion, rules=c)
    status = motion_status(c, motion, scenario.events, on=when)
    check_members_in(scenario, state)
    need = scenario_needed(c, motion.kind, seats=state.seats, vacancies=state.vacancies, on=when, round=motion.round)
    out["status"] = status.to_dict()
    out["needed"] = {"count": need.count, "basis": need.basis, **need_vacancy_keys(need),
                     "explanation": need.explanation,
                     "reject_at": need.reject_at}
    out["sides"] = state.sides()
    if not before_vote and ahead:
        out["no_division"] = (f"the vote is set for {vote_day}, after today: there is no result yet; run "
                              "`whipcount forecast` for the vote to expect")
    elif not before_vote:
        out["no_division"] = ("no division is recorded for this vote: add the motion's `division:` (its yes and no "
                              "votes) to judge it, or run `whipcount forecast` for the vote to expect")
    return out


def _print_motion_report(rep: dict[str, Any], label: str) -> None:
    """One motion's report in words; ``label`` names the motion (:meth:`Scenario.motion_label`)."""
    if "outcome" in rep:
        o = rep["outcome"]
        said = verdict(o["passed"], o["elected"], rep.get("successor"))
        shown = {"passed": "[bold green]PASSED[/]", "failed": "[bold red]FAILED[/]"}.get(
            said, f"[bold red]{markup_escape(said)}[/]")  # another candidate elected: named, never PASSED
        console.print(f"[bold]{markup_escape(label)}[/]: {shown}  (vote on {o['on']})", markup=True)
        console.print(f"  {o['explanation']}", soft_wrap=True)
        if o.get("source"):
            console.print(f"  source: {o['source']['article']} <{o['source']['url']}>", soft_wrap=True)
        if not o.get("division_verified", True):
            console.print("  [yellow]the recorded division is marked unverified[/]", markup=True)
        if (timing := rep.get("timing")) is not None:
            style = "" if timing["within_window"] else "bold yellow"
            console.print(f"  {timing['text']}", style=style, soft_wrap=True, markup=False)
        if (adj := rep.get("adjudicated")) is not None:
            _print_adjudication(rep["declared"], adj, rep.get("successor"))
        return
    st = rep["status"]
    console.print(f"[bold]{markup_escape(label)}[/] on {st['on']}: [bold]{st['state']}[/]", markup=True)
    console.print(f"  {st['summary']}", soft_wrap=True)
    for d in st["deadlines"]:
        console.print(f"  {d['label']}: {d['date']}", soft_wrap=True)
    for b in st["bars"]:
        console.print(f"  applies while pending: {b}", soft_wrap=True)
    for n in st["notes"]:
        console.print(f"  note: {n}", soft_wrap=True)
    need = rep["needed"]
    console.print(f"  needed: {need['explanation']}", soft_wrap=True)
    sides = ", ".join(f"{k} {v}" for k, v in rep["sides"].items())
    console.print(f"  seats by side on {st['on']}: {sides}", soft_wrap=True)
    if rep.get("no_division"):
        console.print(f"  {rep['no_division']}", style="yellow", soft_wrap=True)


def _print_adjudication(declared: dict[str, Any], adj: dict[str, Any], successor: str | None) -> None:
    """The result declared on the day beside the one a later decision settled."""
    dec = adj["decision"]
    was = verdict(declared["passed"], declared["elected"], successor)
    console.print(f"  declared on the day: {was}; {declared['explanation']}", soft_wrap=True)
    console.print(f"  as adjudicated by {dec['by']} on {dec['date']}: {dec['summary']}", soft_wrap=True)
    for url in dec["sources"]:
        console.print(f"    <{url}>", soft_wrap=True)


def _in_order(item: tuple[dict[str, Any], str]) -> tuple[str, int, bool]:
    """Motions as they were voted: by day, a first poll before its run-off, and of two ballots of one day for
    one office the one that failed first (no ballot follows one that elected; Germany's 6 May 2025). The main
    motion of a file need not be the day's first; --json keeps the file's order."""
    rep = item[0]
    outcome = rep.get("outcome") or {}
    return rep.get("vote") or "9999-12-31", int(outcome.get("round") or 1), bool(outcome.get("passed"))


def demo_outcome(scenario: Scenario) -> None:
    """The demo's outcome section: where the motion stood after the dismissal and after the restoration,
    then every recorded division judged under the chamber's rules."""
    from rich.text import Text

    console.rule(Text("Outcome under the constitution", style="bold"))
    for m in scenario.motions:
        c = resolve_rules(scenario.rules_for(m))
        for e in scenario.events:
            if e.kind in ("ruling", "court-order") and e.effect and m.vote and m.moved and m.moved < e.date < m.vote:
                _print_motion_report(_motion_report(scenario, m, c, e.date), scenario.motion_label(m))
        _print_motion_report(_motion_report(scenario, m, c, None), scenario.motion_label(m))


# a chamber holds at most as many seats as a scenario file may give it (io/scenario_schema.py)
_COUNT = WholeNumber(0, 100_000)  # a count below 0 is named as its option, not as the judge's "yes"
_SEATS = WholeNumber(1, 100_000)

@cli.command()
@click.argument("scenario", required=False)
@click.option("--rules", "rules_ref", metavar="ID|FILE", help="Rules profile id or a constitution YAML file.")
@click.option("--motion", "kind", metavar="KIND|ID", help=f"Motion kind: {', '.join(MOTION_KINDS)}; with a "
              "SCENARIO, a kind or the id of one of its motions (as the other commands take it).")
@click.option("--yes", type=_COUNT, default=None, help="Votes in favour.")
@click.option("--no", type=_COUNT, default=None, help="Votes against.")
@click.option("--abstain", type=_COUNT, default=None, help="Abstentions.")
@click.option("--absent", type=_COUNT, default=None, help="Members absent or not voting.")
@click.option("--present-not-voting", "present_not_voting", type=_COUNT, default=None,
              help="Members present who declared they do not vote (count toward a quorum, not the votes cast).")
@click.option("--invalid", type=_COUNT, default=None,
              help="Ballots declared invalid (count toward a quorum, not the votes cast).")
@click.option("--seats", type=_SEATS, default=None, help="Total membership (default: the profile's on the date).")
@click.option("--vacancies", type=_COUNT, default=0, show_default=True, help="Vacant seats.")
@click.option("--defectors", type=_COUNT, default=0, help="Yes votes cast against the party's direction.")
@click.option("--round", "round_", type=Choice(["1", "2"]), default="1", help="1: first poll, 2: runoff.")
@click.option("--casting-vote", type=Choice(["yes", "no"]), default=None,
              help="The presiding officer's casting vote in a tie.")
@on_option
@format_option(records("motions", "motion"), MOTION)
def outcome(scenario: str | None, rules_ref: str | None, kind: str | None, yes: int | None, no: int | None,
            abstain: int | None, absent: int | None, present_not_voting: int | None, invalid: int | None,
            seats: int | None, vacancies: int, defectors: int,
            round_: str, casting_vote: str | None, on: str | None, as_json: bool) -> None:
    """Judge a division (or a count) under the chamber's rules on the motion's date.

    With SCENARIO: every motion in it, judged on its recorded division; with --on before a vote, where
    the motion stands and which deadlines apply. Without: --rules ID --motion KIND --yes N [...].
    """
    day = parse_date(on)
    if scenario is not None:
        from whipcount.io.scenario import load_scenario

        sc = load_scenario(scenario)
        scenario_date(sc, scenario, day)
        if not sc.motions:  # as count and forecast say it: no --motion was given to name
            raise InputError(f"{sc.id}: the scenario has no motion to judge (add 'motion:')")
        override = _rules_option(rules_ref) if rules_ref is not None else None
        reports, labels = [], []
        for m in sc.motions:
            if kind is not None and kind not in (m.kind, m.id):
                continue
            c = override or resolve_rules(sc.rules_for(m))
            if m.kind not in c.kinds:  # only an override can lack it: the scenario's own rules were checked
                raise InputError(f"--rules: expected rules with a {m.kind} motion (the scenario's motion "
                                 f"{m.id!r}), got {c.named}, which has {', '.join(c.kinds)}")
            reports.append(_motion_report(sc, m, c, day))
            labels.append(sc.motion_label(m))
        if not reports:
            listed = ", ".join(f"{m.id} ({m.kind})" for m in sc.motions)
            names = {m.kind for m in sc.motions} | {m.id for m in sc.motions if m.id}
            raise InputError(f"--motion {kind!r}: {scenario} has no motion of that kind or id (its motions: "
                             f"{listed or 'none'}){did_you_mean(str(kind), sorted(names))}")
        if as_json:
            with chamber_sides(sc.chamber.sides):
                emit_json({"scenario": sc.id, "on": day, "motions": reports})
            return
        console.print(sc.title, style="bold")
        for rep, label in sorted(zip(reports, labels, strict=True), key=_in_order):
            _print_motion_report(rep, label)
        return
    if rules_ref is None or kind is None or yes is None:
        raise InputError("outcome: give a SCENARIO, or --rules ID --motion KIND --yes N "
                         "[--no N] [--abstain N] [--absent N] [--seats N] [--vacancies N] [--on DATE]")
    c = _rules_option(rules_ref)
    _check_motion_option(c, kind)
    o = judge(c, kind, yes=yes, no=no, abstain=abstain, absent=absent, seats=seats, vacancies=vacancies,
              on=day, round=int(round_), defectors=defectors, casting_vote=casting_vote,
              present_not_voting=present_not_voting, invalid=invalid)
    if as_json:
        with csv_columns(OUTCOME):  # one division, not a scenario's motions: its own columns, none left empty
            emit_json(o.to_dict())
        return
    _print_outcome(o)
