"""``whipcount power`` with its default indices leaves out an index whose count is too large, and shows the
others (docs/power.md). Two paths had failed the whole command instead: the swings column, counted even
when Banzhaf itself was left out, and a table refused for its memory (74.5 GiB) rather than for its work.

The game: three members of 10**10 votes and 30 of one vote, quota 2 * 10**10. By hand, any two of the three
win and nothing else matters, so the minimal winning coalitions are the three pairs: Holler–Packel and
Deegan–Packel give each of the three 1/3 and each one-vote member 0.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction

import pytest

from conftest import CliResult

GIANT = 10**10
GAME = ("--quota", str(2 * GIANT), *[str(GIANT)] * 3, *["1"] * 30)


def test_the_default_set_shows_what_can_be_counted(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", *GAME, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    for key in ("holler_packel", "deegan_packel"):
        assert [Fraction(c["exact"]) for c in data["indices"][key]] == [Fraction(1, 3)] * 3 + [Fraction(0)] * 30
    assert {"banzhaf", "shapley_shubik", "swings"} <= set(data["left_out"])
    assert data["swings"] is None
    assert "swings left out" in " ".join(result.err.split())


def test_an_index_asked_for_is_still_an_error(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", *GAME, "--index", "banzhaf")
    assert result.code == 1
    assert "error:" in result.err and "GiB" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_nothing_to_show_is_one_error(run_cli: Callable[..., CliResult], extra: tuple[str, ...]) -> None:
    """With at most one coalition to list, the three pairs are too many: no index is left to show."""
    result = run_cli("power", *GAME, "--max-coalitions", "1", *extra)
    assert result.code == 1 and result.out == ""
    assert "no index could be computed" in result.err and "Traceback" not in result.err
