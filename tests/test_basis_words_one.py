"""The basis of a bar of one is worded in the singular: "a majority of the 1 vote cast", never "the 1 votes
cast" (a vote where one member voted and the rest abstained, a chamber left with one sitting member)."""

from __future__ import annotations

import pytest

from whipcount.rules import judge


@pytest.mark.parametrize(("kind", "counts", "words"), [
    ("confidence", {"yes": 1, "no": 0, "abstain": 1}, "a majority of the 1 vote cast (the 1 abstaining left out)"),
    ("confidence", {"yes": 2, "no": 1}, "a majority of the 3 votes cast"),
])
def test_votes_cast(kind: str, counts: dict[str, int], words: str) -> None:
    # gb-hc: a majority of the votes cast
    assert words in judge("gb-hc", kind, seats=650, on=None, **counts).explanation


def test_sitting_members() -> None:
    # fr-an, Art. 49(2): a majority of the members in office; with 576 of 577 seats vacant, one sits
    outcome = judge("fr-an", "no-confidence", yes=1, seats=577, vacancies=576)
    assert "a majority of the 1 sitting member (577 seats, the 576 vacant left out)" in outcome.explanation
