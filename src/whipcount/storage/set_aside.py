"""Values that mean nothing, set aside from what an earlier version stored: the readers now refuse them in a
file, so a stored scenario holding them is rewritten without them once, when the database is migrated
(:func:`set_aside_rows`), each rewrite recorded in the audit trail with what was set aside.

* a constitution the scenario carries: ``seats: []``; ``fraction``, ``strict`` or ``negative`` on a
  ``plurality`` basis; ``strict`` on a quorum given as a ``count``; a ``window`` with neither ``min_days`` nor
  ``max_days``; ``tie_convention``, ``tie_note`` or ``tie_source`` without ``tie: casting-vote``;
* a member's stance: ``seats`` and ``side`` (one member holds one seat, on the side of their party).

Each was read and ignored by the version that stored it, so the rules and the whip count are the same
after as before: nothing that counted is lost, and the audit row keeps the values themselves.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml
from sqlalchemy import Connection, insert, select, update

from whipcount.storage import schema

__all__ = ["MIGRATE_ACTION", "REASON", "constitution_set_aside", "member_stance_set_aside", "said", "set_aside_rows"]

MIGRATE_ACTION = "scenario.migrate"
"""The audit trail's action for a stored scenario rewritten by a migration."""

REASON = "set aside on migrating the database, as meaning nothing (a file may no longer hold them): "
"""How the audit row of a rewrite, and the dashboard's note, begin; the values follow."""

_TIE_WORDS = ("tie_convention", "tie_note", "tie_source")


def _pop(data: dict[str, Any], key: str, path: str, out: dict[str, Any]) -> None:
    if key in data:
        out[f"{path}{key}"] = data.pop(key)


def _threshold(t: Any, path: str, out: dict[str, Any]) -> None:
    if not isinstance(t, dict):
        return
    if t.get("basis") == "plurality":
        for key in ("fraction", "strict", "negative"):
            _pop(t, key, path, out)
    if t.get("tie", "fails") != "casting-vote":
        for key in _TIE_WORDS:
            _pop(t, key, path, out)
    q = t.get("quorum")
    if isinstance(q, dict) and q.get("count") is not None:
        _pop(q, "strict", f"{path}quorum.", out)


def constitution_set_aside(data: Any) -> dict[str, Any]:
    """Take out of a constitution's mapping ``data`` (in place) each value that means nothing; return them by
    their place (``motions[0].threshold.fraction``)."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    if data.get("seats") == []:
        _pop(data, "seats", "", out)
    motions = data.get("motions")
    for i, m in enumerate(motions if isinstance(motions, list) else []):
        if not isinstance(m, dict):
            continue
        _threshold(m.get("threshold"), f"motions[{i}].threshold.", out)
        runoff = m.get("runoff")
        if isinstance(runoff, dict):
            _threshold(runoff.get("threshold"), f"motions[{i}].runoff.threshold.", out)
        w = m.get("window")
        if isinstance(w, dict) and w.get("min_days") is None and w.get("max_days") is None:
            _pop(m, "window", f"motions[{i}].", out)
    return out


def member_stance_set_aside(data: Any) -> dict[str, Any]:
    """Take ``seats`` and ``side`` out of a member's stance (its mapping ``data``, in place); return them."""
    out: dict[str, Any] = {}
    if isinstance(data, dict) and data.get("member") is not None:
        for key in ("seats", "side"):
            if data.get(key) is not None:
                out[key] = data[key]
            if key in data:
                data[key] = None
    return out


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
    scenario rewritten (:data:`MIGRATE_ACTION`, ``before``: the values set aside by their place). Returns
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
            at=now, user=None, scenario_id=sid, action=MIGRATE_ACTION, target=sid, before=took, after=None,
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


SAID_MOST = 20
"""The most values a warning and an audit row's reason name one by one; the row's ``before`` keeps them all."""


def said(took: dict[str, Any]) -> str:
    """The values set aside, in words: ``seats: [], motions[0].window: {...}`` (the first :data:`SAID_MOST`)."""
    words = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in list(took.items())[:SAID_MOST])
    more = len(took) - SAID_MOST
    return words + (f" and {more:,} more (the audit row keeps each under before)" if more > 0 else "")


def _copy(data: Any) -> Any:
    """A deep copy of a JSON value (a row's ``data``), which may then be changed."""
    import copy

    return copy.deepcopy(data)
