"""A negative majority (Sweden's investiture) forecasts: the candidate stands unless the noes reach 175."""

from __future__ import annotations

from whipcount.tally.passing import pass_rule


def test_swedish_investiture_stands_unless_more_than_half_of_349_vote_no() -> None:
    # Instrument of Government ch. 6 art. 4: rejected if more than half of the members (175 of 349) vote no.
    rule = pass_rule("se-riksdag", "investiture", seats=349)
    assert rule.negative
    assert bool(rule.passes(100, 174)) is True
    assert bool(rule.passes(100, 175)) is False
    assert bool(rule.passes(0, 0)) is True
