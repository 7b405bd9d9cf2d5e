"""``outcome --rules ID --motion KIND --yes N --format csv`` (one division, no scenario) is one row under the
division's own 31 columns, as docs/rules.md lists them, not the ~160 of a scenario's motions (``scenario``,
``outcome_*``, ``status_*`` ...), which stood all empty beside it.

Pakistan's Art. 95(4) on 10 April 2022, by hand: 342 seats, 1 vacant and counted, so more than half of 342:
172 needed; 174 voted for.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from whipcount.cli.formats import BOM

# as docs/rules.md lists them (typed from the docs, not read from the code)
DOCUMENTED = ("passed needed basis vacancies_counted vacancies_verified votes_recorded motion rules explanation "
              "elected yes no abstain absent counted_yes seats vacancies on reject_at tie quorum quorum_met round "
              "next_step effect source_article source_url notes present_not_voting invalid defectors").split()
ARGS = ("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "174", "--seats", "342",
        "--vacancies", "1", "--on", "2022-04-10", "--format", "csv")


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_division_has_its_own_columns(run_cli: Any) -> None:
    r = run_cli(*ARGS)
    assert r.code == 0, r.err
    assert r.out.splitlines()[0].split(",") == DOCUMENTED
    (row,) = _rows(r.out)
    assert (row["passed"], row["needed"], row["yes"], row["seats"], row["vacancies"]) == ("True", "172", "174",
                                                                                          "342", "1")
    assert (row["basis"], row["vacancies_counted"], row["on"]) == ("total", "True", "2022-04-10")
    assert row["source_article"].startswith("Art. 95(4)")


def test_every_count_given_fills_its_column(run_cli: Any) -> None:
    # the columns of the counts one may give are there whether or not they are given, and filled when they are
    r = run_cli(*ARGS, "--no", "0", "--abstain", "2", "--absent", "165")
    assert r.code == 0, r.err
    (row,) = _rows(r.out)
    assert list(row) == DOCUMENTED
    assert (row["no"], row["abstain"], row["absent"]) == ("0", "2", "165")


def test_the_byte_order_mark_is_kept(run_cli: Any) -> None:
    r = run_cli(*ARGS, "--bom")
    assert r.code == 0, r.err
    assert r.out.startswith(BOM + "passed,needed,basis,")


def test_a_scenario_s_motions_keep_their_columns(run_cli: Any) -> None:
    # the documented columns of outcome SCENARIO (docs/forecast.md): a row per motion, its result under outcome_
    r = run_cli("outcome", "pk-na-2022", "--format", "csv")
    assert r.code == 0, r.err
    head = r.out.splitlines()[0].split(",")
    assert head[:3] == ["scenario", "on", "id"]
    assert {"outcome_passed", "outcome_needed", "status_state", "needed_count", "sides_government"} <= set(head)


def test_the_defectors_given_fill_their_column(run_cli: Any, tmp_path: Any) -> None:
    # by hand: 3 of the 174 yes votes cast against the party's direction, given on the command line ...
    (row,) = _rows(run_cli(*ARGS, "--defectors", "3").out)
    assert row["defectors"] == "3"
    (row,) = _rows(run_cli(*ARGS).out)
    assert row["defectors"] == ""  # none given
    # ... and recorded in a scenario's division: a row per motion, under outcome_
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "chamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}\n"
        "parties:\n  - {id: red, name: Red, seats: 5, side: government}\n"
        "  - {id: blue, name: Blue, seats: 4, side: opposition}\n"
        "motion: {kind: no-confidence, vote: 2021-03-01}\n"
        "division: {yes: 5, no: 4, defectors: 2}\n", encoding="utf-8")
    r = run_cli("outcome", str(scenario), "--format", "csv")
    assert r.code == 0, r.err
    (row,) = _rows(r.out)
    assert row["outcome_defectors"] == "2"
