"""An option that takes one of a fixed set of words says which it knows and the one nearest what was given, in
the library and on the command line alike: ``hemicycle(..., by='stanse')`` and ``whipcount chart --by stanse``
had listed the words with no hint, and a report's unknown layout failed only once a seat chart was drawn."""

from __future__ import annotations

import importlib
from typing import Any

import click
import pytest

from whipcount.charts import hemicycle, render_hemicycle
from whipcount.charts.geometry import place
from whipcount.charts.hemicycle import StanceBlock, hemicycle_seats
from whipcount.charts.raster import card_svg
from whipcount.cli.main import COMMANDS, cli
from whipcount.errors import ChartError
from whipcount.model import Scenario
from whipcount.report.html import build_report


@pytest.mark.parametrize(("call", "nearest"), [
    (lambda sc: hemicycle(sc, by="stanse"), "stance"),
    (lambda sc: hemicycle(sc, layout="westminister"), "westminster"),
    (lambda sc: hemicycle(sc.state(None), layout="horsehoe"), "horseshoe"),
    (lambda sc: render_hemicycle(sc.state(None), layout="archh"), "arch"),
    (lambda sc: hemicycle_seats(sc.state(None), by="sides"), "side"),
    (lambda sc: place("arc", [10, 10, 0]), "arch"),
    (lambda sc: build_report(sc, layout="horse-shoe"), "horseshoe"),
    (lambda sc: card_svg('<svg viewBox="0 0 10 10"/>', preset="socail"), "social"),
    (lambda sc: hemicycle(sc, by="stance", stances=[StanceBlock("pti", "government", "yse", 1)]), "yes"),
    (lambda sc: hemicycle_seats(sc.state(None), side_order=["goverment"]), "government"),
])
def test_library_options_name_the_nearest(pakistan: Scenario, call: Any, nearest: str) -> None:
    with pytest.raises(ChartError, match=rf"expected .*; did you mean '{nearest}'\?$"):
        call(pakistan)


def test_no_hint_where_nothing_is_near(pakistan: Scenario) -> None:
    with pytest.raises(ChartError) as info:
        hemicycle(pakistan, layout="circle")
    assert str(info.value) == "layout: expected one of 'arch', 'westminster', 'horseshoe', got 'circle'"


@pytest.mark.parametrize(("args", "said"), [
    (("chart", "pk-na-2022", "--by", "stanse", "-o", "-"),
     "Invalid value for '--by': 'stanse' is not one of 'party', 'stance', 'side'; did you mean 'stance'?"),
    (("chart", "pk-na-2022", "--layout", "arc", "-o", "-"), "did you mean 'arch'?"),
    (("cases", "--format", "jsn"), "did you mean 'json'?"),
    (("forecast", "pk-na-2022", "--method", "exakt"), "did you mean 'exact'?"),
    (("chart", "pk-na-2022", "-o", "out.sgv"), "expected a file ending in .svg, .png, .html; did you mean '.svg'?"),
])
def test_command_line_options_name_the_nearest(run_cli: Any, args: tuple[str, ...], said: str) -> None:
    r = run_cli(*args)
    assert r.code == 1 and said in r.err and r.out == ""


def test_every_choice_of_every_command_names_the_nearest() -> None:
    """A command added with a plain click.Choice would list its words with no hint."""
    from whipcount.cli.params import Choice

    for module in {m for m, _ in COMMANDS.values()}:
        importlib.import_module(module)
    plain = []
    stack: list[tuple[str, click.Command]] = [("whipcount", cli)]
    while stack:
        path, command = stack.pop()
        if isinstance(command, click.Group):
            stack += [(f"{path} {n}", c) for n, c in command.commands.items()]
        plain += [f"{path} {p.name}" for p in command.params
                  if isinstance(p.type, click.Choice) and not isinstance(p.type, Choice)]
    assert plain == []
