"""``-o -`` is standard output for every command that writes one file: the output alone on stdout (no
"wrote ..." line), and no file named '-' left behind."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).parent / "fixtures" / "interchange"
PK = "pk-na-2022"


def _scenario(text: str) -> None:
    data = yaml.safe_load(text)
    assert isinstance(data, dict) and "chamber" in data and "parties" in data


def _popolo(text: str) -> None:
    assert {"persons", "organizations", "memberships"} <= set(json.loads(text))


def _csv(text: str) -> None:
    assert text.startswith("party,name,")


def _parlgov(text: str) -> None:
    assert text.startswith("country,election_date,") and "\nNZL," in text


def _html(text: str) -> None:
    assert text.lower().startswith("<!doctype html>") and text.rstrip().endswith("</html>")


def _svg(text: str) -> None:
    assert text.startswith("<svg") and text.rstrip().endswith("</svg>")


CASES: list[tuple[str, tuple[str, ...], Callable[[str], None]]] = [
    ("export popolo", ("export", "popolo", PK, "-o", "-"), _popolo),
    ("export csv", ("export", "csv", PK, "-o", "-"), _csv),
    ("import popolo", ("import", "popolo", str(HERE / "ep-popolo-examplia.json"), "--rules", "pk-na", "--term",
                       "term/2", "-o", "-"), _scenario),
    ("import csv", ("import", "csv", str(HERE / "ep-term-examplia.csv"), "--rules", "pk-na", "-o", "-"), _scenario),
    ("new -o", ("new", "-o", "-"), _scenario),
    ("new FILE", ("new", "-"), _scenario),
    ("power --parlgov", ("power", "--parlgov", "--country", "NZL", "-o", "-"), _parlgov),
    ("report", ("report", PK, "-o", "-"), _html),
    ("chart", ("chart", PK, "-o", "-"), _svg),
]


@pytest.mark.parametrize(("args", "check"), [(a, c) for _, a, c in CASES], ids=[n for n, _, _ in CASES])
def test_dash_is_standard_output(run_cli: Callable[..., object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 args: tuple[str, ...], check: Callable[[str], None]) -> None:
    monkeypatch.chdir(tmp_path)
    res = run_cli(*args)
    assert res.code == 0, res.err  # type: ignore[attr-defined]
    check(res.out)  # type: ignore[attr-defined]
    assert "wrote" not in res.out.splitlines()[-1]  # type: ignore[attr-defined]
    assert not (tmp_path / "-").exists()


def test_import_ocd_to_dash_is_standard_output(run_cli: Callable[..., object], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    made = run_cli("import", "csv", str(HERE / "ep-term-examplia.csv"), "--rules", "pk-na", "-o", "examplia.yaml")
    assert made.code == 0, made.err  # type: ignore[attr-defined]
    res = run_cli("import", "ocd", str(HERE / "ocd-vote-examplia.json"), "--scenario", "examplia.yaml", "-o", "-")
    assert res.code == 0, res.err  # type: ignore[attr-defined]
    _scenario(res.out)  # type: ignore[attr-defined]
    assert "division:" in res.out  # type: ignore[attr-defined]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["examplia.yaml"]


def test_db_dump_to_dash_is_standard_output(run_cli: Callable[..., object], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert run_cli("db", "load", PK, "--db", db).code == 0  # type: ignore[attr-defined]
    res = run_cli("db", "dump", PK, "--db", db, "-o", "-")
    assert res.code == 0, res.err  # type: ignore[attr-defined]
    _scenario(res.out)  # type: ignore[attr-defined]
    assert not (tmp_path / "-").exists()


def test_import_with_json_and_dash_is_one_clear_error(run_cli: Callable[..., object], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = run_cli("import", "csv", str(HERE / "ep-term-examplia.csv"), "--rules", "pk-na", "--json", "-o", "-")
    assert res.code == 1 and res.out == ""  # type: ignore[attr-defined]
    # under --json the one line is the error object (tests/test_cli_json_contract.py)
    error = json.loads(res.err)  # type: ignore[attr-defined]
    assert error["error"].startswith("-o -: the scenario and the --json summary")
    assert res.err.count("\n") == 1  # type: ignore[attr-defined]
    assert not (tmp_path / "-").exists()


def test_demo_with_dash_is_one_clear_error(run_cli: Callable[..., object], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = run_cli("demo", "-o", "-")
    assert res.code == 1 and res.out == ""  # type: ignore[attr-defined]
    assert "error: -o -: the demo prints its tables on standard output" in res.err  # type: ignore[attr-defined]
    assert not (tmp_path / "-").exists()
