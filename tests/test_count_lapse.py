"""A stance is about the seats it named on its own day. A side it names is followed through a change of
government (the same members, relabelled); a stance whose seats are all gone later (members unseated, a
party's seats vacated) lapses with a note instead of breaking every later count; one that never fitted
(a party or side mistyped) is still an error naming its place.

Truths from the Pakistan 2022 log as typed (pk-na-2022: AML's one seat with the government, GDA's three,
the change of government of 11 April) and from the Punjab 2022 record (25 PTI dissidents voted for Hamza
Shehbaz on 16 April and were de-seated on 20 May)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from whipcount.errors import ForecastError
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Stance
from whipcount.tally import count_scenario

D = dt.date


def _pk(*extra_events: Event, stances: tuple[Stance, ...]) -> object:
    pk = load_scenario("pk-na-2022")
    return dataclasses.replace(pk, events=tuple(sorted((*pk.events, *extra_events), key=lambda e: e.date)),
                               stances=stances)


def _position(count: object, party: str) -> list[tuple[str, int, str]]:
    return [(p.side, p.seats, p.stance) for p in count.positions if p.party == party]  # type: ignore[attr-defined]


def test_a_side_named_in_a_stance_follows_a_change_of_government() -> None:
    # GDA's three sat with the government on 20 March; after 11 April the same three are in opposition
    sc = _pk(stances=(Stance(D(2022, 3, 20), "lean-no", party="gda", side="government"),))
    assert _position(count_scenario(sc, D(2022, 3, 21)), "gda") == [("government", 3, "lean-no")]
    assert _position(count_scenario(sc, D(2022, 4, 12)), "gda") == [("opposition", 3, "lean-no")]


def test_a_stance_whose_seats_are_gone_later_lapses_with_a_note() -> None:
    gone = Event(date=D(2022, 3, 25), kind="resign", party="aml", seats=1)
    sc = _pk(gone, stances=(Stance(D(2022, 3, 20), "no", party="aml"),))
    before = count_scenario(sc, D(2022, 3, 24))
    assert _position(before, "aml") == [("government", 1, "no")]
    after = count_scenario(sc, D(2022, 3, 26))
    assert _position(after, "aml") == []
    assert sum(p.seats for p in after.positions) == sum(p.seats for p in before.positions) - 1
    assert any("'aml' holds no seats" in n and "the stance of 2022-03-20 lapses" in n for n in after.notes)


def test_a_stance_that_never_fitted_is_still_an_error() -> None:
    # AML never sat in opposition: a mistyped side is refused on its own day and on every later one
    sc = _pk(stances=(Stance(D(2022, 3, 20), "yes", party="aml", side="opposition", origin="case.yaml:12"),))
    for day in (D(2022, 3, 20), D(2022, 4, 1)):
        with pytest.raises(ForecastError, match=r"case.yaml:12: 'aml' holds no seats on the opposition side"):
            count_scenario(sc, day)


def test_punjab_counts_on_every_day_after_the_de_seating() -> None:
    """The Assembly of 6 April 2022 as Business Recorder counted it: "the PTI has 183 lawmakers, PML-Q 10,
    PML-N 165, PPP seven, five are independent and one belongs to Rah-i-Haq" (371, no vacancy). On 16 April
    Faisal Niazi (PML-N) did not vote for Hamza (Dawn: "he avoided voting for Hamza Shehbaz"), and Hamza's
    votes less the dissidents' were "172 votes, including four independents" (Newsweek Pakistan): one of the five
    independents did not vote for him."""
    punjab = load_scenario("pk-pa-punjab-2022")
    on_the_day = count_scenario(punjab, D(2022, 4, 16))
    # PML-N less Faisal Niazi, PPP, four of the five independents, RHP, the dissidents
    assert on_the_day.committed_yes == 164 + 7 + 4 + 1 + 25
    assert on_the_day.by_stance()["absent"] == 158 + 10 + 1 + 1  # PTI and PML-Q boycotted; Niazi; an independent
    for day in (D(2022, 5, 20), D(2022, 7, 22), D(2022, 7, 27)):
        count = count_scenario(punjab, day)
        assert any("the stance of 2022-04-16 lapses" in n for n in count.notes), day
        assert sum(p.seats for p in count.positions) == punjab.state(day).seats_held


def test_a_part_of_a_party_that_shrank_since_counts_for_the_seats_left() -> None:
    """MQM-P held 7 seats with the government on 20 March; a stance for 5 of them, then 3 seats resigned
    (an invented event): 4 are left, and the 5 can be no more than those 4. Then all 4 go: it lapses."""
    three = Event(date=D(2022, 3, 25), kind="resign", party="mqm-p", seats=3)
    rest = Event(date=D(2022, 3, 28), kind="resign", party="mqm-p", seats=4)
    sc = _pk(three, rest, stances=(Stance(D(2022, 3, 20), "yes", party="mqm-p", seats=5, origin="case.yaml:9"),))
    before = count_scenario(sc, D(2022, 3, 21))
    assert sorted(_position(before, "mqm-p")) == [("government", 2, "no"), ("government", 5, "yes")]
    after = count_scenario(sc, D(2022, 3, 26))
    assert _position(after, "mqm-p") == [("government", 4, "yes")]
    plain = _pk(three, rest, stances=())  # every seat at its side's default: the government's MQM-P votes no
    assert after.committed_yes == count_scenario(plain, D(2022, 3, 26)).committed_yes + 4
    assert any(n.startswith("case.yaml:9: MQM") and "3 fewer than on 2022-03-20" in n
               and "the stance for 5 of them counts for 4" in n for n in after.notes), after.notes
    gone = count_scenario(sc, D(2022, 3, 29))
    assert _position(gone, "mqm-p") == []
    assert gone.committed_yes == count_scenario(plain, D(2022, 3, 29)).committed_yes
    assert any("the stance of 2022-03-20 lapses" in n for n in gone.notes), gone.notes


def test_a_part_that_did_not_fit_beside_its_members_on_its_day_is_still_refused() -> None:
    """Members' own stances take seats first: 6 of PML-Q's 5 seats on the day itself (a member's and a part of
    5) never fitted, and a later loss of a seat does not make it fit."""
    one = Event(date=D(2022, 3, 25), kind="resign", party="pml-q", seats=1)
    stances = (Stance(D(2022, 3, 20), "yes", member="tariq-bashir-cheema"),
               Stance(D(2022, 3, 20), "yes", party="pml-q", seats=5, origin="case.yaml:4"))
    sc = _pk(one, stances=stances)
    for day in (D(2022, 3, 21), D(2022, 3, 26)):
        with pytest.raises(ForecastError, match=r"case.yaml:4: stances for 'pml-q' on the government side cover"):
            count_scenario(sc, day)


def test_a_part_larger_than_its_party_on_its_own_day_is_still_refused() -> None:
    sc = _pk(stances=(Stance(D(2022, 3, 20), "yes", party="gda", seats=4, origin="case.yaml:2"),))
    with pytest.raises(ForecastError, match=r"case.yaml:2: stance for 4 seats of 'gda', but it holds only 3"):
        count_scenario(sc, D(2022, 3, 21))
