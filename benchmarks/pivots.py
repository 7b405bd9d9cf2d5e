"""Pivotal blocs of a member-by-member whip count: every bloc's switch counted at once against once per bloc.

Exact: leave-one-out products (``whipcount.tally.switches``, and ``whipcount.tally.switches_joint`` where
members may stay away under a votes-cast rule) against recounting the whole chamber once per bloc, the
straightforward way (``p_pass_exact`` on the model with that bloc switched), in the same run.
Monte Carlo, with a chamber swing of 0.5: one sample drawn bloc by bloc, each draw counted with and without
every switch (``whipcount.tally.switchdraws``, through ``pivots``), against drawing the chamber again for
each bloc with the same seed (``simulate`` on the switched model, the way it was done before), 20,000 draws
each; and both against the truth, Gauss-Hermite quadrature over the shock of the exact leave-one-out
figures.

Run ``python benchmarks/pivots.py`` (``--quick``: 200 members instead of 600 and 2,000). Prints, for each
size, CPU seconds of both ways, the ratio, and the largest difference between their P(pass) figures after
a switch (the exact table fails past 1e-9); the Monte Carlo table also gives the headline's error, which
both carry, and each way's largest error in the change a switch makes (failing past 5 sigma of one sample,
5 / (2 sqrt(draws))). The once-per-bloc way is timed on a sample of the blocs and scaled up, so that a large
chamber does not take minutes.
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import replace

import numpy as np

from whipcount.tally import Bloc, ForecastModel, PassRule, p_pass_exact, pivots, simulate
from whipcount.tally.forecast import PIVOT_MIN_DELTA
from whipcount.tally.switchdraws import switched_draws
from whipcount.tally.switches import switched_p_pass
from whipcount.tally.switches_joint import switched_p_pass_joint

SAMPLE = 40
SIMS = 20_000
SWING = 0.5
STANCES = {0.75: "lean-yes", 0.5: "undecided", 0.25: "lean-no"}


def chamber(members: int, seed: int = 2022, swing: float = 0.0) -> ForecastModel:
    """One bloc per member, each leaning yes, no or neither, a majority of the total to pass."""
    rng = np.random.default_rng(seed)
    p = rng.choice([0.75, 0.5, 0.25], size=members)
    blocs = tuple(Bloc(f"m{i}", 1, float(p[i]), stance=STANCES[float(p[i])]) for i in range(members))
    return ForecastModel(blocs, PassRule("total", count=members // 2 + 1), swing=swing)


def away_chamber(members: int, seed: int = 2022) -> ForecastModel:
    """One bloc per member, leaning as in :func:`chamber`, each staying away with probability 0.02 to 0.1,
    a majority of the votes cast to pass: absentees matter."""
    rng = np.random.default_rng(seed)
    p = rng.choice([0.75, 0.5, 0.25], size=members)
    away = rng.uniform(0.02, 0.1, size=members)
    blocs = tuple(Bloc(f"m{i}", 1, float(p[i]), float(away[i]), stance=STANCES[float(p[i])]) for i in range(members))
    return ForecastModel(blocs, PassRule("votes-cast"))


def row(members: int, absent: bool = False) -> str:
    model = away_chamber(members) if absent else chamber(members)
    switches = {b.key: replace(b, p_yes=0.0 if b.p_yes > 0.5 else 1.0, p_absent=0.0) for b in model.blocs}
    t0 = time.process_time()
    at_once = (switched_p_pass_joint if absent else switched_p_pass)(model, switches)
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


def _expit(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def truth(model: ForecastModel, switches: dict[str, Bloc], nodes: int = 60) -> tuple[float, dict[str, float]]:
    """P(pass) and P(pass) after each switch of a model with a chamber swing of undecided-like blocs (none
    absent), by Gauss-Hermite quadrature over the shock of the exact figures given it."""
    x, w = np.polynomial.hermite_e.hermegauss(nodes)
    w = w / math.sqrt(2 * math.pi)
    base, after = 0.0, dict.fromkeys(switches, 0.0)
    for z, wz in zip(x, w, strict=True):
        moved = tuple(replace(b, p_yes=_expit(math.log(b.p_yes / (1 - b.p_yes)) + model.swing * z))
                      for b in model.blocs)
        given = ForecastModel(moved, model.rule)
        base += wz * p_pass_exact(given)[0]
        for key, p in switched_p_pass(given, switches).items():
            after[key] += wz * p
    return base, after


def mc_row(members: int) -> str:
    model = chamber(members, swing=SWING)
    # the headline, then every switch from one more sample (what forecast does)
    headline = simulate(model, sims=SIMS, rng=np.random.default_rng(1)).p_pass
    seed = np.random.SeedSequence(7)
    t0 = time.process_time()
    rows = pivots(model, headline, method="monte-carlo", sims=SIMS, seed=seed)
    ours = time.process_time() - t0
    # pivots lists the changes of at least PIVOT_MIN_DELTA; every switch, listed or not, from the same draws
    # (the seed's own generator is what pivots draws from)
    switches = {b.key: replace(b, p_yes=0.0 if b.p_yes > 0.5 or (b.p_yes == 0.5 and headline >= 0.5) else 1.0)
                for b in model.blocs}
    drawn = switched_draws(model, switches, sims=SIMS, rng=np.random.default_rng(np.random.SeedSequence(7)))
    ours_after = {k: drawn.p_after(k, headline) for k in switches}
    assert all(ours_after[p.key] == p.p_after for p in rows) and all(
        abs(ours_after[k] - headline) < PIVOT_MIN_DELTA for k in switches.keys() - {p.key for p in rows})
    sample = list(switches)[:: max(1, members // SAMPLE)]
    t0 = time.process_time()
    again = {key: simulate(replace(model, blocs=tuple(switches[key] if b.key == key else b for b in model.blocs)),
                           sims=SIMS, rng=np.random.default_rng(1)).p_pass for key in sample}
    each = (time.process_time() - t0) * members / len(sample)
    base, exact = truth(model, switches)
    worst = max(abs(ours_after[k] - again[k]) for k in sample)
    # both start from the headline, whose own error every P(pass) after a switch carries; what each way adds
    # is its error in the change a switch makes, here on the same sample of blocs
    change_ours = max(abs(ours_after[k] - headline - (exact[k] - base)) for k in sample)
    change_each = max(abs(again[k] - headline - (exact[k] - base)) for k in sample)
    assert change_ours < 5 * 0.5 / math.sqrt(SIMS), f"a switch's change is off by {change_ours:g}"
    return (f"| {members:,} | {ours:.2f} | {each:.1f} | {each / ours:,.0f}x | {worst:.4f} | "
            f"{abs(headline - base):.4f} | {change_ours:.4f} | {change_each:.4f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="200 members instead of 600 and 2,000")
    args = ap.parse_args()
    print("| members (one bloc each) | at once, CPU s | recount each, CPU s | ratio | largest difference |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    sizes = (200,) if args.quick else (600, 2000)
    for members in sizes:
        print(row(members))
    print()
    print("Where absentees matter (each member away with probability 0.02 to 0.1, a majority of the votes cast)")
    print()
    print("| members (one bloc each) | at once, CPU s | recount each, CPU s | ratio | largest difference |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    for members in (60,) if args.quick else (100, 300):
        print(row(members, absent=True))
    print()
    print(f"Monte Carlo, a chamber swing of {SWING}, {SIMS:,} draws; against the truth (quadrature): the "
          "headline's error, and each way's largest error in the change a switch makes")
    print()
    print("| members (one bloc each) | one sample, CPU s | draw again each, CPU s | ratio | largest difference "
          "| headline's error | change error, one sample | change error, each |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for members in sizes:
        print(mc_row(members))


if __name__ == "__main__":
    main()
