"""Fuzzing every reader with random mutations of valid files: each either reads the file or refuses it
with a WhipcountError (one line, the file named); never another exception. A fixed budget keeps CI quick
(``WHIPCOUNT_HYPOTHESIS_PROFILE=thorough`` runs a thousand cases each)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whipcount.errors import WhipcountError
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.csvio import export_csv, import_csv
from whipcount.io.popolo import export_popolo, import_popolo
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.writer import dump_scenario
from whipcount.io.yamlsource import load_json_text, load_yaml_text

CONSTITUTION = """\
id: fuzzed
name: Fuzzed
country: Somewhere
seats: [{seats: 101, start: 2000-01-01, end: null, source: "https://example.org/s"}]
motions:
  - kind: no-confidence
    threshold: {basis: votes-cast, fraction: "1/2", tie: casting-vote, tie_convention: "no", quorum: {fraction: "1/3"}}
    source: {article: "Art. 1", url: "https://example.org/c"}
    movers: {count: 10}
    window: {min_days: 3, max_days: 7, after: motion-filed}
"""


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random edits: a span deleted, duplicated or replaced, a character changed."""
    for _ in range(draw(st.integers(1, 3))):
        if not text:
            break
        i = draw(st.integers(0, len(text) - 1))
        j = draw(st.integers(i, min(len(text), i + 40)))
        op = draw(st.sampled_from(["delete", "duplicate", "replace", "insert"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "replace":
            text = text[:i] + draw(st.sampled_from(["", "-", ":", "[", "{", "*a", "&a ", "'", "\"", "\n", "0",
                                                    "-1", "1e999", "<<: ", "? ", "\t", "null", "yes"])) + text[j:]
        else:
            text = text[:i] + draw(st.text(max_size=8)) + text[i:]
    return text


SCENARIO_TEXT = dump_scenario(load_scenario("pk-na-2022"))
POPOLO_TEXT = json.dumps(export_popolo(load_scenario("pk-na-2022")))
CSV_TEXT = export_csv(load_scenario("pk-na-2022"), kind="seats")

READERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "scenario": (SCENARIO_TEXT, lambda t: parse_scenario(load_yaml_text(t, "fuzz.yaml"), base=Path("."))),
    "constitution": (CONSTITUTION, lambda t: parse_constitution_text(t, "fuzz.yaml")),
    "popolo": (POPOLO_TEXT, lambda t: import_popolo(load_json_text(t, "fuzz.json"), "fuzz.json", rules="pk-na")),
    "csv": (CSV_TEXT, lambda t: import_csv(t, "fuzz.csv", rules="pk-na", as_of=dt.date(2022, 3, 8))),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_mutated_file_is_read_or_refused_in_words(reader: str) -> None:
    text, read = READERS[reader]
    read(text)  # the unmutated file reads

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])
    @given(mutated(text))
    def check(bad: str) -> None:
        try:
            read(bad)
        except WhipcountError as exc:
            message = str(exc)
            assert "fuzz" in message and "\n" not in message.strip() and len(message) < 1000, message

    check()
