"""Beside every ``vacancies_counted`` stands ``vacancies_verified``: false where the rules profile marks the
treatment of vacant seats unverified (no source settles whether a vacant seat counts), true where a source
settles it, null where vacant seats have no part in the bar (``vacancies_counted`` null).

A chamber of ten with two vacant seats: its no-confidence motion needs a majority of the total membership, a
treatment its rules file marks unverified; its confidence motion a majority of the sitting members, settled;
its investiture a majority of the votes cast. And Spain's Congress, whose profile says that whether a vacant
seat would lower the absolute majority of Art. 113(1) is unverified (``rules show es-cd --json``).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import write_case
from constitutions import ten_two_vacant_case
from test_vacant_seats_said import TEN as SAID_TEN
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import load_scenario
from whipcount.rules import judge, pass_rule

# the same rules, the total-membership bar marked unverified as a profile marks it
TEN = SAID_TEN.replace("threshold: {basis: total}", "threshold: {basis: total, vacancies_verified: false}")
assert "vacancies_verified: false" in TEN


CASES = [("no-confidence", True, False), ("confidence", False, True), ("investiture", None, None)]


def _json(run_cli: Any, *args: str) -> Any:
    r = run_cli(*args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def _pairs(obj: Any) -> list[tuple[Any, Any]]:
    """Every (vacancies_counted, vacancies_verified) at any depth of a JSON value; a key without its partner
    is an (x, 'missing')."""
    found: list[tuple[Any, Any]] = []
    if isinstance(obj, dict):
        if "vacancies_counted" in obj or "vacancies_verified" in obj:
            found.append((obj.get("vacancies_counted", "missing"), obj.get("vacancies_verified", "missing")))
        for value in obj.values():
            found.extend(_pairs(value))
    elif isinstance(obj, list):
        for value in obj:
            found.extend(_pairs(value))
    return found


@pytest.mark.parametrize(("kind", "counted", "verified"), CASES)
def test_the_library_carries_the_flag(kind: str, counted: bool | None, verified: bool | None) -> None:
    ten = parse_constitution_text(TEN, "ten.yaml")
    outcome = judge(ten, kind, yes=6, no=1, vacancies=2).to_dict()
    assert (outcome["vacancies_counted"], outcome["vacancies_verified"]) == (counted, verified)
    assert pass_rule(ten, kind, vacancies=2).vacancies_verified is verified


@pytest.mark.parametrize(("kind", "counted", "verified"), CASES)
def test_every_json_gives_it_beside_vacancies_counted(run_cli: Any, tmp_path: Path, kind: str,
                                                       counted: bool | None, verified: bool | None) -> None:
    case = str(write_case(tmp_path, TEN, ten_two_vacant_case(kind)))
    outputs = {
        "count": _json(run_cli, "count", case),
        "tally": _json(run_cli, "tally", case),
        "forecast": _json(run_cli, "forecast", case),
        "what-if": _json(run_cli, "what-if", case, "--absent", "blue"),
        "outcome (pending)": _json(run_cli, "outcome", case, "--on", "2024-01-15"),
        "compare": _json(run_cli, "compare", case, "--on-a", "2024-01-15"),
        "outcome --rules": _json(run_cli, "outcome", "--rules", str(tmp_path / "rules.yaml"), "--motion", kind,
                                 "--yes", "6", "--no", "1", "--vacancies", "2"),
    }
    for name, out in outputs.items():
        pairs = _pairs(out)
        assert pairs, name
        assert set(pairs) == {(counted, verified)}, name


@pytest.mark.parametrize("command", [("count",), ("forecast",), ("tally",), ("compare", "--on-a", "2024-01-15")])
def test_every_csv_gives_it_beside_vacancies_counted(run_cli: Any, tmp_path: Path, command: tuple[str, ...]) -> None:
    case = str(write_case(tmp_path, TEN, ten_two_vacant_case("no-confidence")))
    r = run_cli(command[0], case, *command[1:], "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    counted = [k for k in rows[0] if k.endswith("vacancies_counted")]
    assert any(row[k] for row in rows for k in counted)
    for key in counted:
        flag = key.replace("vacancies_counted", "vacancies_verified")
        assert {row[flag] for row in rows if row[key]} <= {"False"}, key  # as the CSV spells a bool
        assert {row[flag] for row in rows if not row[key]} <= {""}, key  # none where no bar was given


def test_spain_s_absolute_majority_is_flagged_unverified(run_cli: Any) -> None:
    shown = _json(run_cli, "rules", "show", "es-cd")
    assert any(m["vacancies"]["verified"] is False for m in shown["motions"] if m["basis"] == "total")
    count = _json(run_cli, "count", "es-cd-2018")
    assert (count["basis"], count["vacancies_counted"], count["vacancies_verified"]) == ("total", True, False)


def test_the_dashboard_api_gives_it(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from whipcount.storage import Store
    from whipcount.web.app import create_app

    store = Store(f"sqlite:///{tmp_path / 'flag.db'}")
    for case in ("es-cd-2018", "pk-na-2022"):
        store.save_scenario(load_scenario(case))
    try:
        client = TestClient(create_app(store=store, secret="flag-" + "x" * 40, public_read=True, fail_delay=0.0))
        spain = client.get("/api/scenarios/es-cd-2018/dashboard", params={"on": "2018-05-30"}).json()
        pakistan = client.get("/api/scenarios/pk-na-2022/dashboard", params={"on": "2022-04-10"}).json()
    finally:
        store.close()
    assert (spain["needed"]["vacancies_counted"], spain["needed"]["vacancies_verified"]) == (True, False)
    assert (pakistan["needed"]["vacancies_counted"], pakistan["needed"]["vacancies_verified"]) == (True, True)
