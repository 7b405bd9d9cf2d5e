"""The presiding officer who votes only in a tie: whose seat leaves the vote under the motion's rules.

Where a tie is decided by the chair's casting vote (the Commons, Canada, Australia's House, the Lok Sabha,
Japan's House), the chair has no other vote: the scenario's Speaker on the date (``chamber.speaker``, as
changed by ``presiding-officer`` events) takes no part in the division, and one seat of the Speaker's party
does not vote. The whip count and the voting-power game both read it from here, and the seats a whip count
marks as unable to vote by office (a stance's ``office``: deputies who do not vote, tellers) from
:func:`seats_out_by_office`.
"""

from __future__ import annotations

from dataclasses import dataclass

from whipcount.model import ChamberState, Scenario, Source, Stance
from whipcount.rules.registry import get_constitution

__all__ = ["CHAIR_KEY", "Chair", "OutByOffice", "chair_out_of_the_vote", "seats_out_by_office"]

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


@dataclass(frozen=True, slots=True)
class OutByOffice:
    """``seats`` of ``party`` on ``side`` (or the one seat of ``member``) that cannot vote, by ``office``."""

    party: str
    side: str
    seats: int
    office: str
    member: str | None = None


def seats_out_by_office(scenario: Scenario, state: ChamberState) -> tuple[OutByOffice, ...]:
    """The seats the main motion's whip count marks as unable to vote on ``state``'s date (stances with an
    ``office``), as the count reads them: the latest such entry of a party on a side holds (all its seats there
    when it gives no number, at most those it holds), and a member is out when the member's latest entry is.
    Entries that no longer fit the chamber (a party without seats there, a member unseated) are left out here;
    the whip count says why."""
    day = state.date
    parties = {p.id: p for p in state.parties}
    members = {m.id: m for m in state.members}
    by_unit: dict[tuple[str, str], Stance] = {}
    latest_member: dict[str, Stance] = {}
    for s in sorted((s for s in scenario.stances if s.holds_on(day)), key=lambda s: s.date):
        if s.member is not None:
            latest_member[s.member] = s
        elif s.office is not None and s.party in parties:
            party = parties[s.party]
            by_unit[(s.party, party.side if s.side is None else state.side_named_on(s.side, s.date))] = s
    # the members with entries of their own, whose seats the count keeps out of their party's rest (an unseated
    # member has no side, so matches no unit: the "seated" test only says so)
    own = [(m.party, m.side) for mid in latest_member
           if (m := members.get(mid)) is not None and m.seated]  # equivalent mutant "and -> or": above
    out = []
    for (pid, side), s in by_unit.items():
        held = dict(parties[pid].by_side).get(side, 0)  # equivalent mutant "0 -> -1": no seats either way
        seats = held - own.count((pid, side)) if s.seats is None else min(s.seats, held)
        if seats > 0:  # equivalent mutant "> -> >=": an entry of no seats takes none from any player
            out.append(OutByOffice(pid, side, seats, str(s.office)))
    for mid, s in latest_member.items():
        m = members.get(mid)
        if s.office is not None and m is not None and m.seated and m.party is not None and m.side is not None:
            out.append(OutByOffice(m.party, m.side, 1, s.office, mid))
    return tuple(out)
