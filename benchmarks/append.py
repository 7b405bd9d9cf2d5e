"""Appends to a stored event log: how many events a second the store takes, on the bundled case and on long logs.

Run ``python benchmarks/append.py`` (``--appends N`` per scenario, 20 by default; ``--sizes`` for the long logs'
events, 1,000, 2,000 and 4,000 by default; ``--db URL`` for a PostgreSQL scratch database instead of an SQLite
file; ``--quick`` for 5 appends on the bundled case and logs of 500 and 1,000 events). Each scenario is loaded
into a fresh store, then ``Store.append_event`` is called ``--appends`` times as the dashboard's event form and
API call it (each a new event, dated on the log's last day, every check made: the same event logged, its
sources, its date, the log replaying with it, the recorded stances still fitting).

Prints per scenario: the CPU milliseconds of the first append (the scenario held in no memory yet, as in a
process that has not read it); the median wall-clock and CPU milliseconds of the next ones and the appends a
second they make; the scenario's reads from the database per append (``Store._scenario_in``) and the events
decoded from their rows per append, over them all; then, to compare with what replay alone needs, the CPU
milliseconds of one read of the whole scenario and of one replay of its log to the last date, and the next
appends' CPU time over the replay's. An append costs in proportion to the log (its checks go through it and
replay it): the ratio stays flat as the log grows, where an append that replayed the log once per day it
counts, or per event, would grow with it.

The long logs are ``benchmarks/load.py``'s (600 seats in 6 parties, seats switching side back and forth, each
event sourced) with a party stance recorded, so that each append checks the whip count's fit. Run this script
on the code before a change and after it (the same arguments) to compare: it calls only the public store.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from load import make_log
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Scenario, Source, Stance
from whipcount.storage import Store
from whipcount.storage import event_checks as event_checks_module
from whipcount.storage import store as store_module

PK = "pk-na-2022"


@contextmanager
def counted() -> Iterator[dict[str, int]]:
    """Count the scenario's reads from the database and the events decoded from their rows, while open."""
    counts = {"reads": 0, "decoded": 0}
    load = Store._scenario_in
    decoders = {m: m.decode_as for m in (store_module, event_checks_module)}

    def counting_load(self: Store, *a: Any, **kw: Any) -> Any:
        counts["reads"] += 1
        return load(self, *a, **kw)

    def decoder(decode: Callable[..., Any]) -> Callable[..., Any]:
        def counting(tp: Any, data: Any) -> Any:
            counts["decoded"] += tp is Event
            return decode(tp, data)
        return counting

    Store._scenario_in = counting_load  # type: ignore[method-assign]
    for module, decode in decoders.items():
        module.decode_as = decoder(decode)  # type: ignore[attr-defined]
    try:
        yield counts
    finally:
        Store._scenario_in = load  # type: ignore[method-assign]
        for module, decode in decoders.items():
            module.decode_as = decode  # type: ignore[attr-defined]


def long_log(n_events: int, directory: Path) -> Scenario:
    """``benchmarks/load.py``'s log of ``n_events`` seat moves, with a stance recorded for its first party."""
    path = directory / f"log-{n_events}.yaml"
    path.write_text(make_log(n_events), encoding="utf-8")
    sc = load_scenario(path)
    stance = Stance(date=sc.chamber.as_of, stance="yes", party=sc.parties[0].id)
    return replace(sc, id=f"append-bench-{n_events}", stances=(stance,))


def new_events(sc: Scenario, count: int) -> list[Event]:
    """``count`` events to append, dated on the log's last day, each with a source of its own: on the bundled
    case, statements; on a long log, one seat of its first party switching side and back (the log replays)."""
    day = max(e.date for e in sc.events)
    url = "https://example.org/append-benchmark/{}"
    if sc.id == PK:
        return [Event(day, "statement", party="pti", sources=(Source(url.format(i)),)) for i in range(count)]
    party = sc.parties[0].id
    side = sc.state(day).party(party).by_side[0][0]
    other = "opposition" if side == "government" else "government"
    return [Event(day, "switch-side", party=party, seats=1, to=other if i % 2 == 0 else side,
                  sources=(Source(url.format(i)),)) for i in range(count)]


def measure(store: Store, sc: Scenario, appends: int) -> dict[str, float]:
    """Load ``sc`` anew and append to it: the milliseconds of the first append (the scenario in no memory yet)
    and the median of the next ones, reads and decodes per append, and one read and one replay of the stored
    scenario, all CPU but the wall-clock median."""
    store.save_scenario(sc, user="bench", replace=store.has_scenario(sc.id))
    walls, cpus = [], []
    events = new_events(sc, appends + 1)
    with counted() as counts:
        for ev in events:
            wall, cpu = time.perf_counter(), time.process_time()
            store.append_event(sc.id, ev, user="bench")
            cpus.append(time.process_time() - cpu)
            walls.append(time.perf_counter() - wall)
    logged = store.events(sc.id)
    if len(logged) != len(sc.events) + appends + 1 or [e for _, e, *_ in logged[len(sc.events):]] != events:
        raise SystemExit(f"{sc.id}: the log does not end with the {appends + 1} events appended")
    cpu_read = time.process_time()
    stored = store.scenario(sc.id)
    cpu_read = time.process_time() - cpu_read
    cpu_replay = time.process_time()
    stored.state(stored.last_date)
    cpu_replay = time.process_time() - cpu_replay
    return {"events": len(sc.events), "first": cpus[0] * 1000, "wall": statistics.median(walls[1:]) * 1000,
            "cpu": statistics.median(cpus[1:]) * 1000, "reads": counts["reads"] / (appends + 1),
            "decoded": counts["decoded"] / (appends + 1), "read": cpu_read * 1000, "replay": cpu_replay * 1000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--appends", type=int, default=20)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 2_000, 4_000])
    parser.add_argument("--db", help="a scratch database's URL (default: a fresh SQLite file)")
    parser.add_argument("--quick", action="store_true", help="5 appends; logs of 500 and 1,000 events")
    args = parser.parse_args()
    appends, sizes = (5, [500, 1_000]) if args.quick else (args.appends, args.sizes)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(args.db or f"sqlite:///{Path(tmp) / 'append.db'}")
        try:
            print(f"database: {store.dialect}; a first append, then {appends} more (their median) per scenario")
            print("| scenario | events | first append CPU ms | next: wall ms | next: appends/s | next: CPU ms "
                  "| reads/append | events decoded/append | read CPU ms | replay CPU ms | next CPU / replay |")
            print("|---|---|---|---|---|---|---|---|---|---|---|")
            scenarios = [load_scenario(PK), *(long_log(n, Path(tmp)) for n in sizes)]
            for sc in scenarios:
                m = measure(store, sc, appends)
                print(f"| {sc.id} | {m['events']:,} | {m['first']:.1f} | {m['wall']:.1f} | {1000 / m['wall']:.1f} "
                      f"| {m['cpu']:.1f} | {m['reads']:.2f} | {m['decoded']:.1f} | {m['read']:.1f} "
                      f"| {m['replay']:.1f} | {m['cpu'] / m['replay']:.1f} |")
            print("every log ends with the events appended, in order: yes")
        finally:
            store.close()
    print(f"measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()
