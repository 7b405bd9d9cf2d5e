"""Who may be missing from a recorded division: the member in the chair, who does not vote.

A division that gives its absent members must account for every member who sat; one that leaves out the
Speaker's seat (a record of the votes cast, the chair not among them) is short by one. Where the chamber
has a presiding officer who does not vote, the error says so: a ``speaker:`` in the chamber (or a
``presiding-officer`` event of the log), a rule that gives the chair a casting vote only, or rules whose
note says the chair does not vote.
"""

from __future__ import annotations

import datetime as dt
import re

from whipcount.errors import WhipcountError
from whipcount.model import Motion, Scenario

__all__ = ["presiding_words"]

_CHAIR = re.compile(r"\b(speaker|presiding|presides|chair|chairs|chairing)\b", re.IGNORECASE)


def _rules_name_a_chair(scenario: Scenario, motion: Motion, on: dt.date) -> bool:
    """Whether the rules of ``motion`` on ``on`` give the chair a casting vote only, or their notes speak of
    the one presiding."""
    from whipcount.rules.registry import get_constitution

    try:
        c = get_constitution(scenario.rules_for(motion))
        rule = c.motion(motion.kind, on)
    except WhipcountError:  # the rules' own error is reported where the rules are used
        return False
    notes = (c.note, rule.note, rule.threshold.tie_note)
    return rule.threshold.tie == "casting-vote" or any(n is not None and _CHAIR.search(n) for n in notes)


def presiding_words(scenario: Scenario, motion: Motion, on: dt.date, missing: int) -> str:
    """``"the Speaker, who does not vote, may be counted as absent"`` (for one missing; for more, the
    Speaker "may be one of them") where the chamber has a presiding officer who does not vote on ``on``;
    else nothing."""
    speaker = scenario.speaker_on(on)
    if speaker is None and not _rules_name_a_chair(scenario, motion, on):
        return ""
    role = "the Speaker" if speaker is None or speaker.get("role") == "Speaker" else "the member presiding"
    name = speaker.get("name") if speaker is not None else None
    who = f"{role} ({name})" if isinstance(name, str) and name else role
    if missing == 1:
        return f"{who}, who does not vote, may be counted as absent"
    return f"{who}, who does not vote, may be one of them, to be counted as absent"
