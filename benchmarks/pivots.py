"""Pivotal blocs of a member-by-member whip count: every bloc's switch counted at once (leave-one-out
products, ``whipcount.tally.switches``) against recounting the whole chamber once per bloc, the
straightforward way (``p_pass_exact`` on the model with that bloc switched), in the same run.

Run ``python benchmarks/pivots.py`` (``--quick``: 200 members instead of 600 and 2,000). Prints, for each
size, CPU seconds of both, the ratio, and the largest difference between their P(pass) figures (the
script fails if it passes 1e-9). The recount is timed on a sample of the blocs and scaled up, so that a
large chamber does not take minutes.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

import numpy as np

from whipcount.tally import Bloc, ForecastModel, PassRule, p_pass_exact
from whipcount.tally.switches import switched_p_pass

SAMPLE = 40


def chamber(members: int, seed: int = 2022) -> ForecastModel:
    """One bloc per member, each leaning yes, no or neither, a majority of the total to pass."""
    rng = np.random.default_rng(seed)
    p = rng.choice([0.75, 0.5, 0.25], size=members)
    blocs = tuple(Bloc(f"m{i}", 1, float(p[i])) for i in range(members))
    return ForecastModel(blocs, PassRule("total", count=members // 2 + 1))


def row(members: int) -> str:
    model = chamber(members)
    switches = {b.key: replace(b, p_yes=0.0 if b.p_yes > 0.5 else 1.0) for b in model.blocs}
    t0 = time.process_time()
    at_once = switched_p_pass(model, switches)
    ours = time.process_time() - t0
    sample = list(switches)[:: max(1, members // SAMPLE)]
    t0 = time.process_time()
    worst = 0.0
    for key in sample:
        blocs = tuple(switches[key] if b.key == key else b for b in model.blocs)
        worst = max(worst, abs(p_pass_exact(replace(model, blocs=blocs))[0] - at_once[key]))
    recount = (time.process_time() - t0) * members / len(sample)
    assert worst < 1e-9, f"the two ways differ by {worst:g}"
    return f"| {members:,} | {ours:.3f} | {recount:.2f} | {recount / ours:,.0f}x | {worst:.1e} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 members instead of 600 and 2,000")
    args = ap.parse_args()
    print("| members (one bloc each) | at once, CPU s | recount each, CPU s | ratio | largest difference |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for members in (200,) if args.quick else (600, 2000):
        print(row(members))


if __name__ == "__main__":
    main()
