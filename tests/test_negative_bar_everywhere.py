"""Under a negative majority every command that states the bar gives the noes that reject the motion.

A chamber of 151 seats, 1 vacant, whose investiture is "rejected only if a majority of the total membership
vote against": more than half of 151 is 76 noes, whatever the vacancy (worked by hand). ``count``,
``forecast`` and ``outcome`` said 76 (``reject_at``); ``tally``, ``compare`` and ``cases`` gave no bar at
all (``needed`` null and nothing beside it), so a table of cases or a comparison lost the one figure the
motion turns on.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CONSTITUTION = """\
id: tolerating-house
name: Tolerating House
seats: 151
motions:
  - kind: investiture
    threshold: {basis: total, fraction: "1/2", strict: true, negative: true}
    source: {article: "Art. 5", url: "https://example.org/5"}
"""

SCENARIO = """\
id: tolerated-2027
title: A tolerated minority government
chamber: {name: Tolerating House, rules: rules.yaml, seats: 151, vacancies: 1, as_of: 2027-01-01}
parties:
  - {id: blue, name: Blue Party, seats: 60, side: government}
  - {id: red, name: Red Party, seats: 70, side: opposition}
  - {id: green, name: Green Party, seats: 20, side: other}
motion:
  kind: investiture
  target: Blue Leader
  vote: 2027-02-01
  division: {yes: 60, no: 75, abstain: 15, absent: 0, source: "https://example.org/h"}
"""

REJECT_AT = 76  # more than half of the 151 seats, the vacant one counted


@pytest.fixture
def case(tmp_path: Path) -> str:
    (tmp_path / "rules.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return str(path)


def _json(run_cli: Callable[..., Any], *args: str) -> Any:
    result = run_cli(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_tally_gives_the_noes_that_reject(run_cli: Callable[..., Any], case: str) -> None:
    out = _json(run_cli, "tally", case)
    assert (out["needed"], out["reject_at"]) == (None, REJECT_AT)
    assert out["reject_at"] == _json(run_cli, "count", case)["reject_at"]
    rows = list(csv.DictReader(io.StringIO(run_cli("tally", case, "--format", "csv").out)))
    assert {r["reject_at"] for r in rows} == {str(REJECT_AT)}


def test_a_positive_bar_has_no_reject_at(run_cli: Callable[..., Any]) -> None:
    out = _json(run_cli, "tally", "pk-na-2022", "--on", "2022-03-31")
    assert (out["needed"], out["reject_at"]) == (172, None)


def test_compare_gives_the_noes_that_reject(run_cli: Callable[..., Any], case: str) -> None:
    out = _json(run_cli, "compare", case, "pk-na-2022")
    assert out["a"]["reject_at"] == REJECT_AT
    assert out["b"]["reject_at"] is None
    rows = list(csv.DictReader(io.StringIO(run_cli("compare", case, "pk-na-2022", "--format", "csv").out)))
    assert {r["reject_at"] for r in rows if r["compared"] == "A"} == {str(REJECT_AT)}
    table = run_cli("compare", case, "pk-na-2022").out
    assert "rejected at" in table and f"{REJECT_AT} no" in table


def test_cases_give_the_noes_that_reject(run_cli: Callable[..., Any], case: str) -> None:
    (row,) = _json(run_cli, "cases", case)["cases"]
    assert (row["needed"], row["reject_at"], row["passed"]) == (None, REJECT_AT, True)
    (csv_row,) = csv.DictReader(io.StringIO(run_cli("cases", case, "--format", "csv").out))
    assert csv_row["reject_at"] == str(REJECT_AT)
    table = run_cli("cases", case).out
    assert f"{REJECT_AT} no" in table
    assert f"stands unless {REJECT_AT} vote against it" in " ".join(table.split())
