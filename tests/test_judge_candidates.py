"""An election's votes by candidate are read as every other count of judge is: a whole number of any numeric
type is the int it is (``174.0`` votes are 174, and the explanation says 174), and text, a bool, ``1.5`` or a
list of pairs is an ArgumentError naming the candidate, where ``'174'`` had been a TypeError from a
comparison and ``174.0`` had been printed as ``A 174.0``."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from whipcount.errors import ArgumentError, RulesError
from whipcount.rules import judge


@pytest.mark.parametrize("votes", [174, 174.0, Fraction(174), Decimal(174), np.int64(174), np.float64(174)])
def test_whole_votes_of_any_numeric_type_are_ints(votes: Any) -> None:
    # Pakistan, 11 April 2022: 174 for Shehbaz Sharif, a majority of the 342 members being 172
    outcome = judge("pk-na", "pm-election", yes=0, seats=342, candidates={"Shehbaz Sharif": votes})
    assert outcome.yes == 174 and type(outcome.yes) is int
    assert outcome.passed and outcome.needed == 172
    assert "first poll: Shehbaz Sharif 174;" in outcome.explanation


@pytest.mark.parametrize(("candidates", "said"), [
    ({"Shehbaz Sharif": "174"}, "candidates['Shehbaz Sharif']: expected a whole number, got '174' (str)"),
    ({"Shehbaz Sharif": 174.5}, "candidates['Shehbaz Sharif']: expected a whole number, got 174.5 (float)"),
    ({"Shehbaz Sharif": True}, "candidates['Shehbaz Sharif']: expected a whole number, got True (bool)"),
    ([("Shehbaz Sharif", 174)], "candidates: expected a mapping of names to counts, got [('Shehbaz Sharif', 174)]"),
    ({1: 174}, "candidates: expected names as text, got 1 (int)"),
])
def test_what_is_not_a_count_is_refused_by_name(candidates: Any, said: str) -> None:
    with pytest.raises(ArgumentError) as info:
        judge("pk-na", "pm-election", yes=0, seats=342, candidates=candidates)
    assert str(info.value).startswith(said)


def test_a_negative_count_is_still_a_rules_error() -> None:
    with pytest.raises(RulesError, match="candidates: 'A' has -1 votes; expected a count >= 0"):
        judge("pk-na", "pm-election", yes=0, seats=342, candidates={"A": -1})
