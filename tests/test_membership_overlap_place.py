"""Two memberships of one person that overlap are refused naming both where the file has them: a CSV's two
lines, a JSON file's two memberships with their lines (never a bundle's path the CSV does not have)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv
from whipcount.io.popolo import import_popolo, read_popolo

SEAT = {"organization_id": "house", "on_behalf_of_id": "red"}


def test_a_term_csv_names_the_line_of_the_membership_still_running() -> None:
    text = ("id,name,group_id,start_date,end_date\n"
            "a1,Ann,red,2020-01-01,\n"
            "b1,Bob,red,2020-01-01,\n"
            "a1,Ann,blue,2020-03-01,\n")
    with pytest.raises(InterchangeError) as err:
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1))
    assert str(err.value) == "t.csv:4: column 'start_date': 'a1' sits for 'blue' from 2020-03-01 while line 2 " \
        "runs with no end for 'red': expected one seat per person at a time"


def bundle() -> dict[str, object]:
    return {"persons": [{"id": "ann", "name": "Ann"}],
            "organizations": [{"id": "house", "name": "House", "classification": "legislature"},
                              {"id": "red", "name": "Red", "classification": "party"},
                              {"id": "blue", "name": "Blue", "classification": "party"}],
            "memberships": [{"person_id": "ann", **SEAT, "start_date": "2020-01-01", "end_date": "2020-06-30"},
                            {"person_id": "ann", **SEAT, "on_behalf_of_id": "blue", "start_date": "2020-05-01"}]}


def test_a_bundle_file_names_the_earlier_membership_and_its_line(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    text = json.dumps(bundle()).replace('{"person_id"', '\n{"person_id"')  # memberships on lines 2 and 3
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterchangeError) as err:
        read_popolo(path, rules="pk-na")
    assert str(err.value) == f"{path}:3: memberships[1].start_date: 'ann' sits for 'blue' from 2020-05-01 while " \
        "memberships[0] (line 2) runs to 2020-06-30 for 'red': expected one seat per person at a time"


def test_a_bundle_read_without_its_file_names_the_path_alone() -> None:
    with pytest.raises(InterchangeError) as err:
        import_popolo(bundle(), "b.json", rules="pk-na")
    assert str(err.value) == "b.json: memberships[1].start_date: 'ann' sits for 'blue' from 2020-05-01 while " \
        "memberships[0] runs to 2020-06-30 for 'red': expected one seat per person at a time"
