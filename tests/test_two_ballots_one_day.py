"""Two ballots of one day for one candidate (the Bundestag's election of Friedrich Merz on 6 May 2025, Japan's
first poll and runoff of 11 November 2024): every command says which ballot it speaks of.

The figures are the record's (newsworm, 6 May 2025: "Merz only received 310 votes in a secret ballot - six fewer
than necessary"; LIGA.net: "This time, 325 members of parliament voted for Merz's candidacy, nine more than the
required 316 votes"), not whipcount's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

FIRST, SECOND = "chancellor-first-ballot-2025-05-06", "chancellor-second-ballot-2025-05-06"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_outcome_names_each_ballot_of_the_day(run_cli: Callable[..., Any]) -> None:
    """Both ballots were once printed as "pm-election (Friedrich Merz): ..." with the same date: which one
    failed could not be told from the output."""
    out = _flat(run_cli("outcome", "de-bt-2025").out)
    assert re.search(rf"motion {FIRST}: FAILED \(vote on 2025-05-06\) 310 in favour", out), out
    assert re.search(rf"motion {SECOND}: PASSED \(vote on 2025-05-06\) 325 in favour", out), out
    japan = _flat(run_cli("outcome", "jp-hr-2024").out)  # first poll 221 of 233, runoff 221 to 160
    assert "motion pm-first-poll-2024-11-11: FAILED" in japan and "motion pm-runoff-2024-11-11: PASSED" in japan


def test_a_motion_no_other_reads_like_keeps_its_plain_name(run_cli: Callable[..., Any]) -> None:
    """Pakistan's motions differ in kind and day (no-confidence on 10 April, the PM election on 11 April)."""
    out = _flat(run_cli("outcome", "pk-na-2022").out)
    assert "no-confidence against Imran Khan: PASSED" in out and "pm-election (Shehbaz Sharif): PASSED" in out
    assert "motion nc-imran-khan-2022" not in out and "motion pm-election-2022-04-11" not in out


def test_count_forecast_and_what_if_name_the_ballot_they_count(run_cli: Callable[..., Any]) -> None:
    for args in (("count",), ("forecast",), ("what-if", "--switch", "cdu-csu:18")):
        first = _flat(run_cli(*args, "de-bt-2025", "--motion", FIRST).out)
        assert f"pm-election, motion {FIRST}" in first and SECOND not in first, args
        main = _flat(run_cli(*args, "de-bt-2025").out)
        assert f"pm-election, motion {SECOND}" in main and FIRST not in main, args


def test_the_report_names_the_further_ballot(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert run_cli("report", "de-bt-2025", "-o", str(out)).code == 0
    page = _flat(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")))
    assert f"pm-election (Friedrich Merz), motion {FIRST}, vote on 6 May 2025: failed : 310 in favour" in page
    assert f"A pm-election motion ({SECOND})" in page


@pytest.mark.parametrize(("case", "first", "then"), [
    ("de-bt-2025", "chancellor-first-ballot-2025-05-06: FAILED", "chancellor-second-ballot-2025-05-06: PASSED"),
    ("jp-hr-2024", "pm-first-poll-2024-11-11: FAILED", "pm-runoff-2024-11-11: PASSED"),
])
def test_outcome_tells_the_ballots_in_the_order_they_were_held(run_cli, case: str, first: str,  # type: ignore[no-untyped-def]
                                                                then: str) -> None:
    """Merz's first ballot failed in the morning and the second passed that afternoon (the file's main
    motion is the second); Ishiba's first poll failed before the run-off. outcome had printed the main
    motion first."""
    out = " ".join(run_cli("outcome", case).out.split())
    assert first in out and then in out and out.index(first) < out.index(then)
