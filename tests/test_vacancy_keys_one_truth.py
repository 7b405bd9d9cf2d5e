"""``vacancies_counted`` and ``vacancies_verified`` are one truth for one poll, whoever prints it: ``rules show``
(words and ``--json``, the first poll and the run-off), ``outcome --json`` (a division given by hand or a
scenario's), ``count --json`` and the library's ``PassRule``. The truth, written here from the rule's text:
on the total membership the vacant seats are counted, on the sitting members left out; on a share of the votes
or of the members present, what the floor's membership does where there is a floor, and "not applicable"
(both null) where there is none, since no vacant seat can change such a bar; ``vacancies_verified`` is false
only where the rules mark the treatment unverified, and null exactly where ``vacancies_counted`` is.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import write_case
from constitutions import ten_two_vacant_case
from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import all_constitutions, pass_rule

RULES = """\
id: own-ten
name: A chamber of ten
seats: 10
motions:
  - kind: confidence
    threshold:
      basis: present
      vacancies_verified: false
      floor: {fraction: "2/5", basis: sitting}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
  - kind: no-confidence
    threshold: {basis: total, vacancies_verified: false}
    source: {article: "Art. 2", url: "https://example.org/rules#2"}
  - kind: investiture
    threshold: {basis: votes-cast}
    source: {article: "Art. 3", url: "https://example.org/rules#3"}
  - kind: pm-election
    threshold: {basis: sitting}
    runoff: {among: 2, threshold: {basis: votes-cast}}
    source: {article: "Art. 4", url: "https://example.org/rules#4"}
  - kind: constructive-no-confidence
    threshold: {basis: votes-cast, floor: {fraction: "1/4"}}
    source: {article: "Art. 5", url: "https://example.org/rules#5"}
"""


# (kind, round): (vacancies_counted, vacancies_verified, what rules show says), each by the rule's text above
TRUTH = {
    ("confidence", 1): (False, False, "vacant seats: left out of the floor (unverified)"),
    ("no-confidence", 1): (True, False, "vacant seats: counted (unverified)"),
    ("investiture", 1): (None, None, "vacant seats: not applicable"),
    ("pm-election", 1): (False, True, "vacant seats: left out"),
    ("pm-election", 2): (None, None, "in the run-off, vacant seats: not applicable"),
    ("constructive-no-confidence", 1): (True, True, "vacant seats: counted of the floor"),
}


def _json(run_cli: Any, *args: str) -> Any:
    r = run_cli(*args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def _pair(d: dict[str, Any]) -> tuple[Any, Any]:
    return d["vacancies_counted"], d["vacancies_verified"]


@pytest.fixture
def rules_file(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES, encoding="utf-8")
    return path


def test_rules_show_gives_the_truth_in_words_and_json(run_cli: Any, rules_file: Path) -> None:
    shown = _json(run_cli, "rules", "show", str(rules_file), "--vacancies", "2")
    got = {(m["kind"], 1): (*_pair(m), m["vacancies"]) for m in shown["motions"]}
    got |= {(m["kind"], 2): (*_pair(m["runoff"]), None) for m in shown["motions"] if m["runoff"]}
    assert {k: v[:2] for k, v in got.items()} == {k: v[:2] for k, v in TRUTH.items()}
    for (kind, poll), (counted, verified, _) in TRUTH.items():
        if poll == 1:
            assert (got[kind, 1][2]["counted"], got[kind, 1][2]["verified"]) == (counted, verified), kind
    words = run_cli("rules", "show", str(rules_file), "--vacancies", "2").out
    for _, _, said in TRUTH.values():
        assert said in words, said


@pytest.mark.parametrize(("kind", "poll"), list(TRUTH))
def test_outcome_and_the_library_give_the_same(run_cli: Any, rules_file: Path, kind: str, poll: int) -> None:
    counted, verified, _ = TRUTH[kind, poll]
    judged = _json(run_cli, "outcome", "--rules", str(rules_file), "--motion", kind, "--yes", "6", "--no", "1",
                   "--vacancies", "2", "--round", str(poll))
    assert _pair(judged) == (counted, verified)
    rule = pass_rule(parse_constitution_text(RULES, "rules.yaml"), kind, vacancies=2, round=poll)
    assert _pair(rule.vacancy_keys()) == (counted, verified)


@pytest.mark.parametrize("kind", [k for k, poll in TRUTH if poll == 1])
def test_count_and_a_scenario_s_outcome_give_the_same(run_cli: Any, tmp_path: Path, kind: str) -> None:
    case = str(write_case(tmp_path, RULES, ten_two_vacant_case(kind)))
    counted, verified, _ = TRUTH[kind, 1]
    assert _pair(_json(run_cli, "count", case)) == (counted, verified)
    pending = _json(run_cli, "outcome", case, "--on", "2024-01-15")["motions"][0]["needed"]
    assert _pair(pending) == (counted, verified)


def _truth_of(th: Any) -> tuple[bool | None, bool | None]:
    """The truth for a bundled threshold, by the rule stated at the top of this file."""
    membership = th.basis if th.basis in ("total", "sitting") else th.floor.basis if th.floor else None
    counted = {"total": True, "sitting": False}.get(membership or "")
    return counted, (None if counted is None else th.vacancies_verified)


@pytest.mark.parametrize("profile", [c.id for c in all_constitutions() if c.origin == "built-in"])
def test_every_bundled_motion_says_the_same_in_rules_show_and_outcome(run_cli: Any, profile: str) -> None:
    c = next(c for c in all_constitutions() if c.id == profile)
    shown = _json(run_cli, "rules", "show", profile)
    for m, rule in zip(shown["motions"], c.motions, strict=True):
        for poll, th, keys in ((1, rule.threshold, m), (2, rule.runoff and rule.runoff.threshold, m["runoff"])):
            if th is None:
                continue
            truth = _truth_of(th)
            assert _pair(keys) == truth, (profile, m["kind"], poll)
            if poll == 1:
                assert (m["vacancies"]["counted"], m["vacancies"]["verified"]) == truth
            day = rule.end - dt.timedelta(days=1) if rule.end else rule.start  # a day the rule is in force
            on = ("--on", day.isoformat()) if day else ()
            judged = _json(run_cli, "outcome", "--rules", profile, "--motion", m["kind"], "--yes", "10", "--no", "0",
                           "--seats", "100", "--round", str(poll), *on)
            assert _pair(judged) == truth, (profile, m["kind"], poll)
