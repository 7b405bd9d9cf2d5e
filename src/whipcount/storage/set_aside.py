"""Values that mean nothing, set aside from what an earlier version stored: the readers now refuse them in a
file, so a stored scenario holding them is rewritten without them once, when the database is migrated
(:func:`set_aside_rows`), each rewrite recorded in the audit trail with what was set aside.

* a constitution the scenario carries: ``seats: []``; ``fraction``, ``strict`` or ``negative`` on a
  ``plurality`` basis; ``strict`` on a quorum given as a ``count``; a ``window`` with neither ``min_days`` nor
  ``max_days``; ``tie_convention``, ``tie_note`` or ``tie_source`` without ``tie: casting-vote``;
* a member's stance: ``seats`` and ``side`` (one member holds one seat, on the side of their party).

Each was read and ignored by the version that stored it, so the rules and the whip count are the same
after as before: nothing that counted is lost, and the audit row keeps the values themselves. A scenario
file that version dumped holds them too: ``db load`` sets them aside the same way
(:func:`whipcount.io.scenario.load_scenario_set_aside`), with an audit row that begins :data:`LOAD_REASON`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml
from sqlalchemy import Connection, insert, select, update

from whipcount.io.idle_values import SAID_MOST, constitution_set_aside, member_stance_set_aside, said
from whipcount.storage import schema
from whipcount.storage.system_account import system_account

__all__ = ["LOAD_REASON", "MIGRATE_ACTION", "REASON", "SAID_MOST", "constitution_set_aside", "member_stance_set_aside",
           "said", "set_aside_rows"]

MIGRATE_ACTION = "scenario.migrate"
"""The audit trail's action for a stored scenario rewritten by a migration."""

REASON = "set aside on migrating the database, as meaning nothing (a file may no longer hold them): "
"""How the audit row of a rewrite, and the dashboard's note, begin; the values follow."""

LOAD_REASON = ("set aside on loading {file}, as meaning nothing (an earlier version wrote them; a file may no longer "
               "hold them): ")
"""How the audit row of a scenario file loaded with such values (a backup an earlier version dumped), and the
dashboard's note, begin; the values follow."""


def _scenario_data(data: Any) -> dict[str, Any]:
    """Set aside (in place) what the scenario row's ``data`` holds: its carried constitutions' text and its
    further motions' member stances."""
    out: dict[str, Any] = {}
    carried = data.get("constitutions") if isinstance(data, dict) else None
    for i, pair in enumerate(carried if isinstance(carried, list) else []):
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str)):
            continue
        try:
            c = yaml.safe_load(pair[1])
        except yaml.YAMLError:
            continue  # not ours to mend: its load says what is wrong with it
        took = constitution_set_aside(c)
        if took:
            pair[1] = yaml.safe_dump(c, sort_keys=False, allow_unicode=True)
            out.update({f"constitutions[{i}] ({pair[0]}).{k}": v for k, v in took.items()})
    motions = data.get("motions") if isinstance(data, dict) else None
    for i, m in enumerate(motions if isinstance(motions, list) else []):
        stances = m.get("stances") if isinstance(m, dict) else None
        for j, s in enumerate(stances if isinstance(stances, list) else []):
            out.update({f"motions[{i}].stances[{j}] (member:{s['member']}).{k}": v
                        for k, v in member_stance_set_aside(s).items()})
    return out


def set_aside_rows(conn: Connection) -> dict[str, dict[str, Any]]:
    """Rewrite every stored row holding a value that means nothing without it, and record one audit row per
    scenario rewritten (:data:`MIGRATE_ACTION`, ``before``: the values set aside by their place; under the system
    account of the process that migrated the database, as a command's writes are). Returns
    them by scenario."""
    found: dict[str, dict[str, Any]] = {}
    for row in conn.execute(select(schema.scenarios.c.id, schema.scenarios.c.data)).all():
        data = _copy(row.data)
        took = _scenario_data(data)
        if took:
            conn.execute(update(schema.scenarios).where(schema.scenarios.c.id == row.id).values(data=data))
            found.setdefault(row.id, {}).update(took)
    for table, key in ((schema.stance_history, schema.stance_history.c.id), (schema.stances, None),
                       (schema.motion_stances, schema.motion_stances.c.id)):
        _stance_rows(conn, table, key, found)
    now = dt.datetime.now(dt.UTC)
    for sid, took in found.items():
        conn.execute(insert(schema.audit).values(
            at=now, user=system_account(), scenario_id=sid, action=MIGRATE_ACTION, target=sid, before=took, after=None,
            reason=REASON + said(took)))
    return found


def _stance_rows(conn: Connection, table: Any, key: Any, found: dict[str, dict[str, Any]]) -> None:
    """Set aside a member's seats and side in each row of a stance table (the current stances' ``seats``
    column too)."""
    cols = [table.c.scenario_id, table.c.subject, table.c.data] + ([key] if key is not None else [])
    for row in conn.execute(select(*cols).where(table.c.subject.like("member:%"))).all():
        data = _copy(row.data)
        took = member_stance_set_aside(data)
        if not took:
            continue
        where = (key == row[3]) if key is not None else (
            (table.c.scenario_id == row.scenario_id) & (table.c.subject == row.subject))
        values: dict[str, Any] = {"data": data}
        if table is schema.stances:
            values["seats"] = None
        conn.execute(update(table).where(where).values(**values))
        where_said = "motion stances" if table is schema.motion_stances else "stances"
        found.setdefault(row.scenario_id, {}).update(
            {f"{where_said} ({row.subject}).{k}": v for k, v in took.items()})


def _copy(data: Any) -> Any:
    """A deep copy of a JSON value (a row's ``data``), which may then be changed."""
    import copy

    return copy.deepcopy(data)
