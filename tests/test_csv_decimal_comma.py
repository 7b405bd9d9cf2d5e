"""A CSV whose cells a spreadsheet separated by semicolons (a language whose decimal mark is a comma) writes
its numbers with that comma: '4,5' is four and a half there, and still refused in a comma-separated file."""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv

DAY = dt.date(2020, 1, 1)


@pytest.mark.parametrize("sep", [";", "\t"])
def test_a_decimal_comma_is_read_where_cells_are_not_separated_by_commas(sep: str) -> None:
    text = "\r\n".join(sep.join(r) for r in [["party", "seats", "side", "left_right"],
                                              ["red", "10", "government", "4,5"],
                                              ["blue", "8", "opposition", "7,25"],
                                              ["green", "2", "other", "3"]]) + "\r\n"
    sc = import_csv(text, "t.csv", rules="pk-na", as_of=DAY).scenario
    assert [p.left_right for p in sc.parties] == [4.5, 7.25, 3.0]


def test_a_decimal_comma_still_respects_the_range() -> None:
    with pytest.raises(InterchangeError) as err:
        import_csv("party;seats;side;left_right\nred;10;government;10,5\n", "t.csv", rules="pk-na", as_of=DAY)
    assert str(err.value) == "t.csv:2: column 'left_right': expected a number from 0 to 10, got '10,5'"


def test_a_comma_in_a_comma_separated_file_is_no_decimal_mark() -> None:
    with pytest.raises(InterchangeError) as err:
        import_csv('party,seats,side,left_right\nred,10,government,"4,5"\n', "t.csv", rules="pk-na", as_of=DAY)
    assert str(err.value) == "t.csv:2: column 'left_right': expected a number, got '4,5'"
