"""A reader that closes the pipe early (``whipcount ... --json | head -c 100``) took all it wanted: the command
ends with status 0 and nothing on standard error, whether it was streaming (``coalitions``), writing one
document of megabytes (``power --parlgov``) or printing a table through rich (``count``). Status 1 is kept for
errors, and an error always says what it is (under ``--json``, as a JSON object on standard error); click and
rich each turned a closed pipe into a silent status 1."""

from __future__ import annotations

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
