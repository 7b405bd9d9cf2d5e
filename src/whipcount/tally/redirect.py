"""A pivot that switches a party's direction: the whip count counted again under the defection rule.

Where the defection rule of the day does not count a vote against the party's direction (Art. 63A between the
Supreme Court's opinion and its review, :mod:`whipcount.tally.crossed`), a pivot that switches a party's largest
position switches the party's direction with it: its smaller positions and its crossed seats have other votes
set apart than before. The switched bloc alone does not tell that, so such a pivot's chamber is the whip count
with that position voting as the pivot has it (``yes`` or ``no``, for certain), counted again under the rule as
a what-if counts it (:func:`whipcount.tally.crossed.recount`), and its model built as the headline's was. Where
the count of every other position comes out as it stood (a party of one position), the switched bloc alone tells
the switched chamber, and the pivots' shared products (:mod:`whipcount.tally.switches`) count it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from whipcount.tally.count import default_stance
from whipcount.tally.crossed import direction_holders, recount, restored
from whipcount.tally.model import Bloc, ForecastModel
from whipcount.tally.positions import Position, WhipCount

__all__ = ["Rebuild", "redirected"]

Rebuild = Callable[[str, Bloc], "ForecastModel | None"]
"""Given a bloc's key and the bloc as a pivot switches it, the whole switched chamber's model, or None where
switching the bloc alone tells the switched chamber."""


def redirected(count: WhipCount, build: Callable[[WhipCount], ForecastModel]) -> Rebuild | None:
    """The rebuild of a pivot of ``count`` (whose model ``build`` makes) that switches a party's direction, or
    None where no rule sets such votes apart (no defection rule, or one that counts them)."""
    period = count.rule.defection
    if period is None or period.counted:
        return None
    holders = direction_holders(count)
    base = restored(count)

    def rebuild(key: str, switched: Bloc) -> ForecastModel | None:
        if key not in holders:
            return None
        stance = "yes" if switched.p_yes >= 1.0 else "no"  # a pivot votes as one, all yes or all no
        positions = tuple(replace(p, stance=stance, p_yes=switched.p_yes, default=False) if p.key == key else p
                          for p in base.positions)
        after = recount(replace(base, positions=positions), lambda side: default_stance(side, count.kind))
        # the rest of the chamber as it stood (a party of one position): the switched bloc alone tells it
        return None if _rest(after, key) == _rest(count, key) else build(after)
    return rebuild


def _rest(count: WhipCount, key: str) -> list[Position]:
    """``count``'s positions but the one of ``key``, in one order."""
    return sorted((p for p in count.positions if p.key != key), key=lambda p: (p.key, p.seats, p.label))
