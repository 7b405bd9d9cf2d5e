"""An error in the chamber's name, or in a seat table's wikidata cell, names where the name or id was given:
the CSV's line and column, the option, or the legislature's name in a Popolo bundle, not the scenario's
title made of it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv
from whipcount.io.popolo import read_popolo

DAY = dt.date(2020, 1, 1)
LONG = "C" * 600
TOO_LONG = "expected at most 500 characters, got 600 (and 1 more)"  # the title and the chamber's name


def refused(text: str, **options: object) -> str:
    with pytest.raises(InterchangeError) as err:
        import_csv(text, "t.csv", rules="pk-na", **options)  # type: ignore[arg-type]
    return str(err.value)


def test_a_term_csv_chamber_column() -> None:
    text = f"id,name,group_id,start_date,chamber\na1,Ann,red,2020-01-01,{LONG}\nb1,Bob,red,2020-01-01,{LONG}\n"
    assert refused(text) == f"t.csv:2: column 'chamber': {TOO_LONG}"


def test_a_seat_table_chamber_name_column() -> None:
    assert refused(f"party,seats,side,chamber_name\nred,1,government,{LONG}\n", as_of=DAY) == \
        f"t.csv:2: column 'chamber_name': {TOO_LONG}"


@pytest.mark.parametrize("text", ["party,seats,side\nred,1,government\n",
                                  "id,name,group_id,start_date\na1,Ann,red,2020-01-01\n"])
def test_the_chamber_name_option(text: str) -> None:
    # the title made of the name fails too where the scenario's reader goes on to it ("(and 1 more)")
    assert refused(text, as_of=DAY, chamber_name="Diet\x01").startswith(
        "--chamber-name: expected text without control characters, got U+0001 at character 5")


def test_a_popolo_legislature_name(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    bundle = {"persons": [{"id": "ann", "name": "Ann"}],
              "organizations": [{"id": "house", "name": LONG, "classification": "legislature"}],
              "memberships": [{"person_id": "ann", "organization_id": "house", "start_date": "2020-01-01"}]}
    path.write_text(json.dumps(bundle).replace('"organizations"', '\n"organizations"'), encoding="utf-8")
    with pytest.raises(InterchangeError) as err:
        read_popolo(path, rules="pk-na")
    assert str(err.value) == f"{path}:2: organizations[0].name: {TOO_LONG}"


def test_a_seat_table_wikidata_cell_is_checked_as_an_id() -> None:
    assert refused("party,seats,side,wikidata\nred,1,government,Q1\nblue,1,government,q12\n", as_of=DAY) == \
        "t.csv:3: column 'wikidata': expected a Wikidata id such as Q42, got 'q12'"
