"""Every output is the same in every process: a newsroom reruns a command tomorrow and diffs the result.

Python orders sets (and the dict keys taken from them) of strings by a hash it seeds afresh in each process
(``PYTHONHASHSEED``); an output that followed that order would change between two runs of one command on one
file. Each command that prints or writes data runs here on every bundled scenario in two fresh processes
with different seeds, and every output must come out byte for byte the same. (The report's HTML is checked
the same way in ``tests/test_report.py``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from whipcount.io.scenario import bundled_scenarios

COMMANDS = (
    ("tally", "{sid}", "--json"),
    ("count", "{sid}", "--json"),
    ("forecast", "{sid}", "--json"),
    ("power", "{sid}", "--json"),
    ("coalitions", "{sid}", "--json"),
    ("compare", "{sid}", "{sid}", "--json"),
    ("export", "popolo", "{sid}", "-o", "{out}.json"),
    ("export", "csv", "{sid}", "-o", "{out}.csv"),
    ("chart", "{sid}", "-o", "{out}.svg"),
    ("chart", "{sid}", "--kind", "timeline", "-o", "{out}-timeline.svg"),
)

_RUN = """
import contextlib, hashlib, io, json, sys
from pathlib import Path
from whipcount.cli.main import main
spec = json.loads(sys.argv[1])
out = {}
for i, argv in enumerate(spec["runs"]):
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = main(argv)
    written = [Path(a) for a in argv if a.startswith(spec["folder"])]
    text = buffer.getvalue() + "".join(p.read_text(encoding="utf-8") for p in written if p.exists())
    out[" ".join(argv)] = [code, len(text), hashlib.sha256(text.encode()).hexdigest()]
print(json.dumps(out))
"""


# two members of one name, each a seat of a bloc of four: a block of seats whose titles tie (two named, two not),
# where the chart once gave the block the title a set of them met first
TIED_TITLES = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 6, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 4, side: government, colour: "#cc0000"}
  - {id: blue, name: Blue Party, seats: 2, side: opposition, colour: "#0044aa"}
members:
  - {id: ann-1, name: Ann Able, party: red}
  - {id: ann-2, name: Ann Able, party: red}
"""


def _outputs(folder: Path, seed: str) -> dict[str, list[object]]:
    runs = []
    tied = folder / "tied.yaml"
    tied.write_text(TIED_TITLES, encoding="utf-8")
    for n, command in enumerate((COMMANDS[0], *COMMANDS[6:9])):  # those that read a scenario with no motion
        out = str(folder / f"tied-{n}")
        runs.append([part.format(sid=tied, out=out) for part in command])
    for sid in sorted(bundled_scenarios()):
        for n, command in enumerate(COMMANDS):
            out = str(folder / f"{sid}-{n}")
            runs.append([part.format(sid=sid, out=out) for part in command])
    runs.append(["cases", "--json"])
    spec = json.dumps({"runs": runs, "folder": str(folder)})
    done = subprocess.run([sys.executable, "-c", _RUN, spec], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": seed})
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_command_writes_the_same_in_every_process(tmp_path: Path) -> None:
    first = _outputs(tmp_path, "1")
    second = _outputs(tmp_path, "2")
    assert first == second
    # every command ran and wrote something on every scenario
    assert all(code == 0 and size > 0 for code, size, _ in first.values()), first
