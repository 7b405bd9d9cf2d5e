"""What the benchmarks of whole commands share: the CPU seconds of a call in this process, and the CPU seconds
and peak resident memory of ``whipcount ARGS`` run as a user runs it, in a fresh process of its own."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of ``fn()`` in this process, and what it returned."""
    start = time.process_time()
    out = fn()
    return time.process_time() - start, out


def child(args: list[str]) -> tuple[float, float]:
    """CPU seconds and peak resident MB of ``whipcount ARGS`` run as a user runs it (a fresh process each, so the
    peak is its own: ``RUSAGE_CHILDREN`` keeps the largest child's)."""
    exe = Path(sys.executable).parent / "whipcount"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "whipcount"]
    return child_command([*cmd, *args])


def child_command(cmd: list[str]) -> tuple[float, float]:
    """:func:`child` of any command ``cmd`` (a baseline measured the same way: ``python -c ...``)."""
    script = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); "
              "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
              "print(r.ru_utime + r.ru_stime, r.ru_maxrss / 1024)")
    proc = subprocess.run([sys.executable, "-c", script, *cmd], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} failed: {proc.stderr[-1000:]}")
    seconds, mb = proc.stdout.split()
    return float(seconds), float(mb)
