"""Checking a scenario's log without building a state after each event raises exactly what going through
its history raises: the same error, with the same message, at the same event (a scenario file's events are
checked this way when it is read)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from strategies import legislatures
from strategies_members import member_logs
from whipcount.errors import WhipcountError
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Chamber, Event, Member, Party, history
from whipcount.model.replayer import check_log


def _outcome(run: object) -> tuple[str, str] | None:
    try:
        run()  # type: ignore[operator]
    except WhipcountError as exc:
        return type(exc).__name__, str(exc)
    return None


def _both(chamber: Chamber, parties: list[Party], events: list[Event], members: list[Member]) -> None:
    def through_history() -> None:
        for _ in history(chamber, parties, events, members=members):
            pass

    truth = _outcome(through_history)
    assert _outcome(lambda: check_log(chamber, parties, events, members=members)) == truth


@st.composite
def _spoiled(draw: st.DrawFn, events: list[Event]) -> list[Event]:
    """The log with one event changed so that it may no longer apply: more seats, another party, an
    earlier date (before the chamber's seat counts hold), or dropped."""
    if not events:
        return events
    i = draw(st.integers(0, len(events) - 1))
    ev = events[i]
    how = draw(st.sampled_from(["seats", "party", "early", "drop"]))
    if how == "seats":
        changed = dataclasses.replace(ev, seats=(ev.seats or 0) + draw(st.integers(1, 50)))
    elif how == "party":
        changed = dataclasses.replace(ev, party=draw(st.sampled_from(["p0", "p1", "nobody"])))
    elif how == "early":
        changed = dataclasses.replace(ev, date=dt.date(2019, 12, draw(st.integers(1, 31))))
    else:
        return events[:i] + events[i + 1:]
    return [*events[:i], changed, *events[i + 1:]]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_random_log_spoiled_or_not_fails_the_same_way(data: st.DataObject) -> None:
    leg = data.draw(legislatures())
    events = data.draw(st.one_of(st.just(leg.events), _spoiled(leg.events)))
    _both(leg.chamber, leg.parties, events, [])


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_a_log_with_named_members_spoiled_or_not_fails_the_same_way(data: st.DataObject) -> None:
    log = data.draw(member_logs())
    events = data.draw(st.one_of(st.just(log.events), _spoiled(log.events)))
    _both(log.chamber, log.parties, events, log.members)


def test_the_spoiled_logs_do_fail() -> None:
    # the comparison above is not between two runs that never fail
    chamber = Chamber("House", 10, "pk-na", dt.date(2020, 1, 1))
    parties = [Party("a", "A", 6, "government"), Party("b", "B", 4, "opposition")]
    too_many = [Event(dt.date(2020, 2, 1), "switch-side", party="a", seats=7, to="opposition")]
    early = [Event(dt.date(2019, 2, 1), "resign", party="a", seats=1)]
    assert _outcome(lambda: check_log(chamber, parties, too_many)) is not None
    failed = _outcome(lambda: check_log(chamber, parties, early))
    assert failed is not None and "dated 2019-02-01, before 2020-01-01" in failed[1]
    _both(chamber, parties, too_many, [])
    _both(chamber, parties, early, [])


def test_every_bundled_scenario_s_log_applies() -> None:
    for sid in bundled_scenarios():
        sc = load_scenario(sid)
        sc.check_log()
        assert len(list(sc.history())) == 1 + sum(1 for e in sc.events if e.date >= sc.chamber.as_of)
