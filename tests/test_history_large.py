"""The readers of the whole log read it once: the timeline chart's sides (``coalitions``), the seats that changed
side in ``cases``, the colours of a scenario's charts over its key dates, and the whole-timeline check of a
stored whip count (``db load``, a stance written on the dashboard). Each had copied the whole chamber after every
event or replayed the whole log once a day (a scenario of 35,000 events over 5,000 members took minutes to
hours and gigabytes). Their answers are checked against the old way, the state after each event or on each
day, on the bundled scenarios and a generated EveryPolitician-size import cut small."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from generated_case import generated_import
from whipcount.charts.partycolours import scenario_colours
from whipcount.charts.story import coalitions
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Motion, Scenario, Stance
from whipcount.model.handlers import Replayer
from whipcount.model.working_state import WorkingState
from whipcount.storage.fit import count_problem, days_to_count, scenario_problem, timeline_problem
from whipcount.storage.snapshot import live_date
from whipcount.storage.timeline import in_force
from whipcount.tally.cases import _moves, seats_changed_side

BUNDLED = sorted(bundled_scenarios())


def _generated() -> Scenario:
    sc = generated_import()
    first = sc.chamber.as_of + dt.timedelta(days=1)
    motion = Motion(kind="no-confidence", target="The Prime Minister", filed=first, vote=sc.last_date)
    stance = Stance(date=first, stance="yes", party=sc.parties[0].id)
    return replace(sc, motions=(motion,), stances=(stance,))


def _scenario(name: str) -> Scenario:
    return _generated() if name == "generated" else load_scenario(name)


def _changed_side_from_states(sc: Scenario, start: dt.date, end: dt.date) -> int:
    """The seats that changed side, read the old way: from the full state after each event."""
    moved, before = 0, None
    for event, state in sc.history():
        after = {p.id: dict(p.by_side) for p in state.parties}
        if event is not None and before is not None and start < event.date <= end \
                and event.kind != "government-change":
            moved += _moves(before, after)
        before = after
    return moved


@pytest.mark.parametrize("name", ["generated", *BUNDLED])
def test_the_seats_that_changed_side_are_those_of_the_state_after_each_event(name: str) -> None:
    sc = _scenario(name)
    days = sorted({sc.chamber.as_of, sc.last_date, *(e.date for e in sc.events)})
    spans = [(days[0], days[-1]), (days[0], days[len(days) // 2]), (days[len(days) // 3], days[-1])]
    m = sc.motion
    if m is not None and m.filed is not None:
        spans.append((max(m.filed, sc.chamber.as_of), max(m.vote or sc.default_date, sc.chamber.as_of)))
    for start, end in spans:
        assert seats_changed_side(sc, start, end) == _changed_side_from_states(sc, start, end), (start, end)


def _swapped(sides: dict[str, int]) -> dict[str, int]:
    swap = {"government": "opposition", "opposition": "government"}
    return {swap.get(s, s): n for s, n in sides.items()}


@pytest.mark.parametrize("name", ["generated", *BUNDLED])
def test_the_timeline_steps_are_the_state_after_each_event(name: str) -> None:
    sc = _scenario(name)
    co = coalitions(sc)
    states = list(sc.history())
    assert len(co.steps) == len(states)
    changes = any(e.kind == "government-change" for e in sc.events)
    for step, (event, state) in zip(co.steps, states, strict=True):
        assert (step.event, step.date, step.vacancies) == (event, state.date, state.vacancies)
        sides = state.sides()
        if changes:  # the lines keep the names of the filing date (test_chart_timeline follows them)
            assert sorted(step.seats.items()) in (sorted(sides.items()), sorted(_swapped(sides).items()))
        else:
            assert step.seats == sides, step.date
    for day in sorted({s.date for s in co.steps})[:: max(1, len(co.steps) // 50)]:
        assert co.step_on(day) == [s for s in co.steps if s.date <= day][-1]


@pytest.mark.parametrize("name", ["generated", *BUNDLED])
def test_the_states_of_many_days_are_each_day_replayed_alone(name: str) -> None:
    sc = _scenario(name)
    days = sorted({d for d in (sc.chamber.as_of, sc.last_date, *(e.date for e in sc.events)) if d >= sc.chamber.as_of})
    days = days[:: max(1, len(days) // 60)]
    assert list(sc.states(days)) == [sc.state(d) for d in days]
    # a member state shared between snapshots is the one the member had on that day
    last: dict[dt.date, Any] = {}
    for _, state in sc.history():
        last[state.date] = state
    for day in sorted(last)[:: max(1, len(last) // 40)]:
        assert last[day] == sc.state(day), day


def _timeline_problem_day_by_day(sc: Scenario) -> str | None:
    """The whole-timeline check the old way: the count built on the chamber of each day, replayed alone."""
    end = live_date(sc, sc.stances)
    for day in days_to_count(sc, sc.stances, sc.chamber.as_of, end):
        problem = count_problem(replace(sc, stances=tuple(in_force(sc.stances, day))), sc.state(day))
        if problem is not None:
            return problem
    return None


@pytest.mark.parametrize("name", ["generated", *BUNDLED])
def test_the_whole_timeline_check_is_that_of_each_day_alone(name: str) -> None:
    sc = _scenario(name)
    assert timeline_problem(sc, sc.stances, sc.chamber.as_of) == _timeline_problem_day_by_day(sc)
    # a part larger than the party's seats on some day is found on the same day, named the same way
    p = sc.parties[0]
    too_many = Stance(date=sc.chamber.as_of, stance="no", party=p.id, seats=p.seats + 1)
    bad = replace(sc, stances=(*sc.stances, too_many))
    assert timeline_problem(bad, bad.stances, bad.chamber.as_of) == _timeline_problem_day_by_day(bad)


def _counting(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the chamber copies (snapshots), the member states built and the events applied."""
    n = {"snapshot": 0, "member": 0, "apply": 0}
    snapshot, thaw, apply = WorkingState.snapshot, WorkingState._thaw, Replayer.apply

    def counted_snapshot(self: WorkingState, on: dt.date) -> Any:
        n["snapshot"] += 1
        return snapshot(self, on)

    def counted_thaw(r: Any) -> Any:
        n["member"] += 1
        return thaw(r)

    def counted_apply(self: Replayer, ev: Any) -> Any:
        n["apply"] += 1
        return apply(self, ev)

    monkeypatch.setattr(WorkingState, "snapshot", counted_snapshot)
    monkeypatch.setattr(WorkingState, "_thaw", staticmethod(counted_thaw))
    monkeypatch.setattr(Replayer, "apply", counted_apply)
    return n


def test_the_readers_of_the_whole_log_copy_no_chamber_per_event(monkeypatch: pytest.MonkeyPatch) -> None:
    sc = _generated()
    events = sum(1 for e in sc.events if e.date >= sc.chamber.as_of)
    days = len({e.date for e in sc.events})
    assert events > 500 and days > 100
    n = _counting(monkeypatch)
    coalitions(sc)
    seats_changed_side(sc, sc.chamber.as_of, sc.last_date)
    assert n["snapshot"] == 0, n  # the old ones made one for every event
    assert n["apply"] == 2 * events, n

    n.update(snapshot=0, member=0, apply=0)
    assert scenario_problem(sc) is None
    assert n["apply"] == events, n  # the log replayed once, not once a day
    assert n["snapshot"] >= days // 2, n  # a chamber for each day counted
    # a member's state is built again only after an event moved him, not for every day (the old way built
    # every member's for every day: 280,000 here)
    assert n["member"] < len(sc.members) * n["snapshot"] // 10, n


def test_the_colours_of_many_key_dates_replay_the_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    sc = _generated()
    events = sum(1 for e in sc.events if e.date >= sc.chamber.as_of)
    keyed = replace(sc, key_dates=tuple((e.date, f"event {i}") for i, e in enumerate(sc.events[::20])))
    truth = scenario_colours(keyed)
    n = _counting(monkeypatch)
    again = replace(keyed)  # the same scenario, another object: planned again
    assert scenario_colours(again) == truth
    assert n["apply"] == events, n  # had replayed the log once a key date
    assert scenario_colours(again) == truth
    assert n["apply"] == events, n  # a report asks for each of its charts: planned once


def test_a_count_with_many_lapsed_stances_replays_the_log_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # every member who left his seat by the end had a stance of his own on the day he sat: each lapses, and
    # each had replayed the log from the start to see that it fitted on its own day
    sc = _generated()
    mid = sorted(e.date for e in sc.events)[len(sc.events) // 2]
    seated_then = {m.id for m in sc.state(mid).members if m.seated}
    gone = [m.id for m in sc.state(sc.last_date).members if m.id in seated_then and not m.seated]
    assert len(gone) > 20
    stances = tuple(Stance(date=mid, stance="no", member=who) for who in gone)
    sc = replace(sc, stances=stances)
    from whipcount.tally import count_scenario

    truth = count_scenario(sc, sc.last_date)
    assert sum("lapses" in n for n in truth.notes) >= len(gone) // 2
    events = sum(1 for e in sc.events if e.date >= sc.chamber.as_of)
    n = _counting(monkeypatch)
    assert count_scenario(sc, sc.last_date) == truth
    assert n["apply"] <= 2 * events, n  # the count's own day, then every stance's day in one pass
