"""A term CSV of one day (export csv --on DATE) holds the seats of that day: read back as its warning says,
the chamber is that day's, and a membership's end (its successor not in the file) is no vacancy that never
was."""

from __future__ import annotations

import datetime as dt

from whipcount.io.csv_export import csv_leaves_out, export_csv
from whipcount.io.csvio import import_csv

TERM = ("id,name,group_id,side,start_date,end_date\n"
        "ann,Ann,red,government,2020-01-01,2020-07-01\n"
        "ann,Ann,blue,opposition,2020-07-01,\n"  # Ann crosses to Blue on 1 July
        "bob,Bob,red,government,2020-01-01,2020-09-30\n"
        "cy,Cy,blue,opposition,2020-10-01,\n"  # Cy takes Bob's seat on 1 October
        "dee,Dee,blue,opposition,2020-01-01,\n")
DAY = dt.date(2020, 3, 1)


def test_a_day_s_term_csv_read_back_is_that_day_s_chamber_after_it_too() -> None:
    sc = import_csv(TERM, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=3).scenario
    again = import_csv(export_csv(sc, "members", on=DAY), "d.csv", rules="pk-na", as_of=DAY, seats=3).scenario
    for day in (DAY, dt.date(2020, 8, 1), dt.date(2020, 12, 1)):
        state = again.state(day)
        # by hand: on 1 March Ann and Bob sit for Red, Dee for Blue; the file holds nothing after it
        assert {p.id: p.seats for p in state.parties if p.seats} == {"red": 2, "blue": 1}, day
        assert state.vacancies == 0, day


def test_the_warning_counts_the_seat_changes_after_the_day() -> None:
    sc = import_csv(TERM, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=3).scenario
    warning = csv_leaves_out(sc, "members", on=DAY)
    # Ann's crossing, Bob's vacancy and Cy's fill: three changes after 1 March
    assert warning is not None and "3 seat change(s) after 2020-03-01" in warning
