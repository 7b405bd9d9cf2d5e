"""A CSV cell out of the range its field allows is named by its line and column, as a cell that is no number
is, never by the scenario field it would become; and a file's own problems come before what the options
must supply (--rules, --as-of, --term), so fixing the options never uncovers an older problem of the file."""

from __future__ import annotations

import datetime as dt

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv

RULES = {"rules": "pk-na"}
DAY = {"as_of": dt.date(2025, 1, 1)}


def _error(text: str, **options: object) -> str:
    with pytest.raises(InterchangeError) as exc:
        import_csv(text, "t.csv", **options)  # type: ignore[arg-type]
    return str(exc.value)


@pytest.mark.parametrize(("header", "row", "expected"), [
    ("party,seats,side", "red,-5,government", "t.csv:2: column 'seats': expected a whole number from 0 to 100,000, got '-5'"),
    ("party,seats,side", "red,100001,government",
     "t.csv:2: column 'seats': expected a whole number from 0 to 100,000, got '100001'"),
    ("party,seats,side,seats_total", "red,5,government,0",
     "t.csv:2: column 'seats_total': expected a whole number from 1 to 100,000, got '0'"),
    ("party,seats,side,seats_total", "red,5,government,-7",
     "t.csv:2: column 'seats_total': expected a whole number from 1 to 100,000, got '-7'"),
    ("party,seats,side,left_right", "red,5,government,10.5",
     "t.csv:2: column 'left_right': expected a number from 0 to 10, got '10.5'"),
    ("party,seats,side,left_right", "red,5,government,-1", "t.csv:2: column 'left_right': expected a number from 0 to 10, got '-1'"),
    ("party,seats,side,left_right", "red,5,government,nan", "t.csv:2: column 'left_right': expected a number from 0 to 10, got 'nan'"),
    ("party_id,party_name_short,seats,election_date", "7,RED,-1,2020-01-01",
     "t.csv:2: column 'seats': expected a whole number from 0 to 100,000, got '-1'"),
])
def test_a_cell_out_of_range_is_named_by_line_and_column(header: str, row: str, expected: str) -> None:
    assert _error(f"{header}\n{row}\n", **RULES, **DAY) == expected


def test_a_second_row_of_a_party_is_checked_too() -> None:
    text = "party,seats,side,left_right\nred,5,government,3\nred,2,opposition,12\n"
    assert _error(text, **RULES, **DAY) == "t.csv:3: column 'left_right': expected a number from 0 to 10, got '12'"


def test_a_table_holding_no_seat_says_so() -> None:
    assert _error("party,seats,side\nred,0,government\n", **RULES, **DAY) == (
        "t.csv: the parties hold 0 seats in all; a chamber has from 1 to 100,000 (give its size with --seats or a "
        "seats_total column)")


BAD_LINE_3 = "party,seats,side\nred,5,government\nblue,x,opposition\n"
LINE_3 = "t.csv:3: column 'seats': expected a whole number (digits 0-9, at most 18), got 'x'"


def test_a_seat_tables_bad_cell_comes_before_the_options_it_lacks() -> None:
    assert _error(BAD_LINE_3) == LINE_3  # neither --rules nor --as-of
    assert _error(BAD_LINE_3, **RULES) == LINE_3  # no --as-of
    assert _error(BAD_LINE_3, **DAY) == LINE_3  # no --rules
    fixed = BAD_LINE_3.replace(",x,", ",4,")
    assert _error(fixed, **RULES).endswith("a seat table does not say on which date its seats hold; give --as-of")


def test_a_parlgov_tables_bad_cell_comes_before_the_choice_of_election() -> None:
    text = ("party_id,party_name_short,seats,election_date\n1,RED,5,2020-01-01\n2,BLUE,4,2020-01-01\n"
            "1,RED,5,2024-01-01\n2,BLUE,-4,2024-01-01\n")
    assert _error(text, **RULES) == "t.csv:5: column 'seats': expected a whole number from 0 to 100,000, got '-4'"


def test_a_term_csvs_bad_date_comes_before_the_choice_of_term() -> None:
    text = ("id,name,group,group_id,chamber,term,start_date,end_date\np1,Ada,Red,red,T,1,2024-01-01,\n"
            "p2,Bo,Red,red,T,2,2024-13-01,\n")
    expected = "t.csv:3: column 'start_date': no such date: '2024-13-01'"
    assert _error(text, **RULES) == expected  # two terms and no --term
    assert _error(text) == expected  # nor --rules


def test_a_quote_left_open_at_the_end_is_an_error_naming_its_line() -> None:
    """It had been read as a cell holding the rest of the file ('5\\n'), the party put on no side."""
    said = _error('party,seats,side\nred,10,government\nblue,"5\n', **RULES, **DAY)
    assert said.startswith("t.csv:3: not valid CSV: a quoted cell is not closed"), said


def test_a_party_that_is_no_id_is_read_as_one_with_a_warning() -> None:
    """As docs/interchange.md says of ids that are not whipcount ids: 'Red Party!' is read as red-party, once
    said (its second row is the same party), where it had been turned silently."""
    result = import_csv("party,seats,side\nRed Party!,10,government\nblue,5,opposition\nRed Party!,1,opposition\n",
                        "t.csv", **RULES, **DAY)  # type: ignore[arg-type]
    assert {p.id for p in result.scenario.parties} == {"red-party", "blue"}
    said = [w for w in result.warnings if "not a whipcount id" in w]
    assert said == ["t.csv:2: column 'party': 'Red Party!' is not a whipcount id (lower-case letters, digits, '.', "
                    "'_' and '-'): read as 'red-party'"]


def test_a_term_csv_of_a_scenario_without_members_is_one_error(run_cli) -> None:  # type: ignore[no-untyped-def]
    """No warning about the seats it would leave out before the error that it cannot be written."""
    r = run_cli("export", "csv", "gb-hc-1979", "--kind", "members")
    assert r.code == 1 and r.err.strip().splitlines() == [
        "error: gb-hc-1979: has no named members to write as a term CSV (use --kind seats)"]
