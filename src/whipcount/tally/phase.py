"""Where the main motion stands on a date, for the commands that look ahead: not yet filed, pending,
halted (dismissed or suspended, and not restored since) or decided (voted on, or withdrawn). Only a
pending motion is forecast, as ``outcome`` calls a dismissed one not pending; a halted one's whip count is
still read, with a note saying where the motion stands. For the others the whip count, the forecast and
what-if say so, and a decided motion's recorded result is shown instead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.model import Scenario
from whipcount.rules import Outcome
from whipcount.rules.procedure import motion_course
from whipcount.tally.cases import judge_recorded

__all__ = ["HALTED", "Phase", "motion_phase"]

HALTED = frozenset({"dismissed", "suspended"})
"""The states (:func:`~whipcount.rules.procedure.motion_course`) in which a ruling or a court order has stopped
a motion: it is not pending until an order restores it."""


@dataclass(frozen=True, slots=True)
class Phase:
    """``status``: ``not-filed``, ``pending``, ``halted`` (dismissed or suspended by a ruling or a court
    order, not restored since) or ``decided``; ``text`` says it in a sentence."""

    status: str
    text: str
    outcome: Outcome | None = None

    @property
    def pending(self) -> bool:
        return self.status == "pending"

    @property
    def countable(self) -> bool:
        """Whether the whip count is read on this day: while the motion is pending, and while it stands
        dismissed or suspended (the positions still matter to an order that may restore it; no P(pass) is
        given for a vote that cannot be held)."""
        return self.status in ("pending", "halted")

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "text": self.text,
                "recorded": self.outcome.to_dict() if self.outcome is not None else None}


def motion_phase(scenario: Scenario, on: dt.date | None) -> Phase:
    """The main motion's phase on ``on`` (the scenario's default date when None): whether it exists yet is
    :meth:`~whipcount.model.Motion.exists_on`, as ``outcome`` asks it. Everything that forecasts a motion asks
    this first (the commands, the forecast chart, the report, the dashboard, the demo)."""
    m = scenario.motion
    day = on or scenario.default_date
    if m is None:
        return Phase("pending", "no motion recorded: the count is of the chamber as it stands")
    start = m.opened
    what = f"the {m.kind} motion{m.about}"
    if start is not None and not m.exists_on(day):
        how = "filed" if start == m.filed else "moved"
        return Phase("not-filed", f"on {day.isoformat()} {what} did not exist yet: it was {how} on "
                                  f"{start.isoformat()}")
    state, since, summary = motion_course(m, scenario.events, day)
    if state == "withdrawn" and since is not None:
        return Phase("decided", f"{what} was withdrawn on {since.isoformat()}")
    if state in HALTED:  # a ruling or a court order stopped it, and none has restored it since
        return Phase("halted", f"on {day.isoformat()} {what} stood {summary}; no vote can be held on it unless "
                               "it is restored")
    if m.vote is not None and day > m.vote:
        outcome = judge_recorded(scenario, m)
        if outcome is None:
            return Phase("decided", f"{what} was voted on {m.vote.isoformat()} (no division recorded)")
        verdict = outcome.verdict(m.successor)
        return Phase("decided", f"{what} was voted on {m.vote.isoformat()} and {verdict}: "
                                f"{outcome.explanation}", outcome)
    return Phase("pending", f"{what} is pending")
