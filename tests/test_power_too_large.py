"""Counts too large to finish are refused at once, saying how large and what to do (never a count that runs
for hours, nor a plan that fills the memory), and results of any size are written out whole: Python will
not write an integer of more than 4,300 digits unless told to, and exact counts of 14,000 players pass it."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from whipcount.power import WeightedGame, banzhaf, banzhaf_swings, shapley_shubik, swings_by_size, weighted
from whipcount.power.indices import clear_caches
from whipcount.power.weighted import TooLarge, check_work


def _words(n: int) -> int:
    """64-bit words of a count below 2**n in whipcount's moduli: 2**64 and 63-bit primes."""
    return 1 if n <= 64 else 1 + math.ceil((n - 64) / 63)


def test_a_hundred_thousand_players_are_refused_at_once_with_the_size_and_the_way_out() -> None:
    n, quota = 100_000, 50_001
    work = n * quota * _words(n)  # 7.9e12 additions: hours
    with pytest.raises(TooLarge) as caught:
        check_work(n, quota, True, "Banzhaf swings")
    text = str(caught.value)
    assert f"{work:.1e}" in text and "100,000 players" in text and "50,001 cells" in text
    assert f"{n * quota:.1e}" in text and "exact=False (--float" in text  # 5e9 in float: seconds


def test_the_benchmark_games_stay_within_the_limit() -> None:
    """The seeded games of benchmarks/power.py: Banzhaf at 1,000 players and Shapley–Shubik at 500, the sizes
    issue 17 asks to count exactly (1.8e11 additions for Shapley–Shubik: about 8 s compiled)."""
    import numpy as np

    from whipcount.power.weighted import max_losing_size

    rng = np.random.default_rng(20240410)
    games = {n: [int(w) for w in rng.integers(1, 1001, n)] for n in (100, 500, 1000)}
    w1000, w500 = games[1000], games[500]
    q1000, q500 = sum(w1000) // 2 + 1, sum(w500) // 2 + 1
    rows = max_losing_size(w500, q500) + 1
    assert 1000 * q1000 * _words(1000) <= weighted.MAX_EXACT_WORK
    assert 500 * rows * q500 * _words(500) <= weighted.MAX_EXACT_WORK
    check_work(1000, q1000, True, "Banzhaf")
    check_work(500, rows * q500, True, "Shapley–Shubik")


def test_the_limit_is_work_not_players(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the limit lowered to a small game's work, that game is counted and one a cell larger is not."""
    clear_caches()
    game = WeightedGame([3, 5, 7, 9, 11], 18)
    limit = game.n * game.quota * _words(game.n)
    monkeypatch.setattr(weighted, "MAX_EXACT_WORK", limit)
    assert sum(banzhaf(game)) == 1
    with pytest.raises(TooLarge, match="counting exactly would take"):  # total 37: 19 is its own dual
        banzhaf(WeightedGame([3, 5, 7, 9, 13], 19))
    # a higher quota is counted at its dual's (total 35: 19 at 17), a smaller table
    assert sum(banzhaf(WeightedGame([3, 5, 7, 9, 11], 19))) == 1
    clear_caches()


def test_by_default_the_command_leaves_out_an_index_too_large_and_shows_the_rest(
        run_cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Shapley–Shubik's table (players x sizes x weights) is far larger than Banzhaf's (players x
    weights): with the limit between the two, the table shows Banzhaf and says why Shapley–Shubik is not
    there; asked for by name, it is an error."""
    clear_caches()
    # twelve players, so that their 4,096 coalitions are more than either table's cells (else they are
    # counted one by one, never too large): Banzhaf counts at the dual's quota, 54 - 28 + 1 = 27
    weights, quota = [3, 5, 7, 9, 11, 13, 1, 1, 1, 1, 1, 1], 28
    rows = 10  # coalitions weighing under 28 have at most 9 players (six 1s, 3, 5, 7: 21; + 9 = 30)
    assert not weighted.by_enumeration(WeightedGame(weights, quota), rows * quota, "auto")
    monkeypatch.setattr(weighted, "MAX_EXACT_WORK", 12 * 27 * _words(12) * 2)
    r = run_cli("power", "--quota", str(quota), *map(str, weights), "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert "banzhaf" in data["indices"] and "shapley_shubik" not in data["indices"]
    assert "shapley_shubik" in data["left_out"] and "too large" not in r.out
    assert "note: shapley_shubik left out: swings by coalition size" in " ".join(r.err.split())
    asked = run_cli("power", "--quota", str(quota), *map(str, weights), "--index", "ss")
    assert asked.code == 1 and "counting exactly would take" in asked.err
    with pytest.raises(TooLarge):
        shapley_shubik(WeightedGame(weights, quota))
    clear_caches()


def test_a_count_of_five_thousand_digits_is_written_whole(capsys: pytest.CaptureFixture[str]) -> None:
    from whipcount.cli.app import emit_json, every_digit

    big = 3 * 10**5000 + 1
    emit_json({"swings": [big]})
    out = capsys.readouterr().out
    with pytest.raises(ValueError, match="4300"):  # the guard is back for what comes after
        str(big)
    assert out.startswith('{\n  "swings": [\n    3000') and len(out) > 5001
    with every_digit():  # a reader of such JSON in Python must lift the guard too
        assert json.loads(out)["swings"] == [big]


COUNTS = [0, 7, 231_525, 10**24 - 1, 10**24, 123_456_789 * 10**40, 99_999_6 * 10**60, 2**14_284 - 1, 10**5000 - 1]


@pytest.mark.parametrize("n", COUNTS, ids=[f"count{i}" for i in range(len(COUNTS))])
def test_a_table_shows_a_count_whole_up_to_24_digits_and_rounded_beyond(n: int) -> None:
    from whipcount.cli.power_tables import count_text

    text = count_text(n)
    if n < 10**24:
        assert text == str(n)
        return
    # the truth from Python's decimal arithmetic, to five significant figures
    with_digits = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        mantissa, exponent = f"{Decimal(n):.4e}".split("e")
    finally:
        sys.set_int_max_str_digits(with_digits)
    assert text == f"≈{mantissa}e+{int(exponent)}"


def test_the_digit_guard_is_lifted_only_while_writing() -> None:
    from whipcount.cli.app import every_digit

    before = sys.get_int_max_str_digits()
    with every_digit():
        assert len(str(10**6000)) == 6001
    assert sys.get_int_max_str_digits() == before


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_exact_index_of_more_than_4300_digits_is_written_whole(run_cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """Unanimity of 14,400 players: each swings in one of the 2**14399 coalitions of the others, so its Penrose
    index is 1/2**14399, a denominator of 4,335 digits; the fraction had been turned into text outside the
    lifted guard and --json stopped on a ValueError traceback."""
    from whipcount.cli.app import every_digit

    n = 14_400
    r = run_cli("power", "--quota", str(n), *["1"] * n, "--index", "penrose", "--format", fmt)
    assert r.code == 0, r.err[-500:]
    with every_digit():
        if fmt == "json":
            cells = json.loads(r.out)["indices"]["penrose"]
            assert {Fraction(c["exact"]) for c in cells} == {Fraction(1, 2 ** (n - 1))}
        else:
            rows = list(csv.DictReader(io.StringIO(r.out)))
            assert len(rows) == n
            assert {(int(row["penrose_exact_num"]), int(row["penrose_exact_den"])) for row in rows} == {(1, 2 ** (n - 1))}


@pytest.mark.parametrize("method", ["tables", "modular"])
def test_an_arithmetic_asked_by_name_that_needs_a_table_too_large_says_auto_does_not(method: str) -> None:
    """Nine players, three of 10**18 + 7 votes and six small ones, at a quota only the three together reach: by
    hand each of the three swings in the 2**6 coalitions of the six small ones with the other two, the rest never.
    method='tables' had been refused as too large with advice to use 'fewer players'; 'auto' counts it over its
    512 coalitions."""
    big = 10**18 + 7
    game = WeightedGame([1, 2, 2, big, big, 2, big, 2, 2 * 10**15], 2 * big + 2 * 10**15 + 10)
    assert banzhaf_swings(game) == (0, 0, 0, 64, 64, 0, 64, 0, 0)
    for count in (banzhaf_swings, swings_by_size):
        clear_caches()
        with pytest.raises(TooLarge, match=f"method='auto' counts this game without that table \\(method='{method}'"):
            count(game, method=method)  # type: ignore[operator]
