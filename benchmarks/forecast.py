"""Forecast benchmarks: exact P(pass) and Monte Carlo draws on a 543-member chamber, against baselines.

Run ``python benchmarks/forecast.py`` (``--quick`` for a short run). Prints each figure, its target and
the ratio to a straightforward baseline measured in the same run:

* exact P(pass), 40 independent blocs: target under 5 ms; baseline: the same distribution built by
  convolving 543 one-member distributions (no per-bloc closed form);
* Monte Carlo, 10^6 draws, 40 blocs of which 16 move together in 4 groups: target under 2 s on 2
  cores and peak memory under 500 MB (tracemalloc: numpy's allocations included); baseline: a per-member
  numpy simulation (one uniform per member and draw, chunked, the same model);
* the same with a chamber-wide swing (SD 0.5 on the logit scale, moving the 24 or so uncommitted blocs),
  then with a per-party swing as well (SD 0.3, 12 parties): no closed form, so Monte Carlo is the method;
  same baseline (the shocks drawn per draw, every member's probability moved by them). Each is run on 2
  threads (wall clock) and on one thread (wall clock and CPU seconds, ``time.process_time``); targets for
  the chamber and party swing: under 1 s of CPU on one thread, and at least 10x less CPU than the
  per-member simulation (timed on a tenth of the draws, its CPU scaled up); both CPU figures are the
  best of 3 runs. The page faults of a fourth one-thread run show whether the allocator handed the
  chunks' memory back and took it again (CPU seconds include that system time).

A run holds BLAS to one thread itself (``whipcount.tally.blas.one_blas_thread``), so "one thread"
means one, as it does for users; the per-member baseline makes no matrix products. The machine's load
average is printed first: the wall-clock timings suffer from other work on the cores, CPU seconds less so.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

import numpy as np

from whipcount.tally import Bloc, ForecastModel, Group, PassRule, p_pass_exact, simulate

SEATS = 543
BLOCS = 40


PARTIES = 12
STANCE_OF = {0.98: "yes", 0.75: "lean-yes", 0.5: "undecided", 0.25: "lean-no", 0.01: "no"}


T = TypeVar("T")


def chamber(seed: int = 2022) -> tuple[Bloc, ...]:
    """40 blocs summing to 543 seats, mixed stances and cohesions, in 12 parties (fixed seed)."""
    rng = np.random.default_rng(seed)
    seats = rng.multinomial(SEATS - BLOCS, np.ones(BLOCS) / BLOCS) + 1
    p = rng.choice([0.98, 0.75, 0.5, 0.25, 0.01], size=BLOCS)
    c = rng.choice([0.0, 0.5], size=BLOCS)
    rows = zip(seats, p, c, strict=True)
    return tuple(Bloc(f"b{i}", int(n), float(q), cohesion=float(k), stance=STANCE_OF[float(q)],
                      party=f"p{i % PARTIES}") for i, (n, q, k) in enumerate(rows))


REPEAT = 3
"""CPU figures of the swing rows are the best of this many runs (the least disturbed by other work)."""


def cpu_time(fn: Callable[[], object]) -> float:
    """The CPU seconds of this process spent in ``fn()``."""
    cpu = time.process_time()
    fn()
    return time.process_time() - cpu


def page_faults(fn: Callable[[], object]) -> int:
    """The page faults this process took in ``fn()`` (memory the allocator handed back and took again)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    fn()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def traced(fn: Callable[[], T]) -> tuple[T, float, int]:
    """``fn()``, its wall time in seconds (untraced), and the peak memory of a second, traced run (numpy's
    allocations included; tracing slows numpy's many small allocations, so it is not timed)."""
    t = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - t
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak


def baseline_exact(model: ForecastModel) -> float:
    """Member by member: each bloc's mixture is rebuilt from its members (acting alone) and the two
    whole-bloc outcomes, by 2-point convolutions only."""
    acc = np.ones(1)
    for b in model.blocs:
        alone = np.ones(1)
        for _ in range(b.seats):
            alone = np.convolve(alone, [1.0 - b.p_yes, b.p_yes])
        mix = alone * (1.0 - b.cohesion)
        mix[-1] += b.cohesion * b.p_yes
        mix[0] += b.cohesion * (1.0 - b.p_yes)
        acc = np.convolve(acc, mix)
    assert model.rule.count is not None
    return float(acc[model.rule.count:].sum())


def baseline_monte_carlo(model: ForecastModel, sims: int, rng: np.random.Generator, chunk: int = 20_000) -> float:
    """Per-member simulation: one uniform per member and draw; bloc and group switches expanded; with a
    swing, the shocks drawn per draw and every uncommitted member's probability moved on the logit scale."""
    blocs = model.blocs
    seats = np.array([b.seats for b in blocs])
    owner = np.repeat(np.arange(len(blocs)), seats)
    p_bloc = np.array([b.p_yes for b in blocs])
    swings = np.array([b.swings for b in blocs])
    logit = np.log(np.where(swings, p_bloc, 0.5)) - np.log1p(-np.where(swings, p_bloc, 0.5))
    party_names = sorted({b.party for b in blocs})
    party = np.array([party_names.index(b.party) for b in blocs])
    cohesion = np.array([b.cohesion for b in blocs])
    group_of = {k: i for i, g in enumerate(model.groups) for k in g.blocs}
    gidx = np.array([group_of.get(b.key, -1) for b in blocs])
    together = np.array([g.together for g in model.groups])
    assert model.rule.count is not None
    passed = 0
    done = 0
    while done < sims:
        m = min(chunk, sims - done)
        shock = rng.standard_normal((m, 1)) * model.swing
        shock = shock + rng.standard_normal((m, len(party_names)))[:, party] * model.party_swing
        p_draw = np.where(swings, 1.0 / (1.0 + np.exp(-(logit + shock))), p_bloc)
        p_member = p_draw[:, owner]
        u_bloc = rng.random((m, len(blocs)))
        as_one = rng.random((m, len(blocs))) < cohesion
        gate = rng.random((m, len(together))) < together
        gu = rng.random((m, len(together)))
        ing = gidx >= 0
        g_on = gate[:, np.where(ing, gidx, 0)] & ing
        u_bloc = np.where(g_on, gu[:, np.where(ing, gidx, 0)], u_bloc)
        as_one |= g_on
        u_member = rng.random((m, SEATS))
        votes = np.where(as_one[:, owner], (u_bloc < p_draw)[:, owner], u_member < p_member)
        passed += int(np.count_nonzero(votes.sum(axis=1) >= model.rule.count))
        done += m
    return passed / sims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10^5 draws instead of 10^6")
    args = ap.parse_args()
    sims = 100_000 if args.quick else 1_000_000
    blocs = chamber()
    rule = PassRule("total", count=272)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"chamber: {SEATS} members in {BLOCS} blocs, {PARTIES} parties; cores: {os.cpu_count()}; "
          f"load average {load}")
    exact_row(ForecastModel(blocs, rule))
    groups = tuple(Group(f"g{i}", tuple(b.key for b in blocs[4 * i: 4 * i + 4]), 0.5) for i in range(4))
    correlated = ForecastModel(blocs, rule, groups)
    p_groups, _ = p_pass_exact(correlated)
    t_exact_g = median_time(lambda: p_pass_exact(correlated), 20)
    print(f"exact P(pass) with the 4 groups = {p_groups:.6f}: {t_exact_g * 1e3:.2f} ms")
    monte_carlo_rows(correlated, sims, p_groups)

    print("| model | draws | 2 threads | 1 thread | 1 thread CPU (best of 3) | page faults (1 thread) | peak MB | "
          "per-member baseline CPU | CPU ratio | P(pass) ± SE | baseline agrees |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for label, swing, party_swing in (("chamber swing 0.5", 0.5, 0.0),
                                      ("chamber 0.5 + party swing 0.3", 0.5, 0.3)):
        print(swing_row(label, ForecastModel(blocs, rule, groups, swing, party_swing), sims))


def exact_row(independent: ForecastModel) -> None:
    """Exact P(pass) of the independent blocs against the member-by-member convolution (which must agree)."""
    p_exact, _ = p_pass_exact(independent)
    t_exact = median_time(lambda: p_pass_exact(independent), 50)
    p_base = baseline_exact(independent)
    t_base = median_time(lambda: baseline_exact(independent), 5)
    assert abs(p_exact - p_base) < 1e-9, (p_exact, p_base)
    print(f"exact P(pass) = {p_exact:.6f}: {t_exact * 1e3:.2f} ms (target < 5 ms) "
          f"| member-by-member convolution {t_base * 1e3:.1f} ms | ratio {t_base / t_exact:.0f}x")


def monte_carlo_rows(correlated: ForecastModel, sims: int, p_groups: float) -> None:
    """Monte Carlo with the groups on 2 threads and 1 (the same draws), bloc by bloc, and the per-member
    baseline (timed on a fifth of the draws); each P(pass) set against the exact ``p_groups``."""
    simulate(correlated, sims=10_000, rng=np.random.default_rng(0))  # warm up
    res, t_mc, peak = traced(lambda: simulate(correlated, sims=sims, rng=np.random.default_rng(1), workers=2))
    t = time.perf_counter()
    res1 = simulate(correlated, sims=sims, rng=np.random.default_rng(1), workers=1)
    t_mc1 = time.perf_counter() - t
    assert res1.passed == res.passed
    res_b, t_bloc, peak_b = traced(
        lambda: simulate(correlated, sims=sims, rng=np.random.default_rng(3), workers=2, collapse=False))
    base_sims = sims // 5
    t = time.perf_counter()
    p_naive = baseline_monte_carlo(correlated, base_sims, np.random.default_rng(2))
    t_naive = (time.perf_counter() - t) * (sims / base_sims)
    sigma = (res.p_pass * (1 - res.p_pass) / base_sims) ** 0.5
    agree = "agree" if abs(p_naive - res.p_pass) <= 4 * sigma + 4 * res.stderr else "DISAGREE"
    print(f"Monte Carlo, {sims:,} draws, 4 groups of 4 blocs moving together: P(pass) = {res.p_pass:.5f} "
          f"± {res.stderr:.5f} ({abs(res.p_pass - p_groups) / res.stderr:.1f} sigma from exact)")
    print(f"  units drawn from their exact distributions: 2 threads {t_mc:.2f} s, 1 thread {t_mc1:.2f} s "
          f"(target < 2 s); peak traced memory {peak / 2**20:.0f} MB (target < 500 MB)")
    print(f"  bloc by bloc (collapse=False): {t_bloc:.2f} s, peak {peak_b / 2**20:.0f} MB, P(pass) = "
          f"{res_b.p_pass:.5f} ({abs(res_b.p_pass - p_groups) / res_b.stderr:.1f} sigma from exact)")
    print(f"  per-member numpy simulation: {t_naive:.1f} s for {sims:,} draws (timed on {base_sims:,}); "
          f"ratio {t_naive / t_mc:.0f}x (bloc by bloc: {t_naive / t_bloc:.1f}x); P(pass) = {p_naive:.5f} "
          f"({agree} within 4 sigma)")


def swing_row(label: str, model: ForecastModel, sims: int) -> str:
    """One table row: the swing drawn by ``simulate`` on 2 threads and 1, against the per-member baseline."""
    simulate(model, sims=10_000, rng=np.random.default_rng(0))  # warm up (the binomial tables)
    res, t2, peak = traced(lambda: simulate(model, sims=sims, rng=np.random.default_rng(4), workers=2))
    t, cpu = time.perf_counter(), time.process_time()
    res1 = simulate(model, sims=sims, rng=np.random.default_rng(4), workers=1)
    t1, cpu1 = time.perf_counter() - t, time.process_time() - cpu
    assert res1.passed == res.passed  # the same draws whatever the number of threads
    cpu1 = min(cpu1, *(cpu_time(lambda: simulate(model, sims=sims, rng=np.random.default_rng(4)))
                       for _ in range(REPEAT - 1)))
    faults = page_faults(lambda: simulate(model, sims=sims, rng=np.random.default_rng(4)))
    base_sims = sims // 10
    p_naive = baseline_monte_carlo(model, base_sims, np.random.default_rng(5))
    cpu_naive = min(cpu_time(lambda: baseline_monte_carlo(model, base_sims, np.random.default_rng(5)))
                    for _ in range(REPEAT)) * (sims / base_sims)
    sigma = (res.p_pass * (1 - res.p_pass) / base_sims) ** 0.5
    agree = "yes" if abs(p_naive - res.p_pass) <= 4 * sigma + 4 * res.stderr else "NO"
    return (f"| {label}, 4 groups | {sims:,} | {t2:.2f} s | {t1:.2f} s | {cpu1:.2f} s | {faults:,} | "
            f"{peak / 2**20:.0f} | {cpu_naive:.1f} s (timed on {base_sims:,}) | {cpu_naive / cpu1:.1f}x | "
            f"{res.p_pass:.4f} ± {res.stderr:.4f} | {agree} ({p_naive:.4f}) |")


if __name__ == "__main__":
    main()
