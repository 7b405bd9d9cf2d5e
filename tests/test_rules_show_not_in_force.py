"""``rules show --on DATE`` lists the rules in force that day and says which kinds of the profile were not,
with the days they were in force, where it had listed the rules in force alone, as if the profile had no other.

The chamber below, by hand: a confidence vote from 2000-01-01 to the end of 2009 (end 2010-01-01); a
no-confidence motion under one rule from 2015-01-01 to the end of 2019 and under the next from 2020-01-01 on
(one period, 2015-01-01 to today); an investiture vote always. On 2005-01-01 the confidence and investiture
votes were in force, the no-confidence motion was not; on 2012-06-01 only the investiture vote was.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

OWN = """\
id: own-lapsed
name: A chamber whose rules came and went
seats:
  - {seats: 20, start: 2000-01-01, source: "https://example.org/seats"}
motions:
  - kind: confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
    start: 2000-01-01
    end: 2010-01-01
  - kind: no-confidence
    threshold: {basis: total}
    source: {article: "Art. 2 (old)", url: "https://example.org/rules#2"}
    start: 2015-01-01
    end: 2020-01-01
  - kind: no-confidence
    threshold: {basis: votes-cast}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
    start: 2020-01-01
  - kind: investiture
    threshold: {basis: votes-cast}
    source: {article: "Art. 3", url: "https://example.org/rules#3"}
"""


@pytest.fixture
def own(tmp_path: Path) -> str:
    path = tmp_path / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    return str(path)


def test_the_kinds_not_in_force_are_named_with_their_days(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2005-01-01")
    assert r.code == 0, r.err
    assert "not in force on 2005-01-01: no-confidence (in force from 2015-01-01 to today)" in r.out


def test_two_lapsed_kinds_each_with_its_days(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2012-06-01")
    assert r.code == 0, r.err
    assert ("not in force on 2012-06-01: confidence (in force from 2000-01-01 to 2009-12-31); "
            "no-confidence (in force from 2015-01-01 to today)") in r.out


def test_json_gives_the_kinds_not_in_force(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2012-06-01", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert [m["kind"] for m in doc["motions"]] == ["investiture"]
    assert doc["not_in_force"] == [
        {"kind": "confidence", "in_force": [{"from": "2000-01-01", "until": "2010-01-01"}]},
        {"kind": "no-confidence", "in_force": [{"from": "2015-01-01", "until": None}]},
    ]


@pytest.mark.parametrize("args", [(), ("--on", "2021-01-01")])
def test_nothing_is_said_where_every_kind_is_shown(run_cli: Any, own: str, args: tuple[str, ...]) -> None:
    # without --on every rule is shown and none is named; on 2021-01-01 only the confidence vote had lapsed
    r = run_cli("rules", "show", own, *args, "--json")
    assert r.code == 0, r.err
    expected = [] if not args else [{"kind": "confidence", "in_force": [{"from": "2000-01-01", "until": "2010-01-01"}]}]
    assert json.loads(r.out)["not_in_force"] == expected


def test_with_motion_the_other_kinds_are_not_named(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2012-06-01", "--motion", "investiture", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["not_in_force"] == []


def test_bundled_knesset_in_1960_names_the_no_confidence_motions(run_cli: Any) -> None:
    # the 1968 Basic Law's motion of no confidence (from 1968-08-13) and the constructive motion (from the
    # elections of 2003-01-28) came after 1960; the investiture vote is the profile's one rule without dates
    r = run_cli("rules", "show", "il-knesset", "--on", "1960-01-01")
    assert r.code == 0, r.err
    assert "not in force on 1960-01-01: no-confidence (in force from 1968-08-13" in r.out
    assert "constructive-no-confidence (in force from 2003-01-28 to today)" in r.out
