"""The whip count: stances applied to a chamber's state, checked against the record and hand counts."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from whipcount.errors import ForecastError
from whipcount.io.scenario import load_scenario
from whipcount.model import Chamber, Member, Party, Scenario, Source, Stance, replay
from whipcount.tally import Change, PassRule, apply_change, count_scenario, default_stance, model_from_count, whip_count

D = dt.date


def test_pakistan_on_filing_day_matches_the_news(pakistan: Scenario) -> None:
    # The News (8 March 2022): "The ruling PTI has support of 179 MNAs currently, while opposition has 162"
    wc = count_scenario(pakistan, D(2022, 3, 8))
    by = wc.by_stance()
    assert (by["yes"], by["no"]) == (162, 179)
    assert wc.needed == 172  # Art. 95(4): majority of the total membership of 342
    assert wc.short == 10
    assert all(p.default for p in wc.positions)


def test_pakistan_after_mqm_switch(pakistan: Scenario) -> None:
    # Pakistan Today, 30 March: 177 expected against the PM without PTI's dissidents (JI's Chitrali included);
    # here JI is undecided, and of PTI's dissidents Asim Nazir has announced a yes (29 March), Deharr a no
    # (26 March): the other 13 served show-cause notices on 19 March and the 5 more named at the opposition's
    # dinner of 30 March (Business Recorder, 31 March) lean yes
    wc = count_scenario(pakistan, D(2022, 3, 30))
    by = wc.by_stance()
    assert by["yes"] == 177 - 1 + 1
    assert by["undecided"] == 1
    assert by["lean-yes"] == 14 - 1 + 5
    assert by["no"] == 341 - 177 - 18 - 1  # one seat vacant (NA-33 Hangu)
    assert wc.short == 0
    dissidents = [p for p in wc.positions if p.stance == "lean-yes"]
    assert {p.party for p in dissidents} == {"pti"} and all(p.seats == 1 and p.member for p in dissidents)
    assert all(p.origin for p in dissidents)
    assert any("brecorder.com" in s.url for p in dissidents for s in p.sources)


def test_pakistan_dissidents_did_not_vote(pakistan: Scenario) -> None:
    # PTI's 155 walked out before the vote, its dissidents among them (Dawn: "PTI dissenting members did not
    # cast their votes either"); Ayaz Sadiq (PML-N) presided and did not vote
    wc = count_scenario(pakistan, D(2022, 4, 10))
    assert wc.by_stance()["absent"] == 155 + 1
    assert sum(p.seats for p in wc.positions if p.party == "pti" and p.stance == "absent") == 155
    assert sum(p.seats for p in wc.positions) == 341  # one seat vacant (NA-33 Hangu)


def test_every_seat_is_counted_once(pakistan: Scenario) -> None:
    for day in (D(2022, 3, 8), D(2022, 3, 19), D(2022, 3, 28), D(2022, 4, 9)):
        wc = count_scenario(pakistan, day)
        assert sum(wc.by_stance().values()) == wc.seats - wc.vacancies


@pytest.mark.parametrize(
    ("side", "kind", "stance"),
    [
        ("opposition", "no-confidence", "yes"),
        ("government", "no-confidence", "no"),
        ("government", "constructive-no-confidence", "no"),
        ("government", "confidence", "yes"),
        ("opposition", "confidence", "no"),
        ("other", "no-confidence", "undecided"),
        ("crossbench", "confidence", "undecided"),
    ],
)
def test_default_stances(side: str, kind: str, stance: str) -> None:
    assert default_stance(side, kind) == stance


# -- a small chamber built in code --------------------------------------------------------------------

CHAMBER = Chamber("Test Assembly", 11, "pk-na", D(2020, 1, 1))
PARTIES = (Party("red", "Red Party", 6, "government"), Party("blue", "Blue Party", 4, "opposition"),
           Party("ind", "Independents", 1, "other"))
MEMBERS = (Member("ann", "Ann", "red"), Member("bob", "Bob", "red"))
RULE = PassRule("total", count=6)


def _count(*stances: Stance, kind: str = "no-confidence", on: dt.date = D(2020, 3, 1)):  # type: ignore[no-untyped-def]
    state = replay(CHAMBER, PARTIES, (), on=on, members=MEMBERS)
    return whip_count(state, stances, kind=kind, rule=RULE)


def test_part_member_and_rest_split_a_party() -> None:
    wc = _count(
        Stance(D(2020, 2, 1), "lean-yes", party="red", seats=2),
        Stance(D(2020, 2, 2), "yes", member="ann"),
        Stance(D(2020, 2, 3), "undecided", party="red"),
    )
    red = {p.key: (p.seats, p.stance) for p in wc.positions if p.party == "red"}
    assert red == {"member:ann": (1, "yes"), "red@government/2": (2, "lean-yes"), "red": (3, "undecided")}
    assert wc.by_stance() == {"yes": 5, "lean-yes": 2, "undecided": 4, "lean-no": 0, "no": 0, "abstain": 0, "absent": 0}
    assert wc.short == 1
    # the likeliest suppliers come first: lean-yes before undecided
    assert [p.stance for p in wc.suppliers_needed()] == ["lean-yes"]


def test_later_entries_replace_earlier_ones_and_future_ones_wait() -> None:
    wc = _count(
        Stance(D(2020, 2, 1), "no", party="blue"),
        Stance(D(2020, 2, 5), "lean-no", party="blue"),
        Stance(D(2020, 4, 1), "yes", party="blue"),  # after the date asked for
    )
    assert {p.stance for p in wc.positions if p.party == "blue"} == {"lean-no"}


def test_confidence_motion_reverses_the_defaults() -> None:
    wc = _count(kind="confidence")
    assert wc.by_stance()["yes"] == 6 and wc.by_stance()["no"] == 4 and wc.by_stance()["undecided"] == 1


def test_explicit_p_yes_overrides_the_table() -> None:
    wc = _count(Stance(D(2020, 2, 1), "undecided", party="ind", p_yes=0.9))
    model = model_from_count(wc)
    assert model.bloc("ind").p_yes == 0.9
    assert model.bloc("red").p_yes == 0.01 and model.bloc("blue").p_yes == 0.98
    # the ends of [0, 1] are probabilities too: a certain yes, a certain no
    for p in (0.0, 1.0):
        assert model_from_count(_count(Stance(D(2020, 2, 1), "undecided", party="ind", p_yes=p))).bloc("ind").p_yes == p


def test_a_group_naming_a_party_without_seats_is_refused_by_its_number() -> None:
    with pytest.raises(ForecastError,
                       match=r"^group 2: party 'green' holds no seats on 2020-03-01 \(parties: blue, ind, red\)$"):
        model_from_count(_count(), groups=[(["red", "blue"], 0.5), (["ind", "green"], 0.5)])


def test_a_mistyped_party_names_the_one_meant() -> None:
    """From Python as from the command line: a group or a what-if change naming 'bleu' asks for 'blue'."""
    with pytest.raises(ForecastError, match=r"^group 1: party 'bleu' holds no seats on 2020-03-01 "
                                            r"\(parties: blue, ind, red\); did you mean 'blue'\?$"):
        model_from_count(_count(), groups=[(["red", "bleu"], 0.5)])
    with pytest.raises(ForecastError, match=r"^what-if --yes 'bleu:1': no seats of 'bleu' on 2020-03-01 "
                                            r"\(parties: blue, ind, red\); did you mean 'blue'\?$"):
        apply_change(_count(), Change("yes", "bleu", 1))


@pytest.mark.parametrize(
    ("stance", "message"),
    [
        (Stance(D(2020, 2, 1), "yes", party="green", origin="f.yaml:9: stances[0]"),
         r"f.yaml:9: stances\[0\]: party 'green' is not a party of the chamber on 2020-03-01"),
        (Stance(D(2020, 2, 1), "yes", member="zed", origin="f.yaml:9: stances[1]"),
         r"f.yaml:9: stances\[1\]: unknown member 'zed'"),
        (Stance(D(2020, 2, 1), "yes", party="red", seats=7, origin="f.yaml:4: stances[2]"),
         r"f.yaml:4: stances\[2\]: stance for 7 seats of 'red', but it holds only 6"),
        (Stance(D(2020, 2, 1), "yes", party="red", side="opposition"),
         "holds no seats on the opposition side"),
        (Stance(D(2020, 2, 1), "yes", party="red", p_yes=1.2), r"p_yes must lie in \[0, 1\], got 1.2"),
        (Stance(D(2020, 2, 1), "maybe", party="red"), r"stance: expected one of 'yes', .*, got 'maybe'"),
    ],
)
def test_bad_stances_name_the_place(stance: Stance, message: str) -> None:
    with pytest.raises(ForecastError, match=message):
        _count(stance)


def test_parts_and_members_cannot_outnumber_the_party() -> None:
    with pytest.raises(ForecastError, match="cover 7 seats, but it holds only 6"):
        _count(Stance(D(2020, 2, 1), "yes", party="red", seats=6, origin="x"),
               Stance(D(2020, 2, 1), "no", member="bob"))


def test_bad_probability_table() -> None:
    state = replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1))
    with pytest.raises(ForecastError, match=r"stance_probabilities.yes: expected a probability in \[0, 1\]"):
        whip_count(state, (), kind="no-confidence", rule=RULE, probabilities={"yes": 1.5})


def test_scenario_file_stance_error_names_file_and_line(write_scenario: Callable[[str], Path],
                                                        minimal_yaml: str) -> None:
    path = write_scenario(minimal_yaml + textwrap.dedent("""\
        stances:
          - {date: 2020-02-02, party: red, seats: 5, stance: yes, source: "https://example.org/s"}
        """))
    sc = load_scenario(path)
    # red has 6 seats, 2 of which went to the opposition on 1 February: 4 left on the government side
    with pytest.raises(ForecastError, match=r"scenario.yaml:\d+: stances\[0\]: stance for 5 seats of 'red'"):
        count_scenario(sc, D(2020, 2, 5))
    # before the stance: defaults, blue (4) and the 2 of red who moved to the opposition vote yes
    assert count_scenario(sc, D(2020, 2, 1)).by_stance()["yes"] == 6


def test_scenario_without_motion(write_scenario: Callable[[str], Path], minimal_yaml: str) -> None:
    text = "\n".join(line for line in minimal_yaml.splitlines() if not line.startswith("motion"))
    sc = load_scenario(write_scenario(text))
    with pytest.raises(ForecastError, match="no motion"):
        count_scenario(sc)


def test_sources_are_kept() -> None:
    s = Stance(D(2020, 2, 1), "lean-no", party="blue", sources=(Source("https://example.org/x"),))
    wc = _count(s)
    blue = next(p for p in wc.positions if p.party == "blue")
    assert blue.why == "2020-02-01 https://example.org/x"


def test_on_a_turnout_basis_the_magic_number_leaves_out_the_absent() -> None:
    # 11 seats, 3 of red's 6 away: 8 can vote, a majority of them is 5 (of 11 it would be 6)
    state = replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1), members=MEMBERS)
    wc = whip_count(state, (Stance(D(2020, 2, 1), "absent", party="red", seats=3),), kind="no-confidence",
                    rule=PassRule("votes-cast"))
    assert wc.by_stance()["absent"] == 3 and wc.needed == 5


def test_the_suppliers_needed_stop_as_soon_as_the_gap_is_closed() -> None:
    # blue (4) is for the motion, 6 needed: 2 short. Independents (1, undecided) then red's 2 leaning yes
    # come first by stance (leaning yes before undecided); 2 leaning yes close the gap exactly
    wc = _count(Stance(D(2020, 2, 1), "lean-yes", party="red", seats=2), Stance(D(2020, 2, 1), "undecided", party="ind"))
    assert wc.short == 2
    assert [(p.stance, p.seats) for p in wc.suppliers_needed()] == [("lean-yes", 2)]
    # 3 short: the 2 leaning yes and the undecided independent
    wc3 = whip_count(replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1), members=MEMBERS),
                     (Stance(D(2020, 2, 1), "lean-yes", party="red", seats=2),
                      Stance(D(2020, 2, 1), "undecided", party="ind")), kind="no-confidence",
                     rule=PassRule("total", count=7))
    assert wc3.short == 3
    assert [(p.stance, p.seats) for p in wc3.suppliers_needed()] == [("lean-yes", 2), ("undecided", 1)]


def test_on_a_turnout_basis_absent_suppliers_raise_the_bar_they_are_counted_against() -> None:
    # 11 seats: red 6 against, blue 3 for, green's 2 away (and likelier to come and vote yes, p 0.5, than red
    # to turn). Of the 9 voting 5 are needed, 2 short; green's 2 coming in to vote yes make 5 for, 6 against:
    # not carried (11 cast, 6 needed), so red must be named too
    parties = (Party("red", "Red", 6, "government"), Party("blue", "Blue", 3, "opposition"),
               Party("green", "Green", 2, "other"))
    state = replay(Chamber("T", 11, "gb-hc", D(2020, 1, 1)), parties, (), on=D(2020, 3, 1))
    rule = PassRule("votes-cast")
    wc = whip_count(state, (Stance(D(2020, 2, 1), "absent", party="green", p_yes=0.5),), kind="no-confidence",
                    rule=rule)
    assert (wc.needed, wc.short) == (5, 2)
    named = wc.suppliers_needed()
    assert [(p.party, p.stance) for p in named] == [("green", "absent"), ("red", "no")]
    # the named positions voting yes carry it, and the shorter list does not (by the rule's own verdict)
    came, switched = 2, named[1].seats
    assert rule.passes_one(3 + came + switched, 6 - switched) and not rule.passes_one(3 + came, 6)
    # on a fixed basis an absent member adds no vote to any bar: the absent 2 are enough there
    fixed = whip_count(state, (Stance(D(2020, 2, 1), "absent", party="green", p_yes=0.5),), kind="no-confidence",
                       rule=PassRule("total", count=5))
    assert [(p.party, p.stance) for p in fixed.suppliers_needed()] == [("green", "absent")]


def test_stances_covering_a_party_exactly_pass_and_one_seat_more_is_named_by_its_place() -> None:
    # red's 6 seats: a part of 4 and its two members, nothing left over
    wc = _count(Stance(D(2020, 2, 1), "yes", party="red", seats=4), Stance(D(2020, 2, 1), "no", member="ann"),
                Stance(D(2020, 2, 1), "no", member="bob"))
    assert sorted(p.seats for p in wc.positions if p.party == "red") == [1, 1, 4]
    # a part of 6 and a member: 7 of 6; stances built in code are named by their place in the list
    with pytest.raises(ForecastError, match=r"^stances\[2\] \(2020-02-02\): stances for 'red' on the government "
                                            r"side cover 7 seats, but it holds only 6 there on 2020-03-01$"):
        _count(Stance(D(2020, 2, 1), "lean-no", party="blue"), Stance(D(2020, 2, 1), "no", member="bob"),
               Stance(D(2020, 2, 2), "yes", party="red", seats=6))


def test_suppliers_come_by_stance_then_by_size() -> None:
    # five government parties of 1 to 5 seats, one stance each: the order is the stances' probabilities of a
    # yes (leaning yes 0.75, undecided 0.5, leaning no 0.25, no 0.01, absent 0), never the sizes' (which run
    # the other way here)
    parties = tuple(Party(k, k.upper(), n, "government") for k, n in (("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)))
    state = replay(Chamber("T", 15, "pk-na", D(2020, 1, 1)), parties, (), on=D(2020, 3, 1))
    stances = [Stance(D(2020, 2, 1), s, party=k) for k, s in (("a", "lean-yes"), ("b", "undecided"), ("c", "lean-no"),
                                                             ("d", "absent"))]
    wc = whip_count(state, stances, kind="no-confidence", rule=PassRule("total", count=8))
    assert [(p.party, p.stance) for p in wc.suppliers()] == [
        ("a", "lean-yes"), ("b", "undecided"), ("c", "lean-no"), ("e", "no"), ("d", "absent")]


def test_cohesion_by_stance_and_for_blocs_of_one() -> None:
    # red: a part of 2 leaning yes and the other 4 (no, by default); ind's 1 seat undecided
    wc = _count(Stance(D(2020, 2, 1), "lean-yes", party="red", seats=2), Stance(D(2020, 2, 1), "undecided", party="ind"))
    model = model_from_count(wc, cohesion={"lean-yes": 0.9, "no": 0.2})
    by_party = {(b.party, b.seats): b.cohesion for b in model.blocs}
    # a bloc of two acts as one as its stance says; a bloc of one member has nothing to act as one with
    assert by_party[("red", 2)] == 0.9 and by_party[("red", 4)] == 0.2 and by_party[("ind", 1)] == 0.0
    assert model_from_count(wc).bloc(next(b.key for b in model.blocs if b.seats == 2)).cohesion == 0.5
    with pytest.raises(ForecastError, match=r"^cohesion: stance: expected one of 'yes', 'lean-yes', .*, got 'maybe'$"):
        model_from_count(wc, cohesion={"maybe": 0.5})


def test_a_stance_for_a_party_without_seats_lists_the_parties_that_have_some() -> None:
    parties = (*PARTIES, Party("green", "Greens", 0, "other"))
    state = replay(CHAMBER, parties, (), on=D(2020, 3, 1), members=MEMBERS)
    with pytest.raises(ForecastError, match=r"^stances\[0\] \(2020-02-01\): party 'green' holds no seats on "
                                            r"2020-03-01 \(parties: blue, ind, red\)$"):
        whip_count(state, (Stance(D(2020, 2, 1), "yes", party="green"),), kind="no-confidence", rule=RULE)


def test_a_party_on_two_sides_is_labelled_by_its_short_name_and_side(pakistan: Scenario) -> None:
    # on 8 March 2022 the four independents sat two with the government and two with the opposition
    labels = {p.label for p in count_scenario(pakistan, D(2022, 3, 8)).positions if p.party == "independent"}
    assert labels == {"Ind. (government)", "Ind. (opposition)"}


def test_a_position_is_explained_by_its_first_source() -> None:
    wc = _count(Stance(D(2020, 2, 1), "undecided", party="ind",
                       sources=(Source("https://example.org/first"), Source("https://example.org/second"))))
    (ind,) = [p for p in wc.positions if p.party == "ind"]
    assert ind.why == "2020-02-01 https://example.org/first"
