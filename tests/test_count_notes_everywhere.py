"""The count's own notes (a stance whose seats are gone lapses; the chair taken out of the vote; sides of the
chamber's own names read as undecided) are said by every command that shows the count's bar: count, forecast and
what-if, in text and in --json, not by count alone.

The truth: pk-na-2022's log as typed, AML holding one seat with the government (its resignation here is made up
for the test, so that a stance of 20 March on that seat lapses)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.model import Event, Stance

LAPSED = "the stance of 2022-03-20 lapses"


@pytest.fixture(scope="module")
def lapsed_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pk = load_scenario("pk-na-2022")
    gone = Event(date=dt.date(2022, 3, 25), kind="resign", party="aml", seats=1)
    sc = dataclasses.replace(pk, events=tuple(sorted((*pk.events, gone), key=lambda e: e.date)),
                             stances=(Stance(dt.date(2022, 3, 20), "no", party="aml"),))
    path = tmp_path_factory.mktemp("notes") / "lapsed.yaml"
    path.write_text(dump_scenario(sc), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["count"], ["forecast", "--method", "exact"], ["what-if", "--absent", "pti"]])
def test_a_lapsed_stance_is_said_by_every_counting_command(run_cli: Callable[..., Any], lapsed_case: Path,
                                                            command: list[str]) -> None:
    text = run_cli(command[0], str(lapsed_case), "--on", "2022-03-26", *command[1:])
    assert text.code == 0, text.err
    said = " ".join(text.out.split())
    assert "'aml' holds no seats" in said and LAPSED in said
    data = json.loads(run_cli(command[0], str(lapsed_case), "--on", "2022-03-26", *command[1:], "--json").out)
    assert any(LAPSED in n for n in data["notes"])
    # the day before the resignation the stance holds: nothing lapses, and no command says it did
    before = run_cli(command[0], str(lapsed_case), "--on", "2022-03-24", *command[1:])
    assert before.code == 0 and LAPSED not in " ".join(before.out.split())
