"""A CSV's header is read whatever the case of its columns (a spreadsheet's 'Start_Date', 'Party'): a column
whipcount reads is never left out, with the dates it holds, for its capitals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv, read_csv
from whipcount.io.document_head import read_head

TERM = ("ID,Name,Group_ID,Start_Date,End_Date,Gender\n"
        "a1,Ann,red,2020-01-01,2020-06-30,f\n"
        "b1,Bob,red,2020-01-01,,\n"
        "c1,Cy,blue,2020-07-01,,\n")


def test_a_term_csv_in_capitals_keeps_its_dates() -> None:
    sc = import_csv(TERM, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=2).scenario
    # by hand: Ann's seat is vacant from 30 June, Cy fills it on 1 July
    assert [(e.date, e.kind, e.members) for e in sc.events] == [
        (dt.date(2020, 6, 30), "vacate", ("a1",)), (dt.date(2020, 7, 1), "fill-seat", ("c1",))]
    state = sc.state(on=dt.date(2020, 8, 1))
    assert {p.id: p.seats for p in state.parties} == {"red": 1, "blue": 1}
    assert state.vacancies == 0


def test_a_column_whipcount_does_not_read_is_named_as_written() -> None:
    warnings = import_csv(TERM, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=2).warnings
    assert "t.csv:1: columns whipcount does not read, left out: 'Gender' (1 of 3 rows)" in warnings


def test_a_european_seat_table_in_capitals(tmp_path: Path) -> None:
    path = tmp_path / "seats.csv"
    path.write_bytes(b"\xef\xbb\xbf Party ;Seats;Side;Left_Right\r\nred;10;government;4.5\r\nblue;8;opposition;7\r\n")
    sc = read_csv(path, rules="pk-na", as_of=dt.date(2020, 1, 1)).scenario
    assert [(p.id, p.seats, p.side, p.left_right) for p in sc.parties] == [
        ("red", 10, "government", 4.5), ("blue", 8, "opposition", 7.0)]


def test_one_column_twice_in_two_cases_is_refused() -> None:
    with pytest.raises(InterchangeError) as err:
        import_csv("party,Seats,side,SEATS\nred,1,government,2\n", "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1))
    assert str(err.value) == "t.csv:1: column 'seats' appears twice in the header (as 'Seats' and 'SEATS')"


def test_a_csv_in_capitals_is_told_as_a_csv_by_its_head(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("Party,Seats,Side\nred,1,government\n", encoding="utf-8")
    head = read_head(path)
    assert head is not None and head.syntax == "csv"
