"""Benchmark: whipcount.power against the PyPI package ``powerindex`` (0.3.5), side by side.

    python benchmarks/power.py            # about 6 to 10 minutes on 2 shared cores
    python benchmarks/power.py --quick    # smoke run: the two targets on small games, no powerindex table

First the **targets** (issue 17): exact Shapley–Shubik at n = 500 and exact Banzhaf at n = 1000 on the
seeded random games below, each in a fresh subprocess, against the float64 DP of the same recursion
(``exact=False``) in the same run: process CPU seconds (``resource.getrusage``, all threads) and peak
resident memory (``ru_maxrss``) of each, and the ratio. With numba installed the exact count is timed as a
process's first (numba's import and loading the compiled loops inside) and as a later one (a process that
has counted the same game at the next quota before), the float64 DP both ways too, each ratio of like with
like; the numpy tables are timed as well. powerindex's figures for the same games are in
the table that follows.

Installs nothing. For each game and index it times whipcount (exact fractions; the median of at
least three runs, and of as many as fit in 0.3 s for sub-millisecond games, in a fresh subprocess
whose peak resident memory is reported) and powerindex (in a subprocess limited to 4 GB of address
space and a timeout, so an out-of-memory or a very slow run cannot stop the benchmark), then prints
the times, the peak memory of each side, the ratio and whether the values agree within 1e-9.
powerindex gets a longer timeout (``LONG_TIMEOUT``) on the one game where it finishes only after
minutes (Banzhaf, n = 1000), so that the ratio can be shown.

Games: a Pakistan-like chamber (National Assembly 2022, quota 172), the US Electoral College
(2020 allocation, 538 votes, quota 270) and random games with n = 100, 500, 1000 and weights in
1..1000 (seeded), quota a majority of the total.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

import numpy as np

MEMORY_LIMIT = 4 * 1024**3  # bytes of address space for the powerindex subprocess
TIMEOUT = 60.0  # seconds per powerindex call
LONG_TIMEOUT = 300.0  # Banzhaf at n = 1000, where powerindex takes about two minutes
RUNS = 3

# US Electoral College votes by state for the 2012–2020 elections (2010 census apportionment),
# Alabama .. Wyoming with DC in alphabetical place. Source: National Archives, "Distribution of
# Electoral Votes" (https://www.archives.gov/electoral-college/allocation), 2012-2020 column.
# Maine and Nebraska (which split by district) are counted as blocs, as usual in power studies.
US_EC_2020 = {
    "AL": 9, "AK": 3, "AZ": 11, "AR": 6, "CA": 55, "CO": 9, "CT": 7, "DE": 3, "DC": 3, "FL": 29,
    "GA": 16, "HI": 4, "ID": 4, "IL": 20, "IN": 11, "IA": 6, "KS": 6, "KY": 8, "LA": 8, "ME": 4,
    "MD": 10, "MA": 11, "MI": 16, "MN": 10, "MS": 6, "MO": 10, "MT": 3, "NE": 5, "NV": 6, "NH": 4,
    "NJ": 14, "NM": 5, "NY": 29, "NC": 15, "ND": 3, "OH": 18, "OK": 7, "OR": 7, "PA": 20, "RI": 4,
    "SC": 9, "SD": 3, "TN": 11, "TX": 38, "UT": 6, "VT": 3, "VA": 13, "WA": 12, "WV": 5, "WI": 10,
    "WY": 3,
}  # fmt: skip
assert sum(US_EC_2020.values()) == 538 and len(US_EC_2020) == 51

# Pakistan-like chamber: seats of the parties in the National Assembly, spring 2022 (MMA counted with JI).
PAKISTAN = [155, 84, 56, 15, 7, 5, 5, 4, 3, 1, 1, 1, 4]

_PX_CHILD = """
import json, resource, sys, time
import powerindex as px
spec = json.loads(sys.stdin.read())
times, values = [], None
while len(times) < spec["runs"] or (sum(times) < 0.3 and len(times) < 500):  # sub-ms games: many runs
    game = px.Game(spec["quota"], spec["weights"])
    t = time.perf_counter()
    if spec["index"] == "banzhaf":
        game.calc_banzhaf(); values = game.banzhaf
    else:
        game.calc_shapley_shubik(); values = game.shapley_shubik
    times.append(time.perf_counter() - t)
    if times[-1] > 5:
        break
print(json.dumps({"times": times, "values": values, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

_OURS_CHILD = """
import json, resource, sys, time
from whipcount.power import WeightedGame, banzhaf, shapley_shubik
from whipcount.power.indices import clear_caches
spec = json.loads(sys.stdin.read())
game = WeightedGame(spec["weights"], spec["quota"])
func = banzhaf if spec["index"] == "banzhaf" else shapley_shubik
times, values = [], None
while len(times) < spec["runs"] or (sum(times) < 0.3 and len(times) < 500):  # sub-ms games: many runs
    clear_caches()
    t = time.perf_counter()
    result = func(game, exact=True)
    times.append(time.perf_counter() - t)
    values = [float(v) for v in result]
    if times[-1] > 5:
        break
print(json.dumps({"times": times, "values": values, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@dataclass
class Run:
    seconds: float | None
    values: list[float] | None
    peak_mb: float | None
    failure: str | None


def run_child(code: str, spec: dict[str, object], timeout: float, limit: bool) -> Run:
    """Median time, values and peak memory of one child process, or why it failed."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps(spec),
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_limit_memory if limit else None,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Run(None, None, None, f"timeout > {timeout:.0f} s")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1]
        return Run(None, None, None, "MemoryError (4 GB)" if "MemoryError" in last else last[:40])
    data = json.loads(done.stdout)
    return Run(statistics.median(data["times"]), data["values"], data["maxrss_kb"] / 1024, None)


def random_games() -> dict[int, tuple[list[int], int]]:
    """The seeded random games: n = 100, 500, 1000, weights in 1..1000, quota a majority of the total."""
    rng = np.random.default_rng(20240410)
    games = {}
    for n in (100, 500, 1000):
        weights = [int(w) for w in rng.integers(1, 1001, n)]
        games[n] = (weights, sum(weights) // 2 + 1)
    return games


_CPU_CHILD = """
import json, resource, sys
from whipcount.power import WeightedGame, banzhaf, shapley_shubik, compiled
spec = json.loads(sys.stdin.read())
if not spec["compiled"]:
    compiled.available = lambda: False  # numpy's modular tables, as without the fast extra
func = banzhaf if spec["index"] == "banzhaf" else shapley_shubik
if spec["warm"]:  # a process that has counted this game before, at the next quota (not a cached answer):
    # modules imported, numba's loops loaded, the memory allocator past its first large blocks
    func(WeightedGame(spec["weights"], spec["quota"] + 1), exact=spec["exact"])
game = WeightedGame(spec["weights"], spec["quota"])
before = resource.getrusage(resource.RUSAGE_SELF)
result = func(game, exact=spec["exact"])
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(json.dumps({"cpu": cpu, "maxrss_kb": after.ru_maxrss, "values": [float(v) for v in result]}))
"""


_COMPILE = """
from whipcount.power import WeightedGame, banzhaf_swings, swings_by_size
game = WeightedGame(list(range(1, 30)), 300)
swings_by_size(game, method="compiled"), banzhaf_swings(game, method="compiled")
"""


def cpu_child(
    weights: list[int], quota: int, index: str, exact: bool, compiled: bool = True, warm: bool = False
) -> tuple[float, float, list[float]]:
    """CPU seconds of the index alone (after imports), peak resident MB and values, in a fresh process.
    ``compiled=False``: numpy's tables; ``warm``: the process counts the same game at the next quota
    before the clock starts (numba's import, loading the compiled loops, the modules the count imports
    and the memory allocator's first large blocks all done), else all of that is inside."""
    spec = {"weights": weights, "quota": quota, "index": index, "exact": exact, "compiled": compiled,
            "warm": warm}
    done = subprocess.run(
        [sys.executable, "-c", _CPU_CHILD], input=json.dumps(spec), capture_output=True, text=True, check=True
    )
    data = json.loads(done.stdout)
    return data["cpu"], data["maxrss_kb"] / 1024, data["values"]


def targets(quick: bool) -> None:
    """Issue 17's targets: exact against the float64 DP of the same recursion, CPU time and peak memory."""
    games = random_games()
    if quick:
        rng = np.random.default_rng(17)
        small = {n: [int(w) for w in rng.integers(1, 1001, n)] for n in (120, 200)}
        plan = [("shapley-shubik", 120, small[120]), ("banzhaf", 200, small[200])]
    else:
        plan = [("shapley-shubik", 500, games[500][0]), ("banzhaf", 1000, games[1000][0])]
    from whipcount.power import compiled

    fast = compiled.available()
    if fast:  # numba compiles the loops once a machine (about 2 s) and keeps them: measure them kept
        subprocess.run([sys.executable, "-c", _COMPILE], check=True)
    print("targets: exact vs float64 DP of the same recursion (fresh process each, CPU s incl. all threads)")
    route = ("compiled loops (numba installed; compiled once before, as after a first use)" if fast
             else "numpy tables (numba not installed)")
    print(f"exact: {route}; numpy: the exact numpy tables")
    print("first: the first count in a process (numba's import and loading the loops inside, about 0.25 to 0.4 s,")
    print("and the first large allocations); later: a process that has counted the same game at the next quota;")
    print("each ratio compares like with like: exact first / float64 first, exact later / float64 later")
    header = (f"{'index':<15} {'n':>5} {'exact first':>12} {'later':>7} {'MB':>5} {'numpy':>7} {'MB':>5} "
              f"{'float64 first':>14} {'later':>6} {'MB':>5} {'ratio first':>12} {'later':>6}  agree")
    print(header)
    print("-" * len(header))
    for index, n, weights in plan:
        quota = sum(weights) // 2 + 1
        cpu, mb, exact_values = cpu_child(weights, quota, index, True)
        later = cpu_child(weights, quota, index, True, warm=True)[0]
        ncpu, nmb, numpy_values = (
            cpu_child(weights, quota, index, True, compiled=False) if fast else (cpu, mb, exact_values)
        )
        fcpu, fmb, float_values = cpu_child(weights, quota, index, False)
        flater = cpu_child(weights, quota, index, False, warm=True)[0]
        worst = max(abs(a - b) for a, b in zip(exact_values, float_values, strict=True))
        same = exact_values == numpy_values
        agree = "yes" if worst <= 1e-9 and same else f"NO ({worst:.1e}, exact paths same: {same})"
        print(
            f"{index:<15} {n:>5} {cpu:>12.2f} {later:>7.2f} {mb:>5.0f} {ncpu:>7.2f} {nmb:>5.0f} {fcpu:>14.2f} "
            f"{flater:>6.2f} {fmb:>5.0f} {cpu / fcpu:>11.1f}x {later / flater:>5.1f}x  {agree}",
            flush=True,
        )
    print()


_ROUTE_CHILD = """
import json, resource, sys
from whipcount.power import WeightedGame, banzhaf_swings, swings_by_size
spec = json.loads(sys.stdin.read())
game = WeightedGame(spec["weights"], spec["quota"], proper=False)
count = banzhaf_swings if spec["index"] == "banzhaf" else swings_by_size
before = resource.getrusage(resource.RUSAGE_SELF)
try:
    result, failure = count(game, method=spec["method"]), None
except Exception as error:  # a refusal is a figure too
    result, failure = None, str(error)
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
print(json.dumps({"cpu": cpu, "maxrss_kb": after.ru_maxrss, "result": repr(result), "failure": failure}))
"""


def _route(weights: list[int], quota: int, index: str, method: str) -> tuple[float, float, str, str | None]:
    """CPU seconds, peak MB, the counts (as text) or the refusal, of one count in a fresh process."""
    spec = {"weights": weights, "quota": quota, "index": index, "method": method}
    done = subprocess.run([sys.executable, "-c", _ROUTE_CHILD], input=json.dumps(spec), capture_output=True,
                          text=True, check=True)
    data = json.loads(done.stdout)
    return data["cpu"], data["maxrss_kb"] / 1024, data["result"], data["failure"]


def smaller_games(quick: bool) -> None:
    """Games with weights far larger than needed, and few players of large weights: counted as an equivalent
    smaller game (whipcount.power.reduction) or by meet in the middle (method "auto") against the tables
    alone (method "tables", the route they took before), CPU seconds and peak memory in a fresh process."""
    giants = [10**10] * 3 + [1] * 30
    eu = [84358845, 68070697, 58850717, 48059777, 36753736, 19051562, 17811291, 11754004, 10827529, 10521556,
          10467366, 10394055, 9597085, 9104772, 6447710, 5932654, 5563970, 5428792, 5194336, 3850894, 2857279,
          2116792, 1883008, 1365884, 920701, 660809, 542051]
    plan = [("3 x 1e10 + 30 x 1, q 2e10", giants, 2 * 10**10, "banzhaf"),
            ("3 x 1e10 + 30 x 1, q 2e10+1", giants, 2 * 10**10 + 1, "banzhaf"),
            ("3 x 1e10 + 30 x 1, q 2e10+1", giants, 2 * 10**10 + 1, "shapley-shubik"),
            ("EU-27 populations, q 65 %", eu, 291452117, "banzhaf"),
            ("EU-27 populations, q 65 %", eu, 291452117, "shapley-shubik")]
    print("equivalent smaller games and meet in the middle (auto) against the tables alone (tables)")
    header = f"{'game':<29} {'index':<15} {'auto s':>7} {'MB':>5} {'tables s':>9} {'MB':>5} {'ratio':>7}  same"
    print(header)
    print("-" * len(header))
    for label, weights, quota, index in plan:
        cpu, mb, result, failure = _route(weights, quota, index, "auto")
        if quick and label.startswith("EU"):  # the tables take 10 s and 2.5 GB here
            print(f"{label:<29} {index:<15} {cpu:>7.3f} {mb:>5.0f} {'(--quick)':>9}", flush=True)
            continue
        old_cpu, old_mb, old_result, old_failure = _route(weights, quota, index, "tables")
        if old_failure is not None:
            print(f"{label:<29} {index:<15} {cpu:>7.3f} {mb:>5.0f}  tables: {old_failure[:60]}", flush=True)
            continue
        same = "yes" if failure is None and result == old_result else "NO"
        print(f"{label:<29} {index:<15} {cpu:>7.3f} {mb:>5.0f} {old_cpu:>9.2f} {old_mb:>5.0f} "
              f"{old_cpu / max(cpu, 1e-6):>6.0f}x  {same}", flush=True)
    print()


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    smaller_games(quick)
    targets(quick)
    if quick:
        return
    games: list[tuple[str, list[int], int]] = [
        ("Pakistan NA (13 parties)", PAKISTAN, 172),
        ("US Electoral College 2020", list(US_EC_2020.values()), 270),
    ]
    for n, (weights, quota) in random_games().items():
        games.append((f"random n={n}", weights, quota))

    header = (
        f"{'game':<27} {'index':<15} {'n':>5} {'ours (s)':>9} {'ours MB':>8} "
        f"{'powerindex (s)':>18} {'px MB':>7} {'ratio':>8}  agree"
    )
    print(header)
    print("-" * len(header))
    started = time.perf_counter()
    for label, weights, quota in games:
        n = len(weights)
        for index in ("banzhaf", "shapley-shubik"):
            if index == "shapley-shubik" and n >= 1000:
                continue
            spec = {"weights": weights, "quota": quota, "index": index, "runs": RUNS}
            ours = run_child(_OURS_CHILD, spec, 600.0, limit=False)
            if ours.seconds is None or ours.values is None:
                print(f"{label:<27} {index:<15} {n:>5} ours failed: {ours.failure}", flush=True)
                continue
            timeout = LONG_TIMEOUT if (index == "banzhaf" and n >= 1000) else TIMEOUT
            px_spec = {**spec, "index": "banzhaf" if index == "banzhaf" else "shapley"}
            px = run_child(_PX_CHILD, px_spec, timeout, limit=True)
            if px.seconds is not None and px.values is not None:
                ratio = f"{px.seconds / ours.seconds:7.1f}x"
                worst = max(abs(a - b) for a, b in zip(ours.values, px.values, strict=True))
                agree = "yes" if worst <= 1e-9 else "NO"
                px_text, px_mb = f"{px.seconds:.3f}", f"{px.peak_mb:.0f}"
            else:
                timed_out = px.failure is not None and px.failure.startswith("timeout")
                ratio = f">{timeout / ours.seconds:6.1f}x" if timed_out else "  n/a"
                agree, px_text, px_mb = "-", px.failure or "?", "-"
            print(
                f"{label:<27} {index:<15} {n:>5} {ours.seconds:>9.4f} {ours.peak_mb:>8.0f} "
                f"{px_text:>18} {px_mb:>7} {ratio:>8}  {agree}",
                flush=True,
            )
    print(f"\ntotal benchmark time {time.perf_counter() - started:.0f} s")
    vector_games()


def vector_games() -> None:
    """Multi-criteria games (no peer package counts these): the EU Council's qualified majority by meet
    in the middle, and meet in the middle against brute force on a random count + weight game."""
    from whipcount.power import VectorGame, WeightedGame, banzhaf, shapley_shubik
    from whipcount.power.indices import clear_caches, swings_by_size
    from whipcount.power.named import named_game
    from whipcount.power.vector_counts import brute_swings_by_size

    def timed(func: object, *args: object) -> float:
        best = float("inf")
        for _ in range(RUNS):
            clear_caches()
            start = time.perf_counter()
            func(*args)  # type: ignore[operator]
            best = min(best, time.perf_counter() - start)
        return best

    print("\nvector games (exact; best of", RUNS, "cold runs)")
    eu = named_game("eu-council-2024").game
    print(f"EU Council 2024 (27 members) banzhaf          {timed(banzhaf, eu):.4f} s  meet in the middle")
    print(f"EU Council 2024 (27 members) shapley-shubik   {timed(shapley_shubik, eu):.4f} s  meet in the middle")
    rng = np.random.default_rng(7)
    n = 20
    pop = [int(x) for x in rng.integers(1, 10**6, n)]
    game = VectorGame(
        [WeightedGame([1] * n, 11), WeightedGame(pop, sum(pop) * 13 // 20 + 1)], or_games=[WeightedGame([1] * n, 17)]
    )
    mitm = timed(swings_by_size, game)
    brute = timed(brute_swings_by_size, game, 22)
    print(f"random count+weight n={n}, swings by size   mitm {mitm:.4f} s  brute force {brute:.4f} s")


if __name__ == "__main__":
    main()
