"""A number option given text that is no number says what it expected, in a reader's words.

click had answered `--yes 17a` with "'17a' is not a valid integer range" and `--scale x` with "'x' is not a
valid float": words of a programming language, and "range" reads as if a range were asked for. Every option
that takes a number now says "expected a whole number from 0 to 100,000, got '17a'" (or "a number").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
import pytest

from cli_commands import leaf_commands


def _number_options() -> list[tuple[tuple[str, ...], str, bool]]:
    return [(path, param.opts[0], isinstance(param.type, click.types.IntParamType))
            for path, command in leaf_commands() for param in command.params
            if isinstance(param, click.Option)
            and isinstance(param.type, click.types.IntParamType | click.types.FloatParamType)]


def test_there_are_number_options_of_both_kinds() -> None:
    found = {(opt, whole) for _, opt, whole in _number_options()}
    assert {("--yes", True), ("--sims", True), ("--port", True), ("--scale", False), ("--cohesion", False)} <= found


@pytest.mark.parametrize(("path", "option", "whole"), _number_options(),
                         ids=lambda x: " ".join(x) if isinstance(x, tuple) else str(x))
def test_text_that_is_no_number_is_refused_in_words(run_cli: Callable[..., Any], path: tuple[str, ...],
                                                    option: str, whole: bool) -> None:
    r = run_cli(*path, option, "17a")
    assert r.code == 1 and r.out == ""
    expected = "expected a whole number" if whole else "expected a number"
    assert expected in r.err and r.err.rstrip().endswith("got '17a'"), r.err
    assert "valid integer" not in r.err and "valid float" not in r.err and "Traceback" not in r.err


@pytest.mark.parametrize(("args", "said"), [
    (["outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "17a"],
     "Invalid value for '--yes': expected a whole number from 0 to 100,000, got '17a'"),
    (["power", "--quota", "x", "2", "2"], "Invalid value for '--quota' / '-q': expected a whole number of 1 or more, got 'x'"),
    (["chart", "pk-na-2022", "-o", "-", "--scale", "big"], "Invalid value for '--scale': expected a number, got 'big'"),
    (["forecast", "pk-na-2022", "--cohesion", "most"],
     "Invalid value for '--cohesion': expected a number from 0 to 1, got 'most'"),
])
def test_the_words_name_the_range(run_cli: Callable[..., Any], args: list[str], said: str) -> None:
    r = run_cli(*args)
    assert r.code == 1 and r.err == f"error: {said}\n"


def test_numbers_are_read_as_before(run_cli: Callable[..., Any]) -> None:
    r = run_cli("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", " 174", "--seats", "342", "--json")
    assert r.code == 0 and '"passed": true' in r.out, r.err
    r = run_cli("forecast", "pk-na-2022", "--sims", "1_000", "--seed", "3", "--cohesion", "0.9", "--json")
    assert r.code == 0, r.err
    assert run_cli("chart", "pk-na-2022", "-o", "-", "--scale", "nan").err == (
        "error: Invalid value for '--scale': expected a number, got nan\n")


def _ranged_options() -> list[tuple[tuple[str, ...], click.Option]]:
    return [(path, param) for path, command in leaf_commands() for param in command.params
            if isinstance(param, click.Option) and isinstance(param.type, click.IntRange | click.FloatRange)]


def test_every_ranged_option_says_its_range_in_words_in_the_help() -> None:
    """click's help gives a range as ``[x>=0]`` or ``0<=x<=100000`` and the metavar ``INTEGER RANGE``: an x the
    reader never typed, and "range" as if a range were asked for."""
    ranged = _ranged_options()
    assert len(ranged) >= 10
    for path, option in ranged:
        ctx = click.Context(click.Command(path[-1]))
        name, help_text = option.get_help_record(ctx) or ("", "")
        assert "RANGE" not in name and "x>=" not in help_text and "<=x" not in help_text and "x<" not in help_text, (
            path, name, help_text)


@pytest.mark.parametrize(("args", "said"), [
    (["forecast", "pk-na-2022", "--swing", "-1"], "'--swing': expected a number of 0 or more, got -1"),
    (["outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "100001"],
     "'--yes': expected a whole number from 0 to 100,000, got 100001"),
    (["forecast", "pk-na-2022", "--cohesion", "1.5"], "'--cohesion': expected a number from 0 to 1, got 1.5"),
])
def test_a_number_out_of_its_range_is_refused_in_words(run_cli: Callable[..., Any], args: list[str],
                                                       said: str) -> None:
    r = run_cli(*args)
    assert r.code == 1 and r.err == f"error: Invalid value for {said}\n"


def test_every_ranged_option_refuses_the_number_below_its_range_in_words(run_cli: Callable[..., Any]) -> None:
    """Each option with a lower end, given one below it: "expected ... got N", never click's "is not in the range"."""
    for path, option in _ranged_options():
        low = option.type.min  # type: ignore[attr-defined]
        if low is None or "--help" in option.opts:
            continue
        below = str(int(low) - 1) if isinstance(option.type, click.IntRange) else str(low - 1)
        r = run_cli(*path, option.opts[0], below)
        assert r.code != 0 and "is not in the range" not in r.err and "expected a" in r.err, (path, option.opts, r.err)
