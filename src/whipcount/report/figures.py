"""The report's figures: each chart in the variants the page chooses between, and its data as a table.

A seat chart comes twice, drawn for a desktop column and for a phone (:data:`NARROW_WIDTH`); the
stylesheet shows one of them by the width of the figure (a CSS container query), and prints the narrow
one, whose text stays at 8 pt or more on paper. Each seat chart is followed by a table of its blocs
(party, side, stance, members, seats, sources) that its ``aria-describedby`` points at, so what a seat's
hover title says can be read without a mouse. The timeline comes twice too,
its desktop picture in a keyboard-scrollable region; the forecast, drawn once, sits in such a region,
which keeps it readable on a phone instead of shrinking it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from html import escape

from whipcount.charts import StanceBlock, hemicycle
from whipcount.charts.colours import STANCE_LABELS, stance_labels
from whipcount.charts.hemicycle import Seat, hemicycle_seats, long_date
from whipcount.charts.partycolours import scenario_colours
from whipcount.charts.placement import MAX_SEATS
from whipcount.charts.seating import unplaced_members
from whipcount.charts.svg import describe_by, slug
from whipcount.charts.views import recorded_for, scenario_speaker
from whipcount.model import MemberState, Scenario

__all__ = ["NARROW_WIDTH", "scroll_figure", "seat_figure", "seat_table", "two_way_figure", "unplaced_note"]

#: The width (CSS pixels) the narrow variant of a seat chart is drawn for: a 360-pixel phone column.
NARROW_WIDTH = 360.0


def _esc(value: object) -> str:
    return escape(str(value), quote=True)


def seat_table(seats: Sequence[Seat], table_id: str, caption: str, names: Mapping[str, str],
               cite: Callable[[Seat], str], after: str = "", labels: Mapping[str, str] = STANCE_LABELS) -> str:
    """One row per bloc of seats that look alike (party, side, stance), in drawing order, with their count.
    ``names`` maps party ids to the names the chart uses; ``cite`` gives a bloc's source cell; ``after`` is
    shown under the table; ``labels`` names the stances as the chart's legend does
    (:func:`~whipcount.charts.colours.stance_labels`)."""
    rows: dict[tuple[str, str, str, bool], list[Seat]] = {}
    for s in seats:
        rows.setdefault((s.party or "", s.side or "", s.stance or "", s.speaker), []).append(s)
    stance = any(s.stance for s in seats)
    members = any(s.member for s in seats)
    head = ["Party", "Side"] + (["Stance"] if stance else []) + ["Seats", "Source"] + (["Members"] if members else [])
    body = []
    for (party, side, st, speaker), group in rows.items():
        first = group[0]  # equivalent mutant "0 -> -1": a row's seats share every cell it shows
        # the seat's title opens with who presides: "Speaker: ..." or "Presiding: ..."
        role = first.title.split("\n", 1)[0].split(":", 1)[0] if speaker else ""
        cells = ["Vacant" if first.vacant else (f"{role}: " if speaker else "") + names.get(party, party),
                 side.capitalize()]
        if stance:
            cells.append(labels.get(st, "No stance recorded") if not first.vacant else "")
        mark = "" if first.verified else " †"
        cells_html = "".join(f"<td>{_esc(c)}{mark if i == 0 else ''}</td>" for i, c in enumerate(cells))
        named = f"<td>{_esc(', '.join(s.member for s in group if s.member))}</td>" if members else ""
        body.append(f'<tr>{cells_html}<td class="num">{len(group)}</td><td>{cite(first)}</td>{named}</tr>')
    num_cls = ' class="num"'
    th = "".join(f'<th scope="col"{num_cls if h == "Seats" else ""}>{h}</th>' for h in head)
    return (f'<details class="data"><summary>{_esc(caption)} as a table</summary>'
            f'<div class="scroll" tabindex="0" role="region" aria-label="{_esc(caption)}">'
            f'<table id="{_esc(table_id)}"><caption>{_esc(caption)}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>{after}</details>")


def unplaced_note(members: Sequence[MemberState], names: Mapping[str, str]) -> str:
    """Under a table of stances: the named members in no row, because the whip count records a stance for
    some of their party's seats on their side and not for them (which seats it means is not recorded)."""
    if not members:
        return ""
    by_bloc: dict[tuple[str, str], list[str]] = {}
    for m in members:
        by_bloc.setdefault((m.party or "", m.side or ""), []).append(m.name)
    blocs = "; ".join(f"{names.get(party, party)} ({side}): {', '.join(who)}" for (party, side), who in by_bloc.items())
    return (f'<p class="note">Named members in no row: the whip count gives a stance to part of their party\'s '
            f"seats on their side, not to them by name, so which of the rows they belong to is not recorded. "
            f"{_esc(blocs)}.</p>")


def seat_figure(
    scenario: Scenario,
    day: dt.date,
    *,
    caption: str,
    title: str,
    layout: str,
    cite: Callable[[Seat], str],
    by: str = "party",
    stances: Sequence[StanceBlock] | None = None,
    needed: int | None = None,
) -> str:
    """The seat chart of ``scenario`` on ``day`` in both variants, its caption and its table; the majority
    line after ``needed`` seats (default: what the rules need, if they can say)."""
    table_id = slug(f"{scenario.id}-{day.isoformat()}-{layout}-{by}-table")
    state = scenario.state(day)
    if state.seats > MAX_SEATS:  # the table still gives every seat
        drawn = (f'<p class="note">No seat chart: {state.seats:,} seats are more than a chart can show '
                 f"legibly (at most {MAX_SEATS:,}); the table below lists them.</p>")
    else:
        svgs = [hemicycle(scenario, on=day, by=by, layout=layout, stances=stances, title=title, width=w,
                          describedby=table_id, needed=needed).svg for w in (None, NARROW_WIDTH)]
        drawn = f'<div class="wide">{svgs[0]}</div><div class="narrow">{svgs[1]}</div>'
    recorded = recorded_for(state.chamber, scenario.motion, day)
    seats, _ = hemicycle_seats(state, by=by, stances=stances, speaker=scenario_speaker(scenario, day),
                               colours=scenario_colours(scenario) if by == "party" else None, votes_recorded=recorded)
    names = {p.id: p.label for p in state.parties}
    what = "Seats" if by != "stance" else "Stances"
    table = seat_table(seats, table_id, f"{what} on {long_date(day)}", names, cite,
                       unplaced_note(unplaced_members(state, seats), names), stance_labels(recorded))
    return f'<figure class="chart seats">{drawn}<figcaption>{caption}</figcaption>{table}</figure>'


def _scroll_region(svg: str, label: str, describedby: str | None) -> str:
    """A wide chart in a region that scrolls sideways on a phone (focusable, so keys scroll it too)."""
    svg = describe_by(svg, describedby) if describedby else svg
    return f'<div class="scroll chart-scroll" tabindex="0" role="region" aria-label="{_esc(label)}">{svg}</div>'


def scroll_figure(svg: str, caption: str, label: str, describedby: str | None = None, kind: str = "") -> str:
    """A wide chart drawn once (the forecast), scrolling sideways where it does not fit."""
    return (f'<figure class="chart {_esc(kind)}">{_scroll_region(svg, label, describedby)}'
            f"<figcaption>{caption}</figcaption></figure>")


def two_way_figure(wide: str, narrow: str, caption: str, label: str, describedby: str | None = None,
                   kind: str = "") -> str:
    """A chart drawn twice (the timeline): the desktop picture in a region that scrolls sideways if it must,
    and the one laid out for a phone, shown in a narrow column and on paper (see the report's style sheet)."""
    narrow = describe_by(narrow, describedby) if describedby else narrow
    return (f'<figure class="chart {_esc(kind)}"><div class="wide">{_scroll_region(wide, label, describedby)}</div>'
            f'<div class="narrow">{narrow}</div><figcaption>{caption}</figcaption></figure>')
