"""The model: replay against an independent seat-by-seat oracle, invariants on every date, bad events."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings

from strategies import Legislature, legislatures
from strategies_members import ACTIONS, FILLING, VACATING, MemberLog, member_logs
from whipcount.errors import EventError, InvariantError
from whipcount.model import SEAT_KINDS, Chamber, Event, Member, Party, history, replay

SIDES = ("government", "opposition", "other")


def _holdings(state):  # type: ignore[no-untyped-def]
    return {(p.id, s): n for p in state.parties for s, n in p.by_side if n}


@settings(max_examples=150, deadline=None)
@given(legislatures())
def test_replay_matches_a_seat_by_seat_oracle_on_every_date(leg: Legislature) -> None:
    for day, holdings, vacancies in leg.truth:
        state = replay(leg.chamber, leg.parties, leg.events, on=day)
        # the oracle's state after the last event of that day
        last = [t for t in leg.truth if t[0] == day][-1]
        assert _holdings(state) == last[1]
        assert state.vacancies == last[2]
        del holdings, vacancies


@settings(max_examples=300, deadline=None)
@given(member_logs())
def test_every_event_kind_matches_a_member_by_member_oracle(log: MemberLog) -> None:
    states = [s for ev, s in history(log.chamber, log.parties, log.events, members=log.members) if ev is not None]
    assert len(states) == len(log.truth)
    for ev, state, (_, truth) in zip(log.events, states, log.truth, strict=True):
        assert _holdings(state) == truth.holdings, ev
        assert state.vacancies == truth.vacancies, ev
        assert {m.id: (m.party, m.side, m.seated) for m in state.members} == truth.members, ev
        for p in state.parties:
            if p.seats == 0 and truth.home.get(p.id):
                assert p.side == truth.home[p.id], (ev, p.id)


def test_the_member_oracle_draws_every_seat_event_kind() -> None:
    # the random logs name kinds literally: a kind dropped from the model fails the oracle test
    kinds = {"switch-side", "defect", "leave-party", "join-party", "split", "merge", "government-change",
             *VACATING, *FILLING}
    assert kinds == SEAT_KINDS and len(ACTIONS) == 8


@settings(max_examples=150, deadline=None)
@given(legislatures())
def test_invariants_hold_after_every_event(leg: Legislature) -> None:
    for _, state in history(leg.chamber, leg.parties, leg.events):
        assert state.seats_held + state.vacancies == leg.chamber.seats
        assert all(n >= 0 for p in state.parties for _, n in p.by_side)
        assert sum(state.sides().values()) == state.seats_held
        ids = [p.id for p in state.parties]
        assert len(ids) == len(set(ids))


CH = Chamber("House", 10, "pk-na", dt.date(2020, 1, 1), SIDES)
PARTIES = [Party("a", "A", 6, "government"), Party("b", "B", 3, "opposition")]


def test_event_that_moves_more_seats_than_the_party_has_is_refused() -> None:
    ev = Event(dt.date(2020, 1, 2), "switch-side", party="b", seats=4, to="government", origin="f.yaml:9: events[0]")
    with pytest.raises(EventError, match=r"f\.yaml:9: events\[0\].*moves 4 seat\(s\) of 'b' but it holds only 3"):
        replay(CH, PARTIES, [ev])


def test_leaving_or_joining_a_party_without_a_count_moves_one_seat() -> None:
    """Neither seats nor members given: one member leaves party a (an independent on a's side), then one
    independent joins party b, taking the seat to b's side only when told to."""
    evs = [Event(dt.date(2020, 1, 2), "leave-party", party="a"),
           Event(dt.date(2020, 1, 3), "join-party", party="b", to="opposition")]
    left = replay(CH, PARTIES, evs, on=dt.date(2020, 1, 2))
    assert left.party("a").seats == 5 and left.party("independent").seats_on("government") == 1
    joined = replay(CH, PARTIES, evs)
    assert joined.party("b").seats_on("opposition") == 4 and joined.party("independent").seats == 0


def test_filling_more_seats_than_are_vacant_is_refused() -> None:
    ev = Event(dt.date(2020, 1, 2), "by-election", party="a", seats=2)
    with pytest.raises(EventError, match="only 1 seat"):
        replay(CH, PARTIES, [ev])


def test_parties_over_the_chamber_size_are_refused() -> None:
    with pytest.raises(InvariantError, match="parties hold 11 seats but the chamber has only 10"):
        replay(CH, [Party("a", "A", 8, "government"), Party("b", "B", 3, "opposition")], [])


def test_a_date_before_the_starting_state_is_refused() -> None:
    with pytest.raises(EventError, match="no state before 2020-01-01"):
        replay(CH, PARTIES, [], on=dt.date(2019, 12, 31))


def test_named_members_move_with_their_seats_and_cannot_be_in_two_places() -> None:
    members = [Member("m1", "Member One", "a"), Member("m2", "Member Two", "a")]
    evs = [
        Event(dt.date(2020, 1, 2), "defect", party="a", members=("m1",), to="opposition"),
        Event(dt.date(2020, 1, 3), "leave-party", party="a", members=("m2",)),
        Event(dt.date(2020, 1, 4), "resign", party="a", members=("m1",)),
    ]
    s2 = replay(CH, PARTIES, evs, on=dt.date(2020, 1, 2), members=members)
    assert s2.party("a").seats_on("opposition") == 1 and s2.party("a").seats_on("government") == 5
    s3 = replay(CH, PARTIES, evs, on=dt.date(2020, 1, 3), members=members)
    assert s3.party("independent").seats == 1 and s3.party("a").seats == 5
    m2 = next(m for m in s3.members if m.id == "m2")
    assert m2.party == "independent"
    s4 = replay(CH, PARTIES, evs, members=members)
    assert s4.vacancies == 2 and s4.party("a").seats == 4
    # m1 no longer holds a seat, so a second resignation is refused
    with pytest.raises(EventError, match="does not hold a seat"):
        replay(CH, PARTIES, [*evs, Event(dt.date(2020, 1, 5), "resign", party="a", members=("m1",))], members=members)


def test_merge_adds_seats_side_by_side() -> None:
    ev = Event(dt.date(2020, 2, 1), "merge", parties=("a", "b"), into="a")
    s = replay(CH, PARTIES, [ev])
    assert dict(s.party("a").by_side) == {"government": 6, "opposition": 3}
    assert s.party("a").split


def test_a_government_change_swaps_the_sides_of_every_seat_and_member() -> None:
    members = [Member("m1", "Member One", "a"), Member("m2", "Member Two", "b")]
    evs = [Event(dt.date(2020, 2, 1), "government-change")]
    before = replay(CH, PARTIES, [], members=members)
    after = replay(CH, PARTIES, evs, members=members)
    assert after.sides()["government"] == before.sides()["opposition"] == 3
    assert after.sides()["opposition"] == before.sides()["government"] == 6
    assert {m.id: m.side for m in after.members} == {"m1": "opposition", "m2": "government"}
    # a chamber without both sides cannot change government
    ch = Chamber("House", 10, "pk-na", dt.date(2020, 1, 1), ("left", "right"))
    with pytest.raises(EventError, match="needs the sides 'government' and 'opposition'"):
        replay(ch, [Party("a", "A", 6, "left")], evs)


def test_a_motion_is_judged_under_its_own_rules_else_the_chamber_s(pakistan) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from whipcount.rules import scenario_kind

    assert pakistan.rules_for() == "pk-na" and scenario_kind(pakistan) == "no-confidence"
    own = dataclasses.replace(pakistan.motions[1], rules="pk-pa-punjab")
    assert pakistan.rules_for(own) == "pk-pa-punjab"
    bare = dataclasses.replace(pakistan, motions=())
    assert scenario_kind(bare) == "no-confidence" and bare.rules_for() == "pk-na"


def test_every_seat_event_kind_has_its_replay_handler() -> None:
    """The handlers are an explicit registry: every kind that changes seats has one, and nothing else (a floor-crossing
    has its own: moved as a switch of side, and booked as crossed)."""
    from whipcount.model import SEAT_KINDS
    from whipcount.model.replayer import HANDLERS, Replayer

    assert set(HANDLERS) == set(SEAT_KINDS)
    assert HANDLERS["defect"] is Replayer._ev_defect and HANDLERS["death"] is Replayer._ev_vacate
