"""``whipcount import popolo|ocd|csv`` and ``whipcount export popolo|csv``: other formats in and out.

Imports write a scenario YAML file (atomically: a failed import leaves no partial file) and print the
warnings found on the way (counts that disagree with the votes, guessed sides, reduced-precision dates)
on stderr; ``--strict`` makes the first warning an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from whipcount.cli.app import (
    STDOUT,
    cli,
    emit_json,
    err_console,
    markup_escape,
    on_option,
    parse_date,
    scenario_date,
    write_output,
)
from whipcount.cli.formats import BOM, bom_option
from whipcount.cli.numbers import WholeNumber
from whipcount.cli.params import ID, Choice, id_problem
from whipcount.errors import InputError, cut_long_values
from whipcount.io.csv_export import members_cover
from whipcount.io.csvio import csv_leaves_out, export_csv, read_csv
from whipcount.io.ocd import read_ocd
from whipcount.io.popolo import ImportResult, dump_popolo, read_popolo
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario


def _sides(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        party, sep, side = value.partition("=")
        party, side = party.strip(), side.strip()
        if not sep or not party or not side:
            raise InputError(f"--side: expected PARTY=SIDE (for example pti=government), got {value!r}")
        problem = id_problem(side)
        if problem is not None:
            raise InputError(f"--side {value}: the side: {problem}")
        if out.get(party, side) != side:  # the last of two would have won, without a word
            raise InputError(f"--side: {party!r} is given two sides, {out[party]!r} and {side!r}; give one")
        out[party] = side
    return out


def _stdout_check(output: str | None, as_json: bool) -> None:
    """``-o -`` puts the scenario on standard output, where ``--json`` would put its summary: refuse both."""
    if output == STDOUT and as_json:
        raise InputError("-o -: the scenario and the --json summary would both go to standard output; "
                         "give -o FILE with --json, or leave --json out")


SHOWN_WARNINGS = 50
"""Warnings printed on standard error; past them one line says how many more (``--json`` lists them all):
a file of 20,000 members with month-precision dates had printed 20,000 lines, for 2 of its 5 seconds."""


def _emit(result: ImportResult, output: str | None, as_json: bool) -> None:
    warnings = [cut_long_values(w) for w in result.warnings]  # a pasted page in a value: cut, as in errors
    for warning in warnings[:SHOWN_WARNINGS]:
        err_console.print(f"[yellow]warning:[/] {markup_escape(warning)}", markup=True, highlight=False,
                          soft_wrap=True)
    if len(warnings) > SHOWN_WARNINGS:
        more = len(warnings) - SHOWN_WARNINGS
        err_console.print(f"[yellow]warning:[/] and {more:,} more warning{'s' if more > 1 else ''} "
                          f"(--json lists them all)", markup=True, highlight=False, soft_wrap=True)
    text = dump_scenario(result.scenario)
    if output == STDOUT:
        output = None  # the scenario goes to standard output, as without -o
    if output:
        write_output(output, text)
    sc = result.scenario
    if as_json:
        emit_json({"scenario": sc.id, "written": output, "parties": len(sc.parties), "members": len(sc.members),
                   "events": len(sc.events), "motions": len(sc.motions), "warnings": warnings})
    elif output:
        counts = [(len(sc.parties), "part", "y", "ies"), (len(sc.members), "member", "", "s"),
                  (len(sc.events), "event", "", "s"), (len(sc.motions), "motion", "", "s")]
        read = ", ".join(f"{n} {stem}{one if n == 1 else many}" for n, stem, one, many in counts)
        click.echo(f"{output}: {read} ({len(warnings)} warning{'' if len(warnings) == 1 else 's'})")
    else:
        click.echo(text, nl=False)


_output_option = click.option(
    "-o", "--output", metavar="SCENARIO.yaml",
    help="Write the scenario here ('-' or left out: standard output; with --json, left out: nothing is written).")
_summary_option = click.option(
    "--json", "as_json", is_flag=True,
    help="Print a JSON summary (the scenario's id, the file written, how many parties, members, events and motions "
         "were read, every warning) instead of the line saying what was written.")


def _foreign_options(fn: Any) -> Any:
    for option in reversed([
        click.option("--rules", metavar="ID|FILE", help="The chamber's rules: a profile id (for example pk-na) or "
                     "a constitution file (./my-parliament.yaml), which the scenario then carries."),
        click.option("--as-of", "as_of", metavar="DATE", help="The date the seat counts hold (YYYY-MM-DD)."),
        click.option("--seats", type=WholeNumber(1, 100_000),
                     help="The chamber's total membership (default: the seats held)."),
        click.option("--term", metavar="ID", help="The legislative period to read, when the file has several."),
        click.option("--side", "side", multiple=True, metavar="PARTY=SIDE",
                     help="A party's side where the file gives none (repeatable). PARTY must be a party of the "
                          "file; where the file gives a side (a seat table's side column, a bundle's extras.side), the "
                          "file's is kept "
                          "and a --side that disagrees is a warning (an error with --strict)."),
        click.option("--default-side", default="other", show_default=True, metavar="SIDE", type=ID,
                     help="Side of parties not given one."),
        click.option("--id", "scenario_id", metavar="ID", type=ID, help="The scenario's id."),
        click.option("--strict", is_flag=True, help="Treat every warning as an error."),
        _output_option,
        _summary_option,
    ]):
        fn = option(fn)
    return fn


def _input_file(what: str) -> click.Path:
    """An input file's argument: the path as given, each problem with it (none there, a folder, unreadable,
    not a regular file) said by the reader in the words of every input (``x: is a directory, expected a JSON
    file``), not by click; an empty name, which would read the current folder, is refused by name."""

    class _File(click.Path):
        def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
            if str(value) == "":
                name = param.human_readable_name if param is not None else "FILE"
                raise InputError(f"{name}: expected the path of {what}, got an empty name")
            return Path(value)

    return _File(path_type=Path)


@cli.group("import")
def import_group() -> None:
    """Read Popolo JSON, Open Civic Data votes or CSV into a scenario file."""


@import_group.command("popolo")
@click.argument("file", type=_input_file("a Popolo JSON file"))
@click.option("--chamber", metavar="ID", help="The legislature's organization id, when the file has several.")
@_foreign_options
def import_popolo_cmd(file: Path, chamber: str | None, rules: str | None, as_of: str | None, seats: int | None,
                      term: str | None, side: tuple[str, ...], default_side: str, scenario_id: str | None,
                      strict: bool, output: str | None, as_json: bool) -> None:
    """Read a Popolo bundle (EveryPolitician's shape, or one whipcount wrote) into a scenario."""
    _stdout_check(output, as_json)
    result = read_popolo(file, rules=rules, as_of=parse_date(as_of, option="--as-of"), seats=seats,
                         chamber=chamber, term=term, sides=_sides(side), default_side=default_side,
                         scenario_id=scenario_id, strict=strict)
    _emit(result, output, as_json)


@import_group.command("csv")
@click.argument("file", type=_input_file("a CSV file"))
@click.option("--chamber-name", metavar="NAME",
              help="The chamber's name (default: a term CSV's chamber column, a seat table's chamber_name).")
@_foreign_options
def import_csv_cmd(file: Path, chamber_name: str | None, rules: str | None, as_of: str | None, seats: int | None,
                   term: str | None, side: tuple[str, ...], default_side: str, scenario_id: str | None,
                   strict: bool, output: str | None, as_json: bool) -> None:
    """Read an EveryPolitician term CSV, a seat table (party,seats,side) or a ParlGov table."""
    _stdout_check(output, as_json)
    result = read_csv(file, rules=rules, chamber_name=chamber_name, as_of=parse_date(as_of, option="--as-of"),
                      seats=seats, term=term, sides=_sides(side), default_side=default_side,
                      scenario_id=scenario_id, strict=strict)
    _emit(result, output, as_json)


@import_group.command("ocd")
@click.argument("file", type=_input_file("an Open Civic Data vote event's JSON file"))
@click.option("--scenario", "scenario_ref", required=True, metavar="SCENARIO", help="The scenario to attach it to.")
@click.option("--motion", metavar="ID", help="The motion the vote is on (default: by its classification).")
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@_output_option
@_summary_option
def import_ocd_cmd(file: Path, scenario_ref: str, motion: str | None, strict: bool, output: str | None,
                   as_json: bool) -> None:
    """Attach an Open Civic Data vote event to a scenario's motion as its recorded division."""
    _stdout_check(output, as_json)
    result = read_ocd(file, load_scenario(scenario_ref), motion=motion, strict=strict)
    _emit(result, output, as_json)


@cli.group("export")
def export_group() -> None:
    """Write a scenario as Popolo JSON or CSV."""


def _write(text: str, output: str | None) -> None:
    if write_output(output or STDOUT, text):
        click.echo(f"wrote {output} ({len(text.encode('utf-8')):,} bytes)")


@export_group.command("popolo")
@click.argument("scenario")
@click.option("-o", "--output", metavar="FILE.json", help="Write here ('-' or left out: standard output).")
def export_popolo_cmd(scenario: str, output: str | None) -> None:
    """Write the scenario as a Popolo bundle; what Popolo has no field for goes under extras."""
    _write(dump_popolo(load_scenario(scenario)), output)


@export_group.command("csv")
@click.argument("scenario")
@on_option
@click.option("--kind", type=Choice(["members", "seats"]), help="Term CSV of members, or a seat table "
              "(default: members only when the named members hold every seat, else seats).")
@click.option("-o", "--output", metavar="FILE.csv", help="Write here ('-' or left out: standard output).")
@bom_option
def export_csv_cmd(scenario: str, on: str | None, kind: str | None, output: str | None, bom: bool) -> None:
    """Write an EveryPolitician-style term CSV, or a seat table (party,seats,side,...)."""
    sc = load_scenario(scenario)
    day = scenario_date(sc, scenario, parse_date(on))
    text = export_csv(sc, kind=kind, on=day)  # first: a scenario it cannot write is an error, and no warning
    if kind == "members":
        named, held = members_cover(sc, day)
        if named < held:
            err_console.print(f"warning: {sc.id}: the term CSV lists the {named} named members; the other "
                              f"{held - named} seats held are left out (--kind seats writes them all)")
    left_out = csv_leaves_out(sc, kind=kind, on=day)
    if left_out is not None:
        err_console.print(f"warning: {left_out}", markup=False, highlight=False, soft_wrap=True)
    _write((BOM if bom else "") + text, output)
