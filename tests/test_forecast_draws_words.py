"""One Monte Carlo draw is "1 draw", wherever the number of draws is said; more are "1,000 draws"."""

from __future__ import annotations

from collections.abc import Callable

from conftest import CliResult
from whipcount.tally.settings import draws_words


def test_draws_in_words() -> None:
    assert (draws_words(1), draws_words(2), draws_words(100_000)) == ("1 draw", "2 draws", "100,000 draws")


def test_forecast_and_what_if_of_one_draw(run_cli: Callable[..., CliResult]) -> None:
    one = run_cli("forecast", "pk-na-2022", "--method", "monte-carlo", "--sims", "1", "--seed", "3")
    assert one.code == 0, one.err
    assert "(monte-carlo, 1 draw, seed 3," in one.out
    many = run_cli("what-if", "pk-na-2022", "--switch", "mqm-p", "--method", "monte-carlo", "--sims", "1000",
                   "--seed", "3")
    assert "(seed 3, 1,000 draws)" in many.out
    again = run_cli("what-if", "pk-na-2022", "--switch", "mqm-p", "--method", "monte-carlo", "--sims", "1",
                    "--seed", "3")
    assert "(seed 3, 1 draw)" in again.out
