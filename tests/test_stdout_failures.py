"""What happens when standard output itself fails.

A reader that closes the pipe early (``whipcount ... --json | head -c 100``) took all it wanted: the command
ends with status 0 and nothing on standard error, whether it was streaming (``coalitions``), writing one
document of megabytes (``power --parlgov``) or printing a table through rich (``count``). Status 1 is kept for
errors, and an error always says what it is (under ``--json``, as a JSON object on standard error); click and
rich each turned a closed pipe into a silent status 1.

A full disk behind ``> out.json`` is an error: one line (under ``--json``, the JSON error object) and status 1,
where it was a traceback of ``OSError: [Errno 28]``."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from limited import _env, command

CASES = [
    ("coalitions", "--limit", "0", "--quota", "21", *["1"] * 40, "--json"),  # about 1.3e11 coalitions: never ends
    ("coalitions", "--limit", "0", "--quota", "21", *["1"] * 40),
    ("power", "--parlgov", "--json"),  # about 1.8 MB, far beyond a pipe's buffer
    ("count", "pk-na-2022"),  # a table printed by rich
    ("count", "pk-na-2022", "--json"),
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[:2]) + (" --json" if "--json" in a else ""))
def test_a_reader_that_stops_early_ends_the_command_quietly(args: tuple[str, ...]) -> None:
    proc = subprocess.Popen(command(*args), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    try:
        first = proc.stdout.read(100)
        proc.stdout.close()  # as `head -c 100` does once it has its 100 bytes
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    finally:
        proc.kill()
    assert len(first) == 100
    assert (code, err.decode()) == (0, "")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full, a device that is always full")
@pytest.mark.parametrize("args", [("tally", "pk-na-2022"), ("tally", "pk-na-2022", "--json"),
                                  ("coalitions", "--limit", "0", "--quota", "21", *["1"] * 40, "--json")],
                         ids=["table", "json", "streamed json"])
def test_a_full_disk_is_one_line_not_a_traceback(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(command(*args), env=_env(), stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=120, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    (line,) = done.stderr.strip().splitlines()[-1:]
    message = json.loads(line)["error"] if "--json" in args else line.removeprefix("error: ")
    assert message == "standard output: cannot write (No space left on device)"
