"""Edge cases of the pass rule, each from a recorded division or worked out by hand from the text.

Complements tests/test_rules.py (thresholds by hand, the UK and Spanish ties, the Italian and Polish
abstentions, Art. 63A by date) and tests/test_pass_rule.py (every profile against a reference): here the
casting vote in each kind of chamber, a tie that only abstentions make, vacancies in a scenario's count,
counts that cannot be, and the first poll of an election.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from whipcount.errors import RulesError
from whipcount.model import Scenario
from whipcount.rules import judge, needed, needed_in

D = dt.date


# -- ties and casting votes -----------------------------------------------------------------------------
def test_a_tie_in_the_commons_goes_against_by_speaker_denisons_rule() -> None:
    # 22 July 1993, the Social Chapter amendment: 317 to 317, and Speaker Boothroyd voted no, following
    # Speaker Denison's rule (the chair does not create a majority that does not exist).
    o = judge("gb-hc", "no-confidence", yes=317, no=317, on=D(1993, 7, 22), seats=651)
    assert o.tie and not o.passed and "by convention" in o.explanation
    assert judge("gb-hc", "no-confidence", yes=317, no=317, seats=651, casting_vote="yes").passed
    assert not judge("gb-hc", "no-confidence", yes=317, no=317, seats=651, casting_vote="no").passed
    # one vote either way is no tie: 318 of 635 cast is a majority
    o = judge("gb-hc", "no-confidence", yes=318, no=317, seats=651)
    assert o.passed and not o.tie


def test_a_casting_vote_with_no_convention_decides_only_when_given() -> None:
    # Australia s. 40: "in the event of an equality of votes the Speaker shall have a casting vote";
    # no convention is recorded, so an equality with no casting vote given is not a carried motion.
    o = judge("au-hr", "no-confidence", yes=70, no=70, seats=151)
    assert o.tie and not o.passed and "no casting vote was given" in o.explanation
    assert judge("au-hr", "no-confidence", yes=70, no=70, seats=151, casting_vote="yes").passed
    assert not judge("au-hr", "no-confidence", yes=70, no=70, seats=151, casting_vote="no").passed


def test_a_casting_vote_is_ignored_where_a_tie_simply_fails() -> None:
    # Spain: the President of the Congress has no casting vote (a tie fails), so one given changes nothing.
    o = judge("es-cd", "confidence", yes=170, no=170, casting_vote="yes", seats=350)
    assert o.tie and not o.passed


def test_a_tie_on_the_present_basis_is_made_by_the_abstentions() -> None:
    # Poland Art. 154(2): an absolute majority of the votes, abstentions included. 200 yes against 150 no
    # and 50 abstaining: 400 present, more than half is 201 -> a tie of 200 to 200 that fails;
    # the same 200 carry it if the 50 stay away (350 voting, 176 needed).
    o = judge("pl-sejm", "investiture", yes=200, no=150, abstain=50, seats=460)
    assert not o.passed and o.needed == 201
    assert judge("pl-sejm", "investiture", yes=200, no=150, seats=460).passed
    # India's Lok Sabha counts those present *and voting*: the 50 abstentions do not count at all
    o = judge("in-ls", "no-confidence", yes=200, no=150, abstain=50, seats=543)
    assert o.passed and o.needed == 176


def test_equal_yes_and_no_is_no_tie_on_the_total_membership() -> None:
    # Pakistan Art. 95(4): 171 to 171 falls one short of 172 of 342; it is not a tie for a chair to break.
    o = judge("pk-na", "no-confidence", yes=171, no=171, seats=342, casting_vote="yes")
    assert not o.passed and not o.tie and o.needed == 172


# -- vacancies ----------------------------------------------------------------------------------------
def test_vacancies_in_a_scenario_do_not_lower_a_total_membership_bar(pakistan: Scenario) -> None:
    # 10 April 2022: 342 seats, one vacant; 172 needed (Art. 95(4), total membership)
    state = pakistan.state(D(2022, 4, 10))
    assert (state.seats, state.vacancies) == (342, 1)
    n = needed_in(pakistan, state)
    assert (n.count, n.seats, n.vacancies) == (172, 342, 1)
    # 28 July 2022: 12 seats vacant after resignations, still 172
    later = pakistan.state(D(2022, 7, 28))
    assert later.vacancies == 12 and needed_in(pakistan, later).count == 172


def test_vacancies_in_a_scenario_lower_a_sitting_members_bar(pakistan: Scenario) -> None:
    # Nepal Art. 100: a majority of "the then members": the same chamber under Nepal's rule needs
    # 342 - 1 = 341 -> 171 on 10 April and 342 - 12 = 330 -> 166 on 28 July.
    chamber = dataclasses.replace(pakistan.chamber, rules="np-hor")
    nepal = dataclasses.replace(pakistan, chamber=chamber, motions=())
    assert needed_in(nepal, nepal.state(D(2022, 4, 10)), kind="confidence").count == 171
    assert needed_in(nepal, nepal.state(D(2022, 7, 28)), kind="confidence").count == 166


# -- counts that cannot be ----------------------------------------------------------------------------
def test_counts_above_the_sitting_members_are_refused() -> None:
    # 342 seats with one vacant: 341 members can vote at most
    assert judge("pk-na", "no-confidence", yes=300, no=41, seats=342, vacancies=1).passed
    with pytest.raises(RulesError, match=r"add up to 342 .* only 341 sitting members \(342 seats less 1 vacant\)"):
        judge("pk-na", "no-confidence", yes=300, no=42, seats=342, vacancies=1)
    with pytest.raises(RulesError, match="only 340 sitting members"):
        judge("pk-na", "no-confidence", yes=170, no=100, abstain=60, absent=11, seats=342, vacancies=2)


def test_defectors_above_the_yes_votes_are_refused() -> None:
    with pytest.raises(RulesError, match="defectors: 4 votes against the party's direction, but only 3 yes votes"):
        judge("pk-na", "no-confidence", yes=3, defectors=4, seats=342)
    # all the yes votes may defy the party: under the 2022 opinion none of them count
    o = judge("pk-na", "no-confidence", yes=5, defectors=5, seats=342, on=D(2023, 1, 1))
    assert o.counted_yes == 0 and not o.passed


# -- the first poll of an election ----------------------------------------------------------------------
def test_the_first_poll_counts_every_other_candidate_as_against() -> None:
    # Japan, 11 November 2024, Art. 67(1) and House rule 18: Ishiba 221, Noda 151, Baba 38, Tamaki 28 and
    # 26 others: 464 votes cast, 233 needed; Ishiba's 221 fall short (against the runner-up alone,
    # 221 of 372 would have been a majority).
    first = judge("jp-hr", "pm-election", yes=0, seats=465, on=D(2024, 11, 11),
                  candidates={"Ishiba": 221, "Noda": 151, "Baba": 38, "Tamaki": 28, "others": 26})
    assert not first.passed and first.needed == 233
    assert first.next_step and "second poll between the top 2" in first.next_step
    # the runoff: Ishiba 221, Noda 160 (84 invalid): 381 cast, 191 needed
    runoff = judge("jp-hr", "pm-election", yes=0, seats=465, on=D(2024, 11, 11), round=2,
                   candidates={"Ishiba": 221, "Noda": 160})
    assert runoff.passed and runoff.needed == 191


def test_a_first_poll_on_the_total_membership_ignores_how_the_rest_split() -> None:
    # Pakistan Art. 91(4): 172 of 342 in the first poll whatever the others get; 11 April 2022,
    # Shehbaz Sharif elected with 174 votes (PTI walked out: no votes for Qureshi were recorded).
    o = judge("pk-na", "pm-election", yes=0, seats=342, vacancies=1, on=D(2022, 4, 11),
              candidates={"Shehbaz Sharif": 174, "Shah Mahmood Qureshi": 0})
    assert o.passed and o.needed == 172
    assert not judge("pk-na", "pm-election", yes=0, seats=342, on=D(2022, 4, 11),
                     candidates={"A": 171, "B": 2}).passed


def test_needed_without_a_date_for_an_election_uses_todays_size() -> None:
    # Pakistan's National Assembly has 336 members since 29 February 2024: 169 elect a Prime Minister
    assert needed("pk-na", "pm-election").count == 169
