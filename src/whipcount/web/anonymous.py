"""What a reader who is not signed in sees (a server run with ``--public-read``): the whip count, its history,
the event log and the audit trail as they stand, without the names of the people who wrote them (``changed_by``,
``updated_by``, ``added_by``, an audit row's ``user``) or the reasons given for a write (an audit row's
``reason``; the note of a stance change that takes a stance back or ends it, which is that reason). A stance's
own note, what its source says, is part of the whip count and stays. A signed-in reader sees everything."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["AUDIT_HIDDEN", "EVENT_HIDDEN", "HISTORY_HIDDEN", "STANCE_HIDDEN", "board", "history", "rows"]

TAKE_BACKS = ("cleared", "ended")  # whipcount.storage.whip.CLEARED, ENDED: their note is the writer's reason

HISTORY_HIDDEN = ("changed_by",)
"""The fields of a stance change (:class:`~whipcount.storage.HistoryRow`) not shown to a reader not signed in."""
STANCE_HIDDEN = ("updated_by",)
"""Likewise of a stance row (:class:`~whipcount.storage.StanceRow`) and of a dashboard's position."""
EVENT_HIDDEN = ("added_by",)
"""Likewise of an event of the log."""
AUDIT_HIDDEN = ("user", "reason")
"""Likewise of an audit row: who wrote it, and the reason the writer gave."""


def rows(items: Iterable[Mapping[str, Any]], hidden: tuple[str, ...]) -> list[dict[str, Any]]:
    """``items`` without the fields ``hidden``."""
    return [{k: v for k, v in item.items() if k not in hidden} for item in items]


def history(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Stance changes without who made them, and a take-back or an end without its reason (its ``note``)."""
    return [{k: v for k, v in h.items()
             if k not in HISTORY_HIDDEN and not (k == "note" and h.get("new_stance") in TAKE_BACKS)} for h in items]


def board(data: Mapping[str, Any]) -> dict[str, Any]:
    """A dashboard's data as a reader not signed in sees it: its last changes (:func:`history`) and positions
    without who wrote them."""
    return {**data, "last_changes": history(data["last_changes"]), "positions": rows(data["positions"], STANCE_HIDDEN)}
