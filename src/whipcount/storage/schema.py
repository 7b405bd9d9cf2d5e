"""The tables (SQLAlchemy Core). Key fields are columns; the rest of a model value is a JSON ``data`` column.

=================  ==========================================================================
table              holds
=================  ==========================================================================
schema_version     one row per applied migration
settings           key/value pairs (the session secret when none is given)
users              accounts: name, role, argon2 hash
sessions           signed-in sessions: the hash of the cookie's id, the user, created, last seen, revoked
scenarios          one row per scenario: chamber, motions, sources...; ``revision`` counts writes
parties, members   the starting state, in file order
events             the append-only event log, in order (``seq``)
stances            the current whip count: one row per subject, with a ``version`` for optimistic locking
stance_history     every stance ever set, with who/when/from/to/why (rebuilds ``Scenario.stances``)
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

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

settings = Table(
    "settings",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)
Index("ix_sessions_user", sessions.c.user_id)

scenarios = Table(
    "scenarios",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("title", Text, nullable=False),
    Column("chamber", JSON, nullable=False),
    Column("data", JSON, nullable=False),
    Column("revision", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

parties = Table(
    "parties",
    metadata,
    Column("scenario_id", String(80), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(80), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("seats", Integer, nullable=False),
    Column("side", String(80), nullable=False),
    Column("data", JSON, nullable=False),
)

members = Table(
    "members",
    metadata,
    Column("scenario_id", String(80), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("id", String(80), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("party", String(80), nullable=False),
    Column("data", JSON, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("scenario_id", String(80), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("date", Date, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_by", String(100), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

stances = Table(
    "stances",
    metadata,
    Column("scenario_id", String(80), ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    Column("subject", String(200), primary_key=True),
    Column("stance", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("seats", Integer, nullable=True),
    Column("data", JSON, nullable=False),
    Column("source", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("updated_by", String(100), nullable=True),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

stance_history = Table(
    "stance_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario_id", String(80), ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False),
    Column("subject", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("old_stance", String(20), nullable=True),
    Column("new_stance", String(20), nullable=False),
    Column("data", JSON, nullable=False),
    Column("changed_by", String(100), nullable=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("scenario_id", "subject", "version", name="uq_stance_history_version"),
)
Index("ix_stance_history_scenario", stance_history.c.scenario_id, stance_history.c.id)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user", String(100), nullable=True),
    Column("scenario_id", String(80), nullable=True),
    Column("action", String(40), nullable=False),
    Column("target", String(200), nullable=True),
    Column("before", JSON, nullable=True),
    Column("after", JSON, nullable=True),
    Column("reason", Text, nullable=True),
)
Index("ix_audit_scenario", audit.c.scenario_id, audit.c.id)
