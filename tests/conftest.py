"""Shared fixtures: the bundled Pakistan case, a CLI runner, small scenario files written on the fly."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from whipcount.cli.main import main
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``whipcount ARGS...`` in process; returns the exit code and what it printed."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def pakistan() -> Scenario:
    """The bundled National Assembly of Pakistan 2022 scenario."""
    return load_scenario("pk-na-2022")


MINIMAL = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government, colour: "#cc0000"}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
events:
  - {date: 2020-02-01, kind: switch-side, party: red, seats: 2, to: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
"""


@pytest.fixture
def write_scenario(tmp_path: Path) -> Callable[[str], Path]:
    """Write a scenario file from YAML text (dedented) and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def minimal_yaml() -> str:
    """A small valid scenario: 11 seats, 10 held, one event."""
    return MINIMAL
