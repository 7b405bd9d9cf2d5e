"""The loader's whip counts: the top-level ``stances:`` (the main motion's) and a further motion's own."""

from __future__ import annotations

from dataclasses import replace

from whipcount.io.limits import one_of, unknown
from whipcount.io.scenario_ctx import Ctx
from whipcount.io.scenario_schema import ScenarioFile, StanceIn
from whipcount.model import Motion, Stance

__all__ = ["motion_stances", "stances_of"]


def stances_of(ctx: Ctx, given: list[StanceIn], at: tuple[str | int, ...], known_parties: set[str],
             member_ids: set[str], sides: tuple[str, ...]) -> list[Stance]:
    stances: list[Stance] = []
    for i, s in enumerate(given):
        if s.party is not None and s.party not in known_parties:
            raise ctx.fail((*at, i, "party"), unknown("party", s.party, known_parties))
        if s.member is not None and s.member not in member_ids:
            raise ctx.fail((*at, i, "member"), unknown("member", s.member, member_ids, listed=""))
        if s.side is not None and s.side not in sides:
            raise ctx.fail((*at, i, "side"), f"unknown side {one_of(s.side, sides)}")
        stances.append(Stance(s.date, s.stance, s.party, s.member, s.seats, s.side, s.p_yes,
                              s.all_sources(), s.note, s.verified, ctx.place((*at, i)), s.until, s.office))
    return stances


def motion_stances(ctx: Ctx, f: ScenarioFile, motions: list[Motion], known_parties: set[str],
                    member_ids: set[str], sides: tuple[str, ...]) -> list[Motion]:
    """Each further motion with its own whip count; the main motion's is the top-level ``stances:``."""
    if f.motion is not None and f.motion.stances:
        raise ctx.fail(("motion", "stances"), "the main motion's whip count is the top-level 'stances:' list: "
                                              "expected it there")
    first = 1 if f.motion is not None else 0
    out = list(motions)
    for i, m in enumerate(f.motions):
        if i == 0 and first == 0 and m.stances:
            raise ctx.fail(("motions", 0, "stances"), "the first motion is the main one, whose whip count is the "
                                                       "top-level 'stances:' list: expected it there")
        if m.stances:
            at = ("motions", i, "stances")
            out[first + i] = replace(out[first + i], stances=tuple(stances_of(ctx, m.stances, at, known_parties,
                                                                            member_ids, sides)))
    return out
