"""``whipcount compare --format csv``: one row per party of each side of the comparison, the same columns on any
two dates, and the figures of the record (tests/fixtures/cases/record.yaml, typed in from each case's sources)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.io.yamlsource import load_yaml_text

_RECORD = Path(__file__).parent / "fixtures" / "cases" / "record.yaml"
RECORD: dict[str, dict[str, Any]] = load_yaml_text(_RECORD.read_text(encoding="utf-8"), "record.yaml").data


def _csv(run_cli: Callable[..., Any], *args: str) -> tuple[list[str], list[dict[str, str]]]:
    result = run_cli("compare", *args, "--format", "csv")
    assert result.code == 0, result.err
    reader = csv.DictReader(io.StringIO(result.out))
    return list(reader.fieldnames or []), list(reader)


def test_a_row_per_party_of_each_side_with_the_record(run_cli: Callable[..., Any]) -> None:
    header, rows = _csv(run_cli, "pk-na-2022", "--on-a", "2022-03-08")
    a = [r for r in rows if r["compared"] == "A"]
    b = [r for r in rows if r["compared"] == "B"]
    assert a and b and len(a) + len(b) == len(rows)
    # 179-162 on 8 March (The News, Pakistan Today); 342 seats, one vacant
    assert {(r["sides_government"], r["sides_opposition"], r["date"]) for r in a} == {("179", "162", "2022-03-08")}
    assert sum(int(r["party_seats"]) for r in a) == 341
    # not yet voted on 8 March: the outcome's cells are empty; on the vote, the division of the record
    assert {r["outcome_yes"] for r in a} == {""}
    assert {r["outcome_yes"] for r in b} == {"174"} and {r["outcome_passed"] for r in b} == {"True"}
    assert header[0] == "compared" and "party_seats" in header and "motion_vote" in header


@pytest.mark.parametrize("days", [("2022-03-08", "2022-03-09"), ("2022-04-10", "2022-04-10"),
                                  ("2022-03-08", "2022-04-10"), ("2022-04-10", "2022-03-08")])
def test_the_same_columns_whatever_the_dates(run_cli: Callable[..., Any], days: tuple[str, str]) -> None:
    # a spreadsheet fed the comparison of any two days keeps its columns: before the vote or after, A or B
    reference, _ = _csv(run_cli, "pk-na-2022", "--on-a", "2022-03-08", "--on-b", "2022-04-10")
    header, _ = _csv(run_cli, "pk-na-2022", "--on-a", days[0], "--on-b", days[1])
    assert header == reference


def test_two_chambers_each_with_its_own_division(run_cli: Callable[..., Any]) -> None:
    _, rows = _csv(run_cli, "gb-hc-1979", "se-riksdag-2021")
    for which, case in (("A", "gb-hc-1979"), ("B", "se-riksdag-2021")):
        mine = [r for r in rows if r["compared"] == which]
        (recorded,) = RECORD[case]["motions"].values()
        assert {r["scenario"] for r in mine} == {case}
        assert {r["outcome_yes"] for r in mine} == {str(recorded["yes"])}
        assert {r["outcome_no"] for r in mine} == {str(recorded["no"])}
        assert {r["outcome_passed"] for r in mine} == {str(recorded["passed"])}
