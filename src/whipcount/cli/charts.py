"""``whipcount chart`` and ``whipcount report``: SVG charts and the self-contained HTML report."""

from __future__ import annotations

from pathlib import Path

import click

from whipcount.charts import LAYOUTS, Speaker, hemicycle, needed_for, render_forecast, render_timeline
from whipcount.charts.raster import PRESETS, png_size, svg_to_png
from whipcount.cli.app import cli, console, on_option, parse_date
from whipcount.errors import ChartError, InputError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import write_bytes_atomic, write_text_atomic
from whipcount.report import build_report
from whipcount.report.engines import ForecastView, forecast_view, stance_view

KINDS = ("hemicycle", "timeline", "forecast")


def _folder_exists(path: Path) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"-o {path}: folder {folder} does not exist")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder: never a partial file."""
    _folder_exists(path)
    write_text_atomic(path, text)


def _speaker(value: str | None) -> Speaker | None:
    if not value:
        return None
    party, _, name = value.partition(":")
    if not party:
        raise InputError(f"--speaker: expected PARTY or PARTY:NAME, got {value!r}")
    return Speaker(party.strip(), name.strip() or None)


@cli.command()
@click.argument("scenario")
@on_option
@click.option("--kind", type=click.Choice(KINDS), default="hemicycle", show_default=True,
              help="hemicycle: the seats on one date; timeline: seats per side over the log; "
                   "forecast: the distribution of the vote.")
@click.option("--by", "by", type=click.Choice(["party", "stance", "side"]), default="party",
              show_default=True, help="Colour seats by party, by whip-count stance or by side.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="arch", show_default=True,
              help="arch (hemicycle), westminster (facing benches) or horseshoe.")
@click.option("--two-thirds", is_flag=True, help="Also draw the two-thirds line.")
@click.option("--rows", type=click.IntRange(1, 100), default=None,
              help="Rows of seats, 1 to 100 (default: as few as fit).")
@click.option("--speaker", metavar="PARTY[:NAME]", default=None,
              help="Draw the Speaker's seat apart, taken from PARTY (e.g. pti:'Asad Qaiser').")
@click.option("-o", "--output", "output", metavar="FILE.svg|FILE.png", required=True,
              type=click.Path(dir_okay=False),
              help="Where to write the chart: .svg, or .png (the png extra); '-' for SVG on standard output.")
@click.option("--scale", type=click.FloatRange(0.25, 8), default=1.0, show_default=True,
              help="PNG only: pixels per SVG unit (2 for a sharp image on a high-density screen).")
@click.option("--preset", type=click.Choice(sorted(PRESETS)), default=None,
              help="PNG only: a card of a fixed size with the chart centred (social: 1200 x 675).")
def chart(scenario: str, on: str | None, kind: str, by: str, layout: str, two_thirds: bool,
          rows: int | None, speaker: str | None, output: str, scale: float, preset: str | None) -> None:
    """Draw a chart of SCENARIO as SVG or PNG: the hemicycle on a date, the timeline, or the forecast.

    The SVG is responsive (a viewBox, no fixed size), accessible (title, desc, role="img") and has one
    element per seat with a title naming party, side, stance and source.
    """
    fmt = _output_format(output, scale, preset)
    sc = load_scenario(scenario)
    day = parse_date(on)
    if kind == "hemicycle":
        stances = None
        note = ""
        if by == "stance":
            view = stance_view(sc, day)
            stances = list(view.blocks)
            if view.origin == "sides":
                note = " (stances derived from sides: no whip count engine)"
        svg = hemicycle(sc, on=day, by=by, layout=layout, two_thirds=two_thirds, stances=stances,
                        speaker=_speaker(speaker), rows=rows).svg
    elif kind == "timeline":
        if on is not None:
            raise InputError("--on: a timeline covers the whole log; drop --on or use --kind hemicycle")
        svg = render_timeline(sc)
        note = ""
    else:
        fv = forecast_view(sc, day)
        if not isinstance(fv, ForecastView):
            reason = fv.reason if fv is not None else "the forecast engine (whipcount.tally) is not available"
            raise ChartError(f"forecast chart of {sc.id}: {reason}")
        state = sc.state(day)
        need = fv.needed if fv.needed is not None else needed_for(state, sc.motion.kind if sc.motion else None)[0]
        svg = render_forecast(fv.pmf, needed=need, title=f"Forecast of the vote, {sc.chamber.name}",
                              p_pass=fv.p_pass, method=fv.method)
        note = ""
    if output == "-":
        click.echo(svg, nl=False)
        return
    path = Path(output)
    if fmt == "png":
        data = svg_to_png(svg, scale=scale, preset=preset)
        _folder_exists(path)
        write_bytes_atomic(path, data)
        width, height = png_size(data)
        console.print(f"wrote {path} ({width} x {height} px, {len(data):,} bytes){note}")
        return
    write_atomically(path, svg)
    console.print(f"wrote {path} ({len(svg.encode('utf-8')):,} bytes){note}")


def _output_format(output: str, scale: float, preset: str | None) -> str:
    """``svg`` or ``png`` from the output's name; anything else, or PNG options on an SVG, is refused."""
    suffix = Path(output).suffix.lower() if output != "-" else ".svg"
    if suffix not in (".svg", ".png"):
        raise InputError(f"-o {output}: expected a file ending in .svg or .png, got {suffix or 'no suffix'!r}")
    if suffix == ".svg" and (scale != 1.0 or preset is not None):
        raise InputError(f"--scale/--preset: PNG options, but -o {output} is an SVG")
    return suffix[1:]


@cli.command()
@click.argument("scenario")
@click.option("-o", "--output", "output", metavar="FILE.html", required=True, type=click.Path(dir_okay=False),
              help="Where to write the HTML report.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="arch", show_default=True,
              help="Seat layout of the hemicycles.")
def report(scenario: str, output: str, layout: str) -> None:
    """Write one self-contained HTML report of SCENARIO (no network: charts, styles inline).

    Hemicycles at the scenario's key dates, the timeline, the outcome and why, the forecast and
    voting power (when those engines are installed), and every source cited.
    """
    sc = load_scenario(scenario)
    html = build_report(sc, layout=layout)
    path = Path(output)
    write_atomically(path, html)
    console.print(f"wrote {path} ({len(html.encode('utf-8')):,} bytes)")
