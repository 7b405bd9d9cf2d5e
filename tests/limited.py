"""Run ``whipcount`` in a child process under an address-space limit (RLIMIT_AS), so that a test can show
a command stays within a memory bound (or streams its output) without timing anything."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")
GIB = 1 << 30


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    # one thread each: a thread's stack counts against the address space too
    env.update(OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", NUMBA_NUM_THREADS="1")
    return env


def _limit(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def command(*args: str) -> list[str]:
    """The command line running ``whipcount ARGS...`` with this checkout's sources."""
    return [sys.executable, "-c", "import sys; from whipcount.cli.main import run; sys.argv[0] = 'whipcount'; run()",
            *args]


def run_limited(*args: str, limit: int, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``whipcount ARGS...`` run to its end under an address-space limit of ``limit`` bytes."""
    return subprocess.run(command(*args), env=_env(), capture_output=True, text=True, timeout=timeout,
                          preexec_fn=lambda: _limit(limit), check=False)


def start_limited(*args: str, limit: int) -> subprocess.Popen[str]:
    """``whipcount ARGS...`` started under an address-space limit, its output to be read as it comes."""
    return subprocess.Popen(command(*args), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=lambda: _limit(limit))



def _cpu_bound() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_CPU, (60, 61))


def peak_of(*args: str, cwd: Path) -> tuple[int, subprocess.CompletedProcess[str]]:
    """``whipcount ARGS...`` run to its end in ``cwd`` (a minute of CPU at most), and the most memory it held
    resident, in bytes, as the kernel counts it for that child alone (``wait4``'s ``ru_maxrss``)."""
    env = _env()
    env["COLUMNS"] = "200"
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(command(*args), cwd=cwd, env=env, stdout=out, stderr=err, text=True,
                                preexec_fn=_cpu_bound)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return usage.ru_maxrss * 1024, subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())
