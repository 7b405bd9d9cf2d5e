"""Charts from a scenario or a state in one call: the threshold, sources and Speaker filled in.

:func:`hemicycle` is what the command line, the report and notebooks call; it looks up what the motion
needs through :func:`whipcount.rules.needed` (no line is drawn when the rules do not say) and takes
the seat titles' sources from the scenario's parties, and the colours from one plan for all the
scenario's charts (:func:`whipcount.charts.partycolours.scenario_colours`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Protocol, runtime_checkable

from whipcount.charts.credit import scenario_credit
from whipcount.charts.describe import sentence
from whipcount.charts.geometry import LAYOUTS
from whipcount.charts.hemicycle import BY, Chart, Speaker, StanceBlock, long_date, render_hemicycle
from whipcount.charts.partycolours import scenario_colours
from whipcount.charts.seatstyle import sizes_for
from whipcount.errors import ArgumentError, ChartError, WhipcountError
from whipcount.model import Chamber, ChamberState, Motion, Scenario, Source
from whipcount.model.arguments import check_items, check_option
from whipcount.rules import get_constitution
from whipcount.rules.chair import CHAIR_KEY
from whipcount.rules.needed import needed, scenario_needed, seats_note, vacancy_note

__all__ = ["CountLike", "hemicycle", "needed_for", "needed_with", "recorded_for", "scenario_speaker", "seats_notes",
           "stance_blocks", "stance_notes"]


class _PositionLike(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def party(self) -> str: ...
    @property
    def side(self) -> str: ...
    @property
    def stance(self) -> str: ...
    @property
    def seats(self) -> int: ...
    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def verified(self) -> bool: ...
    @property
    def member(self) -> str | None: ...


@runtime_checkable
class CountLike(Protocol):
    """What a seat chart reads of a :class:`whipcount.tally.WhipCount` (charts sit beside tally, not above it)."""

    @property
    def positions(self) -> Sequence[_PositionLike]: ...


def motion_part(scenario: Scenario) -> str:
    """The part of a chart's id that names the motion it counts, where the scenario has more than one (so the
    charts of two motions can share a page): ``-`` and the motion's id, else nothing."""
    motion = scenario.motion
    return f"-{motion.id}" if len(scenario.motions) > 1 and motion is not None and motion.id else ""


def needed_for(state: ChamberState, motion: Motion | None, on: dt.date | None = None) -> tuple[int | None, str]:
    """Votes ``motion`` (in its round; without one, the chamber's main motion) needs in ``state`` under the rules
    in force on ``on`` (default: the state's date) and a short label, or ``(None, reason)`` when the rules
    cannot say."""
    return needed_with(state.chamber, state.vacancies, on or state.date, motion)


def seats_notes(state: ChamberState, motion: Motion | None) -> list[str]:
    """The notes on the seats a line at the votes needed is drawn from: where the chamber of ``state`` is not the
    size the rules profile of ``motion`` (the chamber's, without one) fixes on its date, that the scenario's
    seats are counted; where seats are vacant and the bar is a share of the membership, the bar in words,
    saying whether the vacant seats were counted (:func:`whipcount.rules.needed.vacancy_note`)."""
    rules = (motion.rules if motion is not None else None) or state.chamber.rules
    try:
        said = seats_note(rules, state.date, state.seats, "counted")
        kind = motion.kind if motion is not None else get_constitution(rules).main_kind(state.date)
        need = needed(rules, kind, seats=state.seats, vacancies=state.vacancies, on=state.date,
                      round=motion.round if motion is not None else 1)
    except WhipcountError:  # rules that cannot be read draw no line, and say why elsewhere
        return []
    return [sentence(words) for words in (said, vacancy_note(need)) if words]


def recorded_for(chamber: Chamber, motion: Motion | None, day: dt.date) -> str:
    """Which votes a division of ``motion`` (without one, the chamber's main motion) records under the rules in
    force on ``day``: the rule's ``votes_recorded`` (``yes-only`` where only the votes for it are), ``all``
    where the rules cannot say."""
    rules = (motion.rules if motion is not None else None) or chamber.rules
    try:
        kind = motion.kind if motion is not None else get_constitution(rules).main_kind(day)
        return get_constitution(rules).motion(kind, day).votes_recorded
    except WhipcountError:  # rules that cannot be read say so elsewhere
        return "all"


def needed_with(chamber: Chamber, vacancies: int, day: dt.date, motion: Motion | None) -> tuple[int | None, str]:
    """:func:`needed_for` from the chamber, its ``vacancies`` and the ``day`` alone (a state's members are not
    needed): a timeline asks it after every event of the log."""
    rules = (motion.rules if motion is not None else None) or chamber.rules
    try:
        kind = motion.kind if motion is not None else get_constitution(rules).main_kind(day)
        n = scenario_needed(rules, kind, seats=chamber.seats, vacancies=vacancies, on=day,
                            round=motion.round if motion is not None else 1)
    except WhipcountError as exc:
        return None, str(exc)
    return n.count, n.explanation


def stance_notes(scenario: Scenario, day: dt.date) -> list[str]:
    """What a chart of stances on ``day`` must say: it is the whip count (of which motion, where the scenario
    has several), and on a vote day not the vote."""
    motion = scenario.motion
    division = motion.division if motion else None
    voted = division.date or motion.vote if motion and division else None
    which = f" of {motion_named(scenario)}" if motion_named(scenario) else ""
    if division is None or voted != day:
        return [f"Stances from the whip count{which} on {long_date(day)}: how members were expected to vote."]
    return [f"This is the whip count{which} on {long_date(day)}, not the recorded division of that day "
            f"({division.in_words()}): stances are how members were expected to vote."]


def motion_named(scenario: Scenario) -> str:
    """The motion a chart counts, in words, where another motion of the scenario voted the same day reads
    the same (``"pm-election (Friedrich Merz), motion chancellor-first-ballot-2025-05-06"``), so that the
    charts of the two are told apart; else nothing (the date tells them apart)."""
    motion = scenario.motion
    if motion is None:
        return ""
    label = scenario.motion_label(motion)
    return label if label != motion.label else ""


def scenario_speaker(scenario: Scenario, on: dt.date | None = None) -> Speaker | None:
    """Who presides on ``on`` (the chamber's Speaker, as changed by ``presiding-officer`` events), if any."""
    raw = scenario.speaker_on(on or scenario.default_date)
    if not isinstance(raw, Mapping):
        return None
    party = raw.get("party")
    if not isinstance(party, str):
        raise ChartError(f"scenario {scenario.id!r}: speaker needs a party id, got {party!r}")

    def opt(key: str) -> str | None:
        v = raw.get(key)
        return str(v) if v is not None else None

    return Speaker(party, opt("name"), opt("side"), opt("source"), opt("role") or "Speaker")


def hemicycle(
    source: Scenario | ChamberState, *, on: dt.date | None = None, by: str = "party", layout: str = "arch",
    two_thirds: bool = False, stances: CountLike | Sequence[StanceBlock] | None = None, speaker: Speaker | None = None,
    rows: int | None = None, needed: int | None = None, chart_id: str | None = None, heading: bool = True,
    title: str | None = None, legend_beside: bool = False, width: float | None = None,
    describedby: str | None = None,
) -> Chart:
    """The seat chart of a scenario at the end of ``on`` (default: the main motion's vote, else the end of its log),
    or of a state.

    ``width`` is the width in CSS pixels the chart is shown at (under 560: the narrow variant, laid out
    for a phone). The chart's id is made of the scenario, the date, the layout, what colours the seats
    and the variant, so that several charts can share a page.

    ``stances`` (for ``by="stance"``): the :class:`~whipcount.tally.WhipCount` that
    :func:`whipcount.tally.count_scenario` gives, or its :class:`StanceBlock` s (:func:`stance_blocks`).

    Raises :class:`~whipcount.errors.EventError` for a date before the scenario's seat counts hold and
    :class:`~whipcount.errors.ChartError` for what cannot be drawn.
    """
    if not isinstance(source, Scenario | ChamberState):
        raise ArgumentError(f"source: expected a Scenario or the ChamberState scenario.state(date) gives, got "
                            f"{type(source).__name__}")
    check_option(by, BY, "by", ChartError)
    check_option(layout, LAYOUTS, "layout", ChartError)
    if isinstance(stances, CountLike):
        stances = stance_blocks(stances)
    elif stances is not None:
        stances = check_items(stances, StanceBlock, "stances", "a StanceBlock (or pass the whole WhipCount that "
                              "whipcount.tally.count_scenario gives)")
    if isinstance(source, Scenario):
        state = source.state(on)
        notes = stance_notes(source, state.date) if by == "stance" else []
        sources, motion = seat_sources(source, state.date), source.motion
        speaker = speaker or scenario_speaker(source, state.date)
        chart_id = chart_id or f"{source.id}-{state.date.isoformat()}-{layout}-{by}" + (
            motion_part(source) if by == "stance" else "") + ("-narrow" if sizes_for(width).narrow else "")
        colours, credit = scenario_colours(source), scenario_credit(source)
    else:
        if on is not None and on != source.date:
            raise ChartError(f"a chamber state is for {source.date}; cannot draw it on {on}")
        state, sources, motion, notes, colours, credit = source, {}, None, [], None, None
    if needed is None:
        needed, _ = needed_for(state, motion)
    if needed is not None and isinstance(source, Scenario):
        notes = [*notes, *seats_notes(state, motion)]
    svg = render_hemicycle(
        state, by=by, layout=layout, needed=needed, needed_label="to pass", two_thirds=two_thirds, stances=stances,
        sources=sources, speaker=speaker, rows=rows, chart_id=chart_id, heading=heading,
        legend_beside=legend_beside, notes=notes, width=width, describedby=describedby, colours=colours,
        credit=credit, title=title or f"{state.chamber.name}, {long_date(state.date)}",
        votes_recorded=recorded_for(state.chamber, motion, state.date),
    )
    return Chart(svg, "hemicycle")


def stance_blocks(count: CountLike) -> tuple[StanceBlock, ...]:
    """A whip count's positions as the seat charts' stance blocks, each with its first source and the named
    members whose own stance it is (the report's charts and the dashboard's seat chart draw the same blocks)."""
    # the tally keys the rest of a party's seats on a side by the party ("pti", or "bap@government" when it
    # sits on two sides); a part is "pti@government/14", a member "member:<id>", the presiding officer "chair"
    blocks = [StanceBlock(p.party, p.side, p.stance, p.seats, p.sources[0].url if p.sources else None, p.verified,
                          (p.member,) if p.member else (), p.key in (p.party, f"{p.party}@{p.side}"),
                          p.key == CHAIR_KEY)
              for p in count.positions]
    return tuple(_merge(blocks))


def _merge(blocks: list[StanceBlock]) -> list[StanceBlock]:
    """Merge positions with the same party, side and stance (named members count one seat each and keep
    their names); the presiding officer's seat stays a block of its own."""
    out: dict[tuple[str, str, str, bool], StanceBlock] = {}
    for b in blocks:
        k = (b.party, b.side, b.stance, b.presiding)
        if k in out:
            o = out[k]
            out[k] = StanceBlock(o.party, o.side, o.stance, o.seats + b.seats, o.source or b.source,
                                 o.verified and b.verified, o.members + b.members, o.rest or b.rest, o.presiding)
        else:
            out[k] = b
    return list(out.values())


def seat_sources(scenario: Scenario, day: dt.date) -> dict[str, list[str]]:
    """What the seats' titles cite on ``day``: under a party's id its sources; under ``member:ID`` the
    sources of the latest seat event up to ``day`` that named the member (the side switch, the defection,
    the new party), then the member's own; under ``bloc:PARTY:SIDE`` those of the latest event up to ``day``
    that moved the party, or seats of it nobody named, to that side (a whole party crossing over), the side
    named as it stands on ``day``: a change of government after the move swaps the government's and the
    opposition's names, and the moved seats' source goes with them."""
    out = {p.id: [s.url for s in p.sources] for p in scenario.parties}
    own = {m.id: [s.url for s in m.sources] for m in scenario.members}
    out.update((f"member:{mid}", urls) for mid, urls in own.items())
    blocs: dict[tuple[str, str], list[str]] = {}
    for event in sorted((e for e in scenario.events if e.changes_seats and e.date <= day), key=lambda e: e.date):
        urls = [s.url for s in event.sources]
        for mid in event.members:
            out[f"member:{mid}"] = list(dict.fromkeys(urls + own.get(mid, [])))
        if event.party and event.to and not event.members:
            blocs[(event.party, event.to)] = urls
        if event.kind == "government-change":
            blocs = {(party, _SWAPPED.get(side, side)): urls for (party, side), urls in blocs.items()}
    out.update((f"bloc:{party}:{side}", urls) for (party, side), urls in blocs.items())
    return out


_SWAPPED = {"government": "opposition", "opposition": "government"}
