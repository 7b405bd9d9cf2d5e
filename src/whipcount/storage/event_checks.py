"""What an appended event is checked against: the scenario's revision the writer read (optimistic concurrency,
as a stance's version), the events already in the log (the same event twice), its sources (described as the
scenario describes them), its date (in the chamber's span, confirmed where it changes the history shown or
leaps a year), the log replaying with it and the recorded stances still fitting the chamber it leaves.

All run inside the append's transaction, after the scenario's row is locked, so two appends at once are
checked one after the other. They read the scenario as the previous write left it, kept in memory when that
write was the process's own, else read once (:meth:`Store.append_event`): the checks of the sources and the
date read it as stored, the replay and the fit with the event appended in memory, before anything is written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, select

from whipcount.errors import ConflictError, InputError, ModelError
from whipcount.io.limits import shorten
from whipcount.model import Event, Scenario, replay
from whipcount.model.articles import Described, sources_in
from whipcount.storage import schema
from whipcount.storage.codec import decode_as
from whipcount.storage.fit import further_problem, timeline_problem
from whipcount.storage.snapshot import horizon

__all__ = ["CONFIRM_ASK", "REPEAT_ASK", "check_date", "check_described", "check_fits", "check_not_logged",
           "check_replays", "check_revision", "event_key"]

CONFIRM_ASK = "confirm it with confirm: true"
"""How a refusal of an event's unusual date ends: sent again confirmed, it is recorded (the event form asks with a
box to tick)."""

SHOWN = 3  # equivalent mutants "3 -> 2", "3 -> 4": how many of the changes since are named, not whether
"""How many of the writes since the revision read a refusal names (the latest first)."""

_DONE = {"event.append": "{target} appended", "stance.set": "stance on {target} changed",
         "stance.clear": "stance on {target} taken back", "stance.end": "stance on {target} ended",
         "scenario.replace": "the scenario loaded again (db load --replace)", "scenario.load": "the scenario loaded"}


def check_revision(conn: Connection, scenario_id: str, read: int | None, now: int) -> None:
    """Refuse an append from ``read``, the revision the writer read, when the scenario is at ``now`` (its
    revision before this write): the message says which writes came since, and how to send it again."""
    if read is None or read == now:
        return
    details: dict[str, object] = {"revision": now}
    if read > now:
        raise ConflictError(f"revision: the scenario is at revision {now}, not {read}: read the event log again "
                            f"and send the event with revision {now}", details=details)
    t = schema.audit
    rows = conn.execute(select(t.c.action, t.c.target, t.c.user).where(t.c.scenario_id == scenario_id)
                        .order_by(t.c.id.desc()).limit(min(now - read, SHOWN))).all()
    done = "; ".join(_DONE.get(r.action, r.action).format(target=r.target) + f" by {r.user or 'unknown'}"
                     for r in rows)
    more = f" and {now - read - len(rows)} more" if now - read > len(rows) else ""
    raise ConflictError(
        f"revision: the scenario changed since you read revision {read} (since then: {done}{more}); nothing was "
        f"written: read the event log again, check that your event is not already in it, and send it again with "
        f"revision {now}", details=details)


def event_key(ev: Event) -> tuple[Any, ...]:
    """What makes two events the same event: the date, the kind, the subject (the party, members and parties it
    is about, and where a merger goes) and the sources' addresses; the words (summary, note) may differ."""
    return (ev.date, ev.kind, ev.party, frozenset(ev.members), frozenset(ev.parties), ev.into,
            frozenset(s.url.strip() for s in ev.sources))


REPEAT_ASK = "send it again with repeat: true"
"""How the refusal of an event the log holds ends: sent again as another of its own, it is recorded (the event form
asks with a box to tick)."""


def check_not_logged(conn: Connection, scenario_id: str, ev: Event) -> None:
    """Refuse ``ev`` when the log holds the same event (:func:`event_key`), naming the one there."""
    t = schema.events
    key = event_key(ev)
    rows = conn.execute(select(t.c.seq, t.c.data, t.c.created_by, t.c.created_at)
                        .where(t.c.scenario_id == scenario_id, t.c.date == ev.date, t.c.kind == ev.kind)
                        .order_by(t.c.seq)).all()
    same = next((r for r in rows if event_key(decode_as(Event, r.data)) == key), None)
    if same is None:
        return
    logged = decode_as(Event, same.data)
    who = f"appended by {same.created_by}" if same.created_by else "loaded with the scenario"
    sources = ", ".join(s.url for s in logged.sources) or "no source"
    raise ConflictError(
        f"the event is already in the log as event:{same.seq} ({logged.date.isoformat()} {logged.kind}"
        f"{' of ' + logged.party if logged.party else ''}, {sources}; {who}); nothing was written: if yours is "
        f"another event of its own (a second member resigning that day), {REPEAT_ASK}",
        details={"existing": {"seq": int(same.seq), "date": logged.date.isoformat(), "kind": logged.kind,
                              "added_by": same.created_by}})


def check_date(scenario: Scenario, day: dt.date, confirm: bool) -> None:
    """An event dated ``day`` appended to the stored ``scenario``'s log keeps it in date order, within the
    chamber's span."""
    chamber = scenario.chamber
    if day < chamber.as_of:
        raise InputError(f"date: expected a date on or after the chamber's starting date "
                         f"{chamber.as_of.isoformat()}, got {day.isoformat()}")
    latest = horizon(chamber.as_of)
    if day > latest:  # confirmed or not: an event is recorded once it has happened
        raise InputError(f"date: expected {latest.isoformat()} or earlier (an event is recorded once it has "
                         f"happened), got {day.isoformat()}")
    if confirm:
        return
    last = max((e.date for e in scenario.events), default=None)
    if last is not None and day < last:
        raise InputError(f"date: {day.isoformat()} is before the log's last event ({last.isoformat()}): it "
                         f"changes the history already shown; {CONFIRM_ASK}")
    since = last or chamber.as_of
    if (day - since).days > 366:
        raise InputError(f"date: {day.isoformat()} is more than a year after {since.isoformat()} (the log's "
                         f"last date); {CONFIRM_ASK}")


def check_replays(scenario: Scenario) -> None:
    """The log of ``scenario`` (the stored one with the event appended last) still replays from the chamber
    (nothing written where it does not)."""
    try:
        replay(scenario.chamber, scenario.parties, scenario.events, members=scenario.members)
    except ModelError as exc:
        raise ModelError(f"the event log would no longer replay, nothing was written: {exc}") from None


def check_fits(scenario: Scenario, *, since: dt.date) -> None:
    """The stances recorded in ``scenario`` (the stored one, every entry of its stance history, with the event
    appended to its log) still fit the chamber the event leaves, on every day from ``since`` (the event's
    date) through the day the live dashboard counts on; then each further motion's."""
    problem = timeline_problem(scenario, scenario.stances, since)
    how = "change that stance first"
    if problem is None and (problem := further_problem(scenario)) is not None:
        # a further motion's stance can be replaced on its stance form, not taken back: the file's entry that
        # no longer fits may need the file itself
        how = (f"record the motion's stance that now holds on its stance form first, or take back an entry in "
               f"the scenario file: whipcount db dump {scenario.id} -o FILE, edit it, whipcount db load FILE "
               f"--replace")
    if problem is not None:
        raise ModelError(f"the event would leave a recorded stance that no longer fits ({how}), nothing was "
                         f"written: {problem}")


def _show(value: object) -> str:
    return repr(shorten(value)) if isinstance(value, str) else str(value)


def check_described(scenario: Scenario, ev: Event) -> None:
    """Each of ``ev``'s sources describes its address (outlet, headline, date) as every citation of it in the
    stored ``scenario`` and before it in ``ev`` does, as a scenario file must (describe an article once); else
    an :class:`InputError` naming the source (``sources.1.title``, counted from 0) and where the address was
    described before."""
    described: Described[str] = Described()
    for n, logged in enumerate(scenario.events, start=1):
        for s in logged.sources:
            described.add(s, f"in event {n} of the log ({logged.date}, {logged.kind})")
    places: list[tuple[str, object]] = [("in the chamber", scenario.chamber),
                                        ("in the scenario's sources", scenario.sources)]
    places += [(f"in party {p.id}", p) for p in scenario.parties]
    places += [(f"in member {m.id}", m) for m in scenario.members]
    places += [(f"in motion {m.id or n}", m) for n, m in enumerate(scenario.motions, start=1)]
    places += [(f"in the stance of {st.party or st.member} from {st.date}", st) for st in scenario.stances]
    for where, holder in places:
        for s in sources_in(holder):
            described.add(s, where)
    for i, s in enumerate(ev.sources):
        clash = described.add(s, f"at sources.{i}")
        if clash is not None:
            raise InputError(f"sources.{i}.{clash.detail}: {_show(clash.value)} differs from "
                             f"{_show(clash.before)} given for the same address {clash.first} (describe an "
                             "article once)")
