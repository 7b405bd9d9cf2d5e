"""``whipcount power`` with its default indices leaves out an index whose count is too large, and shows the
others (docs/power.md). Two paths had failed the whole command instead: the swings column, counted even
when Banzhaf itself was left out, and a table refused for its memory (74.5 GiB) rather than for its work.

The game: three members of about 10**10 votes (A = 10**10, B = A + 1, C = A + 2) and 38 of one vote, quota
B + C + 38. By hand: A, B and C win together, and B and C win with all 38 one-vote members (A and C with
them weigh one vote short); so the minimal winning coalitions are {A, B, C} and {B, C, the 38}. Nothing in
the weights makes a smaller game of the same coalitions (no common factor, every one-vote member decides
somewhere: whipcount.power.reduction), and 41 players are too many to count over their coalitions.
Holler–Packel: A 1/43, B and C 2/43, each one-vote member 1/43; Deegan–Packel: A (1/3) / 2, B and C
(1/3 + 1/40) / 2, each one-vote member (1/40) / 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction

import pytest

from conftest import CliResult

GIANT = 10**10
GAME = ("--quota", str(2 * GIANT + 3 + 38), str(GIANT), str(GIANT + 1), str(GIANT + 2), *["1"] * 38)


def test_the_default_set_shows_what_can_be_counted(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", *GAME, "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    hp = [Fraction(1, 43), Fraction(2, 43), Fraction(2, 43)] + [Fraction(1, 43)] * 38
    both = (Fraction(1, 3) + Fraction(1, 40)) / 2
    dp = [Fraction(1, 6), both, both] + [Fraction(1, 80)] * 38
    for key, expect in (("holler_packel", hp), ("deegan_packel", dp)):
        assert [Fraction(c["exact"]) for c in data["indices"][key]] == expect
    assert {"banzhaf", "shapley_shubik", "swings"} <= set(data["left_out"])
    assert data["swings"] is None
    assert "swings left out" in " ".join(result.err.split())


def test_an_index_asked_for_is_still_an_error(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", *GAME, "--index", "banzhaf")
    assert result.code == 1
    assert "error:" in result.err and "GiB" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_nothing_to_show_is_one_error(run_cli: Callable[..., CliResult], extra: tuple[str, ...]) -> None:
    """With at most one coalition to list, the two minimal winning coalitions are too many: no index is left to show."""
    result = run_cli("power", *GAME, "--max-coalitions", "1", *extra)
    assert result.code == 1 and result.out == ""
    assert "no index could be computed" in result.err and "Traceback" not in result.err
