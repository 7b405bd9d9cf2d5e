"""Whether the recorded whip count still fits the chamber. Every write that changes the chamber or the
stances (a stance, an event appended to the log, a whole scenario loaded) is refused, with nothing
written, when the count of the current stances could no longer be built on the day the dashboard counts
on (a part larger than what its party holds after a resignation, a stance that never fitted). A stance that
fitted on its own day and whose seats are all gone since (its member unseated, its party's seats vacated)
lapses with a note on the board instead: recording the de-seating of members with a stance is allowed.
"""

from __future__ import annotations

from dataclasses import replace

from whipcount.model import ChamberState, Scenario
from whipcount.storage.rows import Subject
from whipcount.storage.snapshot import live_date
from whipcount.storage.timeline import in_force

__all__ = ["count_problem", "further_problem", "scenario_problem"]


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


def scenario_problem(scenario: Scenario) -> str | None:
    """:func:`count_problem` of a whole scenario whose ``stances`` are every entry ever recorded: the entries in
    force on the day its live dashboard would show (:func:`~whipcount.storage.timeline.in_force`), counted on
    that day; then :func:`further_problem`."""
    day = live_date(scenario, scenario.stances)  # the latest day an entry starts or ends on, if after the vote
    now = replace(scenario, stances=tuple(in_force(scenario.stances, day)))
    return count_problem(now, now.state(day)) or further_problem(scenario)


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
