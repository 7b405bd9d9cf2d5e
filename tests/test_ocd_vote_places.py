"""An Open Civic Data vote that the scenario refuses (a voter who holds no seat that day, counts that do not
add up to the chamber) is named at its place in the vote event's file: the voter's line and index, the
counts, where the error named the file alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import read_csv
from whipcount.io.ocd import import_ocd, read_ocd
from whipcount.model import Scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"
ELI = "0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e05"  # Eli Eames: his seat is vacant from 2020-03-10


@pytest.fixture
def examplia() -> Scenario:
    return read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario


def vote() -> dict[str, Any]:
    return json.loads((HERE / "ocd-vote-examplia.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_voter_without_a_seat_is_named_at_the_vote_read(examplia: Scenario, tmp_path: Path) -> None:
    data = vote()
    # Ida Ives (votes[7]) is no member, so the division holds one vote fewer than the file lists before
    # Eli's: his vote, put last, is the file's votes[8], on the line written for it ('other': a vote no count
    # of the division holds, so the roll names no more members than a count)
    data["votes"].append({"option": "other", "voter_name": "Eli Eames", "voter_id": f"ocd-person/{ELI}"})
    path = tmp_path / "v.json"
    path.write_text(json.dumps(data).replace('{"option"', '\n{"option"'), encoding="utf-8")  # a vote a line
    with pytest.raises(InterchangeError) as err:
        read_ocd(path, examplia)
    assert str(err.value) == f"{path}:10: votes[8]: member '{ELI}' is recorded as voting 'other' on 2021-03-15 " \
        "but holds no seat that day (vacate)"


def test_counts_that_leave_members_out_are_named_at_the_counts(examplia: Scenario) -> None:
    data = vote()
    data["counts"] = [{"option": "yes", "value": 2}, {"option": "no", "value": 3}, {"option": "absent", "value": 0}]
    data["votes"] = [v for v in data["votes"] if v["option"] in ("yes", "no")]  # no one named as not voting
    with pytest.raises(InterchangeError) as err:
        import_ocd(data, "v.json", examplia)
    # by hand: 7 members sit on 2021-03-15 (Eli's seat vacant), 2 + 3 + 0 account for 5
    assert str(err.value).startswith("v.json: counts: the division accounts for 5 of the 7 members who sat on "
                                     "2021-03-15; 2 missing")
