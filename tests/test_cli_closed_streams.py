"""A standard stream the shell closed (``>&-``, ``2>&-``, ``<&-``) is None inside Python. Before, the first
use of it ended the command with an AttributeError traceback (``'NoneType' object has no attribute
'isatty'``), at import for standard output. Now a closed standard output is one error line and status 1
before anything is done, a closed standard error still leaves the exit status, and a password read from a
closed standard input is one error line."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

CLOSED_STDOUT = ("error: standard output is closed; whipcount writes its results there (redirect it to a "
                 "file, or to /dev/null to discard them)")


def _run(args: list[str], close: int, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    closer: Callable[[], None] = lambda: os.close(close)  # noqa: E731 - in the child, before exec
    return subprocess.run([sys.executable, "-m", "whipcount.cli.main", *args],
                          stdout=None if close == 1 else subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=closer, cwd=cwd, timeout=120, check=False,
                          env=dict(os.environ, COLUMNS="100"))


def test_a_closed_standard_output_is_one_error_line(tmp_path: Path) -> None:
    got = _run(["chart", "pk-na-2022", "-o", "chart.svg"], close=1, cwd=tmp_path)
    assert (got.returncode, got.stderr.decode("utf-8").splitlines()) == (1, [CLOSED_STDOUT])
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_a_closed_standard_error_leaves_the_exit_status() -> None:
    ok = _run(["tally", "pk-na-2022"], close=2)
    assert ok.returncode == 0 and b"National Assembly of Pakistan" in ok.stdout
    bad = _run(["tally", "no-such-scenario.yaml"], close=2)
    assert (bad.returncode, bad.stdout) == (1, b"")


def test_a_password_from_a_closed_standard_input_is_one_error_line(tmp_path: Path) -> None:
    got = _run(["users", "add", "carl", "--role", "editor", "--db", f"sqlite:///{tmp_path / 'u.db'}"],
               close=0)
    assert got.returncode == 1
    assert got.stderr.decode("utf-8").splitlines() == [
        "error: password: standard input is closed; give the password on it (--password-stdin) or run the "
        "command in a terminal"]
