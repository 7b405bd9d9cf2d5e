"""The sections of the HTML report, each built from the scenario and its engines (see :mod:`whipcount.report.html`).

Each returns ``(id, title, body)``, or ``None`` where the section is left out; citations are numbered
in :class:`~whipcount.report.markup.Refs` in the order the sections are built.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from whipcount.charts import Seat, check_colour, render_forecast, render_timeline
from whipcount.charts.colours import edge_colour
from whipcount.charts.describe import count_of, sentence
from whipcount.charts.hemicycle import long_date
from whipcount.charts.partycolours import scenario_colours
from whipcount.charts.views import needed_for, seats_notes
from whipcount.errors import WhipcountError
from whipcount.model import ChamberState, Scenario, format_probability
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
from whipcount.report.markup import DAGGER, Refs, esc, mark, scroll_region
from whipcount.rules import defection_in
from whipcount.rules.needed import counted_sides

__all__ = ["Section", "forecast_section", "outcome_section", "power_section", "seats_section", "timeline_section",
           "unverified_section", "whip_section"]

Section = tuple[str, str, str]
EVENTS_TABLE = "events-table"


def _unavailable(sid: str, title: str, reason: str) -> Section:
    return (sid, title, f'<p class="note">Not available: {esc(reason)}</p>')


def outcome_section(scenario: Scenario, refs: Refs) -> Section | None:
    out = outcome_view(scenario)
    if isinstance(out, OutcomeView):
        return ("outcome", "Outcome", _outcome(scenario, out, refs))
    if isinstance(out, Unavailable):
        return _unavailable("outcome", "Outcome", out.reason)
    return None


def seats_section(scenario: Scenario, layout: str, refs: Refs) -> Section:
    """A seat chart on each key date, captioned with the sides, vacancies and the opposition's margin."""
    cite = _PartyCiter(scenario, refs)
    figs = []
    for day, label in _key_dates(scenario):
        state = scenario.state(day)
        voted = _voted_on(scenario, day)  # the bar of the motion voted that day (a run-off's, say)
        need, _ = needed_for(state, voted.motion)
        sides = state.sides()
        parts = [f"{esc(s.capitalize())} {n}" for s, n in sides.items() if n]
        counted, crossed = _counted_sides(voted, state)
        if state.vacancies:
            parts.append(f"vacant {state.vacancies}")
        margin = ""
        if need is not None and sides.get("opposition") is not None:
            gap = counted["opposition"] - need
            if gap > 0:
                margin = f" The opposition is {gap} above the {need} needed."
            elif gap < 0:
                margin = f" The opposition is {-gap} short of the {need} needed."
            else:
                margin = f" The opposition has exactly the {need} needed."
        n = state.unverified_events
        unv = f" {count_of(n, 'event')} up to this date {'is' if n == 1 else 'are'} not confirmed {DAGGER}." \
            if state.unverified_events else ""
        margin += f" {sentence(crossed)}" if crossed else ""
        figs.append(seat_figure(voted, day, layout=layout, title=f"{long_date(day)}: {label}",
                                cite=cite,
                                caption=f"<strong>{esc(long_date(day))}</strong> ({esc(label)}): "
                                        f"{', '.join(parts)}.{esc(margin)}{esc(unv)}"))
    return ("seats", "Seats on the key dates", "".join(figs) + _party_table(scenario, refs))


def _counted_sides(scenario: Scenario, state: ChamberState) -> tuple[dict[str, int], str | None]:
    """Seats per side whose votes count, and why some do not (members who crossed the floor under a rule that
    does not count their votes against their party's direction): :func:`whipcount.rules.needed.counted_sides`."""
    try:
        period = defection_in(scenario, state)
    except WhipcountError:  # rules that cannot be read: the caption says no margin from them either
        period = None
    return counted_sides(state, period)


def _voted_on(scenario: Scenario, day: dt.date) -> Scenario:
    """The scenario seen from the motion voted on ``day`` when that is a further motion and not the main one
    (the Punjab's run-off of 22 July 2022 needs a majority of those present and voting, not the first poll's
    186), else the scenario itself."""
    main = scenario.motion
    if main is None or main.vote == day:
        return scenario
    further = next((m for m in scenario.motions[1:] if m.vote == day), None)
    return scenario.for_motion(further.id) if further is not None else scenario


class _PartyCiter:
    """Cites a seat's party's sources (and, given the stances' sources, the source of its stance)."""

    def __init__(self, scenario: Scenario, refs: Refs, said: dict[tuple[str, str, str], str] | None = None) -> None:
        self.sources = {p.id: p.sources for p in scenario.parties}
        self.refs, self.said = refs, said

    def __call__(self, seat: Seat) -> str:
        out = self.refs.cite(self.sources.get(seat.party or "", ()))
        if self.said is not None:
            where = self.said.get((seat.party or "", seat.side or "", seat.stance or ""))
            if where:
                out += self.refs.cite([where])
        return out


def whip_section(scenario: Scenario, layout: str, refs: Refs) -> Section | None:
    """The whip count on the day of the vote (or the last day of the log), bloc by bloc, with sources."""
    motion = scenario.motion
    if motion is None:
        return None
    on = scenario.default_date
    sv = stance_view(scenario, on)
    # with a motion the stances are the whip count's (stance_view derives them from the sides only without one)
    origin = "from the whip count (recorded stances, and the side's default where none was recorded)"
    said = {(b.party, b.side, b.stance): b.source for b in sv.blocks if b.source}
    return ("whip-count", "The whip count", seat_figure(
        scenario, on, by="stance", layout=layout, stances=list(sv.blocks), needed=sv.needed,
        title=f"Whip count, {long_date(on)}",
        cite=_PartyCiter(scenario, refs, said),
        caption=f"Stances on {esc(long_date(on))}, {esc(origin)}. The table under the chart "
                "gives every bloc's stance and source."))


def timeline_section(scenario: Scenario, refs: Refs) -> Section:
    chart_id = f"{scenario.id}-timeline"
    return ("timeline", "How the numbers moved",
            two_way_figure(render_timeline(scenario, chart_id=chart_id),
                           render_timeline(scenario, chart_id=chart_id, width=NARROW_WIDTH),
                           "Seats per side after each event; markers below the axis are the events "
                           "(filled: the event moves seats; hollow: procedural; dashed: not confirmed), "
                           "listed in the table.", "Timeline chart", describedby=EVENTS_TABLE,
                           kind="timeline") + _event_table(scenario, refs))


def forecast_section(scenario: Scenario) -> Section | None:
    fv = forecast_view(scenario)
    if isinstance(fv, Unavailable):
        return _unavailable("forecast", "Forecast", fv.reason)
    if not isinstance(fv, ForecastView):
        return None
    need = fv.needed  # the motion's own rules, through its whip count (None when turnout sets the number)
    said = seats_notes(scenario.state(fv.date), scenario.motion) if need is not None else []  # vacant seats
    svg = render_forecast(fv.pmf, needed=need, title="Forecast of the vote", p_pass=fv.p_pass,
                          method=fv.method, chart_id=f"{scenario.id}-forecast", on=fv.date, model=fv.model,
                          needs=fv.needs, said=said)
    as_of = f"As of {esc(long_date(fv.date))}: " if fv.date else ""
    needs = (f", {count_of(need, 'yes vote')} needed" if need is not None
             else f"; it {esc(fv.needs)}" if fv.needs else "")
    body = scroll_figure(svg, f"{as_of}P(pass) = {esc(format_probability(fv.p_pass))}{needs}. The distribution "
                              f"of the yes vote from the whip count ({esc(fv.method)} method"
                              f"{': ' + esc(fv.settings) if fv.settings else ''}). "
                              "A model, not a fact: each stance is given a probability of voting yes.",
                         "Forecast chart", kind="forecast")
    if fv.notes:
        body += "<h3>Who was pivotal</h3><ul>" + "".join(f"<li>{esc(n)}</li>" for n in fv.notes) + "</ul>"
    return ("forecast", "Forecast", body)


def power_section(scenario: Scenario) -> Section | None:
    motion = scenario.motion
    pv = power_view(scenario, motion.vote if motion and motion.vote else None)
    if isinstance(pv, PowerView):
        return ("power", "Voting power", _power_table(pv))
    if isinstance(pv, Unavailable):
        return _unavailable("power", "Voting power", pv.reason)
    return None


def unverified_section(scenario: Scenario) -> Section | None:
    body = _unverified(scenario)
    return ("unverified", "What is not confirmed", body) if body else None


def _key_dates(scenario: Scenario) -> list[tuple[dt.date, str]]:
    if scenario.key_dates:
        return [(d, label) for d, label in scenario.key_dates if d >= scenario.chamber.as_of]
    out = [(scenario.chamber.as_of, "start")]
    if scenario.last_date != scenario.chamber.as_of:
        out.append((scenario.last_date, "end of the log"))
    return out


def _fmt_power(v: Fraction | float) -> str:
    return f"{float(v) * 100:.1f}%"


def _outcome(scenario: Scenario, o: OutcomeView, refs: Refs) -> str:
    motion = scenario.motion
    assert motion is not None
    dates = [(label, d) for label, d in (("filed", motion.filed), ("moved", motion.moved), ("voted", motion.vote))
             if d]
    what = esc(motion.kind) + " motion" + esc(motion.about) + (
        f" ({esc(motion.id)})" if scenario.motion_label(motion) != motion.label else "")
    # the date in words for the reader, in ISO 8601 for a table copied into a spreadsheet or read by a script
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th>'
                   f'<td><time datetime="{d.isoformat()}">{esc(long_date(d))}</time></td></tr>' for k, d in dates)
    verdict = ""
    if o.passed is not None:
        word = "passed" if o.passed and o.verdict in ("", "passed") else "failed"  # another elected: not passed
        said = f"The motion {word}" if o.verdict in ("", word) else esc(o.verdict)
        verdict = (f'<p class="verdict {word}"><strong>{said}</strong>'
                   + (f" with {count_of(o.yes, 'vote')}" if o.yes is not None else "")
                   + (f"; {o.needed} {'was' if o.needed == 1 else 'were'} needed" if o.needed is not None else "")
                   + ".</p>")
        if o.reason:  # what the constitution says follows, as the rules engine gives it
            verdict += f"<p><strong>What follows:</strong> {esc(o.reason)}.</p>"
    div = motion.division
    div_note = ""
    if div is not None:
        div_note = (f"<p>Recorded vote: {esc(div.in_words())}"
                    + f"{mark(div.verified, div.note)}.{refs.cite(div.sources)}</p>")
        if div.note:
            div_note += f'<p class="note">{esc(div.note)}</p>'
    law = ""
    if o.legal_source:
        law = (f' <a href="{esc(o.legal_url)}" rel="noopener">{esc(o.legal_source)}</a>' if o.legal_url
               else f" {esc(o.legal_source)}")
    return (f"<p>{'An' if what[0] in 'aeiou' else 'A'} {what}.{refs.cite(motion.sources)}</p>"
            f'<table class="dates"><caption>The motion\'s dates</caption>{rows}</table>'
            + verdict
            + f"<p><strong>Why:</strong> {esc(o.explanation)}.{(' Legal text:' + law) if law else ''}</p>"
            + div_note
            + "".join(f'<p class="note">{esc(n)}</p>' for n in o.notes)
            + _further_motions(scenario, refs))


def _further_motions(scenario: Scenario, refs: Refs) -> str:
    """The scenario's other motions (a later election, its run-off), each judged on its recorded division
    as ``whipcount outcome`` judges it, or what it needs when no division is recorded."""
    items = []
    for m in scenario.motions[1:]:
        o = outcome_view(scenario, m)
        head = esc(scenario.motion_label(m)) + (f", vote on {esc(long_date(m.vote))}" if m.vote else "")
        if isinstance(o, Unavailable):
            body = f"not judged: {esc(o.reason)}"
        elif o is None or o.passed is None:
            body = "no division recorded" + (f"; needs {esc(o.explanation)}" if o is not None else "")
        else:
            body = f"<strong>{esc(o.verdict)}</strong>: {esc(o.explanation)}"
        div = m.division
        items.append(f"<li>{head}: {body}.{refs.cite(div.sources if div is not None else m.sources)}</li>")
    if not items:
        return ""
    return '<h3 id="further-motions">Further motions</h3><ul class="further">' + "".join(items) + "</ul>"


def _swatch(colour: str) -> str:
    """A party's colour beside its name: a light one (3:1 or less on the page) ringed in its darker shade,
    as its seats are in the charts."""
    edge = edge_colour(colour)
    ring = f";border:1.5px solid {edge}" if edge else ""
    return f'<span class="sw" style="background:{esc(colour)}{ring}"></span>'


def _party_table(scenario: Scenario, refs: Refs) -> str:
    rows = []
    plan = scenario_colours(scenario)  # the swatch is the colour the seat charts draw the party in
    for p in sorted(scenario.parties, key=lambda p: -p.seats):
        side = p.side if not p.by_side else ", ".join(f"{s} {n}" for s, n in p.by_side)
        colour = plan.colours.get(p.id) or (check_colour(p.colour, where=f"party {p.id!r}") if p.colour else None)
        sw = _swatch(colour) if colour else ""
        note = f'<div class="note">{esc(p.note)}</div>' if p.note else ""
        rows.append(f"<tr><td>{sw}{esc(p.label)}{mark(p.verified, p.note)}</td><td>{esc(p.name)}{note}</td>"
                    f'<td class="num">{p.seats}</td><td>{esc(side)}</td><td>{refs.cite(p.sources)}</td></tr>')
    on = f"Parties on {long_date(scenario.chamber.as_of)}"
    return (f'<h3 id="parties-h">{esc(on)}, the starting point</h3>'
            + scroll_region(on, '<table class="parties" aria-labelledby="parties-h"><thead><tr>'
                            '<th scope="col">Party</th><th scope="col">Name</th><th scope="col" class="num">Seats</th>'
                            '<th scope="col">Side</th><th scope="col">Source</th></tr></thead><tbody>'
                            + "".join(rows) + "</tbody></table>"))


def _event_table(scenario: Scenario, refs: Refs) -> str:
    rows = []
    names = scenario.names
    for ev in sorted(scenario.events, key=lambda e: e.date):
        cls = ' class="seatmove"' if ev.changes_seats else ""
        note = f'<div class="note">{esc(ev.note)}</div>' if ev.note and not ev.verified else ""
        rows.append(f'<tr{cls}><td data-label="Date">{esc(ev.date.isoformat())}</td>'
                    f'<td data-label="Kind">{esc(kind_label(ev.kind))}</td>'
                    f'<td data-label="What happened">{esc(ev.describe(names))}{mark(ev.verified, ev.note)}{note}</td>'
                    f'<td data-label="Source">{refs.cite(ev.sources)}</td></tr>')
    return scroll_region("Events in the log", f'<table class="events" id="{EVENTS_TABLE}"><caption>Events in the log'
                         '</caption><thead><tr><th scope="col">Date</th><th scope="col">Kind</th>'
                         '<th scope="col">What happened</th><th scope="col">Source</th></tr></thead><tbody>'
                         + "".join(rows) + "</tbody></table>")


def _power_table(pv: PowerView) -> str:
    head = "".join(f'<th scope="col" class="num">{esc(n)}</th>' for n in pv.indices)
    rows = "".join(
        f'<tr><td>{esc(r.label)}</td><td class="num">{r.seats}</td>'
        + "".join(f'<td class="num">{_fmt_power(v)}</td>' for _, v in r.indices) + "</tr>"
        for r in pv.rows
    )
    # the votes, not the seats: a seat whose member may not vote (the chair, an office) is out of the game, and
    # the seat charts above count it; the quota's explanation says which and why, as `whipcount power` does
    said = "".join(f" {esc(sentence(words))}" for words in (pv.explanation, pv.players) if words)
    return (f"<p>Share of voting power on {esc(long_date(pv.date))}, quota {pv.quota} of {pv.votes} votes.{said}</p>"
            + scroll_region("Voting power by player", '<table aria-label="Voting power by player"><thead><tr>'
                            '<th scope="col">Player</th><th scope="col" class="num">Votes</th>'
                            f"{head}</tr></thead><tbody>{rows}</tbody></table>"))


def _unverified(scenario: Scenario) -> str:
    items: list[str] = [esc(u) for u in scenario.unverified]
    items += [f"{esc(p.label)}: {esc(p.note or 'seat count not confirmed')}"
              for p in scenario.parties if not p.verified]
    items += [f"{esc(e.date.isoformat())}, {esc(e.describe(scenario.names))}: {esc(e.note or 'not confirmed')}"
              for e in scenario.events if not e.verified]
    if not items:
        return ""
    return (f"<p>Marked {DAGGER} throughout. Our sources do not confirm:</p><ul>"
            + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
