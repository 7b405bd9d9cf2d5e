"""The HTML report: one self-contained file a newsroom can publish or archive.

Everything is inline: the charts are SVG in the page, the styles a ``<style>`` element; there is no
script, font, image or stylesheet to fetch, so the file reads the same offline, in ten years, or
printed. The only external URLs are the ``<a href>`` links to the articles and legal texts it cites.

Every text is escaped (:func:`html.escape`). Facts the scenario marks unverified carry a visible ``†``.
Sections whose engine is not installed (the forecast, voting power) are left out; an engine that refuses
the scenario leaves a one-line note saying why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from html import escape

from whipcount.charts import Seat, check_colour, render_forecast, render_timeline
from whipcount.charts.hemicycle import long_date
from whipcount.charts.views import needed_for
from whipcount.model import Scenario, Source, format_probability
from whipcount.model.events import kind_label
from whipcount.report.engines import (
    ForecastView,
    OutcomeView,
    PowerView,
    Unavailable,
    forecast_view,
    outcome_view,
    power_view,
    stance_view,
)
from whipcount.report.figures import NARROW_WIDTH, scroll_figure, seat_figure, two_way_figure
from whipcount.report.style import CSS

__all__ = ["Refs", "build_report"]

DAGGER = "†"
EVENTS_TABLE = "events-table"


def esc(value: object) -> str:
    """Text for HTML, quotes escaped too (safe in attributes)."""
    return escape(str(value), quote=True)


class Refs:
    """Numbered references: each source gets a number the first time it is cited."""

    def __init__(self) -> None:
        self._order: list[str] = []
        self._index: dict[str, int] = {}
        self._sources: dict[str, Source] = {}

    def number(self, url: str, quote: str | None = None, source: Source | None = None) -> int:
        if url not in self._index:
            self._order.append(url)
            self._index[url] = len(self._order)
        self._sources[url] = _merged(self._sources.get(url), source or Source(url, quote))
        return self._index[url]

    def cite(self, sources: Iterable[Source | str]) -> str:
        """``[1][4]`` as superscript links to the reference list (nothing when there is no source)."""
        out = []
        for s in sources:
            src = Source(s) if isinstance(s, str) else s
            n = self.number(src.url, source=src)
            out.append(f'<a class="ref" href="#ref-{n}">[{n}]</a>')
        return f"<sup>{''.join(out)}</sup>" if out else ""

    def render(self) -> str:
        """The list: ``Outlet, “Headline”, 8 March 2022`` linked to the article (followed by the address when
        no headline is known), then its quote."""
        items = []
        for n, url in enumerate(self._order, start=1):
            src = self._sources[url]
            q = f" <q>{esc(src.quote)}</q>" if src.quote else ""
            if src.is_link:
                # without a headline two articles of one outlet read alike: the address tells them apart in print
                where = "" if src.title else f' <span class="ref-url">{esc(url.split("://", 1)[1])}</span>'
                items.append(f'<li id="ref-{n}"><a href="{esc(url)}" rel="noopener">{esc(src.cite())}</a>'
                             f"{where}{q}</li>")
            else:  # a citation that is not a link (a gazette, a book)
                items.append(f'<li id="ref-{n}">{esc(src.cite())}{q}</li>')
        return "<ol class=\"refs\">" + "".join(items) + "</ol>"

    def __len__(self) -> int:
        return len(self._order)


def _merged(old: Source | None, new: Source) -> Source:
    """One address cited twice: the first quote, and the outlet, headline and date wherever given."""
    if old is None:
        return new
    return Source(old.url, old.quote or new.quote, old.outlet or new.outlet, old.title or new.title,
                  old.date or new.date)


def _mark(verified: bool, note: str | None = None) -> str:
    if verified:
        return ""
    tip = f' title="{esc("Not confirmed: " + note if note else "Not confirmed by our sources")}"'
    return f'<span class="unverified"{tip}>{DAGGER}</span>'


def _key_dates(scenario: Scenario) -> list[tuple[dt.date, str]]:
    if scenario.key_dates:
        return [(d, label) for d, label in scenario.key_dates if d >= scenario.chamber.as_of]
    out = [(scenario.chamber.as_of, "start")]
    if scenario.last_date != scenario.chamber.as_of:
        out.append((scenario.last_date, "end of the log"))
    return out


def _section(sid: str, title: str, body: str) -> str:
    return f'<section id="{esc(sid)}" aria-labelledby="{esc(sid)}-h"><h2 id="{esc(sid)}-h">{esc(title)}</h2>' \
           f"{body}</section>"


def _fmt_power(v: Fraction | float) -> str:
    return f"{float(v) * 100:.1f}%"


def build_report(
    scenario: Scenario,
    *,
    layout: str = "arch",
    generator: str = "whipcount",
) -> str:
    """The whole report of ``scenario`` as one HTML string (UTF-8, no external resources).

    Raises only what loading the scenario's states raises (an event that cannot apply); the optional
    engines never make it fail.
    """
    refs = Refs()
    sections: list[tuple[str, str, str]] = []
    motion = scenario.motion

    # -- outcome -------------------------------------------------------------------------------------
    out = outcome_view(scenario)
    if isinstance(out, OutcomeView):
        sections.append(("outcome", "Outcome", _outcome(scenario, out, refs)))
    elif isinstance(out, Unavailable):
        sections.append(("outcome", "Outcome", f'<p class="note">Not available: {esc(out.reason)}</p>'))

    # -- seats on key dates ----------------------------------------------------------------------------
    figs = []
    kind = motion.kind if motion else None
    sources = {p.id: p.sources for p in scenario.parties}

    def cite_party(seat: Seat) -> str:
        return refs.cite(sources.get(seat.party or "", ()))

    for day, label in _key_dates(scenario):
        state = scenario.state(day)
        need, _ = needed_for(state, kind)
        sides = state.sides()
        parts = [f"{esc(s.capitalize())} {n}" for s, n in sides.items() if n]
        if state.vacancies:
            parts.append(f"vacant {state.vacancies}")
        margin = ""
        if need is not None and sides.get("opposition") is not None:
            gap = sides["opposition"] - need
            margin = (f" The opposition is {abs(gap)} {'above' if gap >= 0 else 'short of'} the {need} needed."
                      if gap else f" The opposition has exactly the {need} needed.")
        unv = f" {state.unverified_events} event(s) up to this date are not confirmed {DAGGER}." \
            if state.unverified_events else ""
        figs.append(seat_figure(scenario, day, layout=layout, title=f"{long_date(day)}: {label}", cite=cite_party,
                                caption=f"<strong>{esc(long_date(day))}</strong> ({esc(label)}): "
                                        f"{', '.join(parts)}.{esc(margin)}{esc(unv)}"))
    sections.append(("seats", "Seats on the key dates", "".join(figs) + _party_table(scenario, refs)))

    # -- whip count ------------------------------------------------------------------------------------
    if motion is not None:
        on = motion.vote or scenario.last_date
        sv = stance_view(scenario, on)
        origin = ("from the whip count (recorded stances, and the side's default where none was recorded)"
                  if sv.origin == "whip count"
                  else "derived from the sides: the opposition for the motion, the government against")
        said = {(b.party, b.side, b.stance): b.source for b in sv.blocks if b.source}

        def cite_stance(seat: Seat) -> str:
            where = said.get((seat.party or "", seat.side or "", seat.stance or ""))
            return cite_party(seat) + (refs.cite([where]) if where else "")

        sections.append(("whip-count", "The whip count", seat_figure(
            scenario, on, by="stance", layout=layout, stances=list(sv.blocks), title=f"Whip count, {long_date(on)}",
            cite=cite_stance, caption=f"Stances on {esc(long_date(on))}, {esc(origin)}. The table under the chart "
                                      "gives every bloc's stance and source.")))

    # -- timeline --------------------------------------------------------------------------------------
    sections.append(("timeline", "How the numbers moved",
                     two_way_figure(render_timeline(scenario, chart_id=f"{scenario.id}-timeline"),
                                    render_timeline(scenario, chart_id=f"{scenario.id}-timeline", width=NARROW_WIDTH),
                                    "Seats per side after each event; markers below the axis are the events "
                                    "(filled: the event moves seats; hollow: procedural; dashed: not confirmed), "
                                    "listed in the table.", "Timeline chart", describedby=EVENTS_TABLE,
                                    kind="timeline") + _event_table(scenario, refs)))

    # -- forecast --------------------------------------------------------------------------------------
    fv = forecast_view(scenario)
    if isinstance(fv, ForecastView):
        state = scenario.state(motion.vote if motion and motion.vote else None)
        need = fv.needed if fv.needed is not None else needed_for(state, kind)[0]
        svg = render_forecast(fv.pmf, needed=need, title="Forecast of the vote", p_pass=fv.p_pass,
                              method=fv.method, chart_id=f"{scenario.id}-forecast", on=fv.date, model=fv.model)
        as_of = f"As of {esc(long_date(fv.date))}: " if fv.date else ""
        needs = f", {need} yes votes needed" if need is not None else ""
        body = scroll_figure(svg, f"{as_of}P(pass) = {esc(format_probability(fv.p_pass))}{needs}. The distribution "
                                  f"of the yes vote from the whip count ({esc(fv.method)} method). "
                                  "A model, not a fact: each stance is given a probability of voting yes.",
                             "Forecast chart", kind="forecast")
        if fv.notes:
            body += "<h3>Who was pivotal</h3><ul>" + "".join(f"<li>{esc(n)}</li>" for n in fv.notes) + "</ul>"
        sections.append(("forecast", "Forecast", body))
    elif isinstance(fv, Unavailable):
        sections.append(("forecast", "Forecast", f'<p class="note">Not available: {esc(fv.reason)}</p>'))

    # -- power -----------------------------------------------------------------------------------------
    pv = power_view(scenario, motion.vote if motion and motion.vote else None)
    if isinstance(pv, PowerView):
        sections.append(("power", "Voting power", _power_table(pv)))
    elif isinstance(pv, Unavailable):
        sections.append(("power", "Voting power", f'<p class="note">Not available: {esc(pv.reason)}</p>'))

    # -- unverified and sources --------------------------------------------------------------------------
    unv = _unverified(scenario)
    if unv:
        sections.append(("unverified", "What is not confirmed", unv))
    for s in scenario.sources:
        refs.number(s.url, source=s)
    sections.append(("sources", "Sources", refs.render()))

    return _page(scenario, sections, generator)


def _outcome(scenario: Scenario, o: OutcomeView, refs: Refs) -> str:
    motion = scenario.motion
    assert motion is not None
    dates = [(label, d) for label, d in (("filed", motion.filed), ("moved", motion.moved), ("voted", motion.vote))
             if d]
    what = esc(motion.kind) + " motion" + (f" against {esc(motion.target)}" if motion.target else "")
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(long_date(d))}</td></tr>" for k, d in dates)
    verdict = ""
    if o.passed is not None:
        word = "passed" if o.passed else "failed"
        verdict = (f'<p class="verdict {word}"><strong>The motion {word}</strong>'
                   + (f" with {o.yes} votes" if o.yes is not None else "")
                   + (f"; {o.needed} were needed" if o.needed is not None else "") + ".</p>")
    div = motion.division
    div_note = ""
    if div is not None:
        div_note = (f"<p>Recorded vote: {div.yes} yes"
                    + (f", {div.no} no" if div.no is not None else "")
                    + (f", {div.abstain} abstaining" if div.abstain is not None else "")
                    + (f", {div.absent} absent" if div.absent is not None else "")
                    + f"{_mark(div.verified, div.note)}.{refs.cite(div.sources)}</p>")
        if div.note:
            div_note += f'<p class="note">{esc(div.note)}</p>'
    law = ""
    if o.legal_source:
        law = (f' <a href="{esc(o.legal_url)}" rel="noopener">{esc(o.legal_source)}</a>' if o.legal_url
               else f" {esc(o.legal_source)}")
    return (f"<p>{'An' if what[0] in 'aeiou' else 'A'} {what}.{refs.cite(motion.sources)}</p>"
            f'<table class="dates">{rows}</table>'
            + verdict
            + f"<p><strong>Why:</strong> {esc(o.explanation)}.{(' Legal text:' + law) if law else ''}</p>"
            + div_note
            + "".join(f'<p class="note">{esc(n)}</p>' for n in o.notes))


def _party_table(scenario: Scenario, refs: Refs) -> str:
    rows = []
    for p in sorted(scenario.parties, key=lambda p: -p.seats):
        side = p.side if not p.by_side else ", ".join(f"{s} {n}" for s, n in p.by_side)
        colour = check_colour(p.colour, where=f"party {p.id!r}") if p.colour else None
        sw = f'<span class="sw" style="background:{esc(colour)}"></span>' if colour else ""
        note = f'<div class="note">{esc(p.note)}</div>' if p.note else ""
        rows.append(f"<tr><td>{sw}{esc(p.short or p.id)}{_mark(p.verified, p.note)}</td><td>{esc(p.name)}{note}</td>"
                    f'<td class="num">{p.seats}</td><td>{esc(side)}</td><td>{refs.cite(p.sources)}</td></tr>')
    return (f'<h3 id="parties-h">Parties on {esc(long_date(scenario.chamber.as_of))}, the starting point</h3>'
            '<div class="scroll"><table class="parties" aria-labelledby="parties-h"><thead><tr><th>Party</th>'
            '<th>Name</th><th class="num">Seats</th><th>Side</th><th>Source</th></tr></thead><tbody>'
            + "".join(rows) + "</tbody></table></div>")


def _event_table(scenario: Scenario, refs: Refs) -> str:
    rows = []
    for ev in sorted(scenario.events, key=lambda e: e.date):
        cls = ' class="seatmove"' if ev.changes_seats else ""
        note = f'<div class="note">{esc(ev.note)}</div>' if ev.note and not ev.verified else ""
        rows.append(f'<tr{cls}><td data-label="Date">{esc(ev.date.isoformat())}</td>'
                    f'<td data-label="Kind">{esc(kind_label(ev.kind))}</td>'
                    f'<td data-label="What happened">{esc(ev.describe())}{_mark(ev.verified, ev.note)}{note}</td>'
                    f'<td data-label="Source">{refs.cite(ev.sources)}</td></tr>')
    return (f'<div class="scroll"><table class="events" id="{EVENTS_TABLE}"><caption>Events in the log</caption>'
            '<thead><tr><th scope="col">Date</th><th scope="col">Kind</th><th scope="col">What happened</th>'
            '<th scope="col">Source</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table></div>")


def _power_table(pv: PowerView) -> str:
    head = "".join(f'<th class="num">{esc(n)}</th>' for n in pv.indices)
    rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td class="num">{r.seats}</td>'
        + "".join(f'<td class="num">{_fmt_power(v)}</td>' for _, v in r.indices) + "</tr>"
        for r in pv.rows
    )
    return (f"<p>Share of voting power by party on {esc(long_date(pv.date))}, quota {pv.quota}.</p>"
            f'<div class="scroll"><table><thead><tr><th>Party</th><th class="num">Seats</th>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _unverified(scenario: Scenario) -> str:
    items: list[str] = [esc(u) for u in scenario.unverified]
    items += [f"{esc(p.short or p.id)}: {esc(p.note or 'seat count not confirmed')}"
              for p in scenario.parties if not p.verified]
    items += [f"{esc(e.date.isoformat())}, {esc(e.describe())}: {esc(e.note or 'not confirmed')}"
              for e in scenario.events if not e.verified]
    if not items:
        return ""
    return (f"<p>Marked {DAGGER} throughout. Our sources do not confirm:</p><ul>"
            + "".join(f"<li>{i}</li>" for i in items) + "</ul>")


def _page(scenario: Scenario, sections: Sequence[tuple[str, str, str]], generator: str) -> str:
    nav = "".join(f'<li><a href="#{esc(sid)}">{esc(title)}</a></li>' for sid, title, _ in sections)
    body = "".join(_section(sid, title, html) for sid, title, html in sections)
    desc = f"<p class=\"lede\">{esc(scenario.description)}</p>" if scenario.description else ""
    chamber = scenario.chamber
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{esc(generator)}">
<title>{esc(scenario.title)}</title>
<style>{CSS}</style>
</head>
<body>
<main>
<header>
<p class="kicker">{esc(chamber.name)} · {chamber.seats} seats · rules: {esc(chamber.rules)}</p>
<h1>{esc(scenario.title)}</h1>
{desc}
<p class="legend-note"><span class="unverified">{DAGGER}</span> marks a fact our sources do not confirm.
Numbers in brackets link to the sources at the end.</p>
</header>
<nav aria-label="Sections"><ol>{nav}</ol></nav>
{body}
<footer><p>Scenario <code>{esc(scenario.id)}</code>; seat counts as of {esc(long_date(chamber.as_of))},
replayed through {len(scenario.events)} dated events. Made with {esc(generator)}.</p></footer>
</main>
</body>
</html>
"""
