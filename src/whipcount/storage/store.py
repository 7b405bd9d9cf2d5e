"""The store: scenarios, the event log, the whip count and its history, and the audit trail in SQL
(accounts and sessions: :mod:`whipcount.storage.accounts`, :mod:`whipcount.storage.sessions`).

``Store("sqlite:///whipcount.db")`` (or a ``postgresql://`` URL) opens a database and migrates it.
Reading a scenario back gives a :class:`whipcount.model.Scenario`, so the analysis code works on it.

Every write is one transaction: a stance change updates the ``stances`` row, appends to
``stance_history`` and ``audit`` and bumps the scenario's ``revision`` together, or not at all.
Stance rows carry a ``version``; a write names the version it read, and a write against a newer
version raises :class:`~whipcount.errors.ConflictError` carrying the newer row.

The whip count as it stands is also kept in memory (:class:`Snapshot`, :meth:`Store.snapshot`): the
chamber is replayed once per event log, and each stance write is checked against, then applied to, the
snapshot the previous write left, so a write never reads the whole scenario back.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Connection,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from whipcount.errors import ConflictError, InputError, ModelError, NotFound, StorageError
from whipcount.io.resolve import register_carried
from whipcount.model import (
    STANCES,
    Chamber,
    Event,
    Member,
    Motion,
    Party,
    Scenario,
    Source,
    Stance,
)
from whipcount.storage import schema
from whipcount.storage.accounts import ROLES, Accounts, User
from whipcount.storage.codec import decode, decode_as, encode
from whipcount.storage.engine import make_engine, normalise_url
from whipcount.storage.engine import reason as _reason
from whipcount.storage.engine import safe_url as _safe_url
from whipcount.storage.migrations import migrations
from whipcount.storage.rows import AuditRow, HistoryRow, ScenarioInfo, StanceRow, Subject, _now, _utc
from whipcount.storage.sessions import Sessions
from whipcount.storage.snapshot import Snapshot, _Base, default_stance_date, live_date

__all__ = [
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

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
MAX_NOTE = 2000
MAX_URL = 1000


def _check_text(field: str, value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > limit:
        raise InputError(f"{field}: expected at most {limit} characters, got {len(value)}")
    if any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        raise InputError(f"{field}: control characters are not allowed")
    return value


def check_source(url: str | None) -> str | None:
    """A source URL (http or https only, so no ``javascript:`` link is ever stored), or None."""
    url = _check_text("source", url, MAX_URL)
    if url is not None and not _URL.match(url):
        raise InputError(f"source: expected an http:// or https:// URL, got {url!r}")
    return url


class Store:
    """A whipcount database. Thread-safe: each call takes its own connection from the pool."""

    def __init__(self, url: str, *, migrate: bool = True) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._listeners: list[Callable[[str, int], None]] = []
        self._lock = threading.Lock()
        self._snapshots: dict[str, Snapshot] = {}
        self._snap_lock = threading.Lock()
        self.accounts = Accounts(self._read, self._write, self._audit)
        self.sessions = Sessions(self._read, self._write)
        if migrate:
            try:
                migrations.apply(self.engine)
            except SQLAlchemyError as exc:
                raise StorageError(
                    f"{_safe_url(self.url)}: cannot open or migrate the database: {_reason(exc)}"
                ) from None

    # -- plumbing --------------------------------------------------------------------------------
    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def subscribe(self, listener: Callable[[str, int], None]) -> None:
        """Call ``listener(scenario_id, revision)`` after every committed write to a scenario."""
        self._listeners.append(listener)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise StorageError(f"{_safe_url(self.url)}: the database refused a read: {_reason(exc)}") from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (SQLite: BEGIN IMMEDIATE, so concurrent writers queue, never deadlock)."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(whipcount_write=True)
                with conn.begin():
                    yield conn
        except IntegrityError as exc:
            raise ConflictError(f"the change clashes with one made at the same time: {_reason(exc)}") from None
        except OperationalError as exc:
            raise StorageError(
                f"{_safe_url(self.url)}: the database refused the write; nothing was written: {_reason(exc)}"
            ) from None

    def _bump(self, conn: Connection, scenario_id: str) -> int:
        t = schema.scenarios
        res = conn.execute(
            update(t).where(t.c.id == scenario_id).values(revision=t.c.revision + 1, updated_at=_now())
        )
        if res.rowcount != 1:
            raise NotFound(f"no scenario {scenario_id!r} in the database")
        rev = conn.execute(select(t.c.revision).where(t.c.id == scenario_id)).scalar_one()
        return int(rev)

    def _audit(self, conn: Connection, *, user: str | None, scenario_id: str | None, action: str,
               target: str | None = None, before: Any = None, after: Any = None, reason: str | None = None) -> None:
        conn.execute(insert(schema.audit).values(
            at=_now(), user=user, scenario_id=scenario_id, action=action, target=target,
            before=before, after=after, reason=reason,
        ))

    def _notify(self, scenario_id: str, revision: int) -> None:
        for listener in list(self._listeners):
            listener(scenario_id, revision)

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
            raise NotFound(f"no scenario {scenario_id!r} in the database")
        return int(rev)

    def save_scenario(self, scenario: Scenario, *, user: str | None = None, replace: bool = False,
                      reason: str | None = None) -> None:
        """Store a whole scenario in one transaction (``replace`` drops a stored one with the same id)."""
        scenario.state()  # a scenario whose log cannot replay is refused before anything is written
        sid = scenario.id
        if not _ID.match(sid):
            raise InputError(f"scenario id: expected lower-case letters, digits, '.', '_' or '-', got {sid!r}")
        now = _now()
        with self._write() as conn:
            exists = conn.execute(select(schema.scenarios.c.revision).where(schema.scenarios.c.id == sid)).scalar()
            if exists is not None and not replace:
                raise ConflictError(f"scenario {sid!r} is already in the database "
                                    "(to overwrite it and its history: whipcount db load --replace)")
            revision = (int(exists) + 1) if exists is not None else 1
            if exists is not None:
                for t in (schema.stance_history, schema.stances, schema.events, schema.members, schema.parties):
                    conn.execute(delete(t).where(t.c.scenario_id == sid))
                conn.execute(delete(schema.scenarios).where(schema.scenarios.c.id == sid))
            data = {
                "description": scenario.description,
                "motions": encode(scenario.motions),
                "stance_probabilities": encode(scenario.stance_probabilities),
                "key_dates": encode(scenario.key_dates),
                "sources": encode(scenario.sources),
                "unverified": encode(scenario.unverified),
                "extras": encode(scenario.extras),
                "constitutions": encode(scenario.constitutions),
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
            self._import_stances(conn, sid, scenario.stances, user=user, now=now)
            self._audit(conn, user=user, scenario_id=sid, action="scenario.replace" if exists else "scenario.load",
                        target=sid, before={"revision": int(exists)} if exists is not None else None,
                        after={"title": scenario.title, "parties": len(scenario.parties),
                               "events": len(scenario.events), "stances": len(scenario.stances)},
                        reason=reason)
        self._forget(sid)
        self._notify(sid, revision)

    def _import_stances(self, conn: Connection, sid: str, entries: Sequence[Stance], *, user: str | None,
                        now: dt.datetime) -> None:
        versions: dict[str, int] = {}
        last: dict[str, Stance] = {}
        history_rows = []
        for s in entries:
            key = str(Subject.of(s))
            old = last.get(key)
            versions[key] = versions.get(key, 0) + 1
            history_rows.append({
                "scenario_id": sid, "subject": key, "version": versions[key],
                "old_stance": old.stance if old else None, "new_stance": s.stance, "data": encode(s),
                "changed_by": user, "changed_at": now,
            })
            if old is None or s.date >= old.date:
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
        """The stored scenario as a model value. Its stances are every entry of the stance history
        (``history=False``: only the current entry of each subject, the whip count as it stands)."""
        with self._read() as conn:
            return self._scenario_in(conn, scenario_id, history=history)

    def _scenario_in(self, conn: Connection, scenario_id: str, *, history: bool) -> Scenario:
        row = conn.execute(select(schema.scenarios).where(schema.scenarios.c.id == scenario_id)).first()
        if row is None:
            raise NotFound(f"no scenario {scenario_id!r} in the database")
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
        if history:
            stances = conn.execute(
                select(schema.stance_history.c.data).where(schema.stance_history.c.scenario_id == scenario_id)
                .order_by(schema.stance_history.c.id)
            ).scalars().all()
        else:
            stances = conn.execute(
                select(schema.stances.c.data).where(schema.stances.c.scenario_id == scenario_id)
                .order_by(schema.stances.c.date, schema.stances.c.subject)
            ).scalars().all()
        data = row.data
        return register_carried(Scenario(
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
        ))

    # -- snapshots: the whip count as it stands, kept in memory --------------------------------------
    def snapshot(self, scenario_id: str) -> Snapshot:
        """The scenario's whip count at its current revision, read consistently (one read transaction).

        Served from memory when nothing changed since; when another process wrote, only the stance
        rows are read again (and the chamber, parties and log only if those changed too).
        """
        with self._read() as conn:
            if self.dialect == "postgresql":
                conn.execution_options(isolation_level="REPEATABLE READ")
            return self._snapshot_in(conn, scenario_id)

    def cached_snapshot(self, scenario_id: str) -> Snapshot | None:
        """The newest snapshot in memory (no database read; it may be behind another process's writes)."""
        return self._snapshots.get(scenario_id)

    def _head(self, conn: Connection, scenario_id: str) -> tuple[int, tuple[Any, ...]]:
        """The revision and the key of what a :class:`_Base` holds (changes on a reload or a new event)."""
        sc, ev = schema.scenarios, schema.events
        last = select(func.coalesce(func.max(ev.c.seq), 0)).where(ev.c.scenario_id == scenario_id).scalar_subquery()
        row = conn.execute(select(sc.c.revision, sc.c.created_at, last).where(sc.c.id == scenario_id)).first()
        if row is None:
            raise NotFound(f"no scenario {scenario_id!r} in the database")
        return int(row[0]), (str(row[1]), int(row[2]))

    def _snapshot_in(self, conn: Connection, scenario_id: str, *, revision: int | None = None) -> Snapshot:
        """The snapshot as ``conn`` sees it (inside a write: as of the revision before the write's bump)."""
        rev, key = self._head(conn, scenario_id)
        if revision is not None:
            rev = revision
        cached = self._snapshots.get(scenario_id)
        if cached is not None and cached.revision == rev and cached.base.key == key:
            return cached
        base = cached.base if cached is not None and cached.base.key == key else None
        if base is None:
            base = _Base(replace(self._scenario_in(conn, scenario_id, history=False), stances=()), key)
        t = schema.stances
        rows = conn.execute(select(t).where(t.c.scenario_id == scenario_id).order_by(t.c.date, t.c.subject)).all()
        snap = Snapshot(rev, replace(base.scenario, stances=tuple(decode_as(Stance, r.data) for r in rows)),
                        tuple(_stance_row(r) for r in rows), base)
        if revision is None:
            self._remember(scenario_id, snap)
        return snap

    def _remember(self, scenario_id: str, snap: Snapshot) -> None:
        with self._snap_lock:
            old = self._snapshots.get(scenario_id)
            if old is None or old.revision < snap.revision or old.base.key != snap.base.key:
                self._snapshots[scenario_id] = snap

    def _forget(self, scenario_id: str) -> None:
        with self._snap_lock:
            self._snapshots.pop(scenario_id, None)

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
                     confirm: bool = False) -> int:
        """Append one event to the log (only appended, never edited). Refused, with nothing written, if
        it is dated before the chamber's starting date, or if the log can no longer replay with it; an
        event dated before the log's last one (history corrected) or more than a year after it needs
        ``confirm``. Returns the event's sequence number."""
        reason = _check_text("reason", reason, MAX_NOTE)
        with self._write() as conn:
            rev = self._bump(conn, scenario_id)  # also locks the scenario row against concurrent appends
            self._check_date(conn, scenario_id, ev.date, confirm)
            seq = int(conn.execute(
                select(func.coalesce(func.max(schema.events.c.seq), 0))
                .where(schema.events.c.scenario_id == scenario_id)
            ).scalar_one()) + 1
            conn.execute(insert(schema.events).values(
                scenario_id=scenario_id, seq=seq, date=ev.date, kind=ev.kind, data=encode(ev),
                created_by=user, created_at=_now(),
            ))
            self._audit(conn, user=user, scenario_id=scenario_id, action="event.append", target=f"event:{seq}",
                        after=encode(ev), reason=reason)
            self._check_replays(conn, scenario_id)
        self._forget(scenario_id)
        self._notify(scenario_id, rev)
        return seq

    def _check_date(self, conn: Connection, scenario_id: str, day: dt.date, confirm: bool) -> None:
        """An appended event keeps the log in date order, within the chamber's span."""
        chamber = decode_as(Chamber, conn.execute(
            select(schema.scenarios.c.chamber).where(schema.scenarios.c.id == scenario_id)).scalar_one())
        if day < chamber.as_of:
            raise InputError(f"date: expected a date on or after the chamber's starting date "
                             f"{chamber.as_of.isoformat()}, got {day.isoformat()}")
        if confirm:
            return
        last = conn.execute(select(func.max(schema.events.c.date))
                            .where(schema.events.c.scenario_id == scenario_id)).scalar()
        if last is not None and day < last:
            raise InputError(f"date: {day.isoformat()} is before the log's last event ({last.isoformat()}): it "
                             "changes the history already shown; confirm it with confirm: true")
        since = last or chamber.as_of
        if (day - since).days > 366:
            raise InputError(f"date: {day.isoformat()} is more than a year after {since.isoformat()} (the log's "
                             "last date); confirm it with confirm: true")

    def _check_replays(self, conn: Connection, scenario_id: str) -> None:
        row = conn.execute(select(schema.scenarios.c.chamber).where(schema.scenarios.c.id == scenario_id)).one()
        parties = [decode_as(Party, d) for d in conn.execute(
            select(schema.parties.c.data).where(schema.parties.c.scenario_id == scenario_id)
            .order_by(schema.parties.c.position)).scalars()]
        members = [decode_as(Member, d) for d in conn.execute(
            select(schema.members.c.data).where(schema.members.c.scenario_id == scenario_id)
            .order_by(schema.members.c.position)).scalars()]
        evs = [decode_as(Event, d) for d in conn.execute(
            select(schema.events.c.data).where(schema.events.c.scenario_id == scenario_id)
            .order_by(schema.events.c.seq)).scalars()]
        from whipcount.model import replay

        try:
            replay(decode_as(Chamber, row.chamber), parties, evs, members=members)
        except ModelError as exc:
            raise ModelError(f"the event log would no longer replay, nothing was written: {exc}") from None

    # -- the whip count --------------------------------------------------------------------------
    def stances(self, scenario_id: str) -> list[StanceRow]:
        """The current whip count: one row per subject."""
        t = schema.stances
        with self._read() as conn:
            rows = conn.execute(select(t).where(t.c.scenario_id == scenario_id).order_by(t.c.subject)).all()
        return [_stance_row(r) for r in rows]

    def stance(self, scenario_id: str, subject: str) -> StanceRow | None:
        """The current stance on one subject, or None if none was ever recorded."""
        t = schema.stances
        with self._read() as conn:
            r = conn.execute(select(t).where(t.c.scenario_id == scenario_id, t.c.subject == subject)).first()
        return _stance_row(r) if r else None

    def set_stance(
        self,
        scenario_id: str,
        subject: str | Subject,
        *,
        stance: str,
        version: int,
        user: str | None,
        source: str | None = None,
        note: str | None = None,
        date: dt.date | None = None,
        seats: int | None = None,
    ) -> StanceRow:
        """Change the stance on ``subject`` from the row at ``version`` (0: none recorded yet).

        ``seats`` is required for a part (``party:ID/part``) and refused otherwise. The whole whip count
        is checked with the change, inside the write's transaction and against the snapshot the previous
        write left, before anything is written (a part larger than the party, a party with no seats...).
        Raises :class:`ConflictError` (with ``.current``, the newer row) when someone else changed it
        since that version; :class:`InputError` for anything not valid.
        """
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        key = str(subj)
        if stance not in STANCES:
            raise InputError(f"stance: expected one of {', '.join(STANCES)}, got {stance!r}")
        if isinstance(version, bool) or not isinstance(version, int) or version < 0:
            raise InputError(f"version: expected the version you read (0 or more), got {version!r}")
        if subj.part and (seats is None or isinstance(seats, bool) or not isinstance(seats, int) or seats < 1):
            got = "nothing" if seats is None else repr(seats)
            raise InputError(f"seats: a part ({key}) needs how many seats it covers (1 or more), got {got}")
        if not subj.part and seats is not None:
            raise InputError(f"seats: only a part (party:ID/part) takes a number of seats; {key} covers the rest")
        source = check_source(source)
        note = _check_text("note", note, MAX_NOTE)
        now = _now()
        t = schema.stances
        try:
            with self._write() as conn:
                rev = self._bump(conn, scenario_id)  # locks the scenario: writes to it queue from here on
                # the whip count as the previous write left it: from memory when that write was ours
                snap = self._snapshot_in(conn, scenario_id, revision=rev - 1)
                self._check_subject(snap, scenario_id, subj)
                day = date or default_stance_date(snap.scenario, now.date())
                entry = Stance(
                    date=day, stance=stance,
                    party=subj.ref if subj.kind == "party" else None,
                    member=subj.ref if subj.kind == "member" else None,
                    seats=seats, side=subj.side, sources=(Source(source),) if source else (), note=note,
                )
                row = StanceRow(key, stance, version + 1, day, source, note, user, now, seats)
                as_of = snap.scenario.chamber.as_of
                if day < as_of:
                    raise InputError(f"date: expected {as_of.isoformat()} or later (the chamber's as_of date, "
                                     f"when the scenario's seats start), got {day.isoformat()}")
                after = snap.with_stance(rev, row, entry)
                self._check_count(after, key)
                cur = conn.execute(select(t).where(t.c.scenario_id == scenario_id, t.c.subject == key)).first()
                current_version = int(cur.version) if cur else 0
                if current_version != version:
                    raise _conflict(key, version, _stance_row(cur) if cur else None)
                values = {"stance": stance, "version": version + 1, "date": day, "seats": seats,
                          "data": encode(entry), "source": source, "note": note, "updated_by": user,
                          "updated_at": now}
                if cur is None:
                    conn.execute(insert(t).values(scenario_id=scenario_id, subject=key, **values))
                else:
                    res = conn.execute(update(t).where(
                        t.c.scenario_id == scenario_id, t.c.subject == key, t.c.version == version
                    ).values(**values))
                    if res.rowcount != 1:  # pragma: no cover - the scenario row lock makes this unreachable
                        raise _conflict(key, version, None)
                conn.execute(insert(schema.stance_history).values(
                    scenario_id=scenario_id, subject=key, version=version + 1,
                    old_stance=cur.stance if cur else None, new_stance=stance, data=encode(entry),
                    changed_by=user, changed_at=now,
                ))
                self._audit(conn, user=user, scenario_id=scenario_id, action="stance.set", target=key,
                            before={"stance": cur.stance, "version": cur.version, "seats": cur.seats} if cur else None,
                            after={"stance": stance, "version": version + 1, "seats": seats, "source": source},
                            reason=note)
        except ConflictError as exc:
            if getattr(exc, "current", None) is None:
                raise _conflict(key, version, self.stance(scenario_id, key)) from None
            raise
        self._remember(scenario_id, after)  # only once committed: a failed write leaves memory as it was
        self._notify(scenario_id, rev)
        return row

    def current_stances(self, scenario_id: str) -> list[Stance]:
        """The whip count as model stances: the current entry of every subject."""
        t = schema.stances
        with self._read() as conn:
            rows = conn.execute(
                select(t.c.data).where(t.c.scenario_id == scenario_id).order_by(t.c.date, t.c.subject)
            ).scalars().all()
        return [decode_as(Stance, d) for d in rows]

    def _check_count(self, snap: Snapshot, key: str) -> None:
        """Refuse a stance the whip count cannot take (checked on the date the dashboard shows), on the
        snapshot the write would leave (the chamber there is replayed once, then kept)."""
        from whipcount.errors import ForecastError, RulesError
        from whipcount.tally import pass_rule, whip_count

        scenario = snap.scenario
        motion = scenario.motion
        if motion is None:
            return
        state = snap.state()
        try:
            rule = pass_rule(scenario.rules_for(motion), motion.kind, seats=state.seats,
                             vacancies=state.vacancies, on=state.date)
        except (RulesError, NotFound):
            return
        try:
            whip_count(state, scenario.stances, kind=motion.kind, rule=rule)
        except ForecastError as exc:
            msg = str(exc).split(": ", 1)[-1] if str(exc).startswith("stances[") else str(exc)
            raise InputError(f"{key}: {msg}") from None

    def check_subject(self, scenario_id: str, subject: str | Subject) -> Subject:
        """``subject`` parsed and checked against the scenario (as a stance write would check it), so a
        form for a party, side or member the scenario does not have is refused before anyone fills it in.
        Raises :class:`NotFound` (no such scenario, party or member) or :class:`InputError`."""
        subj = subject if isinstance(subject, Subject) else Subject.parse(subject)
        self._check_subject(self.snapshot(scenario_id), scenario_id, subj)
        return subj

    @staticmethod
    def _check_subject(snap: Snapshot, scenario_id: str, subj: Subject) -> None:
        if subj.kind == "member":
            if subj.ref not in snap.base.members:
                raise NotFound(f"subject: no member {subj.ref!r} in scenario {scenario_id!r}")
            return
        if subj.ref not in snap.base.parties:
            raise NotFound(f"subject: no party {subj.ref!r} in scenario {scenario_id!r}")
        sides = snap.scenario.chamber.sides
        if subj.side is not None and subj.side not in sides:
            raise InputError(f"subject: unknown side {subj.side!r} (expected one of: {', '.join(sides)})")

    def history(self, scenario_id: str, *, limit: int = 50, subject: str | None = None) -> list[HistoryRow]:
        """Stance changes, newest first."""
        t = schema.stance_history
        q = select(t).where(t.c.scenario_id == scenario_id)
        if subject:
            q = q.where(t.c.subject == subject)
        with self._read() as conn:
            rows = conn.execute(q.order_by(t.c.id.desc()).limit(limit)).all()
        out = []
        for r in rows:
            s = decode_as(Stance, r.data)
            out.append(HistoryRow(r.id, r.subject, r.version, r.old_stance, r.new_stance,
                                  s.sources[0].url if s.sources else None, s.note, r.changed_by,
                                  _utc(r.changed_at)))
        return out

    def audit(self, scenario_id: str | None = None, *, limit: int = 100, action: str | None = None,
              before: int | None = None) -> list[AuditRow]:
        """The audit trail, newest first; ``before`` (a row id, the cursor) pages back through it."""
        t = schema.audit
        q = select(t)
        if before is not None:
            q = q.where(t.c.id < before)
        if scenario_id is not None:
            q = q.where(t.c.scenario_id == scenario_id)
        if action is not None:
            q = q.where(t.c.action == action)
        with self._read() as conn:
            rows = conn.execute(q.order_by(t.c.id.desc()).limit(limit)).all()
        return [AuditRow(r.id, _utc(r.at), r.user, r.scenario_id, r.action, r.target, r.before, r.after, r.reason)
                for r in rows]

    def count_audit(self, scenario_id: str | None = None, action: str | None = None) -> int:
        """How many audit rows (for a scenario, of an action)."""
        t = schema.audit
        q = select(func.count()).select_from(t)
        if scenario_id is not None:
            q = q.where(t.c.scenario_id == scenario_id)
        if action is not None:
            q = q.where(t.c.action == action)
        with self._read() as conn:
            return int(conn.execute(q).scalar_one())

    # -- users (whipcount.storage.accounts) and sessions (whipcount.storage.sessions) --------------------
    def add_user(self, name: str, role: str, password: str, *, by: str | None = None) -> User:
        """Create an account (:meth:`Accounts.add`)."""
        return self.accounts.add(name, role, password, by=by)

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
            with self._read() as conn:
                value = conn.execute(select(t.c.value).where(t.c.key == "secret")).scalar()
            if value is None:
                value = secrets.token_urlsafe(48)
                try:
                    with self._write() as conn:
                        conn.execute(insert(t).values(key="secret", value=value))
                except ConflictError:  # another process created it first
                    with self._read() as conn:
                        value = conn.execute(select(t.c.value).where(t.c.key == "secret")).scalar_one()
        return str(value)


def _conflict(key: str, version: int, current: StanceRow | None) -> ConflictError:
    now = f"{current.stance!r} (version {current.version}, by {current.updated_by or 'unknown'})" if current else "none"
    exc = ConflictError(
        f"stance on {key} changed since you read version {version}: it is now {now}; "
        "reload, check the newer value and try again"
    )
    exc.current = current  # type: ignore[attr-defined]
    return exc


def _stance_row(r: Any) -> StanceRow:
    return StanceRow(r.subject, r.stance, int(r.version), r.date, r.source, r.note, r.updated_by,
                     _utc(r.updated_at), r.seats)
