"""``whipcount scenarios``, ``tally``, ``schema`` and ``demo``: seats and sides on any date."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import click

from whipcount.cli.app import (
    UNVERIFIED_MARK,
    cli,
    console,
    emit_json,
    json_option,
    on_option,
    parse_date,
    print_notes,
    scenario_date,
)
from whipcount.cli.csv_columns import MARGIN_SIDES
from whipcount.cli.formats import format_option, records
from whipcount.cli.params import Choice
from whipcount.io.scenario import bundled_scenarios, load_scenario, scenario_json_schema_text
from whipcount.model import ChamberState, Event, Scenario
from whipcount.rules import defection_in, needed_in, scenario_kind
from whipcount.rules.needed import counted_sides, need_vacancy_keys

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def tally_dict(scenario: Scenario, state: ChamberState) -> dict[str, Any]:
    """The ``--json`` shape of ``whipcount tally`` (documented in the README)."""
    need = needed_in(scenario, state)
    sides = state.sides()
    counted, crossed = counted_sides(state, defection_in(scenario, state))
    return {
        "scenario": scenario.id,
        "date": state.date.isoformat(),
        "chamber": scenario.chamber.name,
        "rules": scenario.rules_for(),
        "motion": scenario_kind(scenario, state.date),
        "seats": state.seats,
        "vacancies": state.vacancies,
        "seats_held": state.seats_held,
        "needed": need.count,
        "reject_at": need.reject_at,
        "basis": need.basis,
        **need_vacancy_keys(need),
        "explanation": need.explanation,
        "notes": [*need.notes, *([crossed] if crossed else [])],
        "sides": sides,
        # the seats whose votes count: a side less the members who crossed the floor to it where the rule of
        # the day does not count their votes against their party's direction
        "counted": counted,
        # every key on every date (a side with no seats is 0, its margin the whole number short), so
        # that rows of many dates stack under one header
        "margins": {
            s: (n - need.count if need.count is not None else None)
            for s, n in counted.items() if s in MARGIN_SIDES
        },
        "parties": [
            {
                "id": p.id,
                "name": p.name,
                "short": p.short,
                "seats": p.seats,
                "side": p.side,
                "by_side": {s: p.seats_on(s) for s in sides},
                "verified": p.verified,
            }
            for p in state.parties
            if p.seats > 0
        ],
        "unverified_events": state.unverified_events,
    }


def _margin_cell(side: str, seats: int, needed: int) -> Text | str:
    from rich.text import Text

    if side not in MARGIN_SIDES:
        return ""
    return Text(_signed(seats - needed), style="green" if seats >= needed else "red")


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def tally_table(scenario: Scenario, state: ChamberState, *, title: str | None = None) -> Table:
    """Seats by party and side on one date, with the number needed and each side's margin."""
    from rich.table import Table
    from rich.text import Text

    need = needed_in(scenario, state)
    sides = [s for s, n in state.sides().items() if n or s in ("government", "opposition")]
    table = Table(
        title=title or f"{scenario.chamber.name}, {state.date.isoformat()}",
        title_justify="left",
    )
    table.add_column("party")
    for s in sides:
        table.add_column(s, justify="right")
    table.add_column("seats", justify="right")
    for p in state.parties:
        if p.seats == 0:
            continue
        name = Text(p.label)
        if not p.verified:
            name.append(f" {UNVERIFIED_MARK}", style="yellow")
        table.add_row(name, *[str(p.seats_on(s) or "") for s in sides], str(p.seats))
    totals = state.sides()
    table.add_section()
    table.add_row(Text("total", style="bold"), *[Text(str(totals[s]), style="bold") for s in sides],
                  Text(str(state.seats_held), style="bold"))
    counted, crossed = counted_sides(state, defection_in(scenario, state))
    if crossed:
        table.add_row(Text("votes counted"), *[str(counted[s]) for s in sides], "")
    if need.count is not None:
        table.add_row(
            Text("margin over needed"),
            *[_margin_cell(s, counted[s], need.count) for s in sides],
            "",
        )
    return table


def print_tally(scenario: Scenario, state: ChamberState, *, title: str | None = None) -> None:
    """The tally table, then the number needed and the vacant seats, each on a line as wide as the terminal
    (as the table's caption they had wrapped at the table's width, some 56 columns)."""
    console.print(tally_table(scenario, state, title=title))
    need = needed_in(scenario, state)
    console.print(f"needed: {need.explanation}", highlight=False, soft_wrap=True)
    crossed = counted_sides(state, defection_in(scenario, state))[1]
    if crossed:
        console.print(crossed, highlight=False, soft_wrap=True)
    console.print(f"vacant seats: {state.vacancies}", highlight=False)


def unverified_notes(scenario: Scenario, state: ChamberState | None = None) -> list[str]:
    """What a † stands for: each unverified party's note (seated on ``state``'s date), then the scenario's
    own list of what could not be confirmed."""
    notes = []
    if state is not None:
        by_id = {p.id: p for p in scenario.parties}
        members = {m.id: m for m in scenario.members}
        for p in state.parties:
            if not p.seats or p.verified:
                continue
            base = by_id.get(p.id)
            if base is not None and not base.verified:
                notes.append(f"{p.label}: {base.note or 'seats not confirmed'}")
                continue
            # the party is sure; a member seated in it is not
            for m in state.members:
                if m.seated and m.party == p.id and not m.verified:
                    note = members[m.id].note if m.id in members else None
                    notes.append(f"{p.label}: {m.name}: {note or 'not confirmed'}")
    return notes + list(scenario.unverified)



def _source_text(ev: Event) -> Text:
    """The event's first source as its citation, linked, with the address below it for a terminal
    that does not follow links."""
    from rich.style import Style
    from rich.text import Text

    if not ev.sources:
        return Text("(no source given)")
    src = ev.sources[0]
    if not src.is_link:
        return Text(src.cite())
    out = Text(src.cite(), style=Style(link=src.url))
    out.append(f"\n{src.url}", style="dim")
    return out


def events_table(scenario: Scenario, start: dt.date, end: dt.date) -> Table | None:
    """One line per event after ``start`` up to ``end``: date, what moved, seats, source."""
    from rich.table import Table
    from rich.text import Text

    evs = scenario.events_between(start, end)
    if not evs:
        return None
    table = Table(title=f"Events after {start.isoformat()} up to {end.isoformat()}", title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("event")
    table.add_column("seats", justify="right")
    table.add_column("source", overflow="fold")
    names = scenario.names
    for ev in evs:
        seats = ""
        if ev.changes_seats:
            seats = "all" if ev.seat_count is None else str(ev.seat_count)
        what = Text(ev.describe(names))
        if not ev.verified:
            what.append(f" {UNVERIFIED_MARK} unverified", style="yellow")
        table.add_row(ev.date.isoformat(), what, seats, _source_text(ev))
    return table


@cli.command("scenarios")
@json_option
def scenarios_cmd(as_json: bool) -> None:
    """List the bundled scenarios (their names work wherever a SCENARIO path does): country, chamber,
    main motion, date of the vote and the result as judged on the recorded division."""
    from rich.table import Table

    from whipcount.tally.cases import case_summary

    rows = [case_summary(load_scenario(sid)) for sid in bundled_scenarios()]
    if as_json:
        emit_json({"scenarios": [
            {"id": r.id, "title": r.title, "country": r.country, "chamber": r.chamber, "rules": r.rules,
             "motion": r.motion, "target": r.target, "successor": r.successor,
             "date": r.vote.isoformat() if r.vote else None, "result": r.outcome, "adjudicated": r.adjudicated}
            for r in rows]})
        return
    table = Table(title="Bundled scenarios", title_justify="left", caption_justify="left")
    for name in ("id", "country", "chamber", "motion", "date", "result"):
        table.add_column(name, no_wrap=name in ("id", "date"))
    for r in rows:
        who = r.target or r.successor
        motion = f"{r.motion}{' (' + who + ')' if who else ''}" if r.motion else ""
        table.add_row(r.id, r.country, r.chamber, motion, r.vote.isoformat() if r.vote else "",
                      r.outcome + (" ‡" if r.adjudicated else ""))
    notes = [f"‡ {r.id}: {r.adjudicated}" for r in rows if r.adjudicated]
    table.caption = "\n".join(notes) or None
    console.print(table)


@cli.command("tally")
@click.argument("scenario")
@on_option
@format_option(records("parties", "party"))
def tally_cmd(scenario: str, on: str | None, as_json: bool) -> None:
    """Seats by party and side on a date, the number needed and each side's margin.

    Without --on: the day of the main motion's vote (or the last event of the log).
    """
    sc = load_scenario(scenario)
    state = sc.state(scenario_date(sc, scenario, parse_date(on)))
    if as_json:
        emit_json(tally_dict(sc, state))
        return
    print_tally(sc, state)
    if any(not p.verified for p in state.parties if p.seats):
        print_notes(unverified_notes(sc, state))


@cli.command("schema")
@click.argument("what", type=Choice(["scenario", "constitution", "popolo"]), default="scenario",
                metavar="[FORMAT]")
def schema_cmd(what: str) -> None:
    """Print the JSON Schema of a file format (scenario by default): FORMAT is scenario, constitution or popolo."""
    if what == "scenario":
        click.echo(scenario_json_schema_text(), nl=False)
        return
    from whipcount.io.constitution import constitution_json_schema
    from whipcount.io.popolo import popolo_json_schema

    schema = constitution_json_schema() if what == "constitution" else popolo_json_schema()
    click.echo(json.dumps(schema, indent=2, sort_keys=True))
