"""The commands that read a whole event log, on a scenario of EveryPolitician's size, and the old way of reading it.

Run ``python benchmarks/history.py`` (``--persons N``, ``--memberships N``, ``--cut N``: 1,000 events by
default; ``--quick`` for 500 persons and 5,000 memberships). The scenario is a Popolo import of the seeded
bundle of ``benchmarks/popolo_bundle.py`` (5,000 persons, 50,000 memberships: about 35,000 events), given a
motion filed on its second day and voted on its last, and two party stances. Prints, measured in one run:

* each command as a user runs it, on the whole scenario (a child process: its CPU seconds and peak resident
  memory): ``whipcount report``, ``chart --kind timeline``, ``cases``, ``compare``, ``db load`` (which checks the
  whip count on every day an event changes);
* in this process, on the first ``--cut`` events of it (the old way takes minutes and gigabytes on the whole
  log): the timeline's sides (``coalitions``), the seats that changed side (``cases``) and the whip count's
  check on every day, each now and the old way (a copy of the whole chamber after every event; the log
  replayed once a day), their answers compared, and the ratio. The old way runs on today's replay, whose
  snapshots share the states of the members no event moved: the ratio understates what it was before
  (docs/performance.md gives the commands measured on the old code).

CPU seconds (``time.process_time``, ``RUSAGE_CHILDREN``) are reported, so other work on a shared machine
matters less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import tempfile
from dataclasses import replace
from pathlib import Path

from measure import child, cpu
from popolo_bundle import make_bundle, party_sides
from whipcount.charts.story import coalitions
from whipcount.io.popolo import import_popolo
from whipcount.io.writer import dump_scenario
from whipcount.model import Motion, Scenario, Stance
from whipcount.storage.fit import count_problem, days_to_count, timeline_problem
from whipcount.storage.snapshot import live_date
from whipcount.storage.timeline import in_force
from whipcount.tally.cases import _moves, seats_changed_side


def scenario(persons: int, memberships: int) -> Scenario:
    """The seeded import, with a motion over the whole log and two party stances."""
    seats = max(20, persons * 6 // 25)
    bundle = make_bundle(persons=persons, memberships=memberships, seats=seats)
    sc = import_popolo(bundle, "bundle.json", rules="pk-na", sides=party_sides()).scenario
    first = sc.chamber.as_of + dt.timedelta(days=1)
    motion = Motion(kind="no-confidence", target="The Prime Minister", filed=first, vote=sc.last_date)
    stances = (Stance(date=first, stance="yes", party=sc.parties[0].id),
               Stance(date=first, stance="no", party=sc.parties[1].id))
    return replace(sc, motions=(motion,), stances=stances)


def old_sides(sc: Scenario) -> list[tuple[dt.date, dict[str, int], int]]:
    """The timeline's steps the old way: the whole chamber after every event, kept."""
    states = list(sc.history())
    return [(state.date, state.sides(), state.vacancies) for _, state in states]


def old_changed_side(sc: Scenario, start: dt.date, end: dt.date) -> int:
    moved, before = 0, None
    for event, state in sc.history():
        after = {p.id: dict(p.by_side) for p in state.parties}
        if event is not None and before is not None and start < event.date <= end \
                and event.kind != "government-change":
            moved += _moves(before, after)
        before = after
    return moved


def old_check(sc: Scenario) -> str | None:
    """The whip count's check on every day the old way: the chamber replayed from the start for each day."""
    for day in days_to_count(sc, sc.stances, sc.chamber.as_of, live_date(sc, sc.stances)):
        problem = count_problem(replace(sc, stances=tuple(in_force(sc.stances, day))), sc.state(day))
        if problem is not None:
            return problem
    return None


def in_process(sc: Scenario) -> list[tuple[str, float, float, bool]]:
    """(what, now, the old way, same answer) on ``sc``."""
    start, end = sc.chamber.as_of, sc.last_date
    new_co, co = cpu(lambda: coalitions(sc))
    old_co, old = cpu(lambda: old_sides(sc))
    same_co = [(s.date, s.vacancies) for s in co.steps] == [(d, v) for d, _, v in old] and all(
        sorted(s.seats.values()) == sorted(sides.values()) for s, (_, sides, _) in zip(co.steps, old, strict=True))
    new_cs, moved = cpu(lambda: seats_changed_side(sc, start, end))
    old_cs, old_moved = cpu(lambda: old_changed_side(sc, start, end))
    new_ck, problem = cpu(lambda: timeline_problem(sc, sc.stances, sc.chamber.as_of))
    old_ck, old_problem = cpu(lambda: old_check(sc))
    return [("the timeline's sides after each event (coalitions)", new_co, old_co, same_co),
            ("the seats that changed side (cases)", new_cs, old_cs, moved == old_moved),
            ("the whip count checked on every day (db load)", new_ck, old_ck, problem == old_problem)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=5_000)
    parser.add_argument("--memberships", type=int, default=50_000)
    parser.add_argument("--cut", type=int, default=1_000, help="events read the old way, in this process")
    parser.add_argument("--quick", action="store_true", help="500 persons, 5,000 memberships, a cut of 1,000")
    args = parser.parse_args()
    persons, memberships, cut = (500, 5_000, 1_000) if args.quick else (args.persons, args.memberships, args.cut)
    sc = scenario(persons, memberships)
    print(f"scenario: {len(sc.members):,} members, {len(sc.events):,} events, "
          f"{len({e.date for e in sc.events}):,} days with an event")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path, db = Path(tmp) / "big.yaml", Path(tmp) / "big.db"
        path.write_text(dump_scenario(sc), encoding="utf-8")
        for what, argv in [("whipcount report", ["report", str(path), "-o", str(Path(tmp) / "r.html")]),
                           ("whipcount chart --kind timeline", ["chart", str(path), "--kind", "timeline", "-o",
                                                                str(Path(tmp) / "t.svg")]),
                           ("whipcount cases", ["cases", str(path), "--json"]),
                           ("whipcount compare (the scenario with itself)", ["compare", str(path), str(path)]),
                           ("whipcount db load", ["db", "load", str(path), "--db", f"sqlite:///{db}"])]:
            rows.append((what, *child(argv)))
    print(f"{'command, whole scenario (child process)':<58} {'CPU s':>8} {'peak MB':>8}")
    for what, seconds, mb in rows:
        print(f"{what:<58} {seconds:8.2f} {mb:8.0f}")
    small = replace(sc, events=sc.events[:cut], motions=(replace(sc.motions[0], vote=None),))
    print(f"\nthe first {len(small.events):,} events, in this process")
    print(f"{'reader':<58} {'now s':>8} {'old s':>8} {'ratio':>7}  same")
    for what, new, old, same in in_process(small):
        print(f"{what:<58} {new:8.2f} {old:8.2f} {old / max(new, 1e-3):6.1f}x  {'yes' if same else 'NO'}")
        if not same:
            raise SystemExit(f"{what}: the answer differs from the old way's")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
