"""A write the database refuses by a constraint (``IntegrityError``), in the app's words: the field as the API,
the forms and the files name it and what happened, never a table, a column, a constraint or the database's own
message (those are kept on the error, :attr:`~whipcount.errors.ConflictError.said`, for the server's log).

The constraints are found by the tables and columns SQLite names (``UNIQUE constraint failed: users.name``), or
by the table and constraint PostgreSQL reports (``users_name_key``)."""

from __future__ import annotations

import re

from sqlalchemy.exc import IntegrityError

from whipcount.errors import ConflictError

__all__ = ["clash"]

AGAIN = "nothing was written: read it again and send your change again if it still applies"

_KNOWN: dict[tuple[str, str], tuple[str, str]] = {
    # (table, SQLite's columns or PostgreSQL's constraint) -> (field, what happened)
    ("users", "name"): ("name", "an account of that name was added at the same moment"),
    ("users", "users_name_key"): ("name", "an account of that name was added at the same moment"),
    ("scenarios", "id"): ("id", "a scenario of that id was loaded at the same moment"),
    ("scenarios", "scenarios_pkey"): ("id", "a scenario of that id was loaded at the same moment"),
    ("parties", "scenario_id,id"): ("id", "the scenario was loaded at the same moment"),
    ("parties", "parties_pkey"): ("id", "the scenario was loaded at the same moment"),
    ("members", "scenario_id,id"): ("id", "the scenario was loaded at the same moment"),
    ("members", "members_pkey"): ("id", "the scenario was loaded at the same moment"),
    ("events", "scenario_id,seq"): ("revision", "another event was appended to the log at the same moment"),
    ("events", "events_pkey"): ("revision", "another event was appended to the log at the same moment"),
    ("stances", "scenario_id,subject"): ("subject", "a stance on this subject was recorded at the same moment"),
    ("stances", "stances_pkey"): ("subject", "a stance on this subject was recorded at the same moment"),
    ("stance_history", "scenario_id,subject,version"): ("version", "the stance was changed at the same moment"),
    ("stance_history", "uq_stance_history_version"): ("version", "the stance was changed at the same moment"),
    ("motion_stances", "scenario_id,motion_id,subject,version"): ("version", "the motion's stance was changed at "
                                                                             "the same moment"),
    ("motion_stances", "uq_motion_stances_version"): ("version", "the motion's stance was changed at the same moment"),
    ("settings", "key"): ("secret", "the server's secret was stored at the same moment"),
    ("settings", "settings_pkey"): ("secret", "the server's secret was stored at the same moment"),
    ("sessions", "id_hash"): ("session", "a session was started at the same moment: sign in again"),
    ("sessions", "sessions_pkey"): ("session", "a session was started at the same moment: sign in again"),
}
_THING = {"users": "account", "sessions": "session", "scenarios": "scenario", "parties": "scenario",
          "members": "scenario", "events": "event", "stances": "stance", "stance_history": "stance",
          "motion_stances": "stance", "settings": "setting", "audit": "audit trail"}
_SQLITE = re.compile(r"^(UNIQUE|NOT NULL|CHECK) constraint failed: (.*)$")
_OURS = "the audit trail is append-only"  # a trigger's words of our own (migration m008_audit_append_only)


def _said(exc: IntegrityError) -> str:
    orig = getattr(exc, "orig", None)
    return " ".join(str(orig if orig is not None else exc).split())[:500]


def _where(exc: IntegrityError, said: str) -> tuple[str, str, str]:
    """The kind of constraint (``unique``, ``foreign``, ``missing``, ``other``), the table and what of it
    (SQLite: the columns joined by commas; PostgreSQL: the constraint's name)."""
    diag = getattr(getattr(exc, "orig", None), "diag", None)
    if diag is not None:  # psycopg: SQLSTATE 23505 unique, 23503 foreign key, 23502 not null, 23514 check
        state = getattr(getattr(exc, "orig", None), "sqlstate", "") or ""
        kind = {"23505": "unique", "23503": "foreign", "23502": "missing"}.get(state, "other")
        return kind, diag.table_name or "", diag.constraint_name or diag.column_name or ""
    if said.startswith("FOREIGN KEY constraint failed"):
        return "foreign", "", ""
    m = _SQLITE.match(said)
    if m is None:
        return "other", "", ""
    columns = [c.strip().split(".") for c in m.group(2).split(",")]
    table = columns[0][0] if len(columns[0]) == 2 else ""
    kind = {"UNIQUE": "unique", "NOT NULL": "missing"}.get(m.group(1), "other")
    return kind, table, ",".join(c[-1] for c in columns)


def clash(exc: IntegrityError) -> ConflictError:
    """``exc`` as a :class:`ConflictError` in the app's words (the database's kept as ``said``)."""
    said = _said(exc)
    if said.startswith(_OURS):  # already the app's words
        return _error(said.split(" (", 1)[0], said)
    kind, table, what = _where(exc, said)
    if (table, what) in _KNOWN:
        field, happened = _KNOWN[(table, what)]
        return _error(f"{field}: {happened}; {AGAIN}", said)
    thing = _THING.get(table, "change")
    if kind == "foreign":
        words = "what it belongs to (a scenario, an account) was removed at the same moment"
        return _error(f"{thing if thing != 'change' else 'scenario'}: {words}; {AGAIN}", said)
    if kind == "missing":
        return _error(f"{thing}: a value the database requires is missing; nothing was written (the server's log "
                      "says which)", said)
    return _error(f"{thing}: the {thing} clashes with one stored at the same moment, or with a rule the database "
                  f"holds of its own; {AGAIN} (the server's log says which rule)", said)


def _error(message: str, said: str) -> ConflictError:
    return ConflictError(message, said=said)
