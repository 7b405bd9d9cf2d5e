"""The store: scenarios, the event log, the whip count and its history, and the audit trail in SQL
(the whip count and its snapshots: :mod:`whipcount.storage.whip`; transactions, revisions and the audit
trail: :mod:`whipcount.storage.store_core`; accounts and sessions: :mod:`whipcount.storage.accounts`,
:mod:`whipcount.storage.sessions`).

``Store("sqlite:///whipcount.db")`` (or a ``postgresql://`` URL) opens a database and migrates it.
Reading a scenario back gives a :class:`whipcount.model.Scenario`, so the analysis code works on it.

Every write is one transaction: a stance change updates the ``stances`` row, appends to
``stance_history`` and ``audit`` and bumps the scenario's ``revision`` together, or not at all.
Stance rows carry a ``version``; a write names the version it read, and a write against a newer
version raises :class:`~whipcount.errors.ConflictError` carrying the newer row.

The whip count as it stands is also kept in memory (:class:`Snapshot`, :meth:`Store.snapshot`): the
chamber is replayed once per event log, and each stance write is checked against, then applied to, the
snapshot the previous write left, so a write never reads the whole scenario back; an event appended is
checked against that snapshot's scenario with the event added (read once where the process holds none), and
leaves the next snapshot in memory.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Sequence
from dataclasses import replace as _replace
from typing import Any

from sqlalchemy import (
    Connection,
    func,
    insert,
    select,
)

from whipcount.errors import ConflictError, NotFound, StorageError, WhipcountError
from whipcount.io.limits import quoted
from whipcount.io.resolve import register_carried
from whipcount.model import (
    Chamber,
    Event,
    ForecastSettings,
    Member,
    Motion,
    Party,
    Scenario,
    Source,
    Stance,
)
from whipcount.storage import schema
from whipcount.storage.accounts import ROLES, User
from whipcount.storage.codec import decode, decode_as, encode
from whipcount.storage.engine import normalise_url
from whipcount.storage.event_checks import (
    CONFIRM_ASK,
    check_date,
    check_described,
    check_fits,
    check_not_logged,
    check_replays,
    check_revision,
)
from whipcount.storage.further import FurtherStore, with_written
from whipcount.storage.rows import AuditRow, HistoryRow, ScenarioInfo, StanceRow, Subject, _now, _utc
from whipcount.storage.scenario_rows import (
    check_event,
    check_storable,
    delete_scenario_rows,
    insert_scenario_rows,
    version_base,
)
from whipcount.storage.set_aside import LOAD_REASON, MIGRATE_ACTION, said
from whipcount.storage.snapshot import Snapshot, _Base, live_date
from whipcount.storage.store_core import MAX_NOTE, check_text
from whipcount.storage.timeline import in_force

__all__ = [
    "CONFIRM_ASK",
    "ROLES",
    "AuditRow",
    "HistoryRow",
    "ScenarioInfo",
    "Snapshot",
    "StanceRow",
    "Store",
    "Subject",
    "User",
    "live_date",
    "normalise_url",
]


class Store(FurtherStore):
    """A whipcount database: scenarios, their event logs, the whip count (:class:`WhipCountStore`; stances
    taken back: :class:`ClearingStore`; a further motion's: :class:`FurtherStore`), the audit trail, accounts
    and sessions. Thread-safe: each call takes its own connection from the pool."""

    # -- scenarios -------------------------------------------------------------------------------
    def scenarios(self) -> list[ScenarioInfo]:
        """Every stored scenario, by id."""
        t = schema.scenarios
        with self._read() as conn:
            rows = conn.execute(select(t.c.id, t.c.title, t.c.revision, t.c.updated_at).order_by(t.c.id)).all()
        return [ScenarioInfo(r.id, r.title, r.revision, _utc(r.updated_at)) for r in rows]

    def has_scenario(self, scenario_id: str) -> bool:
        """True if a scenario with this id is stored."""
        with self._read() as conn:
            return conn.execute(
                select(schema.scenarios.c.id).where(schema.scenarios.c.id == scenario_id)
            ).first() is not None

    def revisions(self) -> dict[str, int]:
        """Every scenario's revision, in one query (a watcher compares them to notice other processes' writes)."""
        t = schema.scenarios
        with self._read() as conn:
            return {r.id: int(r.revision) for r in conn.execute(select(t.c.id, t.c.revision))}

    def revision(self, scenario_id: str) -> int:
        """How many writes the scenario has seen (changes whenever anything in it changes)."""
        with self._read() as conn:
            rev = conn.execute(
                select(schema.scenarios.c.revision).where(schema.scenarios.c.id == scenario_id)
            ).scalar()
        if rev is None:
            raise NotFound(f"no scenario {quoted(scenario_id)} in the database")
        return int(rev)

    def save_scenario(self, scenario: Scenario, *, user: str | None = None, replace: bool = False,
                      reason: str | None = None, set_aside: dict[str, Any] | None = None,
                      loaded_from: str = "a file") -> None:
        """Store a whole scenario in one transaction (``replace`` drops a stored one with the same id).

        ``set_aside``: values that mean nothing taken out of the file ``loaded_from`` on reading it (by their
        place, :func:`whipcount.io.scenario.load_scenario_set_aside`), which the audit trail keeps in a row of
        its own, as a migration's, so that the dashboard says them too."""
        check_storable(scenario)
        sid = scenario.id
        now = _now()
        with self._write() as conn:
            # read under the row's lock (PostgreSQL: FOR UPDATE), so a write under way commits first and the
            # scenario loaded again gets a revision after the write's, never the same one
            exists = conn.execute(select(schema.scenarios.c.revision).where(schema.scenarios.c.id == sid)
                                  .with_for_update()).scalar()
            if exists is not None and not replace:
                raise ConflictError(f"scenario {sid!r} is already in the database "
                                    "(to overwrite it and its history: whipcount db load --replace)")
            revision = (int(exists) + 1) if exists is not None else 1
            before, base = None, 0
            if exists is not None:
                before = {"revision": int(exists), **self._kept(conn, sid)}
                base = version_base(conn, sid)
                delete_scenario_rows(conn, sid)
            insert_scenario_rows(conn, scenario, revision=revision, user=user, now=now, version_base=base)
            self._import_stances(conn, sid, scenario.stances, user=user, now=now, base=base)
            self._audit(conn, user=user, scenario_id=sid, action="scenario.replace" if exists else "scenario.load",
                        target=sid, before=before,
                        after={"title": scenario.title, "parties": len(scenario.parties),
                               "events": len(scenario.events), "stances": len(scenario.stances)},
                        reason=reason)
            if set_aside:
                self._audit(conn, user=user, scenario_id=sid, action=MIGRATE_ACTION, target=sid, before=set_aside,
                            reason=LOAD_REASON.format(file=loaded_from) + said(set_aside))
        self._forget(sid)
        self._notify(sid, revision)

    def _kept(self, conn: Connection, sid: str) -> dict[str, Any]:
        """The stored scenario ``sid`` about to be replaced, as the audit row of the replace keeps it: under
        ``scenario`` as a scenario file (JSON) holds it, every stance recorded on the dashboard included, as
        ``db dump`` writes it, so that it can be loaded again; a scenario that can no longer be read (the very
        reason to replace it, perhaps) is kept as why, under ``unreadable``."""
        from whipcount.io.writer import scenario_to_dict

        try:
            old = scenario_to_dict(self._scenario_in(conn, sid, history=True))
        except WhipcountError as exc:
            return {"unreadable": str(exc)}
        return {"scenario": json.loads(json.dumps(old, default=_iso))}

    def _import_stances(self, conn: Connection, sid: str, entries: Sequence[Stance], *, user: str | None,
                        now: dt.datetime, base: int = 0) -> None:
        """The file's stances as each subject's writes, versions counted on from ``base`` (what a replaced
        scenario had handed out)."""
        versions: dict[str, int] = {}
        last: dict[str, Stance] = {}
        history_rows = []
        # in the order the count reads them (by date; entries of one date as the file gives them): the history
        # is read as writes in order, where a write dated earlier than the subject's last replaces it (a
        # correction), which a file's entries listed out of date order are not
        for s in sorted(entries, key=lambda e: e.date):
            key = str(Subject.of(s))
            old = last.get(key)
            versions[key] = versions.get(key, base) + 1
            history_rows.append({
                "scenario_id": sid, "subject": key, "version": versions[key],
                "old_stance": old.stance if old else None, "new_stance": s.stance, "data": encode(s),
                "changed_by": user, "changed_at": now,
            })
            last[key] = s
        if history_rows:
            conn.execute(insert(schema.stance_history), history_rows)
        rows = [
            {"scenario_id": sid, "subject": key, "stance": s.stance, "version": versions[key], "date": s.date,
             "seats": s.seats, "data": encode(s), "source": s.sources[0].url if s.sources else None,
             "note": s.note, "updated_by": user, "updated_at": now}
            for key, s in last.items()
        ]
        if rows:
            conn.execute(insert(schema.stances), rows)

    def scenario(self, scenario_id: str, *, history: bool = True) -> Scenario:
        """The stored scenario as a model value. Its stances are the stance history as a timeline
        (:meth:`stance_timeline`; ``history=False``: the whip count as it stands, each subject's entry in force
        on the live dashboard's day: its current entry, or where that one has ended an earlier one still in
        force)."""
        with self._read() as conn:
            return self._scenario_in(conn, scenario_id, history=history)

    def _scenario_in(self, conn: Connection, scenario_id: str, *, history: bool) -> Scenario:
        row = conn.execute(select(schema.scenarios).where(schema.scenarios.c.id == scenario_id)).first()
        if row is None:
            raise NotFound(f"no scenario {quoted(scenario_id)} in the database")
        parties = conn.execute(
            select(schema.parties.c.data).where(schema.parties.c.scenario_id == scenario_id)
            .order_by(schema.parties.c.position)
        ).scalars().all()
        members = conn.execute(
            select(schema.members.c.data).where(schema.members.c.scenario_id == scenario_id)
            .order_by(schema.members.c.position)
        ).scalars().all()
        events = conn.execute(
            select(schema.events.c.data).where(schema.events.c.scenario_id == scenario_id)
            .order_by(schema.events.c.seq)
        ).scalars().all()
        stances = [encode(s) for s in self._timeline_in(conn, scenario_id)]
        try:
            scenario = with_written(conn, self._assemble(row, parties, members, events, stances))
            if not history:
                scenario = _replace(scenario, stances=tuple(in_force(scenario.stances,
                                                                     live_date(scenario, scenario.stances))))
        except (KeyError, TypeError, AttributeError) as exc:  # the row lacks a part, or has another shape
            words = (f"the stored scenario {scenario_id!r} cannot be read: {type(exc).__name__} {exc} (was the row "
                     "edited by hand, or written by another version of whipcount?)")
            raise StorageError(words, public=words) from None
        return register_carried(scenario)

    @staticmethod
    def _assemble(row: Any, parties: Sequence[Any], members: Sequence[Any], events: Sequence[Any],
                  stances: Sequence[Any]) -> Scenario:
        data = row.data
        return Scenario(
            id=row.id,
            title=row.title,
            chamber=decode_as(Chamber, row.chamber),
            parties=tuple(decode_as(Party, p) for p in parties),
            events=tuple(decode_as(Event, e) for e in events),
            members=tuple(decode_as(Member, m) for m in members),
            motions=decode(tuple[Motion, ...], data["motions"]),
            stances=tuple(decode_as(Stance, s) for s in stances),
            stance_probabilities=decode(tuple[tuple[str, float], ...], data["stance_probabilities"]),
            key_dates=decode(tuple[tuple[dt.date, str], ...], data["key_dates"]),
            sources=decode(tuple[Source, ...], data["sources"]),
            unverified=decode(tuple[str, ...], data["unverified"]),
            description=data["description"],
            extras=dict(data["extras"]),
            constitutions=decode(tuple[tuple[str, str], ...], data.get("constitutions", [])),
            # rows written before the forecast settings were stored have none: the defaults
            forecast=decode_as(ForecastSettings, data.get("forecast", encode(ForecastSettings()))),
        )

    # -- the event log ---------------------------------------------------------------------------
    def events(self, scenario_id: str) -> list[tuple[int, Event, str | None, dt.datetime]]:
        """The log in order: (seq, event, who added it, when)."""
        t = schema.events
        with self._read() as conn:
            rows = conn.execute(
                select(t.c.seq, t.c.data, t.c.created_by, t.c.created_at)
                .where(t.c.scenario_id == scenario_id).order_by(t.c.seq)
            ).all()
        return [(r.seq, decode_as(Event, r.data), r.created_by, _utc(r.created_at)) for r in rows]

    def append_event(self, scenario_id: str, ev: Event, *, user: str | None, reason: str | None = None,
                     confirm: bool = False, revision: int | None = None, repeat: bool = False) -> int:
        """Append one event to the log (only appended, never edited). Refused, with nothing written, if
        it is dated before the chamber's starting date or after tomorrow (UTC; an event is recorded once it has
        happened, confirmed or not), if the log can no longer replay with it, or if a
        recorded stance would no longer fit on some day from the event's date through the live dashboard's; an
        event dated before the log's last one (history corrected) or more than a year after it needs
        ``confirm``; so is one a scenario file could not hold (:func:`check_event`: a note past its cap...; a source
        describing an article otherwise than the scenario does, :func:`check_described`).
        :class:`ConflictError` when ``revision``, the scenario's revision the writer read, is given and the
        scenario has changed since, or when the log holds the same event (date, kind, subject, sources:
        :func:`~whipcount.storage.event_checks.event_key`) unless ``repeat`` says it is another of its own.
        Returns the event's sequence number."""
        reason = check_text("reason", reason, MAX_NOTE)
        check_event(ev)
        data = encode(ev)
        with self._write() as conn:
            rev = self._bump(conn, scenario_id)  # also locks the scenario row against concurrent appends
            check_revision(conn, scenario_id, revision, rev - 1)
            if not repeat:
                check_not_logged(conn, scenario_id, ev)
            # the scenario as the previous write left it: from memory when that write was ours, else read once;
            # checked as stored, then with the event appended as the log will read it back, before any write
            before = self._snapshot_in(conn, scenario_id, revision=rev - 1)
            stored = _replace(before.base.scenario, stances=tuple(s for _, s in before.timeline))
            check_described(stored, ev)
            check_date(stored, ev.date, confirm)
            scenario = _replace(stored, events=(*stored.events, decode_as(Event, data)))
            check_replays(scenario)
            self._check_fits(scenario, since=ev.date)
            seq = int(conn.execute(
                select(func.coalesce(func.max(schema.events.c.seq), 0))
                .where(schema.events.c.scenario_id == scenario_id)
            ).scalar_one()) + 1
            conn.execute(insert(schema.events).values(
                scenario_id=scenario_id, seq=seq, date=ev.date, kind=ev.kind, data=data,
                created_by=user, created_at=_now(),
            ))
            self._audit(conn, user=user, scenario_id=scenario_id, action="event.append", target=f"event:{seq}",
                        after=data, reason=reason)
            created, _, further = before.base.key  # the key a read of the new log finds (_head)
            after = Snapshot.of(rev, _Base(_replace(scenario, stances=()), (created, seq, further)), before.rows,
                                before.timeline)
        self._settled(scenario_id, rev, after)
        return seq

    def _check_fits(self, scenario: Scenario, *, since: dt.date) -> None:
        """:func:`~whipcount.storage.event_checks.check_fits` (a method, so that a test can write as another
        version of whipcount did, without it)."""
        check_fits(scenario, since=since)

    # -- users (whipcount.storage.accounts) and sessions (whipcount.storage.sessions) --------------------
    def add_user(self, name: str, role: str, password: str, *, by: str | None = None,
                 reason: str | None = None) -> User:
        """Create an account (:meth:`Accounts.add`)."""
        return self.accounts.add(name, role, password, by=by, reason=reason)

    def authenticate(self, name: str, password: str) -> User | None:
        """The user if the password matches, else None (:meth:`Accounts.authenticate`)."""
        return self.accounts.authenticate(name, password)

    def user_count(self) -> int:
        """How many accounts exist (the first run has none)."""
        return self.accounts.count()

    def user(self, name: str) -> User | None:
        """The account with this name, or None."""
        return self.accounts.get(name)

    # -- settings --------------------------------------------------------------------------------
    def secret(self) -> str:
        """The session-signing secret stored in the database, created on first use."""
        t = schema.settings
        with self._lock:
            read = select(t.c.value).where(t.c.key == "secret")
            with self._read() as conn:
                value = conn.execute(read).scalar()
            if value is None:
                value = secrets.token_urlsafe(48)
                try:
                    with self._write() as conn:
                        conn.execute(insert(t).values(key="secret", value=value))
                except ConflictError:  # another process created it first
                    with self._read() as conn:
                        value = conn.execute(read).scalar_one()
        return str(value)


def _iso(value: Any) -> str:
    """A day of a scenario file, as JSON writes it (``2022-04-10``)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"a scenario file holds no {type(value).__name__}")
