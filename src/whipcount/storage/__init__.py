"""Storage: the event log, the whip count with its history, users and the audit trail in SQL.

SQLite by default (a file), PostgreSQL through a ``postgresql://`` URL (psycopg 3). See :class:`Store`.
"""

from whipcount.storage.audit_query import AuditFilter
from whipcount.storage.migrations import Migrations, migrations
from whipcount.storage.store import (
    ROLES,
    AuditRow,
    HistoryRow,
    ScenarioInfo,
    Snapshot,
    StanceRow,
    Store,
    Subject,
    User,
    live_date,
    normalise_url,
)
from whipcount.storage.store_core import check_source

__all__ = [
    "ROLES",
    "AuditFilter",
    "AuditRow",
    "HistoryRow",
    "Migrations",
    "ScenarioInfo",
    "Snapshot",
    "StanceRow",
    "Store",
    "Subject",
    "User",
    "check_source",
    "live_date",
    "migrations",
    "normalise_url",
]
