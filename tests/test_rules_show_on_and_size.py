"""``rules show --on DATE`` shows the rules in force on that day; where none was, it says so and names the
nearest (the last in force before the day, the first after it), rather than list every rule as if it held.
And ``--vacancies N`` where the profile gives no size for the chamber that day is said not to be applied: no
number needed can be worked out, with vacant seats or without.

The chamber below, by hand: a confidence vote from 2000-01-01 to the end of 2009 (end 2010-01-01), a
no-confidence motion from 2015-01-01; sizes known from 2000-01-01 only. On 2012-06-01 neither was in force; on
2005-01-01 the confidence vote was; on 2003-01-01 the chamber had 20 seats, and with 3 vacant a majority of
the total membership is still 11 of 20.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

OWN = """\
id: own-gap
name: A chamber with a gap in its rules
seats:
  - {seats: 20, start: 2000-01-01, source: "https://example.org/seats"}
motions:
  - kind: confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
    start: 2000-01-01
    end: 2010-01-01
  - kind: no-confidence
    threshold:
      basis: votes-cast
      floor: {fraction: "1/4", basis: total}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
    start: 2015-01-01
  - kind: investiture
    threshold: {basis: votes-cast}
    source: {article: "Art. 3", url: "https://example.org/rules#3"}
    start: 2015-01-01
"""

EARLY = """\
id: own-early
name: A chamber whose size is known from 2000 only
seats:
  - {seats: 20, start: 2000-01-01, source: "https://example.org/seats"}
motions:
  - kind: confidence
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
  - kind: no-confidence
    threshold:
      basis: votes-cast
      floor: {fraction: "1/4", basis: total}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
  - kind: investiture
    threshold: {basis: votes-cast}
    source: {article: "Art. 3", url: "https://example.org/rules#3"}
"""

BEFORE = "the last before it: confidence (in force from 2000-01-01 to 2009-12-31)"
AFTER = "the first after it: no-confidence, investiture (in force from 2015-01-01 to today)"


@pytest.fixture
def own(tmp_path: Path) -> str:
    path = tmp_path / "own.yaml"
    path.write_text(OWN, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("as_json", [(), ("--json",)])
def test_a_day_with_no_rule_in_force_says_so_and_names_the_nearest(run_cli: Any, own: str,
                                                                   as_json: tuple[str, ...]) -> None:
    r = run_cli("rules", "show", own, "--on", "2012-06-01", *as_json)
    assert r.code == 1 and "Traceback" not in r.err, r.err
    assert "--on 2012-06-01: no rule of own-gap" in r.err and "was in force on 2012-06-01" in r.err
    assert BEFORE in r.err and AFTER in r.err
    assert "in force from" in r.err and r.out.count("passes with") == 0


def test_before_the_first_rule_only_the_first_after_is_named(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "1990-01-01")
    assert r.code == 1, r.err
    assert "the first after it: confidence (in force from 2000-01-01 to 2009-12-31)" in r.err
    assert "the last before it" not in r.err


def test_a_kind_not_in_force_names_its_nearest_and_the_kinds_that_were(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2005-01-01", "--motion", "no-confidence")
    assert r.code == 1, r.err
    assert "no no-confidence rule of own-gap" in r.err
    assert "the first after it: no-confidence (in force from 2015-01-01 to today)" in r.err
    assert "in force that day: confidence" in r.err


def test_a_day_with_a_rule_in_force_shows_it_alone(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2005-01-01", "--json")
    assert r.code == 0, r.err
    assert [m["kind"] for m in json.loads(r.out)["motions"]] == ["confidence"]


def test_bundled_hungary_before_1989_has_no_rule(run_cli: Any) -> None:
    # the profile's rules begin with the amended Constitution of 23 October 1989 (s. 39/A)
    r = run_cli("rules", "show", "hu-ogy", "--on", "1980-01-01")
    assert r.code == 1 and "no rule of hu-ogy was in force on 1980-01-01" in r.err, r.err
    assert "the first after it: constructive-no-confidence, confidence (in force from 1989-10-23" in r.err


def test_vacancies_with_no_size_are_said_not_to_be_applied(run_cli: Any, tmp_path: Path) -> None:
    # sizes from 2000-01-01 only: on 1999-06-01 neither the bar (total) nor the floor can be worked out
    path = tmp_path / "early.yaml"
    path.write_text(EARLY, encoding="utf-8")
    words = run_cli("rules", "show", str(path), "--on", "1999-06-01", "--vacancies", "3")
    shown = run_cli("rules", "show", str(path), "--on", "1999-06-01", "--vacancies", "3", "--json")
    assert words.code == 0 and shown.code == 0, words.err + shown.err
    confidence, no_confidence, investiture = json.loads(shown.out)["motions"]
    no_size = "the profile gives no size for the chamber on 1999-06-01"
    assert confidence["needed"]["reason"] == f"{no_size}, so --vacancies 3 is not applied"
    assert no_confidence["needed"]["floor"] is None
    assert no_confidence["needed"]["reason"] == (f"the number depends on turnout: a share of the votes cast; "
                                                 f"{no_size}, so its floor cannot be worked out and --vacancies 3 "
                                                 "is not applied")
    # a share of the votes cast with no floor: vacant seats have no part in it, nothing to apply
    assert "--vacancies" not in investiture["needed"]["reason"]
    assert words.out.count("--vacancies 3 is not applied") == 2


def test_vacancies_with_a_size_are_applied_without_comment(run_cli: Any, own: str) -> None:
    r = run_cli("rules", "show", own, "--on", "2003-01-01", "--vacancies", "3", "--json")
    assert r.code == 0, r.err
    (m,) = json.loads(r.out)["motions"]
    assert (m["needed"]["count"], m["needed"]["of"], m["needed"]["reason"]) == (11, 20, None)
