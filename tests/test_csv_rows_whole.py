"""A CSV's rows are read whole or refused, and two parties are never read as one. A row with fewer cells
than the header (a file cut short mid-row, a row typed without its empty cells) is refused by its line, where
its missing cells were read as empty and a table cut after ``red,1`` of ``red,12,government`` was read as 1
seat on the default side. Two parties whose ids are made alike from what the file writes (``Red`` and
``red``, ``Red Party`` and ``Red-Party``) are refused, where they were read as one party. The text is read a
line at a time, not copied whole."""

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


@pytest.mark.parametrize(("text", "said"), [
    # a Cyrillic е and a Latin ë: two parties whose ids, made of their names, are both 'r-d'
    ("party,seats,side\nr\u0435d,4,government\nr\u00ebd,3,opposition\n",
     "t.csv:3: column 'party': party 'r\u00ebd' and 'r\u0435d' (line 2) both become 'r-d'; expected an id for "
     "each party, written the same on each of its rows"),
    ("party,seats,side\nRed,4,government\nred,3,opposition\n",
     "t.csv:3: column 'party': party 'red' and 'Red' (line 2) both become 'red'; expected an id for each party, "
     "written the same on each of its rows"),
    ("id,name,group\nm1,Ann,Red Party\nm2,Bob,Red-Party\n",
     "t.csv:3: column 'group': 'Red-Party' and 'Red Party' (line 2) both become 'red-party'; expected a group_id "
     "column to tell them apart"),
])
def test_two_parties_whose_ids_are_made_alike_are_refused_not_merged(text: str, said: str) -> None:
    """They were read as one party (a seat table: one party on two sides, 7 seats; a term CSV: one group)."""
    with pytest.raises(InterchangeError) as caught:
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=7)
    assert str(caught.value) == said


def test_one_party_on_two_sides_and_one_group_written_alike_are_still_one() -> None:
    seats = import_csv("party,seats,side\nred,4,government\nred,3,opposition\n", "t.csv", rules="pk-na",
                       as_of=dt.date(2020, 1, 1), seats=7)
    assert [(p.id, p.seats, dict(p.by_side)) for p in seats.scenario.parties] == [
        ("red", 7, {"government": 4, "opposition": 3})]
    terms = import_csv("id,name,group\nm1,Ann,Red Party\nm2,Bob,Red Party\n", "t.csv", rules="pk-na",
                       as_of=dt.date(2020, 1, 1), seats=2)
    assert [(p.id, p.seats) for p in terms.scenario.parties] == [("red-party", 2)]
