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




# The child is started by a small Python of its own, which reports its peak: a process started straight from
# this one would count this one's resident memory as its own (Linux keeps the larger of the two when the child
# replaces its image), so that a child of a test run holding 60 MB would never be seen below 60 MB.
_MEASURE = """import os, resource, subprocess, sys
cpu = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
child = subprocess.Popen(sys.argv[3:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss * 1024}")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def _measured(args: tuple[str, ...], cwd: Path, cpu: int) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """``whipcount ARGS...`` run to its end in ``cwd`` under ``cpu`` seconds of CPU: the CPU seconds it took
    (user and system, as the kernel counts them for that process alone), the most memory it held resident
    (bytes), and how it ended."""
    env = _env()
    env["COLUMNS"] = "200"
    with tempfile.TemporaryDirectory() as spare:
        report = Path(spare) / "measured"
        proc = subprocess.run([sys.executable, "-c", _MEASURE, str(report), str(cpu), *command(*args)], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=5 * cpu, check=False)
        seconds, peak = report.read_text().split()
        return float(seconds), int(peak), proc


def peak_of(*args: str, cwd: Path) -> tuple[int, subprocess.CompletedProcess[str]]:
    """``whipcount ARGS...`` run to its end in ``cwd`` (a minute of CPU at most), and the most memory it held
    resident, in bytes, as the kernel counts it for that process alone (``wait4``'s ``ru_maxrss``)."""
    _, peak, proc = _measured(args, cwd, 60)
    return peak, proc


def cpu_of(*args: str, cwd: Path) -> tuple[float, int, subprocess.CompletedProcess[str]]:
    """``whipcount ARGS...`` run to its end in ``cwd`` (two minutes of CPU at most): the CPU seconds it took
    (other work on the machine adds little), the most memory it held resident (bytes), and how it ended."""
    return _measured(args, cwd, 120)
