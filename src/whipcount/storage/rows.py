"""The rows the store returns: scenarios in the database, stances with their versions, their history and
the audit trail, and the subject a stance is about."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.errors import InputError
from whipcount.io.limits import quoted
from whipcount.model import Stance
from whipcount.model.ids import is_id
from whipcount.storage.codec import encode

__all__ = ["AuditRow", "HistoryRow", "ScenarioInfo", "StanceRow", "Subject"]



def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a stance is about, as the whip count reads it (:mod:`whipcount.tally.count`).

    ``party:pti``              the party's seats on its main side (all of them unless a part is set);
    ``party:bap@opposition``   the party's seats on that side;
    ``party:pti/part``         a part of the party (``seats`` of them) on its main side, e.g. dissidents;
    ``party:pti@government/part``  the same on a named side;
    ``party:x/office``         seats of the party that cannot vote by office (``office:`` in the scenario
                               file: the chair's deputies, tellers), kept apart from its part as the count does;
    ``member:ali-wazir``       one named member's seat.
    """

    kind: str
    ref: str
    side: str | None = None
    part: bool = False
    office: bool = False

    def __str__(self) -> str:
        tail = "/part" if self.part else "/office" if self.office else ""
        return f"{self.kind}:{self.ref}" + (f"@{self.side}" if self.side else "") + tail

    @classmethod
    def parse(cls, text: str) -> Subject:
        """``party:ID[@SIDE][/part]`` or ``member:ID``, or an InputError saying what was expected."""
        kind, _, rest = str(text).partition(":")
        rest, slash, tail = rest.partition("/")
        ref, _, side = rest.partition("@")
        if (kind not in ("party", "member") or not is_id(ref) or (side and not is_id(side))
                or (slash and tail not in ("part", "office"))):
            raise InputError(
                "subject: expected party:ID, party:ID@SIDE, party:ID/part, party:ID@SIDE/part, party:ID/office "
                f"or member:ID (lower-case ids), got {quoted(text)}"
            )
        if kind == "member" and (side or slash):
            raise InputError(f"subject: a member's stance takes no side or part, got {quoted(text)}")
        return cls(kind, ref, side or None, tail == "part", tail == "office")

    @classmethod
    def of(cls, stance: Stance) -> Subject:
        """The subject of a model stance entry."""
        if stance.member:
            return cls("member", stance.member)
        assert stance.party is not None
        if stance.office is not None:
            return cls("party", stance.party, stance.side, office=True)
        return cls("party", stance.party, stance.side, stance.seats is not None)


@dataclass(frozen=True, slots=True)
class ScenarioInfo:
    """A stored scenario in a list: id, title, revision and when it last changed."""

    id: str
    title: str
    revision: int
    updated_at: dt.datetime


@dataclass(frozen=True, slots=True)
class StanceRow:
    """The current stance on one subject, with the version a writer must name to change it; ``until``: the
    first day it no longer holds, when it ends."""

    subject: str
    stance: str
    version: int
    date: dt.date
    source: str | None
    note: str | None
    updated_by: str | None
    updated_at: dt.datetime
    seats: int | None = None
    until: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        d = encode(self)
        d["updated_at"] = self.updated_at.isoformat()
        return dict(d)


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One stance change: the subject, from what to what, by whom, when and why (the note); the date the
    new stance holds from, the seats of a part, and ``until``, the first day it no longer holds (a stance
    recorded with an end, or ``new_stance`` ``ended``: the day the stance ends)."""

    id: int
    subject: str
    version: int
    old_stance: str | None
    new_stance: str
    source: str | None
    note: str | None
    changed_by: str | None
    changed_at: dt.datetime
    date: dt.date | None = None
    seats: int | None = None
    until: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        d = encode(self)
        d["changed_at"] = self.changed_at.isoformat()
        return dict(d)


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One write: who, when, what (action and target), from what to what, and why."""

    id: int
    at: dt.datetime
    user: str | None
    scenario_id: str | None
    action: str
    target: str | None
    before: Any
    after: Any
    reason: str | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "id": self.id, "at": self.at.isoformat(), "user": self.user, "scenario": self.scenario_id,
            "action": self.action, "target": self.target, "before": self.before, "after": self.after,
            "reason": self.reason,
        }
