"""What the web app's routes share (:class:`WebState`), above all the cache of computed dashboards.

A dashboard is computed once per scenario revision and date and kept as a ready JSON body
(:class:`_Cached`); a write rebuilds the count at once and leaves P(pass) to one worker thread. A board is
served from memory while the scenario's revision is known to be current; once that knowledge is older than
``revision_ttl``, the next read looks at the stored revision first (one small query), so a write made by
another process is never answered with the board before it. The rendered live fragment of a board is
cached with it.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from dataclasses import dataclass, field, replace
from typing import Any

from fastapi import Request
from jinja2 import Environment

from whipcount.charts.colours import stance_labels
from whipcount.errors import InputError, NotFound, WhipcountError
from whipcount.model import STANCES
from whipcount.storage import Snapshot, Store
from whipcount.web import anonymous
from whipcount.web.board import STANCE_COLOURS, build_board, forecast_fields, motion_list
from whipcount.web.days import check_on
from whipcount.web.live import Broadcaster
from whipcount.web.login import LoginLimiter, VerifyPool

__all__ = ["BOARDS", "WebState"]

BOARDS = 256  # equivalent mutants "256 -> 255", "256 -> 257": a memory bound
"""Dashboards (scenario and date) kept in memory at most; past it the cache starts again."""
LAST_CHANGES = 10
"""The stance changes a dashboard lists (its motion's, newest first)."""


@dataclass
class _Cached:
    """One computed dashboard: its revision, data and JSON body (served as is), the seat chart drawer,
    and the whip count behind it while its P(pass) is still being computed."""

    revision: int
    data: dict[str, Any]
    body: bytes
    svg: Any  # draws the seat chart when a page first needs it
    count: Any = None
    svg_text: str | None = None
    fragment: str | None = None
    settings: Any = None  # the scenario's forecast settings, with ``count`` while P(pass) is pending
    public_data: dict[str, Any] | None = None  # as a reader not signed in sees it (whipcount.web.anonymous)
    public_body: bytes | None = None
    public_fragment: str | None = None

    @property
    def pending(self) -> bool:
        """True while P(pass) is being computed (the body carries the previous revision's, flagged)."""
        return bool(self.data.get("p_pass_pending"))

    @property
    def etag(self) -> str:
        """Changes with the revision and again when its P(pass) lands, and names the day and the motion the
        board counts: boards of one revision on other days (``?on=``) or of another motion (``?motion=``) are
        other bodies, so a client sending one's tag for another is not told it has it already."""
        motion = (self.data.get("motion") or {}).get("id") or ""
        return (f'"{self.data["scenario"]}-{self.revision}-{self.data.get("date", "")}-{motion}'
                f'{"-p" if self.pending else ""}"')

    def data_for(self, signed_in: bool) -> dict[str, Any]:
        """The data a reader sees: all of it when signed in, else without who wrote what
        (:func:`whipcount.web.anonymous.board`, made once)."""
        if signed_in:
            return self.data
        if self.public_data is None:
            self.public_data = anonymous.board(self.data)
        return self.public_data

    def body_for(self, signed_in: bool) -> bytes:
        """The JSON body of :meth:`data_for`, made once."""
        if signed_in:
            return self.body
        if self.public_body is None:
            self.public_body = _body(self.data_for(False))
        return self.public_body

    def etag_for(self, signed_in: bool) -> str:
        """:attr:`etag`, another for the body a reader not signed in is given."""
        return self.etag if signed_in else f'{self.etag[:-1]}-a"'


def _body(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class WebState:
    """Everything the routes share: the store, the dashboard cache, live updates, login limits.

    The live dashboard of a scenario is computed from the store's in-memory snapshot of the whip count
    (the chamber replayed once per log, each write applied to it) and kept as a ready JSON body:

    * a write made by this process rebuilds the count in the writer's thread before the write is
      answered (so the next read shows it) and leaves P(pass), the costly part, to one worker thread,
      which computes it once for the newest revision; until then the body carries the previous
      P(pass), marked ``p_pass_pending`` with the ``p_pass_revision`` it belongs to;
    * a read is served from memory on the server's event loop: it never waits on a write, a database
      read or a computation, except the very first read of a scenario (or of a past date), and the first
      read once the revision known is ``revision_ttl`` seconds old, which reads the stored revision (one
      small query, in a worker thread) before it answers;
    * so a write by another process shows on the next read after ``revision_ttl`` seconds at the latest:
      its count at once, its P(pass) from the worker (the previous one until then, flagged pending).
    """

    store: Store
    public_read: bool
    broadcaster: Broadcaster
    limiter: LoginLimiter
    templates: Environment
    secret: str = ""
    secure_cookies: bool = False
    verify_pool: VerifyPool = field(default_factory=VerifyPool)
    proxies: frozenset[str] | None = None  # addresses whose X-Forwarded-For is trusted (None: no one's)
    fail_delay: float = 0.0  # seconds a failed sign-in waits (no thread, no CPU) before it is answered
    revision_ttl: float = 1.0
    _revisions: dict[str, tuple[int, float]] = field(default_factory=dict)
    _flights: dict[tuple[str, str], threading.Lock] = field(default_factory=dict)
    _cache: dict[tuple[str, str], _Cached] = field(default_factory=dict)
    _further: dict[tuple[str, int, str, str], _Cached] = field(default_factory=dict)  # other motions' boards
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _jobs: dict[tuple[str, str], None] = field(default_factory=dict)  # boards waiting for P(pass), in order
    _wake: threading.Condition = field(default_factory=threading.Condition)
    _worker: threading.Thread | None = None
    _idle: threading.Event = field(default_factory=threading.Event)
    _failed: set[str] = field(default_factory=set)  # scenarios whose board a write could not rebuild

    # -- writes -----------------------------------------------------------------------------------
    def on_write(self, scenario_id: str, revision: int) -> None:
        """Store listener, run in the writer's thread after the commit and before the write is answered:
        the new count goes into the cache (readers keep the previous one until then, never waiting),
        P(pass) is queued for the worker, and every open dashboard is told."""
        try:
            snap = self.store.cached_snapshot(scenario_id)
            if snap is None or snap.revision < revision:
                snap = self.store.snapshot(scenario_id)
            self._build(scenario_id, None, snap, forecast=False)
        except WhipcountError:
            self._failed.add(scenario_id)  # the next reader computes it and reports the problem
        self._known(scenario_id, revision)
        self.broadcaster.publish(scenario_id, revision)

    def watch_revisions(self, stop: threading.Event, poll: float = 1.0) -> None:
        """While dashboards are open, read every scenario's revision once every ``poll`` seconds (one small
        query) and treat a revision this process has not seen (a write by another server process, or by
        ``whipcount db load``) as a write here: the board is rebuilt and every open dashboard told."""
        while not stop.wait(poll):
            if self.broadcaster.listeners == 0:
                continue
            try:
                revisions = self.store.revisions()
            except WhipcountError:
                continue
            for scenario_id, revision in revisions.items():
                with self._lock:
                    known = self._revisions.get(scenario_id)
                if known is not None and revision > known[0]:
                    self.on_write(scenario_id, revision)

    def _known(self, scenario_id: str, revision: int) -> None:
        with self._lock:
            known = self._revisions.get(scenario_id)
            if known is None or known[0] <= revision:
                self._revisions[scenario_id] = (revision, time.monotonic())

    def revision(self, scenario_id: str, *, fresh: bool = False) -> int:
        """The scenario's revision: known from this process's writes, re-read from the database at most
        every ``revision_ttl`` seconds (so writes by another process show up too)."""
        now = time.monotonic()
        with self._lock:
            known = self._revisions.get(scenario_id)
        if not fresh and known is not None and now - known[1] < self.revision_ttl:  # equivalent mutant "< -> <=": tick
            return known[0]
        rev = self.store.revision(scenario_id)
        with self._lock:
            old = self._revisions.get(scenario_id)
            if old is None or old[0] <= rev or now - old[1] >= self.revision_ttl:
                self._revisions[scenario_id] = (rev, now)
        return rev

    # -- reads ------------------------------------------------------------------------------------
    def ready(self, scenario_id: str, on: dt.date | None = None) -> _Cached | None:
        """The board to serve at once, from memory, or None when :meth:`board` must look first: no board
        yet; a board older than the revision known; or the revision known is ``revision_ttl`` seconds old
        (another process may have written since). Never touches the database."""
        hit = self._cache.get((scenario_id, on.isoformat() if on else ""))
        if hit is None or scenario_id in self._failed:
            return None
        known = self._revisions.get(scenario_id)
        if known is None or time.monotonic() - known[1] >= self.revision_ttl:  # equivalent mutant ">= -> >": a tick
            return None
        return hit if hit.revision >= known[0] else None

    def board(self, scenario_id: str, on: dt.date | None = None) -> _Cached:
        """The dashboard (live, or on a past date ``on``), computed once per scenario revision and date
        and then served from memory; a board kept past ``revision_ttl`` is served again once the stored
        revision (one small query) says it is current. A missing board is computed by one thread while the
        others asking for it wait for that result (single flight)."""
        hit = self.ready(scenario_id, on)
        if hit is not None:
            return hit
        kept = self._cache.get((scenario_id, on.isoformat() if on else ""))
        if kept is not None and scenario_id not in self._failed:
            if kept.revision >= self.revision(scenario_id):
                return kept
            if on is None:  # another process wrote: its count now, its P(pass) from the worker
                snap = self.store.snapshot(scenario_id)
                self._known(scenario_id, snap.revision)
                cached = self._build(scenario_id, None, snap, forecast=False)
                self.broadcaster.publish(scenario_id, snap.revision)
                return cached
        snap = self.store.snapshot(scenario_id)
        self._known(scenario_id, snap.revision)
        cached = self._build(scenario_id, on, snap, forecast=True)
        self._failed.discard(scenario_id)
        return cached

    def motion_board(self, scenario_id: str, motion_id: str | None, on: dt.date | None = None) -> _Cached:
        """The dashboard of one of the scenario's motions (``?motion=ID``): the main motion's is :meth:`board`;
        a further motion's is counted with its own stances, as the scenario records them (the file's, then
        those written here), as ``whipcount count --motion ID`` counts it, once a revision, day
        and motion."""
        snap = self.store.snapshot(scenario_id)
        main = snap.scenario.motion
        if motion_id is None or (main is not None and main.id == motion_id):
            return self.board(scenario_id, on)
        key = (scenario_id, snap.revision, motion_id, on.isoformat() if on else "")
        with self._lock:
            hit = self._further.get(key)
        if hit is not None:  # a board computed once a revision, day and motion (a P(pass) can take 60 ms)
            return hit
        try:
            scenario = snap.scenario.for_motion(motion_id)
        except InputError as exc:
            raise NotFound(f"motion: {exc}") from None
        check_on(scenario, on)
        history = self.store.motion_changes(scenario_id, motion_id, limit=LAST_CHANGES, by=on)
        board = build_board(scenario, scenario.stances, (), history, revision=snap.revision, on=on)
        board.data["motions"] = motion_list(snap.scenario)  # in the scenario's order, the main one first
        cached = _Cached(snap.revision, board.data, _body(board.data), board.draw)
        with self._lock:
            if len(self._further) > BOARDS:  # equivalent mutant "> -> >=": a cache's size
                self._further.clear()
            self._further[key] = cached
        return cached

    def _build(self, scenario_id: str, on: dt.date | None, snap: Snapshot, *, forecast: bool) -> _Cached:
        """Compute the board of ``snap`` (P(pass) now, or by the worker) and cache it unless a newer one
        is there already; returns the newest cached board."""
        key = (scenario_id, on.isoformat() if on else "")
        with self._lock:
            # one lock per board asked for, any past date too: held to the cache's bound, so that a flood of
            # dates cannot grow it; a lock dropped while held costs at most one board computed twice
            if len(self._flights) > BOARDS:
                self._flights.clear()
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:
            hit = self._cache.get(key)
            if hit is not None and hit.revision >= snap.revision:  # equivalent mutant ">= -> >": built twice
                return hit
            check_on(snap.scenario, on)
            history = (self.store.history(scenario_id, limit=LAST_CHANGES) if on is None  # a past day: the changes
                       else self.store.history_by(scenario_id, on, limit=LAST_CHANGES))  # behind its count
            day = on or snap.live_date()
            scenario = snap.scenario
            if on is not None:  # another day: the stances in force on it, not only the current ones
                scenario = replace(scenario, stances=tuple(self.store.stance_timeline(scenario_id)))
            board = build_board(scenario, scenario.stances, snap.rows, history, revision=snap.revision, on=day,
                                state=snap.state(day), forecast=forecast)
            data = board.data
            data["notes"] = [*data["notes"], *self.store.set_aside(scenario_id)]  # what a migration set aside
            # the last P(pass) known, flagged pending, while the new one is computed; a board whose count
            # cannot be built has none coming, and shows none rather than an older revision's as current
            if data["p_pass_pending"] and hit is not None and hit.data.get("p_pass_revision") is not None:
                data.update(p_pass=hit.data["p_pass"], p_pass_revision=hit.data["p_pass_revision"],
                            p_pass_note=hit.data["p_pass_note"])
            cached = _Cached(snap.revision, data, _body(data), board.draw, board.count if not forecast else None,
                             settings=snap.scenario.forecast)
            with self._lock:
                if len(self._cache) > BOARDS:  # equivalent mutant "> -> >=": a cache's size
                    self._cache.clear()
                self._cache[key] = cached
        if not forecast:
            self._schedule(key)
        return cached

    # -- the worker: P(pass), off the request path ---------------------------------------------------
    def _schedule(self, key: tuple[str, str]) -> None:
        with self._wake:
            self._jobs[key] = None
            self._idle.clear()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="whipcount-board", daemon=True)
                self._worker.start()
            self._wake.notify()

    def _work(self) -> None:
        while True:
            with self._wake:
                if not self._jobs:
                    self._idle.set()
                    if not self._wake.wait(timeout=30.0) and not self._jobs:
                        self._worker = None
                        return
                    continue
                key = next(iter(self._jobs))
                del self._jobs[key]
            try:
                self._forecast(key)
            except Exception:  # noqa: BLE001 - the worker must outlive a bad board; readers report it
                pass

    def _forecast(self, key: tuple[str, str]) -> None:
        """P(pass) for the newest cached board of ``key`` (older revisions are skipped, not computed)."""
        cached = self._cache.get(key)
        if cached is None or not cached.pending or cached.count is None:
            return
        data = dict(cached.data, **forecast_fields(cached.count, cached.revision, cached.settings))
        done = _Cached(cached.revision, data, _body(data), cached.svg, None, cached.svg_text)
        with self._lock:
            if self._cache.get(key) is not cached:
                return  # a newer write replaced it and queued its own forecast
            self._cache[key] = done
        if self.broadcaster.listeners:
            self.broadcaster.publish(key[0], cached.revision)  # open dashboards fetch the new P(pass)

    def settle(self, timeout: float = 10.0) -> bool:
        """Wait until the worker has nothing left to do (for tests and benchmarks); True if it did."""
        with self._wake:
            if not self._jobs and (self._worker is None or self._idle.is_set()):
                return True
        return self._idle.wait(timeout)

    # -- pages ------------------------------------------------------------------------------------
    def fragment(self, scenario_id: str, request: Request, *, signed_in: bool = True,
                 motion: str | None = None) -> tuple[_Cached, str]:
        """The live part of the dashboard (tally, seats, last changes) as HTML, of the main motion or of the
        further motion ``motion``, cached like the board (a reader not signed in is not shown who made the
        changes)."""
        cached = self.board(scenario_id) if motion is None else self.motion_board(scenario_id, motion)
        return cached, self.fragment_of(cached, signed_in=signed_in)

    def fragment_of(self, cached: _Cached, *, signed_in: bool = True) -> str:
        """The live fragment of a cached board, rendered once (and once for readers not signed in)."""
        if cached.svg_text is None:
            cached.svg_text = cached.svg()
        if not signed_in:
            if cached.public_fragment is None:
                cached.public_fragment = self.render_fragment(cached, signed_in=False)
            return cached.public_fragment
        if cached.fragment is None:
            cached.fragment = self.render_fragment(cached)
        return cached.fragment

    def render_fragment(self, cached: _Cached, *, signed_in: bool = True, past: bool = False) -> str:
        """Render ``_live.html`` for a board (``past``: of a day asked for, whose last changes are those behind its
        count)."""
        return self.templates.get_template("_live.html").render(
            board=cached.data_for(signed_in), svg=cached.svg_text if cached.svg_text is not None else cached.svg(),
            labels=stance_labels(cached.data.get("votes_recorded", "all")), colours=STANCE_COLOURS, stances=STANCES,
            past=past,
        )
