"""The words of a seat chart: its subtitle and the description read out in place of the picture."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

from whipcount.model import ChamberState

if TYPE_CHECKING:
    from whipcount.charts.legend import LegendEntry

__all__ = ["describe", "long_date", "subtitle", "two_thirds_of"]


def long_date(d: dt.date) -> str:
    """``8 March 2022``: unambiguous in every country."""
    return f"{d.day} {d:%B %Y}"


def two_thirds_of(seats: int) -> int:
    """Two thirds of ``seats``, rounded up: the smallest count that is at least two thirds (exact)."""
    return ceil(Fraction(2, 3) * seats)


def subtitle(state: ChamberState, needed: int | None, by: str) -> str:
    parts = [f"{state.seats} seats"]
    if state.vacancies:
        parts.append(f"{state.vacancies} vacant")
    if needed is not None:
        parts.append(f"{needed} needed")
    parts.append("coloured by whip-count stance, not a recorded vote" if by == "stance" else f"coloured by {by}")
    return " · ".join(parts)


def describe(
    state: ChamberState,
    legend: list[tuple[str, list[LegendEntry]]],
    needed: int | None,
    two_thirds: bool,
    by: str,
    layout: str,
    speaker: bool,
) -> str:
    kind = {"arch": "Hemicycle", "westminster": "Westminster-style seat chart",
            "horseshoe": "Horseshoe seat chart"}[layout]
    groups = []
    for head, entries in legend:
        items = ", ".join(f"{e.label.rstrip(' †')} {e.count}" for e in entries)
        groups.append(f"{head}: {items}" if head else items)
    text_ = (f"{kind} of the {state.chamber.name} on {long_date(state.date)}, {state.seats} seats, "
             f"coloured by {by}. " + "; ".join(groups) + ".")
    if needed is not None:
        text_ += f" The line marks the {needed} seats needed."
    if two_thirds:
        text_ += f" A second line marks two thirds ({two_thirds_of(state.seats)})."
    if speaker:
        text_ += " The Speaker's seat is drawn apart."
    return text_
