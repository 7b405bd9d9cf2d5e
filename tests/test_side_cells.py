"""A side a file gives that is not an id (a spreadsheet's 'Government') is named where the file gives it:
the CSV's line and its 'side' column, or the membership's extras.side, never a path of the scenario made
of it, and a side that is not text is refused, not dropped."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv
from whipcount.io.popolo import import_popolo, read_popolo

ID = "an id: lower-case letters, digits, '.', '_' or '-', a letter or digit first, at most 80 characters"


def test_a_seat_table_side_in_capitals_is_named_by_line_and_column() -> None:
    text = "party,seats,side\nred,10,government\nblue,8,Opposition\n"
    with pytest.raises(InterchangeError) as err:
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1))
    assert str(err.value) == f"t.csv:3: column 'side': expected a side, {ID}, got 'Opposition' " \
        "(for example 'opposition')"


def test_a_term_csv_side_that_is_no_id_is_named_by_line_and_column() -> None:
    text = ("id,name,group_id,side,start_date\n"
            "a1,Ann,red,government,2020-01-01\n"
            "b1,Bob,blue,gov side,2020-01-01\n")
    with pytest.raises(InterchangeError) as err:
        import_csv(text, "t.csv", rules="pk-na")
    assert str(err.value) == f"t.csv:3: column 'side': expected a side, {ID}, got 'gov side' " \
        "(for example 'gov-side')"


def bundle(side: Any) -> dict[str, Any]:
    return {
        "persons": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
        "organizations": [{"id": "house", "name": "House", "classification": "legislature"},
                          {"id": "red", "name": "Red", "classification": "party"}],
        "memberships": [
            {"person_id": "ann", "organization_id": "house", "on_behalf_of_id": "red", "start_date": "2020-01-01"},
            {"person_id": "bob", "organization_id": "house", "on_behalf_of_id": "red", "start_date": "2020-01-01",
             "extras": {"side": side}},
        ],
    }


def test_a_membership_side_that_is_no_id_is_named_at_the_membership(tmp_path: Path) -> None:
    path = tmp_path / "b.json"
    lines = json.dumps(bundle("Government")).replace('"memberships": [', '"memberships": [\n')
    path.write_text(lines.replace('}, {"person_id"', '},\n{"person_id"'), encoding="utf-8")
    with pytest.raises(InterchangeError) as err:
        read_popolo(path, rules="pk-na")
    # the persons and organizations on line 1, a membership on each line after it: Bob's is line 3
    assert str(err.value) == f"{path}:3: memberships[1].extras.side: expected a side, {ID}, got 'Government' " \
        "(for example 'government')"


def test_a_membership_side_that_is_not_text_is_refused_not_dropped() -> None:
    with pytest.raises(InterchangeError, match=r"memberships\[1\]\.extras\.side: expected a side, an id"):
        import_popolo(bundle(5), "b.json", rules="pk-na")


def test_a_membership_side_that_is_an_id_is_kept() -> None:
    sc = import_popolo(bundle("opposition"), "b.json", rules="pk-na").scenario
    assert [(m.id, m.side) for m in sc.members] == [("ann", None), ("bob", "opposition")]
