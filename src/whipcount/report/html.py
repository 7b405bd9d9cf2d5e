"""The HTML report: one self-contained file a newsroom can publish or archive.

Everything is inline: the charts are SVG in the page, the styles a ``<style>`` element; there is no
script, font, image or stylesheet to fetch, so the file reads the same offline, in ten years, or
printed. The only external URLs are the ``<a href>`` links to the articles and legal texts it cites.

Every text is escaped (:func:`html.escape`). Facts the scenario marks unverified carry a visible ``†``.
Sections whose engine is not installed (the forecast, voting power) are left out; an engine that refuses
the scenario leaves a one-line note saying why.
"""

from __future__ import annotations

from collections.abc import Sequence

from whipcount.charts.describe import seats_text
from whipcount.charts.geometry import LAYOUTS
from whipcount.charts.hemicycle import long_date
from whipcount.errors import ChartError
from whipcount.model import Scenario
from whipcount.model.arguments import check_option
from whipcount.report.markup import DAGGER, Refs, esc
from whipcount.report.sections import (
    Section,
    forecast_section,
    outcome_section,
    power_section,
    seats_section,
    timeline_section,
    unverified_section,
    whip_section,
)
from whipcount.report.style import CSS

__all__ = ["Refs", "build_report"]


def build_report(
    scenario: Scenario,
    *,
    layout: str = "arch",
    generator: str = "whipcount",
) -> str:
    """The whole report of ``scenario`` as one HTML string (UTF-8, no external resources).

    Raises :class:`~whipcount.errors.ChartError` for a layout it does not know (naming the nearest), else
    only what loading the scenario's states raises (an event that cannot apply); the optional
    engines never make it fail.
    """
    check_option(layout, LAYOUTS, "layout", ChartError)
    refs = Refs()
    built = (outcome_section(scenario, refs), seats_section(scenario, layout, refs),
             whip_section(scenario, layout, refs), timeline_section(scenario, refs), forecast_section(scenario),
             power_section(scenario), unverified_section(scenario))
    sections = [s for s in built if s is not None]
    for s in scenario.sources:
        refs.number(s.url, source=s)
    sections.append(("sources", "Sources", refs.render()))
    return _page(scenario, sections, generator)


def _section(sid: str, title: str, body: str) -> str:
    return f'<section id="{esc(sid)}" aria-labelledby="{esc(sid)}-h"><h2 id="{esc(sid)}-h">{esc(title)}</h2>' \
           f"{body}</section>"


def _page(scenario: Scenario, sections: Sequence[Section], generator: str) -> str:
    nav = "".join(f'<li><a href="#{esc(sid)}">{esc(title)}</a></li>' for sid, title, _ in sections)
    body = "".join(_section(sid, title, html) for sid, title, html in sections)
    desc = f"<p class=\"lede\">{esc(scenario.description)}</p>" if scenario.description else ""
    chamber = scenario.chamber
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="{esc(generator)}">
<title>{esc(scenario.title)}</title>
<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<div class="page">
<header>
<p class="kicker">{esc(chamber.name)} · {seats_text(chamber.seats)} · rules: {esc(chamber.rules)}</p>
<h1>{esc(scenario.title)}</h1>
{desc}
<p class="legend-note"><span class="unverified">{DAGGER}</span> marks a fact our sources do not confirm.
Numbers in brackets link to the sources at the end.</p>
</header>
<nav aria-label="Sections"><ol>{nav}</ol></nav>
<main id="main" tabindex="-1">
{body}
</main>
<footer><p>Scenario <code>{esc(scenario.id)}</code>; seat counts as of {esc(long_date(chamber.as_of))},
replayed through {len(scenario.events)} dated events. Made with {esc(generator)}.</p></footer>
</div>
</body>
</html>
"""
