"""The keys each command's ``--json`` prints are the keys its documentation lists, both ways.

A web graphic is written against the documented fields. Each case names the passage of the docs that
lists a command's keys: every key the command prints, at any depth (a record in a list, an object in a
record), must be named (in backticks, or quoted in a JSON example) in that passage or in the passages it
refers to (``also``), and every key the passage names must be printed somewhere in the object (words that
are values, not keys, or keys this case's output cannot have, are listed with the case).
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
    values: frozenset[str] = frozenset()  # backticked words in the passage that are values, options or absent keys
    end: str = ""
    also: tuple[tuple[str, str, str], ...] = ()  # (file, start, end) of passages listing keys the output reuses


SCENARIO_ONLY = ("scenario", "date", "motion", "explanation", "notes", "by", "split_parties", "split_labels", "sides", "labels")
"""The keys ``power --json`` adds for a scenario (the docs list them with the others)."""

FORECAST = ("docs/forecast.md", "`forecast --json`:", "")
OUTCOME = ("docs/rules.md", "`--json` prints at least", "`outcome SCENARIO --json` gives")
"""The keys of a judged division, which ``outcome SCENARIO`` and ``compare`` give as ``outcome --rules`` does."""
POWER = ("docs/power.md", "### JSON (`whipcount power --json`)", "`whipcount coalitions --json` gives")

PENDING = ("status", "pending", "since", "steps", "state", "deadlines", "label", "bars", "count", "sides", "government",
           "opposition", "other")
"""Keys ``outcome SCENARIO --json`` gives only a motion not yet voted on."""
ADJUDICATED = ("decision", "date", "excluded", "sources", "note")
"""Keys it gives only a division a later decision counted anew."""
TIMING = ("within_window", "earliest", "latest")
"""Keys of a vote timed against the rules' window (null where no filing or moving date is known)."""
OUTCOME_UNLISTED = ("`outcome --json`", "passed")

CASES = [
    Documented(("count", "pk-na-2022", "--on", "2022-03-30"), "docs/forecast.md", "`count --json`:",
               frozenset({"count --json", "all", "no", "for", "against"})),
    Documented(("forecast", "pk-na-2022", "--on", "2022-03-30"), "docs/forecast.md", "`forecast --json`:",
               frozenset({"forecast --json", "count", "[lo, hi]", "exact", "monte-carlo",
                                        "auto", "null"})),
    Documented(("what-if", "pk-na-2022", "--absent", "mqm-p"), "docs/forecast.md", "`what-if --json`:",
               frozenset({"what-if --json"}), also=(FORECAST,)),
    Documented(("tally", "pk-na-2022", "--on", "2022-03-31"), "README.md", "### `whipcount tally --json`",
               frozenset({"--on"}), end="## As a library"),
    Documented(("outcome", "--rules", "gb-hc", "--motion", "no-confidence", "--yes", "311", "--no", "310"),
               "docs/rules.md", "`--json` prints at least",
               values=frozenset({"--json", "no_division", "timing", "within_window", "earliest", "latest", "text",
                                 "vacancy_note", "all",  # a PassRule's and a Forecast's, in Python
                                 # the rolls' passage: a Division's date, a Popolo vote event's extras, Python calls
                                 "date", "extras", "judge_division_of", "outcome"}),
               end="`outcome SCENARIO --json` gives"),
    *(Documented(("outcome", *args), "docs/rules.md", "`outcome SCENARIO --json` gives", frozenset({"outcome SCENARIO --json", "--on", "--motion KIND", "--json", "division:",
                            "whipcount forecast", *unprinted}),
                 end="Bad input", also=(OUTCOME,))
      for args, unprinted in (
          (("pk-na-2022",), (*PENDING, *ADJUDICATED, "by", "summary", "no_division")),  # judged, timed against Art. 95(2)'s window
          (("pk-pa-punjab-2022",), (*PENDING, *TIMING, "text", "no_division")),  # adjudicated by the Lahore High Court
          (("pk-na-2022", "--on", "2022-04-08"),  # restored by the Supreme Court, pending
           ("outcome", "declared", "adjudicated", "division_verified", "timing", *ADJUDICATED, *TIMING, "no_division")),
      )),
    Documented(("rules", "list"), "docs/rules.md", "`rules list --json` gives", frozenset({"rules list --json", "built-in"})),
    # a floor's words and count: no bundled rule has a floor (tests/test_threshold_floor.py prints them)
    Documented(("rules", "show", "pk-na", "--on", "2022-04-10"), "docs/rules.md", "`rules show ID --json` gives",
               values=frozenset({"rules show ID --json", "--on", '"1/2"', "casting-vote", "fails", "yes", "no",
                                 "words", "count", "all"})),
    Documented(("rules", "show", "gb-hc"), "docs/rules.md", "`rules show ID --json` gives",  # no runoff, no vacancies
               values=frozenset({"rules show ID --json", "--on", '"1/2"', "casting-vote", "fails", "yes", "no",
                                 "among", "counted", "words", "count", "all"})),
    Documented(("compare", "pk-na-2022", "--on-a", "2022-03-08"), "docs/cases.md", "`--json` gives `{\"a\"",
               values=frozenset({"--json", "outcome --rules ... --json", *OUTCOME_UNLISTED}),
               end="`changed_side` counts", also=(OUTCOME,)),
    Documented(("compare", "pk-pa-punjab-2022", "gb-hc-1979"), "docs/cases.md", "`--json` gives `{\"a\"",
               values=frozenset({"--json", "outcome --rules ... --json", *OUTCOME_UNLISTED}),
               end="`changed_side` counts", also=(OUTCOME,)),
    Documented(("scenarios",), "docs/cases.md", "- `whipcount scenarios", frozenset({"whipcount scenarios [--json]", "passed", "failed", "cases"}), end="- `whipcount cases"),
    Documented(("cases", "pk-na-2022"), "docs/cases.md", "- `whipcount cases", frozenset({"whipcount cases [SCENARIO …] [--json | --format csv]", "total", "sitting", "votes-cast"}),
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
    *(Documented(("coalitions", *game), "docs/power.md", "`whipcount coalitions --json` gives", frozenset({"whipcount coalitions --json", '{"members": [...], "weight": w}', "--limit", "connected",
                            "power --json", "true", "kill", "timeout", "error",
                            "runs", "first", "last",  # --kind connected past the member bound (below)
                            *(SCENARIO_ONLY if "--quota" in game else ())}))
      for game in (("--quota", "53", "49", "48", "3", "3"), ("pk-na-2022",))),
    # 30,000 players of one seat: the first 50 connected coalitions name more than 100,000 players, given as runs
    Documented(("coalitions", "--quota", "15001", "--kind", "connected", *["1"] * 30_000), "docs/power.md",
               "`whipcount coalitions --json` gives",
               frozenset({"whipcount coalitions --json", '{"members": [...], "weight": w}', "--limit", "connected",
                          "power --json", "true", "kill", "timeout", "error", "types", "counts", "kinds", "members",
                          *SCENARIO_ONLY})),
    Documented(("power", "--parlgov", "--country", "NZL"), "docs/power.md", "- `--parlgov`:", frozenset({"--parlgov", "whipcount/data/parlgov/parliament_seats.csv", "seats_total // 2 + 1", "-o FILE",
                          "-o", "-o -", "<index>", "<index>_exact", "--float", "--json", "none", "etc", "others",
                          "--max-coalitions"}),
               end="- `--game NAME`"),
    Documented(("import", "popolo", str(ROOT / "tests/fixtures/interchange/ep-popolo-examplia.json"),
                "--term", "term/2", "--rules", "gb-hc"),
               "docs/interchange.md", "An import's `--json` prints", frozenset({"-o", "warning:"})),
    Documented(("power", "--game", "eu-council-2024"), "docs/power.md", "`whipcount power --game eu-council-2024 --json`",
               values=frozenset({"whipcount power --game eu-council-2024 --json", "meet-in-the-middle",
                                 "brute-force", "false"}), also=(POWER,)),
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
    named = _named(_passage(case.file, case.start, case.end))
    printed = _keys(got)
    allowed = named | {w for also in case.also for w in _named(_passage(*also))}
    undocumented = printed - allowed
    assert not undocumented, f"{case.file}: `{' '.join(case.command)} --json` prints keys the docs do not list: " \
                             f"{sorted(undocumented)}"
    missing = {w for w in named - case.values - {"null", "true", "false"} if re.fullmatch(r"[a-z_]+", w)} - printed
    assert not missing, f"{case.file}: lists keys `{' '.join(case.command)} --json` does not print: {sorted(missing)}"
