"""``python -m whipcount`` runs the same command line as the ``whipcount`` script (for a Python whose scripts
folder is not on PATH; it had no ``__main__``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run([sys.executable, "-m", "whipcount", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


def test_python_m_runs_a_command() -> None:
    done = _run("tally", "pk-na-2022", "--on", "2022-03-30", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seats"] == 342  # the National Assembly's membership


def test_python_m_fails_as_the_script_does() -> None:
    done = _run("tally", "no-such-scenario")
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
