"""Half weight tables (whipcount.power.halves): every path that keeps only the cells up to half the weight
so far ends with every cell below the cap as brute force counts it, over every subset."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.power import dp, halves, modular

from .test_power_compiled import _weight_counts as _brute

games = st.lists(st.one_of(st.integers(0, 3), st.integers(1, 40)), min_size=1, max_size=11).flatmap(
    lambda ws: st.tuples(st.just(ws), st.integers(1, sum(ws) + 3)))  # caps below, at and above half the total


@settings(max_examples=150, deadline=None)
@given(games)
def test_every_half_table_path_counts_as_brute_force(game: tuple[list[int], int]) -> None:
    """int64, float64 (rescaled by 2**n) and the residues modulo 2**64 and a prime, with players of weight
    0, players at or above the cap and caps past half the total (whose upper cells are mirror images)."""
    weights, cap = game
    truth = _brute(weights, cap)
    exact = dp.weight_table(weights, cap, dp.Arithmetic("int64"))[0]
    assert [int(v) for v in exact] == truth
    scaled = dp.weight_table(weights, cap, dp.Arithmetic("float64"))[0] * 2.0 ** len(weights)
    assert [round(float(v)) for v in scaled] == truth
    for m in (modular.WORD, modular.primes_below(44, 1)[0]):
        residues = modular._weight_residues(weights, cap, m)
        assert [int(v) % m for v in residues] == [c % m for c in truth]


@pytest.mark.parametrize("total", range(9))
def test_the_kept_half_reaches_the_middle_cell_and_no_further(total: int) -> None:
    """Cells 0 .. total // 2: with their mirrors total - y they are every cell 0 .. total once or twice."""
    top = halves.kept(total, cap=100)
    assert set(range(top)) | {total - y for y in range(top)} == set(range(total + 1))
    assert top - 1 <= total - (top - 1)  # the last kept cell is at or below its mirror
    assert halves.kept(total, cap=2) == min(2, top)


def test_a_step_leaves_the_cells_past_its_top_as_they_were() -> None:
    """The out-of-place buffer past the new top holds an older table's zeros: a step does not touch it."""
    a = np.array([1, 2, 1, 0, 0, 0, 0], dtype=np.int64)  # two players of weight 1, cells 0 .. 2 kept of 0 .. 2
    b = np.full(7, -7, dtype=np.int64)
    top = halves.step(a, b, 3, total=2, top=2, cap=7)  # a player of weight 3: total 5, cells 0 .. 2 kept
    assert top == 3
    assert b.tolist() == [1, 2, 1, -7, -7, -7, -7]
    halves.unfold(b, total=5, top=3, cap=7)
    assert b.tolist() == [1, 2, 1, 1, 2, 1, 0]  # weights 1, 1, 3: cell 6 is past the total
