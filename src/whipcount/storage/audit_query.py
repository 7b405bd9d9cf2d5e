"""Which rows of the audit trail a reader asks for (:class:`AuditFilter`) and the SQL that reads them, newest
first, a page at a time: every filter is a condition of the query, so the database reads only those rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, func, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement

from whipcount.storage import schema
from whipcount.storage.rows import AuditRow, _utc

__all__ = ["AuditFilter", "audit_query", "audit_row", "count_query"]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """The rows of the audit trail wanted; a field left None does not filter.

    ``scenario_id``  the rows of one scenario (an account change belongs to none);
    ``action``       one action (``stance.set``, ``user.role``...);
    ``user``         who wrote the row, exactly as recorded (a user name, or the system account of a command);
    ``target``       what the row is about, exactly (``event:3``, ``user:alice``, a scenario's id for its load),
                     or a subject with its sides and parts (``party:pti`` also finds ``party:pti@opposition``
                     and ``party:pti/part``);
    ``since``        rows written at or after this instant;
    ``until``        rows written before this instant.
    """

    scenario_id: str | None = None
    action: str | None = None
    user: str | None = None
    target: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def conditions(self) -> list[Any]:
        """The filter as conditions on ``audit``."""
        t = schema.audit
        where: list[Any] = [column == value for column, value in (
            (t.c.scenario_id, self.scenario_id), (t.c.action, self.action), (t.c.user, self.user))
            if value is not None]
        if self.target is not None:
            where.append(target_condition(self.target))
        if self.since is not None:
            where.append(t.c.at >= self.since)
        if self.until is not None:
            where.append(t.c.at < self.until)
        return where


class _ByCodePoint(ColumnElement[str]):
    """A text column compared by code point: as it is on SQLite; on PostgreSQL in the collation ``C`` (the
    database's own may order ``@`` and ``A`` otherwise), as the index :data:`schema.AUDIT_TARGET_INDEX` is."""

    inherit_cache = True
    type = String()

    def __init__(self, column: Any) -> None:
        self.column = column


@compiles(_ByCodePoint)
def _by_code_point(element: _ByCodePoint, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.column, **kw))


@compiles(_ByCodePoint, "postgresql")
def _by_code_point_pg(element: _ByCodePoint, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "C"'


def target_condition(target: str) -> Any:
    """The rows about ``target``: the target itself, and a subject's sides and parts (what follows it after
    ``@`` or ``/``). Each is a range of targets in code-point order, which the index on ``target`` reads:
    ``x@`` up to ``xA`` (``A`` follows ``@``), ``x/`` up to ``x0`` (``0`` follows ``/``). Compared as text,
    not as a pattern: ``%`` and ``_`` in a target are themselves."""
    column = _ByCodePoint(schema.audit.c.target)
    return or_(column == target,
               *(and_(column >= target + tail, column < target + chr(ord(tail) + 1)) for tail in "@/"))


def audit_query(where: AuditFilter, before: int | None) -> Any:
    """The audit rows ``where`` selects, below the cursor ``before`` (a row id), newest first."""
    t = schema.audit
    conditions = where.conditions()
    # a cursor past the largest INTEGER (which PostgreSQL refuses to compare) is past every row id
    if before is not None and before <= schema.INT_MAX:  # equivalent mutant "<= -> <": no id reaches INT_MAX
        conditions.append(t.c.id < before)
    return select(t).where(*conditions).order_by(t.c.id.desc())


def count_query(where: AuditFilter) -> Any:
    """How many audit rows ``where`` selects."""
    return select(func.count()).select_from(schema.audit).where(*where.conditions())


def audit_row(r: Any) -> AuditRow:
    """A row of ``audit`` as an :class:`AuditRow`."""
    return AuditRow(r.id, _utc(r.at), r.user, r.scenario_id, r.action, r.target, r.before, r.after, r.reason)
