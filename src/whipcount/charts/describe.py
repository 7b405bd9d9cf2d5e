"""The words of a seat chart: its subtitle and the description read out in place of the picture."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

from whipcount.model import ChamberState

if TYPE_CHECKING:
    from whipcount.charts.legend import LegendEntry

__all__ = ["count_of", "describe", "long_date", "seats_text", "sentence", "subtitle", "two_thirds_of"]


def long_date(d: dt.date) -> str:
    """``8 March 2022``: unambiguous in every country."""
    return f"{d.day} {d:%B %Y}"


def count_of(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is one: ``1 yes vote``, ``0 events``, ``172 yes votes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def sentence(words: str) -> str:
    """``words`` as a sentence of a chart's notes: a capital first letter and a full stop at the end. A note
    is a line of its own under the chart, and the description reads the notes one after the other: a clause
    from elsewhere ("the scenario's chamber has 120 seats ...: the scenario's are counted") ran into the next
    note there ("... are counted The line marks ...")."""
    words = words.strip()
    if not words:
        return words
    return words[0].upper() + words[1:] + ("" if words[-1] in ".!?" else ".")


def seats_text(n: int) -> str:
    """``1 seat``, ``0 seats``, ``172 seats``."""
    return count_of(n, "seat")


def two_thirds_of(seats: int) -> int:
    """Two thirds of ``seats``, rounded up: the smallest count that is at least two thirds (exact)."""
    return ceil(Fraction(2, 3) * seats)


def subtitle(state: ChamberState, needed: int | None, by: str) -> str:
    parts = [seats_text(state.seats)]
    if state.vacancies:
        parts.append(f"{state.vacancies} vacant")
    if needed is not None:
        parts.append(f"{needed} needed")
    parts.append("coloured by whip-count stance, not a recorded vote" if by == "stance" else f"coloured by {by}")
    return " · ".join(parts)


def describe(
    state: ChamberState,
    legend: list[tuple[str, list[LegendEntry]]],
    two_thirds: bool,
    by: str,
    layout: str,
    speaker: bool,
) -> str:
    """The picture in words. The majority line is not named here: the chart's note on it follows."""
    kind = {"arch": "Hemicycle", "westminster": "Westminster-style seat chart",
            "horseshoe": "Horseshoe seat chart"}[layout]
    groups = []
    for head, entries in legend:
        items = ", ".join(f"{e.label.rstrip(' †')} {e.count}" for e in entries)
        alone = len(entries) == 1 and head == f"{entries[0].label} {entries[0].count}"  # "Vacant 1"
        groups.append(head if alone else f"{head}: {items}" if head else items)
    text_ = (f"{kind} of the {state.chamber.name} on {long_date(state.date)}, {seats_text(state.seats)}, "
             f"coloured by {by}. " + "; ".join(groups) + ".")
    if two_thirds:
        text_ += f" A second line marks two thirds ({two_thirds_of(state.seats)})."
    if speaker:
        text_ += " The Speaker's seat is drawn apart."
    return text_
