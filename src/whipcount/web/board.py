"""The dashboard's numbers: seats by stance, the magic number, P(pass) and the last changes.

The whip count is kept per *bloc*: a party's seats on one side (a party split between sides is two
blocs). A stance recorded on ``party:ID@SIDE`` applies to that bloc, one on ``party:ID`` to every bloc
of the party, and one on ``member:ID`` to that member's seat alone (taken out of the bloc's count).
A bloc with no stance recorded counts as ``undecided`` and is marked ``recorded: false``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.errors import WhipcountError
from whipcount.model import STANCES, ChamberState, Scenario
from whipcount.rules import needed
from whipcount.storage import HistoryRow, StanceRow

__all__ = ["STANCE_COLOURS", "STANCE_LABELS", "Board", "compute_board"]

STANCE_LABELS = {
    "yes": "Yes", "lean-yes": "Leans yes", "undecided": "Undecided", "lean-no": "Leans no", "no": "No",
    "absent": "Absent",
}
# Colour-blind-safe diverging scale (blue = yes, orange = no), grey for undecided/absent.
STANCE_COLOURS = {
    "yes": "#2166ac", "lean-yes": "#92c5de", "undecided": "#bdbdbd", "lean-no": "#f4a582", "no": "#b2182b",
    "absent": "#f0f0f0",
}


@dataclass(frozen=True, slots=True)
class Board:
    """The computed dashboard: ``data`` is JSON-ready, ``state`` the chamber it was computed on."""

    data: dict[str, Any]
    state: ChamberState


def _needed(scenario: Scenario, state: ChamberState) -> dict[str, Any] | None:
    motion = scenario.motion
    if motion is None:
        return None
    rules_id = motion.rules or scenario.chamber.rules
    try:
        n = needed(rules_id, motion.kind, seats=state.seats, vacancies=state.vacancies, on=state.date)
    except WhipcountError as exc:
        return {"count": None, "basis": None, "explanation": str(exc)}
    return {"count": n.count, "basis": n.basis, "explanation": n.explanation}


def compute_board(
    scenario: Scenario,
    stances: list[StanceRow],
    history: list[HistoryRow],
    *,
    revision: int,
    on: dt.date | None = None,
) -> Board:
    """The dashboard for ``scenario`` on ``on`` (default: the last date of its log)."""
    state = scenario.state(on)
    by_subject = {s.subject: s for s in stances}
    blocs: list[dict[str, Any]] = []
    member_rows: list[dict[str, Any]] = []
    # members with their own stance come out of their bloc
    taken: dict[tuple[str, str], int] = {}
    for m in state.members:
        row = by_subject.get(f"member:{m.id}")
        entry = {
            "id": m.id, "name": m.name, "party": m.party, "side": m.side, "seated": m.seated,
            "constituency": m.constituency, "subject": f"member:{m.id}",
            "stance": row.stance if row else None, "version": row.version if row else 0,
            "source": row.source if row else None, "note": row.note if row else None,
        }
        member_rows.append(entry)
        if row and m.seated and m.party and m.side:
            taken[(m.party, m.side)] = taken.get((m.party, m.side), 0) + 1
    for p in state.parties:
        for side, seats in p.by_side:
            if seats <= 0:
                continue
            subj_side, subj_party = f"party:{p.id}@{side}", f"party:{p.id}"
            row = by_subject.get(subj_side) or by_subject.get(subj_party)
            subject = subj_side if (p.split or subj_side in by_subject) else subj_party
            blocs.append({
                "party": p.id, "name": p.name, "short": p.short or p.name, "side": side, "seats": seats,
                "counted": seats - taken.get((p.id, side), 0), "colour": p.colour, "verified": p.verified,
                "subject": row.subject if row else subject,
                "stance": row.stance if row else "undecided", "recorded": row is not None,
                "version": row.version if row else 0, "source": row.source if row else None,
                "note": row.note if row else None,
                "updated_by": row.updated_by if row else None,
            })
    tally = dict.fromkeys(STANCES, 0)
    for b in blocs:
        tally[b["stance"]] += b["counted"]
    for m in member_rows:
        if m["stance"] and m["seated"]:
            tally[m["stance"]] += 1
    need = _needed(scenario, state)
    magic = need["count"] if need else None
    yes = tally["yes"]
    motion = scenario.motion
    data: dict[str, Any] = {
        "ok": True,
        "scenario": scenario.id,
        "title": scenario.title,
        "revision": revision,
        "date": state.date.isoformat(),
        "chamber": {"name": scenario.chamber.name, "seats": state.seats, "rules": scenario.chamber.rules},
        "vacancies": state.vacancies,
        "sides": state.sides(),
        "motion": {"kind": motion.kind, "target": motion.target, "vote": motion.vote.isoformat() if motion.vote else None}
        if motion else None,
        "needed": need,
        "magic_number": magic,
        "tally": tally,
        "yes": yes,
        "yes_and_leaning": yes + tally["lean-yes"],
        "short_by": max(magic - yes, 0) if magic is not None else None,
        "blocs": blocs,
        "members": member_rows,
        "p_pass": None,
        "p_pass_note": "no forecast available",
        "last_changes": [h.as_dict() for h in history],
    }
    _forecast(data, scenario, state)
    return Board(data, state)


def _forecast(data: dict[str, Any], scenario: Scenario, state: ChamberState) -> None:
    """Fill ``p_pass`` from the tally package's exact forecast, when it is installed."""
    return None
