"""``whipcount coalitions --limit 0`` streams: the rows (and the JSON array's items) come out as they are
found, in bounded memory, for a game with far more winning coalitions than memory could hold."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable, Iterator
from itertools import combinations, islice
from math import comb
from typing import Any

import pytest

from limited import GIB, start_limited
from whipcount import power
from whipcount.cli import power as cli_power
from whipcount.cli import stream
from whipcount.cli.power import TABLE_ROWS
from whipcount.errors import PowerError

PLAYERS = 40
QUOTA = 21  # C(40, 21), about 1.3e11 minimal winning coalitions: never all listed, never all held


def _first_lines(*args: str, lines: int) -> list[str]:
    """The first ``lines`` lines the command writes under a 1 GiB address-space limit; then it is stopped."""
    proc = start_limited(*args, limit=GIB)
    try:
        assert proc.stdout is not None
        got = [proc.stdout.readline() for _ in range(lines)]
    finally:
        proc.kill()
        _, err = proc.communicate()
    assert all(got), f"the output ended early: {got!r} {err[-500:]}"
    return got


@pytest.mark.parametrize("extra", [(), ("--kind", "winning")])
def test_the_table_streams_before_the_end(extra):
    args = ("coalitions", "--limit", "0", "--quota", str(QUOTA), *extra, *["1"] * PLAYERS)
    got = _first_lines(*args, lines=12)
    rows = [line.split() for line in got[2:]]
    assert [int(r[0]) for r in rows] == list(range(1, 11))
    assert all(int(r[1]) == QUOTA if not extra else int(r[1]) >= QUOTA for r in rows)


def test_the_json_array_streams_before_the_end():
    got = _first_lines("coalitions", "--limit", "0", "--json", "--quota", str(QUOTA), *["1"] * PLAYERS, lines=120)
    start = got.index('  "coalitions": [\n')
    items = [json.loads(line.strip().rstrip(",")) for line in got[start + 1:]]
    assert items and all(len(it["members"]) == QUOTA and it["weight"] == QUOTA for it in items)


def test_the_streamed_json_is_one_document_with_every_coalition(run_cli):
    # an independent truth: the minimal winning coalitions of 8 equal players, quota 5, are the 5-subsets
    res = run_cli("coalitions", "--limit", "0", "--json", "--quota", "5", *["1"] * 8)
    out = json.loads(res.out)
    got = {tuple(sorted(int(m[1:]) for m in c["members"])) for c in out["coalitions"]}
    assert got == set(combinations(range(1, 9), 5)) and len(out["coalitions"]) == comb(8, 5)
    assert out["truncated"] is False and out["quota"] == 5
    assert res.out.count('\n    {"members": ') == comb(8, 5)  # one coalition a line, as written when found
    res = run_cli("coalitions", "--limit", str(TABLE_ROWS + 1), "--json", "--quota", "8", *["1"] * 14)
    out = json.loads(res.out)
    assert len(out["coalitions"]) == TABLE_ROWS + 1 and out["truncated"] is True  # C(14, 8) = 3003 of them


def _failing_after(k: int) -> Callable[..., Iterator[tuple[int, ...]]]:
    """``coalitions`` that finds the first ``k`` minimal winning coalitions, then fails as a search could."""

    def search(game: Any, kind: str, *, limit: int | None = None, order: Any = None) -> Iterator[tuple[int, ...]]:
        yield from islice(power.coalitions(game, kind, limit=limit, order=order), k)
        raise PowerError("the search failed partway")

    return search


def test_an_error_before_the_document_streams_leaves_stdout_empty(run_cli, monkeypatch):
    monkeypatch.setattr(cli_power, "coalitions", _failing_after(20))
    res = run_cli("coalitions", "--limit", "0", "--json", "--quota", "5", *["1"] * 8)
    assert res.code == 1 and res.out == ""  # as every command's error under --json
    assert json.loads(res.err.strip().splitlines()[-1])["error"] == "the search failed partway"


def test_an_error_once_the_document_streams_ends_it_whole_with_the_error(run_cli, monkeypatch):
    monkeypatch.setattr(cli_power, "coalitions", _failing_after(20))
    monkeypatch.setattr(stream, "STREAM_AFTER", 300)  # a few coalitions held, then streamed
    res = run_cli("coalitions", "--limit", "0", "--json", "--quota", "5", *["1"] * 8)
    assert res.code == 1
    out = json.loads(res.out)  # a whole document: it was cut off after the last coalition written
    got = [tuple(sorted(int(m[1:]) for m in c["members"])) for c in out["coalitions"]]
    assert len(got) == 20 and set(got) <= set(combinations(range(1, 9), 5))  # the 5-subsets of 8 players
    assert out["truncated"] is True and out["error"] == "the search failed partway" and out["quota"] == 5
    assert json.loads(res.err.strip().splitlines()[-1])["error"] == "the search failed partway"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_a_signal_while_streaming_ends_the_document_whole(sig):
    proc = start_limited("coalitions", "--limit", "0", "--json", "--quota", str(QUOTA), *["1"] * PLAYERS, limit=GIB)
    try:
        assert proc.stdout is not None and proc.stderr is not None
        first = [proc.stdout.readline() for _ in range(10)]  # streaming: 1 MiB was written at once
        proc.send_signal(sig)
        out, err = proc.stdout.read(), proc.stderr.read()  # what readline holds, then the rest
        proc.wait(timeout=120)
    finally:
        proc.kill()
    # before, the text ended mid-line where the signal fell (at 131,072 characters, 2 of a pipe's 64 KiB)
    doc = json.loads("".join(first) + out)
    assert len(doc["coalitions"]) > 1000 and all(len(c["members"]) == QUOTA for c in doc["coalitions"])
    assert doc["truncated"] is True and doc["error"] == "aborted"
    assert proc.returncode == 1 and json.loads(err.strip().splitlines()[-1])["error"] == "aborted"
