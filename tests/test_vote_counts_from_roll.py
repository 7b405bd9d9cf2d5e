"""A vote event's counts and its roll of individual votes: the votes of members who did not vote, folded
into a division's absent count, agree with it when read back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.io.csvio import read_csv
from whipcount.io.ocd import import_ocd
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.model import Scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"


@pytest.fixture
def examplia() -> Scenario:
    return read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario


def vote() -> dict[str, Any]:
    return json.loads((HERE / "ocd-vote-examplia.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_a_division_with_members_excused_reads_back_without_warnings(examplia: Scenario) -> None:
    # the fixture counts 1 excused and 1 not voting: the division's absent is 2, and its roll keeps the
    # two options; the bundle written counts absent 2 and lists one excused and one not voting
    sc = import_ocd(vote(), "v.json", examplia).scenario
    assert sc.motions[0].division is not None and sc.motions[0].division.absent == 2
    again = import_popolo(json.loads(dump_popolo(sc)), "b.json", strict=True)
    assert again.warnings == ()
    assert again.scenario.motions[0].division == sc.motions[0].division


def test_a_count_of_absent_still_disagrees_with_a_shorter_roll(examplia: Scenario) -> None:
    sc = import_ocd(vote(), "v.json", examplia).scenario
    bundle = json.loads(dump_popolo(sc))
    votes = bundle["vote_events"][0]["votes"]
    bundle["vote_events"][0]["votes"] = [v for v in votes if v["option"] != "excused"]
    warnings = import_popolo(bundle, "b.json").warnings
    assert any("counts say 2 absent but 1 individual absent vote(s) are listed" in w for w in warnings)
