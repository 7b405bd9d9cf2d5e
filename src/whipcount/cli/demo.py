"""``whipcount demo``: the main job on a bundled case, from the seats on each key date to the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from whipcount.cli.app import STDOUT, cli, console, print_notes, write_output
from whipcount.cli.fit import Col, fitting_tables
from whipcount.cli.forecast import fmt_p
from whipcount.cli.power import demo_power
from whipcount.cli.rules import demo_outcome
from whipcount.cli.tally import events_table, print_tally, unverified_notes
from whipcount.errors import InputError
from whipcount.io.outfile import check_writable
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.report import build_report
from whipcount.tally import count_scenario, plan_for, scenario_forecast
from whipcount.tally.phase import motion_phase


def _key_dates(sc: Scenario) -> list[tuple[dt.date, str]]:
    if sc.key_dates:
        return list(sc.key_dates)
    return [(sc.chamber.as_of, "start"), (sc.default_date, "vote")]


def forecast_dates(sc: Scenario, dates: list[tuple[dt.date, str]]) -> list[dt.date]:
    """The key dates on which the main motion is pending (:func:`~whipcount.tally.phase.motion_phase`, as
    ``whipcount forecast`` asks it; the vote day itself as its eve), else the vote's eve if it is pending then."""
    m = sc.motion
    if m is None:
        return [d for d, _ in dates]
    eve = m.vote - dt.timedelta(days=1) if m.vote is not None else None
    out: list[dt.date] = []
    for d, _ in dates:
        day = min(d, eve) if eve is not None else d
        if day not in out and motion_phase(sc, day).pending:
            out.append(day)
    if not out and eve is not None and motion_phase(sc, eve).pending:
        out.append(eve)
    return out


@cli.command("demo")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("whipcount-report-pk-na-2022.html"), show_default=True,
              help="Where to write the HTML report.")
@click.option("--scenario", "scenario", default="pk-na-2022", show_default=True,
              help="Scenario to run the demo on.")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report.")
def demo_cmd(output: Path, scenario: str, no_report: bool) -> None:
    """The main job on the bundled Pakistan 2022 case: seats over time, outcome, forecast, power, report."""
    if str(output) == STDOUT and not no_report:
        raise InputError("-o -: the demo prints its tables on standard output; give the report a file "
                         "(-o FILE.html), or --no-report")
    if not no_report:  # asked before the tables, not after them all
        try:
            check_writable(output)
        except InputError as exc:
            raise InputError(f"{exc}; give the report another file (-o FILE.html), or --no-report") from None
    sc = load_scenario(scenario)
    console.rule(Text(sc.title, style="bold"))
    if sc.description:
        console.print(sc.description.strip(), highlight=False)
    dates = _key_dates(sc)
    prev: dt.date | None = None
    for when, label in dates:
        if prev is not None:
            table = events_table(sc, prev, when)
            if table is not None:
                console.print(table)
        state = sc.state(when)
        print_tally(sc, state, title=f"{when.isoformat()}: {label}")
        prev = when

    demo_outcome(sc)
    pending = forecast_dates(sc, dates)
    for table in demo_forecast_table(sc, pending) if pending else ():
        console.print(table)
    demo_power(sc)
    print_notes(unverified_notes(sc))
    if not no_report:
        write_output(output, build_report(sc))
        console.print(f"Report written to {output}")


def demo_forecast_table(scenario: Scenario, dates: Sequence[dt.date], width: int | None = None) -> list[Table]:
    """The forecast on each of ``dates`` (the scenario's own forecast settings), for the demo: one rich table, or a
    stack of them when the figures would not fit the terminal side by side."""
    cols = [Col("date"), Col("committed yes", "right"), Col("needed", "right"), Col("P(pass)", "right"),
            Col("median yes", "right"), Col("90\u00a0% interval", "right"), Col("most pivotal", text=True)]
    rows = []
    for d in dates:
        wc = count_scenario(scenario, d)
        fc = scenario_forecast(wc, plan_for(scenario.forecast))
        top = fc.pivotal[0].sentence() if fc.pivotal else "-"
        rows.append([d.isoformat(), str(wc.committed_yes), str(wc.needed), fmt_p(fc.p_pass), str(fc.median),
                     f"{fc.interval[0]}-{fc.interval[1]}", top])
    return fitting_tables(cols, rows, width or console.width, title="Forecast of the vote on each date",
                          title_justify="left")
