"""scripts/test's last word (scripts/pytest_verdict.py) on a pytest run in parallel, as scripts/test runs it
(pytest-xdist), and serially: a module that cannot be collected fails the run even where the workers went
on to run every other test, a run in which no test ran fails, and a run of passing tests passes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("xdist")

ROOT = Path(__file__).resolve().parents[1]

PASSING = "def test_one():\n    assert 1 + 1 == 2\n\n\ndef test_two():\n    assert 'a' < 'b'\n"
BROKEN = "import a_module_nobody_wrote\n\n\ndef test_three():\n    pass\n"
WAYS = {"parallel": ["-n", "2"], "serial": ["-p", "no:xdist"]}


def _run(tmp_path: Path, way: str, *args: str) -> tuple[int, list[str]]:
    """pytest on ``tmp_path/tests`` as scripts/test runs it, then the verdict: its exit status and lines."""
    junit, out = tmp_path / "junit.xml", tmp_path / "out.txt"
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *WAYS[way],
                           f"--junitxml={junit}", *args, "tests"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300)
    out.write_text(proc.stdout + proc.stderr, encoding="utf-8")
    script = subprocess.run([sys.executable, str(ROOT / "scripts" / "pytest_verdict.py"), str(junit), str(out),
                             str(proc.returncode)], capture_output=True, text=True, timeout=60)
    return script.returncode, script.stdout.splitlines()


def _tests(tmp_path: Path, **modules: str) -> None:
    (tmp_path / "tests").mkdir()
    for name, text in modules.items():
        (tmp_path / "tests" / f"{name}.py").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("way", WAYS)
def test_a_module_that_cannot_be_collected_fails_the_run_though_the_others_ran(tmp_path: Path, way: str) -> None:
    _tests(tmp_path, test_passing=PASSING, test_broken=BROKEN)
    status, lines = _run(tmp_path, way)
    assert status == 1
    assert lines[-1] == ("scripts/test: FAILED: 1 test module(s) could not be collected: tests.test_broken: "
                         "ModuleNotFoundError: No module named 'a_module_nobody_wrote'")


@pytest.mark.parametrize("way", WAYS)
def test_a_run_in_which_no_test_ran_fails(tmp_path: Path, way: str) -> None:
    _tests(tmp_path, test_passing=PASSING)
    status, lines = _run(tmp_path, way, "-k", "no_such_test")
    assert (status, lines[-1]) == (1, "scripts/test: FAILED: no test ran")


@pytest.mark.parametrize("way", WAYS)
def test_passing_tests_pass_and_are_counted(tmp_path: Path, way: str) -> None:
    _tests(tmp_path, test_passing=PASSING, test_more=PASSING.replace("test_", "test_more_"))
    status, lines = _run(tmp_path, way)
    assert (status, lines) == (0, ["scripts/test: 4 tests ran: 4 passed, 0 failed, 0 errors, 0 skipped"])


def test_a_failing_test_fails_the_run_with_its_count(tmp_path: Path) -> None:
    _tests(tmp_path, test_passing=PASSING, test_failing="def test_wrong():\n    assert 2 + 2 == 5\n")
    status, lines = _run(tmp_path, "parallel")
    assert status == 1
    assert lines == ["scripts/test: 3 tests ran: 2 passed, 1 failed, 0 errors, 0 skipped",
                     "scripts/test: FAILED: pytest exited 1 (1 failed, 0 errors)"]
