"""The tables (SQLAlchemy Core). Key fields are columns; the rest of a model value is a JSON ``data`` column.

=================  ==========================================================================
table              holds
=================  ==========================================================================
schema_version     one row per applied migration
settings           key/value pairs (the session secret when none is given)
users              accounts: name, role, argon2 hash
sessions           signed-in sessions: the hash of the cookie's id, the user, created, last seen, revoked,
                   a notice for its next page
scenarios          one row per scenario: chamber, motions, sources...; ``revision`` counts writes
parties, members   the starting state, in file order
events             the append-only event log, in order (``seq``)
stances            the current whip count: one row per subject, with a ``version`` for optimistic locking
stance_history     every stance ever set, with who/when/from/to/why (rebuilds ``Scenario.stances``)
motion_stances     stances recorded on the dashboard for a further motion (after its file's ``stances:``)
audit              who changed what, when, from what to what, and why, for every write
=================  ==========================================================================
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from whipcount.model.ids import ID_MAX

INT_MAX = 2**31 - 1  # equivalent mutants "1 -> 2", "1 -> 0": no row id comes near it
"""The largest value of an INTEGER column, on SQLite as on PostgreSQL (where a larger one in a query is an
error, not a comparison)."""
NAME_MAX = 100
INT_MAX = 2**31 - 1
"""The largest number an ``Integer`` column holds (PostgreSQL's ``integer``): a stance's version, an audit
row's id, a request naming one is refused above it."""
"""The longest user name (:mod:`whipcount.storage.accounts` refuses longer ones)."""
SUBJECT_WIDTH = 200  # equivalent mutants "200 -> 199", "200 -> 201": wider than any subject or target
"""The width of a stance's subject and an audit row's target: the longest subject is 174 characters
(``party:`` an id ``@`` a side ``/office``, ids of :data:`ID_MAX`), the longest target ``user:`` and a name.
Ids are stored in columns of :data:`whipcount.model.ids.ID_MAX` characters, every id a reader accepts."""

NOTICE_WIDTH = 40  # equivalent mutants "40 -> 39", "40 -> 41": notices are named in under 20 characters
"""The width of a session's one-time notice (its name, such as ``password-changed``)."""

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("name", String(200), primary_key=True),  # equivalent mutants "200 -> 199", "200 -> 201": short names
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),  # equivalent mutants "100 -> 99", "100 -> 101": one key: "secret"
    Column("value", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(NAME_MAX), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # equivalent mutants "20 -> 19", "20 -> 21": roles: 6 long at most
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),  # equivalent mutant "64 -> 65": a SHA-256 in hex is 64 characters
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),  # equivalent mutants "64 -> 63", "64 -> 65": a token is 43 characters
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
    # a notice for the session's next page, shown once (whipcount.storage.sessions.Sessions.take_notice)
    Column("notice", String(NOTICE_WIDTH), nullable=True),
)
Index("ix_sessions_user", sessions.c.user_id)

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", String(ID_MAX), primary_key=True),
    Column("title", Text, nullable=False),
    Column("chamber", JSON, nullable=False),
    Column("data", JSON, nullable=False),
    Column("revision", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

parties = Table(
    "parties",
    metadata,
    Column("scenario_id", String(ID_MAX), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(ID_MAX), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("seats", Integer, nullable=False),
    Column("side", String(ID_MAX), nullable=False),
    Column("data", JSON, nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("scenario_id", String(ID_MAX), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(ID_MAX), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("party", String(ID_MAX), nullable=False),
    Column("data", JSON, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("scenario_id", String(ID_MAX), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("date", Date, nullable=False),
    Column("kind", String(40), nullable=False),  # equivalent mutants "40 -> 39", "40 -> 41": kinds: under 30 long
    Column("data", JSON, nullable=False),
    Column("created_by", String(NAME_MAX), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

stances = Table(
    "stances",
    metadata,
    Column("scenario_id", String(ID_MAX), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("subject", String(SUBJECT_WIDTH), primary_key=True),
    Column("stance", String(20), nullable=False),  # equivalent mutants "20 -> 19", "20 -> 21": stances: 9 long at most
    Column("version", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("seats", Integer, nullable=True),
    Column("data", JSON, nullable=False),
    Column("source", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("updated_by", String(NAME_MAX), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

stance_history = Table(
    "stance_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario_id", String(ID_MAX), ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False),
    Column("subject", String(SUBJECT_WIDTH), nullable=False),
    Column("version", Integer, nullable=False),
    Column("old_stance", String(20), nullable=True),  # equivalent mutants "20 -> 19", "20 -> 21": as above
    Column("new_stance", String(20), nullable=False),  # equivalent mutants "20 -> 19", "20 -> 21": as above
    Column("data", JSON, nullable=False),
    Column("changed_by", String(NAME_MAX), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("scenario_id", "subject", "version", name="uq_stance_history_version"),
)
Index("ix_stance_history_scenario", stance_history.c.scenario_id, stance_history.c.id)

MOTION_WRITE_WIDTH = 8
"""The width of ``motion_stances.kind`` (``cleared``, ``ended``)."""

motion_stances = Table(
    "motion_stances",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario_id", String(ID_MAX), ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False),
    Column("motion_id", String(ID_MAX), nullable=False),
    Column("subject", String(SUBJECT_WIDTH), nullable=False),
    Column("version", Integer, nullable=False),
    Column("data", JSON, nullable=False),
    Column("changed_by", String(NAME_MAX), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    # null: a stance; "cleared" or "ended": that stance taken back as wrong, or ended on its data's until
    Column("kind", String(MOTION_WRITE_WIDTH), nullable=True),
    UniqueConstraint("scenario_id", "motion_id", "subject", "version", name="uq_motion_stances_version"),
)
Index("ix_motion_stances_scenario", motion_stances.c.scenario_id, motion_stances.c.id)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(NAME_MAX), nullable=True),
    Column("scenario_id", String(ID_MAX), nullable=True),
    Column("action", String(40), nullable=False),  # equivalent mutants "40 -> 39", "40 -> 41": actions: under 20 long
    Column("target", String(SUBJECT_WIDTH), nullable=True),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("reason", Text, nullable=True),
)
Index("ix_audit_scenario", audit.c.scenario_id, audit.c.id)
# the audit trail's filters by who and when (whipcount.storage.audit_query), newest first within a user
AUDIT_INDEXES = (Index("ix_audit_user", audit.c.user, audit.c.id), Index("ix_audit_at", audit.c.at))
AUDIT_TARGET_INDEX = "ix_audit_target"
"""The index of the audit trail's filter by target (migration ``m004_audit_target_index``): its targets in the
order of their characters' code points (SQLite's own order; on PostgreSQL, the collation ``C``, whatever the
database's), which a subject's sides and parts, each a range of that order, read as a range of the index."""
