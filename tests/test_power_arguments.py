"""Arguments a notebook passes to the power functions: each kind a caller naturally uses is read, the rest
named in a PowerError.

``exact="no"`` had been taken as true (Fractions came back), ``max_coalitions="2"`` and ``limit="2"`` were
TypeErrors, ``limit=1.5`` a ValueError from ``islice``, a list of weights given to a coalition generator an
AttributeError once the listing began, names given as one string read letter by letter, and a weight of
``Fraction(4)`` or ``Decimal(4)`` refused where ``4.0`` was read.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pytest

from whipcount.errors import PowerError
from whipcount.power import (
    VectorGame,
    WeightedGame,
    banzhaf,
    coalitions,
    connected_winning_coalitions,
    holler_packel,
    minimal_winning_coalitions,
    minimum_winning_coalitions,
    swings_by_size,
    vulnerable_coalitions,
    winning_coalitions,
)

# EEC Council of Ministers, 1958 (Treaty of Rome, Art. 148(2)): [12; 4, 4, 4, 2, 2, 1]
EEC = WeightedGame([4, 4, 4, 2, 2, 1], 12)
LISTINGS = [winning_coalitions, minimal_winning_coalitions, minimum_winning_coalitions,
            connected_winning_coalitions, vulnerable_coalitions]


@pytest.mark.parametrize("weight", [Fraction(4), Decimal(4), Decimal("4.0"), 4.0, np.float64(4), np.int8(4)])
def test_a_whole_number_of_any_type_is_a_weight(weight: Any) -> None:
    game = WeightedGame([weight, 4, 4, 2, 2, 1], Fraction(12))
    assert game == EEC and all(type(w) is int for w in game.weights)


@pytest.mark.parametrize("weight", [Fraction(9, 2), Decimal("4.5"), Decimal("NaN"), float("inf"), "4", None])
def test_a_weight_that_is_not_a_whole_number_is_named(weight: Any) -> None:
    with pytest.raises(PowerError, match=r"weights\[0\] must be a non-negative integer, got"):
        WeightedGame([weight, 4, 4, 2, 2, 1], 12)


def test_names_as_one_string_are_refused_not_read_letter_by_letter() -> None:
    with pytest.raises(PowerError, match=r"names: expected a list of 2 names \(one per weight\), got 'AB'"):
        WeightedGame([2, 1], 2, names="AB")
    with pytest.raises(PowerError, match=r"names: expected a list of 2 names"):
        VectorGame([WeightedGame([2, 1], 2)], names="AB")


@pytest.mark.parametrize("exact", ["no", 0, None])
def test_exact_must_be_a_bool(exact: Any) -> None:
    with pytest.raises(PowerError, match=r"index 'banzhaf': exact must be True \(Fractions\) or False \(floats\)"):
        banzhaf(EEC, exact=exact)
    with pytest.raises(PowerError, match=r"swings_by_size: exact must be True"):
        swings_by_size(EEC, exact=exact)


def test_a_numpy_bool_is_a_bool() -> None:
    # Banzhaf of the EEC Council: 5/21 for France, Germany, Italy, 1/7 for Belgium and the Netherlands, 0 for
    # Luxembourg (Felsenthal & Machover 1998, The Measurement of Voting Power, ch. 2)
    assert banzhaf(EEC, exact=np.bool_(False)) == pytest.approx([5 / 21] * 3 + [1 / 7] * 2 + [0])


@pytest.mark.parametrize("cap", ["2", 1.5, -1, True])
def test_max_coalitions_must_be_a_count(cap: Any) -> None:
    with pytest.raises(PowerError, match=r"index 'holler-packel': max_coalitions must be a non-negative integer"):
        holler_packel(EEC, max_coalitions=cap)


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("limit", ["2", 1.5, -1, True])
def test_a_limit_that_is_not_a_count_is_named_before_any_coalition(listing: Any, limit: Any) -> None:
    with pytest.raises(PowerError, match=r"limit must be a non-negative integer, got"):
        listing(EEC, limit=limit)


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda f: f.__name__)
def test_a_listing_of_weights_not_a_game_is_named_at_once(listing: Any) -> None:
    with pytest.raises(PowerError, match=rf"{listing.__name__}: expected a WeightedGame .*got list"):
        listing([4, 4, 4, 2, 2, 1])


def test_a_numpy_limit_lists_that_many() -> None:
    # the EEC's minimal winning coalitions (by hand): FR DE IT, and two of the three large with BE and NL
    assert len(list(coalitions(EEC, "minimal", limit=np.int64(2)))) == 2
    assert len(list(minimal_winning_coalitions(EEC, limit=None))) == 4
