"""An exact power index in a CSV is given as numbers too: a spreadsheet opening ``1/2`` or ``9/14`` reads a
date (2 January, 14 September), so ``power --format csv`` and ``power --parlgov`` write each fraction's
numerator and denominator in columns of their own (``banzhaf_exact_num``, ``banzhaf_exact_den``), beside the
text ``banzhaf_exact``."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from fractions import Fraction

from conftest import CliResult


def test_a_weighted_game_s_fractions_are_numbers(run_cli: Callable[..., CliResult]) -> None:
    """Quota 4, weights 3, 2, 2, by hand: the 3 turns {2} and the other {2} from losing to winning, and each
    2 turns {3} and {2}: two swings each of six, Banzhaf 1/3; Penrose 2 of the 4 coalitions of the others, 1/2."""
    r = run_cli("power", "--quota", "4", "3", "2", "2", "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    for row in rows:
        assert (row["banzhaf_exact_num"], row["banzhaf_exact_den"]) == ("1", "3")
        assert (row["penrose_exact_num"], row["penrose_exact_den"]) == ("1", "2")
        for column in [c for c in row if c.endswith("_exact")]:
            num, den = int(row[f"{column}_num"]), int(row[f"{column}_den"])
            assert Fraction(num, den) == Fraction(row[column])
            assert abs(num / den - float(row[column.removesuffix("_exact")])) < 1e-12


def test_the_parlgov_sweep_s_fractions_are_numbers(run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("power", "--parlgov", "--country", "DEU")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows
    for row in rows:
        if row["banzhaf_exact"]:
            num, den = int(row["banzhaf_exact_num"]), int(row["banzhaf_exact_den"])
            assert Fraction(num, den) == Fraction(row["banzhaf_exact"])
            assert abs(num / den - float(row["banzhaf"])) < 1e-12
