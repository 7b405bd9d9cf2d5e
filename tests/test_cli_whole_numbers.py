"""Every whole number an option takes is refused in words when it has more digits than a file may hold: Python
turns at most 4,300 digits into an integer, and click had said of 5,000 nines "is not a valid integer" (or "is
not a valid integer range"). The weights of `power --quota Q W1 W2 ...` are read the same way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
import pytest

from cli_commands import leaf_commands
from whipcount.cli.numbers import MAX_DIGITS

NINES = "9" * 5000
SAID = f"expected a whole number of at most {MAX_DIGITS} digits, got one of 5,000 digits"


def _whole_options() -> list[tuple[tuple[str, ...], str]]:
    return [(path, param.opts[0]) for path, command in leaf_commands() for param in command.params
            if isinstance(param, click.Option) and isinstance(param.type, click.types.IntParamType)]


def test_there_are_whole_number_options_to_check() -> None:
    found = {opt for _, opt in _whole_options()}
    assert {"--sims", "--seed", "--quota", "--seats", "--yes", "--port", "--rows"} <= found


@pytest.mark.parametrize(("path", "option"), _whole_options(), ids=lambda x: " ".join(x) if isinstance(x, tuple) else x)
def test_a_number_of_5000_digits_is_refused_in_words(run_cli: Callable[..., Any], path: tuple[str, ...],
                                                     option: str) -> None:
    r = run_cli(*path, option, NINES)
    assert r.code == 1, r.err
    assert SAID in r.err and "not a valid integer" not in r.err


def test_a_weight_of_5000_digits_is_refused_in_words(run_cli: Callable[..., Any]) -> None:
    r = run_cli("power", "--quota", "5", NINES, "3")
    assert r.code != 0 and f"W1 (weight 1 of 2): {SAID}" in r.err


def test_a_whole_number_within_the_digits_is_read_as_before(run_cli: Callable[..., Any]) -> None:
    r = run_cli("power", "--quota", "3", "2", "2", "1", "--json")
    assert r.code == 0, r.err
    r = run_cli("forecast", "pk-na-2022", "--sims", "0")
    assert r.code == 1 and "expected a whole number from 1 to 100,000,000, got 0" in r.err


def test_a_hundred_digits_are_read_and_a_hundred_and_one_are_not(run_cli: Callable[..., Any]) -> None:
    hundred = "9" * MAX_DIGITS
    r = run_cli("power", "--quota", hundred, "2", "2")
    assert r.code == 1 and "digits" not in r.err  # read, and refused for what it is: above the total weight
    r = run_cli("power", "--quota", hundred + "9", "2", "2")
    assert r.code == 1 and f"at most {MAX_DIGITS} digits, got one of {MAX_DIGITS + 1} digits" in r.err
    assert run_cli("power", "--quota", "2", "-" + hundred[1:] + "9", "2").err.count("digits") == 0


def test_a_long_text_that_is_no_number_is_still_called_no_number(run_cli: Callable[..., Any]) -> None:
    r = run_cli("forecast", "pk-na-2022", "--seed", "1" * 150 + "x")
    assert r.code == 1 and "expected a whole number, got '111" in r.err and "digits" not in r.err
