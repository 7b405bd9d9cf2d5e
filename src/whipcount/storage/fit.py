"""Whether the recorded whip count still fits the chamber. Every write that changes the chamber or the
stances (a stance, an event appended to the log, a stance taken back or ended, a whole scenario loaded) is
refused, with nothing written, when the count could no longer be built on some day it changes, from the
earliest day the write touches through the day the live dashboard counts on (a part larger than what its
party holds on the stance's own day, or after a resignation; a stance that never fitted):
:func:`timeline_problem` counts each day on which the count can change (an event's date, a stance's date or
end), since between two such days nothing the count reads changes. A stance that
fitted on its own day and whose seats are all gone since (its member unseated, its party's seats vacated)
lapses with a note on the board instead: recording the de-seating of members with a stance is allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace

from whipcount.model import ChamberState, Scenario, Stance
from whipcount.storage.rows import Subject
from whipcount.storage.snapshot import live_date
from whipcount.storage.timeline import in_force

__all__ = ["count_problem", "days_to_count", "further_problem", "scenario_problem", "timeline_problem"]


def count_problem(scenario: Scenario, state: ChamberState) -> str | None:
    """Why the whip count of ``scenario``'s stances (the current entry of each subject) cannot be built on
    ``state``, naming the subject at fault (``party:pml-n/part: stance for 10 seats of 'pml-n', but it holds
    only 4 ...``); None when it can, or when there is nothing to count (no motion, rules that cannot say)."""
    from whipcount.errors import ForecastError, NotFound, RulesError
    from whipcount.rules import pass_rule_in
    from whipcount.tally import fitted_on_its_day, whip_count

    motion = scenario.motion
    if motion is None:
        return None
    try:
        rule = pass_rule_in(scenario, state)
    except (RulesError, NotFound):
        return None
    named = [replace(s, origin=str(Subject.of(s))) for s in scenario.stances]
    try:
        whip_count(state, named, kind=motion.kind, rule=rule, lapse=fitted_on_its_day(scenario))
    except ForecastError as exc:
        return str(exc)
    return None


def days_to_count(scenario: Scenario, entries: Sequence[Stance], since: dt.date, end: dt.date) -> list[dt.date]:
    """The days from ``since`` through ``end`` on which the whip count of ``entries`` can change, in order:
    ``since`` itself, each event's date (the chamber changes at the end of it), each entry's date and end
    (``until``), and ``end``. Between two of them neither the chamber nor the entries in force change."""
    days = {since, end, *(e.date for e in scenario.events), *(s.date for s in entries)}
    days.update(s.until for s in entries if s.until is not None)
    return sorted(d for d in days if since <= d <= end)


_FEW_DAYS = 4
"""Up to this many days to count, each day's chamber is asked of ``state`` (a cache); more, and the log is
replayed once for them all."""


def timeline_problem(scenario: Scenario, entries: Sequence[Stance], since: dt.date,
                     state: Callable[[dt.date], ChamberState] | None = None) -> str | None:
    """Why the whip count of the timeline ``entries`` (every entry recorded, each holding from its date until
    its end) cannot be built on some day from ``since`` through the day the live dashboard counts on, as that
    day's dashboard (``?on=``) would count it: the first such day's :func:`count_problem`, which names the stance
    at fault and the day; None when it can be built on each of :func:`days_to_count`. A day on which no entry
    holds has nothing to refuse and is not counted. ``state`` gives the chamber on a day (default: replayed
    from ``scenario``); past :data:`_FEW_DAYS` days, the log is replayed once for them all
    (:meth:`Scenario.states`), not once a day: a log of 35,000 events on 10,000 days had taken hours."""
    end = live_date(scenario, entries)
    days = days_to_count(scenario, entries, max(since, scenario.chamber.as_of), end)
    counted = [(day, held) for day in days if (held := in_force(entries, day))]
    on = [day for day, _ in counted]
    states = map(state, on) if state is not None and len(on) <= _FEW_DAYS else scenario.states(on)
    for (_, held), chamber in zip(counted, states, strict=True):
        problem = count_problem(replace(scenario, stances=tuple(held)), chamber)
        if problem is not None:
            return problem
    return None


def scenario_problem(scenario: Scenario) -> str | None:
    """:func:`timeline_problem` of a whole scenario whose ``stances`` are every entry ever recorded, on every
    day from the chamber's ``as_of`` through the day its live dashboard would show; then
    :func:`further_problem`."""
    return timeline_problem(scenario, scenario.stances, scenario.chamber.as_of) or further_problem(scenario)


def further_problem(scenario: Scenario) -> str | None:
    """:func:`count_problem` of each further motion's own whip count (its ``stances:``, which ``count --motion``
    reads), on its vote's day or its latest stance's, whichever is later; None when every one can be built."""
    for motion in scenario.motions[1:]:
        if not motion.stances:
            continue
        focus = scenario.for_motion(motion.id)
        problem = count_problem(focus, focus.state(live_date(focus, focus.stances)))
        if problem is not None:
            return f"motion {motion.id}: {problem}"
    return None
