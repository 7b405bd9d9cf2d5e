"""A chamber's size in every year: the seat periods a profile states, filled in from ParlGov.

A profile states the periods it has a source for. Between and before them, the size of the chamber at
each election since 1945 comes from the bundled ParlGov table (CC0; ``whipcount/data/parlgov``): the
``seats_total`` of each parliamentary election holds from that election to the next. ParlGov records the
size at the election, not changes within a term, and a few of its totals count only one tier, so these
periods are marked unverified and say where they come from.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from functools import cache
from importlib import resources

from whipcount.rules.core import SeatPeriod

__all__ = ["PARLGOV_URL", "elections", "with_parlgov"]

PARLGOV_URL = "https://www.parlgov.org/"
_FIRST_YEAR = 1945


@cache
def _by_country() -> dict[str, tuple[tuple[dt.date, int], ...]]:
    """Every country's ``(election date, seats_total)`` pairs since 1945, from one pass over the table."""
    text = resources.files("whipcount").joinpath("data", "parlgov", "parliament_seats.csv").read_text("utf-8")
    rows = csv.reader(io.StringIO(text))
    header = next(rows)
    at_country, at_date, at_total = (header.index(k) for k in ("country", "election_date", "seats_total"))
    # one row per party: one total per election (the last row's), as text until then (6,000 rows, 850 elections)
    totals = {(row[at_country], row[at_date]): row[at_total] for row in rows}
    seen: dict[str, list[tuple[dt.date, int]]] = {}
    for (country, day), total in totals.items():
        seen.setdefault(country, []).append((dt.date.fromisoformat(day), int(total)))
    return {country: tuple(sorted((d, n) for d, n in days if d.year >= _FIRST_YEAR)) for country, days in seen.items()}


def elections(country: str) -> tuple[tuple[dt.date, int], ...]:
    """``(election date, seats_total)`` of each parliamentary election of ``country`` (ISO3) since 1945."""
    return _by_country().get(country, ())


Span = tuple[dt.date, dt.date | None]


def _uncovered(start: dt.date, end: dt.date | None, stated: tuple[SeatPeriod, ...]) -> list[Span]:
    """The parts of ``[start, end)`` that no stated period covers."""
    pieces: list[Span] = [(start, end)]
    for p in stated:
        p_start, p_end = p.start or dt.date.min, p.end
        out: list[Span] = []
        for s, e in pieces:
            # a piece that only touches the period (e == p_start, or p_end == s) is cut below into itself
            before = e is not None and e <= p_start  # equivalent mutant "<= -> <": above
            after = p_end is not None and p_end <= s  # equivalent mutant "<= -> <": above
            if before or after:
                out.append((s, e))
                continue
            if s < p_start:
                out.append((s, p_start))
            if p_end is not None and (e is None or p_end < e):
                out.append((p_end, e))
        pieces = out
    return pieces


def with_parlgov(stated: tuple[SeatPeriod, ...], country: str) -> tuple[SeatPeriod, ...]:
    """``stated`` plus, where none of them applies, the size at each ParlGov election of ``country``."""
    runs = elections(country)
    filled: list[SeatPeriod] = list(stated)
    for i, (day, seats) in enumerate(runs):
        nxt = runs[i + 1][0] if i + 1 < len(runs) else None
        for s, e in _uncovered(day, nxt, stated):
            filled.append(SeatPeriod(seats, s, e, PARLGOV_URL, verified=False,
                                     note=f"{seats} seats at the election of {day.isoformat()} (ParlGov, CC0); "
                                          "not checked against the chamber's own record"))
    return tuple(sorted(filled, key=lambda p: p.start or dt.date.min))
