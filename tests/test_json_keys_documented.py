"""The keys each command's ``--json`` prints are the keys its documentation lists, both ways.

A web graphic is written against the documented fields. Each case names the passage of the docs that
lists a command's keys and the records in its output whose keys it lists too; every key the command
prints must be named (in backticks) in that passage, and every key the passage names must be printed
somewhere in the object (words that are values, not keys, are listed with the case).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent


@dataclass(frozen=True)
class Documented:
    command: tuple[str, ...]
    file: str
    start: str  # the passage runs from this text to the next blank line (or to ``end``)
    records: tuple[str, ...] = ()  # lists of records whose keys the passage lists as well
    values: frozenset[str] = frozenset()  # backticked words in the passage that are values or options
    end: str = ""
    also: tuple[str, ...] = ()  # passages whose keys records may use (what-if's runs: the forecast keys)


SCENARIO_ONLY = ("scenario", "date", "motion", "explanation", "by", "split_parties", "split_labels", "sides", "labels")
"""The keys ``power --json`` adds for a scenario (the docs list them with the others)."""

CASES = [
    Documented(("count", "pk-na-2022", "--on", "2022-03-30"), "docs/forecast.md", "`count --json`:",
               ("positions", "could_supply", "suppliers"), frozenset({"count --json"})),
    Documented(("forecast", "pk-na-2022", "--on", "2022-03-30"), "docs/forecast.md", "`forecast --json`:",
               ("pivotal",), frozenset({"forecast --json", "count", "[lo, hi]", "exact", "monte-carlo",
                                        "auto", "null"})),
    Documented(("what-if", "pk-na-2022", "--absent", "mqm-p"), "docs/forecast.md", "`what-if --json`:",
               ("runs",), frozenset({"what-if --json"}), also=("`forecast --json`:",)),
    Documented(("tally", "pk-na-2022", "--on", "2022-03-31"), "README.md", "### `whipcount tally --json`",
               ("parties",), frozenset({"--on"}), end="## As a library"),
    Documented(("outcome", "--rules", "gb-hc", "--motion", "no-confidence", "--yes", "311", "--no", "310"),
               "docs/rules.md", "`--json` prints at least",
               values=frozenset({"--json", "no_division", "timing", "within_window", "earliest", "latest", "text"}),
               end="Bad input"),
    Documented(("scenarios",), "docs/cases.md", "- `whipcount scenarios", ("scenarios",),
               frozenset({"whipcount scenarios [--json]", "passed", "failed", "cases"}), end="- `whipcount cases"),
    Documented(("cases", "pk-na-2022"), "docs/cases.md", "- `whipcount cases", ("cases",),
               frozenset({"whipcount cases [SCENARIO …] [--json | --format csv]", "total", "votes-cast"}),
               end="- `whipcount compare"),
    Documented(("power", "--quota", "12", "4", "4", "4", "2", "2", "1"), "docs/power.md",
               "### JSON (`whipcount power --json`)",
               values=frozenset({"exact", "--float", "--index", "Fraction", "left_out", "whipcount coalitions --json",
                                 *SCENARIO_ONLY}),
               end="`whipcount coalitions --json` gives"),
    Documented(("power", "pk-na-2022"), "docs/power.md", "### JSON (`whipcount power --json`)",
               values=frozenset({"exact", "--float", "--index", "Fraction", "left_out",
                                 "whipcount coalitions --json"}),
               end="`whipcount coalitions --json` gives"),
    *(Documented(("coalitions", *game), "docs/power.md", "`whipcount coalitions --json` gives", ("coalitions",),
                 frozenset({"whipcount coalitions --json", '{"members": [...], "weight": w}', "--limit",
                            "power --json", "true", "kill", "timeout", "error",
                            *(SCENARIO_ONLY if "--quota" in game else ())}))
      for game in (("--quota", "51", "49", "48", "3"), ("pk-na-2022",))),
    Documented(("power", "--parlgov", "--country", "NZL"), "docs/power.md", "- `--parlgov`:", ("rows",),
               frozenset({"--parlgov", "whipcount/data/parlgov/parliament_seats.csv", "seats_total // 2 + 1", "-o FILE",
                          "-o", "-o -", "<index>", "<index>_exact", "--float", "--json", "none", "etc", "others",
                          "--max-coalitions"}),
               end="- `--game NAME`"),
    Documented(("power", "--game", "eu-council-2024"), "docs/power.md", "`whipcount power --game eu-council-2024 --json`",
               values=frozenset({"whipcount power --game eu-council-2024 --json", "meet-in-the-middle",
                                 "brute-force", "false"})),
]


def _passage(file: str, start: str, end: str = "") -> str:
    text = (ROOT / file).read_text(encoding="utf-8")
    at = text.index(start)
    stop = text.index(end, at + len(start)) if end else text.find("\n\n", at)
    return text[at:stop if stop >= 0 else len(text)]


def _named(passage: str) -> set[str]:
    """The words in backticks, and in a JSON example the quoted keys."""
    words = set(re.findall(r"`([^`]+)`", re.sub(r"^```\w*$", "", passage, flags=re.M)))
    words |= set(re.findall(r'"(\w+)":', passage))
    return words


def _keys(obj: Any) -> set[str]:
    if isinstance(obj, dict):
        return set(obj) | {k for v in obj.values() for k in _keys(v)}
    if isinstance(obj, list):
        return {k for v in obj for k in _keys(v)}
    return set()


@pytest.mark.parametrize("case", CASES, ids=lambda c: " ".join(c.command[:2]))
def test_the_documented_keys_are_the_printed_keys(run_cli: Callable[..., Any], case: Documented) -> None:
    r = run_cli(*case.command, "--json")
    assert r.code == 0, r.err
    got = json.loads(r.out)
    passage = _passage(case.file, case.start, case.end)
    named = _named(passage)
    printed = set(got)
    for key in case.records:
        printed |= {k for item in got.get(key) or [] for k in item}
    allowed = named | {w for s in case.also for w in _named(_passage(case.file, s))}
    undocumented = printed - allowed
    assert not undocumented, f"{case.file}: `{' '.join(case.command)} --json` prints keys the docs do not list: " \
                             f"{sorted(undocumented)}"
    missing = {w for w in named - case.values - {"null", "true", "false"} if re.fullmatch(r"[a-z_]+", w)} - _keys(got)
    assert not missing, f"{case.file}: lists keys `{' '.join(case.command)} --json` does not print: {sorted(missing)}"
