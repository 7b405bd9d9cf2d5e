"""Big logs: a scenario with 10,000 events loaded (parsed, validated, rules resolved) and replayed.

Run ``python benchmarks/load.py`` (``--events N``, ``--quick`` for 2,000 events). Prints, measured in one
run on the same file: whipcount's loader (libyaml's C parser when PyYAML has it, with every check and
the line map, then validation and the rules resolved), plain ``yaml.load`` with PyYAML's pure-Python
SafeLoader (the baseline: how the file was parsed before) and with its C loader (parsing alone, no
checks, no line map, no validation); then
the replay to the last date, and peak memory (tracemalloc). Target: load and replay under 1 s.

CPU seconds (``time.process_time``) are reported, so other work on a shared machine matters less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from whipcount.io import yamlsource
from whipcount.io.scenario import load_scenario

TARGET_SECONDS = 1.0


def make_log(n_events: int) -> str:
    """A chamber of 600 seats in 6 parties and ``n_events`` seat moves back and forth, each sourced."""
    parties = [("p" + str(i), 100) for i in range(6)]
    lines = ["chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}", "parties:"]
    for i, (pid, seats) in enumerate(parties):
        side = "government" if i < 3 else "opposition"
        lines.append(f"  - {{id: {pid}, name: Party {i}, seats: {seats}, side: {side}}}")
    lines.append("events:")
    day = dt.date(2000, 1, 2)
    for k in range(n_events):
        pid = parties[k % 6][0]
        to = "opposition" if (k // 6) % 2 == 0 else "government"
        if k % 6 >= 3:
            to = "government" if to == "opposition" else "opposition"
        lines.append(f"  - {{date: {day.isoformat()}, kind: switch-side, party: {pid}, seats: 1, to: {to}, "
                     f"source: \"https://example.org/e/{k}\"}}")
        if k % 6 == 5:
            day += dt.timedelta(days=1)
    lines.append(f"motion: {{kind: no-confidence, target: Someone, moved: {day.isoformat()}, "
                 f"vote: {day.isoformat()}}}")
    return "\n".join(lines) + "\n"


def cpu(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="2,000 events, one repeat")
    args = parser.parse_args()
    n = 2_000 if args.quick else args.events
    repeat = 1 if args.quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        text = make_log(n)
        path.write_text(text, encoding="utf-8")
        print(f"scenario: {n:,} events, {len(text) / 1e6:.1f} MB; libyaml C parser available: "
              f"{yamlsource.C_PARSER}")

        ours_load = cpu(lambda: load_scenario(path), repeat)
        sc = load_scenario(path)
        ours_replay = cpu(lambda: sc.state(sc.last_date), repeat)
        tracemalloc.start()
        load_scenario(path).state()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        floor = cpu(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeat) if yamlsource.C_PARSER else float("nan")

        pure_load = cpu(lambda: yaml.load(text, Loader=yaml.SafeLoader), 1)

    total = ours_load + ours_replay
    print(f"{'step':<44} {'CPU s':>8}")
    print(f"{'whipcount load (checks, line map, rules)':<44} {ours_load:8.3f}")
    print(f"{'whipcount replay to the last date':<44} {ours_replay:8.3f}")
    print(f"{'load + replay (target < 1 s)':<44} {total:8.3f}  {'met' if total < TARGET_SECONDS else 'MISSED'}")
    print(f"{'baseline: yaml.load, pure-Python SafeLoader':<44} {pure_load:8.3f}  ratio {pure_load / ours_load:5.1f}x")
    print(f"{'floor: yaml.load with CSafeLoader alone':<44} {floor:8.3f}  ours / floor {ours_load / floor:5.1f}x")
    print(f"peak memory, load and replay: {peak:.0f} MB")


if __name__ == "__main__":
    main()
