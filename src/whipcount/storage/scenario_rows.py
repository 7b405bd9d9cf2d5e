"""A scenario's rows: the checks a scenario passes before any is written (:func:`check_storable`; an
event appended to its log, :func:`check_event`), and its
row, parties, members and event log written (:func:`insert_scenario_rows`) or removed with its whip count
(:func:`delete_scenario_rows`), inside the caller's transaction. The stances and the audit trail are the
store's (:meth:`whipcount.storage.Store.save_scenario`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, insert, select

from whipcount.errors import InputError
from whipcount.io.limits import quoted
from whipcount.model import Event, Motion, Scenario
from whipcount.model.ids import ID_WORDS, id_like, is_id
from whipcount.storage import schema
from whipcount.storage.codec import decode, encode
from whipcount.storage.fit import scenario_problem

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["VERSION_BASE", "check_event", "check_storable", "delete_scenario_rows", "insert_scenario_rows",
           "stored_version_base", "version_base"]

VERSION_BASE = "version_base"
"""The key of the scenario row's ``data`` under which a scenario loaded in place of another keeps the stance
versions that one handed out (:func:`version_base`)."""


def check_storable(scenario: Scenario) -> None:
    """Refuse, before anything is written, a scenario a file could not hold (its fields, caps and text, as
    :func:`check_event` holds an event), whose log cannot replay, whose current stances the dashboard could
    not count, or whose id is not one."""
    sid = scenario.id
    if not is_id(sid):
        like = id_like(sid)
        example = f", for example `id: {like}`" if like else ""
        raise InputError(f"scenario id: expected {ID_WORDS}, got {quoted(sid)} (a scenario file that gives no `id:` "
                         f"is known by its file's name: give it one at the top of the file{example})")
    from whipcount.io.scenario_schema import ScenarioFile
    from whipcount.io.writer import scenario_to_dict

    _as_a_file_holds(ScenarioFile, scenario_to_dict(scenario), f"scenario {sid}: ", ())
    scenario.state()  # a scenario whose log cannot replay is refused before anything is written
    _check_rolls(scenario)
    problem = scenario_problem(scenario)  # nor one whose current stances the dashboard could not count
    if problem is not None:
        raise InputError(f"stances: {problem}; nothing was written")


def _check_rolls(scenario: Scenario) -> None:
    """Refuse a scenario whose recorded division's roll a file could not hold (more members named one way than counted,
    or more whom no count given holds than sat less those counted), or whose election's yes is not the votes of the
    motion's candidate (as declared, or as a decision restates it), or one of whose decisions excludes votes the yes it
    found does not hold, as a scenario file holding it is refused. One stored before this check is still read, and a
    roll at odds judged on its counts with a note saying so (:func:`whipcount.rules.recorded.roll_notes`): nothing
    already stored is lost."""
    from whipcount.io.scenario_divisions import roll_problem, scenario_yes_problem
    from whipcount.io.yamlbuild import format_loc

    found = roll_problem(scenario) or scenario_yes_problem(scenario)
    if found is not None:
        raise InputError(f"scenario {scenario.id}: {format_loc(found[0])}: {found[1]}; nothing was written")


def check_event(ev: Event) -> None:
    """Refuse an event a scenario file could not hold: the same fields, caps and text as an entry of
    ``events:`` (a note of at most 2,000 characters, no control characters, at most 20,000 members...), so an
    event appended from Python is held to what one from the dashboard or a file is. The first problem is
    named by its field."""
    from whipcount.io.scenario_schema import EventIn
    from whipcount.io.writer import event_to_dict

    _as_a_file_holds(EventIn, event_to_dict(ev), "", ("event",))


def _as_a_file_holds(model: type[BaseModel], data: dict[str, Any], prefix: str, root: tuple[str, ...]) -> None:
    """``data`` (what the writer would put in a scenario file) validated by the file's ``model``; the first
    problem is an InputError naming its place (``root`` and the field's path), nothing written."""
    from pydantic import ValidationError

    from whipcount.io.scenario import first_problem
    from whipcount.io.yamlbuild import format_loc

    try:
        model.model_validate(data)
    except ValidationError as exc:
        loc, problem = first_problem(exc)
        raise InputError(f"{prefix}{format_loc((*root, *loc))}: {problem}; nothing was written") from None


def delete_scenario_rows(conn: Connection, sid: str) -> None:
    """Remove the scenario ``sid`` with its stances and their history (a further motion's too), its log,
    members and parties."""
    for t in (schema.motion_stances, schema.stance_history, schema.stances, schema.events, schema.members,
              schema.parties):
        conn.execute(delete(t).where(t.c.scenario_id == sid))
    conn.execute(delete(schema.scenarios).where(schema.scenarios.c.id == sid))


def stored_version_base(conn: Connection, sid: str) -> int:
    """The versions the scenario ``sid`` replaced had handed out (0: it replaced none): its stances' versions,
    on every motion, count on from there."""
    data = conn.execute(select(schema.scenarios.c.data).where(schema.scenarios.c.id == sid)).scalar()
    return int(data.get(VERSION_BASE, 0)) if isinstance(data, dict) else 0


def version_base(conn: Connection, sid: str) -> int:
    """A number no smaller than any stance version the stored scenario ``sid`` has handed out, on any of its
    motions. The scenario loaded in its place counts its versions on from it, so that a version an editor read
    before the replace is never one of the new scenario's: a write from it is a conflict (409), never taken over
    a stance the editor did not see."""
    main = max(int(conn.execute(select(func.coalesce(func.max(t.c.version), 0)).where(t.c.scenario_id == sid))
                   .scalar_one()) for t in (schema.stances, schema.stance_history))
    data = conn.execute(select(schema.scenarios.c.data).where(schema.scenarios.c.id == sid)).scalar()
    if not isinstance(data, dict):
        return main
    t = schema.motion_stances
    written = int(conn.execute(select(func.count()).select_from(t).where(t.c.scenario_id == sid)).scalar_one())
    files = sum(len(m.stances) for m in decode(tuple[Motion, ...], data.get("motions", []))[1:])
    # a further motion's version is the base and the writes of a subject's line: at most all of them
    return max(main, int(data.get(VERSION_BASE, 0)) + files + written)


def insert_scenario_rows(conn: Connection, scenario: Scenario, *, revision: int, user: str | None,
                         now: dt.datetime, version_base: int = 0) -> None:
    """Write the scenario's row at ``revision``, then its parties and members in file order and its event
    log in order (``seq`` from 1), each event credited to ``user``. ``version_base``: the stance versions
    the scenario it replaces handed out (see :func:`version_base`)."""
    sid = scenario.id
    data = {
        **({VERSION_BASE: version_base} if version_base else {}),
        "description": scenario.description,
        "motions": encode(scenario.motions),
        "stance_probabilities": encode(scenario.stance_probabilities),
        "key_dates": encode(scenario.key_dates),
        "sources": encode(scenario.sources),
        "unverified": encode(scenario.unverified),
        "extras": encode(scenario.extras),
        "constitutions": encode(scenario.constitutions),
        "forecast": encode(scenario.forecast),
    }
    conn.execute(insert(schema.scenarios).values(
        id=sid, title=scenario.title, chamber=encode(scenario.chamber), data=data, revision=revision,
        created_at=now, updated_at=now,
    ))
    if scenario.parties:
        conn.execute(insert(schema.parties), [
            {"scenario_id": sid, "id": p.id, "position": i, "name": p.name, "seats": p.seats,
             "side": p.side, "data": encode(p)}
            for i, p in enumerate(scenario.parties)
        ])
    if scenario.members:
        conn.execute(insert(schema.members), [
            {"scenario_id": sid, "id": m.id, "position": i, "name": m.name, "party": m.party,
             "data": encode(m)}
            for i, m in enumerate(scenario.members)
        ])
    if scenario.events:
        conn.execute(insert(schema.events), [
            {"scenario_id": sid, "seq": i + 1, "date": e.date, "kind": e.kind, "data": encode(e),
             "created_by": user, "created_at": now}
            for i, e in enumerate(scenario.events)
        ])
