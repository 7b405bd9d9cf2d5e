"""A minimal threshold: enough for the count of votes a motion needs (the full engine replaces this)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from whipcount.errors import NotFound, RulesError


@dataclass(frozen=True, slots=True)
class Needed:
    """How many yes votes a motion needs, on what basis, and why."""

    count: int | None
    basis: str
    explanation: str


def needed(rules_id: str, kind: str, *, seats: int, vacancies: int = 0, on: dt.date | None = None) -> Needed:
    """Yes votes needed for ``kind`` under profile ``rules_id`` in a chamber of ``seats`` members."""
    if rules_id != "pk-na":
        raise NotFound(f"unknown rules profile {rules_id!r} (known: pk-na)")
    if kind not in ("no-confidence", "pm-election", "confidence"):
        raise RulesError(f"pk-na: unknown motion kind {kind!r}")
    n = seats // 2 + 1
    return Needed(n, "total-membership",
                  f"{n} of {seats}: a majority of the total membership, Art. 95(4) of the Constitution of Pakistan")
