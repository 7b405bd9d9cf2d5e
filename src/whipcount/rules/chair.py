"""The presiding officer who votes only in a tie: whose seat leaves the vote under the motion's rules.

Where a tie is decided by the chair's casting vote (the Commons, Canada, Australia's House, the Lok Sabha,
Japan's House), the chair has no other vote: the scenario's Speaker on the date (``chamber.speaker``, as
changed by ``presiding-officer`` events) takes no part in the division, and one seat of the Speaker's party
does not vote. The whip count and the voting-power game both read it from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from whipcount.model import ChamberState, Scenario, Source
from whipcount.rules.registry import get_constitution

__all__ = ["CHAIR_KEY", "Chair", "chair_out_of_the_vote"]

CHAIR_KEY = "chair"
"""The key of the chair's seat in a whip count and of its bloc in a forecast: a seat that votes only in a
tie, so no what-if moves it, no count looks to it for votes and no pivot switches it."""


@dataclass(frozen=True, slots=True)
class Chair:
    """The presiding officer when the rules give the chair only a casting vote: seated in ``party`` on
    ``side``, not voting."""

    name: str
    party: str
    side: str
    sources: tuple[Source, ...] = ()


def chair_out_of_the_vote(scenario: Scenario, state: ChamberState, kind: str) -> Chair | None:
    """The scenario's Speaker on ``state``'s date when the rules of its motion of ``kind`` give the chair a
    casting vote only (a tie decided by the presiding officer), else None."""
    rules_id = scenario.rules_for()
    if get_constitution(rules_id).motion(kind, state.date).threshold.tie != "casting-vote":
        return None
    speaker = scenario.speaker_on(state.date)
    pid = speaker.get("party") if speaker else None
    if speaker is None or not isinstance(pid, str):
        return None
    party = next((p for p in state.parties if p.id == pid and p.seats > 0), None)
    if party is None:
        return None
    side = speaker.get("side")
    url = speaker.get("source")
    return Chair(str(speaker.get("name") or "The Speaker"), pid, side if isinstance(side, str) else party.side,
                 (Source(url),) if isinstance(url, str) else ())
