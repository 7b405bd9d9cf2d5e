"""The writes on one subject of a further motion read as its line (:class:`Line`): the entries of its scenario
file, then what the dashboard recorded (rows of ``motion_stances``): a stance, a stance taken back as wrong
(``kind`` :data:`~whipcount.storage.whip.CLEARED`) or a stance ended on a day (``kind``
:data:`~whipcount.storage.whip.ENDED`), read as the main motion's are (:mod:`whipcount.storage.timeline`):

* a stance is appended after the entries before it, as a scenario file lists its stances;
* a take-back removes every entry of its subject written before it, so that on every day the subject counts
  as if it had never been recorded on the motion;
* an end gives each entry of its subject written before it that end (an earlier end of its own stays).

A subject's version on the motion is how many writes its line holds, the version each row is stored under,
counted on from the versions a scenario it replaced handed out (its ``base``); a subject whose line holds no
entry (none written, or all taken back) has none (0).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.errors import StorageError
from whipcount.model import Stance
from whipcount.storage.codec import decode_as
from whipcount.storage.rows import HistoryRow, StanceRow, Subject, _utc
from whipcount.storage.timeline import Cleared, Ended, end_entry
from whipcount.storage.whip import CLEARED, ENDED

__all__ = ["Line", "Written", "changes", "held", "key_of", "written_of"]

Written = Stance | Cleared | Ended
"""What one write of a further motion's stances holds: a stance, a take-back as wrong, or an end."""


def key_of(s: Stance) -> str:
    """The subject a stance is on, as the table stores it."""
    return str(Subject.of(s))


def written_of(kind: str | None, data: Any) -> Written:
    """What a row of ``motion_stances`` wrote, by its ``kind`` (None: a stance)."""
    if kind == CLEARED:
        return Cleared()
    entry = decode_as(Stance, data)
    if kind is None:
        return entry
    if kind == ENDED and entry.until is not None:
        return Ended(entry.until)
    words = (f"a stored write of a further motion's stance cannot be read: kind {kind!r} with until {entry.until} "
             "(was the row edited by hand, or written by another version of whipcount?)")
    raise StorageError(words, public=words)


def held(writes: list[tuple[str, Written]]) -> tuple[Stance, ...]:
    """The entries of a further motion after ``writes`` (subject, what), in the order written (see the module
    docstring)."""
    out: list[Stance] = []
    for key, what in writes:
        if isinstance(what, Cleared):
            out = [s for s in out if key_of(s) != key]
        elif isinstance(what, Ended):
            out = [end_entry(s, what.on) if key_of(s) == key else s for s in out]
        else:
            out.append(what)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Line:
    """Every write on one subject of a further motion, in order, each with the table's row that holds it
    (who wrote it, when, and a take-back's reason) or None for an entry of the scenario file."""

    key: str
    writes: tuple[tuple[Written, Any], ...]
    ids: tuple[int, ...] = ()  # each write's id on the motion (its place among all the motion's writes)
    base: int = 0  # the versions the scenario this one replaced handed out: this one's count on from there

    @property
    def version(self) -> int:
        """The subject's version on the motion: its writes after the base, or 0 when it holds no entry."""
        return self.base + len(self.writes) if self.entries() else 0

    @property
    def next_version(self) -> int:
        """The version the subject's next write is stored under."""
        return self.base + len(self.writes) + 1

    def entries(self, upto: int | None = None) -> tuple[Stance, ...]:
        """The subject's entries after its first ``upto`` writes (all of them by default)."""
        return held([(self.key, what) for what, _ in self.writes[:upto]])

    def current(self) -> StanceRow | None:
        """The subject's current entry with its version, None when it holds none."""
        entries = self.entries()
        if not entries:
            return None
        last, who = entries[-1], self.writes[-1][1]
        return StanceRow(self.key, last.stance, self.base + len(self.writes), last.date,
                         last.sources[0].url if last.sources else None, last.note,
                         who.changed_by if who is not None else None, _written_at(last, who), last.seats, last.until)

    def history(self) -> list[HistoryRow]:
        """The subject's writes as history rows, newest first: a take-back has ``new_stance``
        :data:`CLEARED`, an end :data:`ENDED` and the day it ends as ``until``, each its reason as the note."""
        out: list[HistoryRow] = []
        for n, (what, who) in enumerate(self.writes, 1):
            before = self.entries(n - 1)
            out.append(_history_row(self.ids[n - 1] if self.ids else n, self.key, self.base + n,
                                    before[-1].stance if before else None, what, who))
        return out[::-1]


def changes(writes: list[tuple[str, Written, Any, int]], base: int = 0) -> list[HistoryRow]:
    """Every write of a further motion (subject, what, the table's row or None, its id on the motion), given in
    the order written, as history rows, newest first: each as its subject's :meth:`Line.history` gives it
    (versions counted on from ``base``)."""
    lines: dict[str, list[tuple[Written, Any]]] = {}
    out: list[HistoryRow] = []
    for key, what, who, n in writes:
        line = lines.setdefault(key, [])
        before = held([(key, w) for w, _ in line])
        line.append((what, who))
        out.append(_history_row(n, key, base + len(line), before[-1].stance if before else None, what, who))
    return out[::-1]


def _history_row(row_id: int, key: str, n: int, old: str | None, what: Written, who: Any) -> HistoryRow:
    """The history row of a subject's ``n``-th write (its version), ``row_id`` its id on the motion."""
    by = who.changed_by if who is not None else None
    if isinstance(what, Stance):
        return HistoryRow(row_id, key, n, old, what.stance, what.sources[0].url if what.sources else None, what.note,
                          by, _written_at(what, who), what.date, what.seats, what.until)
    reason = decode_as(Stance, who.data).note
    new, until = (CLEARED, None) if isinstance(what, Cleared) else (ENDED, what.on)
    return HistoryRow(row_id, key, n, old, new, None, reason, by, _utc(who.changed_at), None, None, until)


def _written_at(entry: Stance, who: Any) -> dt.datetime:
    """When a write was made: its row's time, or for an entry of the scenario file the start of its date (UTC),
    the same on every read."""
    return _utc(who.changed_at) if who is not None else dt.datetime.combine(entry.date, dt.time(), dt.UTC)
