"""A CSV's rows are read whole or refused: a row with fewer cells than the header (a file cut short mid-row,
a row typed without its empty cells) is refused by its line, where its missing cells were read as empty and
a table cut after ``red,1`` of ``red,12,government`` was read as 1 seat on the default side. The text is
read a line at a time, not copied whole."""

from __future__ import annotations

import datetime as dt
import tracemalloc

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv

SEATS = "party,seats,side\nred,6,government\nblue,12,opposition\n"
TERMS = "id,name,group,group_id,start_date,end_date\nm1,Ana,Red,red,2019-05-01,\nm2,Ben,Blue,blue,2019-05-01,\n"


@pytest.mark.parametrize(("text", "said"), [
    # the seat table cut after "blue,1": two cells of three, 'side' missing (the truth: count the commas)
    (SEATS[: SEATS.index("blue,1") + len("blue,1")], "t.csv:3: 2 cells but the header has 3 columns; expected a "
                                                     "cell for each column, an empty one too (none for 'side')"),
    (SEATS + "green,3\n", "t.csv:4: 2 cells but the header has 3 columns; expected a cell for each column, an "
                          "empty one too (none for 'side')"),
    (SEATS.replace("\n", "\r\n").replace("red,6,government", "red"),
     "t.csv:2: 1 cell but the header has 3 columns; expected a cell for each column, an empty one too (none for "
     "'seats')"),
    (TERMS[: TERMS.rindex(",2019")], "t.csv:3: 4 cells but the header has 6 columns; expected a cell for each "
                                     "column, an empty one too (none for 'start_date')"),
])
def test_a_row_with_fewer_cells_than_the_header_is_refused_by_its_line(text: str, said: str) -> None:
    with pytest.raises(InterchangeError) as caught:
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=30,
                   sides={"red": "government", "blue": "opposition"})
    assert str(caught.value) == said


def test_a_row_with_every_cell_some_empty_is_read() -> None:
    result = import_csv("party,seats,side,colour\nred,6,government,\nblue,12,opposition,\n", "t.csv",
                        rules="pk-na", as_of=dt.date(2020, 1, 1), seats=18)
    assert [(p.id, p.seats, p.side) for p in result.scenario.parties] == [("red", 6, "government"),
                                                                          ("blue", 12, "opposition")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_large_csv_is_not_copied_whole_to_be_read(newline: str) -> None:
    """A StringIO of the text held it again at four bytes a character: a 50 MB CSV took 400 MB."""
    text = newline.join(["party,seats,side", "red,6,government", "blue,12,opposition"] + [",,"] * 200_000)
    tracemalloc.start()
    try:
        result = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=18)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(p.id, p.seats) for p in result.scenario.parties] == [("red", 6), ("blue", 12)]
    assert peak < len(text) // 2  # a copy, even at one byte a character, is len(text)
