"""Memory of refusals: the most memory each reader holds resident while it refuses a large bad file.

Run ``python benchmarks/refusals.py`` (``--mb N`` for the size of the files, 40 by default; ``--keep DIR`` to
write them there and keep them; ``--quick`` for files of 2 MB, the small ones at most 5 MB, in a minute or so;
``--only TEXT`` for the files whose description holds TEXT). Each file is a few tens of MB that a reader must
refuse, or just within its caps: one value of N MB, one key of N MB, a list far past its cap, a list just past
it and just within it, more values than the bound in flow lists (the members of events), nesting that holds
far more under a field the format does not have, more values than the bound in block lists, a block scalar
of many lines, a CSV line of millions of cells; then small hostile YAML files (under 5 MB, in places of a
scenario that hold lists or mappings: an alias bomb, many keys, a long flow list, deep flow nesting, many
documents, many anchors, a long anchor name; a file that is a list; many values under a field the format
does not have, and within every cap in a constitution the scenario carries). Each command runs in a child process; the
figures are that child's ``ru_maxrss`` and CPU time (``os.wait4``), next to ``whipcount --version``'s (the
interpreter and the command line alone). Goal: a refusal holds at most two to three times the file above what
the command holds for a small file, and takes a few seconds at most (a small file's, about one).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HEAD = ("chamber: {name: Big Assembly, rules: pk-na, seats: 600, as_of: 2000-01-01}\nparties:\n"
        "  - {id: a, name: A, seats: 300, side: government}\n  - {id: b, name: B, seats: 300, side: opposition}\n")
RULES = "chamber: {name: C, rules: ./c.yaml, seats: 600, as_of: 2000-01-01}\nparties:\n" \
        "  - {id: a, name: A, seats: 600, side: government}\n"
DEEP = "[" * 60 + "1" + "]" * 60
CSV = ("import", "csv", "t.csv", "--rules", "pk-na", "--as-of", "2020-01-01", "-o", "out.yaml")
POPOLO = ("import", "popolo", "p.json", "-o", "out.yaml")
OCD = ("import", "ocd", "v.json", "--scenario", "pk-na-2022", "-o", "out.yaml")

Files = Callable[[int], dict[str, str]]


def _cases() -> list[tuple[str, Files, tuple[str, ...]]]:
    member = "  - {id: m, name: Member, party: a}\n"
    return [
        ("scenario: a list far past its cap (members)", lambda n: {"s.yaml": HEAD + "members:\n"
                                                                   + member * (n // len(member))}, ("tally", "s.yaml")),
        ("scenario: one value", lambda n: {"s.yaml": HEAD + "description: " + "x" * n + "\n"}, ("tally", "s.yaml")),
        ("scenario: one key (no ':' found)", lambda n: {"s.yaml": HEAD + "x" * n + ": 1\n"}, ("tally", "s.yaml")),
        ("scenario: 10,000 items of 2,000 characters (within)", lambda n: {"s.yaml": HEAD + "unverified:\n"
                                                                            + f"  - {'y' * _item(n)}\n" * 10_000},
         ("tally", "s.yaml")),
        ("scenario: 10,001 items of 2,000 characters (past)", lambda n: {"s.yaml": HEAD + "unverified:\n"
                                                                          + f"  - {'y' * _item(n)}\n" * 10_001},
         ("tally", "s.yaml")),
        ("scenario: values in flow lists past the bound, the members of events",
         lambda n: {"s.yaml": HEAD + "events:\n" + _flow_lists(n)}, ("tally", "s.yaml")),
        ("scenario: values nested 60 deep under a field it does not have", lambda n: {"s.yaml": HEAD + "x:\n" + "".join(
            f"  k{i}: {DEEP}\n" for i in range(n // 130))}, ("tally", "s.yaml")),
        ("scenario: over 5,000,000 values in block lists ('- 1' a line)", lambda n: {"s.yaml": HEAD + "events:\n"
                                                                             + _block_lists(n)}, ("tally", "s.yaml")),
        ("scenario: a block scalar of many short lines", lambda n: {"s.yaml": HEAD + "description: |\n"
                                                                    + "  abcdefghij\n" * (n // 13)},
         ("tally", "s.yaml")),
        ("constitution: a list far past its cap (motions)", lambda n: {"s.yaml": RULES, "c.yaml": "motions:\n"
                                                                       + "".join(f"  - {{id: m{i}}}\n"
                                                                                 for i in range(n // 17))},
         ("tally", "s.yaml")),
        ("constitution: one value", lambda n: {"s.yaml": RULES, "c.yaml": "id: c\nname: C\nnote: " + "x" * n + "\n"},
         ("tally", "s.yaml")),
        ("popolo: a list far past its cap (persons)", lambda n: {"p.json": '{"organizations": [],\n"persons": [\n'
                                                                 + ",\n".join(f'{{"id": "p{i}", "name": "P"}}'
                                                                              for i in range(n // 28)) + "\n]}\n"},
         POPOLO),
        ("popolo: 90,000 persons (past the cap of 20,000)", lambda n: {"p.json": '{"organizations": [],\n"persons": [\n'
                                                                       + ",\n".join(f'{{"id": "p{i}", "name": "P"}}'
                                                                                    for i in range(90_000)) + "\n]}\n"},
         POPOLO),
        ("popolo: organizations of 24 keys far past the cap of 1,000 (99,999 at 40 MB)",
         lambda n: {"p.json": '{"persons": [], "organizations": [\n' + ",\n".join(
             ["{" + ", ".join(f'"k{j}": {1000 + j}' for j in range(24)) + "}"] * min(99_999, n // 300))
                    + "\n]}\n"}, POPOLO),
        ("popolo: one value", lambda n: {"p.json": '{"organizations": [], "persons": [{"id": "p", "name": "'
                                         + "x" * n + '"}]}\n'}, POPOLO),
        ("popolo: values nested 60 deep", lambda n: {"p.json": '{"organizations": [], "persons": [], "x": ['
                                                     + ",".join([DEEP] * (n // 122)) + "]}\n"}, POPOLO),
        ("ocd: a list far past its cap (votes)", lambda n: {"v.json": '{"id": "v", "votes": [\n' + ",\n".join(
            f'{{"option": "yes", "voter_name": "V {i}"}}' for i in range(n // 45)) + "\n]}\n"}, OCD),
        ("ocd: one key", lambda n: {"v.json": '{"id": "v", "' + "x" * n + '": 1}\n'}, OCD),
        ("csv: rows far past the cap", lambda n: {"t.csv": "party,seats,side\n" + "".join(
            f"p{i},1,government\n" for i in range(n // 21))}, CSV),
        ("csv: one cell", lambda n: {"t.csv": "party,seats,side\na" + "x" * n + ",1,government\n"}, CSV),
        ("csv: one line of cells", lambda n: {"t.csv": "party,seats,side\na,1,government" + ",1" * (n // 2) + "\n"},
         CSV),
        *_small_cases(),
    ]


def _item(n: int) -> int:
    """The characters of each of 10,000 items, the file ``n`` bytes: 1,990 (within the cap of 2,000) for the
    40 MB of a full run, fewer for a quick one."""
    return min(1_990, n // 10_000 - 10)


def _block_lists(n: int) -> str:
    """Each ``- 1`` on its line of 8, at least ``n`` bytes of them, as the members of events, 20,000 each
    (within the cap of one event's list): past the bound (5,000,000 values) from 40 MB on (263 events, 250
    and more); a quick run's 2 MB, 14 events, are within it."""
    lists = n // 160_000 + 1
    return ("  - members:\n" + "    - 1\n" * 20_000) * lists


def _flow_lists(n: int) -> str:
    """Events of 20,000 members each (within the cap of one event's list) written in flow lists, ``m, `` a
    member, at least ``n`` bytes of them: past the bound (5,000,000 values) from 15 MB on (250 events); a
    quick run's 2 MB, 35 events, are within it."""
    return ("  - members: [" + ", ".join(["m"] * 20_000) + "]\n") * (n // 60_000 + 1)


def _small_cases() -> list[tuple[str, Files, tuple[str, ...]]]:
    """Hostile YAML under 5 MB, whatever ``--mb`` says, each in a place of the scenario that may hold it (a
    list where the format has a list, a mapping where it has a mapping: a file that is a list, or a list of
    lists, is refused as it opens): the members of events, an event's extras, ``events`` itself; the file
    that is a list refused as it opens; and the 2,400,000 values within every cap under a field the
    scenario does not have, in a constitution the scenario carries, in an event's extras and in an item of
    ``unverified``."""
    event = "events:\n  - {date: 2001-01-01, kind: statement, source: a book, extras: "
    files: list[tuple[str, str]] = [
        ("small: an alias bomb (an event of 20,000 members, again by alias)",
         "events:\n  - &e {members: [" + ", ".join(["m"] * 20_000) + "]}\n" + "  - *e\n" * 100),
        ("small: 400,000 keys in one mapping (an event's extras)",
         "events:\n  - date: 2001-01-01\n    kind: statement\n    source: a book\n    extras:\n"
         + "".join(f"      k{i}: 1\n" for i in range(400_000))),
        ("small: a flow list of 1,500,000 items (an event's members)",
         "events:\n  - members: [" + ", ".join(["m"] * 1_500_000) + "]\n"),
        ("small: 4,000,000 '[' open (under events)", "events: " + "[" * 4_000_000 + "\n"),
        ("small: 500,000 documents", "---\na: 1\n" * 500_000),
        ("small: 300,000 anchors (the members of events)", "events:\n" + "".join(
            f"  - members: [{', '.join(f'&a{i}_{j} m' for j in range(100))}]\n" for i in range(3_000))),
        ("small: a million aliases (the members of events)", "events:\n  - members: [&a m]\n" + (
            "  - members: [" + ", ".join(["*a"] * 20_000) + "]\n") * 50),
        ("small: an anchor's name of 4 MB (an event's extras)", event + "{k: &" + "a" * 4_000_000 + " 1}}\n"),
        ("small: 2,400,000 values within every cap (the members of events)", "events:\n" + (
            "  - members: [" + ", ".join(["m"] * 20_000) + "]\n") * 120),
        ("small: a file that is a list of 2,400,000 values", "".join(
            "- [" + ", ".join(["[1, 2]"] * 2_000) + "]\n" for _ in range(400))),
    ]
    cases: list[tuple[str, Files, tuple[str, ...]]] = [
        (what, lambda n, text=text if "a list of" in what else HEAD + text: {"s.yaml": text},
         ("tally", "s.yaml")) for what, text in files]
    unknown = "x: [" + ", ".join(["[" + ",".join(["1"] * 99_999) + "]"] * 24) + "]\n"
    cases.append(("small: 2,400,000 values under a field the scenario does not have",
                  lambda n: {"s.yaml": HEAD + unknown}, ("tally", "s.yaml")))
    cases.append(("small: 2,400,000 values within every cap, in a carried constitution",
                  lambda n: {"s.yaml": HEAD + "constitutions:\n  - id: c\n    name: C\n    "
                             + unknown.replace("\n", "\n    ").rstrip(" ")}, ("tally", "s.yaml")))
    cases.append(("small: 2,400,000 values within every cap, in an event's extras",
                  lambda n: {"s.yaml": HEAD + "events:\n  - date: 2001-01-01\n    kind: statement\n    source: a book\n"
                             "    extras:\n      " + unknown}, ("tally", "s.yaml")))
    cases.append(("small: 2,400,000 values within every cap, in an item of unverified",
                  lambda n: {"s.yaml": HEAD + "unverified:\n  - " + unknown}, ("tally", "s.yaml")))
    return cases


# The command is started by a small Python of its own, which reports its peak: a process started straight
# from this one (which holds the files' text while it writes them) would count this one's resident memory as
# its own, as Linux keeps the larger of the two when the child replaces its image.
_MEASURE = """import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
"""


def peak(args: tuple[str, ...], cwd: Path) -> tuple[float, float, str]:
    """The command's most resident memory (MB), its CPU time (s) and the last line it wrote to standard error."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", COLUMNS="200")
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1] / "src") + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as spare:
        report = Path(spare) / "peak"
        proc = subprocess.run([sys.executable, "-c", _MEASURE, str(report), sys.executable, "-m",
                               "whipcount.cli.main", *args], cwd=cwd, env=env, capture_output=True, text=True,
                              check=False)
        said = proc.stderr.strip().splitlines()
        rss, cpu = report.read_text().split()
        return int(rss) / 1024, float(cpu), said[-1] if said else "(read)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=40)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--quick", action="store_true", help="files of 2 MB (a smoke run)")
    parser.add_argument("--only", default="", help="only the files whose description holds this text")
    opts = parser.parse_args()
    n = int((2 if opts.quick else opts.mb) * 1024 * 1024)
    with tempfile.TemporaryDirectory() as spare:
        root = opts.keep or Path(spare)
        root.mkdir(parents=True, exist_ok=True)
        base, _, _ = peak(("--version",), root)
        print(f"whipcount --version: {base:.0f} MB\n")
        print("| file | MB | peak MB | CPU s | refusal |\n| --- | --- | --- | --- | --- |")
        for i, (what, files, args) in enumerate(_cases()):
            if opts.only not in what:
                continue
            here = root / f"case{i}"
            here.mkdir(parents=True, exist_ok=True)
            for name, text in files(n).items():
                (here / name).write_text(text)
            size = max(p.stat().st_size for p in here.iterdir())
            mb, seconds, said = peak(args, here)
            print(f"| {what} | {size / 2**20:.0f} | {mb:.0f} | {seconds:.1f} | {said[:110]} |", flush=True)


if __name__ == "__main__":
    main()
