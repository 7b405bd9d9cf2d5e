"""Seat charts of a very large chamber: 2,977 seats (the size of China's National People's Congress) in 40 parties.

Run ``python benchmarks/chart.py`` (``--repeat N``; ``--quick`` for 1,000 seats in 20 parties, one repeat). The
chambers are made here (seeded; the parties are invented):

- *even*: 40 parties of 74 or 75 seats, none with a colour of its own, so the palette's sixteen colours come
  round again and nearly every party's colour is searched (most searches find no colour far enough from all
  those settled before and look through every candidate);
- *one large*: a party of 2,090 seats and 39 of 5 to 150, each with a colour of its own around the colour
  wheel (the small ones that cannot be separated are grouped, and the plan is worked out again);
- *even, named*: the first, with every seat a named member.

Prints for each, measured in one run: ``whipcount chart FILE -o chart.svg`` and ``-o chart.png`` as a user runs
them (a child process each: CPU seconds and peak resident memory); in this process, the colour plan
(every kept search forgotten first) by whipcount's search and by the baseline, the search as it was before
7 December 2026 (every candidate measured against every settled colour under every vision, in batches of 32
to 512; its candidates are made the same way), the ratio, and whether the two plans are the same (they must
be); and the whole chart in this process (its plan made afresh).

CPU seconds (``time.process_time``, ``RUSAGE_CHILDREN``) are reported, so other work on a shared machine
matters less. The median of ``--repeat`` runs (3) in this process; the child processes run once.
"""

from __future__ import annotations

import argparse
import colorsys
import itertools
import statistics
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from measure import child, cpu
from whipcount.charts import cvd, partycolours
from whipcount.charts.views import hemicycle
from whipcount.io.scenario import load_scenario


def chamber(kind: str, seats: int, parties: int, members: bool) -> str:
    """The scenario file of a chamber of ``seats`` in ``parties`` (see the module docstring)."""
    if kind == "even":
        sizes = [seats // parties + (i < seats % parties) for i in range(parties)]
        colours: list[str | None] = [None] * parties
    else:
        rest = [max(5, round(150 / (k + 1) ** 0.9)) for k in range(parties - 1)]
        sizes = [seats - sum(rest), *rest]
        colours = []
        for i in range(parties):
            r, g, b = colorsys.hls_to_rgb((i * 0.618034) % 1, 0.45, 0.6)
            colours.append(f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}")
    lines = [f"id: big-{kind}", f"chamber: {{name: Big Congress, rules: pk-na, seats: {seats}, as_of: 2000-01-01}}",
             "parties:"]
    for i, (n, colour) in enumerate(zip(sizes, colours, strict=True)):
        side = "government" if i % 2 == 0 else "opposition"
        paint = f", colour: '{colour}'" if colour else ""
        lines.append(f"  - {{id: p{i}, name: Party {i}, seats: {n}, side: {side}{paint}}}")
    lines.append("motion: {kind: no-confidence, target: Someone, moved: 2000-01-02, vote: 2000-01-05}")
    if members:
        lines.append("members:")
        lines += [f"  - {{id: m{i}-{j}, name: Member {j} of Party {i}, party: p{i}}}"
                  for i, n in enumerate(sizes) for j in range(n)]
    return "\n".join(lines) + "\n"


def _baseline_search(
    original: str, settled: list[tuple[str, tuple[Any, ...]]], worst_now: float, who_now: str
) -> tuple[str, float, str]:
    """The search as it was: every candidate measured against every settled colour under every vision."""
    best, best_worst, best_who = original, worst_now, who_now
    keys = [k for k, _ in settled]
    theirs = np.array([views for _, views in settled])
    candidates = iter(cvd._candidates(original))
    size = 32
    while batch := list(itertools.islice(candidates, size)):
        size = min(4 * size, 512)
        apart = cvd._delta_e_rows(cvd._views_rows(batch)[:, None], theirs[None]).reshape(len(batch), -1)
        worst = apart.min(axis=1)
        for i in np.flatnonzero(worst > best_worst):
            if worst[i] > best_worst:
                who = keys[int(apart[i].argmin()) // len(cvd.VISIONS)]
                if worst[i] >= cvd.MIN_DELTA_E:
                    return batch[i], float(worst[i]), who
                best, best_worst, best_who = batch[i], float(worst[i]), who
    return best, best_worst, best_who


def forget() -> None:
    """Every kept colour search and plan, so that each run searches afresh."""
    partycolours._LAST.clear()
    for kept in [partycolours._plan, *vars(cvd).values()]:
        if hasattr(kept, "cache_clear"):
            kept.cache_clear()


@contextmanager
def baseline() -> Iterator[None]:
    ours = cvd._nearest_apart
    cvd._nearest_apart = _baseline_search  # type: ignore[assignment]
    try:
        yield
    finally:
        cvd._nearest_apart = ours  # type: ignore[assignment]


def median_cpu(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    runs = []
    for _ in range(repeat):
        forget()
        runs.append(cpu(fn))
    return statistics.median(t for t, _ in runs), runs[-1][1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1,000 seats in 20 parties, one repeat")
    args = parser.parse_args()
    seats, parties, repeat = (1_000, 20, 1) if args.quick else (2_977, 40, args.repeat)
    print(f"chambers of {seats:,} seats in {parties} parties; CPU seconds, median of {repeat}")
    print("| chamber | chart .svg (CLI) | chart .png (CLI) | colour plan | baseline plan | ratio | same plan "
          "| whole chart in process |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        for label, kind, members in (("even", "even", False), ("one large", "large", False),
                                     ("even, named", "even", True)):
            path = Path(tmp) / f"{kind}{'-named' if members else ''}.yaml"
            path.write_text(chamber(kind, seats, parties, members), encoding="utf-8")
            svg_s, svg_mb = child(["chart", str(path), "-o", str(Path(tmp) / "chart.svg")])
            png_s, png_mb = child(["chart", str(path), "-o", str(Path(tmp) / "chart.png")])
            sc = load_scenario(path)
            rows = [(p.id, p.colour, p.seats) for p in sc.state(sc.chamber.as_of).parties]
            ours_s, ours = median_cpu(lambda: partycolours.plan_colours(rows, seats), repeat)  # noqa: B023
            with baseline():
                base_s, base = median_cpu(lambda: partycolours.plan_colours(rows, seats), repeat)  # noqa: B023
            whole_s, _ = median_cpu(lambda: hemicycle(sc), repeat)  # noqa: B023
            same = "yes" if ours == base else "NO"
            print(f"| {label} | {svg_s:.2f} s, {svg_mb:.0f} MB | {png_s:.2f} s, {png_mb:.0f} MB | {ours_s:.3f} s "
                  f"| {base_s:.3f} s | {base_s / ours_s:.1f}x | {same} | {whole_s:.3f} s |")


if __name__ == "__main__":
    main()
