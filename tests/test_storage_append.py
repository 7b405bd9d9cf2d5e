"""An event appended to the stored log, on SQLite and PostgreSQL: the scenario is read from the database once
and its log decoded once per append, accepted or refused; an event that breaks two rules is refused by the
first of them in a fixed order (the same event already logged, its sources described otherwise than the
scenario describes them, its date, the log replaying with it, the recorded stances still fitting); and a
refused event, or a write that fails half-way, leaves the database as it was."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import text

from storage_fixtures import PK, loaded, pg_database, store  # noqa: F401 - the fixtures (on SQLite and PostgreSQL)
from whipcount.errors import ConflictError, InputError, ModelError, WhipcountError
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Source
from whipcount.storage import Store
from whipcount.storage import event_checks as event_checks_module
from whipcount.storage import store as store_module

VOTE_EVE = dt.date(2022, 4, 9)
LOGGED = 27  # events in the bundled file's log, the last a resignation of 28 July 2022
DAWN = "https://www.dawn.com/news/1682318/bhootani-quits-imran-led-coalition"  # event 11's source, outlet Dawn
SAMAA = "https://www.samaaenglish.tv/news/40013522/na-speaker-accepts-resignations-of-11-pti-mnas"  # event 27's


def _tables(s: Store) -> dict[str, list[Any]]:
    """Every row a write could touch, in a fixed order."""
    with s.engine.connect() as conn:
        return {t: [tuple(r) for r in conn.execute(text(f"SELECT * FROM {t} ORDER BY 1, 2"))]
                for t in ("scenarios", "events", "stances", "stance_history", "audit", "motion_stances")}


def _part(s: Store) -> None:
    """10 of PPP's 56 seats lean no on 9 April: a resignation of 52 of them that day leaves 4 for the part."""
    s.set_stance(PK, "party:ppp/part", stance="lean-no", seats=10, version=0, user="ed", date=VOTE_EVE)


def _resign(seats: int, *, day: dt.date = VOTE_EVE, outlet: str | None = None) -> Event:
    sources = (Source(DAWN, outlet=outlet),) if outlet else ()
    return Event(date=day, kind="resign", party="ppp", seats=seats, sources=sources)


DUPLICATE = r"^the event is already in the log as event:27 \(2022-07-28 resign of pti, "
DUPLICATE_26 = r"^the event is already in the log as event:26 \(2022-05-11 statement of pti, https://dailytimes\.com\.pk/"
DESCRIBED = (r"^sources\.0\.outlet: 'BBC' differs from 'Dawn' given for the same address in event 11 of the log "
             r"\(2022-03-29, switch-side\) \(describe an article once\)$")
BEFORE_LAST = (r"^date: 2022-04-09 is before the log's last event \(2022-07-28\): it changes the history already "
               r"shown; confirm it with confirm: true$")
BEFORE_START = r"^date: expected a date on or after the chamber's starting date 2022-03-08, got 2022-03-01$"
REPLAY = (r"^the event log would no longer replay, nothing was written: event resign on 2022-04-09: resign moves 60 "
          r"seat\(s\) of 'ppp' but it holds only 56 on 2022-04-09$")
FITS = (r"^the event would leave a recorded stance that no longer fits \(change that stance first\), nothing was "
        r"written: party:ppp/part: stance for 10 seats .* only 4")

# (what the event breaks, the event, confirmed, the refusal expected: the first rule broken in the order of the
# module's docstring); PPP holds 56 seats (the bundled file), a part of 10 of them is recorded for 9 April
CASES: list[tuple[str, Event, bool, type[WhipcountError], str]] = [
    ("fits alone", _resign(52), True, ModelError, FITS),
    ("replay and fits", _resign(60), True, ModelError, REPLAY),
    ("date and fits", _resign(52), False, InputError, BEFORE_LAST),
    ("date and replay", _resign(60), False, InputError, BEFORE_LAST),
    ("sources and fits", _resign(52, outlet="BBC"), True, InputError, DESCRIBED),
    ("sources and replay", _resign(60, outlet="BBC"), True, InputError, DESCRIBED),
    ("sources and date", _resign(1, day=dt.date(2022, 3, 1), outlet="BBC"), True, InputError, DESCRIBED),
    ("date before the chamber and replay", _resign(60, day=dt.date(2022, 3, 1)), True, InputError, BEFORE_START),
    ("logged and sources", Event(dt.date(2022, 7, 28), "resign", party="pti", seats=11,
                                 sources=(Source(SAMAA, outlet="BBC"),)), True, ConflictError, DUPLICATE),
    ("logged and date", load_scenario(PK).events[25], False, ConflictError, DUPLICATE_26),
]


@pytest.mark.parametrize(("broken", "event", "confirm", "error", "message"), CASES, ids=[c[0] for c in CASES])
def test_an_event_that_breaks_two_rules_is_refused_by_the_first_and_nothing_is_written(
        loaded: Store, broken: str, event: Event, confirm: bool, error: type[WhipcountError],  # noqa: F811
        message: str) -> None:
    _part(loaded)
    before = _tables(loaded)
    with pytest.raises(error, match=message) as caught:
        loaded.append_event(PK, event, user="ed", confirm=confirm)
    assert type(caught.value) is error, broken
    assert _tables(loaded) == before  # not the event, its audit row, nor the revision's bump


def test_a_stale_revision_is_refused_before_the_event_is_looked_at(loaded: Store) -> None:  # noqa: F811
    _part(loaded)
    read = loaded.revision(PK) - 1
    before = _tables(loaded)
    with pytest.raises(ConflictError, match=rf"since you read revision {read} \(since then: stance on "
                                            r"party:ppp/part changed by ed\)"):
        loaded.append_event(PK, _resign(60, outlet="BBC"), user="ed", revision=read)
    assert _tables(loaded) == before


def test_a_refused_event_loses_nothing_and_the_next_is_numbered_on(loaded: Store) -> None:  # noqa: F811
    _part(loaded)
    events = loaded.events(PK)
    assert len(events) == LOGGED
    for _, event, confirm, error, _ in CASES:
        with pytest.raises(error):
            loaded.append_event(PK, event, user="ed", confirm=confirm)
    assert loaded.events(PK) == events
    good = _resign(4, day=dt.date(2022, 7, 28))
    assert loaded.append_event(PK, good, user="ed") == LOGGED + 1
    after = loaded.events(PK)
    assert after[:LOGGED] == events and after[LOGGED][:3] == (LOGGED + 1, good, "ed")
    assert loaded.scenario(PK).state(dt.date(2022, 7, 28)).party("ppp").seats == 56 - 4


def test_a_write_that_fails_after_the_event_is_inserted_leaves_nothing(loaded: Store,  # noqa: F811
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before = _tables(loaded)
    audit = loaded._audit

    def failing(conn: Any, **kw: Any) -> None:
        if kw["action"] == "event.append":
            raise OSError("the disk is full")
        audit(conn, **kw)

    monkeypatch.setattr(loaded, "_audit", failing)
    with pytest.raises(OSError, match="the disk is full"):
        loaded.append_event(PK, _resign(4, day=dt.date(2022, 7, 28)), user="ed")
    assert _tables(loaded) == before


def _counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the scenario's reads from the database and the events decoded from their rows."""
    counts = {"loads": 0, "events decoded": 0}
    load = Store._scenario_in

    def counting_load(self: Store, *a: Any, **kw: Any) -> Any:
        counts["loads"] += 1
        return load(self, *a, **kw)

    monkeypatch.setattr(Store, "_scenario_in", counting_load)
    for module in (store_module, event_checks_module):
        decode: Callable[..., Any] = module.decode_as

        def counting_decode(tp: Any, data: Any, decode: Callable[..., Any] = decode) -> Any:
            counts["events decoded"] += tp is Event
            return decode(tp, data)

        monkeypatch.setattr(module, "decode_as", counting_decode)
    return counts


@pytest.mark.parametrize("accepted", [True, False], ids=["accepted", "refused by the fit"])
def test_an_append_reads_the_scenario_at_most_once_and_decodes_its_log_at_most_once(
        loaded: Store, monkeypatch: pytest.MonkeyPatch, accepted: bool) -> None:  # noqa: F811
    _part(loaded)
    loaded._forget(PK)  # as a process that has not read the scenario yet
    counts = _counted(monkeypatch)
    # a kind and a day no logged event has: looking for the same event already logged decodes no row
    event = Event(VOTE_EVE, "resign", party="ppp", seats=4 if accepted else 52)
    if accepted:
        assert loaded.append_event(PK, event, user="ed", confirm=True) == LOGGED + 1
    else:
        with pytest.raises(ModelError, match=FITS):
            loaded.append_event(PK, event, user="ed", confirm=True)
    # the 27 logged events once, and the appended one as the log will read it back
    assert counts == {"loads": 1, "events decoded": LOGGED + 1}
    # the next starts from what the first left in memory: after a refusal, memory is as it was (nothing)
    counts.update({"loads": 0, "events decoded": 0})
    loaded.append_event(PK, Event(VOTE_EVE, "resign", party="ppp", seats=1,
                                  sources=(Source("https://example.org/one-more"),)), user="ed", confirm=True)
    # accepted: the first's row (the same day and kind: is it the same event?) and the new one
    assert counts == ({"loads": 0, "events decoded": 2} if accepted else
                      {"loads": 1, "events decoded": LOGGED + 1}), counts


def test_the_scenario_kept_in_memory_after_appends_is_the_one_read_from_the_database(loaded: Store) -> None:  # noqa: F811
    _part(loaded)
    loaded.append_event(PK, _resign(4), user="ed", confirm=True)
    loaded.append_event(PK, Event(dt.date(2022, 7, 28), "statement", party="pti"), user="ed")
    kept = loaded.cached_snapshot(PK)
    fresh = Store(loaded.url, migrate=False)
    try:
        read = fresh.snapshot(PK)
        full = fresh.scenario(PK)
    finally:
        fresh.close()
    assert kept is not None and kept.revision == read.revision == loaded.revision(PK)
    assert kept.base.key == read.base.key and kept.base.scenario == read.base.scenario
    assert kept.scenario == read.scenario and kept.rows == read.rows and kept.timeline == read.timeline
    assert [e.kind for e in kept.scenario.events[LOGGED:]] == ["resign", "statement"]
    assert kept.scenario.events == full.events and len(full.events) == LOGGED + 2
    assert kept.state(dt.date(2022, 7, 28)).party("ppp").seats == 56 - 4  # PPP's 56 (the file), 4 resigned


def test_appends_from_many_threads_at_once_are_all_kept_and_memory_matches_the_database(loaded: Store) -> None:  # noqa: F811
    import threading

    day = dt.date(2022, 7, 28)  # the log's last day: no confirmation needed, whatever the order

    def editor(i: int) -> None:
        for n in range(4):
            loaded.append_event(PK, Event(day, "statement", party="pti",
                                          sources=(Source(f"https://example.org/editor-{i}/{n}"),)), user=f"ed{i}")

    threads = [threading.Thread(target=editor, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    logged = loaded.events(PK)
    assert [seq for seq, *_ in logged] == list(range(1, LOGGED + 17))
    assert sorted(e.sources[0].url for _, e, *_ in logged[LOGGED:]) == sorted(
        f"https://example.org/editor-{i}/{n}" for i in range(4) for n in range(4))
    kept = loaded.snapshot(PK)
    fresh = Store(loaded.url, migrate=False)
    try:
        read = fresh.snapshot(PK)
    finally:
        fresh.close()
    assert kept.revision == read.revision and kept.base.key == read.base.key
    assert kept.scenario == read.scenario and kept.scenario.events == tuple(e for _, e, *_ in logged)
