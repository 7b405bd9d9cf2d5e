"""A Popolo bundle of EveryPolitician's size imported into a scenario file, and the scenario exported back.

Run ``python benchmarks/popolo.py`` (``--persons N``, ``--memberships N``; ``--quick`` for 500 persons and
5,000 memberships). The bundle is made by ``benchmarks/popolo_bundle.py`` (seeded: 5,000 persons, 50,000
memberships over thirty years of a 1,200-seat chamber, members changing party and side). Prints, measured in
one run: ``whipcount import popolo`` end to end as a user runs it (a child process: its CPU seconds and peak
resident memory) beside, as the baseline of memory, ``json.load`` of the same file in a child process of its
own (the ratio is the import's peak over it: the bundle parsed, with nothing else); in this process, reading
the bundle into a scenario, then writing the scenario YAML with whipcount's writer and, as the baseline, with
PyYAML's pure-Python emitter in the same layout (how the file was written before: the ratio is against it) and
PyYAML's C emitter in its own layout (the floor); that the writer's text is the baseline's, byte for byte;
``whipcount export popolo`` of the imported scenario (a child process).

CPU seconds (``time.process_time``, ``RUSAGE_CHILDREN``) are reported, so other work on a shared machine
matters less.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import yaml

from measure import child, child_command, cpu
from popolo_bundle import make_bundle, party_sides
from whipcount.io.popolo import read_popolo
from whipcount.io.writer import dump_scenario, scenario_to_dict
from whipcount.io.yamlwrite import dump_yaml_pure


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=5_000)
    parser.add_argument("--memberships", type=int, default=50_000)
    parser.add_argument("--quick", action="store_true", help="500 persons, 5,000 memberships")
    args = parser.parse_args()
    persons, memberships = (500, 5_000) if args.quick else (args.persons, args.memberships)
    seats = max(20, persons * 6 // 25)
    bundle = make_bundle(persons=persons, memberships=memberships, seats=seats)
    sides = party_sides()
    with tempfile.TemporaryDirectory() as tmp:
        src, out, exported = Path(tmp) / "bundle.json", Path(tmp) / "out.yaml", Path(tmp) / "back.json"
        src.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
        print(f"bundle: {persons:,} persons, {len(bundle['memberships']):,} memberships, {seats:,} seats, "
              f"{src.stat().st_size / 1e6:.1f} MB")
        side_args = [a for pid, side in sides.items() for a in ("--side", f"{pid}={side}")]
        cli_cpu, cli_mb = child(["import", "popolo", str(src), "--rules", "pk-na", *side_args, "-o", str(out)])
        load_cpu, load_mb = child_command([sys.executable, "-c", "import json, sys; json.load(open(sys.argv[1]))",
                                           str(src)])

        read_s, result = cpu(lambda: read_popolo(src, rules="pk-na", sides=sides))
        sc = result.scenario
        data = scenario_to_dict(sc)
        ours_s, text = cpu(lambda: dump_scenario(sc))
        pure_s, pure = cpu(lambda: dump_yaml_pure(data))
        floor_s, _ = cpu(lambda: yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                                           sort_keys=False, allow_unicode=True, width=110))
        export_cpu, _ = child(["export", "popolo", str(out), "-o", str(exported)])
        same_file = out.read_text(encoding="utf-8") == text

    print(f"scenario: {len(sc.members):,} members, {len(sc.events):,} events, {len(text) / 1e6:.1f} MB of YAML")
    print(f"{'step':<58} {'CPU s':>8}")
    print(f"{'whipcount import popolo, end to end (child process)':<58} {cli_cpu:8.2f}  peak {cli_mb:.0f} MB")
    print(f"{'baseline: json.load of the bundle (child process)':<58} {load_cpu:8.2f}  peak {load_mb:.0f} MB: "
          f"the import's peak is {cli_mb / load_mb:.1f}x")
    print(f"{'read the bundle into a scenario':<58} {read_s:8.2f}")
    print(f"{'write the scenario YAML: whipcount':<58} {ours_s:8.2f}")
    print(f"{'baseline: PyYAML pure-Python emitter, same layout':<58} {pure_s:8.2f}  ratio {pure_s / ours_s:5.1f}x")
    print(f"{'floor: PyYAML C emitter, its own layout':<58} {floor_s:8.2f}")
    print(f"{'import as before (read + pure-Python emitter)':<58} {read_s + pure_s:8.2f}  "
          f"now {read_s + ours_s:.2f}: {(read_s + pure_s) / (read_s + ours_s):.1f}x")
    print(f"{'whipcount export popolo of the scenario (child process)':<58} {export_cpu:8.2f}")
    print(f"same text as PyYAML's emitter: {'yes' if text == pure and same_file else 'NO'}")
    if text != pure or not same_file:
        raise SystemExit("the writer's text differs from PyYAML's")


if __name__ == "__main__":
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    main()
