"""A vote without a quorum decides nothing: no effect of failing (a no-confidence resolution short of a quorum
is not "rejected"), no run-off (a candidate who cleared the bar did not "fail to reach" it), and the reason
says why. And a quorum written for every business of a House holds in its run-offs too (Japan, Art. 56(1))."""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.rules import all_constitutions, judge

ON = dt.date(2024, 11, 11)


@pytest.mark.parametrize(("kind", "round"), [("no-confidence", 1), ("confidence", 1), ("pm-election", 1),
                                             ("pm-election", 2)])
def test_three_members_present_of_465_decide_nothing(kind: str, round: int) -> None:
    """465 seats, a quorum of a third (155): 2 to 1 with 3 present clears the bar of a majority of the votes
    cast, but nothing is decided."""
    out = judge("jp-hr", kind, yes=2, no=1, on=ON, round=round)
    assert out.passed is False and out.quorum == 155 and out.quorum_met is False
    assert out.effect == "" and out.next_step is None and out.elected is None
    assert "no valid decision" in out.explanation
    assert "rejected" not in out.explanation and "reached" not in out.explanation
    assert "designated" not in out.explanation and "follows" not in out.explanation


def test_with_a_quorum_the_effects_return() -> None:
    """160 present (a quorum of 155): the same majority designates; a first poll without a majority leads
    to the run-off."""
    assert judge("jp-hr", "pm-election", yes=100, no=60, on=ON, round=2).passed
    first = judge("jp-hr", "pm-election", yes=70, no=90, on=ON)
    assert not first.passed and first.next_step is not None and "second poll" in first.next_step


def test_a_quorum_for_the_first_poll_holds_for_the_run_off() -> None:
    """Every profile whose first poll needs a quorum needs it in the run-off too: a quorum of the House is
    not lifted for the second ballot of the same business."""
    for c in all_constitutions():
        for m in c.motions:
            if m.runoff is not None and m.threshold.quorum is not None:
                assert m.runoff.threshold.quorum is not None, (c.id, m.kind)
