"""Start-up: the CPU time of whipcount's everyday commands, against ``python -c "import numpy"`` (a library
import any scientific command line pays) and a bare ``python -c pass``, measured in the same run.

Run ``python benchmarks/cli.py`` (``--repeat N``; ``--quick`` for one repeat). Each command runs in a fresh
process with the bytecode cache warm (one run first, not counted); the figure is the median of the child's
user+system CPU seconds (``resource.getrusage(RUSAGE_CHILDREN)``), so load from other work on a shared
machine matters less than with wall time. Targets: ``--help`` and ``--version`` under 0.20 s;
``tally``, ``outcome`` and ``rules`` under 0.30 s.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import sysconfig
from pathlib import Path

TARGETS = {"--version": 0.20, "--help": 0.20, "tally pk-na-2022 --json": 0.30,
           "outcome --rules pk-na --motion no-confidence --yes 174 --json": 0.30, "rules list": 0.30}


# a child may write its bytecode cache even where this shell says not to (PYTHONDONTWRITEBYTECODE=1 would
# leave every run compiling whipcount from source: about 0.07 s more a command on 6 December 2026)
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu_seconds(argv: list[str]) -> float:
    """User+system CPU seconds of one child process running ``argv``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=CHILD_ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def median_cpu(argv: list[str], repeat: int) -> float:
    cpu_seconds(argv)  # warm the bytecode cache
    return statistics.median(cpu_seconds(argv) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="one repeat (a smoke run, not a measurement)")
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    # the console script of this interpreter's installation, not whichever one PATH finds first (a
    # version manager's shim there would time itself and perhaps another install)
    script = Path(sysconfig.get_path("scripts")) / "whipcount"
    base = [str(script)] if script.is_file() else [sys.executable, "-m", "whipcount"]
    bare = median_cpu([sys.executable, "-c", "pass"], repeat)
    numpy = median_cpu([sys.executable, "-c", "import numpy"], repeat)
    print(f"python -c pass: {bare:.3f} s CPU; python -c 'import numpy': {numpy:.3f} s CPU "
          f"(median of {repeat})")
    print(f"{'command':<62} {'CPU s':>7} {'/ numpy':>8} {'target':>7}  met")
    for command, target in TARGETS.items():
        t = median_cpu(base + command.split(), repeat)
        met = "yes" if t < target else "no"
        print(f"whipcount {command:<52} {t:7.3f} {t / numpy:8.2f} {target:7.2f}  {met}")
    if not _cached():
        print("note: whipcount's bytecode cache could not be written (a read-only install?): every run "
              "above compiled it from source, so these figures are not the warm-cache targets")


def _cached() -> bool:
    """Whether the command-line module's bytecode is cached, as the warm-up runs should have left it."""
    spec = importlib.util.find_spec("whipcount.cli.main")
    origin = spec.origin if spec else None
    return origin is None or Path(importlib.util.cache_from_source(origin)).is_file()


if __name__ == "__main__":
    main()
