"""The benchmarks' ``--quick`` smoke runs: each script in ``benchmarks/`` runs to its end and prints its table,
and where a script checks its answers against an independent baseline (brute-force convolution, a
per-member simulation, the float DP, a count of the writes), the check holds. No time is asserted: speed is
measured by the scripts, on a quiet machine, not by the suite (docs/performance.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent

CASES = {
    # every event appended is in the log, in order (the script checks it)
    "append.py": ["| pk-na-2022 | 27 |", "| append-bench-1000 | 1,000 |",
                  "every log ends with the events appended, in order: yes"],
    # whipcount's colour plan is the plan of the search as it was, party for party (the script compares them)
    "chart.py": ["chambers of 1,000 seats in 20 parties", "| even |", "| one large |", "| even, named |"],
    "cli.py": ["whipcount --version", "whipcount tally pk-na-2022 --json", "whipcount rules list"],
    # exact P(pass) equals the member-by-member convolution (the script asserts it); the swing rows' baseline
    # (a per-member simulation of the same model) agrees within 4 sigma
    "forecast.py": ["exact P(pass) = ", "(agree within 4 sigma)", "| chamber swing 0.5, 4 groups | 100,000 |",
                    "| chamber 0.5 + party swing 0.3, 4 groups | 100,000 |"],
    # every switch counted at once equals the recount of the chamber (the script asserts it)
    "pivots.py": ["| members (one bloc each) |", "| 200 |"],
    "load.py": ["scenario: 2,000 events", "load + replay (target < 1 s)", "peak memory, load and replay"],
    "power.py": ["shapley-shubik", "banzhaf"],
    # the scenario writer's text is PyYAML's pure-Python emitter's, byte for byte (the script checks it)
    "popolo.py": ["bundle: 500 persons", "write the scenario YAML: whipcount", "same text as PyYAML's emitter: yes"],
    # the readers of the whole log give the old way's answers (the script checks them)
    "history.py": ["scenario: 500 members", "whipcount chart --kind timeline", "whipcount db load",
                   "(coalitions)", "(db load)"],
    # each large bad file is refused in one line, and one within the caps read
    "refusals.py": ["| scenario: one value | 2 |", "accepted in one key or value |", "| csv: one line of cells | 2 |",
                    "error: t.csv:2: a line of 2,097,167 characters; at most 1,000,000 accepted |"],
    # every write the 8 editors made is in the audit and none is lost, whatever the timings
    "web.py": ["writes (8 editors", "lost 0; dashboard shows the last write: yes"],
}


def _run(script: str) -> str:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--quick"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.mark.parametrize("script", sorted(CASES))
def test_a_quick_run_prints_its_table_and_its_checks_hold(script: str) -> None:
    out = _run(script)
    for line in CASES[script]:
        assert line in out, (script, line)
    if script == "forecast.py":  # both swing rows: the per-member baseline agrees
        rows = [r for r in out.splitlines() if r.startswith("| chamber")]
        assert len(rows) == 2 and all("| yes (" in r for r in rows), rows
    if script == "chart.py":  # each chamber's plan is the old search's
        rows = [r for r in out.splitlines() if r.startswith(("| even", "| one large"))]
        assert len(rows) == 3 and all(r.split("|")[7].strip() == "yes" for r in rows), rows
    if script == "power.py":  # exact and float agree on both indices
        rows = [r for r in out.splitlines() if r.startswith(("shapley-shubik", "banzhaf"))]
        assert len(rows) == 2 and all(r.split()[-1] == "yes" for r in rows), rows
