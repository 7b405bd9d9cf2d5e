"""Edges of the model that the replay oracles do not reach: identifiers merged without repeats, event
lines in words, seats moved from a side a party does not hold, named members over a party's seats,
sides emptied by a move, adjudicated counts, and which events fall between two dates.

Expected values are worked out by hand from the inputs written here."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from whipcount.errors import EventError, InvariantError
from whipcount.io.scenario import load_scenario
from whipcount.model import Adjudication, Chamber, Division, Event, Member, Party, Source, replay
from whipcount.model.events import SEAT_KINDS, VACATING_KINDS
from whipcount.model.formats import format_probability

D = dt.date
CH = Chamber("House", 10, "pk-na", D(2020, 1, 1), ("government", "opposition"))
PARTIES = [Party("a", "A", 6, "government"), Party("b", "B", 3, "opposition")]


def test_identifiers_keep_the_named_schemes_first_and_never_repeat_a_pair() -> None:
    party = Party("a", "A", 6, "government", wikidata="Q1", parlgov=42,
                  identifiers=(("wikidata", "Q1"), ("ocd", "x"), ("parlgov", "42")))
    assert party.all_identifiers() == (("wikidata", "Q1"), ("parlgov", "42"), ("ocd", "x"))
    member = Member("m1", "Member One", "a", identifiers=(("ocd", "m"),))  # no wikidata: nothing for it
    assert member.all_identifiers() == (("ocd", "m"),)


def test_a_switch_of_side_reads_as_seats_of_a_party_to_a_side() -> None:
    assert Event(D(2020, 1, 2), "switch-side", party="b", seats=2, to="government").describe() == \
        "2 of b to the government"
    assert Event(D(2020, 1, 2), "defect", party="a", members=("m1", "m2"), to="opposition").describe() == \
        "m1, m2 of a to the opposition"


def test_moving_seats_from_a_side_the_party_does_not_hold_is_refused_by_name() -> None:
    ev = Event(D(2020, 1, 2), "switch-side", party="a", seats=1, from_side="opposition", to="government",
               origin="f.yaml:4: events[0]")
    with pytest.raises(EventError, match=r"f\.yaml:4: events\[0\]: switch-side moves 1 seat\(s\) of 'a' but it "
                                         r"holds only 0 on the opposition side on 2020-01-02"):
        replay(CH, PARTIES, [ev])


def test_named_members_beyond_a_party_s_seats_on_a_side_are_refused() -> None:
    members = [Member("m1", "One", "b", side="government")]  # b holds no seat on the government side
    with pytest.raises(InvariantError, match=r"^1 named member \(One\) of 'b' sits on the government side, but the "
                                             r"party holds only 0 seat\(s\) there$"):
        replay(CH, PARTIES, [], members=members)


def test_seats_moved_from_under_named_members_say_who_they_are_and_how_to_move_them() -> None:
    """A party's seats moved by count, leaving its named members on a side where it holds none: the error names
    the members and says to name those who move; naming them moves them, and the log replays."""
    members = [Member("m1", "One", "a"), Member("m2", "Two", "a")]
    by_count = Event(D(2020, 1, 2), "switch-side", party="a", seats=5, to="opposition", origin="f.yaml:9: events[0]")
    with pytest.raises(InvariantError, match=r"^f\.yaml:9: events\[0\]: 2 named members \(One, Two\) of 'a' sit on "
                                             r"the government side, but the party holds only 1 seat\(s\) there: name "
                                             r"the members who move in the event's 'members' list"):
        replay(CH, PARTIES, [by_count], members=members)
    named = Event(D(2020, 1, 2), "switch-side", party="a", members=("m1", "m2"), to="opposition")
    moved = replay(CH, PARTIES, [named], members=members)
    assert dict(moved.party("a").by_side)["opposition"] == 2


def test_a_side_a_party_has_left_entirely_is_no_longer_listed() -> None:
    ev = Event(D(2020, 1, 2), "switch-side", party="b", seats=3, to="government")
    state = replay(CH, PARTIES, [ev])
    assert state.party("b").by_side == (("government", 3),)


def test_a_court_s_exclusion_comes_off_the_yes_votes_and_the_leading_candidate_only() -> None:
    # Punjab, 16 April 2022: 197 declared for Hamza Shahbaz; the 25 dissidents' votes later excluded
    ruling = Adjudication(D(2022, 6, 30), by="Lahore High Court", excluded=25)
    division = Division(yes=197, no=0, candidates=(("Hamza Shahbaz", 197), ("Pervaiz Elahi", 0)),
                        adjudications=(ruling,))
    assert division.as_adjudicated(D(2022, 6, 29)) is None  # nothing decided yet
    after = division.as_adjudicated(D(2022, 6, 30))
    assert after is not None and after.yes == 172
    assert after.candidates == (("Hamza Shahbaz", 172), ("Pervaiz Elahi", 0))


def test_events_between_two_dates_leave_out_the_first_day_and_keep_the_last() -> None:
    scenario = load_scenario("pk-na-2022")
    day = D(2022, 3, 28)  # four events that day in the bundled log
    on_day = [e for e in scenario.events if e.date == day]
    assert len(on_day) == 4
    assert scenario.events_between(day, day) == []
    assert [e for e in scenario.events_between(day - dt.timedelta(days=1), day) if e.date == day] == on_day


@pytest.mark.parametrize(("p", "text"), [(0.0, "0%"), (1.0, "100%"), (0.0004, "< 0.1%"), (0.9884, "98.8%")])
def test_probabilities_read_as_percentages(p: float, text: str) -> None:
    assert format_probability(p) == text


@pytest.mark.parametrize("p", [float("nan"), 1.5, -0.2])
def test_a_probability_outside_zero_to_one_is_refused(p: float) -> None:
    with pytest.raises(ValueError, match="a probability is between 0 and 1"):
        format_probability(p)


def test_a_party_on_two_sides_lists_them_in_the_chamber_s_order() -> None:
    # b sits in opposition and sends one seat to the government: listed government first, as the chamber is
    ev = Event(D(2020, 1, 2), "switch-side", party="b", seats=1, to="government")
    assert replay(CH, PARTIES, [ev]).party("b").by_side == (("government", 1), ("opposition", 2))


def test_a_negative_count_on_one_side_is_refused_even_when_the_sides_add_up() -> None:
    """6 seats given as 7 on one side and -1 on the other: the total agrees, the side does not; refused
    when the party is made, before any state is computed from it."""
    with pytest.raises(InvariantError, match=r"party 'a': by_side\[1\]: expected a number of seats on "
                                             r"'opposition', 0 or more, got -1"):
        Party("a", "A", 6, "government", by_side=(("government", 7), ("opposition", -1)))


def test_seats_by_side_that_do_not_add_up_are_refused_when_the_party_is_made() -> None:
    # 4 + 1 is 5, not the 6 seats the party is given
    with pytest.raises(InvariantError, match="party 'a': by_side: seats by side add up to 5, not to its 6 seats"):
        Party("a", "A", 6, "government", by_side=(("government", 4), ("opposition", 1)))


def test_a_side_listed_with_no_seats_does_not_split_a_party() -> None:
    from whipcount.model import PartyState

    whole = PartyState("a", "A", 5, "government", (("government", 5), ("opposition", 0)))
    split = PartyState("a", "A", 5, "government", (("government", 4), ("opposition", 1)))
    assert not whole.split and split.split


def test_a_state_built_by_hand_counts_no_event_and_none_unverified() -> None:
    from whipcount.model import ChamberState

    state = ChamberState(CH, D(2020, 1, 1), (), 10)
    assert (state.applied, state.unverified_events, state.notes) == (0, 0, ())


def test_a_change_of_government_reads_as_the_sides_swapping() -> None:
    assert Event(D(2022, 4, 11), "government-change").describe() == \
        "change of government: the government and the opposition swap sides"
    assert "swap" not in Event(D(2022, 4, 11), "merge", party="a", into="b").describe()


def test_a_source_is_a_link_only_with_a_web_address() -> None:
    from whipcount.model.sources import Source

    assert Source("https://www.dawn.com/news/1680931").is_link
    assert not Source("Gazette of Pakistan, 10 April 2022").is_link


def test_a_state_counts_the_events_applied_and_the_unverified_among_them() -> None:
    moves = [Event(D(2020, 1, 2), "switch-side", party="b", seats=1, to="government"),
             Event(D(2020, 1, 3), "switch-side", party="b", seats=1, to="government", verified=False)]
    state = replay(CH, PARTIES, moves)
    assert (state.applied, state.unverified_events) == (2, 1)
    assert replay(CH, PARTIES, moves, on=D(2020, 1, 2)).applied == 1


def test_a_query_without_a_date_means_the_vote_or_else_the_last_event() -> None:
    sc = load_scenario("pk-na-2022")
    assert sc.default_date == D(2022, 4, 10)  # the no-confidence vote
    from dataclasses import replace

    assert replace(sc, motions=()).default_date == sc.last_date
    assert sc.motion is not None
    assert replace(sc, motions=(replace(sc.motion, vote=None, division=None),)).default_date == sc.last_date


def test_a_citation_in_words_keeps_its_words_beside_a_title_and_date() -> None:
    from whipcount.model.sources import Source

    s = Source("Gazette of Pakistan", title="Notification of the Prime Minister's election", date=D(2022, 4, 11))
    assert s.cite() == "Gazette of Pakistan, “Notification of the Prime Minister's election”, 11 April 2022"


def test_a_merge_into_a_party_that_is_neither_known_nor_the_new_one_is_refused() -> None:
    ev = Event(D(2020, 1, 2), "merge", parties=("a", "b"), into="z", new_party=Party("y", "Y", 0, "opposition"),
               origin="f.yaml:9: events[0]")
    with pytest.raises(EventError, match=r"f\.yaml:9: events\[0\]: merge into unknown party 'z'"):
        replay(CH, PARTIES, [ev])


@pytest.mark.parametrize("seats", [-1, -1.0, np.int64(-3)])
def test_a_party_with_fewer_than_no_seats_is_refused_when_it_is_made(seats: object) -> None:
    # as an Event's seats are: at construction, naming the party and the field, with no state computed
    with pytest.raises(InvariantError, match=r"party 'a': seats: expected a number of seats, 0 or more, got -[13]$"):
        Party("a", "A", seats, "government")  # type: ignore[arg-type]


def test_a_party_with_no_seats_is_still_made() -> None:
    assert Party("a", "A", 0, "government").seats == 0
    assert Party("a", "A", 3, "government", by_side=(("government", 3), ("opposition", 0))).seats == 3


MEMBERS = [Member("m1", "One", "a", side="government"), Member("m2", "Two", "a", side="government")]


@pytest.mark.parametrize("kind", sorted(SEAT_KINDS))
def test_every_seat_event_refuses_named_members_that_disagree_with_its_seats(kind: str) -> None:
    ev = Event(D(2020, 1, 2), kind, party="a", members=("m1", "m2"), seats=3, to="opposition",
               origin="f.yaml:9: events[0]")
    with pytest.raises(EventError, match=r"^f\.yaml:9: events\[0\]: seats: expected 2, one for each member named in "
                                         r"members, got 3"):
        replay(CH, PARTIES, [ev], members=MEMBERS)


@pytest.mark.parametrize("kind", sorted(VACATING_KINDS))
def test_a_vacating_event_with_named_members_and_their_count_empties_exactly_their_seats(kind: str) -> None:
    ev = Event(D(2020, 1, 2), kind, party="a", members=("m1", "m2"), seats=2)
    state = replay(CH, PARTIES, [ev], members=MEMBERS)
    # 10 seats, 6 + 3 held: one seat was vacant before the two named members left
    assert (state.vacancies, state.party("a").seats, state.party("b").seats) == (3, 4, 3)


def test_a_seat_event_older_than_the_state_it_would_change_is_refused() -> None:
    """Replay sorts the log, but a replayer fed by hand (as the dashboard's live log is) must not go back."""
    from whipcount.model.replayer import Replayer

    r = Replayer.start(CH, PARTIES)
    r.apply(Event(D(2020, 1, 5), "switch-side", party="b", seats=1, to="government"))
    with pytest.raises(EventError, match=r"dated 2020-01-04, before the state it would change \(2020-01-05\)"):
        r.apply(Event(D(2020, 1, 4), "switch-side", party="b", seats=1, to="government"))
    r.apply(Event(D(2020, 1, 4), "statement", summary="a procedural event may be filed late"))
    assert r.date == D(2020, 1, 5)


def test_an_adjudication_that_restates_no_noes_keeps_the_recorded_ones() -> None:
    """A decision strikes 25 of 197 votes for the motion (172 count) and says nothing of the noes: they stand."""
    d = Division(yes=197, no=178, adjudications=(Adjudication(D(2022, 7, 1), "court", excluded=25),))
    adjudicated = d.as_adjudicated()
    assert adjudicated is not None and (adjudicated.yes, adjudicated.no) == (172, 178)
    restated = Division(yes=197, no=178, adjudications=(Adjudication(D(2022, 7, 1), "court", no=170),))
    assert restated.as_adjudicated().no == 170  # type: ignore[union-attr]


def test_moving_no_seats_from_a_side_the_party_does_not_hold_changes_nothing() -> None:
    ev = Event(D(2020, 1, 2), "switch-side", party="b", seats=0, from_side="government", to="opposition")
    state = replay(CH, PARTIES, [ev])
    assert state.party("b").by_side == (("opposition", 3),) and state.party("a").by_side == (("government", 6),)


def test_seats_per_side_add_up_to_the_parties_seats() -> None:
    state = replay(CH, PARTIES, [Event(D(2020, 1, 2), "switch-side", party="a", seats=2, to="opposition")])
    assert state.sides() == {"government": 4, "opposition": 5}


def test_a_vacating_or_filling_event_that_gives_no_count_moves_one_seat() -> None:
    resign = Event(D(2020, 1, 2), "resign", party="a")
    state = replay(CH, PARTIES, [resign])
    assert (state.party("a").seats, state.vacancies) == (5, 2)  # one seat was vacant already
    fill = Event(D(2020, 1, 3), "by-election", party="b")
    state = replay(CH, PARTIES, [resign, fill])
    assert (state.party("b").seats, state.vacancies) == (4, 1)


def test_a_source_with_only_an_address_is_cited_by_its_host_and_words_by_themselves() -> None:
    from whipcount.model.sources import Source

    assert Source("https://www.dawn.com/news/1").cite() == "dawn.com"
    assert Source("Dawn report of 29 March 2022").cite() == "Dawn report of 29 March 2022"
    # a citation in words with a headline or a date given apart: both are added, as for an address
    assert Source("Dawn report", title="Bhootani quits").cite() == "Dawn report, “Bhootani quits”"
    assert Source("Dawn report", date=D(2022, 3, 29)).cite() == "Dawn report, 29 March 2022"


def test_a_division_is_a_first_poll_unless_it_says_otherwise() -> None:
    from whipcount.rules.recorded import judge_division

    first = judge_division("pk-na", "pm-election", Division(yes=174, candidates=(("A", 174),)), seats=342,
                           vacancies=0, on=dt.date(2022, 4, 11))
    assert Division(yes=1).round == 1 and first.round == 1 and first.passed  # 174 of 342: a majority of all


def test_a_decision_that_names_no_excluded_votes_leaves_the_counts_as_declared() -> None:
    """A ruling that only restates the no count (or says nothing of the counts) takes no yes vote away."""
    d = Division(yes=174, no=0, candidates=(("A", 174), ("B", 0)),
                 adjudications=(Adjudication(dt.date(2022, 5, 17), "a court", no=3),))
    after = d.as_adjudicated()
    assert after is not None and (after.yes, after.no, after.candidates) == (174, 3, (("A", 174), ("B", 0)))


def test_a_source_written_as_a_mapping_reads_back_the_same() -> None:
    """``as_dict`` keeps only what is given and ``from_dict`` reads it back: every field, or none but the
    address; a date that is not one is dropped, a key it does not know ignored."""
    full = Source("https://www.dawn.com/news/1682318", "quits the coalition", "Dawn",
                  "Bhootani quits Imran-led coalition", dt.date(2022, 3, 8))
    bare = Source("https://www.dawn.com/news/1682318")
    assert Source.from_dict(full.as_dict()) == full
    assert bare.as_dict() == {"url": bare.url} and Source.from_dict(bare.as_dict()) == bare
    assert Source.from_dict({"url": bare.url, "date": "8 March", "page": 3}) == bare


@pytest.mark.parametrize(("held", "vacant"), [(11, -1), (12, -2)])
def test_the_replays_backstop_refuses_more_seats_held_than_the_chamber_has(held: int, vacant: int) -> None:
    # the event handlers refuse a by-election with no vacant seat first; should one ever let it through,
    # the state's own check must still refuse seats held beyond the chamber's size, even where the sum of
    # seats held and vacancies comes out right
    from whipcount.model.working_state import WorkingState

    chamber = Chamber("T", 10, "pk-na", dt.date(2020, 1, 1))
    state = WorkingState(chamber=chamber, holdings={"a": {"government": held}}, vacancies=vacant)
    with pytest.raises(InvariantError, match=rf"seats held \({held}\) \+ vacancies \({vacant}\) != chamber size \(10\)"):
        state._check(None)
    WorkingState(chamber=chamber, holdings={"a": {"government": 10}}, vacancies=0)._check(None)  # whole: fine
