"""A terminal of 20 to 60 columns (a phone, a split pane) loses no figure, date or name: before, rich
squeezed the tables to fit and cut what could not wrap to ``…``, so at 60 columns ``whipcount cases``
showed votes as ``1982…`` and at 20 ``whipcount tally`` had no number left, and a long title on a rule
(``whipcount demo``) was cut. Each figure is checked against the same command's ``--json``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from rich.cells import cell_len

from conftest import console_width


@pytest.fixture(params=[20, 40, 60])
def narrow(request: pytest.FixtureRequest) -> Iterator[int]:
    with console_width(request.param) as columns:
        yield columns


def _tokens(text: str) -> set[str]:
    return set(re.split(r"[\s│┃|:,]+", text))


def _whole(text: str, width: int) -> None:
    """Nothing cut, and every line of a table or rule within the width (lines of plain text soft-wrap in
    the terminal, whole: left out)."""
    assert "…" not in text
    drawn = [line for line in text.splitlines() if set(line) & set("│┃─━")]
    assert max((cell_len(line.rstrip()) for line in drawn), default=0) <= width


def test_tally_keeps_every_party_and_figure(run_cli, narrow: int) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("tally", "pk-na-2022", "--json").out)
    text = run_cli("tally", "pk-na-2022").out
    _whole(text, narrow)
    words = _tokens(text)
    assert data["date"] in words and str(data["needed"]) in words and str(data["seats_held"]) in words
    for party in data["parties"]:
        assert party["short"] in words and str(party["seats"]) in words
    assert {str(seats) for seats in data["sides"].values() if seats} <= words
    for margin in data["margins"].values():
        assert f"{margin:+d}" in words


def test_cases_and_scenarios_keep_ids_dates_and_counts(run_cli, narrow: int) -> None:  # type: ignore[no-untyped-def]
    cases = json.loads(run_cli("cases", "--json").out)["cases"]
    text = run_cli("cases").out
    _whole(text, narrow)
    words = _tokens(text)
    for case in cases:
        assert {case["id"], case["vote"], str(case["seats"]), str(case["needed"])} <= words
        assert case["yes"] is None or str(case["yes"]) in words
    listed = json.loads(run_cli("scenarios", "--json").out)["scenarios"]
    text = run_cli("scenarios").out
    _whole(text, narrow)
    words = _tokens(text)
    assert {s["id"] for s in listed} | {s["date"] for s in listed if s["date"]} <= words


def test_count_keeps_every_position_and_seat(run_cli, narrow: int) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("count", "pk-na-2022", "--json").out)
    text = run_cli("count", "pk-na-2022").out
    _whole(text, narrow)
    rows = [line.split("│") for line in text.splitlines() if line.startswith("│")]
    # a long name may be folded over lines of its cell (a table) or of its record, never cut
    flat = "".join("".join(r[1].split()) for r in rows) if rows else "".join(text.split())
    for position in data["positions"]:
        assert "".join(position["label"].split()) in flat and str(position["seats"]) in _tokens(text)


def test_a_long_title_on_a_rule_is_kept_whole(run_cli, narrow: int) -> None:  # type: ignore[no-untyped-def]
    text = run_cli("demo", "--no-report").out
    _whole(text, narrow)
    first = text[: text.index("─")]
    assert " ".join(first.split()) == "Pakistan National Assembly 2022: no-confidence in Imran Khan"


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | env
    return subprocess.run([sys.executable, "-m", "whipcount.cli.main", *args], capture_output=True, text=True,
                          env=environ, timeout=120, check=False)


@pytest.mark.parametrize("columns", ["0", "abc", "-3", ""])
def test_a_columns_that_is_no_width_is_ignored(columns: str) -> None:
    """``COLUMNS=0`` (as some CI runners set it): rich took a width of 0 and printed nothing, not even an
    error, while the exit status said success (or failure, unexplained)."""
    truth = _run(["tally", "pk-na-2022"])
    assert truth.returncode == 0 and "National Assembly of Pakistan" in truth.stdout
    got = _run(["tally", "pk-na-2022"], COLUMNS=columns)
    assert (got.returncode, got.stdout) == (0, truth.stdout)
    bad = _run(["tally", "no-such.yaml"], COLUMNS=columns)
    assert (bad.returncode, bad.stderr) == (1, _run(["tally", "no-such.yaml"]).stderr)
    assert bad.stderr.startswith("error: no-such.yaml: no such file")
