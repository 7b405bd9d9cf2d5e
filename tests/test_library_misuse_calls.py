"""The library's other doors given the wrong things from code: a judgement without its yes votes, a chart of
a scenario where a state goes, a date or a count as text, a scenario named by None, a Popolo import told its
options as text. Each is an :class:`~whipcount.errors.ArgumentError` naming the argument and what it
expects; each was an ``AttributeError`` or ``TypeError`` from inside.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import whipcount
from whipcount import Division, Scenario
from whipcount.charts import hemicycle, render_forecast, render_hemicycle, render_timeline
from whipcount.errors import ArgumentError
from whipcount.io.popolo import export_popolo, import_popolo
from whipcount.rules import judge, judge_division

D = dt.date


@pytest.fixture(scope="module")
def pakistan() -> Scenario:
    return whipcount.load_scenario("pk-na-2022")


CALLS: list[tuple[str, Callable[[Scenario], object], tuple[str, ...]]] = [
    ("judge yes=None", lambda sc: judge("pk-na", "no-confidence", yes=None, seats=342), ("yes:", "None")),
    ("judge_division None", lambda sc: judge_division("pk-na", "no-confidence", None, seats=342, vacancies=1,
                                                      on=None), ("division:", "Division(")),
    ("render_hemicycle(scenario)", lambda sc: render_hemicycle(sc), ("state:", "scenario.state(date)")),
    ("render_hemicycle needed", lambda sc: render_hemicycle(sc.state(D(2022, 3, 30)), needed="172"),
     ("needed:", "'172'")),
    ("hemicycle(chamber)", lambda sc: hemicycle(sc.chamber), ("source:", "Chamber")),
    ("render_timeline(state)", lambda sc: render_timeline(sc.state(D(2022, 3, 30))), ("scenario:",)),
    ("render_timeline start", lambda sc: render_timeline(sc, start="2022-03-01"), ("start:", "fromisoformat")),
    ("render_timeline needed", lambda sc: render_timeline(sc, needed=172.5), ("needed:", "172.5")),
    ("render_forecast needed", lambda sc: render_forecast([0.5, 0.5], needed=0.5), ("needed:", "0.5")),
    ("load_scenario(None)", lambda sc: whipcount.load_scenario(None), ("ref:", "None")),
    ("load_scenario(3)", lambda sc: whipcount.load_scenario(3), ("ref:", "int")),
    ("export_popolo(None)", lambda sc: export_popolo(None), ("scenario:", "None")),
    ("import_popolo rules", lambda sc: import_popolo(export_popolo(sc), rules=3), ("rules:", "int")),
    ("import_popolo as_of", lambda sc: import_popolo(export_popolo(sc), as_of="2022-03-08"), ("as_of:",)),
    ("import_popolo seats", lambda sc: import_popolo(export_popolo(sc), seats="342"), ("seats:", "'342'")),
]


@pytest.mark.parametrize(("call", "named"), [(c, n) for _, c, n in CALLS], ids=[i for i, _, _ in CALLS])
def test_a_wrong_argument_is_an_argument_error_naming_it(pakistan: Scenario, call: Callable[[Scenario], Any],
                                                         named: tuple[str, ...]) -> None:
    with pytest.raises(ArgumentError) as info:
        call(pakistan)
    for word in named:
        assert word in str(info.value), str(info.value)


def test_the_right_arguments_still_give_the_record(pakistan: Scenario) -> None:
    # 174 of 342 voted for the motion of 10 April 2022, one seat vacant: 172 were needed (Art. 95)
    assert judge_division("pk-na", "no-confidence", Division(yes=174), seats=342, vacancies=1, on=None).passed
    assert render_hemicycle(pakistan.state(D(2022, 3, 30)), needed=172).startswith("<svg")
    assert import_popolo(export_popolo(pakistan)).scenario.state(D(2022, 3, 30)).sides()["opposition"] == 177
