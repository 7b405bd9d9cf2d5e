"""Shared fixtures: the bundled Pakistan case, a CLI runner, small scenario files written on the fly."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# The command line's width comes from COLUMNS (or the terminal) when its console is first made; a test that
# wants a width sets it (console_width, or COLUMNS in a child's environment). What ran the tests must not
# set it for them: pytest-xdist's worker processes run with COLUMNS=80 and LINES=24 set, which cut the whip
# count's lines where a run in one process printed them whole.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)

from whipcount.cli.main import main  # noqa: E402  (after the width's environment is settled)
from whipcount.io.scenario import load_scenario  # noqa: E402
from whipcount.model import Scenario  # noqa: E402

# the storage tests' stores (SQLite, and PostgreSQL when a server is named): a plugin, so that every
# test module has them without importing them
pytest_plugins = ["storage_fixtures"]

# Property tests run on small, shared, loaded machines (and under coverage): hypothesis' 200 ms default
# deadline fails there for reasons that have nothing to do with the code. A test that needs a tighter or
# looser bound says so with its own @settings.
settings.register_profile("whipcount", deadline=5000, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", parent=settings.get_profile("whipcount"), max_examples=1000)
settings.load_profile(os.environ.get("WHIPCOUNT_HYPOTHESIS_PROFILE", "whipcount"))


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


def write_case(folder: Path, constitution: str, scenario: str) -> Path:
    """A scenario file ``case.yaml`` beside the constitution file it names, ``rules.yaml``."""
    (folder / "rules.yaml").write_text(constitution, encoding="utf-8")
    path = folder / "case.yaml"
    path.write_text(scenario, encoding="utf-8")
    return path


@pytest.fixture
def minimal_yaml() -> str:
    """A small valid scenario: 11 seats, 10 held, one event."""
    return MINIMAL


def make_web_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, str],
                   password: str = "a long enough password") -> Any:
    """A SQLite store with ``users`` (name -> role) for the web tests, with cheap argon2 parameters (the
    stored hash is argon2id all the same); the caller closes it."""
    from argon2 import PasswordHasher

    from whipcount.storage import Store, passwords

    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    s = Store(f"sqlite:///{tmp_path / 'web.db'}")
    for name, role in users.items():
        s.add_user(name, role, password)
    return s


@contextmanager
def console_width(width: int) -> Iterator[int]:
    """The command line's console at ``width`` columns for the block, as a terminal of that width sets it."""
    from whipcount.cli.app import console

    before = console.width
    console.width = width
    try:
        yield width
    finally:
        console.width = before
