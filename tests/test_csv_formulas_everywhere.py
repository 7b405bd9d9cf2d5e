"""Every CSV the command line writes escapes text a spreadsheet would run as a formula (OWASP, CSV
injection): each command with ``--format csv``, found by sweeping the commands, plus ``export csv`` and
``power --parlgov``. ``cases --format csv`` wrote a chamber named ``=HYPERLINK(...)`` as it stood, and the
ParlGov sweep Italy's ``+EU`` (which a spreadsheet reads as a formula and shows as an error)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from conftest import CliResult
from whipcount.cli.main import cli
from whipcount.io.csv_cells import FORMULA_STARTS

EVIL = """\
chamber: {name: "=HYPERLINK(\\"http://x\\")", rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: "=cmd|' /C calc'!A0", short: "+1+cmd", seats: 6, side: government}
  - {id: blue, name: "@SUM(A1)", short: "-B", seats: 5, side: opposition}
motion: {kind: no-confidence, target: "-2+3", vote: 2020-02-05}
stances:
  - {date: 2020-01-02, party: red, stance: no, source: "https://example.org/a"}
"""


def _csv_commands() -> list[str]:
    cli.load_all()
    return sorted(name for name, cmd in cli.commands.items() if not isinstance(cmd, click.Group) and any(
        isinstance(p.type, click.Choice) and "csv" in p.type.choices for p in cmd.params))


def _formulas(text: str) -> list[str]:
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    # a number keeps its sign: -1 is a margin, not a formula
    return [c for c in cells if c.startswith(FORMULA_STARTS) and not c.lstrip("+-").replace(".", "").isdigit()]


def test_the_sweep_finds_the_commands() -> None:
    assert {"cases", "compare", "count", "forecast", "outcome", "power", "tally"} <= set(_csv_commands())


@pytest.mark.parametrize("command", _csv_commands())
def test_format_csv_escapes_formulas(command: str, tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    # compare sets two scenarios side by side: the same file twice
    twice = (str(path),) if command == "compare" else ()
    result = run_cli(command, str(path), *twice, "--format", "csv")
    assert result.code == 0, result.err
    assert result.out.count("\n") >= 2 and _formulas(result.out) == []


def test_export_csv_escapes_formulas(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL, encoding="utf-8")
    result = run_cli("export", "csv", str(path))
    assert result.code == 0, result.err
    assert "'=cmd" in result.out and _formulas(result.out) == []


def test_the_parlgov_sweep_escapes_formulas(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", "--parlgov", "--country", "ITA", "--index", "banzhaf")
    assert result.code == 0, result.err
    assert ",'+EU," in result.out and _formulas(result.out) == []
