"""What-if changes to a whip count, checked by hand on a small chamber."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from whipcount.errors import ForecastError
from whipcount.model import Chamber, Member, Party, Stance, replay
from whipcount.tally import (
    Change,
    PassRule,
    WhipCount,
    apply_change,
    apply_changes,
    model_from_count,
    p_pass_exact,
    parse_change,
    what_if,
    whip_count,
)

D = dt.date
CHAMBER = Chamber("Test Assembly", 11, "pk-na", D(2020, 1, 1))
PARTIES = (Party("red", "Red Party", 6, "government"), Party("blue", "Blue Party", 5, "opposition"))


def _count() -> WhipCount:
    state = replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1))
    stances = (Stance(D(2020, 2, 1), "lean-yes", party="red", seats=2),)
    return whip_count(state, stances, kind="no-confidence", rule=PassRule("total", count=6))


def test_parse_change() -> None:
    assert parse_change("switch", "mqm-p") == Change("switch", "mqm-p", None)
    assert parse_change("absent", "pti:14") == Change("absent", "pti", 14)
    with pytest.raises(ForecastError, match="whole number"):
        parse_change("switch", "pti:many")
    with pytest.raises(ForecastError, match="positive"):
        parse_change("switch", "pti:0")
    with pytest.raises(ForecastError, match="PARTY"):
        parse_change("absent", ":3")


def test_switch_takes_from_the_bulk_first() -> None:
    wc = apply_change(_count(), Change("switch", "red", 3))
    # red: 4 default "no" + 2 lean-yes; 3 of the 4 switch to yes
    assert wc.by_stance() == {"yes": 5 + 3, "lean-yes": 2, "undecided": 0, "lean-no": 0, "no": 1, "abstain": 0, "absent": 0}
    assert sum(p.seats for p in wc.positions) == 11


def test_switch_whole_party_flips_each_part() -> None:
    wc = apply_change(_count(), Change("switch", "red"))
    # the 4 against go to yes, the 2 leaning yes go to no
    assert wc.by_stance()["yes"] == 5 + 4 and wc.by_stance()["no"] == 2
    # each moved part is labelled with what it now does; absentees say so
    labels = sorted(p.label.rsplit(": ", 1)[1] for p in wc.positions if p.key.endswith("~switch"))
    assert labels == ["2 switch to no", "4 switch to yes"]
    away = apply_change(_count(), Change("absent", "blue", 2))
    assert [p.label for p in away.positions if p.key.endswith("~absent")] == ["Blue Party: 2 absent"]


def test_a_switch_takes_a_party_s_bulk_before_its_named_members() -> None:
    # red: member ann (lean-yes), the other 5 against by default; one seat switching is one of the 5
    state = replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1), members=(Member("ann", "Ann", "red"),))
    count = whip_count(state, (Stance(D(2020, 2, 1), "lean-yes", member="ann"),), kind="no-confidence",
                       rule=PassRule("total", count=6))
    wc = apply_change(count, Change("switch", "red", 1))
    ann = [p for p in wc.positions if p.member == "ann"]
    assert [(p.stance, p.seats) for p in ann] == [("lean-yes", 1)]
    assert wc.by_stance()["yes"] == 5 + 1 and wc.by_stance()["no"] == 4


def test_two_switches_of_one_party_make_one_bloc() -> None:
    # 1 then 2 more of red's 4 against switch: one switched bloc of 3, 1 left against
    wc = apply_changes(_count(), [Change("switch", "red", 1), Change("switch", "red", 2)])
    moved = [p for p in wc.positions if p.key.endswith("~switch")]
    assert [(p.stance, p.seats) for p in moved] == [("yes", 3)]
    assert wc.by_stance()["yes"] == 5 + 3 and wc.by_stance()["no"] == 1


def test_absent_and_combined() -> None:
    base = _count()
    wc = apply_changes(base, [Change("absent", "blue", 2), Change("switch", "red", 1)])
    assert wc.by_stance() == {"yes": 3 + 1, "lean-yes": 2, "undecided": 0, "lean-no": 0, "no": 3, "abstain": 0, "absent": 2}
    # on a total-membership basis absentees are lost yes votes: 4 committed + 2 leaning of 6 needed
    p = p_pass_exact(model_from_count(wc))[0]
    assert p < p_pass_exact(model_from_count(base))[0]


def test_too_many_seats() -> None:
    with pytest.raises(ForecastError, match="'red' holds only 6 seats on 2020-03-01"):
        apply_change(_count(), Change("switch", "red", 7))


def test_what_if_runs() -> None:
    runs = what_if(_count(), [Change("switch", "red", 1), Change("absent", "blue")], model_from_count,
                   pivotal=False)
    assert [r.label for r in runs] == ["baseline", "1 of red switch", "blue absent", "all changes"]
    assert runs[2].forecast.p_pass < 0.01  # without blue's 5, at most red's 6 could say yes
    assert runs[1].forecast.p_pass > runs[0].forecast.p_pass
    # one change: the baseline and that change, no "all changes" that would repeat it
    one = what_if(_count(), [Change("absent", "blue")], model_from_count, pivotal=False)
    assert [r.label for r in one] == ["baseline", "blue absent"]


def test_a_party_switching_sides_does_not_send_its_abstainer_to_the_side_it_leaves(run_cli) -> None:  # type: ignore[no-untyped-def]
    """The Knesset, 13 June 2021 (israelnationalnews.com, quoted in il-knesset-2021.yaml): 60 for, 59 against,
    Ra'am's Said al-Harumi abstaining; the 60 include Ra'am's other three. Had Ra'am switched sides, its
    three would have voted against and its abstainer would not have joined the government: 60 - 3 = 57 for,
    59 + 3 + 1 = 63 against at most, never 58 for."""
    r = run_cli("what-if", "il-knesset-2021", "--switch", "raam", "--json")
    assert r.code == 0, r.err
    base, switched = json.loads(r.out)["runs"]
    assert base["committed_yes"] == 60
    assert switched["committed_yes"] == 60 - 3


def test_seats_on_no_side_go_against_the_way_most_of_their_party_votes() -> None:
    """Red (6 seats): 3 yes, 2 undecided, 1 absent; switching all of Red leaves none for the motion (3 + 2 + 1
    against). Blue (5): 4 no and 1 undecided; switching it puts all 5 for (the undecided one joins, as
    before). A party standing on no side at all goes for the motion."""
    state = replay(CHAMBER, PARTIES, (), on=D(2020, 3, 1))
    stances = (
        Stance(D(2020, 2, 1), "yes", party="red", seats=3),
        Stance(D(2020, 2, 1), "undecided", party="red", seats=2),
        Stance(D(2020, 2, 1), "absent", party="red", seats=1),
        Stance(D(2020, 2, 1), "undecided", party="blue", seats=1),
        Stance(D(2020, 2, 1), "no", party="blue", seats=4),
    )
    wc = whip_count(state, stances, kind="confidence", rule=PassRule("total", count=6))
    red = apply_change(wc, Change("switch", "red"))
    assert sum(p.seats for p in red.positions if p.party == "red" and p.stance == "no") == 3 + 2 + 1
    blue = apply_change(wc, Change("switch", "blue"))
    assert sum(p.seats for p in blue.positions if p.party == "blue" and p.stance == "yes") == 4 + 1
    undecided = whip_count(state, (Stance(D(2020, 2, 1), "undecided", party="red"),), kind="confidence",
                           rule=PassRule("total", count=6))
    moved = apply_change(undecided, Change("switch", "red"))
    assert sum(p.seats for p in moved.positions if p.party == "red" and p.stance == "yes") == 6
