"""`whipcount cases` (one comparable row per scenario) and `whipcount compare` (two scenarios or dates)."""

from __future__ import annotations

import csv
import sys
from typing import Any

import click
from rich.table import Table

from whipcount.cli.app import cli, console, emit_json, json_option, parse_date, scenario_date
from whipcount.cli.csv_columns import COMPARE, MARGIN_SIDES
from whipcount.cli.formats import BOM, bom_option, chamber_sides, check_bom, compared, format_option
from whipcount.cli.params import Choice
from whipcount.cli.tally import tally_dict
from whipcount.errors import InputError
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario
from whipcount.rules.core import TURNOUT_BASES
from whipcount.rules.judge import verdict
from whipcount.tally.cases import CaseSummary, case_summary, judge_recorded

CASE_COLUMNS = ("id", "motion", "vote", "seats", "basis", "needed", "yes", "margin", "days",
                "changed_side", "outcome")
# the table is narrow; --json and --format csv carry every field in full
SHORT_MOTION = {"constructive-no-confidence": "constructive", "no-confidence": "no-conf."}
HEADERS = {"changed_side": "changed", "margin": "margin", "needed": "need"}
CSV_COLUMNS = ("id", "title", "country", "chamber", "rules", "motion", "target", "successor", "filed", "vote",
               "seats", "vacancies", "basis", "needed", "reject_at", "yes", "no", "abstain", "margin", "days",
               "changed_side", "passed", "outcome", "adjudicated", "verified", "notes")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _signed(value: int | None) -> str:
    return "" if value is None else f"{value:+d}"


@cli.command("cases")
@click.argument("scenarios", nargs=-1)
@click.option("--format", "fmt", type=Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@json_option
@bom_option
def cases_cmd(scenarios: tuple[str, ...], fmt: str, as_json: bool, bom: bool) -> None:
    """One row per scenario's main motion: chamber size, basis, needed, yes, margin, days from filing to
    vote, seats that changed side in between, outcome. Without SCENARIOS: every bundled scenario.

    The margin is the counted yes votes less the number needed; `changed_side` counts seats whose side
    differs between the filing and the vote (filled vacancies and a change of government are not counted).
    """
    check_bom(bom, fmt == "csv" and not as_json)
    refs = scenarios or tuple(bundled_scenarios())
    rows = [case_summary(load_scenario(ref)) for ref in refs]
    if as_json or fmt == "json":
        emit_json({"cases": [r.to_dict() for r in rows]})
        return
    if fmt == "csv":
        from whipcount.io.csv_cells import safe_cell

        sys.stdout.write(BOM if bom else "")
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for r in rows:
            d = r.to_dict()
            d["notes"] = "; ".join(r.notes)
            # True/False, as every other --format csv writes them (a spreadsheet or pandas reads them as such)
            writer.writerow([safe_cell("" if d[c] is None else d[c]) for c in CSV_COLUMNS])
        return
    console.print(_cases_table(rows))


def _cases_table(rows: list[CaseSummary]) -> Table:
    table = Table(title="Cases", title_justify="left", caption_justify="left")
    for name in CASE_COLUMNS:
        table.add_column(HEADERS.get(name, name), no_wrap=True, justify="right" if name in (
            "seats", "needed", "yes", "margin", "days", "changed_side") else "left")
    for r in rows:
        d = r.to_dict()
        d["margin"] = _signed(r.margin)
        if r.needed is None and r.reject_at is not None:
            d["needed"] = _noes(r.reject_at)
        d["motion"] = SHORT_MOTION.get(r.motion or "", r.motion)
        d["outcome"] = r.outcome + ("" if r.verified or r.passed is None else " †") + (" ‡" if r.adjudicated else "")
        table.add_row(*(_text(d[c]) for c in CASE_COLUMNS))
    captions = [f"‡ {r.id}: {r.adjudicated}" for r in rows if r.adjudicated]
    captions += [f"{r.id}: {note}" for r in rows for note in r.notes]
    captions += [f"{r.id}: '{_noes(r.reject_at)}': the motion stands unless {r.reject_at} vote against it"
                 for r in rows if r.needed is None and r.reject_at is not None]
    if any(not r.verified and r.passed is not None for r in rows):
        captions.insert(0, "† the recorded division is marked unverified in the scenario")
    if captions:
        table.caption = "\n".join(captions)
    return table


def _board(sc: Scenario, ref: str, on_text: str | None, option: str) -> dict[str, Any]:
    """One side of a comparison: the tally on the date, the main motion and, once voted, its outcome."""
    on = scenario_date(sc, ref, parse_date(on_text, option=option), option=option)
    state = sc.state(on)
    out = tally_dict(sc, state)
    out["title"] = sc.title
    motion = sc.motion
    out["motion"] = None if motion is None else {
        "kind": motion.kind, "target": motion.target, "successor": motion.successor,
        "filed": motion.filed, "vote": motion.vote}
    outcome = None
    if motion is not None and motion.vote is not None and state.date >= motion.vote:
        judged = judge_recorded(sc, motion)
        outcome = judged.to_dict() if judged is not None else None
    out["outcome"] = outcome
    return out


COMPARE_ROWS: tuple[tuple[str, str], ...] = (
    ("title", "scenario"), ("date", "date"), ("chamber", "chamber"), ("rules", "rules"), ("seats", "seats"),
    ("vacancies", "vacant"), ("needed", "needed"), ("basis", "basis"),
)


@cli.command("compare")
@click.argument("a")
@click.argument("b", required=False)
@click.option("--on-a", "on_a", metavar="DATE", help="The date to look at A on (default: its vote).")
@click.option("--on-b", "on_b", metavar="DATE", help="The date to look at B on (default: its vote).")
@format_option(compared, COMPARE)
def compare_cmd(a: str, b: str | None, on_a: str | None, on_b: str | None, as_json: bool) -> None:
    """Two scenarios, or one scenario on two dates, side by side: seats by side, the number needed,
    each side's margin, the main motion and, on or after its vote, the recorded outcome.

    Without B, A is compared with itself: give --on-a and/or --on-b
    (`whipcount compare pk-na-2022 --on-a 2022-03-08`).
    """
    if b is None and on_a is None and on_b is None:
        raise InputError("compare: give a second scenario B, or --on-a/--on-b to compare A on two dates")
    scenario_a = load_scenario(a)
    left = _board(scenario_a, a, on_a, "--on-a")
    scenario_b = scenario_a if b is None else load_scenario(b)
    right = _board(scenario_b, a if b is None else b, on_b, "--on-b")
    if as_json:
        with chamber_sides(scenario_a.chamber.sides, scenario_b.chamber.sides):
            emit_json({"a": left, "b": right})
        return
    table = Table(title="Compare", title_justify="left")
    table.add_column("")
    table.add_column(f"A: {left['scenario']}")
    table.add_column(f"B: {right['scenario']}")
    for key, label in COMPARE_ROWS:
        cells = (_needed_cell(left), _needed_cell(right)) if key == "needed" else (_text(left[key]), _text(right[key]))
        table.add_row(label, *cells)
        if key == "needed" and (left["reject_at"] is not None or right["reject_at"] is not None):
            table.add_row("rejected at", _noes(left["reject_at"]), _noes(right["reject_at"]))
    for side in dict.fromkeys([*left["sides"], *right["sides"]]):
        label = f"{side} (margin)" if side in MARGIN_SIDES else side
        table.add_row(label, _side_cell(left, side), _side_cell(right, side))
    table.add_row("motion", _motion_cell(left), _motion_cell(right))
    table.add_row("outcome", _outcome_cell(left), _outcome_cell(right))
    notes = [f"{name}: {note}" for name, board in (("A", left), ("B", right)) for note in board["notes"]]
    table.caption, table.caption_justify = "\n".join(notes) or None, "left"
    console.print(table)


def _needed_cell(board: dict[str, Any]) -> str:
    """The number needed; on a turnout basis, where no one number is needed before the vote, says so, as tally
    does (a blank cell read as a figure missing)."""
    if board["needed"] is None and board["reject_at"] is None and board["basis"] in TURNOUT_BASES:
        return "depends on turnout"
    return _text(board["needed"])


def _noes(reject_at: int | None) -> str:
    """The noes that reject a motion standing under a negative majority, as the dashboard words them."""
    return "" if reject_at is None else f"{reject_at} no"


def _side_cell(board: dict[str, Any], side: str) -> str:
    seats = board["sides"].get(side)
    if seats is None:
        return ""
    margin = board["margins"].get(side)
    return f"{seats}" + (f" ({margin:+d})" if margin is not None else "")


def _motion_cell(board: dict[str, Any]) -> str:
    m = board["motion"]
    if m is None:
        return "none"
    who = m["target"] or m["successor"] or ""
    when = f", vote {m['vote'].isoformat()}" if m["vote"] else ""
    return f"{m['kind']}{' ' + who if who else ''}{when}"


def _outcome_cell(board: dict[str, Any]) -> str:
    o = board["outcome"]
    m = board["motion"]
    if o is None and m is not None and m["vote"] is not None and board["date"] >= m["vote"].isoformat():
        return "voted; no division recorded"  # the vote was held by this date: only its figures are missing
    if o is None:
        return "not yet voted on this date" if m else ""
    return f"{verdict(o['passed'], o['elected'], m['successor'] if m else None)}: {o['explanation']}"
