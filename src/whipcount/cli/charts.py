"""``whipcount chart`` and ``whipcount report``: SVG charts and the self-contained HTML report."""

from __future__ import annotations

import datetime as dt
import re
import warnings
from pathlib import Path
from typing import Any

import click

from whipcount.charts import LAYOUTS, Speaker, StanceBlock, hemicycle, needed_for, render_forecast, render_timeline
from whipcount.charts.axes import plot_sizes
from whipcount.charts.card import card_box
from whipcount.charts.credit import scenario_credit
from whipcount.charts.raster import PRESETS, CardFitWarning, MissingGlyphsWarning, social_card, to_png
from whipcount.charts.views import motion_named, motion_part, seats_notes
from whipcount.cli.app import (
    STDOUT,
    cli,
    console,
    err_console,
    motion_option,
    on_option,
    parse_date,
    scenario_date,
    write_output,
)
from whipcount.cli.numbers import FiniteRange, WholeNumber
from whipcount.cli.params import Choice
from whipcount.errors import ChartError, InputError
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario
from whipcount.model.ids import did_you_mean
from whipcount.report import build_report
from whipcount.report.engines import ForecastView, forecast_view, stance_view
from whipcount.tally.phase import motion_phase

KINDS = ("hemicycle", "timeline", "forecast")
CHART_FORMATS = ("svg", "png", "html")


def _speaker(value: str | None, sc: Scenario) -> Speaker | None:
    if not value:
        return None
    party, _, name = value.partition(":")
    if not party.strip():
        raise InputError(f"--speaker: expected PARTY or PARTY:NAME, got {value!r}")
    return Speaker(sc.party_id(party.strip()), name.strip() or None)


@cli.command()
@click.argument("scenario")
@on_option
@motion_option
@click.option("--kind", type=Choice(KINDS), default="hemicycle", show_default=True,
              help="hemicycle: the seats on one date; timeline: seats per side over the log; "
                   "forecast: the distribution of the vote.")
@click.option("--by", "by", type=Choice(["party", "stance", "side"]), default="party",
              show_default=True, help="Colour seats by party, by whip-count stance or by side.")
@click.option("--layout", type=Choice(LAYOUTS), default="arch", show_default=True,
              help="arch (hemicycle), westminster (facing benches) or horseshoe.")
@click.option("--two-thirds", is_flag=True, help="Also draw the two-thirds line.")
@click.option("--rows", type=WholeNumber(1, 100), default=None,
              help="Rows of seats, 1 to 100 (default: as few as fit).")
@click.option("--speaker", metavar="PARTY[:NAME]", default=None,
              help="Draw the Speaker's seat apart, taken from PARTY (e.g. pti:'Asad Qaiser').")
@click.option("--from", "date_from", metavar="DATE", default=None,
              help="Timeline only: first date shown (default: a little before the motion was filed).")
@click.option("--to", "date_to", metavar="DATE", default=None,
              help="Timeline only: last date shown (default: a little after the vote).")
@click.option("-o", "--output", "output", metavar="FILE.svg|FILE.png|FILE.html", required=True,
              type=click.Path(dir_okay=False),
              help="Where to write the chart; the suffix picks the format ('-' for SVG on standard output).")
@click.option("--scale", type=FiniteRange(), default=None, metavar="X",
              help="PNG only: pixels per SVG unit, 0.1 to 10 (default 2).")
@click.option("--preset", type=Choice(sorted(PRESETS)), default=None,
              help="PNG only: social = a 1200x675 card for news feeds, the chart centred on it.")
@click.option("--width", type=WholeNumber(240, 4000), default=None, metavar="PIXELS",
              help="Hemicycle and timeline: the width it will be shown at; under 560 a phone layout "
                   "(e.g. --width 390).")
def chart(scenario: str, on: str | None, motion: str | None, kind: str, by: str, layout: str, two_thirds: bool,
          rows: int | None, speaker: str | None, date_from: str | None, date_to: str | None, output: str,
          scale: float | None, preset: str | None, width: int | None) -> None:
    """Draw a chart of SCENARIO: the hemicycle on a date, the timeline, or the forecast.

    The timeline shows the motion's window (from its filing to its vote) unless --from/--to say otherwise.

    The output suffix picks the format: .svg (responsive: a viewBox, no fixed size; accessible: title,
    desc, role="img"; one element per seat with a title naming party, side, stance and source), .png
    (needs the png extra) or .html (a page holding the SVG).
    """
    fmt = output_format(output, scale=scale, preset=preset)
    if width is not None and (kind == "forecast" or preset is not None):
        raise InputError("--width: applies to --kind hemicycle or timeline, without --preset")
    start, end = _span(kind, date_from, date_to)
    sc = load_scenario(scenario).for_motion(motion)
    day = scenario_date(sc, scenario, parse_date(on))
    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always", MissingGlyphsWarning)
        warnings.simplefilter("always", CardFitWarning)
        svg, note = _draw(sc, day, kind, fmt, (by, layout, two_thirds, rows, speaker, preset, width),
                          (start, end, on))
        data = svg.encode("utf-8") if output == STDOUT else _encode(svg, fmt, scale=scale, preset=preset)
    if write_output(output, data):
        console.print(f"wrote {output} ({len(data):,} bytes){note}")
    for w in told:  # after the file is written: what it lacks, not a reason to withhold it
        if issubclass(w.category, MissingGlyphsWarning | CardFitWarning):
            err_console.print(f"warning: {output}: {w.message}", soft_wrap=True)
        else:  # another library's warning, shown as it would have been
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _draw(sc: Scenario, day: dt.date | None, kind: str, fmt: str, how: tuple[Any, ...],
          span: tuple[dt.date | None, dt.date | None, str | None]) -> tuple[str, str]:
    """The chart's SVG and what to add to the line saying it was written (``how``: the hemicycle's options;
    ``span``: the timeline's dates and ``--on``)."""
    by, layout, two_thirds, rows, speaker, preset, width = how
    start, end, on = span
    if kind == "hemicycle":
        if by == "stance":
            _pending(sc, day, "a chart by stance", counting=True)  # the whip count, as `whipcount count` gives it
        stances, needed, note = _stances(sc, day) if by == "stance" else (None, None, "")
        return hemicycle(sc, on=day, by=by, layout=layout, two_thirds=two_thirds, stances=stances,
                         speaker=_speaker(speaker, sc), rows=rows, legend_beside=preset is not None,
                         width=width, needed=needed).svg, note
    if kind == "timeline":
        if on is not None:
            raise InputError("--on: a timeline covers a span of dates; give --from/--to, or use --kind hemicycle")
        return render_timeline(sc, start=start, end=end, width=width, hover=fmt != "png",  # nobody hovers a PNG
                               fit=_card_height(preset)), ""
    _pending(sc, day, "a forecast chart")
    return _forecast_chart(sc, day, fit=_card_height(preset)), ""


def _card_height(preset: str | None) -> float | None:
    """The most height (units) of a timeline or forecast 960 units wide whose 11-unit notes stay at the
    card's least text size on a card of ``preset``; None without a preset."""
    return card_box(plot_sizes(None).note, preset)[1] if preset else None


def _span(kind: str, date_from: str | None, date_to: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The dates of ``--from`` and ``--to``, which only a timeline takes, the first before the second."""
    start, end = parse_date(date_from, option="--from"), parse_date(date_to, option="--to")
    if kind != "timeline" and (start or end):
        raise InputError("--from/--to: they set the dates of a timeline; add --kind timeline or drop them")
    if start and end and start >= end:
        raise InputError(f"--from {start.isoformat()} --to {end.isoformat()}: expected --from before --to")
    return start, end


def _pending(sc: Scenario, day: dt.date | None, what: str, *, counting: bool = False) -> None:
    """Refuse a chart of the whip count (``counting``) or the forecast on a day the motion is not pending
    (not yet filed, or decided; for the forecast, dismissed or suspended too), as `count` and `forecast` say:
    an error (exit 1), since the file asked for is not written, so that `chart ... && publish` stops here."""
    phase = motion_phase(sc, day)
    if not (phase.countable if counting else phase.pending):
        raise InputError(f"--on {(day or sc.default_date).isoformat()}: {phase.text}; {what} needs a date "
                         "while the motion is pending")


def _stances(sc: Scenario, day: dt.date | None) -> tuple[list[StanceBlock], int | None, str]:
    """The whip count's stances for a hemicycle by stance, its magic number (the majority line, as the
    dashboard draws it) and a note when they are only the sides'."""
    view = stance_view(sc, day)
    note = " (stances derived from sides: no whip count engine)" if view.origin == "sides" else ""
    return list(view.blocks), view.needed, note


def _forecast_chart(sc: Scenario, day: dt.date | None, *, fit: float | None = None) -> str:
    """The distribution of the vote, with the line at the votes needed; a chart error when there is no
    forecast to draw (and why)."""
    fv = forecast_view(sc, day)
    if not isinstance(fv, ForecastView):
        reason = fv.reason if fv is not None else "the scenario has no motion to forecast (add 'motion:')"
        raise ChartError(f"forecast chart of {sc.id}: {reason}")
    state = sc.state(day)
    need = fv.needed if fv.needed is not None else needed_for(state, sc.motion)[0]
    on_what = f" on {motion_named(sc)}" if motion_named(sc) else ""
    return render_forecast(fv.pmf, needed=need, title=f"Forecast of the vote{on_what}, {sc.chamber.name}",
                           chart_id=f"forecast-{sc.id}-{fv.date.isoformat() if fv.date else ''}{motion_part(sc)}",
                           p_pass=fv.p_pass, method=fv.method, on=fv.date, model=fv.model,
                           credit=scenario_credit(sc), fit=fit, needs=fv.needs if need is None else "",
                           said=seats_notes(state, sc.motion))


def output_format(output: str, *, scale: float | None = None, preset: str | None = None) -> str:
    """``svg``, ``png`` or ``html`` from the output's suffix; anything else is refused by name."""
    suffix = "svg" if output == "-" else Path(output).suffix.lower().lstrip(".")
    if suffix not in CHART_FORMATS:
        raise InputError(f"-o {output}: unknown format {('.' + suffix) if suffix else '(no suffix)'}; "
                         f"expected a file ending in {', '.join('.' + f for f in CHART_FORMATS)}"
                         f"{did_you_mean('.' + suffix, ['.' + f for f in CHART_FORMATS]) if suffix else ''}")
    if suffix != "png" and (scale is not None or preset is not None):
        raise InputError(f"-o {output}: --scale and --preset apply to a .png output only")
    if scale is not None and preset is not None:
        raise InputError("--scale and --preset: give one or the other (a preset has a fixed size)")
    return suffix


def _encode(svg: str, fmt: str, *, scale: float | None, preset: str | None) -> bytes:
    if fmt == "png":
        return social_card(svg, preset) if preset else to_png(svg, scale=2.0 if scale is None else scale)
    if fmt == "html":
        title = re.search(r"<title[^>]*>([^<]*)</title>", svg)
        head = f"<title>{title.group(1)}</title>" if title else ""
        page = (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">{head}'
                f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
                f'<body style="margin:0 auto;max-width:1000px">\n{svg}</body></html>\n')
        return page.encode("utf-8")
    return svg.encode("utf-8")


@cli.command()
@click.argument("scenario")
@click.option("-o", "--output", "output", metavar="FILE.html", required=True, type=click.Path(dir_okay=False),
              help="Where to write the HTML report ('-' for standard output).")
@click.option("--layout", type=Choice(LAYOUTS), default="arch", show_default=True,
              help="Seat layout of the hemicycles.")
def report(scenario: str, output: str, layout: str) -> None:
    """Write one self-contained HTML report of SCENARIO (no network: charts, styles inline).

    Hemicycles at the scenario's key dates, the timeline, the outcome and why, the forecast and
    voting power (when those engines are installed), and every source cited.
    """
    if output != STDOUT and Path(output).suffix.lower() != ".html":
        raise InputError(f"-o {output}: the report is one HTML page; give a file ending in .html (or '-')")
    sc = load_scenario(scenario)
    html = build_report(sc, layout=layout)
    if write_output(output, html):
        console.print(f"wrote {output} ({len(html.encode('utf-8')):,} bytes)")
