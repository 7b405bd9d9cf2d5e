"""Where the main motion stands on a date, for the commands that look ahead: not yet filed, pending,
or decided (voted on, or withdrawn). Only a pending motion is counted and forecast; for the others the
whip count, the forecast and what-if say so, and a decided motion's recorded result is shown instead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.model import Scenario
from whipcount.rules import Outcome
from whipcount.tally.cases import judge_recorded

__all__ = ["Phase", "motion_phase"]


@dataclass(frozen=True, slots=True)
class Phase:
    """``status``: ``not-filed``, ``pending`` or ``decided``; ``text`` says it in a sentence."""

    status: str
    text: str
    outcome: Outcome | None = None

    @property
    def pending(self) -> bool:
        return self.status == "pending"

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
    for e in sorted(scenario.events, key=lambda e: e.date):
        if e.date <= day and m.withdrawn_by(e):
            return Phase("decided", f"{what} was withdrawn on {e.date.isoformat()}")
    if m.vote is not None and day > m.vote:
        outcome = judge_recorded(scenario, m)
        if outcome is None:
            return Phase("decided", f"{what} was voted on {m.vote.isoformat()} (no division recorded)")
        verdict = outcome.verdict(m.successor)
        return Phase("decided", f"{what} was voted on {m.vote.isoformat()} and {verdict}: "
                                f"{outcome.explanation}", outcome)
    return Phase("pending", f"{what} is pending")
