"""``whipcount outcome`` and ``whipcount rules list|show``: what the constitution demands, and the verdict."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import click

from whipcount.cli.app import (
    cli,
    console,
    emit_json,
    json_option,
    markup_escape,
    on_option,
    parse_date,
    print_notes,
    scenario_date,
)
from whipcount.cli.formats import format_option, records
from whipcount.errors import InputError, NotFound, WhipcountError
from whipcount.io.rules_ref import resolve_rules
from whipcount.model import Motion, Scenario, motion_about
from whipcount.rules import (
    MOTION_KINDS,
    Constitution,
    MotionRule,
    Outcome,
    all_constitutions,
    judge,
    motion_status,
    needed,
    registry_errors,
    vote_timing,
)
from whipcount.rules.core import Threshold
from whipcount.rules.judge import verdict


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


def _motion_report(scenario: Scenario, motion: Motion, c: Constitution, on: dt.date | None) -> dict[str, Any]:
    """One motion of a scenario: its status on ``on`` (before the vote) or the judged division."""
    out: dict[str, Any] = {"id": motion.id, "kind": motion.kind, "target": motion.target,
                           "successor": motion.successor, "vote": motion.vote}
    vote_day = motion.vote or (motion.division.date if motion.division else None)
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
    status = motion_status(c, motion, scenario.events, on=when)
    need = needed(c, motion.kind, seats=state.seats, vacancies=state.vacancies, on=when, round=motion.round)
    out["status"] = status.to_dict()
    out["needed"] = {"count": need.count, "basis": need.basis, "explanation": need.explanation,
                     "reject_at": need.reject_at}
    out["sides"] = state.sides()
    if not before_vote and ahead:
        out["no_division"] = (f"the vote is set for {vote_day}, after today: there is no result yet; run "
                              "`whipcount forecast` for the vote to expect")
    elif not before_vote:
        out["no_division"] = ("no division is recorded for this vote: add the motion's `division:` (its yes and no "
                              "votes) to judge it, or run `whipcount forecast` for the vote to expect")
    return out


def _print_motion_report(rep: dict[str, Any]) -> None:
    label = f"{rep['kind']}" + motion_about(rep["kind"], rep.get("target")) + (
        f" ({rep['successor']})" if rep.get("successor") else "")
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


def demo_outcome(scenario: Scenario) -> None:
    """The demo's outcome section: where the motion stood after the dismissal and after the restoration,
    then every recorded division judged under the chamber's rules."""
    from rich.text import Text

    console.rule(Text("Outcome under the constitution", style="bold"))
    for m in scenario.motions:
        c = resolve_rules(scenario.rules_for(m))
        for e in scenario.events:
            if e.kind in ("ruling", "court-order") and e.effect and m.vote and m.moved and m.moved < e.date < m.vote:
                _print_motion_report(_motion_report(scenario, m, c, e.date))
        _print_motion_report(_motion_report(scenario, m, c, None))


# a chamber holds at most as many seats as a scenario file may give it (io/scenario_schema.py)
_COUNT = click.IntRange(max=100_000)  # below 0: the judge says so in its own words
_SEATS = click.IntRange(max=100_000)

@cli.command()
@click.argument("scenario", required=False)
@click.option("--rules", "rules_ref", metavar="ID|FILE", help="Rules profile id or a constitution YAML file.")
@click.option("--motion", "kind", metavar="KIND", help=f"Motion kind: {', '.join(MOTION_KINDS)}.")
@click.option("--yes", type=_COUNT, default=None, help="Votes in favour.")
@click.option("--no", type=_COUNT, default=None, help="Votes against.")
@click.option("--abstain", type=_COUNT, default=None, help="Abstentions.")
@click.option("--absent", type=_COUNT, default=None, help="Members absent or not voting.")
@click.option("--present-not-voting", "present_not_voting", type=_COUNT, default=None,
              help="Members present who declared they do not vote (count toward a quorum, not the votes cast).")
@click.option("--seats", type=_SEATS, default=None, help="Total membership (default: the profile's on the date).")
@click.option("--vacancies", type=_COUNT, default=0, show_default=True, help="Vacant seats.")
@click.option("--defectors", type=_COUNT, default=0, help="Yes votes cast against the party's direction.")
@click.option("--round", "round_", type=click.Choice(["1", "2"]), default="1", help="1: first poll, 2: runoff.")
@click.option("--casting-vote", type=click.Choice(["yes", "no"]), default=None,
              help="The presiding officer's casting vote in a tie.")
@on_option
@format_option(records("motions", "motion"))
def outcome(scenario: str | None, rules_ref: str | None, kind: str | None, yes: int | None, no: int | None,
            abstain: int | None, absent: int | None, present_not_voting: int | None, seats: int | None,
            vacancies: int, defectors: int,
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
        override = _rules_option(rules_ref) if rules_ref is not None else None
        reports = []
        for m in sc.motions:
            if kind is not None and m.kind != kind:
                continue
            c = override or resolve_rules(sc.rules_for(m))
            if m.kind not in c.kinds:  # only an override can lack it: the scenario's own rules were checked
                raise InputError(f"--rules: expected rules with a {m.kind} motion (the scenario's motion "
                                 f"{m.id!r}), got {c.id}, which has {', '.join(c.kinds)}")
            reports.append(_motion_report(sc, m, c, day))
        if not reports:
            raise InputError(f"{scenario}: no motion{' of kind ' + kind if kind else ''} in the scenario")
        if as_json:
            emit_json({"scenario": sc.id, "on": day, "motions": reports})
            return
        console.print(sc.title, style="bold")
        for rep in reports:
            _print_motion_report(rep)
        return
    if rules_ref is None or kind is None or yes is None:
        raise InputError("outcome: give a SCENARIO, or --rules ID --motion KIND --yes N "
                         "[--no N] [--abstain N] [--absent N] [--seats N] [--vacancies N] [--on DATE]")
    c = _rules_option(rules_ref)
    o = judge(c, kind, yes=yes, no=no, abstain=abstain, absent=absent, seats=seats, vacancies=vacancies,
              on=day, round=int(round_), defectors=defectors, casting_vote=casting_vote,
              present_not_voting=present_not_voting)
    if as_json:
        emit_json(o.to_dict())
        return
    _print_outcome(o)


@cli.group()
def rules() -> None:
    """The constitutions whipcount knows: their motions, thresholds and sources."""


def _seats_text(c: Constitution, on: dt.date | None) -> str:
    p = c.seats_on(on)
    if p is None:
        return "?"
    return f"{p.seats}" + ("" if p.verified else "†")


@rules.command("list")
@json_option
def rules_list(as_json: bool) -> None:
    """Every rules profile, its motions and the chamber's size today († unverified)."""
    cs = all_constitutions()
    if as_json:  # one object, as every command prints, with the profiles the table's "skipped:" lines name
        emit_json({"profiles": [{"id": c.id, "name": c.name, "country": c.country, "motions": list(c.kinds),
                                 "seats": (p.seats if (p := c.seats_on(None)) else None), "origin": c.origin,
                                 "sources": sorted({m.source.url for m in c.motions})} for c in cs],
                   "skipped": registry_errors()})
        return
    from whipcount.cli.fit import Col, fitting_tables

    cols = [Col("id"), Col("chamber", text=True), Col("seats", "right"), Col("motions", text=True)]
    rows = [[c.id, c.name, _seats_text(c, None), ", ".join(c.kinds)] for c in cs]
    for table in fitting_tables(cols, rows, console.width, title="Rules profiles", show_lines=False):
        console.print(table)
    print_notes([f"{c.id}: {p.seats} seats, {p.note or 'not confirmed against an official source'}"
                 for c in cs if (p := c.seats_on(None)) is not None and not p.verified])
    for err in registry_errors():
        console.print(f"[yellow]skipped:[/] {markup_escape(str(err))}", soft_wrap=True, markup=True)


def _vacancies(th: Threshold) -> dict[str, Any] | None:
    """Whether vacant seats count toward a membership basis, and the text or practice that says so."""
    if th.basis not in ("total", "sitting"):
        return None
    return {"counted": th.basis == "total", "note": th.basis_note,
            "source": ({"article": th.basis_source.cite(), "url": th.basis_source.url} if th.basis_source else None)}


def _tie_and_quorum(th: Threshold, seats: int | None) -> list[str]:
    """What a tie does (where one can decide: a bar of one half of a turnout or a casting vote), and the
    quorum, in words."""
    lines = []
    if th.tie == "casting-vote":
        how = f"; by convention it goes {th.tie_convention}" if th.tie_convention else ""
        why = f" ({th.tie_note})" if th.tie_note else ""
        cite = f" [{th.tie_source.cite()}]" if th.tie_source else ""
        lines.append(f"tie: the presiding officer's casting vote decides{how}{why}{cite}")
    elif th.depends_on_turnout:
        lines.append(_tie_words(th))
    if th.quorum is not None:
        lines.append(f"quorum: {th.quorum.describe(seats or None)}")
    return lines


def _tie_words(th: Threshold) -> str:
    """What a tie (as many for as against) does where no casting vote decides it: half the votes either
    reach the threshold's share or not; a negative threshold reads the noes' half."""
    half = Fraction(1, 2)
    reached = half > th.fraction if th.strict else half >= th.fraction
    if th.negative:
        return ("tie: the motion is rejected (half the votes against reach the bar)" if reached
                else "tie: the motion stands (half the votes against do not reach the bar)")
    return ("tie: the motion is carried (half the votes reach the bar)" if reached
            else "tie: the motion fails (it needs more than the bar)")


def _motion_dict(m: MotionRule, seats: int | None) -> dict[str, Any]:
    th = m.threshold
    d: dict[str, Any] = {
        "kind": m.kind, "title": m.title, "threshold": th.describe(), "basis": th.basis,
        "fraction": str(th.fraction), "strict": th.strict, "negative": th.negative, "tie": th.tie,
        "tie_convention": th.tie_convention,
        "vacancies": _vacancies(th),
        "quorum": th.quorum.describe(seats) if th.quorum and seats else None,
        "source": {"article": m.source.cite(), "url": m.source.url},
        "effect": m.effect, "effect_fail": m.effect_fail, "successor": m.successor,
        "in_force": {"from": m.start, "until": m.end}, "verified": m.verified, "note": m.note,
        "movers": m.movers.describe(seats) if m.movers else None,
        "window": m.window.describe() if m.window else None,
        "bars": [b.text for b in m.bars],
        "runoff": ({"among": m.runoff.among, "threshold": m.runoff.threshold.describe(),
                    "source": m.runoff.source.cite() if m.runoff.source else None} if m.runoff else None),
        "defection": [{"from": p.start, "until": p.end, "counted": p.counted, "source": p.source.cite(),
                       "url": p.source.url, "note": p.note} for p in m.defection],
        "other_sources": [{"article": s.cite(), "url": s.url} for s in m.sources],
    }
    return d


@rules.command("show")
@click.argument("rules_id")
@on_option
@json_option
def rules_show(rules_id: str, on: str | None, as_json: bool) -> None:
    """One profile: each motion's threshold, procedure and source, and the chamber's size over time."""
    day = parse_date(on)
    c = resolve_rules(rules_id)
    period = c.seats_on(day)
    seats = period.seats if period else None
    motions = [m for m in c.motions if day is None or m.in_force(day)] or list(c.motions)
    if as_json:
        emit_json({
            "id": c.id, "name": c.name, "country": c.country, "note": c.note, "origin": c.origin,
            "seats": [{"seats": p.seats, "from": p.start, "until": p.end, "source": p.source,
                       "verified": p.verified, "note": p.note} for p in c.seats],
            "motions": [_motion_dict(m, seats) for m in motions],
        })
        return
    _print_profile(c)
    for m in motions:
        _print_motion(c, m, seats, day)


def _print_profile(c: Constitution) -> None:
    """The profile's id, name and country, its note, and the chamber's size in each period."""
    console.print(f"[bold]{c.id}[/]: {markup_escape(c.name + (f' ({c.country})' if c.country else ''))}", markup=True)
    if c.note:
        console.print(f"  {c.note}", soft_wrap=True)
    for p in c.seats:
        # a size with no dates holds always: no span to give
        span = f" from {p.start or '...'} to {p.end or 'today'}" if p.start or p.end else ""
        flag = "" if p.verified else " [yellow](unverified)[/]"
        console.print(f"  seats {p.seats}{span}{flag}" + (f": {markup_escape(p.note)}" if p.note else ""),
                      soft_wrap=True, markup=True)


def _print_motion(c: Constitution, m: MotionRule, seats: int | None, day: dt.date | None) -> None:
    """A motion's rule: its dates, what it passes with (worked out for ``seats`` on ``day``) and its source,
    vacant seats, ties and quorum, what follows, then its procedure (_print_procedure)."""
    console.print(f"\n[bold]{m.kind}[/]" + (f": {markup_escape(m.title)}" if m.title else "")
                  + ("" if m.verified else " [yellow](unverified)[/]"), markup=True)
    if m.start or m.end:
        console.print(f"  in force from {m.start or '...'} until {m.end or 'today'}")
    try:
        n = needed(c, m.kind, seats=seats, on=day if day else (m.start if m.end else None)) if seats else None
    except WhipcountError:
        n = None
    console.print(f"  passes with: {m.threshold.describe()}" + (f" ({n.explanation})" if n else ""),
                  soft_wrap=True)
    console.print(f"  source: {m.source.cite()} <{m.source.url}>", soft_wrap=True)
    if (vac := _vacancies(m.threshold)) is not None:
        bs = m.threshold.basis_source
        console.print(f"  vacant seats: {'counted' if vac['counted'] else 'left out'}"
                      + (f": {vac['note']}" if vac["note"] else "")
                      + (f" ({bs.cite()} <{bs.url}>)" if bs else ""), soft_wrap=True)
    for line in _tie_and_quorum(m.threshold, seats):
        console.print(f"  {line}", soft_wrap=True)
    console.print(f"  if carried: {m.effect}; if not: {m.effect_fail}", soft_wrap=True)
    _print_procedure(m, seats)


def _print_procedure(m: MotionRule, seats: int | None) -> None:
    """Who moves the motion, when it is voted, what bars it, its run-off, how votes against the party's
    direction count, and the notes."""
    if m.movers:
        console.print(f"  moved by: {m.movers.describe(seats)}", soft_wrap=True)
    if m.window:
        console.print(f"  vote: {m.window.describe()}", soft_wrap=True)
    for b in m.bars:
        console.print(f"  bar: {b.text}" + (f" ({b.source.cite()})" if b.source else ""), soft_wrap=True)
    if m.runoff:
        console.print(f"  runoff: top {m.runoff.among}, {m.runoff.threshold.describe()}"
                      + (f" ({m.runoff.source.cite()})" if m.runoff.source else ""), soft_wrap=True)
    for dp in m.defection:
        console.print(f"  votes against the party's direction {'counted' if dp.counted else 'NOT counted'} "
                      f"from {dp.start or '...'} until {dp.end or 'today'} ({dp.source.article})", soft_wrap=True)
    if m.movers and m.movers.note:
        console.print(f"  movers: {m.movers.note}", soft_wrap=True)
    if m.note:
        console.print(f"  note: {m.note}", soft_wrap=True)
